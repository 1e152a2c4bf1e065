/**
 * Generate trusts the place the person was shown, through the real bundle (dist/Code.js in the local runtime,
 * against the emulator): getTarget's answer names its reading (Target.placeId), and a Generate that sends that id
 * back finds the place in the user's cache without asking Slides or Docs anything, draws at its ratio, and refuses
 * where it takes no image before anything is sent. An id the server no longer keeps (another tab's reading since,
 * expired, never issued) makes Generate read the selection as before. Insert sends the id the sidebar shows as the
 * person presses it: a new picture goes on that slide without the selection being read; a box to fill, or an id
 * the server no longer keeps, and Insert reads the selection itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { type Runtime, World } from '../../dev/runtime/index';
import type { DeckState, HostDocument } from '../../dev/runtime/model';
import { demoDeck, shape } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { COST_ENTRY_PREFIX } from '../../src/core/store-budget';
import { SHOWN_KEY } from '../../src/server/spine/shown';
import type { ImageDelivered, InsertResult, Result, Target } from '../../src/shared/rpc';
import { bundleRuntime, oneParagraphDoc } from './harness';

const USER = 'ada@example.com';

interface Open {
  readonly runtime: Runtime;
  readonly emulator: Emulator;
  /** Moves the clock the user cache's expiry reads. */
  advance(ms: number): void;
}

const opened: Open[] = [];

async function open(document: HostDocument): Promise<Open> {
  let shift = 0;
  const emulator = await startEmulator({ latencyMs: 0 });
  const world = new World({ document, now: () => Date.now() + shift });
  const runtime = bundleRuntime(world, emulator, { user: USER });
  const at: Open = {
    runtime,
    emulator,
    advance: (ms) => {
      shift += ms;
    },
  };
  opened.push(at);
  await call(at, 'saveApiKey', 'AIzaSyPeelShownPlaceKey0123456789abcde');
  return at;
}

afterEach(async () => {
  for (const { runtime, emulator } of opened.splice(0)) {
    await runtime.close();
    await emulator.close();
  }
});

async function run<T>(at: Open, name: string, ...args: unknown[]) {
  const result = await at.runtime.run(name, args, { trigger: 'script.run', user: USER });
  expect(result.record.status, result.record.error).toBe('ok');
  return { value: result.value as Result<T>, record: result.record };
}

async function call<T>(at: Open, name: string, ...args: unknown[]): Promise<T> {
  const { value } = await run<T>(at, name, ...args);
  if (!value.ok) throw new Error(`${name}: ${value.error.code} ${value.error.detail ?? value.error.message}`);
  return value.value;
}

/** `carried`: the document's total as the sidebar carries it (left out: an older sidebar's request). */
const generate = (at: Open, placeId: string | null | undefined, carried?: number) =>
  run<ImageDelivered>(at, 'generateImage', {
    prompt: 'A lighthouse at dusk',
    model: DEFAULT_MODEL_ID,
    aspectRatio: '1:1',
    imageSize: '1K',
    selection: 'fit',
    ...(placeId !== undefined ? { placeId } : {}),
    ...(carried !== undefined ? { documentCostUsd: carried } : {}),
  });

/** The aspect ratio each request to Gemini asked for, in order. */
const sentRatios = (at: Open) =>
  at.emulator.requests
    .filter((r) => r.path.includes(':generateContent'))
    .map((r) => (r.body as { generationConfig?: { imageConfig?: { aspectRatio?: string } } }).generationConfig)
    .map((config) => config?.imageConfig?.aspectRatio);

const select = (at: Open, pageId: string | null) => {
  (at.runtime.world.document as DeckState).selection = { pageId, elementIds: [], text: null };
};

const delivered = (result: Result<ImageDelivered>): ImageDelivered => {
  if (!result.ok) throw new Error(`generateImage: ${result.error.code} ${result.error.detail ?? ''}`);
  return result.value;
};

