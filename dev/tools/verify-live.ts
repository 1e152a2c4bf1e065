/**
 * `npm run verify:live`: every flow of Peel's that calls Gemini, run once against the real API before a deploy:
 * a generate, two edit turns (the second continuing the first's conversation with its thought signature), a blend
 * of two pictures, a style transfer, and a two-slide deck job. It is the add-on's own bundle (built fresh into a
 * temporary folder) in the local Apps Script runtime over a copy of the demo deck: the same code `npm run deploy`
 * pushes, calling Google with your key.
 *
 * It says what it will cost first, and spends it only with `--yes`. It writes a report a person can read
 * (report.md, report.json: each request's step, model, status, latency and bytes) and every picture it made.
 * `--emulator` runs the same steps against the local Gemini emulator, for free (CI does).
 *
 *   GEMINI_API_KEY=… npm run verify:live [-- --yes] [--model ID] [--out DIR] [--emulator] [--dist DIR]
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../../build/build';
import { catalogModels, type ImageSize, type ModelSpec } from '../../src/core/gemini/catalog';
import { composeBlendPrompt, composeStyleTransferPrompt } from '../../src/core/references';
import type {
  ImageCallOutcome,
  ImageDelivered,
  InsertResult,
  JobView,
  Result,
  TakenReference,
  Target,
} from '../../src/shared/rpc';
import { type Emulator, startEmulator } from '../emulator/index';
import { type ExecutionResult, geminiRewrites, Runtime, World } from '../runtime/index';
import type { DeckState } from '../runtime/model';
import { demoDeck } from '../runtime/seed';

/** The images the run makes: generate, two edit turns, a blend, a style transfer, two job items. */
export const IMAGES = 7;
const USER = 'verify@example.com';
const EMULATOR_KEY = 'AIzaSyVerifyLiveEmulator0123456789abcde';

/** The current model whose smallest priced size costs least, at that size. */
export function cheapestModel(nowMs: number): { spec: ModelSpec; size: ImageSize; usd: number } {
  let best: { spec: ModelSpec; size: ImageSize; usd: number } | null = null;
  for (const spec of catalogModels(nowMs)) {
    for (const size of spec.imageSizes) {
      const usd = spec.pricePerImageUsd[size];
      if (usd !== undefined && (!best || usd < best.usd)) best = { spec, size, usd };
    }
  }
  if (!best) throw new Error('The catalog has no priced model.');
  return best;
}

export interface Request {
  readonly step: string;
  readonly url: string;
  readonly status: number | null;
  readonly latencyMs: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export interface Step {
  readonly name: string;
  readonly ok: boolean;
  /** The error's code and sentence when it failed. */
  readonly error?: string;
  readonly image?: string;
  readonly costUsd?: number | null;
  readonly note?: string;
}

export interface Report {
  readonly backend: 'gemini' | 'emulator';
  readonly model: string;
  readonly size: ImageSize;
  readonly estimatedUsd: number;
  readonly steps: readonly Step[];
  readonly requests: readonly Request[];
}

export interface VerifyOptions {
  readonly emulator: boolean;
  readonly model?: string;
  readonly out: string;
  /** A built dist/ to run instead of building one. */
  readonly dist?: string;
  readonly say?: (line: string) => void;
}

function extension(mimeType: string): string {
  return mimeType === 'image/jpeg' ? 'jpg' : mimeType.replace('image/', '');
}

/** Runs every step, each whatever the last did, and writes the report and the pictures into `out`. */
export async function verifyLive(options: VerifyOptions): Promise<Report> {
  const say = options.say ?? (() => {});
  const cheapest = cheapestModel(Date.now());
  const chosen = options.model ? catalogModels(Date.now()).find((m) => m.id === options.model) : cheapest.spec;
  if (!chosen) throw new Error(`${options.model} is not a current model in the catalog.`);
  const size = options.model ? (chosen.imageSizes[0] ?? '1K') : cheapest.size;
  const usd = chosen.pricePerImageUsd[size] ?? 0;
  const key = options.emulator ? EMULATOR_KEY : process.env.GEMINI_API_KEY;
  if (!key) throw new Error('Set GEMINI_API_KEY (or pass --emulator).');

  let dist = options.dist;
  if (!dist) {
    dist = await mkdtemp(path.join(tmpdir(), 'peel-verify-'));
    say('Building Peel…');
    await build({ outdir: dist, vertex: false });
  }
  let emulator: Emulator | null = null;
  if (options.emulator) emulator = await startEmulator({ latencyMs: 0 });
  const world = new World({ document: demoDeck() });
  const runtime = new Runtime({
    distDir: dist,
    world,
    ...(emulator ? { urlRewrites: geminiRewrites(emulator.url) } : {}),
  });
  const steps: Step[] = [];
  const requests: Request[] = [];
  await mkdir(options.out, { recursive: true });
  const deck = () => world.document as DeckState;

  const run = async <T>(step: string, name: string, ...args: unknown[]): Promise<T> => {
    const result: ExecutionResult = await runtime.run(name, args, { trigger: 'script.run', user: USER });
    for (const fetch of result.record.fetches) {
      requests.push({
        step,
        url: fetch.url.replace(/key=[^&]+/, 'key=…'),
        status: fetch.status,
        latencyMs: Math.round(fetch.durationMs),
        requestBytes: fetch.requestBytes,
        responseBytes: fetch.responseBytes,
      });
    }
    const value = result.value as Result<T> | undefined;
    if (!value) throw new Error(`${name}: ${result.error?.message ?? 'no answer'}`);
    if (!value.ok) throw new Error(`${value.error.code}: ${value.error.message} ${value.error.detail ?? ''}`.trim());
    return value.value;
  };
  const keep = async (step: string, delivered: ImageDelivered, note?: string): Promise<void> => {
    const file = `${steps.length + 1}-${step.replace(/\W+/g, '-')}.${extension(delivered.image.mimeType)}`;
    await writeFile(path.join(options.out, file), Buffer.from(delivered.image.base64, 'base64'));
    steps.push({ name: step, ok: true, image: file, costUsd: delivered.image.costUsd, ...(note ? { note } : {}) });
    say(`${step}: ${file} (${delivered.image.pixelWidth}×${delivered.image.pixelHeight})`);
  };
  const attempt = async (step: string, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      steps.push({ name: step, ok: false, error: message });
      say(`${step}: FAILED ${message}`);
    }
  };
  const image = (outcome: ImageCallOutcome): ImageDelivered => {
    if (outcome.kind !== 'image') throw new Error(`Gemini asked to wait ${outcome.retryAfterSeconds} s`);
    return outcome;
  };
  const picks = { model: chosen.id, imageSize: size };

