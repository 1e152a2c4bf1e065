/**
 * What Peel needs to know about an image it holds as base64: its pixel size (read from the PNG or JPEG header,
 * decoding only the first bytes in plain JavaScript, since Apps Script has no atob) and whether the editors will
 * take it. Slides and Docs refuse images over 25 megapixels or 50 MB, and anything but PNG, JPEG or GIF.
 */
import { decodeBase64Head, decodedLength } from './gemini/base64';

export const MAX_INSERT_PIXELS = 25_000_000;
export const MAX_INSERT_BYTES = 50 * 1024 * 1024;
export const INSERTABLE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif'];

function u16(bytes: readonly number[], at: number, littleEndian = false): number {
  const a = bytes[at] ?? 0;
  const b = bytes[at + 1] ?? 0;
  return littleEndian ? a | (b << 8) : (a << 8) | b;
}

function u32(bytes: readonly number[], at: number): number {
  return u16(bytes, at) * 65536 + u16(bytes, at + 2);
}

/** JPEG frame size from the first SOF marker; null when it is not within `bytes`. */
function jpegSize(bytes: readonly number[]): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      i++;
      continue;
    }
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: u16(bytes, i + 7), height: u16(bytes, i + 5) };
    }
    i += 2 + u16(bytes, i + 2);
  }
  return null;
}

/**
 * Pixel size from the header, or null when the data does not say. EXIF blocks can push a JPEG's frame header
 * past the first kilobytes, so the search widens once before giving up.
 */
export function imagePixelSize(mimeType: string, base64: string): { width: number; height: number } | null {
  if (mimeType === 'image/png') {
    const head = decodeBase64Head(base64, 48);
    return head.length >= 24 ? { width: u32(head, 16), height: u32(head, 20) } : null;
  }
  if (mimeType === 'image/gif') {
    const head = decodeBase64Head(base64, 16);
    return head.length >= 10 ? { width: u16(head, 6, true), height: u16(head, 8, true) } : null;
  }
  if (mimeType === 'image/jpeg') {
    for (const chars of [8 * 1024, 256 * 1024]) {
      const found = jpegSize(decodeBase64Head(base64, chars));
      if (found) return found;
      if (chars >= base64.length) break;
    }
  }
  return null;
}

export interface ImageFacts {
  readonly mimeType: string;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Decoded size in bytes. */
  readonly bytes: number;
}

export function imageFacts(mimeType: string, base64: string): ImageFacts | null {
  const size = imagePixelSize(mimeType, base64);
  if (!size || size.width <= 0 || size.height <= 0) return null;
  return { mimeType, pixelWidth: size.width, pixelHeight: size.height, bytes: decodedLength(base64) };
}

export type InsertCheck =
  | { readonly kind: 'ok' }
  /** Over 50 MB as PNG: JPEG usually brings a photo-like picture far below it (checked again after converting). */
  | { readonly kind: 'convert-to-jpeg' }
  | { readonly kind: 'too-large'; readonly why: string }
  | { readonly kind: 'unsupported-type'; readonly why: string };

/** Whether Slides or Docs will take the image as it is, decided before any document call. */
export function checkInsertable(facts: ImageFacts): InsertCheck {
  if (!INSERTABLE_TYPES.includes(facts.mimeType)) {
    return {
      kind: 'unsupported-type',
      why: `Google Slides and Docs take PNG, JPEG or GIF images, not ${facts.mimeType}.`,
    };
  }
  const megapixels = (facts.pixelWidth * facts.pixelHeight) / 1_000_000;
  if (facts.pixelWidth * facts.pixelHeight > MAX_INSERT_PIXELS) {
    return {
      kind: 'too-large',
      why: `The image is ${facts.pixelWidth} × ${facts.pixelHeight} pixels (${megapixels.toFixed(1)} megapixels); Google inserts at most 25. Ask for a smaller size.`,
    };
  }
  if (facts.bytes > MAX_INSERT_BYTES) {
    if (facts.mimeType === 'image/png') return { kind: 'convert-to-jpeg' };
    return {
      kind: 'too-large',
      why: `The image is ${(facts.bytes / 1024 / 1024).toFixed(0)} MB; Google inserts at most 50 MB. Ask for a smaller size.`,
    };
  }
  return { kind: 'ok' };
}
