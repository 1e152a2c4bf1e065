/**
 * `place`: the one way a picture Peel made (or a kept version) goes into the document, for Insert, Apply,
 * Accept and Restore. It reads the pending image and its record (pending.ts) in one getAll, puts the picture
 * where it belongs, and records the turn in the image's thread.
 *
 * A change to a picture that is already in the document is optimistic: the record says which version the edit
 * started from, and under the document lock `place` checks that the document still shows it. If someone
 * changed it meanwhile (a collaborator's Apply, a Restore, the same person in another tab), nothing is
 * overwritten: the answer says so, and the person chooses to apply on top of the new picture anyway (it is kept
 * as a version first) or to keep theirs as a version only. So every picture that was ever in the document stays
 * restorable, and each version says who made it.
 *
 * The picture being replaced is read and kept in Drive before the lock (an upload can take seconds; the lock is
 * for milliseconds), then the check under the lock says whether that copy is the one the thread keeps. If the
 * version changed in between, the copy is trashed and nothing else happened.
 */
import type { Thread, Turn, Version } from '../../core/conversation/thread';
import { currentVersionId, lastPlaced, userHash } from '../../core/conversation/thread';
import type { DocsWidth } from '../../core/docs-width';
import { detailOf, PeelError, toldAs } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import { type Language, PSEUDO, resolveLocale } from '../../core/i18n';
import { checkInsertable, imageFacts, MAX_INSERT_BYTES } from '../../core/image-info';
import type { SlideLayout } from '../../core/placement';
import { type AltText, altText, keepingDescription, unmarked } from '../../core/prompts';
import type { VersionStore, VersionUpload } from '../../core/versions';
import type { InsertRequest } from '../../shared/requests';
import type { ApplyResult, ChangedMeanwhile, InsertResult, ThreadImage, ThreadSummary } from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import { insertIntoDocs, insertUnderSection } from '../platform/docs';
import { type DocumentStore, openDocumentStore } from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import {
  altOf,
  descriptionOf,
  docsImageRefs,
  documentPicture,
  imageExists,
  imageLabel,
  type LocatedImage,
  locateImage,
  namedRangeName,
  newThreadId,
  slidesThreadId,
} from '../platform/identity';
import { openDocumentLock, underDocumentLock } from '../platform/lock';
import { insertIntoSlides, insertOnPage, insertOnShownSlide } from '../platform/slides';
import { openStash, previewExpired, type StashedImage } from '../platform/stash';
import { allOrNothing, type Undo } from '../platform/undo';
import { userLocale } from '../platform/words';
import { openSettings } from './gemini';
import { HeldSignatures, type PendingRecord, readRecord, recordKeys } from './pending';
import type { Settings } from './settings';
import { placeIn, SHOWN_KEY } from './shown';
import { type Labelled, threadSummary } from './thread-view';
import { type Recorded, recordKept, recordTurn, startThread as startThreadRecord, storedThread } from './threads';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Where a picture goes. */
export type Where =
  /**
   * Insert: where the selection says (a new picture, a filled box, a background, a replaced picture), with the
   * person's choices as the request sends them (a new field there reaches here unchanged).
   */
  | ({ readonly kind: 'selection' } & Omit<InsertRequest, 'imageId'>)
  /**
   * A job's proposal, whatever is selected: in Slides on the slide its key names, by the placement rules; in Docs
   * under the heading of the section its key names, after the section's first paragraph (platform/docs.ts). One
   * kind for both, so the job need not ask which editor this is before `place` does.
   */
  | { readonly kind: 'job-item'; readonly key: string; readonly docsWidth: DocsWidth }
  /**
   * Apply, a restyle's Accept, Restore: in place of the picture the edit started from. `resolve` is the person's
   * choice after a `changed` answer, with the version that answer said the document shows.
   */
  | {
      readonly kind: 'base';
      readonly keepAltDescription: boolean;
      readonly resolve?: { readonly choice: 'replace' | 'keep'; readonly seen: string | null } | null | undefined;
    };

export function requireStore(): DocumentStore {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', detailOf('openFromDocument'));
  return store;
}