describe('Generate and the place the person was shown, in Slides', () => {
  it('a kept reading: no SlidesApp call, drawn at the shown place’s ratio; Insert still places by the selection', async () => {
    const at = await open(demoDeck());
    // Slide 3's empty picture placeholder (420 × 290): 3:2 is the supported ratio nearest to it.
    select(at, 'slide-3');
    const shown = await call<Target>(at, 'getTarget');
    expect(shown).toMatchObject({ kind: 'placeholder', canInsert: true });
    expect(shown.placeId).toMatch(/^[a-z0-9]{20}$/);
    // The person clicks slide 1 in the editor after the sidebar read slide 3, and presses Generate.
    select(at, 'slide-1');

    const made = await generate(at, shown.placeId);
    expect(made.record.serviceCalls.SlidesApp).toBeUndefined();
    expect(made.record.serviceCalls.DocumentApp).toBeUndefined();
    // What the person saw: the placeholder's ratio, not slide 1's (a new slide at 16:9).
    expect(sentRatios(at)).toEqual(['3:2']);
    const image = delivered(made.value);
    expect(image.target).toEqual(shown);

    // Nothing is placed on the strength of the id: Insert reads the selection as it is now (slide 1, no room
    // worth the picture there), and slide 3's placeholder stays empty.
    const before = JSON.stringify(
      (at.runtime.world.document as DeckState).slides.find((s) => s.objectId === 'slide-3'),
    );
    const inserted = await call<InsertResult>(at, 'insertImage', { imageId: image.image.id, mode: 'insert' });
    const slides = (at.runtime.world.document as DeckState).slides;
    const holder = slides.findIndex((s) => s.elements.some((e) => e.objectId === inserted.objectId));
    expect(slides[holder - 1]?.objectId).toBe('slide-1');
    expect(JSON.stringify(slides.find((s) => s.objectId === 'slide-3'))).toBe(before);
  });

  it('a reading like the one kept keeps its id and writes nothing; a different one is kept under a new id', async () => {
    const at = await open(demoDeck());
    select(at, 'slide-2');
    const first = await call<Target>(at, 'getTarget');
    const again = await run<Target>(at, 'getTarget');
    expect(again.value).toEqual({ ok: true, value: first });
    expect(again.record.platform.byMethod['CacheService.putAll']).toBeUndefined();
    expect(again.record.platform.byMethod['CacheService.put']).toBeUndefined();
    select(at, 'slide-3');
    const other = await call<Target>(at, 'getTarget');
    expect(other.placeId).toMatch(/^[a-z0-9]{20}$/);
    expect(other.placeId).not.toBe(first.placeId);
  });

  it.each([
    ['never issued', async (_at: Open, shown: Target) => `${shown.placeId?.slice(0, 19)}x`],
    [
      'replaced by another tab’s reading',
      async (at: Open, shown: Target) => {
        // The same person's other sidebar reads the selection (slide 2) and keeps its own reading.
        select(at, 'slide-2');
        await call<Target>(at, 'getTarget');
        select(at, 'slide-1');
        return shown.placeId;
      },
    ],
    [
      'expired',
      async (at: Open, shown: Target) => {
        at.advance(121_000);
        return shown.placeId;
      },
    ],
    ['left out (an older sidebar)', async () => undefined],
    [
      'whose kept place is damaged',
      async (at: Open, shown: Target) => {
        const entries = at.runtime.world.cache.scope(`user:${USER}`);
        const kept = entries.get(SHOWN_KEY);
        if (!kept) throw new Error('getTarget kept no place');
        entries.set(SHOWN_KEY, { ...kept, value: `${shown.placeId} {"target":{"host":"slides"` });
        return shown.placeId;
      },
    ],
  ])('an id %s: Generate reads the selection as before', async (_case, spoil) => {
    const at = await open(demoDeck());
    select(at, 'slide-3');
    const shown = await call<Target>(at, 'getTarget');
    select(at, 'slide-1');
    const placeId = await spoil(at, shown);
    const made = await generate(at, placeId);
    expect(made.record.serviceCalls.SlidesApp).toBeGreaterThan(0);
    // Slide 1's free space is small: plain Insert puts the picture on a new slide, drawn at the slide's 16:9.
    expect(sentRatios(at)).toEqual(['16:9']);
    const image = delivered(made.value);
    expect(image.target).toMatchObject({ kind: 'slide', ratio: 16 / 9 });
    expect(image.target?.offers).toBeDefined();
    // A reading Generate made itself is not kept: its Target names no place to send back.
    expect(image.target?.placeId).toBeUndefined();
  });

  it('a shown place that takes no image: refused with its sentence, nothing sent, billed or changed', async () => {
    const deck = demoDeck();
    deck.slides = [];
    deck.selection = { pageId: null, elementIds: [], text: null };
    const at = await open(deck);
    const shown = await call<Target>(at, 'getTarget');
    expect(shown).toMatchObject({ kind: 'none', canInsert: false, problem: 'Open or add a slide first.' });
    const before = JSON.stringify(at.runtime.world.document);
    const refused = await generate(at, shown.placeId);
    expect(refused.value).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_SELECTION', detail: 'Open or add a slide first.' },
    });
    expect(refused.record.serviceCalls.SlidesApp).toBeUndefined();
    expect(at.emulator.requests).toHaveLength(0);
    const store = at.runtime.world.properties.document(deck.id).snapshot();
    expect(Object.keys(store).filter((key) => key.startsWith(COST_ENTRY_PREFIX))).toEqual([]);
    expect(JSON.stringify(at.runtime.world.document)).toBe(before);
  });
});

