/**
 * The standing fault matrix (issue 9, item 10): every failure the emulator can inject (FAULT_KINDS) and every
 * failure of the transport under it (the fetch deadline, an allowlist refusal, no network), through every
 * action that calls Gemini or writes the document, in Slides and in Docs, with the real dist/Code.js in the
 * local runtime. An action is a row: a document, a selection and the calls the sidebar makes, in order (an
 * insert's input comes from a generate, so its row generates first). For each cell the fault stays in force
 * for the whole action (retries meet it too) and the cell holds when:
 *   - the document is byte-identical (the runtime's document JSON before and after),
 *   - the document's properties and the user's cache are as they were (no cost entry, no preview),
 *   - the error has the fault's stable code, and its next step fits the call that failed.
 * A control run of each row without a fault proves the row really reaches the document and the records.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../dev/emulator/faults';
import type { Fault, FaultKind } from '../../dev/emulator/index';
import { Runtime, type UrlRewrite, type World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, HostDocument } from '../../dev/runtime/model';
import { demoDeck, demoDoc } from '../../dev/runtime/seed';
import type { ErrorCode } from '../../src/core/errors';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type { GenerateResult, InsertRequest, Result, UserFacingError } from '../../src/shared/rpc';
import { type Bundle, DIST, startBundle } from './harness';

const KEY = 'AIzaSyPeelFaultMatrixKey0123456789abcdef';
const PROMPT = 'A lighthouse on a cliff at dawn';
/** Backoff waits still happen, in order, at a thousandth of their length. */
const SLEEP_SCALE = 0.001;
/** The transport cells' fetch deadline: only requests that must fail go through those runtimes. */
const SHORT_DEADLINE_MS = 200;
/** A requested wait over Peel's limit (60 s): Peel tells the user when to retry instead of waiting. */
const RATE_DELAY_S = 90;

// ---------------------------------------------------------------------------------------------------------
// Actions: one row each. A later action (an edit, an apply, a restore, a per-variant generate) is one more row.

type Step =
  | { readonly call: 'generateImages'; readonly variants: number }
  | { readonly call: 'insertImage'; readonly mode: InsertRequest['mode'] };

interface Action {
  readonly name: string;
  readonly document: () => HostDocument;
  /** The sidebar's calls in order; a step whose input came from an earlier one gets its result. */
  readonly steps: readonly Step[];
}

const generate: Step = { call: 'generateImages', variants: 1 };
const insert = (mode: InsertRequest['mode']): Step => ({ call: 'insertImage', mode });

function deckOn(pageId: string, elementIds: string[] = []): () => DeckState {
  return () => ({ ...demoDeck(), selection: { pageId, elementIds, text: null } });
}

function docWith(selection: Partial<DocumentState['selection']>): () => DocumentState {
  return () => {
    const doc = demoDoc();
    return { ...doc, selection: { cursor: null, range: null, imageId: null, ...selection } };
  };
}

const ACTIONS: readonly Action[] = [
  { name: 'Slides: generate', document: deckOn('slide-1'), steps: [generate] },
  { name: 'Slides: insert', document: deckOn('slide-1'), steps: [generate, insert('insert')] },
  { name: 'Slides: replace', document: deckOn('slide-3', ['s3-image']), steps: [generate, insert('replace')] },
  { name: 'Slides: background', document: deckOn('slide-2'), steps: [generate, insert('background')] },
  {
    name: 'Slides: placeholder fill',
    document: deckOn('slide-3', ['s3-picture']),
    steps: [generate, insert('insert')],
  },
  { name: 'Docs: generate', document: docWith(demoDoc().selection), steps: [generate] },
  { name: 'Docs: cursor', document: docWith(demoDoc().selection), steps: [generate, insert('insert')] },
  {
    name: 'Docs: paragraph',
    document: docWith({
      range: {
        start: { section: 'body', blockId: 'b-intro', offset: 5 },
        end: { section: 'body', blockId: 'b-intro', offset: 40 },
      },
    }),
    steps: [generate, insert('insert')],
  },
  { name: 'Docs: replace', document: docWith({ imageId: 'img-sunrise' }), steps: [generate, insert('replace')] },
];

// ---------------------------------------------------------------------------------------------------------
// Faults: what is injected, through which runtime, and the code the user must get.

type Via = 'emulator' | 'short-deadline' | 'silent-host' | 'closed-port' | 'allowlist';

interface FaultCase {
  readonly name: string;
  readonly via: Via;
  readonly fault?: Fault;
  readonly code: ErrorCode;
}

