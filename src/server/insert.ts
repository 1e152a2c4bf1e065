/**
 * "Where would it go", "put it there" and "illustrate this", for whichever editor is open. The editor is
 * found by asking for its file (see active.ts); the work is in slides.ts and docs.ts.
 */
import { PeelError } from '../core/errors';
import { decodedLength } from '../core/gemini/base64';
import { checkInsertable, MAX_INSERT_BYTES } from '../core/image-info';
import { altText, composeDocPrompt, composeSlidePrompt, hasSlideText } from '../core/prompts';
import type { IllustratePrompt, InsertMode, InsertRequest, InsertResult, Target } from '../shared/rpc';
import { activeFile } from './active';
import { docsTarget, insertIntoDocs, selectedText } from './docs';
import { insertIntoSlides, slidesTarget, slideText } from './slides';
import type { StashedImage } from './stash';
import { openStash } from './stash';

const MODES: readonly InsertMode[] = ['insert', 'background', 'replace'];
/** Alt text is cut far below this; a bound on what one request may carry. */
const MAX_TEXT_CHARS = 20_000;

export function target(): Target {
  const file = activeFile();
  return file.host === 'slides' ? slidesTarget(file.presentation) : docsTarget(file.document);
}

function optionalText(value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > MAX_TEXT_CHARS) {
    throw new PeelError('BAD_INPUT', `Bad ${name}`, { detail: `The ${name} is not usable text.` });
  }
  return value;
}

export function checkInsertRequest(input: unknown): InsertRequest {
  if (typeof input !== 'object' || input === null) {
    throw new PeelError('BAD_INPUT', 'No insert request', { detail: 'Pick an image to insert.' });
  }
  const { imageId, mode, prompt, modelText, where } = input as Record<string, unknown>;
  if (typeof imageId !== 'string' || imageId === '') {
    throw new PeelError('BAD_INPUT', 'No image id', { detail: 'Pick an image to insert.' });
  }
  if (typeof mode !== 'string' || !MODES.includes(mode as InsertMode)) {
    throw new PeelError('BAD_INPUT', `Unknown mode ${String(mode)}`, { detail: 'Insert, background or replace.' });
  }
  if (where !== undefined && where !== null && where !== 'new-slide' && where !== 'on-top') {
    throw new PeelError('BAD_INPUT', `Unknown place ${String(where)}`, { detail: 'A new slide or on top.' });
  }
  const words = optionalText(modelText, 'model text');
  return {
    imageId,
    mode: mode as InsertMode,
    prompt: optionalText(prompt, 'prompt'),
    ...(words ? { modelText: words } : {}),
    ...(where ? { where } : {}),
  };
}

/**
 * The Blob the editors will take. Over 25 megapixels, or over 50 MB and not a PNG that JPEG shrinks enough, it
 * never reaches the insert call: IMAGE_TOO_LARGE, document untouched.
 */
function insertableBlob(image: StashedImage): GoogleAppsScript.Base.Blob {
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

export function insert(input: unknown): InsertResult {
  const request = checkInsertRequest(input);
  const file = activeFile();
  if (file.host === 'docs' && request.mode === 'background') {
    throw new PeelError('BAD_INPUT', 'Background in Docs', {
      detail: 'Google Docs has no slide background; insert the image instead.',
    });
  }
  const stashed = openStash().get(request.imageId);
  const image = { blob: insertableBlob(stashed), ratio: stashed.pixelWidth / stashed.pixelHeight };
  const alt = altText(request.prompt, request.modelText);
  return file.host === 'slides'
    ? insertIntoSlides(file.presentation, image, request.mode, alt, request.where)
    : insertIntoDocs(file.document, image, request.mode, alt);
}

export function illustratePrompt(options: unknown): IllustratePrompt {
  const includeNotes =
    typeof options === 'object' && options !== null && (options as { includeNotes?: unknown }).includeNotes === true;
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
