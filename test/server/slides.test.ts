/**
 * Generate and insert in Slides, through the functions the sidebar calls, against the in-memory SlidesApp over
 * the demo deck (720 × 405 pt; slide 3 has an empty picture placeholder and a picture).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeckState, ImageElement, ShapeElement } from '../../dev/runtime/model';
import { demoDeck, shape } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import {
  composeIllustratePrompt,
  discardImages,
  generateImage,
  getSidebarContext,
  getTarget,
  insertImage,
} from '../../src/server/rpc/api';
import type {
  GenerateRequest,
  ImageCallOutcome,
  ImageDelivered,
  InsertResult,
  PlaceChoice,
  Result,
  Target,
} from '../../src/shared/rpc';
import { type Harness, hugePngBase64, imageReply, installServices, pngBase64, value } from './harness';

function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

const REQUEST: GenerateRequest = {
  prompt: 'A lighthouse at dusk, waves below',
  model: DEFAULT_MODEL_ID,
  aspectRatio: '16:9',
  imageSize: '1K',
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
  for (const key of Object.keys(record)) expect(key).toMatch(/^PEEL_COST\.[a-z0-9]{20}\.\d{4}-\d{2}$/);
  return Object.values(record);
}

function element(slideId: string, objectId: string): ImageElement {
  const found = slide(slideId).elements.find((e) => e.objectId === objectId);
  if (found?.kind !== 'image') throw new Error(`no image ${objectId}`);
  return found;
}

function delivered(outcome: ImageCallOutcome): ImageDelivered {
  if (outcome.kind !== 'image') throw new Error(`expected an image, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function generateOne(width = 160, height = 90, request: Partial<GenerateRequest> = {}): ImageDelivered {
  h.respondWith(imageReply(pngBase64(width, height)));
  return delivered(value(generateImage({ ...REQUEST, ...request })));
}

function insert(id: string, mode: 'insert' | 'background' | 'replace', where?: PlaceChoice): InsertResult {
  return value(insertImage({ imageId: id, mode, ...(where ? { where } : {}) }));
}

beforeEach(() => {
  deck = demoDeck();
  h = installServices(deck);
});

describe('getTarget in Slides', () => {
  it('with nothing selected on the title slide: the small band below its text is offered, never chosen', () => {
    const target = value(getTarget());
    expect(target).toMatchObject({
      host: 'slides',
      kind: 'slide',
      label: 'A new slide after this one (the free space here is small)',
      ratio: 720 / 405,
      canInsert: true,
      canReplace: false,
      canBackground: true,
      backgroundRatio: 720 / 405,
    });
    expect(target.noRoom).toBeUndefined();
    expect(target.offers?.message).toMatch(/under a quarter of the slide/);
    // The band under the subtitle (which ends at 265 pt) down to the margin is about 6:1: a banner. Its 21:9 part,
    // centred, is what is offered, so it is drawn at a ratio people use.
    const [beside, newSlide, behind] = target.offers?.choices ?? [];
    expect(beside).toMatchObject({ where: 'beside', label: 'Free space at the bottom of the slide, smaller (21:9)' });
    expect(beside?.ratio).toBeCloseTo(21 / 9);
    // Each label also comes as its catalog key, for the sidebar to say in its language.
    expect(newSlide).toEqual({
      where: 'new-slide',
      label: 'A new slide after this one, large',
      labelWords: { key: 'offerNewSlide' },
      ratio: 720 / 405,
    });
    expect(behind).toEqual({
      where: 'behind',
      label: 'The slide’s background, behind its text',
      labelWords: { key: 'behindText' },
      ratio: 720 / 405,
    });
  });

  it('with nothing selected on an empty picture placeholder’s slide: the placeholder, at its ratio', () => {
    select('slide-3');
    expect(value(getTarget())).toMatchObject({
      kind: 'placeholder',
      label: 'Fills the empty picture placeholder',
      ratio: 420 / 290,
    });
  });

  it('with nothing selected on a slide full of text: says so before generating, and offers the honest choices', () => {
    select('slide-2');
    const target = value(getTarget());
    expect(target).toMatchObject({
      kind: 'slide',
      label: 'A new slide after this one (no free space on this one)',
      ratio: 720 / 405,
      canInsert: true,
      canBackground: true,
      noRoom: { choices: ['new-slide', 'background', 'on-top'] },
    });
    expect(target.noRoom?.message).toMatch(/no free space/);
  });

  it('an empty picture placeholder: its box, which Insert fills (so there is nothing more to replace)', () => {
    select('slide-3', ['s3-picture']);
    expect(value(getTarget())).toEqual<Target>({
      host: 'slides',
      kind: 'placeholder',
      label: 'Fills the empty picture placeholder',
      labelWords: { key: 'fillsPicturePlaceholder' },
      ratio: 420 / 290,
      canInsert: true,
      canReplace: false,
      canBackground: true,
      // This reading, kept for a Generate that names it.
      placeId: expect.stringMatching(/^[a-z0-9]{20}$/),
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
      label: 'Fills the empty picture placeholder (Replace selected swaps the picture)',
      ratio: 204 / 153,
      canInsert: true,
      canReplace: true,
    });
  });

  it('a text box, several items or text being edited fall back to the slide and never offer to replace', () => {
    select('slide-1', ['s1-subtitle']);
    const besideSubtitle = value(getTarget());
    expect(besideSubtitle).toMatchObject({ kind: 'slide', canReplace: false, canInsert: true });
    expect(besideSubtitle.offers?.choices[0]?.label).toBe('Beside the selected text (below), smaller (21:9)');
    select('slide-3', ['s3-picture', 's3-image']);
    expect(value(getTarget())).toMatchObject({
      kind: 'placeholder',
      label: 'Fills the empty picture placeholder (select one item to fill it)',
      canReplace: false,
    });
    deck.selection = { pageId: 'slide-2', elementIds: [], text: { elementId: 's2-body', start: 0, end: 6 } };
    expect(value(getTarget())).toMatchObject({
      kind: 'slide',
      label: 'A new slide after this one (no free space on this one)',
    });
  });

  it('an empty deck: a problem, nothing offered', () => {
    deck.slides = [];
    deck.selection = { pageId: null, elementIds: [], text: null };
    expect(value(getTarget())).toMatchObject({ kind: 'none', canInsert: false, problem: 'Open or add a slide first.' });
  });
});

describe('generateImage', () => {
  it('returns one image once, with its pixel size, cost and the document’s running total', () => {
    const { image, text, warnings, documentCostUsd } = generateOne();
    expect(image).toMatchObject({ mimeType: 'image/png', pixelWidth: 160, pixelHeight: 90, costUsd: 0.0336 });
    expect(image.base64).toBe(pngBase64(160, 90));
    expect(text).toBe('Here is your picture.');
    expect(warnings).toEqual([]);
    expect(documentCostUsd).toBe(0.0336);
    expect(costEntries()).toEqual(['0.0336']);
  });

  it('sends one request per call: variants are separate calls, each with its own entry and preview', () => {
    h.respondWith(imageReply(pngBase64(160, 90)));
    const ids = [1, 2, 3].map(() => delivered(value(generateImage(REQUEST))).image.id);
    expect(h.batches).toEqual([1, 1, 1]);
    expect(new Set(ids).size).toBe(3);
    expect(costEntries()).toEqual(['0.0336', '0.0336', '0.0336']);
  });

  it('a refusal is that call’s error, and records nothing', () => {
    const refusal = JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ text: 'I can’t draw that.' }] }, finishReason: 'STOP' }],
    });
    h.respondWith(() => ({ status: 200, body: refusal }));
    expect(errorOf(generateImage(REQUEST))).toMatchObject({ code: 'MODEL_REFUSED', detail: 'I can’t draw that.' });
    expect(costEntries()).toEqual([]);
  });

  it('hands a per-minute 429 back as a wait instead of sleeping through it, and records nothing', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'Quota exceeded. Please retry in 20s.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '20s' }],
      },
    });
    h.respondWith(() => ({ status: 429, body }));
    expect(value(generateImage(REQUEST))).toEqual({
      kind: 'retry',
      retryAfterSeconds: 20,
      attempt: 2,
      maxAttempts: 3,
      reason: 'RATE_LIMITED',
    });
    // One request: a 20 s wait is the sidebar's to show, not this execution's to sleep.
    expect(h.requests).toHaveLength(1);
    expect(value(generateImage({ ...REQUEST, attempt: 2 }))).toMatchObject({ kind: 'retry', attempt: 3 });
    // The last attempt answers with the error, its wait in the user's words.
    expect(errorOf(generateImage({ ...REQUEST, attempt: 3 }))).toMatchObject({
      code: 'RATE_LIMITED',
      action: 'Wait about 20 seconds and try again.',
    });
    expect(costEntries()).toEqual([]);
    expect(h.calls.Utilities).toBeUndefined();
  });

  it('rides out one short blip inside the call, and hands a lasting 503 back as a wait', () => {
    const unavailable = { status: 503, body: '{"error":{"code":503,"status":"UNAVAILABLE","message":"Overloaded"}}' };
    const good = imageReply(pngBase64(160, 90));
    h.respondWith((request, index) => (index === 0 ? unavailable : good(request, index)));
    expect(delivered(value(generateImage(REQUEST))).image.pixelWidth).toBe(160);
    expect(h.requests).toHaveLength(2);

    h.respondWith(() => unavailable);
    const wait = value(generateImage(REQUEST));
    expect(wait).toMatchObject({ kind: 'retry', attempt: 2, maxAttempts: 3, reason: 'UNAVAILABLE' });
    // Equal jitter over the first 5 s backoff, in whole seconds.
    expect(wait.kind === 'retry' && wait.retryAfterSeconds >= 3 && wait.retryAfterSeconds <= 5).toBe(true);
    expect(h.requests).toHaveLength(4);
  });

  it('refuses an attempt past the last one before sending anything', () => {
    for (const attempt of [0, 4, 1.5])
      expect(errorOf(generateImage({ ...REQUEST, attempt }))).toMatchObject({ code: 'BAD_INPUT' });
    expect(h.requests).toHaveLength(0);
  });

  it('adds to the total the sidebar sends without reading the record back, and writes one entry each', () => {
    const documentOps = () => ({ ...h.properties.counts().document });
    // The one read is the deck's style (issue 13); the record itself is never read back.
    const first = generateOne(160, 90, { documentCostUsd: 1.5 });
    expect(first.documentCostUsd).toBe(1.5336);
    expect(documentOps()).toEqual({ reads: 1, writes: 1 });
    const second = generateOne(160, 90, { documentCostUsd: first.documentCostUsd, style: false });
    expect(second.documentCostUsd).toBeCloseTo(1.5672, 6);
    expect(documentOps()).toEqual({ reads: 1, writes: 2 });
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
      expect(errorOf(generateImage({ ...REQUEST, documentCostUsd: bad as number }))).toMatchObject({
        code: 'BAD_INPUT',
      });
    }
    expect(h.requests).toHaveLength(0);
  });

  it('refuses bad input before reading settings or sending anything, and changes nothing', () => {
    const before = h.snapshot();
    const cases: [Partial<GenerateRequest>, string][] = [
      [{ prompt: '   ' }, 'BAD_INPUT'],
      [{ variants: 2 } as Partial<GenerateRequest>, 'BAD_INPUT'],
      [{ aspectRatio: '7:3' }, 'UNSUPPORTED_OPTION'],
      [{ imageSize: '512' }, 'UNSUPPORTED_OPTION'],
    ];
    for (const [change, code] of cases) {
      expect(errorOf(generateImage({ ...REQUEST, ...change }))).toMatchObject({ code });
    }
    expect(errorOf(generateImage(null as unknown as GenerateRequest))).toMatchObject({ code: 'BAD_INPUT' });
    expect(h.requests).toHaveLength(0);
    expect(h.propertyOps()).toBe(0);
    expect(h.snapshot()).toBe(before);
  });

  it('without a key: NO_KEY, nothing sent', () => {
    h = installServices(deck, { userProperties: {} });
    expect(errorOf(generateImage(REQUEST))).toMatchObject({ code: 'NO_KEY' });
    expect(h.requests).toHaveLength(0);
  });
});

describe('insertImage in Slides', () => {
  it('the small free space when the person chose it: clear of its text, inside the margins at the image’s ratio', () => {
    const { image } = generateOne(160, 90);
    const before = slide('slide-1').elements.length;
    const result = insert(image?.id ?? '', 'insert', 'beside');
    const placed = element('slide-1', result.objectId ?? '');
    expect(slide('slide-1').elements).toHaveLength(before + 1);
    const margin = 405 * 0.05;
    expect(placed.width / placed.height).toBeCloseTo(16 / 9);
    expect(Math.abs(placed.left + placed.width / 2 - 360)).toBeLessThan(5);
    expect(placed.top).toBeGreaterThanOrEqual(265);
    expect(placed.top + placed.height).toBeLessThanOrEqual(405 - margin + 1e-9);
    expect(result.label).toBe('Free space at the bottom');
  });

  it('a small free space, unasked: a new blank slide after this one, the picture large; the title slide untouched', () => {
    const kept = JSON.stringify(slide('slide-1').elements);
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'insert');
    expect(result.label).toBe('A new slide after this one');
    expect(JSON.stringify(slide('slide-1').elements)).toBe(kept);
    const added = deck.slides[1];
    expect(added?.elements.map((e) => e.objectId)).toEqual([result.objectId]);
    const placed = added?.elements[0] as ImageElement;
    // As large as the margins allow: the whole usable height at 16:9.
    expect(placed.height).toBeCloseTo(405 - 2 * 405 * 0.05);
  });

  it('behind, when chosen: the whole slide, under everything on it, so every word stays above it', () => {
    const texts = JSON.stringify(slide('slide-1').elements);
    const made = generateOne(160, 90, { selection: 'fit', where: 'behind' });
    expect(sentRatio()).toBe('16:9');
    expect(made.target).toMatchObject({ chosen: 'behind', label: 'The slide’s background, behind its text' });
    const result = insert(made.image.id, 'insert', 'behind');
    expect(result.label).toBe('The slide’s background, behind its text');
    const [first, ...rest] = slide('slide-1').elements;
    expect(first?.objectId).toBe(result.objectId);
    expect(JSON.stringify(rest)).toBe(texts);
    expect(first).toMatchObject({ left: 0, top: 0, width: 720, height: 405 });
    expect(first?.description).toMatch(/^AI-generated image\./);
  });

  it('beside, when chosen: Generate draws at the small space’s ratio and says so; Insert puts it there', () => {
    const made = generateOne(210, 90, { selection: 'fit', where: 'beside' });
    expect(sentRatio()).toBe('21:9');
    expect(made.target).toMatchObject({
      chosen: 'beside',
      label: 'Free space at the bottom of the slide, smaller (21:9)',
    });
    const result = insert(made.image.id, 'insert', 'beside');
    const placed = element('slide-1', result.objectId ?? '');
    expect(placed.top).toBeGreaterThanOrEqual(265);
    expect(placed.width * placed.height).toBeLessThan((720 * 405) / 4);
  });

  it('on a slide without room: a new blank slide after this one, made current; or on top when chosen', () => {
    select('slide-2');
    const kept = JSON.stringify(slide('slide-2').elements);
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'insert');
    expect(result.label).toBe('A new slide after this one');
    expect(JSON.stringify(slide('slide-2').elements)).toBe(kept);
    const added = deck.slides[2];
    expect(added?.elements.map((e) => e.objectId)).toEqual([result.objectId]);
    expect(deck.selection.pageId).toBe(added?.objectId);
    select('slide-2');
    const { image: again } = generateOne(160, 90);
    const onTop = value(insertImage({ imageId: again?.id ?? '', mode: 'insert', where: 'on-top' }));
    expect(onTop.label).toBe('On top of the slide');
    expect(slide('slide-2').elements.at(-1)?.objectId).toBe(onTop.objectId);
  });

  it('sets alt text from the prompt and the model’s words; the title is the one the preview was named with', () => {
    const { image, altTitle } = generateOne();
    const placed = element('slide-1', insert(image?.id ?? '', 'insert', 'beside').objectId ?? '');
    expect(placed.title).toBe('A lighthouse at dusk, waves below');
    expect(altTitle).toBe(placed.title);
    expect(placed.description).toBe(
      // "Here is your picture." is the model's chatter, not a description.
      'AI-generated image. A lighthouse at dusk, waves below.',
    );
  });

  it('as a background: the slide’s background picture, nothing new on the slide', () => {
    select('slide-2');
    const kept = JSON.stringify(slide('slide-2').elements);
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'background');
    expect(result).toEqual({
      objectId: null,
      threadId: null,
      thread: null,
      label: 'Slide background',
      labelWords: { key: 'slideBackground' },
    });
    expect(JSON.stringify(slide('slide-2').elements)).toBe(kept);
    expect(slide('slide-2').backgroundImage).toMatchObject({ pixelWidth: 160, pixelHeight: 90 });
  });

  it('refuses a background that Slides would stretch out of shape, and changes nothing', () => {
    const { image } = generateOne(160, 120);
    const before = h.snapshot();
    const error = errorOf(insertImage({ imageId: image?.id ?? '', mode: 'background' }));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_SELECTION' });
    expect(error.detail).toMatch(/stretches/);
    expect(h.snapshot()).toBe(before);
  });

  it.each(['insert', 'replace'] as const)('%s into an empty picture placeholder: fills its box exactly', (mode) => {
    select('slide-3', ['s3-picture']);
    const count = slide('slide-3').elements.length;
    const { image } = generateOne(150, 100, { aspectRatio: '3:2' });
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
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'insert');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([480, 260, 204, 102]);
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-empty')).toBe(false);
    expect(result.label).toBe('Filled the selected shape');
  });

  it('insert with a picture selected: the slide’s placement (its empty placeholder), the picture untouched', () => {
    select('slide-3', ['s3-image']);
    const picture = JSON.stringify(element('slide-3', 's3-image'));
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'insert');
    expect(result.label).toBe('Filled the picture placeholder');
    expect(JSON.stringify(element('slide-3', 's3-image'))).toBe(picture);
  });

  it('insert with a text box selected: beside it, its text still visible', () => {
    select('slide-1', ['s1-subtitle']);
    const kept = JSON.stringify(slide('slide-1').elements);
    const { image } = generateOne(160, 90);
    const result = insert(image?.id ?? '', 'insert', 'beside');
    expect(result.label).toBe('Beside the selected text');
    expect(JSON.stringify(slide('slide-1').elements.slice(0, -1))).toBe(kept);
    const placed = element('slide-1', result.objectId ?? '');
    expect(placed.top).toBeGreaterThanOrEqual(215 + 50);
  });

  it('as a background with a placeholder selected: the background, the placeholder left empty', () => {
    select('slide-3', ['s3-picture']);
    const kept = JSON.stringify(slide('slide-3').elements);
    const { image } = generateOne(160, 90);
    insert(image?.id ?? '', 'background');
    expect(JSON.stringify(slide('slide-3').elements)).toBe(kept);
    expect(slide('slide-3').backgroundImage).toBeDefined();
  });

  it('over a selected picture: replaced inside the same box', () => {
    select('slide-3', ['s3-image']);
    const { image } = generateOne(160, 120, { aspectRatio: '4:3' });
    const result = insert(image?.id ?? '', 'replace');
    const placed = element('slide-3', result.objectId ?? '');
    expect([placed.left, placed.top, placed.width, placed.height]).toEqual([480, 92, 204, 153]);
    expect(placed.image.pixelWidth).toBe(160);
    // The demo picture's description was written by a person: it stays; the title names the new picture.
    expect(placed.description).toBe('An orange sun rising over green hills');
    expect(placed.title).toBe('A lighthouse at dusk, waves below');
    expect(result.label).toBe('Replaced the picture');
  });

  it('refuses to replace when the selection changed, or holds words, and changes nothing', () => {
    const { image } = generateOne();
    const id = image?.id ?? '';
    const before = h.snapshot();
    expect(errorOf(insertImage({ imageId: id, mode: 'replace' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-3', ['s3-title']);
    const words = errorOf(insertImage({ imageId: id, mode: 'replace' }));
    expect(words).toMatchObject({ code: 'UNSUPPORTED_SELECTION' });
    expect(words.detail).toMatch(/holds text/);
    deck.selection = { pageId: 'slide-2', elementIds: [], text: { elementId: 's2-body', start: 0, end: 6 } };
    expect(errorOf(insertImage({ imageId: id, mode: 'replace' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-3', ['s3-picture', 's3-image']);
    expect(errorOf(insertImage({ imageId: id, mode: 'replace' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
    });
    select('slide-1');
    expect(h.snapshot()).toBe(before);
  });

  it('insert with text being edited: the slide’s placement, the text box left alone', () => {
    // Text is being edited in the title; the slide's placement then fills its empty picture placeholder.
    deck.selection = { pageId: 'slide-3', elementIds: [], text: { elementId: 's3-title', start: 0, end: 0 } };
    expect(value(getTarget())).toMatchObject({
      kind: 'placeholder',
      label: 'Fills the empty picture placeholder (you are editing text)',
    });
    const { image } = generateOne();
    expect(insert(image?.id ?? '', 'insert').label).toBe('Filled the picture placeholder');
    expect(slide('slide-3').elements.some((e) => e.objectId === 's3-title')).toBe(true);
  });

  it('an image over 25 megapixels never reaches the insert call', () => {
    h.respondWith(imageReply(hugePngBase64(6000, 5000)));
    const result = delivered(value(generateImage(REQUEST)));
    expect(result.warnings.join(' ')).toMatch(/can be previewed but not inserted/);
    const before = h.snapshot();
    h.resetCounts();
    const error = errorOf(insertImage({ imageId: result.image.id, mode: 'insert' }));
    expect(error).toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    expect(error.detail).toMatch(/Ask for a smaller size/);
    expect(h.snapshot()).toBe(before);
    expect(h.calls.Utilities).toBeUndefined();
  });

  it('unknown ids, expired previews and bad modes are clear errors that change nothing', () => {
    const before = h.snapshot();
    expect(errorOf(insertImage({ imageId: 'not-an-id', mode: 'insert' }))).toMatchObject({
      code: 'BAD_INPUT',
    });
    const { image } = generateOne();
    const id = image?.id ?? '';
    expect(errorOf(insertImage({ imageId: id, mode: 'sideways' as 'insert' }))).toMatchObject({
      code: 'BAD_INPUT',
    });
    value(discardImages([id]));
    const expired = errorOf(insertImage({ imageId: id, mode: 'insert' }));
    // The sentence itself says what to do: some places show only the message.
    expect(expired).toMatchObject({ code: 'PREVIEW_EXPIRED', action: expect.stringMatching(/Generate/) });
    expect(expired.message).toMatch(/expired.*generate the image again/i);
    expect(expired.detail).toMatch(/30 minutes/);
    expect(h.snapshot()).toBe(before);
  });
});

// How many Apps Script calls and property operations each flow makes is a budget with a ceiling in
// `npm run bench` (dev/bench/budgets.ts), not an assertion here: these check what those calls achieve.
/** The aspect ratio the request to Gemini asked for. */
function sentRatio(index = 0): string | undefined {
  const body = JSON.parse(String(h.requests[index]?.payload)) as {
    generationConfig?: { imageConfig?: { aspectRatio?: string } };
  };
  return body.generationConfig?.imageConfig?.aspectRatio;
}

