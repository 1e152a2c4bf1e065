import { describe, expect, it } from 'vitest';
import {
  encodingFor,
  fileProblem,
  hasTransparency,
  KEEP_ORIGINAL_BYTES,
  MAX_FILE_BYTES,
  MAX_REFERENCE_SIDE,
  scaledSize,
  undecodableSentence,
} from '../../../sidebar/features/references/files';
import { learnEnglish } from '../../../sidebar/kernel/words';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';

// Files are read in the sidebar's late part, which brings its English with it (app/parts.ts).
learnEnglish(EN_PARTS);

describe('which files Peel takes as references', () => {
  const header = (mimeType: string, width = 800, height = 600) => ({ mimeType, size: { width, height } });

  it('gives one sentence for a file it will not open, naming the file and the figure', () => {
    expect(fileProblem('notes.png', 120, null)).toBe('notes.png is not a PNG, JPEG, WebP or HEIC image.');
    expect(fileProblem('cat.gif', 120, header('image/gif'))).toBe(
      'cat.gif is a GIF, which Gemini does not read: use a PNG, JPEG, WebP or HEIC file.',
    );
    expect(fileProblem('huge.jpg', MAX_FILE_BYTES + 1, header('image/jpeg'))).toBe(
      'huge.jpg is 31 MB; Peel opens image files up to 30 MB.',
    );
    expect(fileProblem('empty.png', 0, null)).toBe('empty.png is empty.');
    expect(fileProblem('photo.heic', 3_000_000, header('image/heic', 8064, 6048))).toBeNull();
    expect(fileProblem('bomb.png', 437_000, header('image/png', 60_000, 60_000))).toBe(
      'bomb.png is 60000×60000 pixels (3,600 megapixels); Peel takes pictures of at most 50 megapixels.',
    );
    expect(fileProblem('odd.heic', 3_000_000, { mimeType: 'image/heic', size: null })).toBe(
      'odd.heic does not say its size in its first 192 KB, so Peel will not open it: save it as PNG or JPEG and add it again.',
    );
    expect(undecodableSentence('photo.heic', 'image/heic')).toMatch(/cannot open HEIC/);
    expect(undecodableSentence('photo.heif', 'image/heif')).toMatch(/cannot open HEIC/);
    expect(undecodableSentence('broken.png', 'image/png')).toBe('broken.png could not be read as an image.');
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
    expect(encodingFor({ ...small, mimeType: 'image/png' })).toBe('original');
    expect(encodingFor({ ...small, mimeType: 'image/jpeg' })).toBe('original');
    expect(encodingFor({ ...small, mimeType: 'image/webp' })).toBe('image/jpeg');
    expect(encodingFor({ ...small, mimeType: 'image/heic' })).toBe('image/jpeg');
    expect(encodingFor({ ...small, mimeType: 'image/webp', transparent: true })).toBe('image/png');
    expect(encodingFor({ ...small, mimeType: 'image/png', bytes: KEEP_ORIGINAL_BYTES + 1 })).toBe('image/jpeg');
    expect(encodingFor({ ...small, mimeType: 'image/png', width: 4000, transparent: true })).toBe('image/png');
  });

  it('finds transparency in RGBA data', () => {
    expect(hasTransparency([1, 2, 3, 255, 4, 5, 6, 255])).toBe(false);
    expect(hasTransparency([1, 2, 3, 255, 4, 5, 6, 254])).toBe(true);
  });
});
