/**
 * The setup the bundle tests share: the real dist/Code.js (built by the global setup) in the local Apps Script
 * runtime, its Gemini URLs rewritten to an emulator started for the file.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, type RuntimeOptions, World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, HostDocument, ImageData } from '../../dev/runtime/model';
import { US_LETTER } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type { ImageDelivered, InsertResult, Result, Target } from '../../src/shared/rpc';

export const DIST = path.resolve(import.meta.dirname, '../../dist');

export interface Bundle {
  readonly emulator: Emulator;
  readonly runtime: Runtime;
  /** Stops the runtime, then the emulator. */
  close(): Promise<void>;
}

export type BundleOptions = Partial<Omit<RuntimeOptions, 'world' | 'urlRewrites'>>;

/** A runtime on `world` whose Gemini requests reach `emulator`. */
export function bundleRuntime(world: World, emulator: Emulator, options: BundleOptions = {}): Runtime {
  return new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url), ...options });
}

/** An emulator answering at once, and a runtime on `document` whose Gemini requests reach it. */
export async function startBundle(document: HostDocument, options: BundleOptions = {}): Promise<Bundle> {
  const emulator = await startEmulator({ latencyMs: 0 });
  const runtime = bundleRuntime(new World({ document }), emulator, options);
  return {
    emulator,
    runtime,
    close: async () => {
      await runtime.close();
      await emulator.close();
    },
  };
}

/**
 * Calls into the bundle as google.script.run does, as `user` (each call may name another). `result` gives the
 * Result the sidebar would get, after checking the execution itself ended well; `call` its value, or throws
 * with the error's code and words. `runtime` is read at each call: tests start theirs in beforeAll.
 */
export function scriptRun(runtime: () => Runtime, defaultUser: string) {
  async function result<T>(name: string, args: unknown[], user = defaultUser): Promise<Result<T>> {
    const run = await runtime().run(name, args, { trigger: 'script.run', user });
    expect(run.record.status, run.record.error).toBe('ok');
    return run.value as Result<T>;
  }
  async function call<T>(name: string, args: unknown[], user = defaultUser): Promise<T> {
    const value = await result<T>(name, args, user);
    if (!value.ok) throw new Error(`${name}: ${value.error.code} ${value.error.detail ?? value.error.message}`);
    return value.value;
  }
  return { result, call };
}

/** The first picture on the deck's first slide, as the document holds it. */
export function firstSlidePicture(bundle: Bundle): ImageData {
  const element = (bundle.runtime.world.document as DeckState).slides[0]?.elements.find((e) => e.kind === 'image');
  if (element?.kind !== 'image') throw new Error('no image on the slide');
  return element.image;
}

/**
 * A picture Peel made (at 4:3, 1K) inserted on the first slide of a deck and selected, as a person about to edit
 * it has it; the answer is its ref, as getTarget names it.
 */
export async function placeSelectedPicture(
  bundle: Bundle,
  call: ReturnType<typeof scriptRun>['call'],
  prompt: string,
): Promise<string> {
  const made = await call<ImageDelivered>('generateImage', [
    { prompt, model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K' },
  ]);
  await call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
  const deck = bundle.runtime.world.document as DeckState;
  const element = deck.slides[0]?.elements.find((e) => e.kind === 'image');
  deck.selection = {
    pageId: deck.slides[0]?.objectId ?? 'p1',
    elementIds: element ? [element.objectId] : [],
    text: null,
  };
  return (await call<Target>('getTarget', [])).image?.ref ?? '';
}

/** A deck of one blank 720 × 405 slide, nothing selected. */
export function blankDeck(id: string): DeckState {
  return {
    kind: 'deck',
    id,
    name: 'Deck',
    pageWidth: 720,
    pageHeight: 405,
    slides: [{ objectId: 'p1', layout: 'BLANK', elements: [], speakerNotes: '' }],
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

/** A Letter document of one paragraph, `text`, with the cursor at `offset` (its end by default). */
export function oneParagraphDoc(id: string, text: string, offset = text.length): DocumentState {
  return {
    kind: 'doc',
    id,
    name: 'Doc',
    ...US_LETTER,
    body: [
      { id: 'b1', kind: 'paragraph', heading: 'NORMAL', children: [{ kind: 'text', text }], positionedImages: [] },
    ],
    header: [],
    footer: [],
    footnotes: [],
    selection: { cursor: { section: 'body', blockId: 'b1', offset }, range: null, imageId: null },
  };
}
