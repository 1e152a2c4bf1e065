/**
 * Accepting a deck job's proposal places it once. The Accept claims the proposal under the document lock before
 * placing it: a failure while placing leaves the document byte-identical and the proposal acceptable again; an
 * Accept whose last write was lost (the picture placed, its record not) refuses a second Accept instead of
 * placing the same picture twice.
 */
import { describe, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { planDeckJob, reviewJobItem, runJobItem, startDeckJob } from '../../src/server/rpc/api';
import type { JobView } from '../../src/shared/rpc';
import { type Harness, imageReply, installServices, pngBase64, value } from './harness';

/** The demo deck with one illustrate item drawn and waiting for review. */
function proposed(): { h: Harness; job: JobView } {
  const h = installServices(demoDeck());
  h.respondWith(imageReply(pngBase64(160, 120), 'A field team at work.'));
  const plan = value(planDeckJob({ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }));
  const first = plan.items.find((i) => i.chosen && !i.label.includes('no room'));
  if (!first) throw new Error('The demo deck changed: a slide with text and room is needed');
  const job = value(
    startDeckJob({
      kind: 'illustrate',
      model: DEFAULT_MODEL_ID,
      imageSize: '1K',
      capUsd: 10,
      items: [{ key: first.key, prompt: first.prompt, aspectRatio: first.aspectRatio }],
    }),
  );
  expect(value(runJobItem({ jobId: job.id, index: 0 })).kind).toBe('image');
  return { h, job };
}

const pictures = (h: Harness) =>
  (h.ctx.document as DeckState).slides.flatMap((s) => s.elements).filter((e) => e.kind === 'image').length;

describe('accepting a deck job’s proposal', () => {
  it('a failure while placing changes nothing, and the proposal can be accepted again', () => {
    const { h, job } = proposed();
    const before = h.snapshot();
    const count = pictures(h);
    // The first SlidesApp call of the Accept fails (after the claim, which only touches properties).
    h.failCall(0, ['SlidesApp']);
    const failed = reviewJobItem({ jobId: job.id, index: 0, action: 'accept' });
    expect(failed.ok).toBe(false);
    expect(h.snapshot()).toBe(before);
    h.failCall(Number.POSITIVE_INFINITY, []);
    value(reviewJobItem({ jobId: job.id, index: 0, action: 'accept' }));
    expect(pictures(h)).toBe(count + 1);
  });

  it('when the picture was placed but its record was lost, a second Accept is refused: one picture', () => {
    // A clean Accept lists its property writes: the claim, the new thread's, the accepted record (the finished
    // job's header deleted under the lock, the last write made holding it; its item goes after the lock, and a
    // failure there loses nothing). Each harness installs its own globals, so the clean run comes first.
    const clean = proposed();
    clean.h.failCall(Number.POSITIVE_INFINITY, ['PropertiesService']);
    const locked: number[] = [];
    const store = clean.h.properties.document;
    for (const method of ['setProperties', 'deleteProperty'] as const) {
      const raw = store[method].bind(store) as (...args: unknown[]) => GoogleAppsScript.Properties.Properties;
      Object.assign(store, {
        [method]: (...args: unknown[]) => {
          // The harness logs a call before making it: this one is the log's last.
          if (clean.h.locks.lock.held) locked.push(clean.h.faultLog().length - 1);
          return raw(...args);
        },
      });
    }
    value(reviewJobItem({ jobId: clean.job.id, index: 0, action: 'accept' }));
    const recordCall = locked.at(-1);
    if (recordCall === undefined) throw new Error('No property write in an Accept');
    const { h, job } = proposed();
    const count = pictures(h);
    h.failCall(recordCall, ['PropertiesService']);
    const lost = reviewJobItem({ jobId: job.id, index: 0, action: 'accept' });
    expect(lost.ok).toBe(false);
    expect(pictures(h)).toBe(count + 1);
    h.failCall(Number.POSITIVE_INFINITY, []);
    const again = reviewJobItem({ jobId: job.id, index: 0, action: 'accept' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.detail).toMatch(/being placed already/);
    expect(pictures(h)).toBe(count + 1);
  });
});
