/** The insert slice's controller actions: choosing the Docs width, remembered for the document. */
import type { DocsWidth } from '../../../src/shared/rpc';
import type { Context } from '../../store';
import type { SessionActions } from '../session/actions';

export function insertActions({ server, store }: Context, { fail }: SessionActions) {
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

  return { chooseDocsWidth };
}
