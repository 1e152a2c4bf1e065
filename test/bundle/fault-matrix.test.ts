/**
 * The standing fault matrix (issue 9, item 10): every failure the emulator can inject (FAULT_KINDS) and every
 * failure of the transport under it (the fetch deadline, an allowlist refusal, no network), through every
 * action that calls Gemini or writes the document, in Slides and in Docs, with the real dist/Code.js in the
 * local runtime. An action is a row: a document, a selection and the calls the sidebar makes, in order (an
 * insert's input comes from a generate, an apply's from an edit, so those rows make it first). For each cell
 * the fault stays in force for the whole action (retries meet it too) and the cell holds when:
 *   - the document is byte-identical (the runtime's document JSON before and after),
 *   - the document's and the user's properties, every cache and Drive are as they were (no cost entry, no
 *     preview, no held signature, no version file), but for an answer Gemini made and sent cut short
 *     (malformed JSON, truncated image data): Peel errs towards counting it, so exactly one cost entry at the
 *     catalog's price, the error carrying that figure and its next step saying so,
 *   - the error has the fault's stable code, and its next step fits the call that failed.
 * A control run of each row without a fault proves the row really reaches the document and the records.
 * Retries really happen, with Utilities.sleep scaled down (RuntimeOptions.sleepScale); nothing is timed.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../dev/emulator/faults';
import type { Fault, FaultKind } from '../../dev/emulator/index';
import { DEFAULT_USER, Runtime, type UrlRewrite, World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, HostDocument } from '../../dev/runtime/model';
import { demoDeck, demoDoc } from '../../dev/runtime/seed';
import type { ErrorCode } from '../../src/core/errors';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { COST_ENTRY_PREFIX } from '../../src/core/store-budget';
import { POLICY_CACHE_KEY } from '../../src/server/spine/settings';
import type {
  ApplyResult,
  ImageCallOutcome,
  InsertRequest,
  Result,
  Target,
  UserFacingError,
} from '../../src/shared/rpc';
import { type Bundle, bundleRuntime, DIST, startBundle } from './harness';

const KEY = 'AIzaSyPeelFaultMatrixKey0123456789abcdef';
const PROMPT = 'A lighthouse on a cliff at dawn';
const EDIT = 'Add a red boat';
/** Backoff waits still happen, in order, at a thousandth of their length. */
const SLEEP_SCALE = 0.001;
/** The transport cells' fetch deadline: only requests that must fail go through those runtimes. */
const SHORT_DEADLINE_MS = 100;
const RUNTIME = { sleepScale: SLEEP_SCALE };
/** A requested wait over Peel's limit (60 s): Peel tells the user when to retry instead of waiting. */
const RATE_DELAY_S = 90;

/** Sends Gemini's AI Studio host to `base`. */
function to(base: string): UrlRewrite[] {
  return [{ from: 'https://generativelanguage.googleapis.com/', to: base }];
}

// ---------------------------------------------------------------------------------------------------------
// Actions: one row each. A later action (a per-variant generate, say) is one more row.

/** What earlier steps handed on, as the sidebar would keep it. */
interface Carried {
  imageId?: string | undefined;
  text?: string;
  ref?: string | undefined;
  threadId?: string | null;
  /** The attempt the next per-variant call is, after Gemini asked to wait (RetryLater). */
  attempt?: number;
}

interface Step {
  readonly call: string;
  /** Whether a failure here is a Gemini call's (its next step must not offer to insert). */
  readonly calls: 'gemini' | 'document';
  readonly args: (carried: Carried) => unknown[];
  readonly carry?: (value: never, carried: Carried) => void;
  /** A per-variant call may answer "wait and call again": the sidebar then calls again, up to the last attempt. */
  readonly again?: (value: never, carried: Carried) => boolean;
}

interface Action {
  readonly name: string;
  readonly document: () => HostDocument;
  /** Reads that run once, without the fault, before the action: what it starts from (the selected image's ref). */
  readonly given?: readonly Step[];
  /** The sidebar's calls in order, under the fault; a step whose input came from an earlier one gets it. */
  readonly steps: readonly Step[];
}

