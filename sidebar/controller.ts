/**
 * What the sidebar does, as plain async functions over a tiny store: each talks to the server and reports what
 * happened to the reducer. No DOM here, so the late-result and discard rules are tested in Node with a fake
 * server.
 */
import type { InsertMode, UserFacingError } from '../src/shared/rpc';
import { type Server, ServerError } from './rpc';
import { type Action, choices, initialState, isAwaited, needsKey, reducer, type State, selectedImage } from './state';

export interface Store {
  get(): State;
  dispatch(action: Action): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(state: State = initialState): Store {
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = reducer(state, action);
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

/** Anything thrown becomes words for the user; a stack or a raw exception text is never shown. */
export function toWireError(error: unknown): UserFacingError {
  if (error instanceof ServerError) {
    return {
      code: error.code,
      message: error.message,
      action: error.action,
      ...(error.detail ? { detail: error.detail } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Peel.',
    action: 'Try again; if it keeps happening, reload the document.',
  };
}

export type Controller = ReturnType<typeof createController>;

export function createController(server: Server, store: Store = createStore(), now: () => number = Date.now) {
  const { dispatch, get } = store;
  let targetRequest: Promise<void> | null = null;
  let modelsRequest: Promise<boolean> | null = null;

  const fail = (error: unknown) => dispatch({ type: 'failed', error: toWireError(error) });

  /** Frees images on the server. Nothing the user could do if it fails, and the server expires them anyway. */
  function release(ids: readonly string[]): void {
    if (ids.length > 0) server.discardImages([...ids]).catch(() => undefined);
  }

  /** Reads the selection again. One call; concurrent asks (focus, then Generate) share it. */
  function refreshTarget(options: { quiet?: boolean } = {}): Promise<void> {
    targetRequest ??= server
      .getTarget()
      .then(
        (target) => dispatch({ type: 'targetLoaded', target }),
        (error: unknown) => {
          if (!options.quiet) fail(error);
        },
      )
      .finally(() => {
        targetRequest = null;
      });
    return targetRequest;
  }

  /** Reads the model menu; false when the call failed (the error is shown). Concurrent asks share one call. */
  function refreshModels(): Promise<boolean> {
    if (!modelsRequest) {
      dispatch({ type: 'modelsRequested' });
      modelsRequest = server
        .getModels()
        .then(
          (models) => {
            dispatch({ type: 'modelsLoaded', models });
            return true;
          },
          (error: unknown) => {
            dispatch({ type: 'modelsFailed', error: toWireError(error) });
            return false;
          },
        )
        .finally(() => {
          modelsRequest = null;
        });
    }
    return modelsRequest;
  }

  async function start(): Promise<void> {
    try {
      dispatch({ type: 'started', context: await server.getSidebarContext() });
    } catch (error) {
      // Shown as the error; and nothing else will load, so Generate must not wait behind "Loading models…".
      dispatch({ type: 'modelsFailed', error: toWireError(error) });
      return;
    }
    const settings = server.getSettings().then((view) => {
      dispatch({ type: 'settingsLoaded', settings: view });
      // First run: explain keys before anything else.
      if (needsKey(view)) dispatch({ type: 'showView', view: 'settings' });
    }, fail);
    await Promise.all([settings, refreshModels(), refreshTarget()]);
  }

  async function generate(): Promise<void> {
    if (get().generating) return;
    if (!get().prompt.trim()) {
      fail(
        new ServerError({
          code: 'BAD_INPUT',
          message: 'Describe the image you want first.',
          action: 'Type a prompt, or let Peel write one from the content with “Illustrate”.',
        }),
      );
      return;
    }
    // Ctrl+Enter can come before the model menu has answered, or after it failed: wait for (or retry) the list
    // rather than report that there is no model.
    if (!choices(get()).model) {
      // A second failure keeps its own error on screen: it says more than "no model".
      if (!(await refreshModels()) || get().generating) return;
    }
    const prompt = get().prompt.trim();
    if (!prompt) return;
    dispatch({ type: 'generateStarted', now: now() });
    const token = get().generating?.token;
    if (token === undefined) return;
    // The user may have selected something else in the editor: the ratio should fit what is selected now.
    await refreshTarget({ quiet: true });
    if (!isAwaited(get(), token)) return;
    const { model, ratio, size, variants } = choices(get());
    if (!model) {
      dispatch({
        type: 'generateFailed',
        token,
        error: { code: 'MODEL_NOT_FOUND', message: 'Peel has no image model to offer.', action: 'Reload the sidebar.' },
      });
      return;
    }
    let result: Awaited<ReturnType<Server['generateImages']>>;
    try {
      // The total this sidebar last heard: the server adds this run's cost to it instead of reading it back.
      const { documentCostUsd } = get();
      result = await server.generateImages({
        prompt,
        model: model.id,
        aspectRatio: ratio,
        imageSize: size,
        variants,
        ...(documentCostUsd !== null ? { documentCostUsd } : {}),
      });
    } catch (error) {
      dispatch({ type: 'generateFailed', token, error: toWireError(error) });
      return;
    }
    // google.script.run cannot be aborted: an answer to a cancelled request is dropped here, never shown.
    if (!isAwaited(get(), token)) {
      release(result.images.map((i) => i.id));
      return;
    }
    const previous = get().results;
    dispatch({ type: 'generateSucceeded', token, prompt, result });
    if (previous && result.images.length > 0) release(previous.images.map((i) => i.id));
  }

  function cancel(): void {
    dispatch({ type: 'cancelled' });
  }

  async function insert(mode: InsertMode): Promise<void> {
    const state = get();
    const image = selectedImage(state.results);
    if (!image || !state.results || state.busy) return;
    dispatch({ type: 'busy', busy: 'insert' });
    try {
      const { text, prompt } = state.results;
      // Only the id travels back: the bytes crossed google.script.run once already.
      const result = await server.insertImage({
        imageId: image.id,
        mode,
        prompt,
        ...(text ? { modelText: text } : {}),
      });
      dispatch({ type: 'inserted', result });
    } catch (error) {
      const reason = toWireError(error);
      // The server's cache dropped the images (they expire after a while): nothing to discard there, and these
      // previews can never be inserted, so they go and the user is told to generate again.
      if (reason.code === 'PREVIEW_EXPIRED') dispatch({ type: 'previewsExpired', error: reason });
      else dispatch({ type: 'failed', error: reason });
      return;
    }
    // Inserting changes the selection in the editor (a replaced picture, a filled placeholder).
    await refreshTarget({ quiet: true });
  }

  function discard(): void {
    const results = get().results;
    if (!results) return;
    dispatch({ type: 'discarded' });
    release(results.images.map((i) => i.id));
  }

  async function illustrate(): Promise<void> {
    const state = get();
    if (state.busy) return;
    dispatch({ type: 'busy', busy: 'illustrate' });
    try {
      const composed = await server.composeIllustratePrompt({
        includeNotes: state.host === 'slides' && state.includeNotes,
      });
      dispatch({ type: 'illustrated', composed });
    } catch (error) {
      fail(error);
    }
  }

  /** Runs one settings call with the panel marked busy; false when it failed (the error is shown). */
  async function settingsCall(call: () => Promise<void>): Promise<boolean> {
    if (get().busy) return false;
    dispatch({ type: 'busy', busy: 'settings' });
    try {
      await call();
      dispatch({ type: 'busy', busy: null });
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  function keyWorks(count: number): string {
    if (count === 0) return 'Google accepted the key, but it offers no image models to it.';
    return `The key works: it can use ${count === 1 ? '1 image model' : `${count} image models`}.`;
  }

  /** Saves, then tests at once: a key that Google rejects should say so now, not at the first Generate. */
  async function saveKey(key: string): Promise<boolean> {
    const saved = await settingsCall(async () => {
      dispatch({ type: 'settingsLoaded', settings: await server.saveApiKey(key.trim()) });
      dispatch({ type: 'notice', notice: 'Key saved. Testing it…' });
    });
    if (!saved) return false;
    await settingsCall(async () => {
      const report = await server.testApiKey();
      dispatch({ type: 'notice', notice: `Key saved. ${keyWorks(report.models.length)}` });
    });
    // The key's ListModels can offer models the catalog does not list.
    await refreshModels();
    return true;
  }

  function testKey(): Promise<boolean> {
    return settingsCall(async () => {
      dispatch({ type: 'notice', notice: 'Testing the key…' });
      const report = await server.testApiKey();
      dispatch({ type: 'notice', notice: keyWorks(report.models.length) });
    });
  }

  function removeKey(): Promise<boolean> {
    return settingsCall(async () => {
      dispatch({ type: 'settingsLoaded', settings: await server.clearApiKey() });
      dispatch({ type: 'notice', notice: 'Key removed.' });
    });
  }

  function saveModel(id: string): Promise<boolean> {
    return settingsCall(async () => {
      dispatch({ type: 'settingsLoaded', settings: await server.saveModel(id) });
      dispatch({ type: 'notice', notice: 'Default model saved.' });
    });
  }

  return {
    store,
    dispatch,
    start,
    refreshTarget,
    generate,
    cancel,
    insert,
    discard,
    illustrate,
    saveKey,
    testKey,
    removeKey,
    saveModel,
  };
}
