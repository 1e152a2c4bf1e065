/**
 * Apps Script call budgets per flow, measured on the built bundle: what tests used to pin as exact counts. A
 * count that grows is a cost (quota, latency per call), not a wrong answer, so it is a ceiling here and never
 * a test assertion. Calls are counted as the execution transcript lists them: every method on every Apps Script
 * object.
 */

import type { ExecutionResult, Runtime, World } from '../runtime/index';
import type { DeckState } from '../runtime/model';
import { ALPHA_TOLERANCE, measureMatteEdgeError } from './matte';
import { measureRegionOutsideChange } from './region';
import { insertRequest } from './requests';

export interface Budget {
  readonly name: string;
  readonly value: number;
  readonly ceiling: number;
  readonly note: string;
}

export const serviceCallCount = (result: ExecutionResult) =>
  Object.values(result.record.serviceCalls).reduce((a, b) => a + b, 0);

const breakdown = (result: ExecutionResult) =>
  Object.entries(result.record.serviceCalls)
    .map(([service, n]) => `${service} ${n}`)
    .join(', ');

/** Reads and writes so far on the stores an execution as `user` in this document can reach. */
export function propertyOps(world: World, user: string, documentId: string): number {
  const stores = [world.properties.script, world.properties.user(user), world.properties.document(documentId)];
  return stores.reduce((sum, store) => sum + store.counts.reads + store.counts.writes, 0);
}

/**
 * Puts the deck's slides and selection back as they are now. A measured insert lands in the current slide's
 * free space; repeated without this, the slide fills up and later inserts go on a new slide after it, another
 * path with calls of its own (the slides' ids read to find its index, the new slide, showing it).
 */
export function deckKeeper(world: World): () => void {
  const deck = world.document as DeckState;
  const slides = structuredClone(deck.slides);
  const selection = structuredClone(deck.selection);
  return () => {
    deck.slides = structuredClone(slides);
    deck.selection = structuredClone(selection);
  };
}

function ok<T>(result: ExecutionResult, what: string): T {
  const wire = result.value as { ok: boolean; value?: T; error?: unknown } | undefined;
  if (!wire?.ok) throw new Error(`${what} failed: ${JSON.stringify(wire?.error ?? result.record.error)}`);
  return wire.value as T;
}

interface GenerateRequest {
  prompt: string;
  model: string;
  aspectRatio: string;
  imageSize: string;
  documentCostUsd?: number;
  selection?: 'fit' | 'check';
  placeId?: string | undefined;
}

/**
 * Each flow once, on the demo deck with the bench's user (who has a key) and with an organization member (who
 * has none). `request()` gives a fresh Generate request carrying the running total, as the sidebar sends it.
 */
