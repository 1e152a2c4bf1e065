import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, encodePng } from '../../dev/support/image';
import { inEnglish, said } from '../../src/core/errors';
import { decodeBase64Head } from '../../src/core/gemini/base64';
import {
  base64Header,
  byteArrayFacts,
  checkInsertable,
  HEADER_BYTES,
  imageFacts,
  imagePixelSize,
  MAX_INSERT_BYTES,
  MAX_REFERENCE_PIXELS,
  megapixels,
  overPixelLimit,
  readHeader,
} from '../../src/core/image-info';
import {
  bombs,
  heic,
  jpegHeader,
  pngHeader,
  webpExtended,
  webpLossless,
  webpLossy,
  zeroPng,
} from '../support/image-headers';

function rgba(width: number, height: number) {
  return { width, height, data: new Uint8Array(width * height * 4).fill(200) };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('decodeBase64Head', () => {
  it('matches Node’s decoder on whole groups and padding', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'Peel!\u00ff']) {
      const encoded = Buffer.from(text, 'latin1').toString('base64');
      expect(decodeBase64Head(encoded, 1000)).toEqual([...Buffer.from(text, 'latin1')]);
    }
    expect(decodeBase64Head('QUJDREVG', 4)).toEqual([65, 66, 67]);
    expect(decodeBase64Head('QUJDREVG')).toEqual([65, 66, 67, 68, 69, 70]);
  });

  it('reads a character outside the alphabet as zero in a group’s first two places and as the end after', () => {
    expect(decodeBase64Head('=QJD')).toEqual([1, 2, 67]);
    expect(decodeBase64Head('Q=JD')).toEqual([64, 2, 67]);
    expect(decodeBase64Head('QUé=')).toEqual([65]);
    expect(decodeBase64Head('QUJD€EVG')).toEqual([65, 66, 67, 0, 69, 70]);
    expect(decodeBase64Head('QU-_')).toEqual([65]);
  });
});

describe('imagePixelSize', () => {
  it('reads PNG and JPEG headers', () => {
    expect(imagePixelSize('image/png', b64(encodePng(rgba(37, 21))))).toEqual({ width: 37, height: 21 });
    expect(imagePixelSize('image/jpeg', b64(encodeJpeg(rgba(48, 27))))).toEqual({ width: 48, height: 27 });
  });

  it('finds a JPEG frame header behind a large APP segment', () => {
    const jpeg = encodeJpeg(rgba(16, 9));
    const app = new Uint8Array(20_000 + 4);
    app.set([0xff, 0xe1, (20_002 >> 8) & 0xff, 20_002 & 0xff]);
    const padded = new Uint8Array(jpeg.length + app.length);
    padded.set(jpeg.subarray(0, 2));
    padded.set(app, 2);
    padded.set(jpeg.subarray(2), 2 + app.length);
    expect(imagePixelSize('image/jpeg', b64(padded))).toEqual({ width: 16, height: 9 });
  });

  it('answers null for data that is not what it claims', () => {
    expect(imagePixelSize('image/png', '')).toBeNull();
    expect(imagePixelSize('image/jpeg', b64(encodePng(rgba(2, 2))))).toBeNull();
    expect(imagePixelSize('image/webp', 'UklGR')).toBeNull();
  });

  it('reads WebP and HEIC too, and takes HEIF for HEIC', () => {
    expect(imagePixelSize('image/webp', b64(webpExtended(640, 480)))).toEqual({ width: 640, height: 480 });
    expect(imagePixelSize('image/heif', b64(heic(4032, 3024)))).toEqual({ width: 4032, height: 3024 });
  });
});

