import { describe, expect, it } from 'vitest';
import { inEnglish, said as sayIt } from '../../src/core/errors';
import { EN } from '../../src/core/i18n/en';
import { EN_SERVER } from '../../src/core/i18n/en-server';
import {
  composeBlendPrompt,
  composeStyleTransferPrompt,
  describeReferences,
  parseMentions,
  recordedReferences,
  referenceLimitProblem,
  referenceLimits,
  rolesFromWords,
  uploadProblem,
} from '../../src/core/references';
import { bombs, heic, jpegHeader, pngHeader, webpExtended, webpLossless, webpLossy } from '../support/image-headers';

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
    expect(composeBlendPrompt('On a beach!', [{ role: 'subject' }])).toMatch(
      / On a beach! Keep the subject of image 1 recognisable in the new image\.$/,
    );
  });

  it('is grammatical for one image or several: never “them” for one, one clause for the same role', () => {
    expect(composeBlendPrompt('', [{ role: 'style' }])).toBe(
      'Image 1 is the style. Draw a new image in the style of image 1: take its medium, palette, lighting and texture, not its subjects.',
    );
    const two = composeBlendPrompt('', [{ role: 'subject' }, { role: 'subject' }]);
    expect(two).toMatch(/^Images 1 and 2 are the subjects\. Combine them into one new image/);
    expect(two).not.toContain('image 2 is the subject');
    expect(describeReferences([{ role: 'subject', name: 'Mira' }, { role: 'subject' }, { role: 'subject' }])).toBe(
      'Image 1 is the subject (Mira); images 2 and 3 are the subjects.',
    );
    expect(composeBlendPrompt('', [{ role: 'style' }], { editing: true })).toMatch(/Change image 1 using image 2 as/);
  });

  it('follows the person’s words: what they call the style is the style, whatever its role was', () => {
    // An uploaded style image with “in the style of the uploaded image” is the style, not the subject.
    expect(composeBlendPrompt('A lighthouse in the style of the uploaded image', [{ role: 'subject' }])).toBe(
      'Image 1 is the style. A lighthouse in the style of the uploaded image. Draw a new image in the style of image 1: take its medium, palette, lighting and texture, not its subjects.',
    );
    expect(
      describeReferences(rolesFromWords('Mira in the style of image 2', [{ role: 'subject' }, { role: 'subject' }])),
    ).toBe('Image 1 is the subject; image 2 is the style.');
    expect(
      rolesFromWords('a cat in the style of @Ink', [{ role: 'subject' }, { role: 'subject', name: 'Ink' }]).map(
        (r) => r.role,
      ),
    ).toEqual(['subject', 'style']);
    // Nothing said about style: the roles stay as the person set them.
    expect(rolesFromWords('two cats', [{ role: 'subject' }, { role: 'scene' }]).map((r) => r.role)).toEqual([
      'subject',
      'scene',
    ]);
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
  });

  it('says which limit is passed first', () => {
    // As the server says it; the sidebar says the same words from its own catalog.
    const said = (...args: Parameters<typeof referenceLimitProblem>) => {
      const breach = referenceLimitProblem(...args);
      return breach && sayIt(breach, inEnglish);
    };
    expect(said('Nano Banana', 3, [1, 1, 1])).toBeNull();
    expect(said('Nano Banana', 3, [1, 1, 1, 1])).toBe('Nano Banana takes up to 3 reference images; remove 1 of the 4.');
    expect(said('Nano Banana', 3, [1, 8 * MB])).toMatch(/^Reference 2 is 8 MB/);
    expect(said('Pro', 14, Array(7).fill(6 * MB))).toMatch(/request of 56 MB/);
    expect(said('Pro', 14, Array(6).fill(6 * MB))).toBeNull();
    expect(EN.limitCount).toBe(EN_SERVER.limitCount);
    expect(EN.limitEach).toBe(EN_SERVER.limitEach);
    expect(EN.limitRequest).toBe(EN_SERVER.limitRequest);
  });
});

