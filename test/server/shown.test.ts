/**
 * The place the sidebar shows, kept for Generate (src/server/spine/shown.ts), against the in-memory services over
 * the demo deck: what is kept of a reading, and that a user cache that fails costs a reading, never a wrong place.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { generateImage, getTarget } from '../../src/server/rpc/api';
import { SHOWN_KEY } from '../../src/server/spine/shown';
import type { ImageDelivered, Result, Target } from '../../src/shared/rpc';
import { type Harness, imageReply, installServices, pngBase64 } from './harness';

let deck: DeckState;
let h: Harness;

beforeEach(() => {
  deck = demoDeck();
  h = installServices(deck);
});

/** What the call answered, after checking it answered one. */
function answer<T>(result: Result<T>): T {
  expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
  return (result as Extract<Result<T>, { ok: true }>).value;
}

/** Generate as the sidebar sends it, fitted to the place, naming the reading the sidebar shows. */
function generate(placeId: string | undefined, documentCostUsd?: number): ImageDelivered {
  h.respondWith(imageReply(pngBase64(160, 90)));
  const request = {
    prompt: 'A lighthouse at dusk',
    model: DEFAULT_MODEL_ID,
    aspectRatio: '1:1',
    imageSize: '1K' as const,
    ...(documentCostUsd !== undefined ? { documentCostUsd } : {}),
  };
  const outcome = answer(generateImage({ ...request, selection: 'fit', ...(placeId ? { placeId } : {}) }));
  if (outcome.kind !== 'image') throw new Error('generateImage asked to wait');
  return outcome;
}

describe('the place the sidebar shows, kept for Generate', () => {
  it('a picture selected: its thread view goes to the sidebar, not into the cache; Generate answers the place', () => {
    deck.selection = { pageId: 'slide-3', elementIds: ['s3-image'], text: null };
    // The sidebar shows no picture's thread yet, so this reading brings the selected picture's.
    const shown = answer(getTarget(null));
    expect(shown.image?.view).toBeDefined();
    const kept = h.cache.scope('user:tester@example.com').get(SHOWN_KEY)?.value ?? '';
    expect(kept.startsWith(`${shown.placeId} `)).toBe(true);
    expect(kept).not.toContain('"view"');
    h.resetCounts();
    const made = generate(shown.placeId);
    expect(h.calls.SlidesApp).toBeUndefined();
    const { view: _view, ...image } = shown.image ?? { ref: '', threadId: null };
    expect(made.target).toEqual<Target>({ ...shown, image });
  });

  it('a user cache that fails when the reading is kept: the Target names no place, and Generate reads the selection', () => {
    deck.selection = { pageId: 'slide-3', elementIds: [], text: null };
    // getUserCache, the layout's getAll with the kept place, then the putAll that keeps them: that one fails.
    h.failCall(2, ['CacheService']);
    const shown = answer(getTarget());
    expect(h.faultLog()).toEqual(['CacheService.getUserCache', 'CacheService.getAll', 'CacheService.putAll']);
    expect(shown.kind).toBe('placeholder');
    expect(shown.placeId).toBeUndefined();
    h.resetCounts();
    const made = generate(shown.placeId);
    expect(h.calls.SlidesApp).toBeGreaterThan(0);
    expect(made.target).toMatchObject({ kind: 'placeholder', ratio: shown.ratio });
  });

  it('a document store that cannot be read then: the place is still shown, and Generate reads the store itself', () => {
    deck.selection = { pageId: 'slide-3', elementIds: [], text: null };
    // getDocumentProperties, then the getProperties that reads the store: that one fails.
    h.failCall(1, ['PropertiesService']);
    const shown = answer(getTarget());
    expect(h.faultLog()).toEqual(['PropertiesService.getDocumentProperties', 'PropertiesService.getProperties']);
    expect(shown).toMatchObject({ kind: 'placeholder', canInsert: true });
    expect(shown.placeId).toBeDefined();
    const documentReads = () => h.properties.document.counts.reads;
    let before = documentReads();
    generate(shown.placeId, 0);
    expect(documentReads() - before).toBe(1);
    // Once the store reads again, the next reading keeps what Generate needs of it, and Generate reads none.
    const again = answer(getTarget());
    before = documentReads();
    generate(again.placeId, 0);
    expect(documentReads() - before).toBe(0);
  });
});
