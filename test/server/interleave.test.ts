/**
 * Five collaborators at once, in at least 1,000 random interleavings: Peel's real store code runs in five worker
 * threads (interleave-worker.ts), each service call a blocking round trip to the scheduler here, which serves
 * one call at a time in a random order with random property latency on a logical clock. The lock is modelled
 * as Apps Script's: tryLock waits up to its timeout in a FIFO queue and answers false after it; an execution's
 * lock is released when it ends. The store is the runtime's FakeProperties (9 KB per value, 500 KB per store,
 * Apps Script's error texts).
 *
 * Each run mixes cost entries (added without the lock, as Generate adds them), folds of those entries under the
 * lock (the store starts just under the fold threshold) and turns appended to shared threads. It asserts that every acknowledged cost and turn is there exactly once and
 * that nothing refused (BUSY) or never acknowledged was counted. The same runs with the lock taken out must find
 * a loss: the test can fail.
 */
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { parseThread, THREAD_KEY_PREFIX } from '../../src/core/conversation/thread';
import { COST_ENTRY_PREFIX, costInProperties, FOLD_AFTER_ENTRIES } from '../../src/server/spine/costs';
import { seededRandom } from '../support/seeded';
import type { Action, Job, Outcome, Report } from './interleave-worker';

const COLLABORATORS = 5;
const RUNS = 1000;

interface Request {
  readonly service: string;
  readonly method: string;
  readonly args: unknown[];
}

interface Collaborator {
  readonly worker: Worker;
  readonly signal: Int32Array;
  rpc: import('node:worker_threads').MessagePort;
}

let collaborators: Collaborator[] = [];

