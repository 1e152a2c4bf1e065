/**
 * Files from the computer as references, the pure part: which files Peel takes, how far they are scaled down,
 * and how they are re-encoded. The canvas work is in `decode.ts`; everything here is tested in Node.
 */
import {
  HEADER_BYTES,
  type ImageHeader,
  MAX_REFERENCE_PIXELS,
  megapixels,
  overPixelLimit,
  sameImageType,
} from '../../../src/core/image-info';
import { t } from '../../kernel/words';

/**
 * The longest side a reference keeps. A Gemini 3 image model reads an input image as about 560–1120 tokens
 * whatever its size, and draws its own 1K output at about 1024 px: pixels
 * beyond that add bytes, not detail the model uses. 1536 px keeps half again as much for 2K outputs and for
 * faces in a group photo, and a JPEG of that size is a few hundred KB, so even 14 references stay far under
 * Vertex's 7 MB per image and UrlFetchApp's 50 MB per request.
 */
export const MAX_REFERENCE_SIDE = 1536;

/** The largest file Peel opens: a phone's HEIC or a screenshot is well under it; a camera's raw export is not. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/**
 * A small PNG or JPEG already within the side limit is sent as it is (re-encoding would only lose quality):
 * small means under this many bytes.
 */
export const KEEP_ORIGINAL_BYTES = 1024 * 1024;

/** The JPEG quality for photos: visually lossless at this size, a fraction of a PNG's bytes. */
export const JPEG_QUALITY = 0.9;

/**
 * The sentence a file Peel will not open gets, or null when it may go on to be decoded. Decided from its size
 * and its header alone (`readHeader` of its first HEADER_BYTES): a file whose header claims more pixels than
 * Peel takes is never handed to the browser's decoder.
 */
export function fileProblem(name: string, bytes: number, header: ImageHeader | null): string | null {
  if (bytes === 0) return t('fileEmpty', { name });
  if (bytes > MAX_FILE_BYTES) {
    const mb = Math.ceil(bytes / (1024 * 1024));
    return t('fileTooBig', { name, mb, max: MAX_FILE_BYTES / (1024 * 1024) });
  }
  if (header?.mimeType === 'image/gif') return t('fileGif', { name });
  if (!header) return t('fileNotImage', { name });
  const { size } = header;
  if (!size) return t('fileNoSize', { name, kb: HEADER_BYTES / 1024 });
  if (!overPixelLimit(size)) return null;
  // The header's figures as they are ("20000×20000"); the megapixels as a number in the reader's way.
  const [width, height] = [String(size.width), String(size.height)];
  return t('filePixels', { name, width, height, megapixels: megapixels(size), max: MAX_REFERENCE_PIXELS / 1_000_000 });
}

/** When the browser could not decode a file that looked like an image (a HEIC in a browser without HEIC). */
export function undecodableSentence(name: string, mimeType: string): string {
  return sameImageType(mimeType, 'image/heic') ? t('fileNoHeic', { name }) : t('fileUnreadable', { name });
}

/** The size a picture is scaled to: its own when it fits, else the long side at `max`, the shape kept. */
export function scaledSize(
  width: number,
  height: number,
  max: number = MAX_REFERENCE_SIDE,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const factor = max / long;
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

/**
 * How a decoded picture is sent: as it came (a small PNG or JPEG that needs no scaling), or re-encoded: PNG
 * when it has transparency (JPEG would turn it black), else JPEG. WebP and HEIC are always re-encoded: the
 * sidebar's previews, the emulator and the document take PNG and JPEG everywhere.
 */
export function encodingFor(input: {
  readonly mimeType: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  readonly transparent: boolean;
}): 'original' | 'image/png' | 'image/jpeg' {
  const fits = Math.max(input.width, input.height) <= MAX_REFERENCE_SIDE;
  const editorType = input.mimeType === 'image/png' || input.mimeType === 'image/jpeg';
  if (fits && editorType && input.bytes <= KEEP_ORIGINAL_BYTES) return 'original';
  return input.transparent ? 'image/png' : 'image/jpeg';
}

/** True when any pixel of RGBA data is not fully opaque. */
export function hasTransparency(rgba: ArrayLike<number>): boolean {
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 255) < 255) return true;
  return false;
}

/** Bytes as a person reads them: "840 KB", "2.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
