/**
 * Apps Script call budgets per flow, measured on the built bundle: what tests used to pin as exact counts. A
 * count that grows is a cost (quota, latency per call), not a wrong answer, so it is a ceiling here and never
 * a test assertion. Calls are counted as the execution transcript lists them: every method on every Apps Script
 * object.
 */

import type { ExecutionResult, Runtime, World } from '../runtime/index';
import type { DeckState } from '../runtime/model';
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
  const insert = (id: string) => measure('insertImage', [insertRequest(id)]);

  const show = await measure('showSidebar', [], { trigger: 'menu' });
  const open = await measure('getSidebarContext', []);
  // The sidebar reads the selection when the pointer comes to it; Generate's own reading then finds the slide's
  // layout in the user's cache.
  await measure('getTarget', []);
  const generated = await generate(request());
  const inserted = await insert(generated.id);
  const { documentCostUsd: _carried, ...uncarried } = request();
  const withoutTotal = await generate(uncarried);

  // A picture placeholder is filled in place: no page, no page size.
  const deck = world.document as DeckState;
  const placeholder = deck.slides.flatMap((s) => s.elements.map((e) => ({ slide: s.objectId, id: e.objectId })));
  const picture = placeholder.find((p) => p.id === 's3-picture');
  if (!picture) throw new Error('the demo deck has no picture placeholder s3-picture');
  const selection = deck.selection;
  deck.selection = { pageId: picture.slide, elementIds: [picture.id], text: null };
  const filled = await insert((await generate(request())).id);
  deck.selection = selection;

  // Someone without a key of their own uses the organization's, read from the script store.
  world.properties.script.setProperty('PEEL_ORG_API_KEY', `AIza${'o'.repeat(35)}`);
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
      'one variant, the total carried by the sidebar, reading where the image goes (the slide’s layout cached)',
    ),
    ops(
      'property_ops_generate',
      generated,
      3,
      'the key, the document store once (the deck’s style), and this run’s cost entry',
    ),
    calls('service_calls_insert', inserted, 14, 'onto the current slide, nothing selected'),
    ops('property_ops_insert', inserted, 0, 'insert reads no property'),
    ops('property_ops_generate_without_total', withoutTotal, 3, 'an older sidebar: the total is read back'),
    calls('service_calls_fill_placeholder', filled, 18, 'insert into a selected picture placeholder'),
    ops(
      'property_ops_organization_key',
      org,
      4,
      'the script store read once, for the key and its base URL; the document store once (the deck’s style)',
    ),
  ];
}
