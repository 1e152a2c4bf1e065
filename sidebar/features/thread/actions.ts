/**
 * The thread's controller actions: follow the selection to its image's thread, edit (one editImage call per
 * variant, in parallel, as Generate does), Apply one variant in place, and the versions (lazy pictures, restore).
 */
import type { ImageDelivered, QuickEditRequest, UserFacingError, Wire } from '../../../src/shared/rpc';
import { busy, failed, type SharedAction, said } from '../../kernel/actions';
import { runImageCalls } from '../../kernel/image-calls';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { ServerError, toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import type { ReferencesActions } from '../references/actions';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import type { StyleActions } from '../style/actions';
import {
  type Edited,
  editedNotice,
  editingNotice,
  isEditAwaited,
  keepsAlt,
  selectedVariant,
  type ThreadAction,
  type ThreadState,
} from './state';

type Reads = ChoiceSources & {
  readonly session: SessionState;
  readonly thread: ThreadState;
};

export function threadActions(
  { server, store, now, wait }: Context<Reads, ThreadAction | SharedAction>,
  { fail, refreshTarget }: SessionActions,
  { forSending }: Pick<ReferencesActions, 'forSending'>,
  style: Pick<StyleActions, 'field'>,
) {
  const { dispatch, get } = store;

  /** Frees previews on the server; it expires them anyway, so a failure here is nobody's business. */
  function release(ids: readonly string[]): void {
    if (ids.length > 0) server.discardImages([...ids]).catch(() => undefined);
  }

  /** Which thread the selection asks for: the selected image's, or (null) the document's most recent. */
  const wanted = () => get().session.target?.image?.ref ?? null;
  let loadedFor: string | null | undefined;
  let loading: Promise<void> | null = null;

  /** Reads the thread the selection asks for; `again` re-reads it even when it is the one shown. */
  function load(again = false): Promise<void> {
    const ref = wanted();
    if (!again && ref === loadedFor) return loading ?? Promise.resolve();
    loadedFor = ref;
    const request: Promise<void> = server.getThread(ref).then(
      (view) => {
        if (loading === request) dispatch({ type: 'threadLoaded', view, recent: ref === null });
      },
      (error: unknown) => {
        if (loading !== request) return;
        // A document with no thread is the ordinary case for a newcomer; a failure to read one is only worth
        // saying when the person selected an image to edit.
        dispatch({ type: 'threadLoaded', view: null, recent: ref === null });
        if (ref !== null) fail(error);
      },
    );
    loading = request;
    return request;
  }

  // Every new reading of the selection may point at another image. Reading threads is the thread's business,
  // so it listens here rather than asking the session to know about it.
  let lastTarget = get().session.target;
  store.subscribe(() => {
    const target = get().session.target;
    if (target === lastTarget) return;
    lastTarget = target;
    void load();
  });

  async function edit(quick: QuickEditRequest = null): Promise<void> {
    const state = get();
    const view = state.thread.view;
    if (!view || state.thread.editing) return;
    // Quick edits are their own wording; an instruction goes with the tray's references (a style onto this
    // picture), with the prompt written for them and shown first. An empty box with references is a blend.
    const sending = quick ? { references: [] } : forSending('edit', Math.floor((view.current.base64.length * 3) / 4));
    if (!sending) return;
    const instruction = get().thread.instruction.trim();
    if (!quick && !instruction) {
      fail(
        new ServerError({
          code: 'BAD_INPUT',
          message: 'Say what should change first.',
          action: 'Type an instruction such as “make the sky more dramatic”, or pick a quick edit.',
        }),
      );
      return;
    }
    const { model, size, variants } = choices(state);
    if (!model) {
      fail(
        new ServerError({
          code: 'MODEL_NOT_FOUND',
          message: 'Peel has no image model to offer.',
          action: 'Reload the sidebar.',
        }),
      );
      return;
    }
    // Read before editStarted, which turns the one-request switch back on.
    const styled = style.field();
    dispatch({ type: 'editStarted', now: now(), variants }, said({ error: null, notice: editingNotice(variants) }));
    const token = get().thread.editing?.token;
    if (token === undefined) return;
    const base = state.session.documentCostUsd;
    const request = {
      ref: view.ref,
      threadId: view.threadId,
      instruction: quick ? '' : instruction,
      model: model.id,
      // The image keeps its own shape: the server asks for the model's ratio nearest to it.
      aspectRatio: null,
      imageSize: size,
      quick,
      ...(base !== null ? { documentCostUsd: base } : {}),
      ...(sending.references.length > 0 ? { references: sending.references } : {}),
      ...styled,
    };
    // One call per variant, in parallel, each its own execution with the waits Gemini asks for shown and
    // cancellable: the same runner as Generate's.
    const answers: Wire<ImageDelivered>[] = [];
    const failures: UserFacingError[] = [];
    const live = () => isEditAwaited(get().thread, token);
    await runImageCalls(
      {
        call: (_index, attempt) => server.editImage(attempt > 1 ? { ...request, attempt } : request),
        now,
        wait,
        live,
        on: {
          delivered: (_index, delivered) => answers.push(delivered),
          waiting: (index, waitFor) =>
            dispatch({ type: 'editVariantWaiting', token, index, wait: waitFor, now: now() }),
          calling: (index) => dispatch({ type: 'editVariantCalling', token, index }),
          failed: (_index, error) => failures.push(error),
          abandoned: (delivered) => release([delivered.image.id]),
        },
      },
      variants,
    );
    if (!live()) {
      release(answers.map((a) => a.image.id));
      return;
    }
    const first = answers[0];
    if (!first) {
      dispatch({ type: 'editFinished', token, edited: null }, failed(failures[0] ?? toWireError(null)));
      return;
    }
    const previous = get().thread.edited;
    const edited: Edited = {
      ref: view.ref,
      threadId: view.threadId,
      instruction: quick ? '' : instruction,
      quick,
      variants: answers,
      selectedId: first.image.id,
      failures,
    };
    dispatch(
      { type: 'editFinished', token, edited },
      said({ documentCostUsd: runningCost(base, answers), notice: editedNotice(edited, variants) }),
    );
    if (previous) release(previous.variants.map((v) => v.image.id));
  }

  function cancelEdit(): void {
    if (!get().thread.editing) return;
    dispatch(
      { type: 'editCancelled' },
      said({ notice: 'Stopped waiting. Edits that still arrive will be thrown away (Gemini may still bill them).' }),
    );
  }

  async function apply(): Promise<void> {
    const { thread, session } = get();
    const edited = thread.edited;
    const chosen = selectedVariant(edited);
    if (!edited || !chosen || session.busy) return;
    dispatch(busy('apply'));
    try {
      const result = await server.applyEdit({
        imageId: chosen.image.id,
        ref: edited.ref,
        threadId: edited.threadId,
        instruction: edited.instruction,
        modelText: chosen.text || null,
        quick: edited.quick,
        keepAltDescription: keepsAlt(thread),
      });
      release(edited.variants.filter((v) => v !== chosen).map((v) => v.image.id));
      dispatch(
        { type: 'editedDiscarded' },
        { type: 'instructionChanged', instruction: '' },
        said({ busy: null, notice: `Applied: ${result.label}.` }),
      );
    } catch (error) {
      const reason = toWireError(error);
      dispatch(...(reason.code === 'PREVIEW_EXPIRED' ? [{ type: 'editedDiscarded' } as const] : []), failed(reason));
      return;
    }
    await afterChange();
  }

  function discardEdited(): void {
    const edited = get().thread.edited;
    if (!edited) return;
    dispatch({ type: 'editedDiscarded' }, said({ notice: 'Edits discarded.' }));
    release(edited.variants.map((v) => v.image.id));
  }

  /** A kept version's picture, asked for once, when the versions are first on screen. */
  async function loadVersion(versionId: string): Promise<void> {
    const { view, pictures } = get().thread;
    if (!view?.threadId || pictures[versionId]) return;
    dispatch({ type: 'versionPicture', versionId, picture: { state: 'loading' } });
    try {
      const image = await server.getVersionImage(view.threadId, versionId);
      dispatch({ type: 'versionPicture', versionId, picture: { state: 'ready', image } });
    } catch (error) {
      // The server's sentence says whose Drive the version is in and who can restore it.
      dispatch({ type: 'versionPicture', versionId, picture: { state: 'unavailable', error: toWireError(error) } });
    }
  }

  async function restore(versionId: string, label: string): Promise<void> {
    const { thread, session } = get();
    const view = thread.view;
    if (!view?.threadId || session.busy) return;
    dispatch(busy('restore'));
    try {
      const result = await server.restoreVersion(view.threadId, versionId, view.ref);
      dispatch(
        { type: 'compareChosen', pair: null },
        said({ busy: null, notice: `Restored ${label}: ${result.label}.` }),
      );
    } catch (error) {
      fail(error);
      return;
    }
    await afterChange();
  }

  /** The image changed in the document: read the selection and the thread (new turn, new version) again. */
  async function afterChange(): Promise<void> {
    await refreshTarget({ quiet: true });
    await load(true);
  }

  function newImage(): void {
    dispatch({ type: 'newImageChosen' }, said({ notice: '' }));
  }

  return { load, edit, cancelEdit, apply, discardEdited, loadVersion, restore, newImage, afterChange };
}

/** The document's total after these edits: what the sidebar knew plus each variant's cost, else the server's. */
function runningCost(base: number | null, answers: readonly Wire<ImageDelivered>[]): number {
  const costs = answers.map((a) => a.image.costUsd);
  if (base !== null && costs.every((c): c is number => c !== null)) return costs.reduce((sum, c) => sum + c, base);
  return Math.max(...answers.map((a) => a.documentCostUsd));
}

export type ThreadActions = ReturnType<typeof threadActions>;
