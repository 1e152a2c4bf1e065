/**
 * Image files built from their specifications, for what Peel reads of a header: PNG, JPEG, WebP (VP8, VP8L,
 * VP8X) and HEIC. Most carry a header and little else (a decompression bomb is just such a header); `zeroPng`
 * is a real PNG of any size, all black, a few hundred KB even at 60000 × 60000.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

function pngChunk(type: string, data: Uint8Array | number[]): Buffer {
  const body = Buffer.from([...ascii(type), ...data]);
  return Buffer.concat([Buffer.from(be32(body.length - 4)), body, Buffer.from(be32(crc32(body)))]);
}

const PNG_SIGNATURE = [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a];
const ihdr = (width: number, height: number, depth: number, colour: number) =>
  pngChunk('IHDR', [...be32(width), ...be32(height), depth, colour, 0, 0, 0]);

/** A PNG header saying `width` × `height` (8-bit RGBA), with an empty IDAT and IEND: whole to a quick look. */
export function pngHeader(width: number, height: number): Buffer {
  return Buffer.concat([
    Buffer.from(PNG_SIGNATURE),
    ihdr(width, height, 8, 6),
    pngChunk('IDAT', []),
    pngChunk('IEND', []),
  ]);
}

/**
 * A real PNG, every pixel black (1-bit greyscale): its rows are all zero bytes, so the zlib stream is one
 * compressed megabyte of zeros repeated (each block flushed whole, so copies follow each other) with the
 * Adler-32 of the whole. 60000 × 60000 (3.6 gigapixels) comes to about 450 KB.
 */
export function zeroPng(width: number, height: number): Buffer {
  const total = height * (1 + Math.ceil(width / 8));
  const piece = 1024 * 1024;
  const flushed = (length: number) =>
    deflateRawSync(Buffer.alloc(length), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(piece);
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < Math.floor(total / piece); i++) parts.push(block);
  if (total % piece > 0) parts.push(flushed(total % piece));
  // The final block: fixed Huffman, end of block at once. Adler-32 of n zero bytes: a = 1, b = n mod 65521.
  parts.push(Buffer.from([0x03, 0x00]), Buffer.from([...be32(total % 65521).slice(2), 0, 1]));
  return Buffer.concat([
    Buffer.from(PNG_SIGNATURE),
    ihdr(width, height, 1, 0),
    pngChunk('IDAT', Buffer.concat(parts)),
    pngChunk('IEND', []),
  ]);
}

/**
 * A baseline JPEG's markers up to its frame header saying `width` × `height`, behind `appBytes` of APP segments
 * (EXIF and colour profiles push the frame header back; a segment holds at most 65533 bytes), then an
 * end-of-image marker.
 */
export function jpegHeader(width: number, height: number, appBytes = 0): Buffer {
  const app: number[][] = [];
  for (let left = appBytes; left > 0; left -= 65_533) {
    const length = Math.min(left, 65_533);
    app.push([0xff, 0xe1, ...be32(length + 2).slice(2), ...new Array(length).fill(0)]);
  }
  const sof = [0xff, 0xc0, 0, 17, 8, ...be32(height).slice(2), ...be32(width).slice(2), 3];
  const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app.flat(), ...sof, ...components, 0xff, 0xd9]);
}

function riff(chunk: string, data: number[]): Buffer {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...le32(data.length), ...data];
  return Buffer.from([...ascii('RIFF'), ...le32(body.length), ...body]);
}

/** A lossy WebP's key-frame header (RFC 6386 §9.1): up to 16383 a side. */
export function webpLossy(width: number, height: number): Buffer {
  return riff('VP8 ', [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), 0, 0]);
}

/** A lossless WebP's header: the 0x2f signature, then width − 1 and height − 1 in 14 bits each. */
export function webpLossless(width: number, height: number): Buffer {
  const bits = width - 1 + (height - 1) * 16384;
  return riff('VP8L', [0x2f, ...le32(bits), 0]);
}

/** An extended WebP's header: the canvas, width − 1 and height − 1 in 24 bits each (up to 2^24 a side). */
export function webpExtended(width: number, height: number): Buffer {
  return riff('VP8X', [0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
}

function box(type: string, ...content: (number[] | Buffer)[]): Buffer {
  const body = Buffer.concat(content.map((c) => Buffer.from(c)));
  return Buffer.concat([Buffer.from([...be32(body.length + 8), ...ascii(type)]), body]);
}

const FULL_BOX = [0, 0, 0, 0];
const ispe = (width: number, height: number) => box('ispe', FULL_BOX, be32(width), be32(height));

/**
 * A HEIC as an iPhone writes one, as far as its size goes: ftyp, then meta with its handler, the primary item and
 * the item properties: a tile's extent (512 × 512, or the picture's own when smaller), then the grid's `width` ×
 * `height`, then any `others` (a depth map, a gain map). `before` bytes of a colour profile come first, pushing
 * the extents back.
 */
export function heic(
  width: number,
  height: number,
  options: { brand?: string; before?: number; others?: readonly (readonly [number, number])[] } = {},
): Buffer {
  const ftyp = box('ftyp', ascii(options.brand ?? 'heic'), be32(0), ascii('mif1heic'));
  const hdlr = box('hdlr', FULL_BOX, be32(0), ascii('pict'), new Array(13).fill(0));
  const pitm = box('pitm', FULL_BOX, [0, 1]);
  const colr = box('colr', ascii('prof'), new Array(options.before ?? 16).fill(0));
  const tile = ispe(Math.min(512, width), Math.min(512, height));
  const others = (options.others ?? []).map(([w, h]) => ispe(w, h));
  const ipco = box('ipco', colr, tile, ispe(width, height), ...others);
  const ipma = box('ipma', FULL_BOX, be32(1), [0, 1, 2, 0x81, 0x83]);
  const meta = box('meta', FULL_BOX, hdlr, pitm, box('iprp', ipco, ipma));
  return Buffer.concat([ftyp, meta, box('mdat', [0, 0, 0, 0])]);
}

export interface Bomb {
  readonly mimeType: string;
  readonly bytes: Buffer;
  readonly width: number;
  readonly height: number;
  /** How Peel's sentence gives its size. */
  readonly figure: string;
}

/**
 * Decompression bombs, one per accepted format: headers claiming 20000², 60000², 2^24 a side and 2^31 pixels,
 * and a real PNG of 3.6 gigapixels in under 500 KB.
 */
export function bombs(): Bomb[] {
  const bomb = (mimeType: string, bytes: Buffer, width: number, height: number, megapixels: string) => ({
    mimeType,
    bytes,
    width,
    height,
    figure: `${width}×${height} pixels (${megapixels} megapixels)`,
  });
  return [
    bomb('image/png', pngHeader(20_000, 20_000), 20_000, 20_000, '400'),
    bomb('image/jpeg', jpegHeader(60_000, 60_000), 60_000, 60_000, '3,600'),
    bomb('image/webp', webpExtended(16_777_216, 16_777_216), 16_777_216, 16_777_216, '281,474,977'),
    bomb('image/heic', heic(65_536, 32_768), 65_536, 32_768, '2,147'),
    bomb('image/png', zeroPng(60_000, 60_000), 60_000, 60_000, '3,600'),
  ];
}
