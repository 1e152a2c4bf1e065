/**
 * The slice every feature talks through: which editor this is, what is selected in it, what the sidebar is
 * saying (status line and error), which call keeps it busy, and what this document has cost so far.
 */
import type { Host, SidebarContext, Target, UserFacingError } from '../../../src/shared/rpc';
import type { SliceReducer } from '../../store';

/** Which call keeps the sidebar busy; a feature that adds a busy call adds its name here. */
export type Busy = 'insert' | 'illustrate' | 'settings' | 'apply' | 'restore' | 'job' | 'style' | null;

export interface SessionState {
  readonly host: Host | null;
  readonly version: string;
  readonly view: 'main' | 'settings';
  readonly target: Target | null;
  readonly documentCostUsd: number | null;
  readonly busy: Busy;
  /** The latest thing to tell the user, read out politely by the status region. */
  readonly notice: string;
  readonly error: UserFacingError | null;
}

export const sessionInitial: SessionState = {
  host: null,
  version: '',
  view: 'main',
  target: null,
  documentCostUsd: null,
  busy: null,
  notice: '',
  error: null,
};

/** What a feature tells the user: any of the status line, the error, the busy mark and the running cost. */
export type Said = Partial<Pick<SessionState, 'notice' | 'error' | 'busy' | 'documentCostUsd'>>;

export type SessionAction =
  | { readonly type: 'started'; readonly context: SidebarContext }
  | { readonly type: 'targetLoaded'; readonly target: Target }
  | { readonly type: 'showView'; readonly view: SessionState['view'] }
  | { readonly type: 'said'; readonly said: Said }
  | { readonly type: 'dismissError' };

export const said = (what: Said): SessionAction => ({ type: 'said', said: what });
/** A failure ends whatever was busy, and its words replace the status line. */
export const failed = (error: UserFacingError): SessionAction => said({ busy: null, error, notice: '' });
/** Starting a busy call clears the last error: it was about something else. */
export const busy = (what: Exclude<Busy, null>): SessionAction => said({ busy: what, error: null });

/**
 * The document's running cost from the sidebar's context, shown from the moment the sidebar opens. Read
 * defensively: older servers send no such field, and a value that is not a finite amount is not shown.
 */
export function contextCost(context: SidebarContext): number | null {
  const value: unknown = 'documentCostUsd' in context ? context.documentCostUsd : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export const reduceSession: SliceReducer<SessionState> = (state, action) => {
  switch (action.type) {
    case 'started':
      return {
        ...state,
        host: action.context.host,
        version: action.context.version,
        documentCostUsd: contextCost(action.context) ?? state.documentCostUsd,
      };
    case 'targetLoaded':
      return { ...state, target: action.target };
    case 'showView':
      // A notice belongs to the view it was said in ("Key saved." means nothing beside the prompt box).
      return { ...state, view: action.view, notice: '' };
    case 'said':
      return { ...state, ...action.said };
    case 'dismissError':
      return state.error ? { ...state, error: null } : state;
    default:
      return state;
  }
};
