/**
 * Deck jobs: the sidebar's own pacer (sidebar/kernel/image-calls.ts) driving the real bundle in the
 * local runtime, through the sidebar's own RPC client, against the emulator.
 *
 * - batch_wall_ratio: a 12-slide deck illustrated with no quota: the wall time from the first runJobItem to the
 *   last proposal, ÷ (12 × the time one image takes ÷ 4 in parallel). "The time one image takes" is measured
 *   in the same run (a lone runJobItem on a 1-slide job), so the ratio is what pacing and parallel calls add.
 * - batch_quota_efficiency: the emulator at 10 calls per minute per key, a 30-slide job. A quota lets its
 *   first minute's 10 calls through at once, so counting them would flatter any pacer: the figure is the
 *   images delivered after those 10, per minute between the 10th delivery and the last, ÷ 10.
 *
 * The quota run is a time-lapse so it takes seconds, not minutes: the emulator's quota window, the pacer's
 * clock and Utilities.sleep all run TIME_LAPSE times faster than real time, and the emulator's latency is
 * shortened by as much. Everything else (the runtime's own time per execution) is real, so it counts
 * TIME_LAPSE times heavier than it would: the figure errs low, never high.
 */
import { createPacer, MAX_PARALLEL } from '../../sidebar/kernel/image-calls';
import { createServer, type ScriptRun, type Server } from '../../sidebar/kernel/rpc';
import { startEmulator } from '../emulator/index';
import { geminiRewrites, Runtime, World } from '../runtime/index';
import type { DeckState } from '../runtime/model';
import { shape } from '../runtime/seed';

const KEY = 'AIzaBenchmarkKeyForTheLocalEmulator0002';
const TIME_LAPSE = 4;
const QUOTA = 10;
const QUOTA_ITEMS = 30;

const TOPICS = [
  'Soil moisture across the northern sites',
  'Two new irrigation schedules',
  'Water use down by a fifth',
  'Yields held steady',
  'Weekly sampling at 10 cm',
  'Twelve sites, one season',
  'What the field teams saw',
  'Forecasts against what happened',
  'The sampling method',
  'A map of every site',
  'Next season’s plan',
  'Thank you to the teams',
];

/** `n` slides with a title and a short body on the left, the right half free: each one an illustrate item. */
export function textDeck(n: number): DeckState {
  return {
    kind: 'deck',
    id: `bench-deck-${n}`,
    name: 'Bench deck',
    pageWidth: 720,
    pageHeight: 405,
    slides: Array.from({ length: n }, (_, i) => ({
      objectId: `bench-slide-${i + 1}`,
      layout: 'TITLE_AND_BODY',
      speakerNotes: '',
      elements: [
        shape(`b${i + 1}-title`, 'TITLE', [36, 22, 320, 58], TOPICS[i % TOPICS.length] ?? 'Topic'),
        shape(`b${i + 1}-body`, 'BODY', [36, 92, 320, 280], `Finding ${i + 1} of the season, in one line.`),
      ],
    })),
    selection: { pageId: 'bench-slide-1', elementIds: [], text: null },
  };
}

