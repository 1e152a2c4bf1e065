/**
 * Reference images a person adds (from the computer or the document) and the document's named references they
 * pin and unpin. How a request's references are resolved is the spine's (spine/references.ts).
 */

import { addToBin } from '../../core/bin';
import { detailOf, PeelError, toldAs } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import { INPUT_IMAGE_TYPES } from '../../core/gemini/request';
import { checkUploads } from '../../core/policy';
import { uploadProblem } from '../../core/references';
import { BIN_PROPERTY } from '../../core/store-budget';
import type { VersionStore } from '../../core/versions';
import { MAX_REFERENCE_BYTES, type PinReferenceRequest, type UploadReferenceRequest } from '../../shared/requests';
import type { DocumentImage, ImageRef, NamedReference, ReferenceHandle, TakenReference } from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import { type DocumentStore, openDocumentStore } from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import {
  callerId,
  docsImageRefs,
  documentImage,
  type LocatedImage,
  locateImage,
  namedRangeName,
  newThreadId,
} from '../platform/identity';
import { CHUNK_CHARS, randomPart, type StashedImage } from '../platform/stash';
import { openSettings } from '../spine/gemini';
import {
  leftToPinners,
  MAX_NAMED_CHARS,
  MAX_NAMED_REFERENCES,
  NAMED_REFERENCES_PROPERTY,
  parseNamed,
  pinnerHash,
  referenceExpired,
  referenceStash,
  resolveNamed,
  type StoredReference,
  same,
  stashIdOf,
  storedNamed,
  storedNamedValue,
  unknownName,
} from '../spine/references';
import { forgetShown } from '../spine/shown';

function handleOf(image: StashedImage): ReferenceHandle {
  return {
    id: image.id,
    mimeType: image.mimeType,
    pixelWidth: image.pixelWidth,
    pixelHeight: image.pixelHeight,
    bytes: decodedLength(image.base64),
  };
}

function taken(image: StashedImage): TakenReference {
  const { id: _id, ...shown } = image;
  return { handle: handleOf(image), image: shown };
}

// ---------------------------------------------------------------------------------------------------------
// From the computer and from the document

/** Keeps a file from the computer for this user; refused with a sentence, nothing kept, when it is not right. */
export function uploadReference(request: UploadReferenceRequest): ReferenceHandle {
  checkUploads(openSettings().policy());
  const problem = uploadProblem(request, INPUT_IMAGE_TYPES, MAX_REFERENCE_BYTES);
  if (problem !== null) {
    throw new PeelError(problem.code, 'Unusable reference upload', detailOf(problem.words.key, problem.words.params));
  }
  const image = referenceStash().keep({
    mimeType: request.mimeType,
    base64: request.base64,
    pixelWidth: request.pixelWidth,
    pixelHeight: request.pixelHeight,
  });
  return handleOf(image);
}

function slidesImages(presentation: GoogleAppsScript.Slides.Presentation): DocumentImage[] {
  return presentation.getSlides().flatMap((slide, s) =>
    slide.getImages().map((image, k) => ({
      ref: `s:${image.getObjectId()}`,
      ...toldAs('label', { key: 'jobPicture', params: { n: String(s + 1), k: String(k + 1) } }),
      altTitle: image.getTitle() ?? '',
    })),
  );
}

function docsImages(document: GoogleAppsScript.Document.Document): DocumentImage[] {
  const images = document.getBody().getImages();
  const refs = docsImageRefs(document, images);
  return images.flatMap((image, k) => {
    const ref = refs[k];
    if (!ref) return [];
    return [{ ref, ...toldAs('label', { key: 'imageN', params: { n: k + 1 } }), altTitle: image.getAltTitle() ?? '' }];
  });
}

/** Every picture on every slide, or every inline image of the document's body, in document order. */
export function listDocumentImages(): DocumentImage[] {
  const file = activeFile();
  return file.host === 'slides' ? slidesImages(file.presentation) : docsImages(file.document);
}

/**
 * Keeps one of the document's pictures as a reference for this user (with where it came from, so it can be
 * pinned by name without copying it to Drive), and returns its bytes once, for the tray.
 */
export function takeDocumentImage(ref: ImageRef): TakenReference {
  const located = locateImage(activeFile(), ref);
  return taken(referenceStash().keep(documentImage(located), located.ref));
}

function viewOf(entry: StoredReference, mine: string): NamedReference {
  return {
    name: entry.n,
    role: entry.r,
    source: entry.d !== undefined ? 'document' : 'drive',
    pinnedBy: entry.u === mine ? 'you' : 'collaborator',
    at: entry.t,
  };
}

function requireStore(): DocumentStore {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', detailOf('openFromDocument'));
  return store;
}

/** The document's named references as the caller sees them. */
export function namedReferences(): NamedReference[] {
  const mine = pinnerHash(callerId());
  return parseNamed(storedNamedValue()).map((e) => viewOf(e, mine));
}

/**
 * Rewrites the document's named references under the lock: `plan` gives the new list from the stored one.
 * Entries that leave it are the caller's to trash when they are theirs; a collaborator's Drive file goes to the
 * bin, for their Peel to trash when their sidebar opens (spine/bin.ts).
 */
