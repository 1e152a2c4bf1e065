import { isSignatureRefusal, sendEdit } from '../../core/conversation/edit-request';
import type { Thread, TurnKind, Version } from '../../core/conversation/thread';
import { currentVersionId, LAST_THREAD_KEY, nextVersionId, threadKey, userHash } from '../../core/conversation/thread';
import { PeelError } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import { modelSpec } from '../../core/gemini/catalog';
import { checkImageOptions } from '../../core/gemini/options';
import { nearestAspectRatio } from '../../core/geometry';
import { imageFacts } from '../../core/image-info';
import { type AltText, altText, keepingDescription } from '../../core/prompts';
import { quickInstruction } from '../../core/quick-edits';
import type { VersionStore } from '../../core/versions';
import type {
  ApplyRequest,
  ApplyResult,
  EditRequest,
  ImageCallOutcome,
  ImageRef,
  QuickEditRequest,
  SelectedImage,
  ThreadImage,
  ThreadView,
} from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import { type DocumentStore, openDocumentStore } from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import {
  altOf,
  callerId,
  documentImage,
  imageExists,
  imageLabel,
  type LocatedImage,
  locateImage,
  namedRangeName,
  newThreadId,
  selectedImage,
  selectedImageView,
} from '../platform/identity';
import { openStash, type StashedImage } from '../platform/stash';
import { allOrNothing, type Undo } from '../platform/undo';
import { readDocumentCost } from '../spine/costs';
import { openGeminiClient, openSettings } from '../spine/gemini';
import { type CallOptions, imageCall } from '../spine/image-call';
import { HeldSignatures, type Memo, memoKeys, readMemo } from '../spine/memo';
import { type Recorded, recordTurn, storedThread } from '../spine/threads';
import { insertableBlob } from './insert';
import { checkReferenceLimits, recorded, referenceImages } from './references';
import { styleFor } from './style';

const nowSeconds = () => Math.floor(Date.now() / 1000);

function requireStore(): DocumentStore {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', { detail: 'Open Peel from a document.' });
  return store;
}

/** A snapshot of the thread (unlocked: for showing it and for building a request, never for writing). */
function readThread(store: DocumentStore, threadId: string | null): Thread | null {
  return threadId === null ? null : storedThread(store.read(), threadId);
}

// ---------------------------------------------------------------------------------------------------------
// The thread as the sidebar shows it

function view(located: LocatedImage, thread: Thread | null, label: string, me: string): ThreadView {
  const mine = thread ? userHash(me, thread.id) : '';
  const who = (u: string) => (u === mine ? 'you' : 'collaborator') as 'you' | 'collaborator';
  const current = thread ? currentVersionId(thread) : null;
  const alt = altOf(located);
  const description = alt.description;
  return {
    threadId: thread?.id ?? located.threadId,
    ref: located.ref,
    label,
    current: documentImage(located),
    turns: (thread?.turns ?? []).map((turn) => ({
      instruction: turn.i,
      modelText: turn.w ?? '',
      model: turn.m,
      ratio: turn.r,
      size: turn.s,
      costUsd: turn.c,
      at: turn.t * 1000,
      who: who(turn.u),
      versionId: turn.ver,
      kind: turn.k ?? 'edit',
    })),
    summary: thread?.summary ?? null,
    versions: (thread?.versions ?? []).map((version) => ({
      id: version.id,
      at: version.t * 1000,
      who: who(version.u),
      current: version.id === current,
      reachable: version.u === mine ? 'yes' : 'unknown',
    })),
    altTitle: alt.title,
    altDescription: description,
    altByPerson: keepingDescription({ title: '', description: '' }, description).description !== '',
  };
}

/**
 * The thread of the image `ref` names, or with null the document's most recent thread (`peel.last`) if its image
 * is still there. A Docs image Peel does not track yet has no thread (threadId null, no turns).
 */
export function getThreadView(ref: ImageRef | null): ThreadView | null {
  const file = activeFile();
  const store = requireStore();
  const properties = store.read();
  let located: LocatedImage;
  let lead = 'The selected image';
  if (ref === null) {
    const last = properties[LAST_THREAD_KEY];
    const thread = last ? storedThread(properties, last) : null;
    if (!thread) return null;
    try {
      located = locateImage(file, thread.ref);
    } catch {
      return null;
    }
    lead = 'The image edited last';
  } else {
    located = locateImage(file, ref);
  }
  const thread = located.threadId ? storedThread(properties, located.threadId) : null;
  return view(located, thread, imageLabel(located, lead), callerId());
}

