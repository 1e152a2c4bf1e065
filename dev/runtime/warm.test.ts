/**
 * The warm pool's timing, on a fake clock: spares are started, and used workers ended, only once the executions
 * have been quiet for QUIET_MS (an empty pool excepted), so neither competes with a script for the cores.
 */
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RETIRING, QUIET_MS, WarmWorkers } from './warm';

/** A worker that boots and waits, as an execution's does once it has finished. */
const SOURCE = "require('node:worker_threads').parentPort.on('message', () => {});";

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once('exit', resolve));

describe('the warm pool', () => {
  let pool: WarmWorkers;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    pool = new WarmWorkers(
      2,
      async () => SOURCE,
      () => null,
    );
  });

  afterEach(async () => {
    vi.useRealTimers();
    await pool.close();
  });

  it('refills an empty pool at once, and one with spares left only after QUIET_MS without activity', async () => {
    const first = await pool.take();
    expect(first.warm).toBe(false);
    pool.replenish();
    expect(pool.counts.idle).toBe(2);

    const second = await pool.take();
    expect(second.warm).toBe(true);
    pool.replenish();
    expect(pool.counts.idle).toBe(1);
    // An execution still posting (its service calls) keeps the refill waiting.
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(QUIET_MS - 10);
      pool.activity();
    }
    expect(pool.counts.idle).toBe(1);
    vi.advanceTimersByTime(QUIET_MS);
    expect(pool.counts.idle).toBe(2);

    // Taking the last spare refills the pool at once, before that execution has started: the next call, however
    // soon, finds a spare.
    await pool.take();
    await pool.take();
    expect(pool.counts.idle).toBe(2);
    expect((await pool.take()).warm).toBe(true);
    for (const spare of [first, second]) pool.retire(spare.worker);
  });

  it('ends a used worker once the executions are quiet, and the oldest at once past MAX_RETIRING', async () => {
    const used = [];
    for (let i = 0; i <= MAX_RETIRING; i++) used.push((await pool.take()).worker);
    const [oldest, next] = used;
    if (!oldest || !next) throw new Error('no workers');
    const oldestGone = exited(oldest);
    for (const worker of used) pool.retire(worker);
    // One over the limit: the oldest is ending already, the others wait.
    expect(pool.counts.retiring).toBe(MAX_RETIRING);
    expect(await oldestGone).toEqual(expect.any(Number));

    const nextGone = exited(next);
    vi.advanceTimersByTime(QUIET_MS - 10);
    pool.activity();
    vi.advanceTimersByTime(QUIET_MS - 10);
    expect(pool.counts.retiring).toBe(MAX_RETIRING);
    vi.advanceTimersByTime(10);
    expect(pool.counts.retiring).toBe(0);
    expect(await nextGone).toEqual(expect.any(Number));
  });
});