describe('Insert and the place the sidebar shows, in Slides', () => {
  const STORY = 'slide-story-1';
  const deckOf = (at: Open) => at.runtime.world.document as DeckState;
  /** The slide holding `objectId`, and the element's box. */
  const where = (at: Open, objectId: string | null) => {
    const slide = deckOf(at).slides.find((s) => s.elements.some((e) => e.objectId === objectId));
    const element = slide?.elements.find((e) => e.objectId === objectId);
    return { slide: slide?.objectId, box: element && [element.left, element.top, element.width, element.height] };
  };
  const insert = (at: Open, imageId: string, placeId?: string) =>
    run<InsertResult>(at, 'insertImage', { imageId, mode: 'insert', ...(placeId ? { placeId } : {}) });
  const placed = (result: Result<InsertResult>): InsertResult => {
    if (!result.ok) throw new Error(`insertImage: ${result.error.code} ${result.error.detail ?? ''}`);
    return result.value;
  };
  const readsSelection = (record: { platform: { byMethod: Record<string, unknown> } }) =>
    record.platform.byMethod['SlidesApp.getSelection'] !== undefined;
  /** Shown the story slide, a picture made for it: what the person has when they press Insert. */
  const madeFor = async (pageId: string) => {
    const at = await open(demoDeck());
    select(at, pageId);
    const shown = await call<Target>(at, 'getTarget');
    const made = delivered((await generate(at, shown.placeId)).value);
    return { at, shown, imageId: made.image.id };
  };

  it('goes where reading the selection would put it, on the slide shown, without reading the selection', async () => {
    const twin = await madeFor(STORY);
    const byReading = placed((await insert(twin.at, twin.imageId)).value);
    const { at, shown, imageId } = await madeFor(STORY);
    expect(shown).toMatchObject({ kind: 'slide', canInsert: true });
    const result = await insert(at, imageId, shown.placeId);
    expect(readsSelection(result.record)).toBe(false);
    const byShown = placed(result.value);
    expect(where(at, byShown.objectId)).toEqual(where(twin.at, byReading.objectId));
    expect(where(at, byShown.objectId).slide).toBe(STORY);
    expect(byShown.label).toBe(byReading.label);
    // Its thread starts as any new picture's does.
    expect(byShown.thread?.ref).toBe(`s:${byShown.objectId}`);
  });

  it('the person went to another slide and the sidebar read it again: the picture goes there', async () => {
    const { at, imageId } = await madeFor(STORY);
    select(at, 'slide-story-2');
    const now = await call<Target>(at, 'getTarget');
    const result = await insert(at, imageId, now.placeId);
    expect(readsSelection(result.record)).toBe(false);
    expect(where(at, placed(result.value).objectId).slide).toBe('slide-story-2');
  });

  it.each([
    ['never issued', (_at: Open, shown: Target) => `${shown.placeId?.slice(0, 19)}x`],
    [
      'expired',
      (at: Open, shown: Target) => {
        at.advance(121_000);
        return shown.placeId;
      },
    ],
  ])('an id %s: Insert reads the selection, and places where the person is', async (_case, spoil) => {
    const { at, shown, imageId } = await madeFor(STORY);
    select(at, 'slide-story-2');
    const result = await insert(at, imageId, spoil(at, shown));
    expect(readsSelection(result.record)).toBe(true);
    expect(where(at, placed(result.value).objectId).slide).toBe('slide-story-2');
  });

  it('the slide shown was deleted meanwhile: Insert reads the selection instead', async () => {
    const { at, shown, imageId } = await madeFor(STORY);
    // A collaborator deletes it; the person's editor moves to the next slide.
    deckOf(at).slides = deckOf(at).slides.filter((s) => s.objectId !== STORY);
    select(at, 'slide-story-2');
    const result = await insert(at, imageId, shown.placeId);
    expect(readsSelection(result.record)).toBe(true);
    expect(where(at, placed(result.value).objectId).slide).toBe('slide-story-2');
  });

  it('a collaborator put words where the picture would go: the slide is read again and the words stay clear', async () => {
    const made = await madeFor(STORY);
    const twin = { at: made.at, placedId: placed((await insert(made.at, made.imageId)).value).objectId };
    const [left = 0, top = 0, width = 0, height = 0] = where(twin.at, twin.placedId).box ?? [];
    const { at, shown, imageId } = await madeFor(STORY);
    const slide = deckOf(at).slides.find((s) => s.objectId === STORY);
    const note = { left, top: top + height / 3, width, height: height / 3 };
    slide?.elements.push(shape('their-note', 'NONE', [note.left, note.top, note.width, note.height], 'Theirs'));
    const result = await insert(at, imageId, shown.placeId);
    const now = where(at, placed(result.value).objectId);
    const [l = 0, t = 0, w = 0, h = 0] = now.box ?? [];
    const overlaps = l < note.left + note.width && note.left < l + w && t < note.top + note.height && note.top < t + h;
    // Beside the note on that slide, or on a new slide when the room left is too small: never over the words.
    expect(now.slide === STORY ? overlaps : false, JSON.stringify(now)).toBe(false);
    expect(now).not.toEqual(where(twin.at, twin.placedId));
  });

  it('a box to fill: Insert reads the selection as it is, and fills it', async () => {
    const at = await open(demoDeck());
    deckOf(at).selection = { pageId: 'slide-3', elementIds: ['s3-picture'], text: null };
    const shown = await call<Target>(at, 'getTarget');
    expect(shown.kind).toBe('placeholder');
    const made = delivered((await generate(at, shown.placeId)).value);
    const result = await insert(at, made.image.id, shown.placeId);
    expect(readsSelection(result.record)).toBe(true);
    expect(deckOf(at).slides[2]?.elements.some((e) => e.objectId === 's3-picture')).toBe(false);
    expect(where(at, placed(result.value).objectId).slide).toBe('slide-3');
  });
});

