/**
 * The insert slice: what keeps Insert honest. Which shown images were already inserted (a second Insert of the
 * same image waits until the person says "Insert again", so a double click cannot stack two copies), and, in
 * Docs, how wide new images are in this document (remembered in the document by the server).
 */
import type { DocsWidth } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import type { Reducer } from '../../kernel/store';

export interface InsertState {
  /** Ids of shown images already inserted with plain Insert; cleared when other images are shown. */
  readonly inserted: readonly string[];
  readonly docsWidth: DocsWidth;
}

export const insertInitial: InsertState = { inserted: [], docsWidth: 'full' };

export type InsertAction =
  | { readonly type: 'insertAgainChosen'; readonly id: string }
  | { readonly type: 'docsWidthChosen'; readonly width: DocsWidth };

export const reduceInsert: Reducer<InsertState, InsertAction | SharedAction> = (state, action) => {
  switch (action.type) {
    case 'started':
      return action.context.docsWidth ? { ...state, docsWidth: action.context.docsWidth } : state;
    case 'imageInserted':
      return state.inserted.includes(action.id) ? state : { ...state, inserted: [...state.inserted, action.id] };
    case 'insertAgainChosen':
      return { ...state, inserted: state.inserted.filter((id) => id !== action.id) };
    case 'docsWidthChosen':
      return { ...state, docsWidth: action.width };
    case 'generateStarted':
    case 'discarded':
      // New images are coming (or none are on show): nothing of them has been inserted yet.
      return state.inserted.length > 0 ? { ...state, inserted: [] } : state;
    default:
      return state;
  }
};

/** The image was inserted already: plain Insert waits for "Insert again". */
export function alreadyInserted(state: InsertState, id: string | undefined): boolean {
  return id !== undefined && state.inserted.includes(id);
}
