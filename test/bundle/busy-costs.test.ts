/**
 * Money and memory while a collaborator holds the document lock past Peel's wait: the real bundle in the local
 * runtime, the lock held from outside (as another execution would hold it). A cost entry and a new picture's
 * thread are keys of their own and go in without the lock; where they need it (a store at its bound, which only a
 * locked write can make room in), every billed image is still recorded exactly once after the lock frees, and an
 * insert happens with its thread or not at all. A deck job's proposal keeps its spend.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import { demoDeck } from '../../dev/runtime/seed';
import { THREAD_KEY_PREFIX } from '../../src/core/conversation/thread';
import { DEFAULT_MODEL_ID, modelSpec } from '../../src/core/gemini/catalog';
import { COST_ENTRY_PREFIX, costEntryKey } from '../../src/server/spine/costs';
import { OWED_PROPERTY } from '../../src/server/spine/settings';
import type { ImageCallOutcome, JobView, Result } from '../../src/shared/rpc';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const KEY = 'AIzaSyBusyLockKey0123456789abcdefghijkl';
const USER = 'ada@example.com';
const REQUEST = { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };

let emulator: Emulator;
let runtime: Runtime;
let world: World;
let documentId: string;

beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 0 });
  world = new World({ document: demoDeck() });
  documentId = world.document?.id ?? '';
  runtime = new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url) });
  expect((await runtime.run('saveApiKey', [KEY], { trigger: 'script.run', user: USER })).value).toMatchObject({
    ok: true,
  });
});

afterAll(async () => {
  await runtime?.close();
  await emulator?.close();
});

const call = async <T>(name: string, args: unknown[]) =>
  (await runtime.run(name, args, { trigger: 'script.run', user: USER })).value as Result<T>;
const entries = () =>
  Object.entries(world.properties.document(documentId).snapshot()).filter(([key]) => key.startsWith(COST_ENTRY_PREFIX));
const threads = () =>
  Object.keys(world.properties.document(documentId).snapshot()).filter((key) => key.startsWith(THREAD_KEY_PREFIX));

const documentStore = () => world.properties.document(documentId);
/** Peel's store filled past its bound with threads nobody has touched: only a locked write can make room. */
const FILLER = Object.fromEntries(
  Array.from({ length: 33 }, (_, i) => [`${THREAD_KEY_PREFIX}filler${i}`, 'x'.repeat(8 * 1024)]),
);
const clearFiller = () => {
  for (const key of Object.keys(FILLER)) documentStore().deleteProperty(key);
};
async function holdingTheLock<T>(work: () => Promise<T>): Promise<T> {
  const lockKey = `document:${documentId}`;
  expect(await world.locks.acquire(lockKey, 'a-collaborator', 0)).toBe(true);
  try {
    return await work();
  } finally {
    world.locks.release(lockKey, 'a-collaborator');
  }
}
const elements = () => (world.document as ReturnType<typeof demoDeck>).slides.flatMap((s) => s.elements).length;

it('the lock held past Peel’s wait: a cost entry and a new picture with its thread go in without waiting', async () => {
  const price = modelSpec(DEFAULT_MODEL_ID).pricePerImageUsd['1K'] ?? Number.NaN;
  const before = entries().length;
  const threadsBefore = threads().length;
  const count = elements();
  const { made, placed } = await holdingTheLock(async () => {
    const made = await call<ImageCallOutcome>('generateImage', [REQUEST]);
    if (!made.ok || made.value.kind !== 'image') throw new Error('no image');
    const placed = await call<{ threadId: string | null }>('insertImage', [
      { imageId: made.value.image.id, mode: 'insert' },
    ]);
    return { made: made.value, placed };
  });
  expect(made.warnings.join(' ')).not.toMatch(/waits in your own/);
  expect(entries().length).toBe(before + 1);
  expect(entries().at(-1)?.[1]).toBe(String(price));
  expect(world.properties.user(USER).snapshot()[OWED_PROPERTY]).toBeUndefined();
  expect(placed.ok).toBe(true);
  expect(elements()).toBe(count + 1);
  expect(threads()).toHaveLength(threadsBefore + 1);
  if (placed.ok) expect(placed.value.threadId).not.toBeNull();
});