describe('Generate and the document as the sidebar’s reading found it', () => {
  const STYLE = (brief: string) => ({ brief, palette: ['#0e6e6e'], references: [], on: true });
  /** A Generate as the sidebar sends it: with the place shown and the total it carries. */
  const generateShown = (at: Open, placeId: string | undefined, carried: number | null = 0) =>
    generate(at, placeId, carried ?? undefined);
  const documentReads = (at: Open) =>
    at.runtime.world.properties.document((at.runtime.world.document as DeckState).id).counts.reads;
  /** The style's brief as the last request to Gemini carried it, if it did. */
  const sentBrief = (at: Open, brief: string) => JSON.stringify(at.emulator.requests.at(-1)?.body).includes(brief);

  it('draws with the deck’s style the reading kept, without reading the document store again', async () => {
    const at = await open(demoDeck());
    await call(at, 'saveDeckStyle', { style: STYLE('Flat paper cut-outs'), seen: null });
    select(at, 'slide-story-1');
    const shown = await call<Target>(at, 'getTarget');
    const reads = documentReads(at);
    const made = await generateShown(at, shown.placeId);
    delivered(made.value);
    expect(documentReads(at)).toBe(reads);
    expect(sentBrief(at, 'Flat paper cut-outs')).toBe(true);
    // The cost entry is written all the same.
    const store = at.runtime.world.properties.document((at.runtime.world.document as DeckState).id).snapshot();
    expect(Object.keys(store).filter((key) => key.startsWith(COST_ENTRY_PREFIX))).toHaveLength(1);
  });

  it('the person’s own new style is drawn with at once: saving it forgets the reading', async () => {
    const at = await open(demoDeck());
    await call(at, 'saveDeckStyle', { style: STYLE('Flat paper cut-outs'), seen: null });
    select(at, 'slide-story-1');
    const shown = await call<Target>(at, 'getTarget');
    const view = await call<{ version: string }>(at, 'getDeckStyle');
    await call(at, 'saveDeckStyle', { style: STYLE('Charcoal sketches'), seen: view.version });
    const reads = documentReads(at);
    delivered((await generateShown(at, shown.placeId)).value);
    expect(documentReads(at)).toBeGreaterThan(reads);
    expect(sentBrief(at, 'Charcoal sketches')).toBe(true);
  });

  it('a collaborator’s new style shows from the next reading; until then the one the person was shown', async () => {
    const at = await open(demoDeck());
    await call(at, 'saveDeckStyle', { style: STYLE('Flat paper cut-outs'), seen: null });
    select(at, 'slide-story-1');
    const shown = await call<Target>(at, 'getTarget');
    const theirs = at.runtime.world.properties.document((at.runtime.world.document as DeckState).id);
    const [key, value] = Object.entries(theirs.snapshot()).find(([, v]) => v.includes('Flat paper cut-outs')) ?? [];
    if (!key || !value) throw new Error('no stored style');
    theirs.setProperty(key, value.replace('Flat paper cut-outs', 'Charcoal sketches'));
    delivered((await generateShown(at, shown.placeId)).value);
    expect(sentBrief(at, 'Flat paper cut-outs')).toBe(true);
    const again = await call<Target>(at, 'getTarget');
    expect(again.placeId).not.toBe(shown.placeId);
    delivered((await generateShown(at, again.placeId)).value);
    expect(sentBrief(at, 'Charcoal sketches')).toBe(true);
  });

  it('without the total the sidebar carries, Generate reads the store for it', async () => {
    const at = await open(demoDeck());
    select(at, 'slide-story-1');
    const shown = await call<Target>(at, 'getTarget');
    const reads = documentReads(at);
    const made = delivered((await generateShown(at, shown.placeId, null)).value);
    expect(documentReads(at)).toBeGreaterThan(reads);
    expect(made.documentCostUsd).toBeGreaterThan(0);
  });
});

