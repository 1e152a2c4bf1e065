/**
 * The sidebar's state, composed from feature slices. Each feature under `features/<name>/` owns one slice (its
 * state, initial value and reducer in `state.ts`) and its actions (`actions.ts`); this root only lists them. A
 * new feature adds its folder, one key in `State`, `initialState` and `reducer`, and its actions to the `Action`
 * union: the other slices stay as they are.
 *
 * The shared slice, `session`, holds what all features talk through: the host, the target, the status line,
 * the error, which call keeps the sidebar busy, and the document's running cost.
 */

import { type ComposeAction, type ComposeState, composeInitial, reduceCompose } from '../features/compose/state';
import { type InsertAction, type InsertState, insertInitial, reduceInsert } from '../features/insert/state';
import { type JobAction, type JobState, jobInitial, reduceJob } from '../features/job/state';
import {
  type ReferencesAction,
  type ReferencesState,
  reduceReferences,
  referencesInitial,
} from '../features/references/state';
import { type ResultsAction, type ResultsState, reduceResults, resultsInitial } from '../features/results/state';
import { reduceSession, type SessionAction, type SessionState, sessionInitial } from '../features/session/state';
import { reduceSettings, type SettingsAction, type SettingsState, settingsInitial } from '../features/settings/state';
import { reduceStyle, type StyleAction, type StyleState, styleInitial } from '../features/style/state';
import { reduceThread, type ThreadAction, type ThreadState, threadInitial } from '../features/thread/state';
import type { SharedAction } from '../kernel/actions';
import { combine, createStore as createKernelStore, type Store as KernelStore } from '../kernel/store';

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
  | SharedAction
  | SessionAction
  | ComposeAction
  | ResultsAction
  | SettingsAction
  | InsertAction
  | ThreadAction
  | ReferencesAction
  | StyleAction
  | JobAction;

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

export const reducer = combine<State, Action>({
  session: reduceSession,
  compose: reduceCompose,
  results: reduceResults,
  settings: reduceSettings,
  insert: reduceInsert,
  thread: reduceThread,
  references: reduceReferences,
  style: reduceStyle,
  job: reduceJob,
});

export type Store = KernelStore<State, Action>;

export const createStore = (state: State = initialState): Store => createKernelStore(reducer, state);
