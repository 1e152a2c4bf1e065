import { describe, expect, it, vi } from 'vitest';
import { CacheStore, FakeCache, FakeCacheService, MAX_ITEMS } from '../../dev/runtime/services/cache';
import { describeError, PeelError } from '../../src/core/errors';
import { PROPOSAL_SECONDS } from '../../src/core/jobs';
import { discard } from '../../src/server/flows/generate';
import {
  CHUNK_CHARS,
  ImageStash,
  keptFor,
  newImageId,
  openStash,
  STASH_EXPIRY_SECONDS,
} from '../../src/server/platform/stash';
import { REFERENCE_EXPIRY_SECONDS, referenceImages, referenceStash } from '../../src/server/spine/references';
import { MAX_DISCARD_IDS } from '../../src/shared/requests';

function counting() {
  const store = new CacheStore();
  const cache = new FakeCache(store, store.scope('document:test'));
  const calls: string[] = [];
  const port = new Proxy(cache, {
    get(target, key) {
      const member = Reflect.get(target, key);
      return typeof member === 'function'
        ? (...args: unknown[]) => {
            calls.push(String(key));
            return member.apply(target, args);
          }
        : member;
    },
  });
  return { store, calls, stash: new ImageStash(port as unknown as GoogleAppsScript.Cache.Cache) };
}