/** Target.image for the selection, or undefined when not exactly one image is selected. */
export function selectionImage(file: ActiveFile): SelectedImage | undefined {
  const located = selectedImage(file);
  if (!located) return undefined;
  return selectedImageView(located, (threadId) => {
    // One getProperty: getTarget runs on every selection change.
    const properties = PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
    return Boolean(properties?.getProperty(threadKey(threadId)));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Edit: one variant

function themeColours(file: ActiveFile, located: LocatedImage): string[] {
  if (file.host !== 'slides' || located.host !== 'slides') return [];
  let scheme: GoogleAppsScript.Slides.ColorScheme;
  try {
    scheme = located.image.getParentPage().getColorScheme();
  } catch (error) {
    // No readable scheme: quickInstruction then says there are no theme colours to match.
    console.error(error instanceof Error ? error.stack : String(error));
    return [];
  }
  const colours: string[] = [];
  for (const type of scheme.getThemeColors()) {
    const name = String(type);
    // The text and background pairs are mostly black and white; the accents are the palette.
    if (!name.startsWith('ACCENT')) continue;
    const color = scheme.getConcreteColor(type);
    if (String(color.getColorType()) === 'RGB') colours.push(color.asRgbColor().asHexString());
  }
  return colours;
}

function boxRatio(located: LocatedImage, current: ThreadImage): number {
  const width = located.image.getWidth();
  const height = located.image.getHeight();
  return width > 0 && height > 0 ? width / height : current.pixelWidth / current.pixelHeight;
}

interface Worded {
  /** What the thread shows. */
  readonly instruction: string;
  /** What Gemini gets. */
  readonly prompt: string;
  readonly aspectRatio?: string;
  readonly kind: TurnKind;
}

const MORE_LIKE_THIS = quickInstruction({ kind: 'more-like-this' }).instruction;

/** What "more like this" repeats: the newest turn that asked for something (a restore or another "more" did not). */
function lastRequest(thread: Thread | null): string | undefined {
  return [...(thread?.turns ?? [])].reverse().find((turn) => turn.k !== 'restore' && turn.i !== MORE_LIKE_THIS)?.i;
}

function worded(instruction: string, quick: QuickEditRequest, thread: Thread | null, colours: () => string[]): Worded {
  if (quick) {
    const last = lastRequest(thread);
    const q = quickInstruction(quick, {
      ...(last ? { lastInstruction: last } : {}),
      ...(quick.kind === 'match-colours' ? { themeColours: colours() } : {}),
    });
    return { ...q, kind: 'quick' };
  }
  const text = instruction.trim();
  if (text === '') throw new PeelError('BAD_INPUT', 'Empty instruction', { detail: 'Say what should change first.' });
  return { instruction: text, prompt: text, kind: 'edit' };
}

/**
 * One edit variant per execution, shaped like generateImage (image-call.ts): the image and its memo stashed, its
 * cost recorded, or the wait Gemini asked for returned for the sidebar to count down.
 */
export function editImage(request: EditRequest, options: CallOptions = {}): ImageCallOutcome {
  const spec = modelSpec(request.model.trim());
  const file = activeFile();
  const located = locateImage(file, request.ref);
  const store = requireStore();
  // One getProperties for the thread, the deck's style and (when the sidebar sent none) the document's total.
  const snapshot = options.snapshot ?? store.read();
  const thread = located.threadId === null ? null : storedThread(snapshot, located.threadId);
  const style = styleFor(request.style, snapshot);
  const words = worded(request.instruction, request.quick, thread, () => themeColours(file, located));
  const current = documentImage(located);
  const aspectRatio =
    words.aspectRatio ?? request.aspectRatio ?? nearestAspectRatio(boxRatio(located, current), spec.aspectRatios);
  // Before anything is sent, so a request the model cannot take costs nothing. The picture counts as a reference,
  // then the person's references, then the deck style's.
  const uses = request.references ?? [];
  const { size } = checkImageOptions(spec, {
    aspectRatio,
    imageSize: request.imageSize,
    references: 1 + uses.length + style.references.length,
  });
  // Style transfer and the like (issue 12): sent after the picture being edited.
  const references = [...referenceImages(uses, snapshot), ...style.references];
  checkReferenceLimits(spec, references, { images: 1, bytes: decodedLength(current.base64) });
  const version = thread ? currentVersionId(thread) : null;
  const held = thread && version ? new HeldSignatures().get(thread.id, version) : null;
  const client = openGeminiClient(openSettings());
  const outcome = sendEdit(
    {
      thread,
      image: current,
      held,
      spec,
      instruction: words.prompt,
      aspectRatio,
      imageSize: size,
      ...(style.rules ? { rules: style.rules } : {}),
      references,
    },
    (built) => {
      const tried = client.tryGenerate(built);
      // A refused signature is thrown so that sendEdit sends once more with the image as a plain reference.
      if (!tried.ok && isSignatureRefusal(tried.error)) throw tried.error;
      return tried;
    },
  );
  return imageCall(
    outcome,
    request.attempt ?? 1,
    request.documentCostUsd ?? readDocumentCost(store, snapshot),
    { m: spec.id, r: aspectRatio, s: size, ...recorded(uses, style.names) },
    { ...(options.keepSeconds ? { keepSeconds: options.keepSeconds } : {}), warnings: style.warnings, store },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Apply and restore: keep the replaced version, record the turn, replace in place

/** Under this, a new image's ratio counts as the box's: Slides crops the sliver, Docs keeps the box. */
const SAME_RATIO = 0.02;

function sameRatio(a: number, b: number): boolean {
  return Math.abs(Math.log(a / b)) <= SAME_RATIO;
}

/** Replaces the image in place, every step undone if a later one fails; the replace itself is the last call. */
function replaceInPlace(located: LocatedImage, image: StashedImage, alt: AltText, threadId: string): void {
  const blob = insertableBlob(image);
  const ratio = image.pixelWidth / image.pixelHeight;
  allOrNothing((undo) => {
    if (located.host === 'slides') {
      const target = located.image;
      const title = target.getTitle();
      const description = target.getDescription();
      undo(() => target.setTitle(title).setDescription(description));
      target.setTitle(alt.title).setDescription(alt.description);
      // Image.replace keeps the element: object id, position, size, rotation, z-order. crop = true fills the box
      // when the ratio is the box's; an "expand" to another ratio is fitted inside it instead of cut back.
      target.replace(blob, sameRatio(ratio, target.getWidth() / target.getHeight()));
      return;
    }
    replaceInDocs(located, blob, ratio, alt, threadId, undo);
  });
}

/**
 * Docs has no replace for inline images: the new one goes in at the old one's index in the same paragraph,
 * with the same width (and height, unless the ratio changed), link and named range, then the old is removed.
 */
function replaceInDocs(
  located: Extract<LocatedImage, { host: 'docs' }>,
  blob: GoogleAppsScript.Base.Blob,
  ratio: number,
  alt: AltText,
  threadId: string,
  undo: Undo,
): void {
  const { document, image: old } = located;
  const parent = old.getParent();
  const index = parent.getChildIndex(old);
  const width = old.getWidth();
  const height = old.getHeight();
  const link = old.getLinkUrl();
  const made =
    String(parent.getType()) === 'LIST_ITEM'
      ? parent.asListItem().insertInlineImage(index, blob)
      : parent.asParagraph().insertInlineImage(index, blob);
  undo(() => made.removeFromParent());
  made.setWidth(width).setHeight(sameRatio(ratio, width / height) ? height : Math.max(1, Math.round(width / ratio)));
  if (link) made.setLinkUrl(link);
  made.setAltTitle(alt.title).setAltDescription(alt.description);
  const stale = document.getNamedRanges(namedRangeName(threadId));
  const named = document.addNamedRange(namedRangeName(threadId), document.newRange().addElement(made).build());
  undo(() => named.remove());
  old.removeFromParent();
  // Ranges that named the old image (now empty); not undoable, so after the last step that can fail.
  for (const range of stale) {
    try {
      range.remove();
    } catch {
      // Already gone with its element.
    }
  }
}

interface Change {
  readonly instruction: string;
  readonly modelText: string;
  readonly memo: Memo;
  readonly kind: TurnKind;
  /** Unique per change; a retried execution repeats it and appends nothing. */
  readonly turnId: string;
  /** For a restore: the version the image becomes. */
  readonly restoring?: Version;
}

function apply(
  file: ActiveFile,
  located: LocatedImage,
  image: StashedImage,
  change: Change,
  alt: AltText,
  versions: VersionStore,
): ApplyResult {
  const store = requireStore();
  const me = callerId();
  const threadId = located.threadId ?? newThreadId();
  const ref = located.host === 'docs' ? `d:${threadId}` : located.ref;
  const snapshot = readThread(store, threadId);
  const label = imageLabel(located, 'The image');
  const now = nowSeconds();
  const u = userHash(me, threadId);

  // 1. Keep what the document shows, unless the thread already keeps it (it was restored from a version).
  const showing = snapshot ? currentVersionId(snapshot) : null;
  const alreadyKept = showing !== null && (snapshot?.versions.some((v) => v.id === showing) ?? false);
  let kept: Omit<Version, 'id'> | null = null;
  if (!alreadyKept) {
    const before = documentImage(located);
    const tentative = showing ?? (snapshot ? nextVersionId(snapshot) : 'v1');
    const documentName = file.host === 'slides' ? file.presentation.getName() : file.document.getName();
    const { file: driveFile } = versions.put(before, {
      threadId,
      versionId: tentative,
      at: now * 1000,
      documentName,
      label,
    });
    kept = {
      t: now,
      u,
      store: 'drive',
      file: driveFile,
      mime: before.mimeType,
      w: before.pixelWidth,
      h: before.pixelHeight,
    };
  }

  // 2 and 3: the record, then the document, under one hold of the lock.
  let applied: Recorded;
  try {
    applied = recordTurn(
      store,
      {
        threadId,
        ref,
        turn: {
          id: change.turnId,
          i: change.instruction,
          ...(change.modelText ? { w: change.modelText } : {}),
          m: change.memo.m,
          r: change.memo.r,
          s: change.memo.s,
          c: change.memo.c,
          t: now,
          u,
          ...(change.kind !== 'edit' ? { k: change.kind } : {}),
          ...(change.memo.refs && change.memo.refs.length > 0 ? { refs: change.memo.refs } : {}),
        },
        ...(change.restoring ? { produces: change.restoring.id } : {}),
        kept,
        exists: (r: string) => imageExists(file, r),
      },
      () => replaceInPlace(located, image, alt, threadId),
    );
  } catch (error) {
    if (kept) trashQuietly(versions, kept.file);
    throw error;
  }
  if (!applied.added && kept) trashQuietly(versions, kept.file);
  // Versions that left the list: their files are trashed by their owner; the caller can trash only their own.
  for (const dropped of applied.fitted.droppedVersions) {
    if (dropped.u === u) trashQuietly(versions, dropped.file);
  }
  return { ref, threadId, versionId: applied.versionId, label };
}

function trashQuietly(versions: VersionStore, file: string): void {
  try {
    versions.trash(file);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

function altFor(
  located: LocatedImage,
  thread: Thread | null,
  instruction: string,
  modelText: string,
  keepDescription: boolean,
): AltText {
  // The title names the subject, which the thread's first instruction usually does; the edit adds to it.
  const first = thread?.turns[0]?.i ?? '';
  const alt = altText(first ? `${first}. ${instruction}` : instruction, modelText);
  return keepDescription ? keepingDescription(alt, altOf(located).description) : alt;
}

/**
 * A turn's id: the start of the applied image's random id, unique enough within one thread (52 bits) and short,
 * since every turn stores it (`thread_bytes_per_turn`). A retried Apply of the same image repeats it.
 */
function turnIdOf(imageId: string): string {
  return imageId.slice(0, 10);
}

export function applyEdit(request: ApplyRequest): ApplyResult {
  const file = activeFile();
  const located = locateImage(file, request.ref);
  const { image, extra } = openStash().getWith(request.imageId, memoKeys(request.imageId));
  const read = readMemo(extra, request.imageId);
  if (!read) {
    throw new PeelError('PREVIEW_EXPIRED', 'Edit memo missing', {
      detail: 'Peel keeps edited images for 30 minutes for applying, and Google may clear them sooner.',
    });
  }
  const store = requireStore();
  const thread = readThread(store, located.threadId);
  // Only the thread's wording is used here, but a match-colours turn is worded only when the theme has colours.
  const words = worded(request.instruction, request.quick, thread, () => themeColours(file, located));
  const modelText = request.modelText ?? '';
  const alt = altFor(located, thread, words.instruction, modelText, request.keepAltDescription);
  const result = apply(
    file,
    located,
    image,
    { instruction: words.instruction, modelText, memo: read.memo, kind: words.kind, turnId: turnIdOf(request.imageId) },
    alt,
    driveVersionStore(),
  );
  if (read.signature) {
    try {
      new HeldSignatures().put(result.threadId, result.versionId, read.signature);
    } catch (error) {
      // The next edit rebuilds the model turn instead: slower to converge, never wrong.
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }
  return result;
}

function findVersion(thread: Thread, versionId: string): Version {
  const version = thread.versions.find((v) => v.id === versionId);
  if (!version) {
    throw new PeelError('VERSION_UNAVAILABLE', `No version ${versionId}`, {
      detail: 'This version is no longer listed in the image’s history (Peel keeps the newest 20).',
    });
  }
  return version;
}

function versionImage(versions: VersionStore, version: Version, mine: boolean): ThreadImage {
  let got: { mimeType: string; base64: string };
  try {
    got = versions.get(version.file);
  } catch (error) {
    if (mine && error instanceof Error && (error as PeelError).code === 'VERSION_UNAVAILABLE') {
      throw new PeelError('VERSION_UNAVAILABLE', 'Own version file gone', {
        detail: 'Its file is no longer in the “Peel versions” folder of your Google Drive (it was deleted).',
      });
    }
    throw error;
  }
  const facts = imageFacts(got.mimeType, got.base64);
  return { ...got, pixelWidth: facts?.pixelWidth ?? 0, pixelHeight: facts?.pixelHeight ?? 0 };
}

function threadOrThrow(threadId: string): Thread {
  const thread = readThread(requireStore(), threadId);
  if (!thread) {
    throw new PeelError('BAD_INPUT', `No thread ${threadId}`, {
      detail: 'This image has no history in this document any more. Select it again.',
    });
  }
  return thread;
}

export function getVersionImage(threadId: string, versionId: string): ThreadImage {
  const thread = threadOrThrow(threadId);
  if (versionId === currentVersionId(thread) && !thread.versions.some((v) => v.id === versionId)) {
    return documentImage(locateImage(activeFile(), thread.ref));
  }
  const version = findVersion(thread, versionId);
  return versionImage(driveVersionStore(), version, version.u === userHash(callerId(), threadId));
}

export function restoreVersion(threadId: string, versionId: string, ref: ImageRef): ApplyResult {
  const file = activeFile();
  const located = locateImage(file, ref);
  if (located.threadId !== null && located.threadId !== threadId) {
    throw new PeelError('BAD_INPUT', 'Version of another image', {
      detail: 'That version belongs to another image. Select the image it came from.',
    });
  }
  const thread = threadOrThrow(threadId);
  const version = findVersion(thread, versionId);
  const versions = driveVersionStore();
  const restored = versionImage(versions, version, version.u === userHash(callerId(), threadId));
  const image: StashedImage = { id: `restore-${versionId}`, ...restored };
  const last = thread.turns.at(-1);
  const alt = altFor(located, thread, `Restore version ${versionId.replace(/^v/, '')}`, '', true);
  return apply(
    file,
    { ...located, threadId } as LocatedImage,
    image,
    {
      instruction: `Restored version ${versionId.replace(/^v/, '')}`,
      modelText: '',
      memo: { m: last?.m ?? 'restore', r: last?.r ?? '-', s: last?.s ?? '-', c: null },
      kind: 'restore',
      turnId: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      restoring: version,
    },
    alt,
    versions,
  );
}

// ---------------------------------------------------------------------------------------------------------
// A new image starts its thread

export interface NewImageTurn {
  readonly imageId: string;
  readonly prompt: string;
  readonly modelText: string;
}

/** The first turn of a thread: the prompt a new image was made from, and what the stash remembered of it. */
export function startThread(
  store: DocumentStore,
  file: ActiveFile,
  threadId: string,
  ref: ImageRef,
  made: NewImageTurn,
  memo: Memo,
): void {
  recordTurn(store, {
    threadId,
    ref,
    turn: {
      id: turnIdOf(made.imageId),
      i: made.prompt.trim() || 'New image',
      ...(made.modelText ? { w: made.modelText } : {}),
      m: memo.m,
      r: memo.r,
      s: memo.s,
      c: memo.c,
      t: nowSeconds(),
      u: userHash(callerId(), threadId),
      k: 'new',
      ...(memo.refs && memo.refs.length > 0 ? { refs: memo.refs } : {}),
    },
    exists: (r: string) => imageExists(file, r),
  });
}
