/**
 * Generate and insert in Slides, through the functions the sidebar calls, against the in-memory SlidesApp over
 * the demo deck (720 × 405 pt; slide 3 has an empty picture placeholder and a picture).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeckState, ImageElement, ShapeElement } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import {
  composeIllustratePrompt,
  discardImages,
  generateImages,
  getSidebarContext,
  getTarget,
  insertImage,
} from '../../src/server/api';
import type { GenerateRequest, GenerateResult, InsertResult, Result, Target } from '../../src/shared/rpc';
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

/** An empty rectangle (no placeholder, no words) on slide 3, below the picture. */
function addEmptyShape(): ShapeElement {
  const box: ShapeElement = {
    kind: 'shape',
    objectId: 's3-empty',
    left: 480,
    top: 260,
    width: 204,
    height: 102,
    title: '',
    description: '',
    placeholder: 'NONE',
    shapeType: 'RECTANGLE',
    text: '',
  };
  slide('slide-3').elements.push(box);
  return box;
}

/** The document's cost record: one entry per Generate that cost something. */
function costEntries(): string[] {
  const record = h.properties.document.snapshot();
  for (const key of Object.keys(record)) expect(key).toMatch(/^PEEL_COST\.[a-z0-9]{20}$/);
  return Object.values(record);
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

  it('an empty picture placeholder: its box, which Insert fills (so there is nothing more to replace)', () => {
    select('slide-3', ['s3-picture']);
    expect(value(getTarget())).toEqual<Target>({
      host: 'slides',
      kind: 'placeholder',
      label: 'Fills the empty picture placeholder',
      ratio: 420 / 290,
      canInsert: true,
      canReplace: false,
      canBackground: true,
    });
  });

  it('an empty shape: its box, which Insert fills', () => {
    addEmptyShape();
    select('slide-3', ['s3-empty']);
    expect(value(getTarget())).toMatchObject({
      kind: 'shape',
      label: 'Fills the selected shape',
      ratio: 2,
      canInsert: true,
      canReplace: false,
    });
  });

  it('a picture: its box for the ratio; Insert adds to the slide and Replace swaps the picture', () => {
    select('slide-3', ['s3-image']);
    expect(value(getTarget())).toMatchObject({
      kind: 'image',
      label: 'Current slide (Replace selected swaps the picture)',
      ratio: 204 / 153,
      canInsert: true,
      canReplace: true,
    });
  });

  it('a text box, several items or text being edited fall back to the slide and never offer to replace', () => {
    select('slide-3', ['s3-title']);
    expect(value(getTarget())).toMatchObject({
      kind: 'slide',
      label: 'Current slide (the selected box keeps its text)',
      canReplace: false,
      canInsert: true,
    });
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
    expect(costEntries()).toEqual(['0.0336']);
  });

  it('sends N variants as N requests in one fetchAll', () => {
    h.respondWith(imageReply(pngBase64(160, 90)));
    const result = value(generateImages({ ...REQUEST, variants: 3 }));
    expect(h.batches).toEqual([3]);
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

  it('adds to the total the sidebar sends without reading the record back, and writes one entry each', () => {
    const documentOps = () => ({ ...h.properties.counts().document });
    const first = generateOne(160, 90, { documentCostUsd: 1.5 });
    expect(first.documentCostUsd).toBe(1.5336);
    expect(documentOps()).toEqual({ reads: 0, writes: 1 });
    const second = generateOne(160, 90, { documentCostUsd: first.documentCostUsd });
    expect(second.documentCostUsd).toBeCloseTo(1.5672, 6);
    expect(documentOps()).toEqual({ reads: 0, writes: 2 });
    // The record holds what was spent here, not the sidebar's figure.
    expect(costEntries()).toEqual(['0.0336', '0.0336']);
  });

  it('without the sidebar’s total, reads the record once: everyone’s generations, earlier totals included', () => {
    h = installServices(deck, {
      documentProperties: { PEEL_DOCUMENT_COST_USD: '2', 'PEEL_COST.someoneelse0000000000': '0.25' },
    });
    const result = generateOne(160, 90, { documentCostUsd: null });
    expect(result.documentCostUsd).toBe(2.2836);
    expect(h.properties.counts().document).toEqual({ reads: 1, writes: 1 });
  });

  it('two collaborators generating from stale totals both count in the record', () => {
    // Both sidebars opened when the document had cost nothing; neither has seen the other's image.
    const mine = generateOne(160, 90, { documentCostUsd: 0 });
    const theirs = generateOne(160, 90, { documentCostUsd: 0 });
    expect([mine.documentCostUsd, theirs.documentCostUsd]).toEqual([0.0336, 0.0336]);
    // The next sidebar to open sees both.
    expect(value(getSidebarContext()).documentCostUsd).toBeCloseTo(0.0672, 6);
  });

  it('refuses a running total that is not an amount, before sending anything', () => {
    for (const bad of [-1, Number.NaN, '0.5']) {
      expect(errorOf(generateImages({ ...REQUEST, documentCostUsd: bad as number }))).toMatchObject({
        code: 'BAD_INPUT',
      });
    }
    expect(h.requests).toHaveLength(0);
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

  it.each(['insert', 'replace'] as const)('%s into an empty picture placeholder: fills its box exactly', (mode) => {
    select('slide-3', ['s3-picture']);
    const count = slide('slide-3').elements.length;
    const [image] = generateOne(150, 100, { aspectRatio: '3:2' }).images;
    const result = insert(image?.id ?? '', mode);
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([36, 92, 420, 290]);
    // 3:2 into a 420 × 290 box: cropped to fill it, not shrunk to leave bars.
    expect(placed.crop).toBeDefined();
    expect(placed.placeholder).toBe('PICTURE');
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-picture')).toBe(false);
    expect(slide('slide-3').elements).toHaveLength(count);
    expect(placed.title).toBe('A lighthouse at dusk, waves below');
    expect(result.label).toBe('Filled the picture placeholder');
  });

  it('insert with an empty shape selected: fills its box exactly', () => {
    addEmptyShape();
    select('slide-3', ['s3-empty']);
    const [image] = generateOne(160, 90).images;
    const result = insert(image?.id ?? '', 'insert');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([480, 260, 204, 102]);
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-empty')).toBe(false);
    expect(result.label).toBe('Filled the selected shape');
  });

  it('insert with a picture or a text box selected: a new image on the slide, the selection untouched', () => {
    for (const selectedId of ['s3-image', 's3-title']) {
      select('slide-3', [selectedId]);
      const kept = JSON.stringify(slide('slide-3').elements);
      const [image] = generateOne(160, 90).images;
      const result = insert(image?.id ?? '', 'insert');
      expect(result.label).toBe('Current slide');
      const elements = slide('slide-3').elements;
      expect(JSON.stringify(elements.slice(0, -1))).toBe(kept);
      const placed = element('slide-3', result.objectId ?? '');
      expect(placed.left + placed.width / 2).toBeCloseTo(360);
    }
  });

  it('as a background with a placeholder selected: behind everything, the placeholder left empty', () => {
    select('slide-3', ['s3-picture']);
    const [image] = generateOne(160, 90).images;
    const result = insert(image?.id ?? '', 'background');
    expect(slide('slide-3').elements[0]?.objectId).toBe(result.objectId);
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-picture')).toBe(true);
  });

  it('over a selected picture: replaced inside the same box', () => {
    select('slide-3', ['s3-image']);
    const [image] = generateOne(160, 120, { aspectRatio: '4:3' }).images;
    const result = insert(image?.id ?? '', 'replace');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([480, 92, 204, 153]);
    expect(placed.image.pixelWidth).toBe(160);
    expect(placed.description).toContain('A lighthouse at dusk');
    expect(result.label).toBe('Replaced the picture');
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
    deck.selection = { pageId: 'slide-2', elementIds: [], text: { elementId: 's2-body', start: 0, end: 6 } };
    expect(errorOf(insertImage({ imageId: id, mode: 'replace', prompt: 'x' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-3', ['s3-picture', 's3-image']);
    expect(errorOf(insertImage({ imageId: id, mode: 'replace', prompt: 'x' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-1');
    expect(h.snapshot()).toBe(before);
  });

  it('insert with text being edited in an empty placeholder leaves it alone (the slide takes the image)', () => {
    deck.selection = { pageId: 'slide-3', elementIds: [], text: { elementId: 's3-picture', start: 0, end: 0 } };
    expect(value(getTarget())).toMatchObject({ kind: 'slide', label: 'Current slide (you are editing text)' });
    const [image] = generateOne().images;
    expect(insert(image?.id ?? '', 'insert').label).toBe('Current slide');
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-picture')).toBe(true);
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
    // The sentence itself says what to do: some places show only the message.
    expect(expired).toMatchObject({ code: 'PREVIEW_EXPIRED', action: expect.stringMatching(/Generate/) });
    expect(expired.message).toMatch(/expired.*generate the image again/i);
    expect(expired.detail).toMatch(/30 minutes/);
    expect(h.snapshot()).toBe(before);
  });
});

// How many Apps Script calls and property operations each flow makes is a budget with a ceiling in
// `npm run bench` (dev/bench/budgets.ts), not an assertion here: these check what those calls achieve.
describe('what generate reads', () => {
  it('uses the total the sidebar carries instead of reading it back, and reads it when none comes', () => {
    h = installServices(deck, { documentProperties: { PEEL_DOCUMENT_COST_USD: '1.25' } });
    expect(value(getSidebarContext()).documentCostUsd).toBe(1.25);
    // The carried total is trusted as it comes; the store keeps its own total and is read only without one.
    expect(generateOne(160, 90, { documentCostUsd: 2 }).documentCostUsd).toBeCloseTo(2 + 0.0336, 6);
    expect(generateOne().documentCostUsd).toBeCloseTo(1.25 + 2 * 0.0336, 6);
  });

  it('sends the organization key’s requests to its base URL', () => {
    h = installServices(deck, { userProperties: {} });
    h.properties.script.setProperties({
      PEEL_ORG_API_KEY: `AIza${'o'.repeat(35)}`,
      PEEL_GEMINI_BASE_URL: 'https://gemini-proxy.example.com',
    });
    generateOne(160, 90, { documentCostUsd: 0 });
    expect(h.requests[0]?.url).toMatch(/^https:\/\/gemini-proxy\.example\.com\//);
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
