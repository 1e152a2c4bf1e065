/**
 * What Peel needs to know about an image before it reads any pixel: its type and pixel size, from the header
 * alone (PNG, JPEG, GIF, WebP in its three forms, HEIC/HEIF), and whether the editors will take it. One pure
 * reader for the sidebar (a file's first bytes, before the browser decodes it) and the server (the first
 * characters of base64, since Apps Script has no atob). Slides and Docs refuse images over 25 megapixels or
 * 50 MB, and anything but PNG, JPEG or GIF.
 */
import { decodeBase64Head, decodedLength } from './gemini/base64';
import type { Words } from './i18n';

export const MAX_INSERT_PIXELS = 25_000_000;
export const MAX_INSERT_BYTES = 50 * 1024 * 1024;
export const INSERTABLE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif'];

/**
 * The most pixels a picture a person brings may have (a file the sidebar opens, an upload the server keeps, a
 * pinned reference read back from Drive), checked in its header before anything decodes it. Gemini states no
 * pixel limit: it reads every input image as about 560–1120 tokens whatever its size, and its largest picture
 * (4K) is about 17 megapixels, so pixels beyond that never reach the model (the sidebar scales each file to 1536
 * px anyway). The bound is what a browser may safely decode (4 bytes a pixel: 200 MB at the limit), set so a
 * 48-megapixel phone photo still opens; a few hundred KB of PNG can claim gigapixels.
 */
export const MAX_REFERENCE_PIXELS = 50_000_000;

/**
 * How much of a file Peel reads to find its size: a JPEG's frame header comes after its EXIF and colour
 * profile segments, a HEIC's after its item tables. A header that does not say its size within this is refused.
 */
export const HEADER_BYTES = 192 * 1024;

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export interface ImageHeader {
  /** The type the data's own first bytes say, whatever its name or the type it was sent as. */
  readonly mimeType: string;
  /** Null when the header does not say (cut short, malformed, or further in than was read). */
  readonly size: PixelSize | null;
}

interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the box says it ends, which may be past the bytes read. */
  readonly end: number;
}

/**
 * The type and pixel size the first bytes of an image say, or null when they are no image Peel knows. Reads
 * nothing but the header: the sidebar asks before decoding, the server before keeping. A header cut short has
 * no size.
 */