describe('uploads', () => {
  const TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
  // A whole 1 × 1 PNG.
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
  const upload = (mimeType: string, base64: string, width = 1, height = width) => ({
    mimeType,
    base64,
    pixelWidth: width,
    pixelHeight: height,
  });
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  // The English `why` beside the words the boundary says in the reader's language.
  const refused = (code: string, why: string | RegExp) =>
    expect.objectContaining({ code, why: typeof why === 'string' ? why : expect.stringMatching(why) });

  it('takes a whole image of the type and size it claims, in every accepted format', () => {
    expect(uploadProblem(upload('image/png', PNG), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/webp', b64(webpLossy(640, 480)), 640, 480), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/webp', b64(webpLossless(64, 48)), 64, 48), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/webp', b64(webpExtended(64, 48)), 64, 48), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/heic', b64(heic(4032, 3024)), 4032, 3024), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/heif', b64(heic(4032, 3024)), 4032, 3024), TYPES, MB)).toBeNull();
    expect(uploadProblem(upload('image/jpeg', b64(jpegHeader(1536, 1152, 70_000)), 1536, 1152), TYPES, MB)).toBeNull();
  });

  it('refuses every picture over the pixel limit, naming its size and the limit, whatever size it was sent as', () => {
    for (const { mimeType, bytes, width, height, figure } of bombs()) {
      for (const [w, h] of [
        [width, height],
        [100, 100],
      ] as const) {
        const refusal = uploadProblem(upload(mimeType, b64(bytes), w, h), TYPES, MB);
        expect(refusal?.code, `${mimeType} sent as ${w}×${h}`).toBe('REFERENCE_TOO_LARGE');
        expect(refusal?.why).toContain(`The picture is ${figure}`);
        expect(refusal?.why).toMatch(/; Peel takes pictures of at most 50 megapixels\.$/);
      }
    }
    expect(uploadProblem(upload('image/png', b64(pngHeader(20_000, 20_000)), 100), TYPES, MB)?.why).toBe(
      'The picture is 20000×20000 pixels (400 megapixels); Peel takes pictures of at most 50 megapixels.',
    );
  });

  it('gives a header that does not parse, or disagrees with the type or size sent, its own sentence', () => {
    const unreadable = (why: string | RegExp) => refused('REFERENCE_UNREADABLE', why);
    expect(uploadProblem(upload('image/gif', PNG), TYPES, MB)).toEqual(
      unreadable('Peel can use PNG, JPEG, WebP and HEIC images as references, not image/gif.'),
    );
    expect(uploadProblem(upload('image/png', 'not base64!'), TYPES, MB)).toEqual(unreadable(/not valid base64/));
    expect(uploadProblem(upload('image/jpeg', PNG), TYPES, MB)).toEqual(
      unreadable('This file cannot be used as a reference: it is a PNG image, not the image/jpeg it was sent as.'),
    );
    expect(uploadProblem(upload('image/webp', b64(heic(2, 2)), 2), TYPES, MB)).toEqual(
      unreadable(/it is a HEIC image, not the image\/webp/),
    );
    expect(uploadProblem(upload('image/heic', b64(Buffer.from('hello, text!'))), TYPES, MB)).toEqual(
      unreadable(/the data does not start like a HEIC image\.$/),
    );
    const cut = b64(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(4)]));
    expect(uploadProblem(upload('image/webp', cut), TYPES, MB)).toEqual(
      unreadable('This file cannot be used as a reference: its header does not say its size within its first 192 KB.'),
    );
    expect(uploadProblem(upload('image/png', PNG, 2), TYPES, MB)).toEqual(unreadable(/it is 1×1 pixels, not the 2×2/));
    expect(uploadProblem(upload('image/heic', b64(heic(400, 300)), 300, 400), TYPES, MB)).toEqual(
      unreadable(/it is 400×300 pixels, not the 300×400 it was sent as/),
    );
    expect(uploadProblem(upload('image/png', PNG), TYPES, 10)).toEqual(
      refused('REFERENCE_TOO_LARGE', /^The picture is 1 MB; a reference may be up to 0 MB/),
    );
  });
});