/** The sidebar's RPC client over the runtime: the same calls google.script.run makes, as the workbench does. */
export function runtimeServer(runtime: Runtime): Server {
  const scriptRun = (): ScriptRun => {
    let ok: (value: unknown) => void = () => {};
    let fail: (error: Error) => void = () => {};
    const runner: ScriptRun = new Proxy({} as ScriptRun, {
      get: (_t, name: string) => {
        if (name === 'withSuccessHandler')
          return (handler: typeof ok) => {
            ok = handler;
            return runner;
          };
        if (name === 'withFailureHandler')
          return (handler: typeof fail) => {
            fail = handler;
            return runner;
          };
        return (...args: unknown[]) => {
          runtime.run(name, args, { trigger: 'script.run' }).then(
            (result) =>
              result.record.status === 'ok' ? ok(result.value) : fail(new Error(result.record.error ?? 'failed')),
            (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
          );
        };
      },
    });
    return runner;
  };
  return createServer(scriptRun);
}

interface Clock {
  now(): number;
  wait(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock TIME_LAPSE times faster than real time, for the emulator's quota window and the pacer alike. */
function lapseClock(scale: number): Clock {
  const origin = Date.now();
  const start = performance.now();
  return {
    now: () => origin + (performance.now() - start) * scale,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scale)),
  };
}

/** Plans and starts an illustrate job of every slide, then runs it with the pacer: each delivery's time. */
async function runJob(server: Server, clock: Clock, model: string): Promise<{ deliveries: number[]; failed: number }> {
  const plan = await server.planDeckJob({ kind: 'illustrate', model, imageSize: '1K' });
  const view = await server.startDeckJob({
    kind: 'illustrate',
    model,
    imageSize: '1K',
    capUsd: 100,
    items: plan.items.map((item) => ({ key: item.key, prompt: item.prompt, aspectRatio: item.aspectRatio })),
  });
  const deliveries: number[] = [];
  let failed = 0;
  const start = clock.now();
  const pacer = createPacer({
    call: (index, attempt) => server.runJobItem({ jobId: view.id, index, ...(attempt > 1 ? { attempt } : {}) }),
    now: clock.now,
    wait: clock.wait,
    live: () => true,
    on: {
      calling: () => {},
      delivered: (i) => {
        deliveries.push(clock.now() - start);
        if (process.env.PEEL_BENCH_TRACE)
          console.log(`  ${((clock.now() - start) / 1000).toFixed(1)} s: item ${i} delivered`);
      },
      waiting: (i, w, until) => {
        if (process.env.PEEL_BENCH_TRACE)
          console.log(
            `  ${((clock.now() - start) / 1000).toFixed(1)} s: item ${i} waits ${w.retryAfterSeconds} s (until ${((until - start) / 1000).toFixed(1)} s), ${pacer.parallel} at once`,
          );
      },
      failed: (_i, error) => {
        failed++;
        console.error(`  item failed: ${error.code} ${error.message}`);
      },
      abandoned: () => {},
    },
  });
  pacer.add(view.items.map((_, i) => i));
  await pacer.idle();
  // One live job per person per document: the next run starts its own.
  await server.cancelDeckJob(view.id);
  return { deliveries, failed };
}

async function openRuntime(distDir: string, deck: DeckState, emulatorUrl: string, sleepScale = 1) {
  const world = new World({ document: deck });
  const runtime = new Runtime({
    distDir,
    world,
    urlRewrites: geminiRewrites(emulatorUrl),
    warmWorkers: MAX_PARALLEL,
    sleepScale,
  });
  const server = runtimeServer(runtime);
  await server.saveApiKey(KEY);
  const models = await server.getModels();
  const model = models[0]?.id;
  if (!model) throw new Error('getModels returned no model');
  return { runtime, server, model };
}

export interface BatchFigures {
  readonly wallRatio: number;
  readonly wallNote: string;
  readonly quotaEfficiency: number;
  readonly quotaNote: string;
}

export async function benchBatch(distDir: string, latencyMs: number): Promise<BatchFigures> {
  // No quota: the bench's latency, real time.
  const free = await startEmulator({ latencyMs });
  let wallRatio: number;
  let wallNote: string;
  try {
    const single = await openRuntime(distDir, textDeck(1), free.url);
    const alone: number[] = [];
    try {
      // Warm-up, then three lone items: what one image takes through runJobItem.
      for (let i = 0; i < 4; i++)
        alone.push(Math.max(...(await runJob(single.server, realClock, single.model)).deliveries));
    } finally {
      await single.runtime.close();
    }
    const one = [...alone.slice(1)].sort((a, b) => a - b)[1] ?? 0;
    const deck = await openRuntime(distDir, textDeck(12), free.url);
    try {
      await runJob(deck.server, realClock, deck.model);
      const { deliveries, failed } = await runJob(deck.server, realClock, deck.model);
      const wall = Math.max(...deliveries);
      const ideal = (12 * one) / MAX_PARALLEL;
      wallRatio = wall / ideal;
      wallNote =
        `12 slides ${wall.toFixed(0)} ms vs 12 × ${one.toFixed(0)} ms (one item alone) ÷ ${MAX_PARALLEL}; ` +
        `emulator ${latencyMs} ms${failed ? `; ${failed} failed` : ''}`;
    } finally {
      await deck.runtime.close();
    }
  } finally {
    await free.close();
  }

  // The quota: a time-lapse (see above).
  const clock = lapseClock(TIME_LAPSE);
  const quota = await startEmulator({
    latencyMs: Math.round(latencyMs / TIME_LAPSE),
    requestsPerMinute: QUOTA,
    now: clock.now,
  });
  let quotaEfficiency: number;
  let quotaNote: string;
  try {
    const deck = await openRuntime(distDir, textDeck(QUOTA_ITEMS), quota.url, 1 / TIME_LAPSE);
    try {
      // The quota's first minute starts with this job: nothing before it counted (saveApiKey fetches nothing).
      quota.setQuota(QUOTA);
      const { deliveries, failed } = await runJob(deck.server, clock, deck.model);
      const sorted = [...deliveries].sort((a, b) => a - b);
      const allowance = sorted[QUOTA - 1] ?? 0;
      const last = sorted.at(-1) ?? 0;
      const perMinute = ((sorted.length - QUOTA) / (last - allowance)) * 60_000;
      quotaEfficiency = perMinute / QUOTA;
      const refused = quota.requests.filter((r) => r.status === 429).length;
      quotaNote =
        `${sorted.length} of ${QUOTA_ITEMS} images at ${QUOTA}/min: ${perMinute.toFixed(2)} per minute after the ` +
        `first ${QUOTA}, job ${(last / 1000).toFixed(0)} s; ${refused} calls refused (429)` +
        `${failed ? `, ${failed} failed` : ''}; ${TIME_LAPSE}× time-lapse`;
    } finally {
      await deck.runtime.close();
    }
  } finally {
    await quota.close();
  }
  return { wallRatio, wallNote, quotaEfficiency, quotaNote };
}
