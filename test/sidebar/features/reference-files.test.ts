import { describe, expect, it } from 'vitest';
import {
  encodingFor,
  fileProblem,
  hasTransparency,
  KEEP_ORIGINAL_BYTES,
  MAX_FILE_BYTES,
  MAX_REFERENCE_SIDE,
  scaledSize,
  sniffImage,
  undecodableSentence,
} from '../../../sidebar/features/references/files';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('which files Peel takes as references', () => {
  it('knows an image by its first bytes, not by its name', () => {
    expect(sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]))).toBe('png');
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('jpeg');
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImage(bytes('GIF89a', [1, 0, 1, 0]))).toBe('gif');
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('heic');
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0]))).toBe('heic');
    // A text file renamed .png, and an MP4 (another ftyp brand).
    expect(sniffImage(bytes('hello, this is text'))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypisom', [0, 0, 0, 0]))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });

  it('gives one sentence for a file it will not send, naming the file and the figure', () => {
    expect(fileProblem('notes.png', 120, null)).toBe('notes.png is not a PNG, JPEG, WebP or HEIC image.');
    expect(fileProblem('cat.gif', 120, 'gif')).toBe(
      'cat.gif is a GIF, which Gemini does not read: use a PNG, JPEG, WebP or HEIC file.',
    );
    expect(fileProblem('huge.jpg', MAX_FILE_BYTES + 1, 'jpeg')).toBe(
      'huge.jpg is 31 MB; Peel opens image files up to 30 MB.',
    );
    expect(fileProblem('empty.png', 0, null)).toBe('empty.png is empty.');
    expect(fileProblem('photo.heic', 3_000_000, 'heic')).toBeNull();
    expect(undecodableSentence('photo.heic', 'heic')).toMatch(/cannot open HEIC/);
    expect(undecodableSentence('broken.png', 'png')).toBe('broken.png could not be read as an image.');
  });
});

describe('scaling and encoding', () => {
  it('keeps a picture that fits, and scales the long side down to the limit keeping its shape', () => {
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(MAX_REFERENCE_SIDE, 10)).toEqual({ width: MAX_REFERENCE_SIDE, height: 10 });
    expect(scaledSize(4032, 3024)).toEqual({ width: 1536, height: 1152 });
    expect(scaledSize(3000, 6000)).toEqual({ width: 768, height: 1536 });
    expect(scaledSize(10_000, 2)).toEqual({ width: 1536, height: 1 });
  });

  it('sends a small PNG or JPEG as it is, and re-encodes the rest: PNG with transparency, else JPEG', () => {
    const small = { bytes: 200_000, width: 800, height: 600, transparent: false };
    expect(encodingFor({ ...small, kind: 'png' })).toBe('original');
    expect(encodingFor({ ...small, kind: 'jpeg' })).toBe('original');
    expect(encodingFor({ ...small, kind: 'webp' })).toBe('image/jpeg');
    expect(encodingFor({ ...small, kind: 'heic' })).toBe('image/jpeg');
    expect(encodingFor({ ...small, kind: 'webp', transparent: true })).toBe('image/png');
    expect(encodingFor({ ...small, kind: 'png', bytes: KEEP_ORIGINAL_BYTES + 1 })).toBe('image/jpeg');
    expect(encodingFor({ ...small, kind: 'png', width: 4000, transparent: true })).toBe('image/png');
  });

  it('finds transparency in RGBA data', () => {
    expect(hasTransparency([1, 2, 3, 255, 4, 5, 6, 255])).toBe(false);
    expect(hasTransparency([1, 2, 3, 255, 4, 5, 6, 254])).toBe(true);
  });
});
