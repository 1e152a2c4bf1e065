/**
 * The flows a person meets, each as the sidebar makes it today (its google.script.run calls, in order), with
 * the platform time the latency profile models for it, against a floor: the fewest round trips and calls that
 * flow needs, each argued in one line below, charged by the same profile.
 *
 * The server functions and their arguments are written here once, in FLOWS. When the sidebar stops making a
 * call (a getTarget or getThread after Insert or Apply) or a request changes shape, change its step here.
 */
import type { ImageCallOutcome, InsertResult, JobPlan, JobView, SidebarContext, Target } from '../../src/shared/rpc';
import type { ExecutionResult, LatencyProfile, Runtime, World } from '../runtime/index';
import type { DeckState } from '../runtime/model';
import { charge, costOf, evalMs } from '../runtime/platform-cost';
import { propertyOps } from './budgets';
import { applyRequest, editRequest, GENERATE_WHERE, insertRequest } from './requests';

/** Code.js's size budget: the floor evaluates a bundle of this size, so a larger one shows in the ratio. */
export const CODE_JS_BUDGET_BYTES = 204_800;
export const FLOW_RATIO_TARGET = 1.25;

/** What earlier steps of the run answered, for the arguments of later ones. */
interface Seen {
  model: string;
  documentCostUsd?: number | null;
  imageId?: string;
  objectId?: string | undefined;
  target?: Target;
  editedId?: string;
  editedText?: string | null;
  jobId?: string;
}

interface Step {
  readonly fn: string;
  readonly trigger?: 'menu';
  readonly args: (seen: Seen) => unknown[];
  /** Keeps what the answer says that later steps send back. */
  readonly keep?: (seen: Seen, value: unknown) => void;
}

/** One call the flow cannot do without, and why. */
interface Needed {
  readonly call: string;
  readonly why: string;
}

interface Flow {
  readonly name: string;
  readonly label: string;
  /** Puts the document and the server where the flow starts (not measured). */
  readonly setup?: (world: World, run: (fn: string, args: unknown[]) => Promise<unknown>, seen: Seen) => Promise<void>;
  readonly steps: readonly Step[];
  /**
   * The floor: the executions the flow needs (each with its start and evaluation), and the calls inside them
   * (`Service.method`, or a remote's profile name for a Google service reached over UrlFetchApp).
   */
  readonly floor: { readonly executions: readonly ('script.run' | 'menu')[]; readonly calls: readonly Needed[] };
}

const unwrap = (value: unknown) => {
  const wire = value as { ok: boolean; value?: unknown; error?: unknown } | undefined;
  if (!wire?.ok) throw new Error(`failed: ${JSON.stringify(wire?.error)}`);
  return wire.value;
};

const PROMPT = 'A lighthouse on a cliff at dawn, watercolour';
const INSTRUCTION = 'Make the sky more dramatic';

/** Calls several flows need, as runs: the user's key; one call to Gemini; a preview kept; a preview read back. */
const KEY: readonly Needed[] = [
  { call: 'PropertiesService.getUserProperties', why: 'the key is the user’s' },
  { call: 'PropertiesService.getProperty', why: 'one read of it' },
];
const GEMINI: readonly Needed[] = [
  { call: 'UrlFetchApp.fetchAll', why: 'the request to Gemini' },
  // An image answer is a 200's: its body settles success, and getResponseCode is asked only for any other body.
  { call: 'UrlFetchApp.getContentText', why: 'the image' },
];
const KEEP_PREVIEW: readonly Needed[] = [
  { call: 'CacheService.getUserCache', why: 'the image waits in the user’s cache' },
  { call: 'CacheService.putAll', why: 'in chunks, one call' },
];
/** A read-modify-write of shared state under the document lock, which is taken and let go around it. */
const locked = (why: string, ...inside: Needed[]): Needed[] => [
  { call: 'LockService.tryLock', why },
  ...inside,
  { call: 'LockService.releaseLock', why: 'let others in' },
];
const documentLock: Needed = { call: 'LockService.getDocumentLock', why: 'document state is shared' };
/**
 * A cost entry is a key of its own, written without the document lock: no write to the store deletes a key it did
 * not read (document-store.ts: a fold or a prune deletes key by key), so an entry cannot land inside another
 * execution's rewrite and be lost. Written at Generate, not at Insert: the image is paid for whether or not
 * anyone inserts it.
 */
