import { describe, expect, it, vi } from 'vitest';
import { CacheStore, FakeCache, FakeCacheService, MAX_ITEMS } from '../../dev/runtime/services/cache';
import { describeError, PeelError } from '../../src/core/errors';
import { PROPOSAL_SECONDS } from '../../src/core/jobs';
import { discard } from '../../src/server/flows/generate';
import {
  CHUNK_CHARS,
  HANDLE_SLOTS,
  ImageStash,
  keptFor,
  newImageId,
  openStash,
  ringSlots,
  STASH_EXPIRY_SECONDS,
} from '../../src/server/platform/stash';
import {
  REFERENCE_EXPIRY_SECONDS,
  referenceExpired,
  referenceImages,
  referenceStash,
} from '../../src/server/spine/references';
import { MAX_DISCARD_IDS } from '../../src/shared/requests';
import { InProcessLock } from './fake-lock';

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

describe('reference pictures have their own share of the user cache', () => {
  /** A user cache, its user lock, and the stash references use; `calls` in order, the lock's among them. */
  function ring() {
    const store = new CacheStore();
    const scope = store.scope('user:ada@example.com');
    const cache = new FakeCache(store, scope) as unknown as GoogleAppsScript.Cache.Cache;
    const lock = new InProcessLock();
    const stash = new ImageStash(cache, 6 * 3600, referenceExpired, () => lock);
    const previews = new ImageStash(cache);
    return { scope, lock, stash, previews };
  }
  /** A picture of `chunks` cache values, every character `mark`, so a mix of two pictures shows. */
  const picture = (chunks: number, mark: string) => ({
    mimeType: 'image/png',
    base64: mark.repeat(chunks * CHUNK_CHARS - 7),
    pixelWidth: 8,
    pixelHeight: 8,
  });
  const refKeys = (scope: Map<string, unknown>) => [...scope.keys()].filter((k) => k.startsWith('peel.ref.'));

  it('take the next slots of a ring, overwriting the oldest handles first; a taken picture keeps its source', () => {
    const { stash, lock } = ring();
    const a = stash.keep(picture(90, 'a'), 's:pic1');
    expect(a.id).toMatch(/^[a-z0-9]{20}\.90\.r0$/);
    expect(lock.log).toEqual(['lock', 'release']);
    const b = stash.keep(picture(200, 'b'));
    expect(b.id).toMatch(/\.200\.r91$/);
    expect(stash.getKept(a.id)).toEqual({ image: a, src: 's:pic1' });
    expect(stash.getKept(b.id)).toEqual({ image: b, src: null });
    // 91 + 201 = 292 slots used; the next 150 wrap to slot 0 and overwrite a, not b.
    const c = stash.keep(picture(149, 'c'));
    expect(c.id).toMatch(/\.149\.r292$/);
    expect(stash.getKept(a.id).image).toBeNull();
    expect(codeOf(() => stash.get(a.id))).toBe('REFERENCE_EXPIRED');
    expect(stash.get(b.id)).toEqual(b);
    expect(stash.get(c.id)).toEqual(c);
    expect(ringSlots(c.id)).toBe(150);
    expect(ringSlots('abcdefghijkl.3')).toBe(0);
  });

  it('never take more than their share, and never evict a preview or a proposal (seeded)', () => {
    const seed = Number(process.env.PEEL_SEED ?? Date.now() % 100_000);
    console.log(`reference ring: seed ${seed} (PEEL_SEED=${seed} replays it)`);
    let x = seed || 1;
    const random = () => {
      x = (x * 48271) % 2147483647;
      return x / 2147483647;
    };
    const { scope, stash, previews } = ring();
    // Paid work: a preview and a job's proposals, 180 items in all, put first (the oldest in the cache).
    const paid = [30, 60, 87].map((chunks, i) => {
      const base64 = 'p'.repeat(chunks * CHUNK_CHARS - i);
      return { id: newImageId(base64.length), mimeType: 'image/png', base64, pixelWidth: 2, pixelHeight: 2 };
    });
    previews.put(paid, {}, 6 * 3600);
    const kept: { id: string; mark: string }[] = [];
    /** Each chunk's first character: a picture mixed from two handles would show another mark. */
    const marks = (base64: string) =>
      new Set(Array.from({ length: Math.ceil(base64.length / CHUNK_CHARS) }, (_, i) => base64[i * CHUNK_CHARS]));
    for (let n = 0; n < 30; n++) {
      const mark = String.fromCharCode(97 + (n % 26));
      if (random() < 0.1) scope.delete('peel.ref.next'); // the cache lets the ring's start go
      kept.push({ id: stash.keep(picture(1 + Math.floor(random() * 94), mark)).id, mark });
      expect(refKeys(scope).length).toBeLessThanOrEqual(HANDLE_SLOTS + 1);
      expect([...marks(stash.get(kept[n]?.id ?? '').base64)]).toEqual([mark]);
    }
    // Whatever is still readable is exactly what was kept there, never a mix; the newest always is.
    for (const { id, mark } of kept) {
      const image = stash.getKept(id).image;
      if (image) expect([...marks(image.base64)], id).toEqual([mark]);
    }
    for (const image of paid) expect(previews.get(image.id)).toEqual(image);
  });

  it('wait for another execution of the same user, and write anyway if it seems stuck', () => {
    const { stash, lock } = ring();
    lock.heldElsewhere = true;
    const a = stash.keep(picture(1, 'a'));
    expect(lock.log).toEqual([]);
    expect(lock.maxWaitMs).toBeGreaterThan(0);
    expect(stash.get(a.id)).toEqual(a);
  });

  it('refuse a picture larger than their whole share, and are left alone by discard', () => {
    const { stash, scope } = ring();
    expect(codeOf(() => stash.keep(picture(HANDLE_SLOTS, 'z')))).toBe('BAD_INPUT');
    expect(refKeys(scope)).toEqual([]);
    const a = stash.keep(picture(2, 'a'));
    stash.discard([a.id]);
    expect(stash.get(a.id)).toEqual(a);
    expect(codeOf(() => stash.get('abcdefghijkl.3.r400'))).toBe('BAD_INPUT');
    expect(codeOf(() => stash.get('abcdefghijkl.400.r0'))).toBe('BAD_INPUT');
  });
});

describe('whether images are still held', () => {
  it('reads each one’s first and last pieces and its record in one getAll; an id Peel never issued is not held', () => {
    const { stash, store, calls } = counting();
    const images = [CHUNK_CHARS * 3, 10].map((length) => {
      const base64 = data(length);
      return { id: newImageId(base64.length), mimeType: 'image/png', base64, pixelWidth: 1, pixelHeight: 1 };
    });
    const [big, small] = images;
    stash.put(images, { [`memo.${small?.id}`]: '{}' });
    calls.length = 0;
    const memo = (id: string) => [`memo.${id}`];
    expect(stash.held([big?.id ?? '', small?.id ?? ''])).toEqual([true, true]);
    expect(stash.held([big?.id ?? '', small?.id ?? ''], memo)).toEqual([false, true]);
    expect(calls).toEqual(['getAll', 'getAll']);
    store.scope('document:test').delete(`peel.img.${big?.id}.2`);
    expect(stash.held([big?.id ?? '', 'junk'])).toEqual([false, false]);
  });
});