function rewriteNamed(
  store: DocumentStore,
  mine: string,
  plan: (stored: StoredReference[]) => StoredReference[],
): NamedReference[] {
  const done = store.update((current) => {
    const stored = parseNamed(current[NAMED_REFERENCES_PROPERTY]);
    const next = plan(stored);
    const leaving = stored.filter((e) => !next.includes(e));
    const value = next.length > 0 ? JSON.stringify(next) : null;
    if (value !== null && (next.length > MAX_NAMED_REFERENCES || value.length > MAX_NAMED_CHARS)) {
      throw new PeelError(
        'BAD_INPUT',
        `${next.length} named references`,
        detailOf('namedAtMost', { n: MAX_NAMED_REFERENCES }),
      );
    }
    const bin = addToBin(current[BIN_PROPERTY], leftToPinners(leaving, mine));
    const binned = bin !== undefined && bin !== current[BIN_PROPERTY] ? { [BIN_PROPERTY]: bin } : {};
    // Nothing left the list: the stored value stays exactly as it was read.
    const unchanged = leaving.length === 0 && next.length === stored.length;
    const change = unchanged
      ? {}
      : value === null
        ? { remove: [NAMED_REFERENCES_PROPERTY], set: binned }
        : { set: { [NAMED_REFERENCES_PROPERTY]: value, ...binned } };
    const trash = leaving.flatMap((e) => (e.f !== undefined && e.u === mine ? [e.f] : []));
    return { change, result: { next, trash } };
  });
  // The person's next Generate uses the names as they are now, not the reading from before.
  forgetShown();
  if (done.trash.length > 0) {
    const versions = driveVersionStore();
    for (const file of done.trash) trashQuietly(versions, file);
  }
  return done.next.map((e) => viewOf(e, mine));
}

/**
 * The ref a pin keeps for a picture of the open document, or null when `ref` names none. Docs: a picture Peel
 * does not track yet gets a named range (as Apply would), so the pin survives edits around it.
 */
function inDocument(file: ActiveFile, ref: ImageRef, taken: StashedImage): ImageRef | null {
  let located: LocatedImage;
  try {
    located = locateImage(file, ref);
  } catch {
    return null;
  }
  if (located.host !== 'docs' || located.threadId !== null) return located.ref;
  // An untracked Docs image is named by its position when it was taken; text added above it since moves another
  // image there. Only the very picture that was taken is pinned in place; otherwise its bytes go to Drive.
  if (documentImage(located).base64 !== taken.base64) return null;
  const threadId = newThreadId();
  const { document } = located;
  document.addNamedRange(namedRangeName(threadId), document.newRange().addElement(located.image).build());
  return `d:${threadId}`;
}

function trashQuietly(versions: VersionStore, file: string): void {
  try {
    versions.trash(file);
  } catch (error) {
    // A file left in the pinner's Drive costs space, not correctness.
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/**
 * Pins a reference the caller holds under a name for the whole document. A picture taken from the document
 * stays where it is; an upload is kept in the caller's Drive (the versions store). Pinning a name that exists
 * (case-insensitively) replaces it. The caller's cache keeps the bytes under the name's new key at once.
 */
export function pinReference(request: PinReferenceRequest): NamedReference[] {
  const name = request.name.trim();
  const stash = referenceStash();
  const { image, src: from } = stash.getKept(request.handleId);
  if (!image) throw referenceExpired();
  const me = callerId();
  const mine = pinnerHash(me);
  // A picture of THIS document stays where it is; one taken in another document (the user cache is not per
  // document) or deleted since is kept in Drive like an upload.
  const here = from === null ? null : inDocument(activeFile(), from, image);
  let source: { d: string } | { f: string };
  let versions: VersionStore | null = null;
  if (here !== null) {
    source = { d: here };
  } else {
    versions = driveVersionStore();
    const at = Date.now();
    const kept = versions.put(
      { mimeType: image.mimeType, base64: image.base64 },
      { threadId: 'references', versionId: name, at, label: `Named reference ${name}` },
    );
    source = { f: kept.file };
  }
  const k = randomPart();
  const entry: StoredReference = {
    n: name,
    r: request.role,
    ...source,
    u: mine,
    t: Date.now(),
    k,
    c: Math.max(1, Math.ceil(image.base64.length / CHUNK_CHARS)),
  };
  let views: NamedReference[];
  try {
    views = rewriteNamed(requireStore(), mine, (stored) => [entry, ...stored.filter((e) => !same(e.n, name))]);
  } catch (error) {
    // Not pinned: the file just put in Drive would be nobody's.
    if (versions && entry.f) trashQuietly(versions, entry.f);
    throw error;
  }
  stash.put([{ ...image, id: stashIdOf(entry) }]);
  return views;
}

/** Unpins a name for everyone; a Drive file someone else pinned stays theirs, for their Peel to trash. */
export function unpinReference(name: string): NamedReference[] {
  const mine = pinnerHash(callerId());
  return rewriteNamed(requireStore(), mine, (stored) => stored.filter((e) => !same(e.n, name)));
}

/** A named reference's bytes for the tray (once per sidebar), kept for this user under the name's key. */
export function takeNamedReference(name: string): TakenReference {
  const entry = storedNamed().find((e) => same(e.n, name));
  if (!entry) throw unknownName(name);
  const stash = referenceStash();
  const { images } = stash.getMany([stashIdOf(entry)]);
  const [image] = resolveNamed([entry], images, stash);
  if (!image) throw unknownName(name);
  return taken(image);
}
