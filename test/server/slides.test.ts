/**
 * Generate and insert in Slides, through the functions the sidebar calls, against the in-memory SlidesApp over
 * the demo deck (720 × 405 pt; slide 3 has an empty picture placeholder and a picture).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { composeIllustratePrompt, discardImages, generateImages, getTarget, insertImage } from '../../src/server/api';
import type { GenerateRequest, GenerateResult, InsertResult, Result, Target } from '../../src/shared/rpc';
import type { DeckState, ImageElement } from '../runtime/model';
import { demoDeck } from '../runtime/seed';
import { type Harness, hugePngBase64, imageReply, installServices, pngBase64 } from './harness';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  return result.value;
}

function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

const REQUEST: GenerateRequest = {
  prompt: 'A lighthouse at dusk, waves below',
  model: DEFAULT_MODEL_ID,
  aspectRatio: '16:9',
  imageSize: '1K',
  variants: 1,
};

let deck: DeckState;
let h: Harness;

function select(pageId: string, elementIds: string[] = []): void {
  deck.selection = { pageId, elementIds, text: null };
}

function slide(id: string) {
  const found = deck.slides.find((s) => s.objectId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function element(slideId: string, objectId: string): ImageElement {
  const found = slide(slideId).elements.find((e) => e.objectId === objectId);
  if (found?.kind !== 'image') throw new Error(`no image ${objectId}`);
  return found;
}

function generateOne(width = 160, height = 90, request: Partial<GenerateRequest> = {}): GenerateResult {
  h.respondWith(imageReply(pngBase64(width, height)));
  return value(generateImages({ ...REQUEST, ...request }));
}

function insert(id: string, mode: 'insert' | 'background' | 'replace'): InsertResult {
  return value(insertImage({ imageId: id, mode, prompt: REQUEST.prompt, modelText: 'Here is your picture.' }));
}

beforeEach(() => {
  deck = demoDeck();
  h = installServices(deck);
});

describe('getTarget in Slides', () => {
  it('with nothing selected: the current slide, at the page’s ratio', () => {
    const target = value(getTarget());
    expect(target).toEqual<Target>({
      host: 'slides',
      kind: 'slide',
      label: 'Current slide',
      ratio: 720 / 405,
      canInsert: true,
      canReplace: false,
      canBackground: true,
    });
  });

  it('an empty picture placeholder: its box, filled exactly on replace', () => {
    select('slide-3', ['s3-picture']);
    expect(value(getTarget())).toMatchObject({ kind: 'placeholder', ratio: 420 / 290, canReplace: true });
  });

  it('a picture: its box, swapped inside it', () => {
    select('slide-3', ['s3-image']);
    expect(value(getTarget())).toMatchObject({ kind: 'image', ratio: 204 / 153, canReplace: true });
  });

  it('a text box, several items or text being edited fall back to the slide and never offer to replace', () => {
    select('slide-3', ['s3-title']);
    expect(value(getTarget())).toMatchObject({ kind: 'slide', canReplace: false, canInsert: true });
    select('slide-3', ['s3-picture', 's3-image']);
    expect(value(getTarget())).toMatchObject({ kind: 'slide', canReplace: false });
    deck.selection = { pageId: 'slide-2', elementIds: [], text: { elementId: 's2-body', start: 0, end: 6 } };
    expect(value(getTarget())).toMatchObject({ kind: 'slide', label: 'Current slide (you are editing text)' });
  });

  it('an empty deck: a problem, nothing offered', () => {
    deck.slides = [];
    deck.selection = { pageId: null, elementIds: [], text: null };
    expect(value(getTarget())).toMatchObject({ kind: 'none', canInsert: false, problem: 'Open or add a slide first.' });
  });
});

describe('generateImages', () => {
  it('returns the image once, with its pixel size, cost and the document’s running total', () => {
    const result = generateOne();
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    expect(image).toMatchObject({ mimeType: 'image/png', pixelWidth: 160, pixelHeight: 90, costUsd: 0.0336 });
    expect(image?.base64).toBe(pngBase64(160, 90));
    expect(result.text).toBe('Here is your picture.');
    expect(result.failures).toEqual([]);
    expect(result.costUsd).toBe(0.0336);
    expect(result.documentCostUsd).toBe(0.0336);
    expect(h.properties.document.snapshot()).toEqual({ PEEL_DOCUMENT_COST_USD: '0.0336' });
  });

  it('sends N variants as N requests in one fetchAll', () => {
    h.respondWith(imageReply(pngBase64(160, 90)));
    const result = value(generateImages({ ...REQUEST, variants: 3 }));
    expect(h.calls.UrlFetchApp).toBe(1 + 3 * 2); // fetchAll, then code and text of each response
    expect(h.requests).toHaveLength(3);
    expect(result.images).toHaveLength(3);
    expect(new Set(result.images.map((i) => i.id)).size).toBe(3);
    expect(result.costUsd).toBeCloseTo(3 * 0.0336, 6);
  });

  it('reports variants that failed beside those that worked, and throws the first error when all fail', () => {
    const good = imageReply(pngBase64(160, 90));
    const refusal = JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ text: 'I can’t draw that.' }] }, finishReason: 'STOP' }],
    });
    h.respondWith((request, index) => (index === 1 ? { status: 200, body: refusal } : good(request, index)));
    const mixed = value(generateImages({ ...REQUEST, variants: 2 }));
    expect(mixed.images).toHaveLength(1);
    expect(mixed.failures).toMatchObject([{ code: 'MODEL_REFUSED', detail: 'I can’t draw that.' }]);

    h.respondWith(() => ({ status: 200, body: refusal }));
    expect(errorOf(generateImages({ ...REQUEST, variants: 2 }))).toMatchObject({ code: 'MODEL_REFUSED' });
  });

  it('adds to the document’s total across generations, reading the property only when the cache lost it', () => {
    const documentOps = () => ({ ...h.properties.counts().document });
    generateOne();
    // First in this document: nothing mirrored yet, so one read and one write.
    expect(documentOps()).toEqual({ reads: 1, writes: 1 });
    const second = generateOne();
    expect(second.documentCostUsd).toBeCloseTo(0.0672, 6);
    // The mirror in the document cache answered: no read of the document store, one write.
    expect(documentOps()).toEqual({ reads: 1, writes: 2 });
    h.cache.clear();
    const third = generateOne();
    expect(third.documentCostUsd).toBeCloseTo(0.1008, 6);
    expect(documentOps()).toEqual({ reads: 2, writes: 3 });
    expect(h.properties.document.snapshot()).toEqual({ PEEL_DOCUMENT_COST_USD: '0.1008' });
  });

  it('refuses bad input before reading settings or sending anything, and changes nothing', () => {
    const before = h.snapshot();
    const cases: [Partial<GenerateRequest>, string][] = [
      [{ prompt: '   ' }, 'BAD_INPUT'],
      [{ variants: 0 }, 'BAD_INPUT'],
      [{ variants: 5 }, 'BAD_INPUT'],
      [{ variants: 1.5 }, 'BAD_INPUT'],
      [{ aspectRatio: '7:3' }, 'UNSUPPORTED_OPTION'],
      [{ imageSize: '512' }, 'UNSUPPORTED_OPTION'],
    ];
    for (const [change, code] of cases) {
      expect(errorOf(generateImages({ ...REQUEST, ...change }))).toMatchObject({ code });
    }
    expect(errorOf(generateImages(null as unknown as GenerateRequest))).toMatchObject({ code: 'BAD_INPUT' });
    expect(h.requests).toHaveLength(0);
    expect(h.propertyOps()).toBe(0);
    expect(h.snapshot()).toBe(before);
  });

  it('without a key: NO_KEY, nothing sent', () => {
    h = installServices(deck, { userProperties: {} });
    expect(errorOf(generateImages(REQUEST))).toMatchObject({ code: 'NO_KEY' });
    expect(h.requests).toHaveLength(0);
  });
});

describe('insertImage in Slides', () => {
  it('by default: on the current slide, centred, as large as fits inside the margins at the image’s ratio', () => {
    const [image] = generateOne(160, 120).images; // 4:3 on a 16:9 slide: height-bound
    const before = slide('slide-1').elements.length;
    const result = insert(image?.id ?? '', 'insert');
    const placed = element('slide-1', result.objectId ?? '');
    expect(slide('slide-1').elements).toHaveLength(before + 1);
    const margin = 405 * 0.05;
    expect(placed.height).toBeCloseTo(405 - 2 * margin);
    expect(placed.width / placed.height).toBeCloseTo(4 / 3);
    expect(placed.left + placed.width / 2).toBeCloseTo(360);
    expect(placed.top + placed.height / 2).toBeCloseTo(202.5);
    expect(placed.left).toBeGreaterThanOrEqual(margin);
    expect(result.label).toBe('Current slide');
  });

  it('sets alt text from the prompt and the model’s words', () => {
    const [image] = generateOne().images;
    const placed = element('slide-1', insert(image?.id ?? '', 'insert').objectId ?? '');
    expect(placed.title).toBe('A lighthouse at dusk, waves below');
    expect(placed.description).toBe(
      'AI-generated image. A lighthouse at dusk, waves below.\n\nGemini: Here is your picture.',
    );
  });

  it('as a background: covers the slide and goes behind everything', () => {
    select('slide-2');
    const [image] = generateOne(160, 90).images;
    const result = insert(image?.id ?? '', 'background');
    const elements = slide('slide-2').elements;
    expect(elements[0]?.objectId).toBe(result.objectId);
    const placed = element('slide-2', result.objectId ?? '');
    expect(placed.left).toBeLessThanOrEqual(0);
    expect(placed.top).toBeLessThanOrEqual(0);
    expect(placed.left + placed.width).toBeGreaterThanOrEqual(720 - 1e-9);
    expect(placed.top + placed.height).toBeGreaterThanOrEqual(405 - 1e-9);
  });

  it('into an empty picture placeholder: fills its box exactly', () => {
    select('slide-3', ['s3-picture']);
    const [image] = generateOne(150, 100, { aspectRatio: '3:2' }).images;
    const result = insert(image?.id ?? '', 'replace');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([36, 92, 420, 290]);
    expect(placed.placeholder).toBe('PICTURE');
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-picture')).toBe(false);
    expect(placed.title).toBe('A lighthouse at dusk, waves below');
  });

  it('over a selected picture: replaced inside the same box', () => {
    select('slide-3', ['s3-image']);
    const [image] = generateOne(160, 120, { aspectRatio: '4:3' }).images;
    const result = insert(image?.id ?? '', 'replace');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([480, 92, 204, 153]);
    expect(placed.image.pixelWidth).toBe(160);
    expect(placed.description).toContain('A lighthouse at dusk');
  });

  it('refuses to replace when the selection changed, or holds words, and changes nothing', () => {
    const [image] = generateOne().images;
    const id = image?.id ?? '';
    const before = h.snapshot();
    expect(errorOf(insertImage({ imageId: id, mode: 'replace', prompt: 'x' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-3', ['s3-title']);
    const words = errorOf(insertImage({ imageId: id, mode: 'replace', prompt: 'x' }));
    expect(words).toMatchObject({ code: 'UNSUPPORTED_SELECTION' });
    expect(words.detail).toMatch(/holds text/);
    select('slide-1');
    expect(h.snapshot()).toBe(before);
  });

  it('an image over 25 megapixels never reaches the insert call', () => {
    h.respondWith(imageReply(hugePngBase64(6000, 5000)));
    const result = value(generateImages(REQUEST));
    expect(result.warnings.join(' ')).toMatch(/can be previewed but not inserted/);
    const before = h.snapshot();
    h.resetCounts();
    const error = errorOf(insertImage({ imageId: result.images[0]?.id ?? '', mode: 'insert', prompt: 'x' }));
    expect(error).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    expect(error.detail).toMatch(/Ask for a smaller size/);
    expect(h.snapshot()).toBe(before);
    expect(h.calls.Utilities).toBeUndefined();
  });

  it('unknown ids, expired previews and bad modes are clear errors that change nothing', () => {
    const before = h.snapshot();
    expect(errorOf(insertImage({ imageId: 'not-an-id', mode: 'insert', prompt: 'x' }))).toMatchObject({
      code: 'BAD_INPUT',
    });
    const [image] = generateOne().images;
    const id = image?.id ?? '';
    expect(errorOf(insertImage({ imageId: id, mode: 'sideways' as 'insert', prompt: 'x' }))).toMatchObject({
      code: 'BAD_INPUT',
    });
    value(discardImages([id]));
    const expired = errorOf(insertImage({ imageId: id, mode: 'insert', prompt: 'x' }));
    expect(expired).toMatchObject({ code: 'PREVIEW_EXPIRED', message: 'This preview has expired.' });
    expect(expired.detail).toBe('This preview has expired; generate again.');
    expect(h.snapshot()).toBe(before);
  });
});

describe('budgets', () => {
  /** Calls per service made while `run` ran. */
  function measure(run: () => void): { calls: Record<string, number>; propertyOps: number } {
    h.resetCounts();
    run();
    return { calls: { ...h.calls }, propertyOps: h.propertyOps() };
  }

  it('one generate and one insert on Slides: Peel’s own share of service calls and property operations', () => {
    let id = '';
    const generate = measure(() => {
      id = generateOne().images[0]?.id ?? '';
    });
    const insertion = measure(() => insert(id, 'insert'));
    // Settings (settings.ts) read the user and script stores: 4 calls, 2 reads; the transport asks each
    // response for its code and text. Peel's own share of Generate: the document cache (mirror get, one putAll)
    // and the document's cost (store, one read because nothing is mirrored yet in a fresh document, one write).
    expect(generate.calls).toEqual({ PropertiesService: 4 + 3, UrlFetchApp: 3, CacheService: 3 });
    expect(generate.propertyOps).toBe(2 + 2);
    // Insert: one getAll for the image, one decode into a Blob, and nine calls to Slides; no property at all.
    expect(insertion.calls).toEqual({ CacheService: 2, Utilities: 2, SlidesApp: 9 });
    expect(insertion.propertyOps).toBe(0);
  });

  it('a later generate in the same document reads no document property', () => {
    generateOne();
    const again = measure(() => generateOne());
    expect(again.propertyOps).toBe(2 + 1);
  });
});

describe('composeIllustratePrompt in Slides', () => {
  it('composes from the current slide’s title and text, and its notes when asked', () => {
    select('slide-2');
    const plain = value(composeIllustratePrompt({ includeNotes: false }));
    expect(plain.prompt).toContain('Slide title: Why illustrations matter');
    expect(plain.prompt).toContain('People remember pictures far longer than bullet points');
    expect(plain.prompt).not.toContain('picture-superiority');
    expect(plain.prompt).toMatch(/must contain no text/);
    expect(plain.source).toBe('The slide’s title and text');
    const noted = value(composeIllustratePrompt({ includeNotes: true }));
    expect(noted.prompt).toContain('picture-superiority');
    expect(noted.source).toBe('The slide’s title, text and speaker notes');
  });

  it('a slide without words asks the user to describe the image', () => {
    deck.slides.push({ objectId: 'slide-4', layout: 'BLANK', elements: [], speakerNotes: '' });
    select('slide-4');
    expect(errorOf(composeIllustratePrompt({ includeNotes: true }))).toMatchObject({ code: 'BAD_INPUT' });
  });
});
