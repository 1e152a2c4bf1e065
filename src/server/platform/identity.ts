/**
 * Which image a thread belongs to, in each editor, and the caller's own opaque id.
 *
 * - Slides: an image's object id is its identity. It is document-wide and survives moves and other people's
 *   edits; a duplicated or pasted image gets a new one, so it has no thread until it is edited. The thread id is
 *   derived from the object id, so finding an image's thread costs one property read and no index.
 * - Docs: inline images have no id. Peel wraps each image it tracks in a named range `peel.img.<threadId>`; the
 *   selected image is matched by comparing its position with each such range's element. Machine tags never go
 *   into alt text, which screen readers read aloud.
 *
 * An `ImageRef` crossing google.script.run is `s:<objectId>`, `d:<threadId>`, or `d:new:<child index path>` for
 * a Docs image Peel does not track yet. The sidebar never parses it.
 */

import { isThreadId, userHash } from '../../core/conversation/thread';
import { detailOf, PeelError, toldAs } from '../../core/errors';
import { INPUT_IMAGE_TYPES } from '../../core/gemini/request';
import type { ServerKey, Words } from '../../core/i18n';
import { byteArrayFacts } from '../../core/image-info';
import type { ImageRef, SelectedImage, ThreadImage } from '../../shared/rpc';
import type { ActiveFile } from './active';
import { randomPart } from './stash';

type Presentation = GoogleAppsScript.Slides.Presentation;
type Document = GoogleAppsScript.Document.Document;
type Element = GoogleAppsScript.Document.Element;
type InlineImage = GoogleAppsScript.Document.InlineImage;

/** The random per-user id (no e-mail, no new scope) in the caller's user properties. */
export const USER_ID_PROPERTY = 'PEEL_USER_ID';
export const NAMED_RANGE_PREFIX = 'peel.img.';

/**
 * The caller's id, made on first need. Turns store only `userHash(id, threadId)`. Executions that read the user
 * store anyway take it from Settings instead (one read for the key and the id).
 */
export function callerId(
  properties: () => GoogleAppsScript.Properties.Properties = () => PropertiesService.getUserProperties(),
): string {
  const store = properties();
  const known = store.getProperty(USER_ID_PROPERTY);
  if (known) return known;
  const made = `${randomPart()}${randomPart()}`;
  store.setProperty(USER_ID_PROPERTY, made);
  return made;
}

/**
 * The caller's email address, read only where an organization's list of people decides (core/policy.ts): Peel
 * keeps no one's address. Empty where Google does not say (another domain's account, its security policy).
 */
export function callerEmail(): string {
  return Session.getActiveUser().getEmail();
}

/** A fresh thread id for a Docs image (Slides derives its own from the object id). */
export function newThreadId(): string {
  return `d${randomPart()}`;
}

/**
 * The thread id of a Slides image: a short hash of its object id (object ids may hold characters that property
 * keys and named ranges should not, and may be 50 long). The `s` prefix keeps it apart from Docs ids.
 */
export function slidesThreadId(objectId: string): string {
  return `s${userHash(objectId, 'slides-object')}`;
}

export function namedRangeName(threadId: string): string {
  return `${NAMED_RANGE_PREFIX}${threadId}`;
}

/** An image of the open document, found from a ref or the selection. */
export type LocatedImage =
  | {
      readonly host: 'slides';
      readonly ref: ImageRef;
      readonly threadId: string;
      readonly image: GoogleAppsScript.Slides.Image;
      readonly presentation: Presentation;
    }
  | {
      readonly host: 'docs';
      readonly ref: ImageRef;
      /** Null for an image Peel does not track yet: Apply gives it one. */
      readonly threadId: string | null;
      readonly image: InlineImage;
      readonly document: Document;
    };

export function imageGone(): PeelError {
  return new PeelError('IMAGE_GONE', 'The image is no longer in the document', detailOf('imageGoneMeanwhile'));
}

function isType(element: { getType(): unknown } | { getPageElementType(): unknown }, type: string): boolean {
  return 'getType' in element ? String(element.getType()) === type : String(element.getPageElementType()) === type;
}

// ---------------------------------------------------------------------------------------------------------
// Slides

function slidesSelected(presentation: Presentation): GoogleAppsScript.Slides.PageElement | null {
  const selection = presentation.getSelection() as GoogleAppsScript.Slides.Selection | null;
  if (!selection || String(selection.getSelectionType()) !== 'PAGE_ELEMENT') return null;
  const elements = selection.getPageElementRange()?.getPageElements() ?? [];
  const [element] = elements;
  return elements.length === 1 && element && isType(element, 'IMAGE') ? element : null;
}

