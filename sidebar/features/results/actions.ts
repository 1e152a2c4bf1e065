/** The results' controller actions: Generate (one call per variant, with waits and Cancel), then Insert or Discard. */
import type { InsertMode, InsertResult, NoRoomChoice, Wire } from '../../../src/shared/rpc';
import { busy, failed, type SharedAction, said } from '../../kernel/actions';
import { totalAfter, totalAfterCharge } from '../../kernel/format';
import { runImageCalls } from '../../kernel/image-calls';
import { choices } from '../../kernel/model-choice';
import { ServerError, toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { waitingLine } from '../../kernel/waits';
import { t, told } from '../../kernel/words';
import type { ComposeActions } from '../compose/actions';
import type { ComposeState } from '../compose/state';
import type { InsertActions } from '../insert/actions';
import type { InsertAction, InsertState } from '../insert/state';
import type { ReferencesActions } from '../references/actions';
import type { ReferencesState } from '../references/state';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import type { SettingsState } from '../settings/state';
import type { StyleActions } from '../style/actions';
import {
  generatingNotice,
  isAwaited,
  noImageError,
  type ResultsAction,
  type ResultsState,
  readyNotice,
  resultsOf,
  selectedImage,
  unplaceableError,
} from './state';

interface Reads {
  readonly session: SessionState;
  readonly compose: ComposeState;
  readonly settings: SettingsState;
  readonly results: ResultsState;
  readonly insert: InsertState;
  readonly references: Pick<ReferencesState, 'tray'>;
}

export function resultsActions(
  { server, store, now, wait }: Context<Reads, ResultsAction | InsertAction | SharedAction>,
  { fail, settled }: SessionActions,
  { refreshModels }: Pick<ComposeActions, 'refreshModels'>,
  { forSending }: Pick<ReferencesActions, 'forSending'>,
  style: Pick<StyleActions, 'field'>,
  placing: Pick<InsertActions, 'inserted'>,
) {
  const { dispatch, get } = store;

  /** Frees images on the server. Nothing the user could do if it fails, and the server expires them anyway. */
  function release(ids: readonly string[]): void {
    if (ids.length > 0) server.discardImages([...ids]).catch(() => undefined);
  }

  const awaited = (token: number) => isAwaited(get().results, token);

  async function generate(): Promise<void> {
    if (get().results.generating) return;
    // With references in the tray an empty prompt is a plain blend: Peel writes one naming each image.
    if (!get().compose.prompt.trim() && get().references.tray.length === 0) {
      fail(
        new ServerError({
          code: 'BAD_INPUT',
          message: t('describeFirst'),
          action: t('describeFirstDo'),
        }),
      );
      return;
    }
    // Ctrl+Enter can come before the model menu has answered, or after it failed: wait for (or retry) the list
    // rather than report that there is no model.
    if (!choices(get()).model) {
      // A second failure keeps its own error on screen: it says more than "no model".
      if (!(await refreshModels()) || get().results.generating) return;
    }
    // The limits, and the prompt written for the references and shown before anything is sent.
    const sending = forSending('generate');
    if (!sending) return;
    const prompt = (sending.prompt ?? get().compose.prompt).trim();
    if (!prompt) return;
    const asked = choices(get()).variants;
    // Read before generateStarted, which turns the one-request switch back on.
    const styled = style.field();
    dispatch(
      { type: 'generateStarted', now: now(), variants: asked },
      said({ error: null, notice: generatingNotice(asked) }),
    );
    const token = get().results.generating?.token;
    if (token === undefined) return;
    // Generate reads the selection itself (one call, not a reading and then Generate), fits the ratio to it and
    // refuses before anything is billed if nothing can go there. A reading already under way is awaited, so a
    // selection the sidebar already knows can take no image is said without a call.
    await settled();
    if (!awaited(token)) return;
    const unplaceable = unplaceableError(get().session.target);
    if (unplaceable) {
      dispatch({ type: 'generateFailed', token }, said({ error: unplaceable, notice: '' }));
      return;
    }
    const { model, ratio, size } = choices(get());
    const picked = get().compose.ratioChoice === ratio;
    if (!model) {
      dispatch(
        { type: 'generateFailed', token },
        said({
          error: {
            code: 'MODEL_NOT_FOUND',
            message: t('noModel'),
            action: t('reloadSidebar'),
          },
          notice: '',
        }),
      );
      return;
    }
    // The total this sidebar last heard: the server adds its image's cost to it instead of reading it back. Each
    // call answers with that sum for its own image only, so the sidebar adds the variants' costs itself.
    const known = get().session.documentCostUsd;
    const previous = get().results.shown;
    const { references } = sending;
    const request = {
      prompt,
      model: model.id,
      aspectRatio: ratio,
      selection: picked ? ('check' as const) : ('fit' as const),
      where: get().session.target?.chosen ?? null,
      // The place the person was shown: while the server keeps that reading, Generate does not read it again.
      placeId: get().session.target?.placeId ?? null,
      imageSize: size,
      ...(references.length > 0 ? { references } : {}),
      ...styled,
    };
    await runImageCalls(
      {
        call: (_index, attempt) =>
          server.generateImage({
            ...request,
            ...(attempt > 1 ? { attempt } : {}),
            ...(known !== null ? { documentCostUsd: known } : {}),
          }),
        now,
        wait,
        live: () => awaited(token),
        on: {
          delivered(index, delivered) {
            // Where it goes, as Generate read it: the first answer's reading stands for them all.
            if (delivered.target && !resultsOf(get().results, token)) {
              dispatch({ type: 'targetLoaded', target: delivered.target });
            }
            const documentCostUsd = totalAfter(get().session.documentCostUsd, delivered);
            const first = !resultsOf(get().results, token);
            dispatch({ type: 'variantArrived', token, index, delivered }, said({ documentCostUsd }));
            // The earlier generation's previews give way to this one's first image.
            if (first && previous) release(previous.images.map((i) => i.id));
          },
          waiting(index, retry) {
            dispatch({ type: 'variantWaiting', token, index, now: now(), wait: retry });
            // Said once for screen readers; the countdown itself ticks on screen (Progress).
            dispatch(said({ notice: waitingLine(get().results.generating, now()) ?? '' }));
          },
          calling(index) {
            dispatch({ type: 'variantCalling', token, index }, said({ notice: generatingNotice(asked) }));
          },
          failed(index, error) {
            const { chargedUsd } = error;
            dispatch(
              { type: 'variantFailed', token, index, error },
              ...(chargedUsd
                ? [said({ documentCostUsd: totalAfterCharge(get().session.documentCostUsd, chargedUsd) })]
                : []),
            );
          },
          abandoned(delivered) {
            release([delivered.image.id]);
          },
        },
      },
      asked,
    );
    if (!awaited(token)) return;
    const calls = get().results.generating?.calls ?? [];
    const failures = calls.flatMap((c) => (c.state === 'failed' ? [c.error] : []));
    const shown = resultsOf(get().results, token);
    dispatch(
      { type: 'generateFinished', token },
      shown ? said({ notice: readyNotice(shown, asked) }) : said({ error: noImageError(failures), notice: '' }),
    );
  }

  function cancel(): void {
    if (!get().results.generating) return;
    dispatch({ type: 'cancelled' }, said({ notice: t('stoppedWaiting') }));
  }

  /**
   * Insert, Replace selected or background, and on a slide without room where it goes: one call. A new picture
   * goes to the place the sidebar shows, which it reads again whenever the pointer or the focus comes back from
   * the editor; for the rest the server reads the selection as it is at that moment and either puts the image
   * there or says what to select, so the first click on "Replace selected" after selecting a picture works. Its
   * answer carries the new picture's thread.
   */
  async function insert(mode: InsertMode, where?: NoRoomChoice): Promise<Wire<InsertResult> | null> {
    const { results, session, insert } = get();
    const shown = results.shown;
    const image = selectedImage(shown);
    if (!shown || !image || session.busy) return null;
    // Plain Insert of an image already inserted waits for "Insert again": two clicks must not stack two copies.
    if (mode === 'insert' && placing.inserted(image.id)) return null;
    dispatch(busy('insert'));
    try {
      // The place the sidebar shows as the person presses Insert: a reading under way (the pointer just came
      // back from the editor) is awaited, so it is where they are now.
      await settled();
      const target = get().session.target;
      // The person's choice among a small space's offers, unless the button names its own.
      const place = where ?? target?.chosen;
      const placeId = mode === 'insert' && session.host === 'slides' ? target?.placeId : undefined;
      // Only the id travels back: the bytes crossed google.script.run once, and what the image was made from
      // waits with it on the server.
      const result = await server.insertImage({
        imageId: image.id,
        mode,
        ...(place && place !== 'background' ? { where: place } : {}),
        ...(session.host === 'docs' ? { docsWidth: insert.docsWidth } : {}),
        ...(placeId ? { placeId } : {}),
      });
      dispatch(
        ...(mode === 'insert' ? [{ type: 'imageInserted', id: image.id } as const] : []),
        said({ busy: null, notice: t('insertedWhere', { label: told(result.label, result.labelWords) }) }),
      );
      return result;
    } catch (error) {
      const reason = toWireError(error);
      // The server's cache dropped the images (they expire after a while): nothing to discard there, and these
      // previews can never be inserted, so they go and the user is told to generate again. The prompt stays,
      // so generating again is one click.
      dispatch(...(reason.code === 'PREVIEW_EXPIRED' ? [{ type: 'discarded' } as const] : []), failed(reason));
      return null;
    }
  }

  function discard(): void {
    const shown = get().results.shown;
    if (!shown) return;
    dispatch({ type: 'discarded' }, said({ notice: t('imagesDiscarded') }));
    release(shown.images.map((i) => i.id));
  }

  return { generate, cancel, insert, discard };
}

export type ResultsActions = ReturnType<typeof resultsActions>;