/**
 * A pending image and its record, in one getAll with any `alongside` user-cache keys (their values come back in
 * `found`); PREVIEW_EXPIRED when either is gone.
 */
export function takePending(
  imageId: string,
  alongside: readonly string[] = [],
): {
  image: StashedImage;
  record: PendingRecord;
  signature: string | null;
  found: Readonly<Record<string, string>>;
} {
  const { image, extra } = openStash().getWith(imageId, [...recordKeys(imageId), ...alongside]);
  const read = readRecord(extra, imageId);
  if (!read) throw previewExpired();
  return { image, ...read, found: extra };
}

/**
 * The Blob the editors will take. Over 25 megapixels, or over 50 MB and not a PNG that JPEG shrinks enough, it
 * never reaches the insert call: IMAGE_TOO_LARGE, document untouched.
 */
export function insertableBlob(image: StashedImage): GoogleAppsScript.Base.Blob {
  const facts = {
    mimeType: image.mimeType,
    pixelWidth: image.pixelWidth,
    pixelHeight: image.pixelHeight,
    bytes: decodedLength(image.base64),
  };
  const check = checkInsertable(facts);
  if (check.kind === 'too-large' || check.kind === 'unsupported-type') {
    const detail = detailOf(check.why.key, check.why.params);
    throw new PeelError(check.kind === 'too-large' ? 'IMAGE_TOO_LARGE' : 'BAD_INPUT', detail.detail, detail);
  }
  const extension = image.mimeType === 'image/jpeg' ? 'jpg' : image.mimeType.replace('image/', '');
  const blob = Utilities.newBlob(Utilities.base64Decode(image.base64), image.mimeType, `peel-image.${extension}`);
  if (check.kind === 'ok') return blob;
  const jpeg = blob.getAs('image/jpeg');
  if (jpeg.getBytes().length > MAX_INSERT_BYTES) {
    throw new PeelError('IMAGE_TOO_LARGE', 'Over 50 MB as JPEG', detailOf('overFiftyJpeg'));
  }
  return jpeg;
}

/**
 * A turn's id: the start of the placed image's random id, unique enough within one thread (52 bits) and short,
 * since every turn stores it. A retried placement of the same image repeats it and appends nothing.
 */
export function turnIdOf(imageId: string): string {
  return imageId.slice(0, 10);
}