const COST_ENTRY: readonly Needed[] = [
  {
    call: 'PropertiesService.setProperties',
    why: 'the entry, with anything this user still owes the document, one write',
  },
];
const READ_PREVIEW: readonly Needed[] = [
  { call: 'CacheService.getUserCache', why: 'the image waiting in the user’s cache' },
  { call: 'CacheService.getAll', why: 'its chunks, one call' },
  { call: 'Utilities.base64Decode', why: 'the bytes' },
  { call: 'Utilities.newBlob', why: 'as an image' },
];

// The sidebar's calls per flow. Where they come from: sidebar/controller.ts (start), features/session
// (getTarget), features/thread (getThread, editImage, applyEdit and afterChange), features/results (generate,
// insert), features/job (runJobItem, reviewJobItem). Insert, Edit and Apply's requests are in ./requests.ts.
const getTarget: Step = {
  fn: 'getTarget',
  args: () => [],
  keep: (seen, value) => {
    seen.target = value as Target;
  },
};
/** The sidebar names the picture whose thread it shows (none here): a newly selected picture brings its thread. */
const selectPicture: Step = { ...getTarget, args: () => [null] };

export const FLOWS: readonly Flow[] = [
  {
    name: 'open',
    label: 'Open Peel until Generate is ready',
    steps: [
      { fn: 'showSidebar', trigger: 'menu', args: () => [] },
      // Generate is enabled by this answer; the sidebar's other opening calls run after it, off this path.
      {
        fn: 'getSidebarContext',
        args: () => [],
        // The document's total, which the sidebar carries and sends with each Generate.
        keep: (seen, value) => {
          seen.documentCostUsd = (value as SidebarContext).documentCostUsd;
        },
      },
    ],
    floor: {
      executions: ['menu', 'script.run'],
      calls: [
        { call: 'HtmlService.createHtmlOutputFromFile', why: 'the sidebar is a project file' },
        { call: 'HtmlService.setTitle', why: 'the sidebar is titled Peel' },
        { call: 'SlidesApp.getUi', why: 'a sidebar is shown through the editor’s Ui' },
        { call: 'SlidesApp.showSidebar', why: 'showing it' },
        { call: 'CacheService.getUserCache', why: 'the remembered model menu is the user’s' },
        { call: 'CacheService.get', why: 'one read of it' },
        { call: 'PropertiesService.getDocumentProperties', why: 'the document’s running cost is shared' },
        { call: 'PropertiesService.getProperties', why: 'one read of the cost entries' },
      ],
    },
  },
  {
    name: 'generate_insert',
    label: 'Generate and Insert (one variant, nothing selected)',
    // The sidebar read the selection when the pointer came back to it, before the person typed and pressed
    // Generate: off this path. The server kept that reading, and the sidebar shows it ("Goes to").
    setup: async (world, run, seen) => {
      select(world, null);
      seen.target = unwrap(await run('getTarget', [])) as Target;
    },
    steps: [
      // Generate finds where the image goes (the ratio, a refusal before anything is billed) in the reading the
      // sidebar shows, by its id, and answers with it: the selection is not read, before Generate or in it.
      {
        fn: 'generateImage',
        args: (seen) => [
          {
            prompt: PROMPT,
            model: seen.model,
            aspectRatio: '16:9',
            selection: 'fit',
            imageSize: '1K',
            where: GENERATE_WHERE,
            placeId: seen.target?.placeId ?? null,
            ...(seen.documentCostUsd != null ? { documentCostUsd: seen.documentCostUsd } : {}),
          },
        ],
        keep: (seen, value) => {
          const outcome = value as ImageCallOutcome;
          if (outcome.kind !== 'image') throw new Error('generateImage asked to wait');
          seen.imageId = outcome.image.id;
        },
      },
      // Insert reads the selection itself, as it is when the person presses Insert: no read before it.
      {
        fn: 'insertImage',
        args: (seen) => [insertRequest(seen.imageId, GENERATE_WHERE, seen.target?.placeId)],
        keep: (seen, value) => {
          seen.objectId = (value as InsertResult).objectId ?? undefined;
        },
      },
      // Insert's answer carries the new thread: the sidebar makes no further call.
    ],
    floor: {
      // Generate must run on the server (the key and the fetch are there) and finds where the image goes in
      // the reading the sidebar showed (kept in the user's cache when the pointer came back), with what that
      // reading read of the document (the deck's style, named references, the store's size); Insert changes the
      // document on the slide the sidebar shows as the person presses it (read again when the pointer came back),
      // found by its id, and answers with the new thread. Neither takes the document lock (the cost entry and a
      // new picture's thread are keys nobody else writes, and no rewrite of the store deletes a key it did not
      // read). 23 calls. Generate 9: the shown place and the policy (2), the user's store (2: the key), the fetch
      // (2), the cost entry (2), the preview (1). Insert 14: the presentation (1), the preview and the shown
      // place read back (4), the slide by its id and the layout's check (3), the insert with its alt text and id
      // (4), the thread (2). A box to fill, a picture to replace, or a reading the server no longer keeps: Insert
      // reads the selection as it is then (three calls more).
      // Property operations: 3, the user's store read, the cost entry, the thread.
      executions: ['script.run', 'script.run'],
      calls: [
        { call: 'CacheService.getUserCache', why: 'the place the sidebar showed was kept in the user’s cache' },
        {
          call: 'CacheService.getAll',
          why:
            'one read: that place (the ratio, or a refusal before billing; the slide’s layout for Insert) and the ' +
            'organization’s policy (models, sizes, budgets) as last read, checked before anything is sent',
        },
        { call: 'PropertiesService.getUserProperties', why: 'the key is the user’s' },
        { call: 'PropertiesService.getProperties', why: 'one read: the key and the user’s id' },
        ...GEMINI,
        { call: 'PropertiesService.getDocumentProperties', why: 'the cost entry is the document’s' },
        ...COST_ENTRY,
        { call: 'CacheService.putAll', why: 'the image and its record wait in the user’s cache, one call' },
        { call: 'SlidesApp.getActivePresentation', why: 'Insert works on it' },
        ...READ_PREVIEW,
        { call: 'SlidesApp.getSlideById', why: 'the slide the sidebar shows as the person presses Insert' },
        { call: 'SlidesApp.getPageElements', why: 'as many elements as the shown layout: nothing was added' },
        { call: 'SlidesApp.getRotation', why: 'a box the picture would cover, read again as drawn (turned)' },
        { call: 'SlidesApp.insertImage', why: 'the insert' },
        { call: 'SlidesApp.setTitle', why: 'alt text title' },
        { call: 'SlidesApp.setDescription', why: 'alt text description' },
        { call: 'SlidesApp.getObjectId', why: 'its identity, for its thread' },
        { call: 'PropertiesService.getDocumentProperties', why: 'the thread is the document’s' },
        {
          call: 'PropertiesService.setProperties',
          why: 'a new image’s thread is a new key nobody else knows yet: written, not read, no lock',
        },
      ],
    },
  },
  {
    name: 'select',
    label: 'Select a picture until its edit view shows',
    // The picture generate_insert placed, which has a thread.
    setup: async (world, _run, seen) => {
      if (!seen.objectId) throw new Error('select needs the picture generate_insert placed');
      select(world, seen.objectId);
    },
    steps: [selectPicture],
    floor: {
      // The thread view can come with the reading of the selection: one execution.
      executions: ['script.run'],
      calls: [
        { call: 'SlidesApp.getActivePresentation', why: 'the selection is the presentation’s' },
        { call: 'SlidesApp.getSelection', why: 'what is selected' },
        { call: 'SlidesApp.getSelectionType', why: 'a picture, a box or a page' },
        { call: 'SlidesApp.getPageElementRange', why: 'the selected elements' },
        { call: 'SlidesApp.getPageElements', why: 'of the range' },
        { call: 'SlidesApp.getPageElementType', why: 'it is an image' },
        { call: 'SlidesApp.asImage', why: 'to read it as one' },
        { call: 'SlidesApp.getObjectId', why: 'its identity, which names its thread' },
        { call: 'SlidesApp.getBlob', why: 'the picture the edit view shows' },
        { call: 'PropertiesService.getDocumentProperties', why: 'threads live in the document' },
        {
          call: 'PropertiesService.getProperties',
          why: 'one read: this image’s thread, and the deck’s style a Generate from here draws with',
        },
      ],
    },
  },
  {
    name: 'edit_apply',
    label: 'Edit and Apply (one variant, the picture selected)',
    setup: async (world, run, seen) => {
      select(world, seen.objectId);
      seen.target = unwrap(await run('getTarget', [])) as Target;
    },
    steps: [
      {
        fn: 'editImage',
        args: (seen) => [editRequest(seen.target, INSTRUCTION, seen.model)],
        keep: (seen, value) => {
          const outcome = value as ImageCallOutcome;
          if (outcome.kind !== 'image') throw new Error('editImage asked to wait');
          seen.editedId = outcome.image.id;
          seen.editedText = outcome.text ?? null;
        },
      },
      {
        fn: 'applyEdit',
        args: (seen) => [applyRequest(seen.editedId)],
      },
      // Apply's answer carries the thread as it is now: the sidebar makes no further call.
    ],
    floor: {
      executions: ['script.run', 'script.run'],
      calls: [
        { call: 'SlidesApp.getActivePresentation', why: 'Edit reads the picture as it is now' },
        { call: 'SlidesApp.getPageElementById', why: 'the picture by its ref' },
        { call: 'SlidesApp.asImage', why: 'as an image' },
        { call: 'SlidesApp.getBlob', why: 'its bytes are what Gemini edits' },
        ...KEY,
        { call: 'PropertiesService.getDocumentProperties', why: 'the thread (the earlier instructions)' },
        { call: 'PropertiesService.getProperty', why: 'one key' },
        ...GEMINI,
        ...KEEP_PREVIEW,
        { call: 'PropertiesService.setProperty', why: 'its cost entry, its own key' },
        { call: 'SlidesApp.getActivePresentation', why: 'Apply replaces the picture' },
        { call: 'SlidesApp.getPageElementById', why: 'by its ref' },
        { call: 'SlidesApp.asImage', why: 'as an image' },
        { call: 'SlidesApp.getBlob', why: 'the version it replaces is kept' },
        { call: 'ScriptApp.getOAuthToken', why: 'Drive with the user’s own token' },
        { call: 'UrlFetchApp.fetch', why: 'one multipart upload of that version' },
        { call: 'Drive upload.request', why: 'Drive’s own time for that upload' },
        { call: 'UrlFetchApp.getResponseCode', why: 'it was kept' },
        { call: 'UrlFetchApp.getContentText', why: 'its file id' },
        ...READ_PREVIEW,
        documentLock,
        ...locked(
          'the thread is read and written under the lock',
          { call: 'PropertiesService.getDocumentProperties', why: 'the thread' },
          { call: 'PropertiesService.getProperty', why: 'read under the lock' },
          { call: 'PropertiesService.setProperty', why: 'written with the new turn' },
        ),
        { call: 'SlidesApp.getDescription', why: 'a description a person wrote is kept' },
        { call: 'SlidesApp.setDescription', why: 'alt text follows the edit' },
        { call: 'SlidesApp.replace', why: 'the swap, last' },
      ],
    },
  },
  {
    name: 'job_item',
    label: 'One deck-job item: draw it, then Accept it',
    setup: async (world, run, seen) => {
      select(world, null);
      const plan = unwrap(
        await run('planDeckJob', [{ kind: 'illustrate', model: seen.model, imageSize: '1K' }]),
      ) as JobPlan;
      const item = plan.items[0];
      if (!item) throw new Error('the demo deck gave no item to illustrate');
      const view = unwrap(
        await run('startDeckJob', [
          {
            kind: 'illustrate',
            model: seen.model,
            imageSize: '1K',
            capUsd: 100,
            items: [{ key: item.key, prompt: item.prompt, aspectRatio: item.aspectRatio }],
          },
        ]),
      ) as JobView;
      seen.jobId = view.id;
    },
    steps: [
      { fn: 'runJobItem', args: (seen) => [{ jobId: seen.jobId, index: 0 }] },
      { fn: 'reviewJobItem', args: (seen) => [{ jobId: seen.jobId, index: 0, action: 'accept' }] },
    ],
    floor: {
      // Drawing is one execution; accepting is the person's decision, later: another.
      executions: ['script.run', 'script.run'],
      calls: [
        ...KEY,
        documentLock,
        ...locked(
          'the item is claimed under the lock, not held over the fetch',
          { call: 'PropertiesService.getDocumentProperties', why: 'the job lives in the document' },
          { call: 'PropertiesService.getProperties', why: 'header and item in one read' },
          { call: 'PropertiesService.setProperty', why: 'the item is drawing' },
        ),
        ...GEMINI,
        ...KEEP_PREVIEW,
        ...locked('the proposal is recorded under the lock', {
          call: 'PropertiesService.setProperties',
          why: 'its cost entry and the item, one write',
        }),
        documentLock,
        ...locked(
          'Accept claims the proposal, not held while placing',
          { call: 'PropertiesService.getDocumentProperties', why: 'the job' },
          { call: 'PropertiesService.getProperties', why: 'header and item' },
          { call: 'PropertiesService.setProperty', why: 'claimed' },
        ),
        ...READ_PREVIEW,
        { call: 'SlidesApp.getActivePresentation', why: 'placing it' },
        { call: 'SlidesApp.getSlideById', why: 'its slide' },
        { call: 'SlidesApp.getPageElements', why: 'placement avoids text' },
        { call: 'SlidesApp.insertImage', why: 'the insert' },
        { call: 'SlidesApp.setTitle', why: 'alt text title' },
        { call: 'SlidesApp.setDescription', why: 'alt text description' },
        { call: 'SlidesApp.getObjectId', why: 'for its thread' },
        ...locked('the item is placed', {
          call: 'PropertiesService.setProperties',
          why: 'the item and the new thread, one write',
        }),
      ],
    },
  },
];

