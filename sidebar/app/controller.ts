/**
 * What the sidebar does: each feature's actions (plain async functions that talk to the server and report to
 * the store), built over one store and wired to the features they lean on. No DOM here, so the late-result and
 * discard rules are tested in Node with a fake server.
 */

import type { InsertMode, NoRoomChoice } from '../../src/shared/rpc';
import { composeActions } from '../features/compose/actions';
import { insertActions } from '../features/insert/actions';
import type { JobActions } from '../features/job/actions';
import { unfinished } from '../features/job/state';
import { referencesActions } from '../features/references/actions';
import type { Prepared } from '../features/references/decode';
import { resultsActions } from '../features/results/actions';
import { selectedImage } from '../features/results/state';
import { sessionActions } from '../features/session/actions';
import { settingsActions } from '../features/settings/actions';
import { styleActions } from '../features/style/actions';
import { threadActions } from '../features/thread/actions';
import type { Late } from '../kernel/late';
import { type Server, toWireError } from '../kernel/rpc';
import type * as PartsModule from './parts';
import { createStore, type Store } from './store';

export type Controller = ReturnType<typeof createController>;

/** What the sidebar's late part holds (parts.ts): fetched from the server when first needed. */
export type Parts = typeof PartsModule;

const timerWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createController(
  server: Server,
  parts: Late<Parts>,
  store: Store = createStore(),
  now: () => number = Date.now,
  wait: (ms: number) => Promise<void> = timerWait,
) {
  const context = { server, store, now, wait };
  const session = sessionActions(context, () => store.get().thread.view?.ref ?? null);
  const compose = composeActions(context, session);
  // A file from the computer is read by the late part, and cut-outs are made there (features/thread/cutout.ts);
  // a part that cannot come is said as the file's or the cut-out's sentence.
  async function part(): Promise<Parts | { readonly ok: false; readonly sentence: string }> {
    try {
      return await parts.load();
    } catch (error) {
      const { message, action } = toWireError(error);
      return { ok: false, sentence: `${message} ${action}` };
    }
  }
  async function prepare(file: File): Promise<Prepared> {
    const late = await part();
    return 'sentence' in late ? late : late.prepareFile(file);
  }
  const references = referencesActions(context, session, prepare);
  const style = styleActions(context, session);
  const insert = insertActions(context, session);
  const results = resultsActions(context, session, compose, references, style, insert);
  const settings = settingsActions(context, session, compose.refreshModels);
  const thread = threadActions(context, session, references, style, {
    keyFor: async (picture) => (await parts.load()).keyFor(picture),
    cutOut: async (picture, key) => {
      const late = await part();
      return 'sentence' in late ? late : late.cutOut(picture, key);
    },
  });
  const job = lateJob();

  /**
   * A deck job's actions come with the late part, as its views do: the page only asks whether a job waits when
   * the sidebar opens (one call, as before), and fetches the part when there is one or a plan is asked for.
   */
  function lateJob() {
    let loaded: JobActions | null = null;
    let loading: Promise<JobActions> | null = null;
    const actions = (): Promise<JobActions> => {
      loading ??= parts.load().then(
        (p) => (loaded = p.jobActions(context, session)),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    };
    /** An action of the part, once it has come; a part that cannot come is said as the error. */
    const act =
      <A extends unknown[], R>(run: (j: JobActions, ...args: A) => Promise<R>, otherwise: R) =>
      (...args: A): Promise<R> =>
        actions().then(
          (j) => run(j, ...args),
          (error: unknown) => {
            session.fail(error);
            return otherwise;
          },
        );
    return {
      plan: act((j, kind: Parameters<JobActions['plan']>[0]) => j.plan(kind), undefined),
      start: act((j) => j.start(), undefined),
      review: act((j, ...args: Parameters<JobActions['review']>) => j.review(...args), false),
      acceptAll: act((j) => j.acceptAll(), undefined),
      cancel: act((j) => j.cancel(), undefined),
      runWaiting: act((j) => j.runWaiting(), undefined),
      close: () => loaded?.close(),
      async resume(): Promise<void> {
        let view: Awaited<ReturnType<Server['getDeckJob']>>;
        try {
          view = await server.getDeckJob();
        } catch {
          // Not being able to resume must not stop the sidebar from opening: the job stays stored.
          return;
        }
        if (view && unfinished(view)) await act((j) => j.resume(view), undefined)();
      },
    };
  }

  async function start(): Promise<void> {
    if (!(await session.loadContext())) {
      // Nothing else will load, so Generate must not wait behind "Loading models…".
      store.dispatch({ type: 'modelsFailed' });
      return;
    }
    await Promise.all([
      settings.loadSettings(),
      compose.refreshModels(),
      session.refreshTarget(),
      references.loadNamed(),
      style.load(),
    ]);
    // After the models: a resumed job's items are drawn with the job's own model, but the plan screen needs them.
    await job.resume();
  }

  return {
    store,
    // For the late part's own actions (features/thread/keep-rest.ts), which the page does not carry.
    server,
    parts,
    dispatch: store.dispatch,
    start,
    session,
    compose,
    // An inserted image starts its own thread, which Insert's answer carries: it is now the document's most
    // recent one, shown when nothing is selected.
    results: {
      ...results,
      insert: async (mode: InsertMode, where?: NoRoomChoice) => {
        const picture = selectedImage(store.get().results.shown);
        const inserted = await results.insert(mode, where);
        if (inserted?.thread && picture) {
          const { mimeType, base64, pixelWidth, pixelHeight } = picture;
          thread.placed(inserted.thread, { mimeType, base64, pixelWidth, pixelHeight }, true);
        }
        return inserted;
      },
    },
    settings,
    insert,
    thread,
    references,
    style,
    job,
  };
}
