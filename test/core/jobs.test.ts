import { describe, expect, it } from 'vitest';
import { isPeelError } from '../../src/core/errors';
import {
  claimAccept,
  failItem,
  isLive,
  itemKey,
  type Job,
  type JobItem,
  jobEntries,
  ownedJob,
  PLACING_HOLD_MS,
  PROPOSAL_SECONDS,
  parseJob,
  proposeItem,
  releaseAccept,
  releaseItem,
  resumedJob,
  reviewedItem,
  spentUsd,
  startItem,
  WORKING_DEADLINE_MS,
} from '../../src/core/jobs';

const item = (over: Partial<JobItem> = {}): JobItem => ({
  key: 'p1',
  slideNumber: 1,
  label: 'Slide 1',
  prompt: 'A harvest',
  aspectRatio: '4:3',
  state: 'waiting',
  imageId: null,
  costUsd: null,
  spentUsd: 0,
  error: null,
  since: 0,
  ...over,
});

const job = (items: JobItem[], over: Partial<Job> = {}): Job => ({
  id: 'abcdefgh12345678',
  kind: 'illustrate',
  model: 'm',
  imageSize: '1K',
  capUsd: 1,
  perImageUsd: 0.1,
  startedAt: 0,
  owner: 'me',
  items,
  ...over,
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isPeelError(error) ? error.code : 'other';
  }
  return 'none';
}