function select(world: World, objectId: string | null | undefined): void {
  const deck = world.document as DeckState;
  const slide =
    (objectId && deck.slides.find((s) => s.elements.some((e) => e.objectId === objectId))) || deck.slides[0];
  if (!slide) throw new Error('the deck has no slide');
  deck.selection = { pageId: slide.objectId, elementIds: objectId ? [objectId] : [], text: null };
}

export interface FlowFigures {
  readonly name: string;
  readonly label: string;
  readonly roundTrips: number;
  readonly calls: number;
  readonly propertyOps: number;
  readonly platformMs: number;
  readonly floorMs: number;
  readonly floorRoundTrips: number;
  readonly floorCalls: number;
  readonly ratio: number;
  /** Per step: its modelled ms and what made it up. */
  readonly note: string;
}

const round = (ms: number) => Math.round(ms);

function stepNote(result: ExecutionResult): string {
  const p = result.record.platform;
  const services = Object.entries(p.byService)
    .sort((a, b) => b[1] - a[1])
    .map(([service, ms]) => `${service} ${round(ms)}`)
    .join(', ');
  const calls = Object.values(result.record.serviceCalls).reduce((a, b) => a + b, 0);
  return `${result.record.functionName} ${round(p.ms)} ms (start ${round(p.start)}, eval ${round(p.eval)}, ${calls} calls ${round(p.calls + p.remote)}${services ? `: ${services}` : ''})`;
}

