/**
 * "Where would it go", "put it there" and "illustrate this", for whichever editor is open. The editor is
 * found by asking for its file (see active.ts); the work is in slides.ts and docs.ts.
 */
import { PeelError } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import { checkInsertable, MAX_INSERT_BYTES } from '../../core/image-info';
import { altText, composeDocPrompt, composeSlidePrompt, hasSlideText } from '../../core/prompts';
import type { IllustrateOptions, IllustratePrompt, InsertRequest, InsertResult, Target } from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import { docsTarget, insertIntoDocs, selectedText } from '../platform/docs';
import { openDocumentStore } from '../platform/document-store';
import { namedRangeName, newThreadId, slidesThreadId } from '../platform/identity';
import { openDocumentLock, underDocumentLock } from '../platform/lock';
import { insertIntoSlides, slidesTarget, slideText } from '../platform/slides';
import type { StashedImage } from '../platform/stash';
import { openStash } from '../platform/stash';
import { memoKeys, readMemo } from '../spine/memo';
import { selectionImage, startThread as startThreadOf } from './edit';

export function target(): Target {
  const file = activeFile();
  const found = file.host === 'slides' ? slidesTarget(file.presentation) : docsTarget(file.document);
  if (found.kind !== 'image') return found;
  const image = selectionImage(file);
  return image ? { ...found, image } : found;
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
  if (check.kind === 'too-large') throw new PeelError('IMAGE_TOO_LARGE', check.why, { detail: check.why });
  if (check.kind === 'unsupported-type') throw new PeelError('BAD_INPUT', check.why, { detail: check.why });
  const extension = image.mimeType === 'image/jpeg' ? 'jpg' : image.mimeType.replace('image/', '');
  const blob = Utilities.newBlob(Utilities.base64Decode(image.base64), image.mimeType, `peel-image.${extension}`);
  if (check.kind === 'ok') return blob;
  const jpeg = blob.getAs('image/jpeg');
  if (jpeg.getBytes().length > MAX_INSERT_BYTES) {
    const why = 'The image is over 50 MB even as JPEG; Google inserts at most 50 MB. Ask for a smaller size.';
    throw new PeelError('IMAGE_TOO_LARGE', why, { detail: why });
  }
  return jpeg;
}

export function insert(request: InsertRequest): InsertResult {
  const file = activeFile();
  if (file.host === 'docs' && request.mode === 'background') {
    throw new PeelError('BAD_INPUT', 'Background in Docs', {
      detail: 'Google Docs has no slide background; insert the image instead.',
    });
  }
  const { image: stashed, extra } = openStash().getWith(request.imageId, memoKeys(request.imageId));
  const image = { blob: insertableBlob(stashed), ratio: stashed.pixelWidth / stashed.pixelHeight };
  const alt = altText(request.prompt ?? '', request.modelText ?? undefined);
  if (file.host === 'slides') {
    const placed = insertIntoSlides(file.presentation, image, request.mode, alt, request.where ?? undefined);
    // A new picture starts its thread; Replace keeps the element (and so any thread it has).
    const threadId = request.mode === 'insert' && placed.objectId ? slidesThreadId(placed.objectId) : null;
    return { ...placed, threadId: startThread(file, threadId, `s:${placed.objectId}`, request, extra) };
  }
  const width = request.docsWidth ?? 'full';
  if (request.mode !== 'replace') {
    const threadId = newThreadId();
    const placed = insertIntoDocs(file.document, image, request.mode, alt, width, (inserted, undo) => {
      const named = file.document.addNamedRange(
        namedRangeName(threadId),
        file.document.newRange().addElement(inserted).build(),
      );
      undo(() => named.remove());
    });
    return { ...placed, threadId: startThread(file, threadId, `d:${threadId}`, request, extra) };
  }
  // Two people replacing the same inline image would each insert a new one and then remove the old: one of
  // them finds it gone and undoes, or both succeed and two images stand where one was. Under the document lock
  // the second reads the selection again after the first has finished. Slides needs no lock: Image.replace
  // swaps in place, and a box someone else already filled is refused before anything changes.
  const placed = underDocumentLock(
    () => insertIntoDocs(file.document, image, request.mode, alt, width),
    openDocumentLock(),
  );
  return { ...placed, threadId: null };
}

/**
 * Records the prompt as the new image's first turn. The image is in the document already, so a record that
 * fails to write (BUSY) costs only the thread: the image has none until it is edited.
 */
function startThread(
  file: ActiveFile,
  threadId: string | null,
  ref: string,
  request: InsertRequest,
  extra: Readonly<Record<string, string>>,
): string | null {
  if (threadId === null) return null;
  const store = openDocumentStore();
  if (!store) return null;
  const memo = readMemo(extra, request.imageId)?.memo ?? { m: 'unknown', r: '-', s: '-', c: null };
  try {
    const made = { imageId: request.imageId, prompt: request.prompt ?? '', modelText: request.modelText ?? '' };
    startThreadOf(store, file, threadId, ref, made, memo);
    return threadId;
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return null;
  }
}

export function illustratePrompt({ includeNotes }: IllustrateOptions): IllustratePrompt {
  const file = activeFile();
  if (file.host === 'docs') return { prompt: composeDocPrompt(selectedText(file.document)), source: 'Selected text' };
  const text = slideText(file.presentation, includeNotes);
  if (!hasSlideText(text)) {
    throw new PeelError('BAD_INPUT', 'Slide has no text', {
      detail: 'This slide has no text to illustrate. Describe the image you want instead.',
    });
  }
  const parts = [
    text.title.trim() ? 'title' : '',
    text.body.some((b) => b.trim()) ? 'text' : '',
    text.notes ? 'speaker notes' : '',
  ];
  const named = parts.filter(Boolean);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}` : (named[0] ?? '');
  return { prompt: composeSlidePrompt(text), source: `The slide’s ${list}` };
}