function locateSlides(presentation: Presentation, ref: ImageRef): LocatedImage {
  const objectId = ref.slice(2);
  const element = presentation.getPageElementById(objectId) as GoogleAppsScript.Slides.PageElement | null;
  if (!element || !isType(element, 'IMAGE')) throw imageGone();
  return { host: 'slides', ref, threadId: slidesThreadId(objectId), image: element.asImage(), presentation };
}

// ---------------------------------------------------------------------------------------------------------
// Docs

/** Child indices from the body down to the element, or null when it is not in the body. */
function pathOf(element: Element): number[] | null {
  const path: number[] = [];
  let current: Element = element;
  for (let depth = 0; depth < 12; depth++) {
    const parent = current.getParent() as Element | null;
    if (!parent) return null;
    path.unshift((parent as GoogleAppsScript.Document.ContainerElement).getChildIndex(current));
    if (String(parent.getType()) === 'BODY_SECTION') return path;
    current = parent;
  }
  return null;
}

function atPath(document: Document, path: readonly number[]): Element | null {
  let current: Element = document.getBody() as unknown as Element;
  for (const index of path) {
    const container = current as unknown as GoogleAppsScript.Document.ContainerElement;
    if (typeof container.getNumChildren !== 'function' || index >= container.getNumChildren()) return null;
    current = container.getChild(index);
  }
  return current;
}

/** The named range's element, when it is still exactly one inline image. */
function trackedImage(range: GoogleAppsScript.Document.NamedRange): InlineImage | null {
  const [first] = range.getRange().getRangeElements();
  const element = first?.getElement();
  return element && isType(element, 'INLINE_IMAGE') ? element.asInlineImage() : null;
}

export function docsTrackedImage(document: Document, threadId: string): InlineImage | null {
  for (const range of document.getNamedRanges(namedRangeName(threadId))) {
    const image = trackedImage(range);
    if (image) return image;
  }
  return null;
}

function locateDocs(document: Document, ref: ImageRef): LocatedImage {
  if (ref.startsWith('d:new:')) {
    const path = ref.slice(6).split('.').map(Number);
    if (path.length === 0 || path.some((n: number) => !Number.isInteger(n) || n < 0)) throw imageGone();
    const element = atPath(document, path);
    if (!element || !isType(element, 'INLINE_IMAGE')) throw imageGone();
    return { host: 'docs', ref, threadId: null, image: element.asInlineImage(), document };
  }
  const threadId = ref.slice(2);
  if (!isThreadId(threadId)) throw imageGone();
  const image = docsTrackedImage(document, threadId);
  if (!image) throw imageGone();
  return { host: 'docs', ref, threadId, image, document };
}

/**
 * The refs of some inline images: `d:<threadId>` for those a Peel named range tracks, `d:new:<path>` for the
 * others, null for one outside the body. The tracked ranges are read once for all of them.
 */
export function docsImageRefs(document: Document, images: readonly InlineImage[]): (ImageRef | null)[] {
  const tracked = new Map<string, string>();
  for (const range of document.getNamedRanges()) {
    const name = range.getName();
    if (!name.startsWith(NAMED_RANGE_PREFIX)) continue;
    const threadId = name.slice(NAMED_RANGE_PREFIX.length);
    const image = trackedImage(range);
    const path = image ? pathOf(image) : null;
    if (path && isThreadId(threadId) && !tracked.has(path.join('.'))) tracked.set(path.join('.'), threadId);
  }
  return images.map((image) => {
    const path = pathOf(image);
    if (!path) return null;
    const key = path.join('.');
    const threadId = tracked.get(key);
    return threadId ? `d:${threadId}` : `d:new:${key}`;
  });
}

/** The selected inline image (exactly one), as a LocatedImage, or null. */
function docsSelected(document: Document): LocatedImage | null {
  const selection = document.getSelection() as GoogleAppsScript.Document.Range | null;
  const elements = selection?.getRangeElements() ?? [];
  const element = elements[0]?.getElement();
  if (elements.length !== 1 || !element || !isType(element, 'INLINE_IMAGE')) return null;
  const image = element.asInlineImage();
  const [ref] = docsImageRefs(document, [image]);
  if (!ref) return null;
  const threadId = ref.startsWith('d:new:') ? null : ref.slice(2);
  return { host: 'docs', ref, threadId, image, document };
}