/**
 * The floor's charge: each needed execution's start and the budget-sized bundle's evaluation, and each needed
 * call at what the flow's own call of that method cost (its bytes included), or the profile's figure.
 */
function floorMs(profile: LatencyProfile, flow: Flow, measured: readonly ExecutionResult[]): number {
  const perCall = new Map<string, number>();
  for (const result of measured) {
    for (const [method, { calls, ms }] of Object.entries(result.record.platform.byMethod)) {
      perCall.set(method, Math.max(perCall.get(method) ?? 0, ms / calls));
    }
  }
  const starts = flow.floor.executions.reduce(
    (sum, kind) =>
      sum +
      charge(kind === 'script.run' ? profile.scriptRunStart : profile.executionStart) +
      evalMs(profile, CODE_JS_BUDGET_BYTES),
    0,
  );
  const calls = flow.floor.calls.reduce((sum, { call }) => {
    const [service = '', method = ''] = call.split('.');
    const remote = profile.remotes.find((r) => r.name === service);
    return sum + (perCall.get(call) ?? charge(remote ? remote.cost : costOf(profile, service, method)));
  }, 0);
  return starts + calls;
}

/** A needed request to a Google service the profile times over UrlFetchApp (Drive), not a service call. */
const isRemote = (profile: LatencyProfile, call: string) => profile.remotes.some((r) => call.startsWith(`${r.name}.`));

