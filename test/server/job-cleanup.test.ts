/**
 * How a finished or cancelled deck job leaves the document's store: its header under the document lock (one
 * deleteProperty, and the job is over for everyone), its items after the lock is released. A job item racing
 * that cleanup is refused with its sentence and writes nothing; items a dead execution left without their header
 * are garbage, never a job, counted in the store until a job start (or a write that needs their room) deletes them.
 */
import { describe, expect, it } from 'vitest';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { headerKey, itemKey, JOB_PREFIX, orphanedItemKeys } from '../../src/core/jobs';
import { SHARES, usage } from '../../src/core/store-budget';
import {
  cancelDeckJob,
  getDeckJob,
  planDeckJob,
  reviewJobItem,
  runJobItem,
  startDeckJob,
} from '../../src/server/rpc/api';
import type { JobView, Result } from '../../src/shared/rpc';
import { type Harness, imageReply, installServices, pngBase64, value } from './harness';

const GONE = 'This job is over or was cancelled. Plan a new one.';
const QUOTA = 'Service invoked too many times for one day: properties.';

interface Delete {
  readonly key: string;
  readonly locked: boolean;
}

/** The demo deck, its document properties' deletes recorded with whether the document lock was held for each. */
function deck(documentProperties?: Record<string, string>): { h: Harness; deletes: Delete[] } {
  const h = installServices(demoDeck(), documentProperties ? { documentProperties } : {});
  h.respondWith(imageReply(pngBase64(160, 120), 'A field team at work.'));
  const deletes: Delete[] = [];
  const store = h.properties.document;
  const remove = store.deleteProperty.bind(store);
  store.deleteProperty = (key: string) => {
    deletes.push({ key, locked: h.locks.lock.held });
    return remove(key);
  };
  return { h, deletes };
}

/** A job of `count` items, every one on the first slide the plan can illustrate, each with its own prompt. */
function start(count: number, promptOf = (planned: string, i: number) => `${planned} (picture ${i + 1})`): JobView {
  const plan = value(planDeckJob({ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }));
  const first = plan.items.find((i) => i.chosen && !i.label.includes('no room'));
  if (!first) throw new Error('The demo deck changed: a slide with text and room is needed');
  return value(
    startDeckJob({
      kind: 'illustrate',
      model: DEFAULT_MODEL_ID,
      imageSize: '1K',
      capUsd: 1_000,
      items: Array.from({ length: count }, (_, i) => ({
        key: first.key,
        prompt: promptOf(first.prompt, i),
        aspectRatio: first.aspectRatio,
      })),
    }),
  );
}

const jobKeysIn = (h: Harness) => Object.keys(h.properties.document.snapshot()).filter((k) => k.startsWith(JOB_PREFIX));
const itemKeys = (job: JobView) => job.items.map((_, i) => itemKey(job.id, i));

function refusal<T>(result: Result<T>): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return `${result.error.code}: ${result.error.detail}`;
}

describe('a finished deck job leaves the store', () => {
  it('cancelled, a 100-item job deletes its header under the lock and its 100 items after', () => {
    const { h, deletes } = deck();
    const job = start(100);
    expect(jobKeysIn(h)).toHaveLength(101);
    const cancelled = value(cancelDeckJob(job.id));
    expect(cancelled.cancelled).toBe(true);
    expect(deletes.filter((d) => d.locked).map((d) => d.key)).toEqual([headerKey(job.id)]);
    expect(deletes.filter((d) => !d.locked).map((d) => d.key)).toEqual(itemKeys(job));
    expect(h.locks.lock.held).toBe(false);
    expect(jobKeysIn(h)).toEqual([]);
  });

  it('finished by its last review, a 100-item job holds the lock for one delete', () => {
    const { h, deletes } = deck();
    const job = start(100);
    for (let index = 0; index < 99; index++) value(reviewJobItem({ jobId: job.id, index, action: 'skip' }));
    expect(deletes).toEqual([]);
    value(reviewJobItem({ jobId: job.id, index: 99, action: 'skip' }));
    expect(deletes.filter((d) => d.locked).map((d) => d.key)).toEqual([headerKey(job.id)]);
    expect(deletes.filter((d) => !d.locked)).toHaveLength(100);
    expect(jobKeysIn(h)).toEqual([]);
    expect(value(getDeckJob())).toBeNull();
  });
});