describe('the organization’s policy, read with the place', () => {
  it('a size it forbids is refused before anything is sent, from the same cache read as the place', async () => {
    const at = await open(demoDeck());
    at.runtime.world.properties.script.setProperty('PEEL_POLICY_MAX_SIZE', '512');
    select(at, 'slide-3');
    const shown = await call<Target>(at, 'getTarget');
    // The first time, the rules are not in the user's cache yet: the script store is read, and they are kept.
    const first = await generate(at, shown.placeId);
    expect(first.value).toMatchObject({ ok: false, error: { code: 'POLICY' } });
    expect(first.record.platform.byMethod['PropertiesService.getScriptProperties']?.calls).toBe(1);
    // The administrator lifts the rule; within the rules' 10 minutes in the cache, the kept rules still hold,
    // read in the one getAll that found the place: no other cache read, no store read.
    at.runtime.world.properties.script.deleteProperty('PEEL_POLICY_MAX_SIZE');
    const again = await generate(at, shown.placeId);
    expect(again.value).toMatchObject({ ok: false, error: { code: 'POLICY' } });
    expect(again.record.platform.byMethod['CacheService.getAll']?.calls).toBe(1);
    expect(again.record.platform.byMethod['CacheService.get']).toBeUndefined();
    expect(again.record.platform.byMethod['PropertiesService.getScriptProperties']).toBeUndefined();
    expect(again.record.serviceCalls.SlidesApp).toBeUndefined();
    expect(at.emulator.requests).toHaveLength(0);
  });
});

describe('Generate and the place the person was shown, in Docs', () => {
  it('a kept reading: no DocumentApp call; without it the cursor is read again', async () => {
    const at = await open(oneParagraphDoc('doc-shown', 'The harbour at night'));
    const shown = await call<Target>(at, 'getTarget');
    expect(shown).toMatchObject({ host: 'docs', kind: 'cursor' });
    const trusted = await generate(at, shown.placeId);
    expect(trusted.record.serviceCalls.DocumentApp).toBeUndefined();
    expect(trusted.record.serviceCalls.SlidesApp).toBeUndefined();
    expect(delivered(trusted.value).target).toEqual(shown);
    const read = await generate(at, null);
    expect(read.record.serviceCalls.DocumentApp).toBeGreaterThan(0);
    // The same place either way, so the same ratio.
    expect(new Set(sentRatios(at)).size).toBe(1);
  });
});
