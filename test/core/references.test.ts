import { describe, expect, it } from 'vitest';
import {
  composeBlendPrompt,
  composeStyleTransferPrompt,
  describeReferences,
  parseMentions,
  recordedReferences,
  referenceLimitProblem,
  referenceLimits,
  referenceLimitWords,
  uploadProblem,
} from '../../src/core/references';

const MB = 1024 * 1024;

describe('composed prompts', () => {
  it('names each image by its position and role, with its name when it has one', () => {
    expect(describeReferences([{ role: 'subject', name: 'Mira' }, { role: 'style' }])).toBe(
      'Image 1 is the subject (Mira); image 2 is the style.',
    );
  });

  it('numbers the references from 2 in an edit, the picture being edited being image 1', () => {
    expect(describeReferences([{ role: 'style', name: 'Brand style' }], { editing: true })).toBe(
      'Image 1 is the picture to change; image 2 is the style (Brand style).',
    );
  });

  it('puts the person’s words between the description and the instruction to combine', () => {
    const prompt = composeBlendPrompt(' on a beach ', [{ role: 'subject' }, { role: 'scene' }]);
    // The person's words end as a sentence, so Peel's instruction does not run on from them.
    expect(prompt).toMatch(/^Image 1 is the subject; image 2 is an object or scene\. on a beach\. Combine them/);
    expect(composeBlendPrompt('On a beach!', [{ role: 'subject' }])).toMatch(/ On a beach! Combine them/);
  });

  it('is the person’s words alone without references', () => {
    expect(composeBlendPrompt('  a lighthouse ', [])).toBe('a lighthouse');
  });

  it('style transfer takes the content of one image and the style of the other', () => {
    const prompt = composeStyleTransferPrompt({ position: 1 }, { position: 2, name: 'Ink' }, 'Keep it bright.');
    expect(prompt).toContain('Redraw the content of image 1 in the style of image 2 (Ink)');
    expect(prompt).toContain('Do not copy the subjects of image 2.');
    expect(prompt.endsWith('Keep it bright.')).toBe(true);
  });
});

describe('@Name mentions', () => {
  const names = ['Mira', 'Brand', 'Brand style', 'Mira Jones'];

  it('matches case-insensitively and keeps the document’s spelling', () => {
    expect(parseMentions('@mira waves at @BRAND STYLE fans', names)).toEqual({
      names: ['Mira', 'Brand style'],
      text: 'mira waves at BRAND STYLE fans',
    });
  });

  it('prefers the longest name', () => {
    expect(parseMentions('@Mira Jones and @Mira', names).names).toEqual(['Mira Jones', 'Mira']);
  });

  it('needs a word boundary after the name, and none before the @', () => {
    expect(parseMentions('@Miranda writes to bob@mira.com', names)).toEqual({
      names: [],
      text: '@Miranda writes to bob@mira.com',
    });
  });

  it('lists a name once however often it is mentioned', () => {
    expect(parseMentions('@Mira, @Mira! (@mira)', names).names).toEqual(['Mira']);
  });
});

describe('what a thread records', () => {
  it('names the named references and gives the role of the others', () => {
    expect(recordedReferences([{ role: 'subject', name: 'Mira' }, { role: 'style' }])).toEqual(['Mira', 'style']);
  });
});

describe('limits', () => {
  it('are the model’s count, 7 MB each, and 50 MB a request', () => {
    expect(referenceLimits(3)).toEqual({ count: 3, eachBytes: 7 * MB, requestBytes: 50 * MB });
    expect(referenceLimitWords('Nano Banana', 3)).toBe(
      'Nano Banana takes up to 3 reference images, each up to 7 MB, and Peel sends at most 50 MB at once.',
    );
  });

  it('says which limit is passed first', () => {
    expect(referenceLimitProblem('Nano Banana', 3, [1, 1, 1])).toBeNull();
    expect(referenceLimitProblem('Nano Banana', 3, [1, 1, 1, 1])).toBe(
      'Nano Banana takes up to 3 reference images; remove 1 of the 4.',
    );
    expect(referenceLimitProblem('Nano Banana', 3, [1, 8 * MB])).toMatch(/^Reference 2 is 8 MB/);
    expect(referenceLimitProblem('Pro', 14, Array(7).fill(6 * MB))).toMatch(/request of 56 MB/);
    expect(referenceLimitProblem('Pro', 14, Array(6).fill(6 * MB))).toBeNull();
  });
});

describe('uploads', () => {
  const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic'];
  // A whole 1 × 1 PNG.
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
  const upload = (mimeType: string, base64: string, size = 1) => ({
    mimeType,
    base64,
    pixelWidth: size,
    pixelHeight: size,
  });
  const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

  it('takes a whole image of the type and size it claims', () => {
    expect(uploadProblem(upload('image/png', PNG), TYPES, MB)).toBeNull();
    const webp = b64([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
    expect(uploadProblem(upload('image/webp', webp), TYPES, MB)).toBeNull();
  });

  it('says what is wrong, in words', () => {
    expect(uploadProblem(upload('image/gif', PNG), TYPES, MB)).toMatch(/not image\/gif/);
    expect(uploadProblem(upload('image/png', 'not base64!'), TYPES, MB)).toMatch(/not valid base64/);
    expect(uploadProblem(upload('image/jpeg', PNG), TYPES, MB)).toMatch(/does not start like a JPEG/);
    expect(uploadProblem(upload('image/webp', PNG), TYPES, MB)).toMatch(/does not start like a WebP/);
    expect(uploadProblem(upload('image/heic', PNG), TYPES, MB)).toMatch(/does not start like a HEIC/);
    expect(uploadProblem(upload('image/png', PNG, 2), TYPES, MB)).toMatch(/it is 1×1 pixels, not the 2×2/);
    expect(uploadProblem(upload('image/png', PNG), TYPES, 10)).toMatch(
      /^The image is 1 MB; a reference may be up to 0 MB/,
    );
  });
});