describe('a job item racing the cleanup', () => {
  it('is refused with its sentence, sends nothing and writes nothing, while the items are being deleted', () => {
    const { h, deletes } = deck();
    const job = start(100);
    // Item 60 drawn and proposed, so an Accept of it has something to place.
    expect(value(runJobItem({ jobId: job.id, index: 60 })).kind).toBe('image');
    const store = h.properties.document;
    const heard: string[] = [];
    let raced = false;
    const sweep = store.deleteProperty.bind(store);
    store.deleteProperty = (key: string) => {
      // Between the cleanup's first and second unlocked delete: the header is gone, most items are still there.
      if (!h.locks.lock.held && !raced && deletes.some((d) => !d.locked)) {
        raced = true;
        const before = JSON.stringify(store.snapshot());
        const sent = h.requests.length;
        const pictures = h.snapshot();
        heard.push(
          refusal(runJobItem({ jobId: job.id, index: 50 })),
          refusal(reviewJobItem({ jobId: job.id, index: 60, action: 'accept' })),
          refusal(reviewJobItem({ jobId: job.id, index: 70, action: 'skip' })),
          refusal(reviewJobItem({ jobId: job.id, index: 80, action: 'prompt', prompt: 'A barn instead' })),
          refusal(cancelDeckJob(job.id)),
        );
        expect(JSON.stringify(store.snapshot())).toBe(before);
        expect(h.requests.length).toBe(sent);
        expect(h.snapshot()).toBe(pictures);
        expect(value(getDeckJob())).toBeNull();
      }
      return sweep(key);
    };
    value(cancelDeckJob(job.id));
    expect(raced).toBe(true);
    expect(heard).toEqual(Array(5).fill(`BAD_INPUT: ${GONE}`));
    expect(jobKeysIn(h)).toEqual([]);
  });

  it('an item whose picture arrives after the job was cancelled is shown, not kept: no key comes back', () => {
    const { h } = deck();
    const job = start(100);
    const reply = imageReply(pngBase64(160, 120), 'A field team at work.');
    // The job is cancelled (another tab) while Gemini draws item 5.
    h.respondWith((request, index) => {
      value(cancelDeckJob(job.id));
      return reply(request, index);
    });
    const outcome = value(runJobItem({ jobId: job.id, index: 5 }));
    if (outcome.kind !== 'image') throw new Error(`expected an image, got ${outcome.kind}`);
    expect(outcome.warnings.join(' ')).toMatch(/cancelled or changed meanwhile/);
    expect(jobKeysIn(h)).toEqual([]);
  });
});

describe('items a dead execution left without their header', () => {
  /** Cancels `job`, its execution dying (the daily quota here) at the first item it deletes after the lock. */
  function cancelDying(h: Harness, job: JobView): void {
    const store = h.properties.document;
    const remove = store.deleteProperty.bind(store);
    store.deleteProperty = (key: string) => {
      if (!h.locks.lock.held) throw new Error(QUOTA);
      return remove(key);
    };
    value(cancelDeckJob(job.id));
    store.deleteProperty = remove;
  }

  it('are never shown as a job, count in the store, and are swept when a job starts, outside the lock', () => {
    const { h, deletes } = deck();
    const job = start(100);
    cancelDying(h, job);
    const left = h.properties.document.snapshot();
    expect(orphanedItemKeys(left).sort()).toEqual(itemKeys(job).sort());
    expect(headerKey(job.id) in left).toBe(false);
    expect(value(getDeckJob())).toBeNull();
    expect(usage(left).jobs).toBeGreaterThan(100 * 200);
    deletes.length = 0;
    const next = start(3);
    expect(deletes.filter((d) => d.locked)).toEqual([]);
    expect(deletes.map((d) => d.key).sort()).toEqual(itemKeys(job).sort());
    expect(jobKeysIn(h).sort()).toEqual([headerKey(next.id), ...itemKeys(next)].sort());
    expect(value(getDeckJob())?.id).toBe(next.id);
  });

  it('go under the lock when a new job needs their room, rather than the job being refused', () => {
    // Orphans filling most of the jobs' share: with them the new job would pass it.
    const orphans: Record<string, string> = {};
    for (let i = 0; i < 11; i++)
      orphans[itemKey('deadjob0dead', i)] = JSON.stringify({ k: 'p1', p: 'x'.repeat(8_000) });
    const { h, deletes } = deck(orphans);
    expect(usage(orphans).jobs).toBeLessThan(SHARES.jobs);
    expect(usage(orphans).jobs + 3 * 5_000).toBeGreaterThan(SHARES.jobs);
    const job = start(3, () => 'y'.repeat(5_000));
    expect(
      deletes
        .filter((d) => d.locked)
        .map((d) => d.key)
        .sort(),
    ).toEqual(Object.keys(orphans).sort());
    expect(jobKeysIn(h).sort()).toEqual([headerKey(job.id), ...itemKeys(job)].sort());
  });
});
