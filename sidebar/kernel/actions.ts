/**
 * The actions more than one feature listens to, declared here so a feature can follow another's news without
 * importing it: the sidebar started, the selection was read, something was said, a generation or an edit
 * started, the results were discarded, and a prompt or an instruction box changed.
 */
import type { SidebarContext, Target, UserFacingError } from '../../src/shared/rpc';

/** Which call keeps the sidebar busy; a feature that adds a busy call adds its name here. */
export type Busy = 'insert' | 'illustrate' | 'settings' | 'apply' | 'restore' | 'job' | 'style' | null;

/** What a feature tells the user: any of the status line, the error, the busy mark and the running cost. */
export interface Said {
  /** The latest thing to tell the user, read out politely by the status region. */
  readonly notice?: string;
  readonly error?: UserFacingError | null;
  readonly busy?: Busy;
  readonly documentCostUsd?: number | null;
}

export type SharedAction =
  | { readonly type: 'started'; readonly context: SidebarContext }
  | { readonly type: 'targetLoaded'; readonly target: Target }
  /** Plain Insert put the image `id` on show into the document. */
  | { readonly type: 'imageInserted'; readonly id: string }
  | { readonly type: 'said'; readonly said: Said }
  | { readonly type: 'generateStarted'; readonly now: number; readonly variants: number }
  | { readonly type: 'editStarted'; readonly now: number; readonly variants: number }
  /** The results on show are gone (discarded, or expired on the server). */
  | { readonly type: 'discarded' }
  | { readonly type: 'promptChanged'; readonly prompt: string }
  | { readonly type: 'instructionChanged'; readonly instruction: string };

export const said = (what: Said): SharedAction => ({ type: 'said', said: what });
/** A failure ends whatever was busy, and its words replace the status line. */
export const failed = (error: UserFacingError): SharedAction => said({ busy: null, error, notice: '' });
/** Starting a busy call clears the last error: it was about something else. */
export const busy = (what: Exclude<Busy, null>): SharedAction => said({ busy: what, error: null });