it('a store at its bound while the lock is held: the cost waits in the user’s store and goes with the next image', async () => {
  documentStore().setProperties(FILLER);
  try {
    const price = modelSpec(DEFAULT_MODEL_ID).pricePerImageUsd['1K'] ?? Number.NaN;
    const before = entries().length;
    const busy = await holdingTheLock(() => call<ImageCallOutcome>('generateImage', [REQUEST]));
    // Billed and delivered; the entry waits in the user's own store, not lost.
    if (!busy.ok || busy.value.kind !== 'image') throw new Error('no image');
    expect(entries()).toHaveLength(before);
    const owed = world.properties.user(USER).snapshot()[OWED_PROPERTY] ?? '';
    const bill = costEntryKey(busy.value.image.id.split('.')[0] ?? '');
    expect(JSON.parse(owed)).toEqual({ [documentId]: { [bill]: String(price) } });
    expect(busy.value.warnings.join(' ')).toMatch(/waits in your own/);

    // The next image in this document writes both (making room), and the user's store lets the owed entry go.
    const next = await call<ImageCallOutcome>('generateImage', [REQUEST]);
    expect(next.ok).toBe(true);
    expect(entries()).toHaveLength(before + 2);
    expect(world.properties.user(USER).snapshot()[OWED_PROPERTY]).toBeUndefined();
    // Exactly once: each entry is keyed by its image.
    const billed = [busy, next].map((r) => (r.ok && r.value.kind === 'image' ? r.value.image.id.split('.')[0] : ''));
    const keys = entries().map(([key]) => key.slice(COST_ENTRY_PREFIX.length).split('.')[0]);
    for (const id of billed) expect(keys.filter((k) => k === id)).toHaveLength(1);

    // A German editor hears the same warning in German: the language is read only because one is said.
    world.locales.set(USER, 'de');
    documentStore().setProperties(FILLER);
    try {
      const german = await holdingTheLock(() => call<ImageCallOutcome>('generateImage', [REQUEST]));
      if (!german.ok || german.value.kind !== 'image') throw new Error('no image');
      expect(german.value.warnings).toContain(
        'Das Dokument war beschäftigt; diese Kosten warten daher in Ihren eigenen Einstellungen und kommen mit Ihrem nächsten Bild hier zur Summe des Dokuments.',
      );
    } finally {
      world.locales.delete(USER);
    }
  } finally {
    clearFiller();
  }
});

it('a store near its bound while the lock is held: an insert places nothing (the preview is kept); after, it places with its thread', async () => {
  documentStore().setProperties(FILLER);
  try {
    // Made while the store is near its bound, so its thread needs the locked write that can make room.
    const made = await call<ImageCallOutcome>('generateImage', [REQUEST]);
    if (!made.ok || made.value.kind !== 'image') throw new Error('no image');
    const id = made.value.image.id;
    const before = threads().length;
    // Making room for the cost entry may already have pruned some of the filler: our threads are counted apart.
    const ours = () => threads().filter((key) => !key.includes('filler'));
    const oursBefore = ours().length;
    const count = elements();
    const refused = await holdingTheLock(() => call('insertImage', [{ imageId: id, mode: 'insert' }]));
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(elements()).toBe(count);
    expect(threads()).toHaveLength(before);

    const placed = await call<{ threadId: string | null }>('insertImage', [{ imageId: id, mode: 'insert' }]);
    expect(placed.ok).toBe(true);
    expect(elements()).toBe(count + 1);
    if (placed.ok) expect(placed.value.threadId).not.toBeNull();
    expect(ours().length).toBe(oursBefore + 1);
  } finally {
    clearFiller();
  }
});

it('a deck job item drawn while a collaborator holds the lock 25 s: its proposal, its spend and its cost all recorded', async () => {
  const price = modelSpec(DEFAULT_MODEL_ID).pricePerImageUsd['1K'] ?? Number.NaN;
  const deck = world.document as ReturnType<typeof demoDeck>;
  const slide = deck.slides[1]?.objectId ?? '';
  const job = await call<JobView>('startDeckJob', [
    {
      kind: 'illustrate',
      model: DEFAULT_MODEL_ID,
      imageSize: '1K',
      capUsd: 1,
      items: [{ key: slide, prompt: 'A harbour at dusk', aspectRatio: '16:9' }],
    },
  ]);
  if (!job.ok) throw new Error(job.error.message);
  const entriesBefore = entries().length;
  const itemState = () => {
    const raw = world.properties.document(documentId).snapshot()[`peel.job.${job.value.id}.0`];
    return raw ? (JSON.parse(raw) as { st: string; sp?: number; img?: string }) : null;
  };
  // The answer takes 3 s; once the item is marked 'working', a collaborator takes the lock for 25 s.
  emulator.inject({ kind: 'slow', delayMs: 3000, times: 1 });
  const lockKey = `document:${documentId}`;
  const running = call<ImageCallOutcome>('runJobItem', [{ jobId: job.value.id, index: 0 }]);
  while (itemState()?.st !== 'working') await new Promise((r) => setTimeout(r, 20));
  // 'working' is written under Peel's own hold of the lock, which it lets go a moment later: the collaborator waits
  // for it (well inside the answer's 3 s), as another execution's tryLock would.
  expect(await world.locks.acquire(lockKey, 'a-collaborator', 1500)).toBe(true);
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      world.locks.release(lockKey, 'a-collaborator');
      resolve();
    }, 25_000),
  );
  const drawn = await running;
  await released;
  expect(drawn.ok && drawn.value.kind === 'image').toBe(true);
  // The proposal waited for the lock: recorded, with what it cost; and the cost entry went with that write.
  expect(itemState()).toMatchObject({ st: 'proposed', sp: price });
  expect(entries().length).toBe(entriesBefore + 1);
  expect(world.properties.user(USER).snapshot()[OWED_PROPERTY]).toBeUndefined();
  const reread = await call<JobView>('getDeckJob', []);
  if (reread.ok) expect(reread.value.spentUsd).toBe(price);
  await call('cancelDeckJob', [job.value.id]);
}, 60_000);
