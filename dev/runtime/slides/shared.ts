/**
 * Pieces the SlidesApp and DocumentApp emulations share: Apps Script-shaped errors, string enums, reading a
 * BlobSource into stored image data under the editors' image limits, and new ids.
 */
import { randomBytes } from 'node:crypto';
import { imageSize, sniffMime } from '../../support/image';
import type { ImageData } from '../model';
import { FakeBlob, fromByteArray } from '../services/blob';
import { ScriptException } from '../services/utilities';
import type { HostContext } from '../world';

/**
 * The runtime's service error, named 'Exception' as Apps Script's are: `String(e)` reads "Exception: …" as in the
 * execution log while `e.message` carries the bare text that Peel shows or matches.
 */
export { ScriptException };

/**
 * Apps Script enums as plain objects of strings: they survive being copied to the worker, and identity
 * comparison (`type === SlidesApp.PageElementType.IMAGE`) still holds there.
 */
export function enumOf<const K extends string>(names: readonly K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as { readonly [P in K]: P };
}

/**
 * Our classes implement only part of @types' interfaces, so values handed back as those interfaces are cast in
 * one visible place.
 */
export function as<T>(value: unknown): T {
  return value as T;
}

/** Both editors refuse the active-document getters before the user has authorized the add-on in this file. */
export function requireAuthorization(ctx: HostContext, call: string, scopes: readonly string[]): void {
  if (ctx.authMode === 'NONE') {
    throw new ScriptException(
      `You do not have permission to call ${call}. Required permissions: (${scopes.join(' || ')})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Images

/** "Images must be less than 50MB in size, cannot exceed 25 megapixels, and must be in either PNG, JPEG, or GIF." */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 25_000_000;

export const INVALID_IMAGE = 'The image you are trying to use is invalid or corrupt.';
export const IMAGE_TOO_MANY_PIXELS =
  'The provided image is too large. Please use an image that is smaller than 25 megapixels.';
export const IMAGE_TOO_MANY_BYTES = 'The provided image is too large. Please use an image that is smaller than 50 MB.';

/** Points per pixel: Slides places an image at 96 pixels per inch, and a point is 1/72 inch. */
export const POINTS_PER_PIXEL = 0.75;

/**
 * The bytes behind a BlobSource. Across the worker boundary a Blob arrives as a FakeBlob (or its data); in-process
 * tests may pass anything with getBlob()/getBytes(), so those are read through Apps Script's own interface.
 */
export function sourceBytes(source: unknown, method: string): Uint8Array {
  if (source instanceof FakeBlob) return source.rawBytes();
  if (FakeBlob.isData(source)) return source.bytes;
  if (typeof source === 'string') {
    // The emulation has no network; Apps Script's own wording for an image URL it cannot fetch.
    throw new ScriptException(
      `The image at URL ${source} could not be retrieved. Please make sure the image is valid and publicly accessible.`,
    );
  }
  if (typeof source === 'object' && source !== null) {
    const candidate = source as { getBlob?: () => unknown; getBytes?: () => GoogleAppsScript.Byte[] };
    if (typeof candidate.getBlob === 'function') {
      const blob = candidate.getBlob();
      if (blob !== source) return sourceBytes(blob, method);
    }
    if (typeof candidate.getBytes === 'function') return fromByteArray(candidate.getBytes());
  }
  throw new ScriptException(`The parameters (${describe(source)}) don't match the method signature for ${method}.`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'Object';
  return typeof value === 'number' ? 'number' : typeof value;
}

/** Checks the editors' image limits and returns what the document stores. */
export function toImageData(bytes: Uint8Array): ImageData {
  if (bytes.byteLength >= MAX_IMAGE_BYTES) throw new ScriptException(IMAGE_TOO_MANY_BYTES);
  const mimeType = sniffMime(bytes);
  const size = imageSize(bytes);
  if (mimeType === null || size === null || size.width <= 0 || size.height <= 0) {
    throw new ScriptException(INVALID_IMAGE);
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) throw new ScriptException(IMAGE_TOO_MANY_PIXELS);
  return {
    mimeType,
    base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    pixelWidth: size.width,
    pixelHeight: size.height,
  };
}

export function readImage(source: unknown, method: string): ImageData {
  return toImageData(sourceBytes(source, method));
}

/** A fresh Blob of stored image data: callers may change it without touching the document. */
export function imageBlob(image: ImageData, name: string | null = null): GoogleAppsScript.Base.Blob {
  return as(new FakeBlob(new Uint8Array(Buffer.from(image.base64, 'base64')), image.mimeType, name));
}

export function imageAs(image: ImageData, contentType: string): GoogleAppsScript.Base.Blob {
  return imageBlob(image).getAs(contentType);
}

// ---------------------------------------------------------------------------------------------------------
// Ids

/**
 * Random rather than derived from the state, so an id is never handed out twice in a document's life, as in the
 * editors: Peel remembers object ids, and a reused one would silently point at another element.
 */
export function newId(prefix: string, suffix = ''): string {
  return `${prefix}${randomBytes(6).toString('hex')}${suffix}`;
}