export async function measureBudgets(
  runtime: Runtime,
  world: World,
  user: string,
  request: () => GenerateRequest,
): Promise<Budget[]> {
  const documentId = world.document?.id ?? '';
  const measure = async (name: string, args: unknown[], options: { user?: string; trigger?: 'menu' } = {}) => {
    const who = options.user ?? user;
    const before = propertyOps(world, who, documentId);
    const result = await runtime.run(name, args, { trigger: options.trigger ?? 'script.run', user: who });
    if (result.record.status !== 'ok') throw new Error(`${name} failed: ${result.record.error}`);
    return { result, ops: propertyOps(world, who, documentId) - before };
  };
  const generate = async (body: GenerateRequest, who?: string) => {
    const run = await measure('generateImage', [body], who ? { user: who } : {});
    const id = ok<{ image?: { id: string } }>(run.result, 'generateImage').image?.id;
    if (!id) throw new Error('generateImage returned no image');
    return { ...run, id };
  };
  // Insert sends the place the sidebar shows, as Generate did.
  const insert = (id: string, placeId?: string) => measure('insertImage', [insertRequest(id, undefined, placeId)]);

  const show = await measure('showSidebar', [], { trigger: 'menu' });
  const open = await measure('getSidebarContext', []);
  // The sidebar reads the selection when the pointer comes to it, and sends the id of that reading with
  // Generate, which finds the place it showed in the user's cache.
  const shown = async () => ok<{ placeId?: string }>((await measure('getTarget', [])).result, 'getTarget').placeId;
  const placeId = await shown();
  const putBack = deckKeeper(world);
  const generated = await generate({ ...request(), placeId });
  const inserted = await insert(generated.id, placeId);
  putBack();
  const { documentCostUsd: _carried, ...uncarried } = request();
  const withoutTotal = await generate(uncarried);

  // A picture placeholder is filled in place: no page, no page size.
  const deck = world.document as DeckState;
  const placeholder = deck.slides.flatMap((s) => s.elements.map((e) => ({ slide: s.objectId, id: e.objectId })));
  const picture = placeholder.find((p) => p.id === 's3-picture');
  if (!picture) throw new Error('the demo deck has no picture placeholder s3-picture');
  const selection = deck.selection;
  deck.selection = { pageId: picture.slide, elementIds: [picture.id], text: null };
  const fillId = await shown();
  const filled = await insert((await generate({ ...request(), placeId: fillId })).id, fillId);
  deck.selection = selection;

  // Someone without a key of their own uses the organization's, read from the script store. They have used Peel
  // before: a person's very first image also writes their random id to their own store, once (Settings.userId).
  world.properties.script.setProperty('PEEL_ORG_API_KEY', `AIza${'o'.repeat(35)}`);
  world.properties.user('member@example.com').setProperty('PEEL_USER_ID', 'benchmember00000000000000');
  const org = await generate(request(), 'member@example.com');
  world.properties.script.deleteProperty('PEEL_ORG_API_KEY');

  const calls = (name: string, run: { result: ExecutionResult }, ceiling: number, note: string): Budget => ({
    name,
    value: serviceCallCount(run.result),
    ceiling,
    note: `${note} (${breakdown(run.result)})`,
  });
  const ops = (name: string, run: { ops: number }, ceiling: number, note: string): Budget => ({
    name,
    value: run.ops,
    ceiling,
    note,
  });
  // Ceilings at the floor each flow needs, argued call by call in flows.ts (generate_insert): a count over it is
  // a call that can go. Generate 9: the place the sidebar showed, with what it read of the document (the deck's
  // style, named references, the store's size), and the organization's policy, one cache read (2), the user's
  // store (2), the fetch and its body (2), the cost entry (2, no lock: a key of its own), the image kept (1).
  // Insert 14: the presentation and the image read back, with the place the sidebar shows (5), that slide by its
  // id and the layout's check (3), the insert with its alt text and id (4), its thread (2, no lock: a new key).
  // Filling a picture placeholder, 21: a box to fill is read from the selection as it is (the selection, the
  // selected box: one element, a shape, a picture placeholder, of some size, as drawn; a box of no size is left
  // to the slide) and insertImage gives way to replaceWithImage.
  return [
    calls('service_calls_show_sidebar', show, 5, 'Open Peel from the menu'),
    calls(
      'service_calls_open_sidebar',
      open,
      6,
      'getSidebarContext: the host, the document’s total, the user’s remembered model menu (cache, no fetch) and their language (another language than English adds its catalog: two calls more)',
    ),
    ops('property_ops_open_sidebar', open, 1, 'one getProperties for the document’s total'),
    calls(
      'service_calls_generate',
      generated,
      9,
      'one variant, the total carried by the sidebar, finding the place the sidebar showed (with the deck’s style it read) and the organization’s policy in one user-cache read (no reading of the selection or the document store), the cost entry without the lock',
    ),
    ops(
      'property_ops_generate',
      generated,
      2,
      'the key and this run’s cost entry (the deck’s style came with the place the sidebar showed)',
    ),
    calls(
      'service_calls_insert',
      inserted,
      14,
      'onto the slide the sidebar shows, found by its id (the selection is not read again); the boxes it re-reads are read as drawn (their rotation)',
    ),
    ops('property_ops_insert', inserted, 1, 'insert reads no property; it writes the new picture’s thread'),
    ops('property_ops_generate_without_total', withoutTotal, 3, 'an older sidebar: the total is read back'),
    calls(
      'service_calls_fill_placeholder',
      filled,
      21,
      'insert into a selected picture placeholder (its box read as drawn: its rotation)',
    ),
    ops(
      'property_ops_organization_key',
      org,
      4,
      'the script store read once, for the key and its base URL; the document store once (the deck’s style)',
    ),
  ];
}

/** The share of edge pixels a cut-out's matte may get wrong (matte.ts says what counts as wrong). */
export const MATTE_EDGE_ERROR_CEILING = 0.02;

/**
 * `matte_edge_error`: Peel's matte (src/core/matte.ts) on synthetic pictures whose true matte is known, every key
 * colour in turn, drawn at full size and upscaled by nearest neighbour.
 */
export function matteBudget(seed = 21, pictures = 12): Budget {
  const figure = measureMatteEdgeError(seed, pictures);
  return {
    name: 'matte_edge_error',
    value: figure.share,
    ceiling: MATTE_EDGE_ERROR_CEILING,
    note:
      `${figure.wrong} of ${figure.edgePixels} edge pixels more than ${ALPHA_TOLERANCE} off in alpha over ` +
      `${figure.pictures} synthetic cut-outs (seed ${seed}), ${figure.refused} refused, ` +
      `${figure.wrongElsewhere} wrong away from the edge`,
  };
}

/** After "Keep everything else exactly" not one pixel outside the marked part may differ from the original. */
export const REGION_OUTSIDE_CHANGE_CEILING = 0;

/**
 * `region_outside_change`: the share of pixels outside the marked part (and its seam, which lies inside it) that
 * differ from the original after Peel's composite (src/core/region.ts keepOutside), on synthetic region edits
 * whose answer changed the rest as Gemini does; `before` is the same share before compositing, reported beside it
 * as `region_outside_change_before` (what the model changed unasked; no target).
 */
export function regionBudget(seed = 21, pictures = 8): Budget & { readonly before: number } {
  const figure = measureRegionOutsideChange(seed, pictures);
  return {
    name: 'region_outside_change',
    value: figure.after,
    ceiling: REGION_OUTSIDE_CHANGE_CEILING,
    before: figure.before,
    note:
      `pixels outside the marked part differing from the original after keeping everything else, over ` +
      `${figure.outside} pixels of ${figure.pictures} synthetic region edits (seed ${seed}); before: ` +
      `${(figure.before * 100).toFixed(1)}%`,
  };
}
