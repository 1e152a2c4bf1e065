/**
 * The document's budget shared fairly, through the real bundle: a deck with 30 edit conversations worked on
 * this morning and 20 left untouched since yesterday (together past Peel's 256 KB once the jobs come), two people's 60-slide illustrate jobs, then an ordinary
 * Insert. Jobs keep to their share (a third is refused before anything is drawn, with a sentence that says how
 * to make room), the Insert makes room from the old conversations only, and no recent one is touched. A job
 * item's prompt edit goes through the same size checks.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeckState, SlideState } from '../../dev/runtime/model';
import { shape } from '../../dev/runtime/seed';
import {
  appendTurn,
  newThread,
  serializeThread,
  THREAD_KEY_PREFIX,
  threadKey,
} from '../../src/core/conversation/thread';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { peelBytes, SHARES, STORE_MAX_BYTES, usage } from '../../src/core/store-budget';
import type { ImageCallOutcome, JobView } from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';
const CY = 'cy@example.com';
const SLIDES = 60;

function sixtySlides(): DeckState {
  const slides: SlideState[] = Array.from({ length: SLIDES }, (_, i) => ({
    objectId: `p${i + 1}`,
    layout: 'TITLE_AND_BODY',
    speakerNotes: '',
    elements: [
      shape(`t${i + 1}`, 'TITLE', [36, 22, 648, 58], `Topic ${i + 1}`),
      shape(`b${i + 1}`, 'BODY', [36, 92, 300, 280], `What topic ${i + 1} means for the farm`),
    ],
  }));
  return {
    kind: 'deck',
    id: 'budget-deck',
    name: 'Budget deck',
    pageWidth: 720,
    pageHeight: 405,
    slides,
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

/** A conversation of `turns` turns, last changed at `updated` (epoch seconds). */
function thread(id: string, turns: number, updated: number): string {
  let t = newThread(id, `s:gone-${id}`, updated - turns);
  for (let n = 0; n < turns; n++) {
    t = appendTurn(t, {
      id: `${id}-${n}`,
      i: `Step ${n}: make the light a little warmer and move the boat towards the left edge of the picture`,
      m: DEFAULT_MODEL_ID,
      r: '16:9',
      s: '1K',
      c: 0.039,
      t: updated - turns + n + 1,
      u: 'someone',
      ver: `v${n + 2}`,
    }).thread;
  }
  return serializeThread(t);
}

let bundle: Bundle;
const { result, call } = scriptRun(() => bundle.runtime, ADA);
const store = () => bundle.runtime.world.properties.document('budget-deck');
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  bundle = await startBundle(sixtySlides(), { user: ADA });
  for (const who of [ADA, BEA, CY])
    await call('saveApiKey', [`AIzaSyPeelBudgetKey0123456789abcdef${who.slice(0, 2)}`], who);
});

afterAll(async () => {
  await bundle?.close();
});

/** A job over every slide, with slide-length prompts as the plan writes them. */
const jobRequest = (who: string) => ({
  kind: 'illustrate' as const,
  model: DEFAULT_MODEL_ID,
  imageSize: '1K',
  capUsd: 10,
  items: Array.from({ length: SLIDES }, (_, i) => ({
    key: `p${i + 1}`,
    aspectRatio: '16:9',
    prompt: `${who}: an illustration for "Topic ${i + 1}": ${'fields, rows of seedlings, a red barn at dusk, '.repeat(8)}`,
  })),
});

it('30 recent threads + two 60-slide jobs + an Insert: no recent thread pruned, jobs within their share', async () => {
  const recent = Array.from({ length: 30 }, (_, i) => `recent${i}`);
  const old = Array.from({ length: 20 }, (_, i) => `old${i}`);
  for (const id of recent) store().setProperty(threadKey(id), thread(id, 14, now() - 3600));
  for (const id of old) store().setProperty(threadKey(id), thread(id, 26, now() - 26 * 3600));
  const threadsBefore = usage(store().snapshot()).threads;

  await call<JobView>('startDeckJob', [jobRequest(ADA)], ADA);
  await call<JobView>('startDeckJob', [jobRequest(BEA)], BEA);
  expect(usage(store().snapshot()).jobs).toBeLessThanOrEqual(SHARES.jobs);

  // A third job does not fit the jobs' share: refused, with how to make room, before anything is drawn.
  const drawn = bundle.emulator.requests.length;
  const third = await result<JobView>('startDeckJob', [jobRequest(CY)], CY);
  expect(third).toMatchObject({ ok: false, error: { code: 'STORE_FULL' } });
  if (!third.ok) {
    expect(third.error.detail).toMatch(/deck jobs/);
    expect(third.error.action).toMatch(/cancel a deck job/);
  }
  expect(bundle.emulator.requests.length).toBe(drawn);

  // Room for the jobs and for an ordinary Generate + Insert came from yesterday's conversations only.
  const made = await call<ImageCallOutcome>('generateImage', [
    { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' },
  ]);
  if (made.kind !== 'image') throw new Error('no image');
  const inserted = await call<{ threadId: string | null }>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
  expect(inserted.threadId).not.toBeNull();

  const after = store().snapshot();
  const kept = Object.keys(after).filter((k) => k.startsWith(THREAD_KEY_PREFIX));
  for (const id of recent) expect(kept).toContain(threadKey(id));
  expect(kept).toContain(threadKey(inserted.threadId ?? ''));
  expect(old.filter((id) => kept.includes(threadKey(id))).length).toBeLessThan(old.length);
  expect(peelBytes(after)).toBeLessThanOrEqual(STORE_MAX_BYTES);
  console.log(
    `store budget: ${recent.length} recent threads kept, ${old.length - old.filter((id) => kept.includes(threadKey(id))).length} of ${old.length} old pruned, threads ${Math.round(threadsBefore / 1024)} KB before, Peel ${Math.round(peelBytes(after) / 1024)} KB after`,
  );
});

it('a job item’s 10,000-character prompt is refused with a sentence, and the store is unchanged', async () => {
  const job = await call<JobView | null>('getDeckJob', [], ADA);
  if (!job) throw new Error('no job');
  const before = store().snapshot();
  const refused = await result<JobView>(
    'reviewJobItem',
    [{ jobId: job.id, index: 0, action: 'prompt', prompt: 'x'.repeat(10_000) }],
    ADA,
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  if (!refused.ok) expect(`${refused.error.detail}`).toMatch(/10,000 characters.*shorten it to about/);
  expect(store().snapshot()).toEqual(before);
});