/** Runs every flow once, in order (each starts where the one before left the document), as `user`. */
export async function measureFlows(
  runtime: Runtime,
  world: World,
  user: string,
  model: string,
  profile: LatencyProfile,
): Promise<FlowFigures[]> {
  const documentId = world.document?.id ?? '';
  const seen: Seen = { model };
  const run = async (fn: string, args: unknown[], trigger: 'script.run' | 'menu' = 'script.run') => {
    const result = await runtime.run(fn, args, { trigger, user });
    if (result.record.status !== 'ok') throw new Error(`${fn} failed: ${result.record.error}`);
    return result;
  };
  const figures: FlowFigures[] = [];
  for (const flow of FLOWS) {
    await flow.setup?.(world, async (fn, args) => (await run(fn, args)).value, seen);
    const before = propertyOps(world, user, documentId);
    const results: ExecutionResult[] = [];
    for (const step of flow.steps) {
      const result = await run(step.fn, step.args(seen), step.trigger ?? 'script.run');
      results.push(result);
      if (step.trigger !== 'menu') step.keep?.(seen, unwrap(result.value));
    }
    const platformMs = results.reduce((sum, r) => sum + r.record.platform.ms, 0);
    const floor = floorMs(profile, flow, results);
    figures.push({
      name: flow.name,
      label: flow.label,
      roundTrips: results.length,
      calls: results.reduce((sum, r) => sum + Object.values(r.record.serviceCalls).reduce((a, b) => a + b, 0), 0),
      propertyOps: propertyOps(world, user, documentId) - before,
      platformMs,
      floorMs: floor,
      floorRoundTrips: flow.floor.executions.length,
      floorCalls: flow.floor.calls.filter(({ call }) => !isRemote(profile, call)).length,
      ratio: platformMs / floor,
      note: results.map(stepNote).join('; '),
    });
  }
  return figures;
}

/**
 * What the sidebar pays each time it reads the selection: one getTarget with nothing selected on the demo
 * slide with the most elements (placement reads every one of them).
 */
export async function measureReadSelection(
  runtime: Runtime,
  world: World,
  user: string,
): Promise<{ first: ExecutionResult; again: ExecutionResult }> {
  const deck = world.document as DeckState;
  const busiest = [...deck.slides].sort((a, b) => b.elements.length - a.elements.length)[0];
  if (!busiest) throw new Error('the deck has no slide');
  const selection = deck.selection;
  deck.selection = { pageId: busiest.objectId, elementIds: [], text: null };
  try {
    // The sidebar reads the selection each time the pointer comes back to it: the first read of a slide walks
    // its elements, the reads after it (the ones a person pays again and again) reuse that walk.
    const read = async () => {
      const result = await runtime.run('getTarget', [], { trigger: 'script.run', user });
      if (result.record.status !== 'ok') throw new Error(`getTarget failed: ${result.record.error}`);
      return result;
    };
    const first = await read();
    return { first, again: await read() };
  } finally {
    deck.selection = selection;
  }
}
