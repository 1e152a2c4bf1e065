import { describe, expect, it } from 'vitest';
import { encodeJpeg, encodePng } from '../../dev/support/image';
import { decodeBase64Head } from '../../src/core/gemini/base64';
import { checkInsertable, imageFacts, imagePixelSize, MAX_INSERT_BYTES } from '../../src/core/image-info';

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
    expect(check.kind === 'too-large' && check.why).toMatch(/30\.0 megapixels.*Ask for a smaller size/);
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