export function turnOf(record: PendingRecord, imageId: string, threadId: string): Omit<Turn, 'ver'> {
  return {
    id: turnIdOf(imageId),
    i: record.i.trim() || 'New image',
    ...(record.w ? { w: record.w } : {}),
    m: record.m,
    r: record.r,
    s: record.s,
    c: record.c,
    t: nowSeconds(),
    u: userHash(record.u, threadId),
    ...(record.k !== 'edit' ? { k: record.k } : {}),
    ...(record.refs && record.refs.length > 0 ? { refs: record.refs } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// A new picture: Insert, and a job's Accept

/**
 * Records a new picture's first turn. Its thread's key is new (the picture's own id), so it is added without the
 * document lock; only a store near its bound takes the lock, to make room (threads.ts), and then a busy document
 * (BUSY) or a full one (STORE_FULL: recent work fills Peel's memory) takes the picture back: no picture stands
 * without its thread, and the preview stays to insert again.
 */
function startThread(
  file: ActiveFile,
  threadId: string,
  ref: string,
  imageId: string,
  record: PendingRecord,
  shown: Labelled & { alt: AltText },
): ThreadSummary | null {
  const store = openDocumentStore();
  if (!store) return null;
  const thread = startThreadRecord(
    store,
    { threadId, ref, turn: turnOf(record, imageId, threadId), exists: (r: string) => imageExists(file, r) },
    record.sb,
  );
  return threadSummary({ ref, threadId, alt: shown.alt }, thread, shown, record.u);
}

function placeNew(imageId: string, where: Exclude<Where, { kind: 'base' }>): InsertResult {
  const file = activeFile();
  if (file.host === 'docs' && where.kind === 'selection' && where.mode === 'background') {
    throw new PeelError('BAD_INPUT', 'Background in Docs', detailOf('docsNoBackground'));
  }
  const placeId = file.host === 'slides' && where.kind === 'selection' && where.mode === 'insert' && where.placeId;
  const { image: stashed, record, found } = takePending(imageId, placeId ? [SHOWN_KEY] : []);
  const image = { blob: insertableBlob(stashed), ratio: stashed.pixelWidth / stashed.pixelHeight };
  const written = altText(record.i, record.w || undefined, undefined, altLanguage(file));
  const alt = record.ai === 0 ? unmarked(written) : written;
  if (file.host === 'slides') {
    // A new picture starts its thread; Replace keeps the element (and so any thread it has).
    const starts = where.kind === 'job-item' || where.mode === 'insert';
    const shownLayout = placeId ? slidePlaceShown(found, placeId) : null;
    const insert = () =>
      where.kind === 'job-item'
        ? insertOnPage(file.presentation, slideById(file.presentation, where.key), image, alt)
        : ((shownLayout && insertOnShownSlide(file.presentation, image, alt, shownLayout, where.where ?? undefined)) ??
          insertIntoSlides(file.presentation, image, where.mode, alt, where.where ?? undefined, record.l));
    if (!starts) return { ...insert(), threadId: null, thread: null };
    // No lock: nobody else can know this picture before its thread is written, and a job's proposal was claimed
    // under the lock before it came here (jobs.ts), so no second Accept places it too.
    const placed = insert();
    if (!placed.objectId) return { ...placed, threadId: null, thread: null };
    const threadId = slidesThreadId(placed.objectId);
    const shown = { ...placedLabel(placed), alt };
    let thread: ThreadSummary | null;
    try {
      thread = startThread(file, threadId, `s:${placed.objectId}`, imageId, record, shown);
    } catch (error) {
      // No picture without its thread: the one just placed goes again (the thread is the only step left).
      file.presentation.getPageElementById(placed.objectId)?.remove();
      throw error;
    }
    return { ...placed, threadId: thread ? threadId : null, thread };
  }
  const width = where.docsWidth ?? 'full';
  const mode = where.kind === 'selection' ? where.mode : 'insert';
  if (mode !== 'replace') {
    // A new inline image with a new thread id: no lock, as in Slides.
    const threadId = newThreadId();
    let thread: ThreadSummary | null = null;
    // The thread is one more step of the all-or-nothing insert: if it cannot be written, nothing was placed.
    const track = (inserted: GoogleAppsScript.Document.InlineImage, undo: Undo) => {
      const named = file.document.addNamedRange(
        namedRangeName(threadId),
        file.document.newRange().addElement(inserted).build(),
      );
      undo(() => named.remove());
      thread = startThread(file, threadId, `d:${threadId}`, imageId, record, { label: '', alt });
    };
    const placed =
      where.kind === 'job-item'
        ? insertUnderSection(file.document, where.key, image, alt, width, track)
        : insertIntoDocs(file.document, image, mode, alt, width, track);
    const summary = thread === null ? null : { ...(thread as ThreadSummary), ...placedLabel(placed) };
    return { ...placed, threadId: summary ? threadId : null, thread: summary };
  }
  // Two people replacing the same inline image would each insert a new one and then remove the old: one of
  // them finds it gone and undoes, or both succeed and two images stand where one was. Under the document lock
  // the second reads the selection again after the first has finished. Slides needs no lock: Image.replace
  // swaps in place, and a box someone else already filled is refused before anything changes.
  const placed = underDocumentLock(() => insertIntoDocs(file.document, image, mode, alt, width), openDocumentLock());
  return { ...placed, threadId: null, thread: null };
}

/**
 * The slide layout of the place the sidebar shows, when a new picture goes on that slide: its free space, beside a
 * selected text box or picture, on top, behind, or a new slide after it. A selected box (filled) and no slide read
 * no layout, and are read from the selection as it is.
 */
function slidePlaceShown(found: Readonly<Record<string, string>>, placeId: string): SlideLayout | null {
  const shown = placeIn(found, placeId);
  const kind = shown?.target.kind;
  return shown?.layout && shown.target.canInsert && (kind === 'slide' || kind === 'image') ? shown.layout : null;
}

/** Where a placed picture went, as its thread's label too. */
function placedLabel({ label, labelWords }: Labelled): Labelled {
  return labelWords ? { label, labelWords } : { label };
}

function slideById(presentation: GoogleAppsScript.Slides.Presentation, id: string): GoogleAppsScript.Slides.Slide {
  let page: GoogleAppsScript.Slides.Slide | null;
  try {
    page = presentation.getSlideById(id) as GoogleAppsScript.Slides.Slide | null;
  } catch {
    page = null;
  }
  if (!page) {
    throw new PeelError('IMAGE_GONE', 'Slide gone', detailOf('slideGone'));
  }
  return page;
}

// ---------------------------------------------------------------------------------------------------------
// In place of a picture: Apply, a restyle's Accept, Restore

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

function trashQuietly(versions: VersionStore, file: string): void {
  try {
    versions.trash(file);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/**
 * A Docs picture Peel did not track when the edit read it may have been tracked since (a collaborator applied an
 * edit to it): then it is that thread's picture, and the check below sees the change.
 */
function tracked(located: LocatedImage): LocatedImage {
  if (located.host !== 'docs' || located.threadId !== null) return located;
  const [ref] = docsImageRefs(located.document, [located.image]);
  return ref && !ref.startsWith('d:new:') ? { ...located, threadId: ref.slice(2) } : located;
}

/** What is placed in place of the base: its picture, and the turn it records. */
interface Change {
  readonly image: StashedImage;
  readonly turn: (threadId: string) => Omit<Turn, 'ver'>;
  /** The picture's maker (their PEEL_USER_ID). */
  readonly maker: string;
  /** The organization does not mark AI pictures (PendingRecord.ai). */
  readonly unmarked?: boolean;
  /** The words its alt text is written from (the edit's, or the restored version's). */
  readonly instruction: string;
  readonly modelText: string;
  /** For a restore: the version the picture becomes. */
  readonly restoring?: Version;
  readonly signature?: string | null;
}

function changedMeanwhile(
  thread: Thread | null,
  version: string | null,
  turn: Turn | null,
  me: string,
): ChangedMeanwhile {
  const by = turn && thread ? (turn.u === userHash(me, thread.id) ? 'you' : 'collaborator') : 'unknown';
  const key = by === 'you' ? 'changedYou' : by === 'collaborator' ? 'changedCollaborator' : 'changedSomeone';
  return { kind: 'changed', seen: version, by, at: turn ? turn.t * 1000 : null, ...toldAs('message', { key }) };
}

/**
 * The language Peel's part of the alt text is written in: in Docs the document's own (File → Language), which its
 * readers share, else the person's (Slides has no document language); English for a language Peel does not ship
 * or the pseudo-locale. One call either way: the document's language replaces the person's locale.
 */
function altLanguage(file: ActiveFile): Language {
  const language = resolveLocale(file.host === 'docs' ? file.document.getLanguage() || userLocale() : userLocale());
  return language === PSEUDO ? 'en' : language;
}

function altFor(
  file: ActiveFile,
  located: LocatedImage,
  thread: Thread | null,
  change: Change,
  keepDescription: boolean,
): AltText {
  // The title names the subject, which the thread's first instruction usually does; the edit adds to it.
  const first = thread?.turns[0]?.i ?? '';
  const instruction = first ? `${first}. ${change.instruction}` : change.instruction;
  const written = altText(instruction, change.modelText, undefined, altLanguage(file));
  const alt = change.unmarked ? unmarked(written) : written;
  return keepDescription ? keepingDescription(alt, descriptionOf(located)) : alt;
}

function documentName(file: ActiveFile): string {
  return file.host === 'slides' ? file.presentation.getName() : file.document.getName();
}

/** Keeps a picture as a file in the caller's Drive; the version record's fields but its id. */
function keepInDrive(
  versions: VersionStore,
  file: ActiveFile,
  picture: VersionUpload & { readonly pixelWidth: number; readonly pixelHeight: number },
  names: { threadId: string; versionId: string; label: string },
  maker: string,
  owner: string,
): Omit<Version, 'id'> {
  const now = nowSeconds();
  const { file: driveFile } = versions.put(picture, { ...names, at: now * 1000, documentName: documentName(file) });
  return {
    t: now,
    u: maker,
    ...(owner !== maker ? { o: owner } : {}),
    file: driveFile,
    mime: picture.mimeType,
    w: picture.pixelWidth,
    h: picture.pixelHeight,
  };
}

function replaceBase(
  file: ActiveFile,
  ref: string,
  expected: string | null,
  change: Change,
  where: Extract<Where, { kind: 'base' }>,
  versions: VersionStore,
  settings: Settings,
): ApplyResult {
  const me = settings.userId();
  const located = tracked(locateImage(file, ref));
  const store = requireStore();
  const threadId = located.threadId ?? newThreadId();
  const thread = storedThread(store.read(), threadId);
  const showing = thread ? currentVersionId(thread) : null;
  const expect = where.resolve ? where.resolve.seen : expected;
  const mine = userHash(me, threadId);
  const which = imageLabel(located, 'leadImage');
  const { label } = which;
  const placedRef = located.host === 'docs' ? `d:${threadId}` : located.ref;
  const summary = (t: Thread | null, alt: AltText) => threadSummary({ ref: placedRef, threadId, alt }, t, which, me);
  // Seen before anything is uploaded; checked again under the lock, where it counts.
  if (showing !== expect) return changedMeanwhile(thread, showing, (thread && lastPlaced(thread)) ?? null, me);

  if (where.resolve?.choice === 'keep') {
    const kept = keepInDrive(
      versions,
      file,
      change.image,
      { threadId, versionId: 'kept', label },
      userHash(change.maker, threadId),
      mine,
    );
    const done = recordKept(store, { threadId, ref: placedRef, kept, expect });
    if (done.changed) {
      trashQuietly(versions, kept.file);
      const now = done.thread;
      return changedMeanwhile(now, now ? currentVersionId(now) : null, (now && lastPlaced(now)) ?? null, me);
    }
    return {
      kind: 'kept',
      ref: placedRef,
      threadId,
      versionId: done.versionId,
      ...which,
      thread: summary(done.thread, altOf(located)),
    };
  }

  // Read before anything is kept: nothing below may fail with a file in Drive that no thread lists.
  const alt = altFor(file, located, thread, change, where.keepAltDescription);
  const before = documentPicture(located);

  // 1. Keep what the document shows, unless the thread already keeps it (it was restored from a version).
  const alreadyKept = showing !== null && (thread?.versions.some((v) => v.id === showing) ?? false);
  let kept: Omit<Version, 'id'> | null = null;
  if (!alreadyKept) {
    const maker = thread?.turns.find((t) => t.ver === showing)?.u ?? mine;
    kept = keepInDrive(versions, file, before, { threadId, versionId: showing ?? 'v1', label }, maker, mine);
  }

  // 2 and 3: the record, then the document, under one hold of the lock, if the document still shows `expect`.
  let applied: Recorded;
  try {
    applied = recordTurn(
      store,
      {
        threadId,
        ref: placedRef,
        turn: change.turn(threadId),
        ...(change.restoring ? { produces: change.restoring.id } : {}),
        kept,
        exists: (r: string) => imageExists(file, r),
        expect,
      },
      () => replaceInPlace(located, change.image, alt, threadId),
    );
  } catch (error) {
    if (kept) trashQuietly(versions, kept.file);
    throw error;
  }
  if (!applied.added && kept) trashQuietly(versions, kept.file);
  if (applied.changed) {
    return changedMeanwhile(applied.fitted.thread, applied.changed.version, applied.changed.turn, me);
  }
  // Versions that left the list, and pruned threads' versions, wait in the bin for their owners (core/bin.ts).
  if (change.signature && applied.added) {
    try {
      new HeldSignatures().put(threadId, applied.versionId, change.signature);
    } catch (error) {
      // The next edit rebuilds the model turn instead: slower to converge, never wrong.
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }
  const after: Thread = applied.fitted.thread;
  return {
    kind: 'applied',
    ref: placedRef,
    threadId,
    versionId: applied.versionId,
    ...which,
    thread: summary(after, alt),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The one entry

/** A kept version to put back (Restore): its thread, its id, and the version the person saw as current. */
export interface VersionSource {
  readonly threadId: string;
  readonly versionId: string;
  readonly seen: string | null;
}

export function place(imageId: string, where: Exclude<Where, { kind: 'base' }>): InsertResult;
export function place(source: string | VersionSource, where: Extract<Where, { kind: 'base' }>): ApplyResult;
export function place(source: string | VersionSource, where: Where): InsertResult | ApplyResult {
  if (where.kind !== 'base') return placeNew(source as string, where);
  const file = activeFile();
  // One read of the user's store: their id (who made what) and their versions folder.
  const settings = openSettings();
  const versions = driveVersionStore(settings.versionsFolder());
  if (typeof source !== 'string') return restoreVersion(file, source, where, versions, settings);
  const { image, record, signature } = takePending(source);
  if (!record.base) {
    throw new PeelError('BAD_INPUT', 'Not an edit', detailOf('notAnEdit'));
  }
  const change: Change = {
    image,
    turn: (threadId) => turnOf(record, source, threadId),
    maker: record.u,
    instruction: record.i,
    modelText: record.w,
    signature,
    ...(record.ai === 0 ? { unmarked: true } : {}),
  };
  return replaceBase(file, record.base.ref, record.base.version, change, where, versions, settings);
}

// ---------------------------------------------------------------------------------------------------------
// Versions

export function threadOrThrow(store: DocumentStore, threadId: string): Thread {
  const thread = storedThread(store.read(), threadId);
  if (!thread) {
    throw new PeelError('BAD_INPUT', `No thread ${threadId}`, detailOf('noHistory'));
  }
  return thread;
}

export function findVersion(thread: Thread, versionId: string): Version {
  const version = thread.versions.find((v) => v.id === versionId);
  if (!version) {
    throw new PeelError('VERSION_UNAVAILABLE', `No version ${versionId}`, detailOf('versionNotListed'));
  }
  return version;
}

/** A kept version's picture; VERSION_UNAVAILABLE, saying whose Drive it is in, when the caller cannot open it. */
export function versionImage(versions: VersionStore, version: Version, mine: boolean): ThreadImage {
  let got: { mimeType: string; base64: string };
  try {
    got = versions.get(version.file);
  } catch (error) {
    if (error instanceof PeelError && error.code === 'VERSION_UNAVAILABLE') {
      // Drive's own words name a file id, which says nothing to the person: say whose Drive it is in.
      throw new PeelError(
        'VERSION_UNAVAILABLE',
        mine ? 'Own version file gone' : 'Version in another Drive',
        detailOf(mine ? 'versionFileGone' : 'versionTheirDrive'),
      );
    }
    throw error;
  }
  const facts = imageFacts(got.mimeType, got.base64);
  return { ...got, pixelWidth: facts?.pixelWidth ?? 0, pixelHeight: facts?.pixelHeight ?? 0 };
}

function restoreVersion(
  file: ActiveFile,
  source: VersionSource,
  where: Extract<Where, { kind: 'base' }>,
  versions: VersionStore,
  settings: Settings,
): ApplyResult {
  const thread = threadOrThrow(requireStore(), source.threadId);
  const version = findVersion(thread, source.versionId);
  const me = settings.userId();
  const mine = userHash(me, source.threadId);
  const restored = versionImage(versions, version, (version.o ?? version.u) === mine);
  const last = lastPlaced(thread);
  const n = source.versionId.replace(/^v/, '');
  const change: Change = {
    image: { id: `restore-${source.versionId}`, ...restored },
    turn: () => ({
      id: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      i: `Restored version ${n}`,
      m: last?.m ?? 'restore',
      r: last?.r ?? '-',
      s: last?.s ?? '-',
      c: null,
      t: nowSeconds(),
      u: mine,
      k: 'restore',
    }),
    maker: me,
    instruction: `Restore version ${n}`,
    modelText: '',
    restoring: version,
  };
  return replaceBase(file, thread.ref, source.seen, change, { ...where, keepAltDescription: true }, versions, settings);
}
