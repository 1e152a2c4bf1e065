/**
 * The sidebar's state, composed from feature slices. Each feature under `features/<name>/` owns one slice (its
 * state, initial value and reducer in `state.ts`) and its controller actions (`actions.ts`); this root only lists
 * them. A new feature (an edit thread, a reference tray, a batch job) adds its folder, one key in `State`,
 * `initialState` and `reducer`, and its actions to the `Action` union: the other slices stay as they are.
 *
 * Every slice reducer sees every action and the whole state before it, so a feature may follow another's action
 * (compose resets its ratio pick when session's target changes shape) while still writing only its own slice.
 * The shared slice, `session`, holds what all features talk through: the host, the target, the status line,
 * the error, which call keeps the sidebar busy, and the document's running cost.
 */

import { type ComposeAction, type ComposeState, composeInitial, reduceCompose } from './features/compose/state';
import { type InsertAction, type InsertState, insertInitial, reduceInsert } from './features/insert/state';
import { type JobAction, type JobState, jobInitial, reduceJob } from './features/job/state';
import {
  type ReferencesAction,
  type ReferencesState,
  reduceReferences,
  referencesInitial,
} from './features/references/state';
import { type ResultsAction, type ResultsState, reduceResults, resultsInitial } from './features/results/state';
import { reduceSession, type SessionAction, type SessionState, sessionInitial } from './features/session/state';
import { reduceSettings, type SettingsAction, type SettingsState, settingsInitial } from './features/settings/state';
import { reduceStyle, type StyleAction, type StyleState, styleInitial } from './features/style/state';
import { reduceThread, type ThreadAction, type ThreadState, threadInitial } from './features/thread/state';
import type { Server } from './rpc';

export interface State {
  readonly session: SessionState;
  readonly compose: ComposeState;
  readonly results: ResultsState;
  readonly settings: SettingsState;
  readonly insert: InsertState;
  readonly thread: ThreadState;
  readonly references: ReferencesState;
  readonly style: StyleState;
  readonly job: JobState;
}

export type Action =
  | SessionAction
  | ComposeAction
  | ResultsAction
  | SettingsAction
  | InsertAction
  | ThreadAction
  | ReferencesAction
  | StyleAction
  | JobAction;

/** A slice's reducer: its own slice in and out, the whole state before the action to read from. */
export type SliceReducer<S> = (slice: S, action: Action, before: State) => S;

export const initialState: State = {
  session: sessionInitial,
  compose: composeInitial,
  results: resultsInitial,
  settings: settingsInitial,
  insert: insertInitial,
  thread: threadInitial,
  references: referencesInitial,
  style: styleInitial,
  job: jobInitial,
};

export function reducer(state: State, action: Action): State {
  const next: State = {
    session: reduceSession(state.session, action, state),
    compose: reduceCompose(state.compose, action, state),
    results: reduceResults(state.results, action, state),
    settings: reduceSettings(state.settings, action, state),
    insert: reduceInsert(state.insert, action, state),
    thread: reduceThread(state.thread, action, state),
    references: reduceReferences(state.references, action, state),
    style: reduceStyle(state.style, action, state),
    job: reduceJob(state.job, action, state),
  };
  // Unchanged slices keep the state itself unchanged, so listeners only hear about real changes.
  return (Object.keys(next) as (keyof State)[]).every((k) => next[k] === state[k]) ? state : next;
}

export interface Store {
  get(): State;
  /** Applies the actions in order and tells listeners once: one event is one change on screen. */
  dispatch(...actions: Action[]): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(state: State = initialState): Store {
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

/** What every feature's actions are built from. */
export interface Context {
  readonly server: Server;
  readonly store: Store;
  readonly now: () => number;
  /** Resolves after `ms` on the same clock as `now` (countdowns before a call goes again). */
  readonly wait: (ms: number) => Promise<void>;
}