/** A text box a collaborator adds, by its box. */
function addText(slideId: string, objectId: string, box: [number, number, number, number]): ShapeElement {
  const added = shape(objectId, 'NONE', box, 'Added while the image was being made');
  slide(slideId).elements.push(added);
  return added;
}

function shapeOf(slideId: string, objectId: string): ShapeElement {
  const found = slide(slideId).elements.find((e) => e.objectId === objectId);
  if (found?.kind !== 'shape') throw new Error(`no shape ${objectId}`);
  return found;
}

const covers = (a: ImageElement, b: ShapeElement) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe('Generate reads where the image goes; Insert places by what it read, checked again', () => {
  it('fit: draws at the ratio of the place the selection offers, and answers with that Target', () => {
    select('slide-3');
    const made = generateOne(160, 90, { selection: 'fit' });
    // The empty picture placeholder is 420 × 290: 3:2 is the supported ratio nearest to it, not the 16:9 sent.
    expect(sentRatio()).toBe('3:2');
    expect(made.target).toMatchObject({ kind: 'placeholder', label: 'Fills the empty picture placeholder' });
  });

  it('check: keeps the ratio the person picked, and still answers with the Target', () => {
    select('slide-3');
    const made = generateOne(160, 90, { selection: 'check', aspectRatio: '16:9' });
    expect(sentRatio()).toBe('16:9');
    expect(made.target?.kind).toBe('placeholder');
  });

  it('nowhere for an image: UNSUPPORTED_SELECTION saying where it can go, nothing sent or billed', () => {
    deck.slides = [];
    deck.selection = { pageId: null, elementIds: [], text: null };
    const before = h.snapshot();
    expect(errorOf(generateImage({ ...REQUEST, selection: 'fit' }))).toMatchObject({
      code: 'UNSUPPORTED_SELECTION',
      detail: 'Open or add a slide first.',
    });
    expect(h.requests).toHaveLength(0);
    expect(costEntries()).toEqual([]);
    expect(h.snapshot()).toBe(before);
  });

  it('a text box added after Generate, in the free space Generate found: Insert keeps clear of it', () => {
    select('slide-1');
    const made = generateOne(160, 90, { selection: 'fit', where: 'beside' });
    expect(made.target?.label).toMatch(/^Free space at the bottom/);
    // A collaborator puts words exactly where the picture was going.
    const added = addText('slide-1', 'late-text', [36, 280, 648, 90]);
    const result = insert(made.image.id, 'insert', 'beside');
    const holder = deck.slides.find((s) => s.elements.some((e) => e.objectId === result.objectId));
    const placed = holder?.elements.find((e) => e.objectId === result.objectId) as ImageElement;
    for (const text of holder?.elements.filter((e): e is ShapeElement => e.kind === 'shape') ?? []) {
      expect(covers(placed, text), `over ${text.objectId}`).toBe(false);
    }
    expect(shapeOf('slide-1', 'late-text')).toEqual(added);
  });

  it('words typed after Generate into an empty placeholder under the picture: Insert keeps clear of them', () => {
    shapeOf('slide-1', 's1-subtitle').text = '';
    select('slide-1');
    const made = generateOne(160, 90, { selection: 'fit' });
    // The empty subtitle hides nothing, so the free area Generate found runs over it; then someone types in it.
    shapeOf('slide-1', 's1-subtitle').text = 'Typed while the image was being made';
    const result = insert(made.image.id, 'insert');
    const holder = deck.slides.find((s) => s.elements.some((e) => e.objectId === result.objectId));
    const placed = holder?.elements.find((e) => e.objectId === result.objectId) as ImageElement;
    if (holder?.objectId === 'slide-1') expect(covers(placed, shapeOf('slide-1', 's1-subtitle'))).toBe(false);
    expect(shapeOf('slide-1', 's1-subtitle').text).toBe('Typed while the image was being made');
  });

  it('words typed after Generate into the empty placeholder it would fill: the words stay, the picture goes elsewhere', () => {
    shapeOf('slide-2', 's2-body').text = '';
    select('slide-2');
    const made = generateOne(160, 90, { selection: 'fit' });
    expect(made.target?.label).toBe('Fills the empty text placeholder on this slide');
    shapeOf('slide-2', 's2-body').text = 'Typed while the image was being made';
    const result = insert(made.image.id, 'insert');
    expect(result.label).not.toMatch(/^Filled/);
    expect(shapeOf('slide-2', 's2-body').text).toBe('Typed while the image was being made');
  });

  it('another slide current at Insert (as many elements): placed by that slide, not by where Generate looked', () => {
    select('slide-1');
    const made = generateOne(160, 90, { selection: 'fit' });
    // Slide 2 has two elements too, and its body text fills the space slide 1 had free.
    select('slide-2');
    const kept = JSON.stringify(slide('slide-2').elements);
    const result = insert(made.image.id, 'insert');
    expect(result.label).toBe('A new slide after this one');
    expect(JSON.stringify(slide('slide-2').elements)).toBe(kept);
  });
});

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
