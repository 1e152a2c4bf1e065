/**
 * The slice every feature talks through: which editor this is, what is selected in it, what the sidebar is
 * saying (status line and error), which call keeps it busy, and what this document has cost so far.
 */
import type { Host, SidebarContext, Target, UserFacingError } from '../../../src/shared/rpc';
import type { Busy, SharedAction } from '../../kernel/actions';
import type { Reducer } from '../../kernel/store';

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

export type SessionAction =
  | { readonly type: 'showView'; readonly view: SessionState['view'] }
  | { readonly type: 'dismissError' }
  /** The pointer or the focus left for the editor, where the person may select something else. */
  | { readonly type: 'placeLeft' };

/** The Target without the id of its reading: the next Generate or Insert has the server read the selection. */
function unnamed(target: Target | null): Target | null {
  if (!target?.placeId) return target;
  const { placeId: _placeId, ...rest } = target;
  return rest;
}

/**
 * The document's running cost from the sidebar's context, shown from the moment the sidebar opens. Read
 * defensively: older servers send no such field, and a value that is not a finite amount is not shown.
 */
export function contextCost(context: SidebarContext): number | null {
  const value: unknown = 'documentCostUsd' in context ? context.documentCostUsd : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export const reduceSession: Reducer<SessionState, SessionAction | SharedAction> = (state, action) => {
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
    // The picture just added changed the place shown; in the editor the person may choose another. Until the
    // sidebar reads the selection again (the pointer or the focus coming back), the server reads it itself.
    case 'imageInserted':
    case 'placeLeft':
      return state.target?.placeId ? { ...state, target: unnamed(state.target) } : state;
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