/** Base64-looking text of a given length, different at every position. */
function data(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Array.from({ length }, (_, i) => alphabet.charAt((i * 7 + (i >> 6)) % 64)).join('');
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PeelError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('ImageStash', () => {
  it('keeps images larger than a cache value in chunks: one putAll to write, one getAll to read', () => {
    const { stash, calls } = counting();
    const big = data(CHUNK_CHARS * 2 + 123);
    const small = data(40);
    const images = [
      { id: newImageId(big.length), mimeType: 'image/png', base64: big, pixelWidth: 2048, pixelHeight: 1152 },
      { id: newImageId(small.length), mimeType: 'image/jpeg', base64: small, pixelWidth: 4, pixelHeight: 3 },
    ];
    expect(images[0]?.id).toMatch(/^[a-z0-9]{20}\.3$/);
    stash.put(images);
    expect(calls).toEqual(['putAll']);
    expect(stash.get(images[0]?.id ?? '')).toEqual(images[0]);
    expect(stash.get(images[1]?.id ?? '')).toEqual(images[1]);
    expect(calls).toEqual(['putAll', 'getAll', 'getAll']);
  });

  it('a missing chunk or header, or expiry, is PREVIEW_EXPIRED, never a corrupt image', () => {
    const { stash, store } = counting();
    const base64 = data(CHUNK_CHARS + 5);
    const id = newImageId(base64.length);
    stash.put([{ id, mimeType: 'image/png', base64, pixelWidth: 1, pixelHeight: 1 }]);
    store.scope('document:test').delete(`peel.img.${id}.1`);
    expect(codeOf(() => stash.get(id))).toBe('PREVIEW_EXPIRED');

    const later = new CacheStore(() => Date.now() + (STASH_EXPIRY_SECONDS + 1) * 1000);
    const writer = new ImageStash(new FakeCache(store, store.scope('x')) as unknown as GoogleAppsScript.Cache.Cache);
    writer.put([{ id, mimeType: 'image/png', base64, pixelWidth: 1, pixelHeight: 1 }]);
    const reader = new ImageStash(new FakeCache(later, store.scope('x')) as unknown as GoogleAppsScript.Cache.Cache);
    expect(codeOf(() => reader.get(id))).toBe('PREVIEW_EXPIRED');
  });

  it('refuses ids Peel never issued, and discards with one removeAll', () => {
    const { stash, calls } = counting();
    expect(codeOf(() => stash.get('../../etc'))).toBe('BAD_INPUT');
    expect(codeOf(() => stash.get('abcdefghijkl.9999'))).toBe('BAD_INPUT');
    const base64 = data(10);
    const id = newImageId(base64.length);
    stash.put([{ id, mimeType: 'image/png', base64, pixelWidth: 1, pixelHeight: 1 }]);
    calls.length = 0;
    stash.discard([id, 'junk', id]);
    expect(calls).toEqual(['removeAll']);
    expect(codeOf(() => stash.get(id))).toBe('PREVIEW_EXPIRED');
    calls.length = 0;
    stash.discard(['junk']);
    expect(calls).toEqual([]);
  });
});

describe('previews belong to their user', () => {
  const store = new CacheStore();
  /** Stands for `user`'s execution in the shared document `doc`: CacheService as Apps Script scopes it. */
  function as(user: string): ImageStash {
    vi.stubGlobal('CacheService', new FakeCacheService({ store, documentId: 'doc', user, authMode: 'FULL' }));
    return openStash();
  }
  function image(n: number) {
    const base64 = data(40 + n);
    return { id: newImageId(base64.length), mimeType: 'image/png', base64, pixelWidth: 4, pixelHeight: 3 };
  }

  it('another user’s generates in the same document never evict them', () => {
    const mine = image(0);
    as('ada@example.com').put([mine]);
    const busy = as('bob@example.com');
    for (let n = 1; n <= MAX_ITEMS; n++) busy.put([image(n)]);
    expect(as('ada@example.com').get(mine.id)).toEqual(mine);
  });

  it('nobody else can insert or discard them, even knowing the id', () => {
    const mine = image(1);
    as('ada@example.com').put([mine]);
    expect(codeOf(() => as('bob@example.com').get(mine.id))).toBe('PREVIEW_EXPIRED');
    as('bob@example.com').discard([mine.id]);
    expect(as('ada@example.com').get(mine.id)).toEqual(mine);
    as('ada@example.com').discard([mine.id]);
    expect(codeOf(() => as('ada@example.com').get(mine.id))).toBe('PREVIEW_EXPIRED');
  });

  it('discard is bounded: more ids than one Generate makes, or a non-id, is refused and removes nothing', () => {
    const stash = as('ada@example.com');
    const images = Array.from({ length: MAX_DISCARD_IDS + 1 }, (_, n) => image(n + 10));
    stash.put(images);
    const ids = images.map((i) => i.id);
    expect(codeOf(() => discard(ids))).toBe('BAD_INPUT');
    for (const one of images) expect(stash.get(one.id)).toEqual(one);
    expect(discard(ids.slice(0, MAX_DISCARD_IDS))).toBeNull();
    expect(codeOf(() => stash.get(ids[0] ?? ''))).toBe('PREVIEW_EXPIRED');
    expect(stash.get(ids[MAX_DISCARD_IDS] ?? '')).toEqual(images[MAX_DISCARD_IDS]);
  });
});

describe('what an expired image’s sentence says', () => {
  /** A user's cache on a clock the test moves, as Apps Script scopes it. */
  function clocked() {
    let now = 1_000_000;
    const store = new CacheStore(() => now);
    vi.stubGlobal(
      'CacheService',
      new FakeCacheService({ store, documentId: 'doc', user: 'ada@example.com', authMode: 'FULL' }),
    );
    return { advance: (seconds: number) => (now += seconds * 1000) };
  }
  const durations = (text: string) => text.match(/\d+ (?:minute|hour)s?/g) ?? [];
  function sentence(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      const { message, action, detail } = describeError(error);
      return `${message} ${detail ?? ''} ${action}`;
    }
    return 'no error';
  }

  it('a reference is kept as long as its sentence says, and the sentence names that lifetime only', () => {
    const clock = clocked();
    const base64 = data(64);
    const image = { id: newImageId(base64.length), mimeType: 'image/png', base64, pixelWidth: 4, pixelHeight: 4 };
    referenceStash().put([image]);
    clock.advance(REFERENCE_EXPIRY_SECONDS - 60);
    expect(referenceStash().getMany([image.id]).images[0]).toEqual(image);
    clock.advance(120);
    const said = sentence(() => referenceImages([{ kind: 'handle', id: image.id, role: 'subject' }]));
    expect(said).toMatch(/^A reference image is no longer kept/);
    expect(keptFor(REFERENCE_EXPIRY_SECONDS)).toBe('6 hours');
    expect(durations(said)).toEqual([keptFor(REFERENCE_EXPIRY_SECONDS)]);
  });

  it('a preview’s sentence names the preview’s lifetime and a job proposal’s, as they are kept', () => {
    const clock = clocked();
    const base64 = data(64);
    const preview = { id: newImageId(base64.length), mimeType: 'image/png', base64, pixelWidth: 4, pixelHeight: 4 };
    const proposal = { ...preview, id: newImageId(base64.length) };
    openStash().put([preview]);
    openStash().put([proposal], {}, PROPOSAL_SECONDS);
    clock.advance(STASH_EXPIRY_SECONDS + 1);
    expect(openStash().get(proposal.id)).toEqual(proposal);
    const said = sentence(() => openStash().get(preview.id));
    expect(durations(said)).toEqual([keptFor(STASH_EXPIRY_SECONDS), keptFor(PROPOSAL_SECONDS)]);
    expect(durations(said)).toEqual(['30 minutes', '6 hours']);
    clock.advance(PROPOSAL_SECONDS);
    expect(codeOf(() => openStash().get(proposal.id))).toBe('PREVIEW_EXPIRED');
  });
});
