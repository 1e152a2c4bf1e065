/**
 * The references' controller actions: fill the tray (the selection, the document's images, files from the
 * computer), roles, pins and `@Name` mentions, and what Generate and Edit send with it. A reference's bytes
 * cross google.script.run once: uploads go up once, document and named pictures come down once (for the
 * thumbnail), and requests carry only handles or names.
 */

import type { ReferenceRole, ReferenceUse, ThreadSummary } from '../../../src/shared/rpc';
import { type SharedAction, said } from '../../kernel/actions';
import { choices } from '../../kernel/model-choice';
import { ServerError, toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { t, told } from '../../kernel/words';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import type { Prepared } from './decode';
import {
  limitProblem,
  type Mode,
  namedEntry,
  needsComposing,
  promptToSend,
  type ReferencesAction,
  type ReferencesReads,
  type ReferencesState,
  referenceUses,
  styleComposition,
  type TrayItem,
  trayLimit,
} from './state';

/** What the references' actions read: their slice, the selection, and the picture an edit would change. */
type Reads = ReferencesReads & {
  readonly session: Pick<SessionState, 'target' | 'error'>;
  readonly references: ReferencesState;
  readonly thread: { readonly view: Pick<ThreadSummary, 'ref' | 'label' | 'labelWords'> | null };
};

/**
 * What Generate or Edit sends with the tray, or null: nothing is sent (the box was written, or a limit). `prompt`
 * is Generate's prompt as it goes, with the words naming each image, when the box does not already name them.
 */
export type Prepared4Send = { readonly references: ReferenceUse[]; readonly prompt?: string } | null;

export function referencesActions(
  { server, store }: Context<Reads, ReferencesAction | SharedAction>,
  { fail }: SessionActions,
  /** Scales and re-encodes a file from the computer (decode.ts, which the sidebar's late part carries). */
  prepare: (file: File) => Promise<Prepared>,
) {
  const { dispatch, get } = store;
  const problem = (sentence: string | null): ReferencesAction => ({ type: 'referenceProblem', problem: sentence });

  /** Room left in the tray for `count` more, or the sentence refusing them (nothing is taken or sent). */
  function refuseOver(count: number): boolean {
    const state = get();
    const limit = trayLimit(state);
    const used = state.references.tray.length + state.references.adding;
    if (used + count <= limit) return false;
    const name = choices(state).model?.displayName ?? t('thisModel');
    const room = Math.max(0, limit - used);
    dispatch(problem(room === 0 ? t('trayFull', { name, limit }) : t('trayRoom', { name, limit, room, count })));
    return true;
  }

  /** Takes document pictures into the tray, in the order given; each one's bytes come down once. */
  async function takeDocumentImages(pictures: readonly { ref: string; label: string }[]): Promise<void> {
    if (pictures.length === 0 || refuseOver(pictures.length)) return;
    dispatch({ type: 'referenceAdding', count: pictures.length });
    const taken = await Promise.all(
      pictures.map(async ({ ref, label }) => {
        try {
          const { handle, image } = await server.takeDocumentImage(ref);
          return { label, role: 'subject' as const, name: null, handle, thumb: image };
        } catch (error) {
          fail(error);
          return null;
        }
      }),
    );
    const items = taken.filter((t) => t !== null);
    dispatch(
      { type: 'referencesAdded', items, settled: pictures.length },
      said({ notice: t('referencesAdded', { n: items.length }) }),
    );
  }

  /** "Use the N selected pictures" (Slides), or "Use as reference" for the one selected image. */
  function takeSelection(): Promise<void> {
    const target = get().session.target;
    if (target?.images && target.images.length > 0) {
      return takeDocumentImages(target.images.map((i) => ({ ref: i.ref, label: told(i.label, i.labelWords) })));
    }
    if (target?.image) {
      // The target's label says where a new image would go; the picture is named as its thread names it.
      const view = get().thread.view;
      const label = view?.ref === target.image.ref ? told(view.label, view.labelWords) : t('theSelectedPicture');
      return takeDocumentImages([{ ref: target.image.ref, label }]);
    }
    return Promise.resolve();
  }

  /** The document's images, for the picker (labels only: no bytes until one is chosen). */
  async function listDocumentImages(): Promise<void> {
    try {
      dispatch({ type: 'documentImagesLoaded', images: await server.listDocumentImages() });
    } catch (error) {
      fail(error);
    }
  }

  /** Files from the computer: each scaled in the browser, then uploaded once; a refused one gets a sentence. */
  async function addFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0 || refuseOver(files.length)) return;
    dispatch({ type: 'referenceAdding', count: files.length });
    const sentences: string[] = [];
    const items: Omit<TrayItem, 'key'>[] = [];
    for (const file of files) {
      let prepared: Prepared;
      try {
        prepared = await prepare(file);
      } catch {
        prepared = { ok: false, sentence: t('fileUnreadable', { name: file.name || t('theFile') }) };
      }
      if (!prepared.ok) {
        sentences.push(prepared.sentence);
        continue;
      }
      try {
        const handle = await server.uploadReference(prepared.request);
        const { mimeType, base64, pixelWidth, pixelHeight } = prepared.request;
        items.push({
          label: file.name,
          role: 'subject',
          name: null,
          handle,
          thumb: { mimeType, base64, pixelWidth, pixelHeight },
        });
      } catch (error) {
        // The server's words for this file (its detail says what is wrong with it), then what to do.
        const { message, detail, action } = toWireError(error);
        sentences.push(`${file.name}: ${detail ?? message} ${action}`);
      }
    }
    dispatch(
      { type: 'referencesAdded', items, settled: files.length },
      // The same sentence for several files (the late part that reads them could not come) is said once.
      problem(sentences.length > 0 ? [...new Set(sentences)].join(' ') : null),
      said({ notice: items.length > 0 ? t('referencesAdded', { n: items.length }) : '' }),
    );
  }

  const asked = new Set<string>();

  /** Each named reference in the tray without a picture gets its picture once per sidebar. */
  function fetchNamedPictures(): void {
    for (const item of get().references.tray) {
      const name = item.name;
      if (name === null || item.thumb || asked.has(name.toLowerCase())) continue;
      asked.add(name.toLowerCase());
      server.useNamedReference(name).then(
        ({ handle, image }) => dispatch({ type: 'namedPicture', name, handle, thumb: image }),
        // The request still carries the name and the server says what is wrong when it is used; the tray
        // shows it without a picture meanwhile, and the sentence says why.
        (error: unknown) => dispatch(problem(toWireError(error).message)),
      );
    }
  }
  store.subscribe(fetchNamedPictures);

  let renewing = false;

  /**
   * The server keeps a reference for 6 hours (its cache's most); a Generate or Edit after that is refused with
   * REFERENCE_EXPIRED before anything is sent or billed. The tray still holds each picture's bytes (the scaled
   * upload, the document picture as it came down), so they go up again, once, and the person presses again.
   * Named references need nothing: requests carry their names, and the server reads them from where they live.
   */
  async function renew(): Promise<void> {
    if (renewing) return;
    renewing = true;
    try {
      const stale = get().references.tray.filter((i) => i.name === null && i.thumb !== null);
      let renewed = 0;
      for (const item of stale) {
        const thumb = item.thumb;
        if (!thumb) continue;
        try {
          const handle = await server.uploadReference({ ...thumb });
          dispatch({ type: 'referenceRenewed', key: item.key, handle });
          renewed++;
        } catch {
          // Said below: the person can remove it and add it again.
        }
      }
      dispatch(
        renewed === stale.length
          ? said({ error: null, notice: t('referencesRenewed') })
          : problem(t('referencesNotRenewed')),
      );
    } finally {
      renewing = false;
    }
  }
  let answered: unknown = null;
  store.subscribe(() => {
    const error = get().session.error;
    // Each refusal once: a renewal that fails leaves its sentence, not a loop.
    if (error?.code !== 'REFERENCE_EXPIRED' || error === answered || renewing) return;
    answered = error;
    void renew();
  });

  /** The document's named references, read when the sidebar opens; a failure leaves the chips out quietly. */
  async function loadNamed(): Promise<void> {
    try {
      dispatch({ type: 'namedLoaded', named: await server.getNamedReferences() });
    } catch {
      // Named references are an addition: the sidebar works without them.
    }
  }

  function attachNamed(name: string): void {
    const before = get().references.tray.length;
    dispatch({ type: 'namedAttached', name });
    if (get().references.tray.length > before) dispatch(said({ notice: t('referenceAdded', { name }) }));
  }

  async function pin(key: number, name: string, role: ReferenceRole): Promise<boolean> {
    const item = get().references.tray.find((i) => i.key === key);
    const wanted = name.trim();
    if (!item?.handle || !wanted) return false;
    try {
      const named = await server.pinReference({ handleId: item.handle.id, name: wanted, role });
      const pinned = namedEntry({ named }, wanted)?.name ?? wanted;
      dispatch(
        { type: 'namedLoaded', named },
        { type: 'referencePinned', key, name: pinned, role },
        said({ notice: t('pinnedAs', { name: pinned }) }),
      );
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  async function unpin(name: string): Promise<void> {
    try {
      const named = await server.unpinReference(name);
      dispatch({ type: 'namedLoaded', named }, said({ notice: t('unpinned', { name }) }));
    } catch (error) {
      fail(error);
    }
  }

  function writeBox(mode: Mode, text: string): void {
    dispatch(
      mode === 'generate' ? { type: 'promptChanged', prompt: text } : { type: 'instructionChanged', instruction: text },
    );
  }

  const boxOf = (mode: Mode) => (mode === 'generate' ? get().compose.prompt : get().thread.instruction);

  /**
   * Style transfer in one click: `styleKey`'s picture gives the style, `contentKey`'s the content (null: the
   * picture being edited). The roles are set and the prompt written into the box, to read before sending.
   */
  function styleTransfer(mode: Mode, contentKey: number | null, styleKey: number): void {
    if (contentKey !== null) dispatch({ type: 'referenceRoleChosen', key: contentKey, role: 'subject' });
    dispatch({ type: 'referenceRoleChosen', key: styleKey, role: 'style' });
    const references = get().references;
    const composed = styleComposition(references, references.tray, mode, boxOf(mode), contentKey, styleKey);
    writeBox(mode, composed.text);
    dispatch(
      { type: 'referencesComposed', composed },
      said({ error: null, notice: t(mode === 'generate' ? 'transferWrittenGenerate' : 'transferWrittenEdit') }),
    );
  }

  /**
   * Before Generate or Edit sends: the limits (a sentence, nothing sent), then what the request carries: the
   * references, and the words naming them where the box does not already (shown live under it).
   */
  function forSending(mode: Mode, editedBytes: number | null = null): Prepared4Send {
    const state = get();
    const { tray } = state.references;
    if (tray.length === 0) return { references: [] };
    const model = choices(state).model;
    if (state.references.adding > 0) {
      fail(busyError(t('stillAdding'), t(mode === 'generate' ? 'stillAddingGenerate' : 'stillAddingEdit')));
      return null;
    }
    const over = model ? limitProblem(tray, model, editedBytes) : null;
    if (over) {
      fail(new ServerError({ code: 'BAD_INPUT', message: over, action: t('nothingSent') }));
      return null;
    }
    const box = boxOf(mode);
    // Generate and Edit send at the first press, as the words show under the box (Wording.tsx), edited or not.
    if (needsComposing(state.references, mode, box)) {
      return { references: referenceUses(tray), prompt: promptToSend(state.references, box, mode).text };
    }
    return { references: referenceUses(tray) };
  }

  return {
    takeSelection,
    takeDocumentImages,
    listDocumentImages,
    addFiles,
    loadNamed,
    attachNamed,
    pin,
    unpin,
    styleTransfer,
    forSending,
    remove: (key: number) => dispatch({ type: 'referenceRemoved', key }),
    chooseRole: (key: number, role: ReferenceRole) => dispatch({ type: 'referenceRoleChosen', key, role }),
    clear: () => dispatch({ type: 'trayCleared' }, said({ notice: t('referencesRemoved') })),
  };
}

const busyError = (message: string, action: string) => new ServerError({ code: 'BAD_INPUT', message, action });

export type ReferencesActions = ReturnType<typeof referencesActions>;