describe('byteArrayFacts: the same facts from a Byte[]', () => {
  const signed = (bytes: Uint8Array) => [...bytes].map((b) => (b > 127 ? b - 256 : b));
  const pad = (jpeg: Uint8Array, appBytes: number) => {
    const app = new Uint8Array(appBytes + 4);
    app.set([0xff, 0xe1, ((appBytes + 2) >> 8) & 0xff, (appBytes + 2) & 0xff]);
    const out = new Uint8Array(jpeg.length + app.length);
    out.set(jpeg.subarray(0, 2));
    out.set(app, 2);
    out.set(jpeg.subarray(2), 2 + app.length);
    return out;
  };

  it('agrees with the base64 read for every format, wherever the size lies', () => {
    const cases: [string, Uint8Array][] = [
      ['image/png', encodePng(rgba(37, 21))],
      ['image/jpeg', encodeJpeg(rgba(48, 27))],
      // Past the first few bytes, past 1 KB, past 6 KB, and past what a header read takes.
      ['image/jpeg', pad(encodeJpeg(rgba(16, 9)), 1_000)],
      ['image/jpeg', pad(encodeJpeg(rgba(16, 9)), 20_000)],
      ['image/jpeg', pad(encodeJpeg(rgba(16, 9)), HEADER_BYTES)],
      ['image/webp', webpExtended(640, 480)],
      ['image/heif', heic(4032, 3024)],
      ['image/png', encodeJpeg(rgba(2, 2))],
      ['image/png', new Uint8Array(0)],
    ];
    for (const [mimeType, bytes] of cases) {
      expect(byteArrayFacts(mimeType, signed(bytes))).toEqual(imageFacts(mimeType, b64(bytes)));
    }
    expect(byteArrayFacts('image/jpeg', signed(pad(encodeJpeg(rgba(16, 9)), 20_000)))).toMatchObject({
      pixelWidth: 16,
      pixelHeight: 9,
    });
    expect(byteArrayFacts('image/jpeg', signed(pad(encodeJpeg(rgba(16, 9)), HEADER_BYTES)))).toBeNull();
  });
});

describe('readHeader: every accepted format, from its header alone', () => {
  const size = (bytes: Uint8Array) => readHeader(bytes)?.size;

  it('says the type by the first bytes and the size by the header', () => {
    expect(readHeader(encodePng(rgba(37, 21)))).toEqual({ mimeType: 'image/png', size: { width: 37, height: 21 } });
    expect(readHeader(encodeJpeg(rgba(48, 27)))).toEqual({ mimeType: 'image/jpeg', size: { width: 48, height: 27 } });
    expect(readHeader(webpLossy(1000, 333))).toEqual({ mimeType: 'image/webp', size: { width: 1000, height: 333 } });
    expect(size(webpLossless(1000, 333))).toEqual({ width: 1000, height: 333 });
    expect(size(webpLossless(16384, 1))).toEqual({ width: 16384, height: 1 });
    expect(size(webpExtended(1, 16_777_216))).toEqual({ width: 1, height: 16_777_216 });
    expect(readHeader(heic(4032, 3024))).toEqual({ mimeType: 'image/heic', size: { width: 4032, height: 3024 } });
    expect(readHeader(heic(800, 600, { brand: 'mif1' }))?.mimeType).toBe('image/heif');
    expect(size(jpegHeader(16, 9, 20_000))).toEqual({ width: 16, height: 9 });
  });

  it('takes the largest extent of a HEIC, not the first: a grid’s tiles come before it, a larger item counts', () => {
    expect(size(heic(8064, 6048, { before: 100_000 }))).toEqual({ width: 8064, height: 6048 });
    expect(size(heic(100, 100, { others: [[70_000, 70_000]] }))).toEqual({ width: 70_000, height: 70_000 });
  });

  it('reads the bombs as what they claim', () => {
    for (const { mimeType, bytes, width, height } of bombs()) {
      expect(readHeader(bytes)).toEqual({ mimeType, size: { width, height } });
    }
    expect(size(heic(2 ** 31, 1))).toEqual({ width: 2 ** 31, height: 1 });
    expect(zeroPng(60_000, 60_000).length).toBeLessThan(500 * 1024);
  });

  it('has no size where the header does not say it within the bytes read', () => {
    // Cut inside the HEIC's item properties: a larger extent could follow, so none counts.
    const whole = heic(4032, 3024, { before: 1000 });
    expect(size(whole.subarray(0, whole.length - 60))).toBeNull();
    expect(size(pngHeader(10, 10).subarray(0, 20))).toBeNull();
    expect(size(jpegHeader(16, 9, 20_000).subarray(0, 10_000))).toBeNull();
    expect(size(webpLossy(10, 10).subarray(0, 26))).toBeNull();
    expect(size(pngHeader(0, 10))).toBeNull();
    expect(size(jpegHeader(16, 0))).toBeNull();
    // A box claiming less than its own header stops the walk instead of looping.
    expect(size(Buffer.concat([heic(10, 10).subarray(0, 32), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0])]))).toBeNull();
  });

  it('is no image for text, an MP4, a GIF-less nothing', () => {
    expect(readHeader(Buffer.from('hello, this is text'))).toBeNull();
    expect(readHeader(heic(10, 10, { brand: 'isom' }))).toBeNull();
    expect(readHeader(new Uint8Array())).toBeNull();
    expect(readHeader(Buffer.from('GIF89a\x02\x00\x03\x00', 'latin1'))).toEqual({
      mimeType: 'image/gif',
      size: { width: 2, height: 3 },
    });
  });

  it('reads base64 no further than it must, up to HEADER_BYTES', () => {
    const jpeg = jpegHeader(16, 9, 100_000);
    expect(base64Header(b64(jpeg))?.size).toEqual({ width: 16, height: 9 });
    const far = jpegHeader(16, 9, HEADER_BYTES);
    expect(base64Header(b64(far))).toEqual({ mimeType: 'image/jpeg', size: null });
  });

  it('makes real PNGs with zeroPng: pngjs reads a small one, zlib inflates a two-megabyte one whole', () => {
    const small = PNG.sync.read(zeroPng(300, 200));
    expect([small.width, small.height, small.data.every((v, i) => i % 4 === 3 || v === 0)]).toEqual([300, 200, true]);
    const png = zeroPng(16_000, 1_000);
    const idat = png.subarray(33 + 8, png.length - 12 - 4);
    const rows = inflateSync(idat);
    expect([rows.length, rows.every((v) => v === 0)]).toEqual([1_000 * 2_001, true]);
  });
});