  try {
    await run('setup', 'saveApiKey', key);
    let placed: InsertResult | null = null;
    await attempt('generate', async () => {
      deck().selection = { pageId: deck().slides[1]?.objectId ?? null, elementIds: [], text: null };
      const made = image(
        await run<ImageCallOutcome>('generate', 'generateImage', {
          prompt: 'A lighthouse on a rocky coast at dawn, soft light',
          aspectRatio: '16:9',
          ...picks,
        }),
      );
      await keep('generate', made);
      placed = await run<InsertResult>('generate', 'insertImage', { imageId: made.image.id, mode: 'insert' });
    });
    for (const [turn, instruction] of [
      [1, 'Make it night, with the lighthouse beam lit'],
      [2, 'Add a small boat near the rocks'],
    ] as const) {
      await attempt(`edit turn ${turn}`, async () => {
        const objectId = (placed as InsertResult | null)?.objectId;
        if (!objectId) throw new Error('Nothing was inserted to edit.');
        const slide = deck().slides.find((s) => s.elements.some((e) => e.objectId === objectId));
        deck().selection = { pageId: slide?.objectId ?? null, elementIds: [objectId], text: null };
        const ref = (await run<Target>(`edit turn ${turn}`, 'getTarget')).image?.ref;
        if (!ref) throw new Error('The inserted picture is not selectable.');
        const edited = image(
          await run<ImageCallOutcome>(`edit turn ${turn}`, 'editImage', {
            ref,
            instruction,
            aspectRatio: null,
            quick: null,
            ...picks,
          }),
        );
        await run(`edit turn ${turn}`, 'applyEdit', { imageId: edited.image.id, keepAltDescription: true });
        // A signature held for the version this Apply made is what the next turn sends with the conversation.
        const held = Object.keys(world.cache.snapshot()[`user:${USER}`] ?? {}).some((k) => k.startsWith('peel.sig.'));
        await keep(
          `edit turn ${turn}`,
          edited,
          held ? 'a thought signature is held for the next turn' : 'no thought signature held (the model sent none)',
        );
      });
    }
    let pictures: TakenReference[] = [];
    await attempt('blend', async () => {
      const refs = (await run<{ ref: string }[]>('blend', 'listDocumentImages')).slice(0, 2);
      if (refs.length < 2) throw new Error('The deck has fewer than two pictures to blend.');
      pictures = [];
      for (const { ref } of refs) pictures.push(await run<TakenReference>('blend', 'takeDocumentImage', ref));
      const blended = image(
        await run<ImageCallOutcome>('blend', 'generateImage', {
          prompt: composeBlendPrompt('Both together in one calm scene', [{ role: 'subject' }, { role: 'scene' }]),
          aspectRatio: '1:1',
          references: pictures.map((p, i) => ({
            kind: 'handle',
            id: p.handle.id,
            role: i === 0 ? 'subject' : 'scene',
          })),
          ...picks,
        }),
      );
      await keep('blend', blended);
    });
    await attempt('style transfer', async () => {
      const [subject, style] = pictures;
      if (!subject || !style) throw new Error('The blend step took no pictures to restyle.');
      const restyled = image(
        await run<ImageCallOutcome>('style transfer', 'generateImage', {
          prompt: composeStyleTransferPrompt({ position: 1 }, { position: 2 }),
          aspectRatio: '1:1',
          references: [
            { kind: 'handle', id: subject.handle.id, role: 'subject' },
            { kind: 'handle', id: style.handle.id, role: 'style' },
          ],
          ...picks,
        }),
      );
      await keep('style transfer', restyled);
    });
    await attempt('deck job', async () => {
      const slides = deck().slides.slice(0, 2);
      const job = await run<JobView>('deck job', 'startDeckJob', {
        kind: 'illustrate',
        capUsd: usd * 4,
        items: slides.map((s) => ({
          key: s.objectId,
          prompt: `An illustration for the slide ${s.objectId}`,
          aspectRatio: '16:9',
        })),
        ...picks,
      });
      for (const index of [0, 1]) {
        const made = image(await run<ImageCallOutcome>('deck job', 'runJobItem', { jobId: job.id, index }));
        await keep(`deck job item ${index + 1}`, made);
      }
      await run('deck job', 'cancelDeckJob', job.id);
    });
  } finally {
    await runtime.close();
    await emulator?.close();
  }
  const report: Report = {
    backend: options.emulator ? 'emulator' : 'gemini',
    model: chosen.id,
    size,
    estimatedUsd: usd * IMAGES,
    steps,
    requests,
  };
  await writeFile(path.join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(options.out, 'report.md'), markdown(report));
  return report;
}