export function readHeader(bytes: ArrayLike<number>): ImageHeader | null {
  const at = (i: number) => bytes[i] ?? 0;
  const u16 = (i: number) => (at(i) << 8) | at(i + 1);
  const le16 = (i: number) => at(i) | (at(i + 1) << 8);
  const u32 = (i: number) => u16(i) * 65536 + u16(i + 2);
  const ascii = (from: number, to: number) => {
    let text = '';
    for (let i = from; i < to; i++) text += String.fromCharCode(at(i));
    return text;
  };
  const sized = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);

  /** The first SOF marker's frame size; null when it is not within the bytes. */
  const jpeg = () => {
    for (let i = 2; i + 9 < bytes.length; ) {
      if (at(i) !== 0xff) return null;
      const marker = at(i + 1);
      // Fill bytes before a marker; then markers that stand alone (TEM, RSTn), with no length.
      if (marker === 0xff) i++;
      else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) i += 2;
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return sized(u16(i + 7), u16(i + 5));
      } else i += 2 + u16(i + 2);
    }
    return null;
  };

  /** The canvas: lossy (VP8), lossless (VP8L, 14 bits a side) or extended (VP8X, 24 bits a side). */
  const webp = () => {
    const chunk = ascii(12, 16);
    if (bytes.length < (chunk === 'VP8L' ? 25 : 30)) return null;
    if (chunk === 'VP8 ' && u16(23) === 0x9d01 && at(25) === 0x2a) return sized(le16(26) & 0x3fff, le16(28) & 0x3fff);
    if (chunk === 'VP8L' && at(20) === 0x2f) {
      const bits = le16(21) + le16(23) * 65536;
      return sized((bits % 16384) + 1, (Math.floor(bits / 16384) % 16384) + 1);
    }
    return chunk === 'VP8X' ? sized(le16(24) + at(26) * 65536 + 1, le16(27) + at(29) * 65536 + 1) : null;
  };

  /** The boxes (ISO base media) between `from` and `to`, as far as the bytes go. */
  const boxes = (from: number, to: number) => {
    const found: Box[] = [];
    for (let i = from; i + 8 <= Math.min(to, bytes.length); ) {
      let size = u32(i);
      let head = 8;
      if (size === 1) {
        size = u32(i + 8) * 2 ** 32 + u32(i + 12);
        head = 16;
      } else if (size === 0) size = to - i;
      if (size < head) break;
      found.push({ type: ascii(i + 4, i + 8), start: i + head, end: i + size });
      i += size;
    }
    return found;
  };
  const child = (parent: Box | undefined, type: string, skip = 0) =>
    parent && boxes(parent.start + skip, parent.end).find((b) => b.type === type);

  /**
   * HEIC/HEIF: the largest image spatial extent (`ispe`) among the item properties (meta → iprp → ipco), which
   * is the primary image's (a grid's full size, not its tiles') or larger. Only a property box read whole
   * counts, so an extent past the bytes read is never missed.
   */
  const heif = () => {
    // meta is a full box: version and flags before its children.
    const ipco = child(child(child({ type: '', start: 0, end: bytes.length }, 'meta'), 'iprp', 4), 'ipco');
    if (!ipco || ipco.end > bytes.length) return null;
    let largest: PixelSize | null = null;
    for (const box of boxes(ipco.start, ipco.end)) {
      const whole = box.type === 'ispe' && box.end >= box.start + 12;
      const size = whole ? sized(u32(box.start + 4), u32(box.start + 8)) : null;
      if (size && (!largest || size.width * size.height > largest.width * largest.height)) largest = size;
    }
    return largest;
  };

  if (at(0) === 0x89 && ascii(1, 4) === 'PNG') {
    const ihdr = bytes.length >= 24 && ascii(12, 16) === 'IHDR';
    return { mimeType: 'image/png', size: ihdr ? sized(u32(16), u32(20)) : null };
  }
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return { mimeType: 'image/jpeg', size: jpeg() };
  if (ascii(0, 4) === 'GIF8') {
    return { mimeType: 'image/gif', size: bytes.length >= 10 ? sized(le16(6), le16(8)) : null };
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    return { mimeType: 'image/webp', size: webp() };
  }
  // ISO base media: "ftyp" at 4, then the brand. HEIC and HEIF photos (iPhones) use these brands.
  const brand = ascii(4, 12);
  if (/^ftyp(hei[cxms]|hev[cx])$/.test(brand)) return { mimeType: 'image/heic', size: heif() };
  if (/^ftypm[is]f1$/.test(brand)) return { mimeType: 'image/heif', size: heif() };
  return null;
}

/** HEIC is HEIF with HEVC inside: a file sent as either is the same picture. */
export function sameImageType(a: string, b: string): boolean {
  const family = (t: string) => (t === 'image/heif' ? 'image/heic' : t);
  return family(a) === family(b);
}

/** "PNG", "JPEG", "WebP", "HEIC". */
export function typeWord(mimeType: string): string {
  return mimeType === 'image/webp' ? 'WebP' : mimeType.replace('image/', '').toUpperCase();
}

/**
 * How many bytes a header read takes at each try: the first few, then 1 KB (where a JPEG's frame size usually
 * is, after its JFIF and quantization tables), then 6 KB, then all a JPEG's or HEIC's needs. Each try reads its
 * bytes afresh, cold, in every execution: reading 6 KB of a picture's base64 for a size 200 bytes in took
 * milliseconds of each edit.
 */
const HEADER_READS = [48, 1024, 6 * 1024, HEADER_BYTES];

/**
 * The header of an image held as base64, decoding no more than it needs: the first few bytes, then 1 KB, then
 * 6 KB, then HEADER_BYTES when a JPEG's or HEIC's size lies further in.
 */