// ---------------------------------------------------------------------------------------------------------
// Both

/** The image a ref names; IMAGE_GONE when it is no longer in the document. */
export function locateImage(file: ActiveFile, ref: ImageRef): LocatedImage {
  if (file.host === 'slides' && ref.startsWith('s:') && ref.length > 2) return locateSlides(file.presentation, ref);
  if (file.host === 'docs' && ref.startsWith('d:') && ref.length > 2) return locateDocs(file.document, ref);
  throw imageGone();
}

/**
 * The single selected image, or null. `picture` is the Slides element a reading of the selection in this
 * execution already found to be the one selected picture: it is taken as it is, not looked up again.
 */
export function selectedImage(
  file: ActiveFile,
  picture?: GoogleAppsScript.Slides.PageElement | null,
): LocatedImage | null {
  if (file.host === 'docs') return docsSelected(file.document);
  if (picture) {
    const ref = `s:${picture.getObjectId()}`;
    return {
      host: 'slides',
      ref,
      threadId: slidesThreadId(ref.slice(2)),
      image: picture.asImage(),
      presentation: file.presentation,
    };
  }
  const element = slidesSelected(file.presentation);
  return element ? locateSlides(file.presentation, `s:${element.getObjectId()}`) : null;
}

/** Target.image: the ref, and the thread id when `hasThread` says the thread exists. */
export function selectedImageView(located: LocatedImage, hasThread: (threadId: string) => boolean): SelectedImage {
  const { threadId } = located;
  return { ref: located.ref, threadId: threadId !== null && hasThread(threadId) ? threadId : null };
}

/** Whether a thread's image is still in the document (for pruning and for `peel.last`). */
export function imageExists(file: ActiveFile, ref: string): boolean {
  try {
    locateImage(file, ref);
    return true;
  } catch {
    return false;
  }
}

/** Which image this is, for the user. */
export function imageLabel(
  located: LocatedImage,
  lead: ServerKey = 'leadSelected',
): { label: string; labelWords: Words } {
  const it: Words = { key: lead };
  if (located.host === 'docs') return toldAs('label', { key: 'inDocument', params: { lead: it } });
  const pageId = located.image.getParentPage().getObjectId();
  const index = located.presentation.getSlides().findIndex((slide) => slide.getObjectId() === pageId);
  return toldAs('label', index < 0 ? it : { key: 'onSlide', params: { lead: it, n: index + 1 } });
}

/** The picture as documentImage reads it, as bytes (Byte[]). */
export interface DocumentPicture {
  readonly mimeType: string;
  readonly bytes: GoogleAppsScript.Byte[];
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

/**
 * The image as it is in the document, in a type Gemini reads: Slides may hold a GIF (or a picture Google
 * converted), which is sent as PNG. As bytes, for what needs no base64 (Apply keeps them in Drive as they are).
 */
export function documentPicture(located: LocatedImage): DocumentPicture {
  let blob = located.image.getBlob();
  let mimeType = blob.getContentType() ?? '';
  if (!INPUT_IMAGE_TYPES.includes(mimeType) || mimeType === 'image/gif') {
    blob = blob.getAs('image/png');
    mimeType = 'image/png';
  }
  const bytes = blob.getBytes();
  const facts = byteArrayFacts(mimeType, bytes);
  if (!facts) {
    throw new PeelError('BAD_INPUT', `Unreadable ${mimeType} image`, detailOf('pictureUnreadable'));
  }
  return { mimeType, bytes, pixelWidth: facts.pixelWidth, pixelHeight: facts.pixelHeight };
}

/** documentPicture as base64, for Gemini and the sidebar. */
export function documentImage(located: LocatedImage): ThreadImage {
  const { mimeType, bytes, pixelWidth, pixelHeight } = documentPicture(located);
  return { mimeType, base64: Utilities.base64Encode(bytes), pixelWidth, pixelHeight };
}

export function altOf(located: LocatedImage): { title: string; description: string } {
  const title = located.host === 'slides' ? located.image.getTitle() : located.image.getAltTitle();
  return { title: title ?? '', description: descriptionOf(located) };
}

/** The alt description alone, where only it is wanted (an edit keeps a description a person wrote). */
export function descriptionOf(located: LocatedImage): string {
  return (located.host === 'slides' ? located.image.getDescription() : located.image.getAltDescription()) ?? '';
}
