/**
 * The thread's controller actions: follow the selection to its image's thread, edit (one editImage call per
 * variant, in parallel, as Generate does), Apply one variant in place, and the versions (lazy pictures, restore).
 */
import type {
  ApplyResult,
  ImageDelivered,
  QuickEditRequest,
  ThreadImage,
  ThreadSummary,
  UserFacingError,
  Wire,
} from '../../../src/shared/rpc';
import { busy, failed, type SharedAction, said } from '../../kernel/actions';
import { runImageCalls } from '../../kernel/image-calls';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import { ServerError, toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { t, told } from '../../kernel/words';
import type { ReferencesActions } from '../references/actions';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import type { StyleActions } from '../style/actions';
import type { Cutter } from './cutout';
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
  cutter?: Cutter,
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
    const view = target?.image?.view;
    if (view) {
      // The reading of the selection brought the picture's thread: nothing more to ask.
      loadedFor = view.ref;
      loading = null;
      dispatch({ type: 'threadLoaded', view, recent: false });
      return;
    }
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
    const instruction = (sending.prompt ?? get().thread.instruction).trim();
    if (!quick && !instruction) {
      fail(
        new ServerError({
          code: 'BAD_INPUT',
          message: t('sayChangeFirst'),
          action: t('sayChangeFirstDo'),
        }),
      );
      return;
    }
    const { model, size, variants } = choices(state);
    if (!model) {
      fail(
        new ServerError({
          code: 'MODEL_NOT_FOUND',
          message: t('noModel'),
          action: t('reloadSidebar'),
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
    const region = quick ? null : (state.thread.region ?? null);
    // While a preview shows, the next instruction continues from it (the server has it, by its id), unless the
    // person went back to the picture in the document, or marked a part: a part is marked on the picture in the
    // document, and the edit kept to it starts from that picture.
    const shown = state.thread.edited;
    const head = shown?.fromDocument || region ? null : selectedVariant(shown);
    // Remove background: the subject comes back on a key colour far from the picture's own, chosen here where
    // its pixels are, and the sidebar cuts it out (cutout.ts); green when the picture cannot be read.
    const key =
      quick?.kind === 'remove-background' && cutter
        ? (quick.key ?? (await cutter.keyFor(head?.image ?? view.current).catch(() => undefined)) ?? '#00FF00')
        : undefined;
    const request = {
      ref: view.ref,
      instruction: quick ? '' : instruction,
      model: model.id,
      // The image keeps its own shape: the server asks for the model's ratio nearest to it.
      aspectRatio: null,
      imageSize: size,
      quick: key ? { kind: 'remove-background' as const, key } : quick,
      // The part the person marked on the picture (Region.tsx), or null: a change they typed keeps to it.
      region,
      ...(base !== null ? { documentCostUsd: base } : {}),
      ...(sending.references.length > 0 ? { references: sending.references } : {}),
      ...(head ? { from: head.image.id } : {}),
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
    const firstMade = answers[0]?.image.id;
    if (key && cutter && answers.length > 0 && live()) {
      dispatch(said({ notice: t('cuttingOut') }));
      for (const [i, answer] of answers.entries()) answers[i] = await cutOut(answer, key, cutter);
    }
    if (!live()) {
      release(answers.map((a) => a.image.id));
      return;
    }
    const first = answers[0];
    if (!first) {
      const charged = failures.reduce((sum, f) => sum + (f.chargedUsd ?? 0), 0);
      dispatch(
        { type: 'editFinished', token, edited: null },
        failed(failures[0] ?? toWireError(null)),
        ...(charged > 0 ? [said({ documentCostUsd: runningCost(base, [], failures) })] : []),
      );
      return;
    }
    const previous = get().thread.edited;
    // The chain up to the preview continued from (an earlier link chosen for Apply starts a branch there).
    const links = previous?.chain ?? [];
    const at = links.indexOf(head as Wire<ImageDelivered>);
    const edited: Edited = {
      ref: view.ref,
      instruction: quick ? '' : instruction,
      variants: answers,
      selectedId: first.image.id,
      failures,
      changed: null,
      region,
      ...(head ? { chain: [...(at < 0 ? links : links.slice(0, at)), head] } : {}),
    };
    dispatch(
      { type: 'editFinished', token, edited },
      said({
        documentCostUsd: runningCost(base, answers, failures),
        notice: `${editedNotice(edited, variants)}${key && first.image.mimeType === 'image/png' && first.image.id !== firstMade ? ` ${t('cutOutDone')}` : ''}`,
      }),
    );
    // A chain's previews are in the picture's conversation, to bring back while the server keeps them.
    if (previous && !head) release(previous.variants.map((v) => v.image.id));
  }

  /**
   * A "Remove background" variant cut out: its matte made here, the PNG with alpha kept on the server for Apply
   * (keepCutout), the opaque picture let go. Where the matte is poor, or the server refuses it, the variant stays
   * as the model drew it and says why.
   */
  async function cutOut(
    answer: Wire<ImageDelivered>,
    key: NonNullable<Extract<QuickEditRequest, { kind: 'remove-background' }>['key']>,
    using: Cutter,
  ): Promise<Wire<ImageDelivered>> {
    const keeping = (sentence: string) => ({ ...answer, warnings: [...answer.warnings, sentence] });
    const made = await using.cutOut(answer.image, key).catch(() => null);
    if (!made) return keeping(t('cutOutFailed'));
    if (!made.ok) return keeping(made.sentence);
    try {
      const { imageId } = await server.keepCutout({ imageId: answer.image.id, base64: made.base64 });
      release([answer.image.id]);
      return { ...answer, image: { ...answer.image, id: imageId, mimeType: 'image/png', base64: made.base64 } };
    } catch (error) {
      const { message, action } = toWireError(error);
      return keeping(`${message} ${action}`);
    }
  }

  function cancelEdit(): void {
    if (!get().thread.editing) return;
    dispatch({ type: 'editCancelled' }, said({ notice: t('editsStopped') }));
  }

  /**
   * Shows a thread a placement answered with: its picture is the one just placed (the sidebar has it), so no
   * call reads it back, and the selection's reading needs no new thread read either.
   */
  function placed(summary: Wire<ThreadSummary>, current: Wire<ThreadImage>, recent = false): void {
    loadedFor = recent ? null : summary.ref;
    loading = null;
    dispatch({ type: 'threadLoaded', view: { ...summary, current }, recent });
    const target = get().session.target;
    if (!recent && target?.image && target.image.ref !== summary.ref) {
      // A Docs picture Peel just started tracking has a new name: the selection's reading follows it.
      dispatch({
        type: 'targetLoaded',
        target: { ...target, image: { ref: summary.ref, threadId: summary.threadId } },
      });
    }
  }

  /**
   * Apply: one call, answered with the thread as it is now. If the picture changed since the edit started
   * from it, nothing was replaced and the person chooses: `replace` applies on top of the newer picture (kept
   * as a version first), `keep` keeps this edit as a version and leaves the newer picture in place.
   */
  async function apply(choice?: 'replace' | 'keep'): Promise<void> {
    const { thread, session } = get();
    const edited = thread.edited;
    const chosen = selectedVariant(edited);
    if (!edited || !chosen || session.busy) return;
    const resolve = choice && edited.changed ? { choice, seen: edited.changed.seen } : null;
    dispatch(busy('apply'));
    let result: Wire<ApplyResult>;
    try {
      result = await server.applyEdit({
        imageId: chosen.image.id,
        keepAltDescription: keepsAlt(thread),
        ...(resolve ? { resolve } : {}),
      });
    } catch (error) {
      const reason = toWireError(error);
      dispatch(...(reason.code === 'PREVIEW_EXPIRED' ? [{ type: 'editedDiscarded' } as const] : []), failed(reason));
      return;
    }
    if (result.kind === 'changed') {
      dispatch({ type: 'applyChanged', changed: result }, said({ busy: null }));
      return;
    }
    if (!edited.chain) release(edited.variants.filter((v) => v !== chosen).map((v) => v.image.id));
    const { mimeType, base64, pixelWidth, pixelHeight } = chosen.image;
    const shown = result.kind === 'applied' ? { mimeType, base64, pixelWidth, pixelHeight } : thread.view?.current;
    if (shown) placed(result.thread, shown);
    dispatch(
      { type: 'editedDiscarded' },
      { type: 'instructionChanged', instruction: '' },
      said({
        busy: null,
        notice:
          result.kind === 'applied'
            ? t('appliedWhere', { label: told(result.label, result.labelWords) })
            : t('keptVersion'),
      }),
    );
  }

  function discardEdited(): void {
    const edited = get().thread.edited;
    if (!edited) return;
    dispatch({ type: 'editedDiscarded' }, said({ notice: t('editsDiscarded') }));
    if (!edited.chain) release(edited.variants.map((v) => v.image.id));
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

  /**
   * Restore: one call, if the picture is still the version the person saw; otherwise nothing changes and the
   * sidebar offers "Restore anyway" over the newer picture (which is kept as a version first).
   */
  async function restore(versionId: string, label: string): Promise<void> {
    const { thread, session } = get();
    const view = thread.view;
    if (!view?.threadId || session.busy) return;
    const pending = thread.restoreChanged;
    const seen = pending?.versionId === versionId ? pending.changed.seen : view.currentVersionId;
    dispatch(busy('restore'), { type: 'restoreChanged', pending: null });
    let result: Wire<ApplyResult>;
    try {
      result = await server.restoreVersion({ threadId: view.threadId, versionId, seen });
    } catch (error) {
      fail(error);
      return;
    }
    if (result.kind === 'changed') {
      dispatch({ type: 'restoreChanged', pending: { versionId, label, changed: result } }, said({ busy: null }));
      return;
    }
    dispatch(
      { type: 'compareChosen', pair: null },
      said({
        busy: null,
        notice: t('restoredWhere', { version: label, label: told(result.label, result.labelWords) }),
      }),
    );
    const picture = thread.pictures[versionId];
    if (picture?.state === 'ready') placed(result.thread, picture.image);
    else await load(true);
  }

  /** The image changed in the document: read the selection and the thread (new turn, new version) again. */
  async function afterChange(): Promise<void> {
    await refreshTarget({ quiet: true });
    await load(true);
  }

  function newImage(): void {
    dispatch({ type: 'newImageChosen' }, said({ notice: '' }));
  }

  return {
    load,
    placed,
    edit,
    cancelEdit,
    apply,
    discardEdited,
    loadVersion,
    restore,
    newImage,
    afterChange,
    /** A preview from the caller's cache (a chain's, which the late part brings back). */
    preview: (id: string) => server.getPreview(id),
  };
}

/**
 * The document's total after these edits: what the sidebar knew plus each variant's cost (and what a failed one
 * was counted at), else the server's.
 */
function runningCost(
  base: number | null,
  answers: readonly Wire<ImageDelivered>[],
  failures: readonly UserFacingError[],
): number {
  const costs = [...answers.map((a) => a.image.costUsd), ...failures.map((f) => f.chargedUsd ?? 0)];
  if (base !== null && costs.every((c): c is number => c !== null)) return costs.reduce((sum, c) => sum + c, base);
  return Math.max(0, ...answers.map((a) => a.documentCostUsd));
}

export type ThreadActions = ReturnType<typeof threadActions>;