beforeAll(async () => {
  const { outputFiles } = buildSync({
    entryPoints: [new URL('./interleave-worker.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
  });
  const code = outputFiles[0]?.text ?? '';
  collaborators = await Promise.all(
    Array.from({ length: COLLABORATORS }, async () => {
      const signal = new SharedArrayBuffer(4);
      const worker = new Worker(code, { eval: true, workerData: { signal } });
      const rpc = await new Promise<import('node:worker_threads').MessagePort>((resolve) =>
        worker.once('message', (m: { rpcPort: import('node:worker_threads').MessagePort }) => resolve(m.rpcPort)),
      );
      return { worker, signal: new Int32Array(signal), rpc };
    }),
  );
});

afterAll(async () => {
  await Promise.all(collaborators.map((c) => c.worker.terminate()));
});

interface RunResult {
  readonly stored: Record<string, string>;
  readonly outcomes: Outcome[][];
  /** Each unexpected error, with its collaborator and stack. */
  readonly failures: string[];
}

/** One interleaving: every collaborator runs its actions; the scheduler serves one service call at a time. */
async function interleave(plans: readonly (readonly Action[])[], seed: number, noLock: boolean): Promise<RunResult> {
  const draw = seededRandom(seed);
  const seeded = Object.fromEntries(
    Array.from({ length: FOLD_AFTER_ENTRIES - 1 }, (_, i) => [`${COST_ENTRY_PREFIX}seed${i}`, '0.01']),
  );
  const properties = new FakeProperties(seeded);
  let clock = 0;
  let holder: number | null = null;
  const queue: { who: number; deadline: number }[] = [];
  const pending = new Map<number, Request>();
  const running = new Set<number>();
  const outcomes: Outcome[][] = plans.map(() => []);
  const failures: string[] = [];
  let finished = 0;
  let wake: () => void = () => undefined;

  const reply = (who: number, value: unknown, error?: string) => {
    const c = collaborators[who] as Collaborator;
    c.rpc.postMessage(error === undefined ? { value } : { error });
    running.add(who);
    Atomics.store(c.signal, 0, 1);
    Atomics.notify(c.signal, 0);
  };

  const done = new Promise<void>((resolve) => {
    plans.forEach((actions, who) => {
      const c = collaborators[who] as Collaborator;
      c.rpc.removeAllListeners('message');
      c.worker.removeAllListeners('message');
      c.rpc.on('message', (request: Request) => {
        running.delete(who);
        pending.set(who, request);
        wake();
      });
      c.worker.once('message', (m: Report) => {
        outcomes[who] = m.outcomes;
        failures.push(...m.failures.map((f) => `collaborator ${who}, ${f}`));
        running.delete(who);
        finished++;
        wake();
        if (finished === plans.length) resolve();
      });
      running.add(who);
      c.worker.postMessage({ actions, noLock } satisfies Job);
    });
  });

  const serve = (who: number, { service, method, args }: Request) => {
    if (service === 'end') {
      // Apps Script releases an execution's lock when it ends.
      if (holder === who) grantNext();
      reply(who, null);
      return;
    }
    if (service === 'lock') {
      if (method === 'tryLock') {
        if (holder === null || holder === who) {
          holder = who;
          reply(who, true);
        } else queue.push({ who, deadline: clock + Number(args[0]) });
      } else if (method === 'releaseLock') {
        if (holder === who) grantNext();
        reply(who, undefined);
      } else reply(who, undefined, `unexpected Lock.${method}`);
      return;
    }
    // Property latency: mostly tens of milliseconds, sometimes seconds, so lock waits do time out.
    clock += draw() < 0.05 ? 3000 + draw() * 12_000 : 20 + draw() * 60;
    try {
      const member = (properties as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
      if (!member) throw new Error(`unexpected Properties.${method}`);
      const value = member.apply(properties, args);
      reply(who, value === properties ? null : value);
    } catch (error) {
      reply(who, undefined, (error as Error).message);
    }
  };
  const grantNext = () => {
    const next = queue.shift();
    holder = next ? next.who : null;
    if (next) reply(next.who, true);
  };

  while (finished < plans.length) {
    if (running.size > 0) {
      // Until every running collaborator has made its next call (or finished); each of those messages wakes this.
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      continue;
    }
    for (const waiter of [...queue]) {
      if (waiter.deadline < clock) {
        queue.splice(queue.indexOf(waiter), 1);
        reply(waiter.who, false);
      }
    }
    if (running.size > 0) continue;
    // In collaborator order, not in the order the calls arrived (which is the threads' timing): the seed alone
    // then decides the interleaving, and a failure replays from its seed and path.
    const ready = [...pending.keys()].sort((a, b) => a - b).filter((who) => !queue.some((w) => w.who === who));
    if (ready.length === 0) {
      const first = queue.reduce((a, b) => (a.deadline <= b.deadline ? a : b), queue[0] as { deadline: number });
      if (!first) {
        await done;
        break;
      }
      clock = first.deadline + 1;
      continue;
    }
    const who = ready[Math.floor(draw() * ready.length)] as number;
    const request = pending.get(who) as Request;
    pending.delete(who);
    serve(who, request);
  }
  await done;
  return { stored: properties.snapshot(), outcomes, failures };
}

const action: fc.Arbitrary<Omit<Action, 'key' | 'turn'> & { kind: Action['kind'] }> = fc.oneof(
  fc.record({ kind: fc.constant('cost' as const), cents: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('fold' as const) }),
  fc.record({ kind: fc.constant('turn' as const), thread: fc.constantFrom('a', 'b') }),
);
const plansArbitrary = fc.array(fc.array(action, { minLength: 1, maxLength: 3 }), {
  minLength: COLLABORATORS,
  maxLength: COLLABORATORS,
});

/** Gives every cost and turn a name of its own, so each can be found exactly once. */
function named(plans: readonly (readonly Record<string, unknown>[])[]): Action[][] {
  return plans.map((actions, who) =>
    actions.map((a, n) => {
      if (a.kind === 'cost') return { kind: 'cost', key: `c${who}x${n}`, cents: a.cents as number };
      if (a.kind === 'turn') return { kind: 'turn', thread: a.thread as string, turn: `t${who}x${n}` };
      return { kind: 'fold' };
    }),
  );
}

/** What went wrong in one run, or null: lost or duplicated turns, money missing or counted twice. */
function problems(plans: readonly (readonly Action[])[], { stored, outcomes, failures }: RunResult): string | null {
  if (outcomes.flat().includes('failed')) return `an action failed with an unexpected error:\n${failures.join('\n')}`;
  let cents = FOLD_AFTER_ENTRIES - 1;
  const turns: string[] = [];
  plans.forEach((actions, who) => {
    actions.forEach((a, n) => {
      if (outcomes[who]?.[n] !== 'ok') return;
      if (a.kind === 'cost') cents += a.cents;
      if (a.kind === 'turn') turns.push(`${a.thread}:${a.turn}`);
    });
  });
  const total = Math.round(costInProperties(stored).total * 100);
  if (total !== cents) return `total ${total} cents, acknowledged ${cents}`;
  const found = Object.entries(stored)
    .filter(([key]) => key.startsWith(THREAD_KEY_PREFIX))
    .flatMap(([key, value]) => {
      const thread = parseThread(value);
      // Every turn that replaced an image kept that image as a version, once.
      if (thread && thread.versions.length !== thread.turns.length) return ['versions and turns differ'];
      return (thread?.turns ?? []).map((t) => `${key.slice(THREAD_KEY_PREFIX.length)}:${t.id}`);
    });
  if (found.length !== turns.length || [...turns].sort().join() !== [...found].sort().join()) {
    return `turns ${found.sort().join()} stored, ${turns.sort().join()} acknowledged`;
  }
  return null;
}

describe('five collaborators writing document properties at once', () => {
  it(`loses and duplicates nothing in ${RUNS} random interleavings`, async () => {
    let busy = 0;
    let acknowledged = 0;
    await fc.assert(
      fc.asyncProperty(plansArbitrary, fc.integer(), async (raw, seed) => {
        const plans = named(raw);
        const result = await interleave(plans, seed, false);
        busy += result.outcomes.flat().filter((o) => o === 'BUSY').length;
        acknowledged += result.outcomes.flat().filter((o) => o === 'ok').length;
        // Thrown rather than expected: fast-check's report then carries the seed, the path and this whole text.
        const problem = problems(plans, result);
        if (problem) throw new Error(problem);
      }),
      { numRuns: RUNS },
    );
    console.log(
      `interleavings: ${RUNS} runs, 0 lost or duplicated; ${acknowledged} actions acknowledged, ${busy} BUSY`,
    );
    // The latency is long enough, often enough, for the bounded wait to be exercised, and short enough for work
    // to get done.
    expect(busy).toBeGreaterThan(0);
    expect(acknowledged).toBeGreaterThan(busy * 10);
    // Six threads of pure computation: a few seconds alone, a minute on two cores kept busy. Nothing in the runs
    // depends on this bound (the clock is logical), so only a stall should hit it.
  }, 180_000);

  it('without the lock the same runs lose entries: the test above can fail', async () => {
    const outcome = await fc.check(
      fc.asyncProperty(plansArbitrary, fc.integer(), async (raw, seed) => {
        const plans = named(raw);
        const problem = problems(plans, await interleave(plans, seed, true));
        if (problem) throw new Error(problem);
      }),
      { numRuns: RUNS },
    );
    expect(outcome.failed).toBe(true);
    console.log(`without the lock: ${String(outcome.errorInstance ?? '')}`.slice(0, 200));
  });
});