export function base64Header(base64: string): ImageHeader | null {
  let header: ImageHeader | null = null;
  for (const bytes of HEADER_READS) {
    const chars = (bytes / 3) * 4;
    header = readHeader(decodeBase64Head(base64, chars));
    if (!header || header.size || chars >= base64.length) break;
  }
  return header;
}

/** The same header read over bytes as Apps Script gives them (Byte[], -128 to 127). */
export function byteArrayHeader(bytes: ArrayLike<number>): ImageHeader | null {
  let header: ImageHeader | null = null;
  for (const count of HEADER_READS) {
    // A plain loop: Array.from with a mapping function took milliseconds for a few kilobytes.
    const head = new Array<number>(Math.min(count, bytes.length));
    for (let i = 0; i < head.length; i++) head[i] = (bytes[i] ?? 0) & 0xff;
    header = readHeader(head);
    if (!header || header.size || count >= bytes.length) break;
  }
  return header;
}

/** Pixel size from the header when the data is the type it is said to be, else null. */
export function imagePixelSize(mimeType: string, base64: string): PixelSize | null {
  const header = base64Header(base64);
  return header && sameImageType(header.mimeType, mimeType) ? header.size : null;
}

/**
 * 400 for 20000 × 20000, 2.4 for 1536 × 1536: a number, written in the reader's language where it is said
 * (a picture over Peel's pixel limit names it).
 */
export function megapixels(size: PixelSize): number {
  const mp = (size.width * size.height) / 1_000_000;
  return mp < 10 ? Math.round(mp * 10) / 10 : Math.round(mp);
}

/** Peel takes no picture of more pixels than this, from a file or as a reference. */
export function overPixelLimit(size: PixelSize): boolean {
  return size.width * size.height > MAX_REFERENCE_PIXELS;
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

/** imageFacts for a Byte[]: a picture kept as it is needs no base64 to be measured. */
export function byteArrayFacts(mimeType: string, bytes: ArrayLike<number>): ImageFacts | null {
  const header = byteArrayHeader(bytes);
  const size = header && sameImageType(header.mimeType, mimeType) ? header.size : null;
  if (!size || size.width <= 0 || size.height <= 0) return null;
  return { mimeType, pixelWidth: size.width, pixelHeight: size.height, bytes: bytes.length };
}

export type InsertCheck =
  | { readonly kind: 'ok' }
  /** Over 50 MB as PNG: JPEG usually brings a photo-like picture far below it (checked again after converting). */
  | { readonly kind: 'convert-to-jpeg' }
  /** `why` in the server's catalog's words, said in the reader's language where it is shown. */
  | { readonly kind: 'too-large'; readonly why: Words }
  | { readonly kind: 'unsupported-type'; readonly why: Words };

/** Whether Slides or Docs will take the image as it is, decided before any document call. */
export function checkInsertable(facts: ImageFacts): InsertCheck {
  if (!INSERTABLE_TYPES.includes(facts.mimeType)) {
    return { kind: 'unsupported-type', why: { key: 'insertTypes', params: { type: facts.mimeType } } };
  }
  if (facts.pixelWidth * facts.pixelHeight > MAX_INSERT_PIXELS) {
    // The picture's figures as they are; the megapixels a number written in the reader's way.
    const params = {
      width: String(facts.pixelWidth),
      height: String(facts.pixelHeight),
      megapixels: Math.round((facts.pixelWidth * facts.pixelHeight) / 100_000) / 10,
    };
    return { kind: 'too-large', why: { key: 'insertPixels', params } };
  }
  if (facts.bytes > MAX_INSERT_BYTES) {
    if (facts.mimeType === 'image/png') return { kind: 'convert-to-jpeg' };
    return { kind: 'too-large', why: { key: 'insertBytes', params: { mb: Math.round(facts.bytes / 1024 / 1024) } } };
  }
  return { kind: 'ok' };
}
