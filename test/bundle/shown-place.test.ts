/**
 * Generate trusts the place the person was shown, through the real bundle (dist/Code.js in the local runtime,
 * against the emulator): getTarget's answer names its reading (Target.placeId), and a Generate that sends that id
 * back finds the place in the user's cache without asking Slides or Docs anything, draws at its ratio, and refuses
 * where it takes no image before anything is sent. An id the server no longer keeps (another tab's reading since,
 * expired, never issued) makes Generate read the selection as before; Insert always reads it itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { type Runtime, World } from '../../dev/runtime/index';
import type { DeckState, HostDocument } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
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

const generate = (at: Open, placeId: string | null | undefined) =>
  run<ImageDelivered>(at, 'generateImage', {
    prompt: 'A lighthouse at dusk',
    model: DEFAULT_MODEL_ID,
    aspectRatio: '1:1',
    imageSize: '1K',
    selection: 'fit',
    ...(placeId !== undefined ? { placeId } : {}),
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