export function markdown(report: Report): string {
  const spent = report.steps.reduce((sum, s) => sum + (s.costUsd ?? 0), 0);
  const lines = [
    `# Peel live check (${report.backend === 'emulator' ? 'the local emulator, no cost' : 'the real Gemini API'})`,
    '',
    `Model ${report.model} at ${report.size}; estimated $${report.estimatedUsd.toFixed(3)}, reported $${spent.toFixed(3)}. Drive (versions) is the local runtime's stand-in: only Gemini is real here.`,
    '',
    '| Step | Result | Picture | Cost | Note |',
    '| --- | --- | --- | --- | --- |',
    ...report.steps.map(
      (s) =>
        `| ${s.name} | ${s.ok ? 'ok' : `FAILED: ${s.error ?? ''}`} | ${s.image ?? ''} | ${s.costUsd === undefined || s.costUsd === null ? '' : `$${s.costUsd.toFixed(3)}`} | ${s.note ?? ''} |`,
    ),
    '',
    '| Step | Request | Status | Latency | Sent | Received |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.requests.map(
      (r) =>
        `| ${r.step} | ${r.url} | ${r.status ?? 'none'} | ${r.latencyMs} ms | ${r.requestBytes} B | ${r.responseBytes} B |`,
    ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      yes: { type: 'boolean', default: false },
      emulator: { type: 'boolean', default: false },
      model: { type: 'string' },
      out: { type: 'string' },
      dist: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run verify:live -- [--yes] [--emulator] [--model ID] [--out DIR] [--dist DIR]');
    return;
  }
  const { spec, size, usd } = cheapestModel(Date.now());
  const model = values.model ?? spec.id;
  const price = values.model
    ? (catalogModels(Date.now()).find((m) => m.id === values.model)?.pricePerImageUsd[size] ?? usd)
    : usd;
  const out = path.resolve(values.out ?? `verify-live/${new Date().toISOString().replace(/[:.]/g, '-')}`);
  console.log(
    `${IMAGES} images on ${model}${values.model ? '' : ` at ${size}`}: about $${(price * IMAGES).toFixed(2)} at Google's list price.`,
  );
  if (!values.emulator && !values.yes) {
    console.log(
      'Nothing was sent. Run again with --yes to spend it (or --emulator to run against the local emulator).',
    );
    return;
  }
  const report = await verifyLive({
    emulator: values.emulator,
    out,
    ...(values.model ? { model: values.model } : {}),
    ...(values.dist ? { dist: path.resolve(values.dist) } : {}),
    say: (line) => console.log(line),
  });
  const failed = report.steps.filter((s) => !s.ok);
  console.log(`Report: ${path.join(out, 'report.md')}`);
  console.log(
    failed.length === 0
      ? `All ${report.steps.length} steps worked.`
      : `${failed.length} step(s) failed: see the report.`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
