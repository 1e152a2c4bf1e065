/** The insert slice's controller actions: choosing the Docs width (remembered for the document), Insert again. */
import type { DocsWidth } from '../../../src/shared/rpc';
import type { Context } from '../../kernel/store';
import type { SessionActions } from '../session/actions';
import { alreadyInserted, type InsertAction, type InsertState } from './state';

export function insertActions(
  { server, store }: Context<{ insert: InsertState }, InsertAction>,
  { fail }: SessionActions,
) {
  /** Shown at once; the server keeps it for the document, and a failure says so (the choice still applies here). */
  async function chooseDocsWidth(width: DocsWidth): Promise<void> {
    if (store.get().insert.docsWidth === width) return;
    store.dispatch({ type: 'docsWidthChosen', width });
    try {
      await server.saveDocsWidth(width);
    } catch (error) {
      fail(error);
    }
  }

  return {
    chooseDocsWidth,
    /** Plain Insert of an image already inserted waits for this: two clicks must not stack two copies. */
    again: (id: string) => store.dispatch({ type: 'insertAgainChosen', id }),
    /** The image was inserted already: plain Insert waits for "Insert again". */
    inserted: (id: string | undefined) => alreadyInserted(store.get().insert, id),
  };
}

export type InsertActions = ReturnType<typeof insertActions>;