const EXPECTED: Readonly<Record<FaultKind, ErrorCode>> = {
  'too-large': 'REQUEST_TOO_LARGE',
  'key-invalid': 'KEY_INVALID',
  'key-leaked': 'KEY_LEAKED',
  'key-suspended': 'KEY_SUSPENDED',
  'model-retired': 'MODEL_NOT_FOUND',
  billing: 'BILLING_REQUIRED',
  'rate-minute': 'RATE_LIMITED',
  'rate-day': 'DAILY_QUOTA',
  internal: 'SERVER_ERROR',
  unavailable: 'UNAVAILABLE',
  deadline: 'DEADLINE',
  // Held past the fetch deadline: Apps Script gives up on the request.
  slow: 'DEADLINE',
  'malformed-json': 'MALFORMED_RESPONSE',
  'truncated-base64': 'MALFORMED_RESPONSE',
  'prompt-blocked': 'PROMPT_BLOCKED',
  'image-safety': 'IMAGE_BLOCKED',
  'image-prohibited': 'IMAGE_BLOCKED',
  'image-recitation': 'IMAGE_BLOCKED',
  'no-image': 'NO_IMAGE',
  'text-refusal': 'MODEL_REFUSED',
  'missing-thought-signature': 'MISSING_THOUGHT_SIGNATURE',
};

const FAULTS: readonly FaultCase[] = [
  ...FAULT_KINDS.map(
    (kind): FaultCase => ({
      name: kind,
      via: kind === 'slow' ? 'short-deadline' : 'emulator',
      fault: {
        kind,
        times: Number.POSITIVE_INFINITY,
        ...(kind === 'rate-minute' ? { retryDelaySeconds: RATE_DELAY_S } : {}),
        ...(kind === 'slow' ? { delayMs: SHORT_DEADLINE_MS * 6 } : {}),
      },
      code: EXPECTED[kind],
    }),
  ),
  { name: 'transport: fetch deadline', via: 'silent-host', code: 'DEADLINE' },
  { name: 'transport: allowlist refusal', via: 'allowlist', code: 'FETCH_NOT_ALLOWED' },
  { name: 'transport: network failure', via: 'closed-port', code: 'NETWORK' },
];

// ---------------------------------------------------------------------------------------------------------
// What a cell compares, and whether an error's next step fits the call that failed.

interface Snapshot {
  readonly document: string;
  readonly properties: string;
  readonly cache: string;
}

function snapshot(world: World): Snapshot {
  const id = world.document?.id ?? '';
  return {
    document: JSON.stringify(world.document),
    properties: JSON.stringify(world.properties.document(id).getProperties()),
    cache: JSON.stringify(world.cache.snapshot()),
  };
}