describe('the pixel limit', () => {
  it('counts megapixels as a number, to a tenth under ten', () => {
    expect(megapixels({ width: 20_000, height: 20_000 })).toBe(400);
    expect(megapixels({ width: 60_000, height: 60_000 })).toBe(3600);
    expect(megapixels({ width: 8_165, height: 6_124 })).toBe(50);
    expect(megapixels({ width: 1536, height: 1536 })).toBe(2.4);
  });

  it('takes a 48-megapixel phone photo, and exactly the limit', () => {
    expect(overPixelLimit({ width: 8_064, height: 6_048 })).toBe(false);
    expect(overPixelLimit({ width: MAX_REFERENCE_PIXELS, height: 1 })).toBe(false);
    expect(overPixelLimit({ width: MAX_REFERENCE_PIXELS + 1, height: 1 })).toBe(true);
  });
});

describe('checkInsertable', () => {
  const facts = (over: Partial<{ mimeType: string; pixelWidth: number; pixelHeight: number; bytes: number }>) => ({
    mimeType: 'image/png',
    pixelWidth: 1024,
    pixelHeight: 1024,
    bytes: 1_000_000,
    ...over,
  });

  it('takes ordinary images', () => {
    expect(checkInsertable(facts({}))).toEqual({ kind: 'ok' });
    expect(imageFacts('image/png', b64(encodePng(rgba(4, 3))))).toMatchObject({ pixelWidth: 4, pixelHeight: 3 });
  });

  it('refuses over 25 megapixels and asks for a smaller size', () => {
    const check = checkInsertable(facts({ pixelWidth: 6000, pixelHeight: 5000 }));
    expect(check).toMatchObject({ kind: 'too-large' });
    expect(check.kind === 'too-large' && said(check.why, inEnglish)).toMatch(/30 megapixels.*Ask for a smaller size/);
  });

  it('converts a PNG over 50 MB to JPEG, and refuses a JPEG over 50 MB', () => {
    expect(checkInsertable(facts({ bytes: MAX_INSERT_BYTES + 1 }))).toEqual({ kind: 'convert-to-jpeg' });
    expect(checkInsertable(facts({ mimeType: 'image/jpeg', bytes: MAX_INSERT_BYTES + 1 }))).toMatchObject({
      kind: 'too-large',
    });
  });

  it('refuses types the editors do not take', () => {
    expect(checkInsertable(facts({ mimeType: 'image/webp' }))).toMatchObject({ kind: 'unsupported-type' });
  });
});
