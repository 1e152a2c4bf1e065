/**
 * The store's mechanics, knowing no feature: a state made of slices, one reducer per slice, and listeners. The
 * app lists the slices (app/store.ts); each feature owns its slice's state, initial value and reducer.
 *
 * Every slice reducer sees every action and the whole state before it, so a feature may follow another's action
 * (compose resets its ratio pick when the target changes shape) while still writing only its own slice.
 */
import type { Server } from './rpc';

export type Dispatch<A> = (...actions: A[]) => void;

/**
 * A slice's reducer: its own slice in and out, the state before the action to read from. Written as a method so
 * a feature can name only the actions it handles and the slices it reads, yet be handed every action and the
 * whole state (its switch passes the others by).
 */
export type Reducer<S, A, Before = unknown> = {
  reduce(slice: S, action: A, before: Before): S;
}['reduce'];

/** One reducer for the whole state, from one per slice. */
export function combine<S extends object, A>(reducers: { readonly [K in keyof S]: Reducer<S[K], A, S> }) {
  const keys = Object.keys(reducers) as (keyof S)[];
  return (state: S, action: A): S => {
    const next = { ...state };
    for (const k of keys) next[k] = reducers[k](state[k], action, state);
    // Unchanged slices keep the state itself unchanged, so listeners only hear about real changes.
    return keys.every((k) => next[k] === state[k]) ? state : next;
  };
}

export interface Store<S, A> {
  get(): S;
  /** Applies the actions in order and tells listeners once: one event is one change on screen. */
  dispatch: Dispatch<A>;
  subscribe(listener: () => void): () => void;
}

export function createStore<S, A>(reducer: (state: S, action: A) => S, state: S): Store<S, A> {
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(...actions) {
      const next = actions.reduce(reducer, state);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What every feature's actions are built from; `S` is the part of the state the feature reads. */
export interface Context<S, A> {
  readonly server: Server;
  readonly store: Store<S, A>;
  readonly now: () => number;
  /** Resolves after `ms` on the same clock as `now` (countdowns before a call goes again). */
  readonly wait: (ms: number) => Promise<void>;
}