/** A sentence: starts with a capital or a digit, ends with a full stop, question or exclamation mark. */
const SENTENCE = /^[A-Z0-9“"].*[.!?)]$/s;

/** Why the words do not fit the call, or null when they do. */
function misfit(step: Step, error: UserFacingError): string | null {
  if (!SENTENCE.test(error.message) || !SENTENCE.test(error.action)) return 'not sentences';
  // A failed generate has nothing to insert: its next step is never an insert.
  if (step.call === 'generateImages' && /insert/i.test(`${error.message} ${error.action}`)) return 'says insert';
  if (error.code === 'RATE_LIMITED') {
    if (error.retryAfterSeconds !== RATE_DELAY_S) return `retryAfterSeconds ${error.retryAfterSeconds}`;
    if (!error.action.includes(`${RATE_DELAY_S} seconds`)) return 'does not say when to retry';
  }
  if (error.code === 'DAILY_QUOTA' && !/midnight|tomorrow|hours?/i.test(error.action)) return 'does not say when';
  return null;
}

// ---------------------------------------------------------------------------------------------------------

describe('the fault matrix (the real bundle in the runtime, against the emulator)', () => {
  let bundle: Bundle;
  let world: World;
  let allowDir = '';
  let silent: Server;
  const sockets = new Set<Socket>();
  const runtimes = new Map<Via, Runtime>();

  beforeAll(async () => {
    bundle = await startBundle(demoDeck(), { sleepScale: SLEEP_SCALE });
    world = bundle.runtime.world;
    runtimes.set('emulator', bundle.runtime);

    // Shares the World, so its cells see and change the same document, properties and cache.
    const sibling = (rewrites: UrlRewrite[], distDir = DIST) =>
      new Runtime({
        distDir,
        world,
        urlRewrites: rewrites,
        fetchDeadlineMs: SHORT_DEADLINE_MS,
        sleepScale: SLEEP_SCALE,
        warmWorkers: 0,
      });
    const to = (base: string): UrlRewrite[] => [{ from: 'https://generativelanguage.googleapis.com/', to: base }];

    runtimes.set('short-deadline', sibling(to(`${bundle.emulator.url}/`)));
    // A host that accepts the connection and never answers.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    runtimes.set('silent-host', sibling(to(`http://127.0.0.1:${silentPort}/`)));
    // A port nobody listens on any more: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    runtimes.set('closed-port', sibling(to(`http://127.0.0.1:${closedPort}/`)));
    // The same Code.js deployed with a manifest whose allowlist lacks Gemini's host.
    allowDir = await mkdtemp(path.join(tmpdir(), 'peel-fault-matrix-'));
    for (const file of ['Code.js', 'Sidebar.html']) await copyFile(path.join(DIST, file), path.join(allowDir, file));
    const manifest = JSON.parse(await readFile(path.join(DIST, 'appsscript.json'), 'utf8')) as {
      urlFetchWhitelist?: string[];
    };
    manifest.urlFetchWhitelist = (manifest.urlFetchWhitelist ?? []).filter((u) => !u.includes('generativelanguage'));
    await writeFile(path.join(allowDir, 'appsscript.json'), JSON.stringify(manifest));
    runtimes.set('allowlist', sibling(to(`${bundle.emulator.url}/`), allowDir));

    const saved = await bundle.runtime.run('saveApiKey', [KEY], { trigger: 'script.run' });
    expect(saved.value).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    for (const [via, rt] of runtimes) if (via !== 'emulator') await rt.close();
    await bundle?.close();
    for (const socket of sockets) socket.destroy();
    if (silent) await new Promise<void>((resolve) => silent.close(() => resolve()));
    if (allowDir) await rm(allowDir, { recursive: true, force: true });
  });

  /** A fresh document for the action, no document properties, an empty cache, no faults. */
  function reset(action: Action): void {
    world.document = action.document();
    world.properties.document(world.document.id).deleteAllProperties();
    world.cache.clear();
    bundle.emulator.reset();
  }

  interface Outcome {
    readonly step: Step;
    readonly result: Result<unknown>;
  }

  /** Runs the action's steps until one fails; the last step's outcome. */
  async function perform(rt: Runtime, action: Action): Promise<Outcome> {
    let imageId: string | undefined;
    let outcome: Outcome | undefined;
    for (const step of action.steps) {
      const args =
        step.call === 'generateImages'
          ? [{ prompt: PROMPT, model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K', variants: step.variants }]
          : [{ imageId, mode: step.mode, prompt: PROMPT }];
      const { value, record } = await rt.run(step.call, args, { trigger: 'script.run' });
      const result = value as Result<unknown>;
      if (result === undefined) throw new Error(`${action.name}: ${step.call} failed outright: ${record.error}`);
      outcome = { step, result };
      if (!result.ok) return outcome;
      if (step.call === 'generateImages') imageId = (result.value as GenerateResult).images[0]?.id;
    }
    if (!outcome) throw new Error(`${action.name} has no steps`);
    return outcome;
  }

  it.each(ACTIONS.map((a) => [a.name, a] as const))(
    'control: %s without a fault reaches the document and its record',
    async (_name, action) => {
      reset(action);
      const before = snapshot(world);
      const { result } = await perform(bundle.runtime, action);
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      const after = snapshot(world);
      // A cost entry, and a preview kept for Insert; an insert also changed the document.
      expect(after.properties).not.toBe(before.properties);
      expect(after.cache).not.toBe(before.cache);
      const inserts = action.steps.some((s) => s.call === 'insertImage');
      expect(after.document !== before.document).toBe(inserts);
    },
  );

  it('holds in every cell: document, records and words unchanged by a failed request', async () => {
    const broken: string[] = [];
    let cells = 0;
    for (const fault of FAULTS) {
      for (const action of ACTIONS) {
        cells++;
        const cell = `${fault.name} × ${action.name}`;
        reset(action);
        const before = snapshot(world);
        if (fault.fault) bundle.emulator.inject(fault.fault);
        const rt = runtimes.get(fault.via);
        if (!rt) throw new Error(`no runtime for ${fault.via}`);
        const { step, result } = await perform(rt, action);
        const after = snapshot(world);
        const wrong: string[] = [];
        if (result.ok) wrong.push(`${step.call} succeeded`);
        else {
          if (result.error.code !== fault.code) wrong.push(`${step.call} said ${result.error.code}, not ${fault.code}`);
          const why = misfit(step, result.error);
          if (why) wrong.push(`${step.call}'s words: ${why} (“${result.error.action}”)`);
        }
        if (after.document !== before.document) wrong.push('the document changed');
        if (after.properties !== before.properties) wrong.push(`document properties changed: ${after.properties}`);
        if (after.cache !== before.cache) wrong.push('a preview was left in the cache');
        if (wrong.length > 0) broken.push(`${cell}: ${wrong.join('; ')}`);
      }
    }
    bundle.emulator.reset();
    console.log(`fault matrix: ${cells - broken.length} of ${cells} held`);
    expect(broken).toEqual([]);
    expect(cells).toBe(FAULTS.length * ACTIONS.length);
  }, 240_000);
});