describe('deck jobs', () => {
  it('stores one key per item and reads the job back', () => {
    const j = job([item(), item({ key: 'p2', state: 'proposed', imageId: 'abc.1', costUsd: 0.1, spentUsd: 0.1 })]);
    const entries = jobEntries(j);
    expect(Object.keys(entries)).toEqual(['peel.job.abcdefgh12345678', itemKey(j.id, 0), itemKey(j.id, 1)]);
    expect(parseJob(entries, j.id)).toEqual(j);
    expect(ownedJob(entries, 'me')?.id).toBe(j.id);
    expect(ownedJob(entries, 'someone else')).toBeNull();
    // A missing item makes the job unreadable rather than half a job.
    const { [itemKey(j.id, 1)]: _, ...partial } = entries;
    expect(parseJob(partial, j.id)).toBeNull();
  });

  it('refuses an item whose prompt would not fit a property value', () => {
    expect(code(() => jobEntries(job([item({ prompt: 'é'.repeat(5000) })])))).toBe('BAD_INPUT');
  });

  it('starts a waiting item, refuses one that is not', () => {
    const j = job([item(), item({ state: 'proposed', imageId: 'x.1' })]);
    expect(startItem(j, 0, 10).state).toBe('working');
    expect(code(() => startItem(j, 1, 10))).toBe('BAD_INPUT');
    expect(code(() => startItem(j, 5, 10))).toBe('BAD_INPUT');
  });

  it('does not start an item when spent plus the items being drawn plus its estimate would pass the cap', () => {
    const j = job([item({ state: 'proposed', spentUsd: 0.7 }), item({ state: 'working', since: 5 }), item(), item()], {
      capUsd: 1,
    });
    // 0.7 spent + 0.1 being drawn + 0.1 = 0.9: fits.
    expect(startItem(j, 2, 10).state).toBe('working');
    const busier = {
      ...j,
      items: j.items.map((it, i) => (i === 2 ? { ...it, state: 'working' as const, since: 5 } : it)),
    };
    // 0.7 + 0.2 + 0.1 = 1.0: fits exactly; one more does not.
    expect(startItem(busier, 3, 10).state).toBe('working');
    const over = { ...busier, capUsd: 0.95 };
    expect(code(() => startItem(over, 3, 10))).toBe('JOB_CAP');
  });

  it('resumes after a crash: old working items wait again, expired proposals are lost (not redrawn), their cost still spent', () => {
    const now = 10 * 60 * 60 * 1000;
    const j = job([
      item({ state: 'working', since: now - WORKING_DEADLINE_MS - 1 }),
      item({ state: 'working', since: now - 1000 }),
      item({
        state: 'proposed',
        imageId: 'x.1',
        costUsd: 0.1,
        spentUsd: 0.1,
        since: now - PROPOSAL_SECONDS * 1000 - 1,
      }),
    ]);
    const r = resumedJob(j, now);
    expect(r.items.map((i) => i.state)).toEqual(['waiting', 'working', 'lost']);
    expect(r.items[2]?.imageId).toBeNull();
    expect(spentUsd(r)).toBe(0.1);
    // Lost is still something to decide: the job stays, and the item is drawn only when asked.
    expect(isLive(job([item({ state: 'lost' }), item({ state: 'accepted' })]))).toBe(true);
    expect(() => startItem(r, 2, now)).toThrow(/nothing was sent/);
    expect(() => reviewedItem(r.items[2] as JobItem, 'accept', now)).toThrow(/no longer kept/);
    expect(() => claimAccept(r.items[2] as JobItem, now)).toThrow(/no longer kept/);
    expect(reviewedItem(r.items[2] as JobItem, 'regenerate', now)).toMatchObject({ state: 'waiting', spentUsd: 0.1 });
    expect(reviewedItem(r.items[2] as JobItem, 'skip', now).state).toBe('skipped');
    // A lost proposal survives being stored and read back.
    const stored = parseJob(jobEntries(r), r.id);
    expect(stored?.items[2]?.state).toBe('lost');
  });

  it('moves items through proposal, failure, release and review', () => {
    const working = item({ state: 'working' });
    const proposed = proposeItem(working, 'img.1', 0.04, 1);
    expect(proposed).toMatchObject({ state: 'proposed', imageId: 'img.1', spentUsd: 0.04 });
    const again = proposeItem(reviewedItem(proposed, 'regenerate', 2), 'img2.1', 0.04, 3);
    expect(again.spentUsd).toBe(0.08);
    expect(failItem(working, 'No image', 1)).toMatchObject({ state: 'failed', error: 'No image' });
    expect(releaseItem(working, 1).state).toBe('waiting');
    expect(reviewedItem(proposed, 'accept', 2).state).toBe('accepted');
    expect(code(() => reviewedItem(item(), 'accept', 2))).toBe('BAD_INPUT');
    expect(reviewedItem(proposed, 'prompt', 2, ' A new one ')).toMatchObject({ state: 'waiting', prompt: 'A new one' });
    expect(code(() => reviewedItem(proposed, 'prompt', 2, '  '))).toBe('BAD_INPUT');
    expect(code(() => reviewedItem(working, 'skip', 2))).toBe('BAD_INPUT');
    expect(reviewedItem(proposed, 'skip', 2).state).toBe('skipped');
  });

  it('an Accept claims its proposal: a second is refused while the claim holds, and a stored claim survives', () => {
    const proposed = proposeItem(startItem(job([item()]), 0, 1), 'img1.1', 0.04, 2);
    const claimed = claimAccept(proposed, 1_000);
    expect(claimed.placing).toBe(1_000);
    expect(code(() => claimAccept(claimed, 1_000 + PLACING_HOLD_MS - 1))).toBe('BAD_INPUT');
    // An Accept whose execution died may be tried again once the claim has run out.
    expect(claimAccept(claimed, 1_000 + PLACING_HOLD_MS + 1).placing).toBe(1_000 + PLACING_HOLD_MS + 1);
    expect(claimAccept(releaseAccept(claimed), 1_001).placing).toBe(1_001);
    // The claim is stored with the item, so another execution sees it.
    const stored = parseJob(jobEntries(job([claimed])), 'abcdefgh12345678');
    expect(stored?.items[0]?.placing).toBe(1_000);
    expect(reviewedItem(claimed, 'accept', 3)).not.toHaveProperty('placing');
    expect(code(() => claimAccept(reviewedItem(claimed, 'accept', 3), 4))).toBe('BAD_INPUT');
  });

  it('is live while something is left to draw or review', () => {
    expect(isLive(job([item({ state: 'accepted' }), item({ state: 'failed' })]))).toBe(false);
    expect(isLive(job([item({ state: 'accepted' }), item({ state: 'proposed' })]))).toBe(true);
  });
});