const generate: Step = {
  call: 'generateImage',
  calls: 'gemini',
  args: ({ attempt }) => [
    { prompt: PROMPT, model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K', ...(attempt ? { attempt } : {}) },
  ],
  again: (value: ImageCallOutcome, carried) => {
    if (value.kind !== 'retry') return false;
    carried.attempt = value.attempt;
    return true;
  },
  carry: (value: ImageCallOutcome, carried) => {
    if (value.kind !== 'image') return;
    carried.imageId = value.image.id;
    carried.text = value.text;
    delete carried.attempt;
  },
};

const insert = (mode: InsertRequest['mode']): Step => ({
  call: 'insertImage',
  calls: 'document',
  args: ({ imageId }) => [{ imageId, mode }],
});

/** The selected image's ref, as the sidebar reads it from the Target. */
const target: Step = {
  call: 'getTarget',
  calls: 'document',
  args: () => [],
  carry: (value: Target, carried) => {
    carried.ref = value.image?.ref;
    carried.threadId = value.image?.threadId ?? null;
  },
};

const edit: Step = {
  call: 'editImage',
  calls: 'gemini',
  args: ({ ref, attempt }) => [
    {
      ref,
      instruction: EDIT,
      model: DEFAULT_MODEL_ID,
      aspectRatio: null,
      imageSize: '1K',
      quick: null,
      ...(attempt ? { attempt } : {}),
    },
  ],
  again: (value: ImageCallOutcome, carried) => {
    if (value.kind !== 'retry') return false;
    carried.attempt = value.attempt;
    return true;
  },
  carry: (value: ImageCallOutcome, carried) => {
    if (value.kind !== 'image') return;
    carried.imageId = value.image.id;
    carried.text = value.text;
    delete carried.attempt;
  },
};

const apply: Step = {
  call: 'applyEdit',
  calls: 'document',
  args: ({ imageId }) => [{ imageId, keepAltDescription: true }],
  carry: (value: ApplyResult, carried) => {
    if (value.kind === 'changed') return;
    carried.ref = value.ref;
    carried.threadId = value.threadId;
  },
};

function deckOn(pageId: string, elementIds: string[] = []): () => DeckState {
  return () => ({ ...demoDeck(), selection: { pageId, elementIds, text: null } });
}

function docWith(selection: Partial<DocumentState['selection']>): () => DocumentState {
  return () => ({ ...demoDoc(), selection: { cursor: null, range: null, imageId: null, ...selection } });
}

const slidesImage = deckOn('slide-3', ['s3-image']);
const docsImage = docWith({ imageId: 'img-sunrise' });
const cursor = docWith({ cursor: { section: 'body', blockId: 'b-readers', offset: 0 } });
const range = docWith({
  range: {
    start: { section: 'body', blockId: 'b-intro', offset: 5 },
    end: { section: 'body', blockId: 'b-intro', offset: 40 },
  },
});

const ACTIONS: readonly Action[] = [
  { name: 'Slides: generate', document: deckOn('slide-1'), steps: [generate] },
  { name: 'Slides: insert', document: deckOn('slide-1'), steps: [generate, insert('insert')] },
  { name: 'Slides: replace', document: slidesImage, steps: [generate, insert('replace')] },
  { name: 'Slides: background', document: deckOn('slide-2'), steps: [generate, insert('background')] },
  {
    name: 'Slides: placeholder fill',
    document: deckOn('slide-3', ['s3-picture']),
    steps: [generate, insert('insert')],
  },
  { name: 'Slides: edit', document: slidesImage, given: [target], steps: [edit] },
  { name: 'Slides: apply an edit', document: slidesImage, given: [target], steps: [edit, apply] },
  { name: 'Docs: generate', document: cursor, steps: [generate] },
  { name: 'Docs: cursor', document: cursor, steps: [generate, insert('insert')] },
  { name: 'Docs: paragraph', document: range, steps: [generate, insert('insert')] },
  { name: 'Docs: replace', document: docsImage, steps: [generate, insert('replace')] },
  { name: 'Docs: edit', document: docsImage, given: [target], steps: [edit] },
  { name: 'Docs: apply an edit', document: docsImage, given: [target], steps: [edit, apply] },
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

/** Faults where Gemini answered 200 and made the image, but the answer cannot be used. */
const ANSWERED: ReadonlySet<string> = new Set(['malformed-json', 'truncated-base64']);

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
  /** The document's properties (threads, but not cost entries) and the user's (a versions folder). */
  readonly properties: string;
  /** The document's cost entries, `key=usd`. */
  readonly costs: readonly string[];
  /** Every cache: previews and held signatures live in the user's. */
  readonly cache: string;
  /** Versions kept in Drive. */
  readonly drive: string;
}

function snapshot(world: World): Snapshot {
  const id = world.document?.id ?? '';
  const record = Object.entries(world.properties.document(id).getProperties());
  const isCost = ([key]: [string, string]) => key.startsWith(COST_ENTRY_PREFIX);
  return {
    document: JSON.stringify(world.document),
    properties: JSON.stringify([
      Object.fromEntries(record.filter((e) => !isCost(e))),
      world.properties.user(DEFAULT_USER).getProperties(),
    ]),
    costs: record
      .filter(isCost)
      .map(([key, usd]) => `${key}=${usd}`)
      .sort(),
    // The organization's policy as read from the script store waits in the user's cache whatever the call did:
    // a copy of the administrator's rules, not something a failure leaves behind.
    cache: JSON.stringify(
      Object.fromEntries(
        Object.entries(world.cache.snapshot())
          .map(([scope, entries]) => [
            scope,
            Object.fromEntries(Object.entries(entries).filter(([key]) => key !== POLICY_CACHE_KEY)),
          ])
          .filter(([, entries]) => Object.keys(entries as object).length > 0),
      ),
    ),
    drive: JSON.stringify(world.drive.list()),
  };
}

/** A sentence: starts with a capital or a digit, ends with a full stop, question or exclamation mark. */
const SENTENCE = /^[A-Z0-9“"].*[.!?)]$/s;

/** Why the words do not fit the call, or null when they do. */
function misfit(step: Step, error: UserFacingError): string | null {
  if (!SENTENCE.test(error.message) || !SENTENCE.test(error.action)) return 'not sentences';
  // A failed Gemini call has nothing to insert or apply: its next step never offers to.
  if (step.calls === 'gemini' && /\b(insert|apply)/i.test(`${error.message} ${error.action}`))
    return 'offers to insert';
  // A plain generate carried no reference images and no conversation: its words do not mention them.
  if (step.call === 'generateImage' && /reference image|conversation/i.test(`${error.message} ${error.action}`)) {
    return 'mentions what the request did not contain';
  }
  if (error.code === 'RATE_LIMITED') {
    if (error.retryAfterSeconds !== RATE_DELAY_S) return `retryAfterSeconds ${error.retryAfterSeconds}`;
    if (!error.action.includes(`${RATE_DELAY_S} seconds`)) return 'does not say when to retry';
  }
  if (error.code === 'DAILY_QUOTA' && !/midnight|tomorrow|hours?/i.test(error.action)) return 'does not say when';
  return null;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * One editor's cells: its own World, seen by one runtime per way a fault is brought about. Slides and Docs run
 * side by side under the same injected fault, so the matrix takes about half as long.
 */
interface Lane {
  readonly world: World;
  readonly runtimes: ReadonlyMap<Via, Runtime>;
  readonly actions: readonly Action[];
  /** What each action's `given` steps carried: they only read, so they run once per action. */
  readonly given: Map<Action, Carried>;
}

describe('the fault matrix (the real bundle in the runtime, against the emulator)', () => {
  let bundle: Bundle;
  let allowDir = '';
  let silent: Server;
  const sockets = new Set<Socket>();
  const lanes: Lane[] = [];

  beforeAll(async () => {
    bundle = await startBundle(demoDeck(), { sleepScale: SLEEP_SCALE });
    const emulator = to(`${bundle.emulator.url}/`);
    // A host that accepts the connection and never answers.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentHost = to(`http://127.0.0.1:${(silent.address() as { port: number }).port}/`);
    // A port nobody listens on any more: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = to(`http://127.0.0.1:${(closed.address() as { port: number }).port}/`);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // The same Code.js deployed with a manifest whose allowlist lacks Gemini's host.
    allowDir = await mkdtemp(path.join(tmpdir(), 'peel-fault-matrix-'));
    for (const file of ['Code.js', 'Sidebar.html']) await copyFile(path.join(DIST, file), path.join(allowDir, file));
    const manifest = JSON.parse(await readFile(path.join(DIST, 'appsscript.json'), 'utf8')) as {
      urlFetchWhitelist?: string[];
    };
    manifest.urlFetchWhitelist = (manifest.urlFetchWhitelist ?? []).filter((u) => !u.includes('generativelanguage'));
    await writeFile(path.join(allowDir, 'appsscript.json'), JSON.stringify(manifest));

    for (const kind of ['deck', 'doc'] as const) {
      const actions = ACTIONS.filter((a) => a.document().kind === kind);
      const main = kind === 'deck' ? bundle.runtime : bundleRuntime(new World(), bundle.emulator, RUNTIME);
      // The others share the World, so their cells see and change the same document, properties and cache.
      // Only the cells that must meet the deadline get the short one: a refused connection or an allowlist
      // refusal fails at once, and on a loaded machine it could take longer than a 100 ms deadline to say so.
      const sibling = (urlRewrites: UrlRewrite[], distDir = DIST, fetchDeadlineMs?: number) =>
        new Runtime({
          ...RUNTIME,
          distDir,
          world: main.world,
          urlRewrites,
          ...(fetchDeadlineMs ? { fetchDeadlineMs } : {}),
        });
      const runtimes = new Map<Via, Runtime>([
        ['emulator', main],
        ['short-deadline', sibling(emulator, DIST, SHORT_DEADLINE_MS)],
        ['silent-host', sibling(silentHost, DIST, SHORT_DEADLINE_MS)],
        ['closed-port', sibling(closedPort)],
        ['allowlist', sibling(emulator, allowDir)],
      ]);
      const saved = await main.run('saveApiKey', [KEY], { trigger: 'script.run' });
      expect(saved.value).toMatchObject({ ok: true });
      lanes.push({ world: main.world, runtimes, actions, given: new Map() });
    }
  });

  afterAll(async () => {
    for (const lane of lanes) {
      for (const rt of lane.runtimes.values()) if (rt !== bundle.runtime) await rt.close();
    }
    await bundle?.close();
    for (const socket of sockets) socket.destroy();
    if (silent) await new Promise<void>((resolve) => silent.close(() => resolve()));
    if (allowDir) await rm(allowDir, { recursive: true, force: true });
  });

  interface Outcome {
    readonly step: Step;
    readonly result: Result<unknown>;
  }

  /** Runs steps until one fails; the last step's outcome. */
  async function perform(rt: Runtime, steps: readonly Step[], carried: Carried): Promise<Outcome> {
    let outcome: Outcome | undefined;
    for (const step of steps) {
      let result: Result<never> | undefined;
      // The sidebar's waits, without the waiting: each "call again" is bounded by the server's attempt limit.
      for (let call = 0; call < 10; call++) {
        const { value, record } = await rt.run(step.call, step.args(carried), { trigger: 'script.run' });
        result = value as Result<never> | undefined;
        if (result === undefined) throw new Error(`${step.call} failed outright: ${record.error}`);
        if (!result.ok || !step.again?.(result.value, carried)) break;
      }
      if (result === undefined) throw new Error(`${step.call} never answered`);
      outcome = { step, result };
      if (!result.ok) return outcome;
      step.carry?.(result.value, carried);
    }
    if (!outcome) throw new Error('an action without steps');
    return outcome;
  }

  /** A fresh document for the action, no document properties, an empty cache; what its `given` steps carry. */
  async function ready(lane: Lane, action: Action): Promise<Carried> {
    const { world } = lane;
    world.document = action.document();
    world.properties.document(world.document.id).deleteAllProperties();
    world.cache.clear();
    let given = lane.given.get(action);
    if (!given) {
      given = {};
      if (action.given) {
        const { step, result } = await perform(main(lane), action.given, given);
        if (!result.ok) throw new Error(`${action.name}: ${step.call} failed before the fault: ${result.error.code}`);
      }
      lane.given.set(action, given);
    }
    return { ...given };
  }

  const main = (lane: Lane): Runtime => lane.runtimes.get('emulator') as Runtime;
  const laneOf = (action: Action): Lane => lanes.find((l) => l.actions.includes(action)) as Lane;

  it.each(ACTIONS.map((a) => [a.name, a] as const))(
    'control: %s without a fault reaches the document and its record',
    async (_name, action) => {
      bundle.emulator.reset();
      const lane = laneOf(action);
      const carried = await ready(lane, action);
      const before = snapshot(lane.world);
      const { result } = await perform(main(lane), action.steps, carried);
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      const after = snapshot(lane.world);
      // A cost entry, and a preview kept for Insert; an insert also changed the document.
      expect(after.costs).not.toEqual(before.costs);
      expect(after.cache).not.toBe(before.cache);
      const writes = action.steps.some((s) => s.calls === 'document');
      expect(after.document !== before.document).toBe(writes);
    },
  );

  it('holds in every cell: document, records and words unchanged by a failed request', async () => {
    const broken: string[] = [];
    let cells = 0;

    async function cell(lane: Lane, fault: FaultCase, action: Action): Promise<void> {
      cells++;
      const carried = await ready(lane, action);
      const before = snapshot(lane.world);
      const rt = lane.runtimes.get(fault.via) as Runtime;
      const { step, result } = await perform(rt, action.steps, carried);
      const after = snapshot(lane.world);
      const wrong: string[] = [];
      if (result.ok) wrong.push(`${step.call} succeeded`);
      else {
        if (result.error.code !== fault.code) wrong.push(`${step.call} said ${result.error.code}, not ${fault.code}`);
        const why = misfit(step, result.error);
        if (why) wrong.push(`${step.call}'s words: ${why} (“${result.error.action}”)`);
      }
      if (after.document !== before.document) wrong.push('the document changed');
      if (after.properties !== before.properties) wrong.push(`properties changed: ${after.properties}`);
      // Gemini made the image but its answer was cut short: Peel errs towards counting it, once, and says so.
      const added = after.costs.filter((c) => !before.costs.includes(c));
      const charged = result.ok ? undefined : result.error.chargedUsd;
      if (ANSWERED.has(fault.name) && step.calls === 'gemini') {
        if (added.length !== 1 || Number(added[0]?.split('=')[1]) !== charged) {
          wrong.push(`counted ${added.join(', ') || 'nothing'}, said ${charged}`);
        } else if (!result.ok && !result.error.action.includes('counted')) wrong.push('does not say it was counted');
      } else if (added.length > 0 || charged !== undefined) wrong.push(`a cost was recorded: ${added.join(', ')}`);
      if (after.cache !== before.cache) wrong.push('a preview was left in the cache');
      if (after.drive !== before.drive) wrong.push('a version was left in Drive');
      if (wrong.length > 0) broken.push(`${fault.name} × ${action.name}: ${wrong.join('; ')}`);
    }

    for (const fault of FAULTS) {
      bundle.emulator.reset();
      // In force for every request until the reset: retries meet it too.
      if (fault.fault) bundle.emulator.inject(fault.fault);
      await Promise.all(
        lanes.map(async (lane) => {
          for (const action of lane.actions) await cell(lane, fault, action);
        }),
      );
    }
    bundle.emulator.reset();
    console.log(`fault matrix: ${cells - broken.length} of ${cells} held`);
    expect(broken).toEqual([]);
    expect(cells).toBe(FAULTS.length * ACTIONS.length);
  }, 240_000);
});
