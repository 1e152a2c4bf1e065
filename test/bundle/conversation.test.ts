/**
 * Edit conversations through the real bundle (dist/Code.js in the local runtime, against the emulator), in both
 * editors: a new image starts its thread, three edits accumulate (the emulator draws one labelled row per edit
 * onto the image it is given), the thread survives new executions, a second user continues it, version 1 comes
 * back, and a failed edit changes nothing. Every request Peel sends passes the emulator's discovery-document
 * validation (it answers 400 otherwise).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { countEditMarks } from '../../dev/emulator/synth';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import type { DeckState, DocumentState, HostDocument, ImageData } from '../../dev/runtime/model';
import { decodeImage } from '../../dev/support/image';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type {
  ApplyDone,
  ApplyResult,
  ImageCallOutcome,
  ImageDelivered,
  InsertResult,
  Target,
  ThreadImage,
  ThreadView,
} from '../../src/shared/rpc';
import { blankDeck, oneParagraphDoc, scriptRun } from './harness';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const ADA = 'ada@example.com';
const BEA = 'bea@example.com';

const deck = (): DeckState => blankDeck('deck-thread');
const doc = (): DocumentState => oneParagraphDoc('doc-thread', 'Hello');

/** The one image in the document and how to select it, per editor. */
interface Host {
  readonly make: () => HostDocument;
  image(document: HostDocument): ImageData;
  select(document: HostDocument): void;
}

const slides: Host = {
  make: deck,
  image(document) {
    const element = (document as DeckState).slides[0]?.elements.find((e) => e.kind === 'image');
    if (element?.kind !== 'image') throw new Error('no image on the slide');
    return element.image;
  },
  select(document) {
    const d = document as DeckState;
    const element = d.slides[0]?.elements.find((e) => e.kind === 'image');
    d.selection = { pageId: 'p1', elementIds: element ? [element.objectId] : [], text: null };
  },
};

function docImage(document: HostDocument): { id: string; image: ImageData } {
  for (const block of (document as DocumentState).body) {
    if (block.kind !== 'paragraph' && block.kind !== 'listItem') continue;
    for (const child of block.children) if (child.kind === 'image') return child;
  }
  throw new Error('no image in the document');
}

const docs: Host = {
  make: doc,
  image: (document) => docImage(document).image,
  select(document) {
    (document as DocumentState).selection = { cursor: null, range: null, imageId: docImage(document).id };
  },
};

function marks(image: ImageData): number {
  return countEditMarks(decodeImage(Buffer.from(image.base64, 'base64')));
}

describe.each([
  ['Slides', slides],
  ['Docs', docs],
] as const)('edit conversations in %s, through the real bundle', (_name, host) => {
  let emulator: Emulator;
  let runtime: Runtime;
  const live = () => runtime.world.document as HostDocument;

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    runtime = new Runtime({
      distDir: DIST,
      world: new World({ document: host.make() }),
      urlRewrites: geminiRewrites(emulator.url),
      user: ADA,
    });
    await call('saveApiKey', [`AIzaSyPeelThreadKey0123456789abcdefghi`], ADA);
    await call('saveApiKey', [`AIzaSyPeelThreadKey0123456789abcdefgBE`], BEA);
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  const { result, call } = scriptRun(() => runtime, ADA);

  async function edit(ref: string, instruction: string, user = ADA): Promise<ApplyDone> {
    const edited = await call<ImageDelivered>(
      'editImage',
      [
        {
          ref,
          instruction,
          model: DEFAULT_MODEL_ID,
          aspectRatio: null,
          imageSize: '1K',
          quick: null,
        },
      ],
      user,
    );
    return call<ApplyDone>('applyEdit', [{ imageId: edited.image.id, keepAltDescription: true }], user);
  }

  let ref = '';
  let threadId = '';

  it('a new image starts its thread with its prompt, and selecting it names that thread', async () => {
    const generated = await call<ImageDelivered>('generateImage', [
      { prompt: 'A mountain landscape', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' },
    ]);
    const inserted = await call<InsertResult>('insertImage', [{ imageId: generated.image.id, mode: 'insert' }]);
    expect(inserted.threadId).toMatch(/^[sd]/);
    host.select(live());
    const target = await call<Target>('getTarget', []);
    expect(target.image?.threadId).toBe(inserted.threadId);
    ref = target.image?.ref ?? '';
    threadId = inserted.threadId ?? '';
    expect(marks(host.image(live()))).toBe(0);
  });

  it('three edits accumulate on the image in place', async () => {
    const first = host.image(live());
    for (const [n, instruction] of [
      'Add a lake in the foreground',
      'Make the sky more dramatic',
      'Add a red boat on the lake',
    ].entries()) {
      const applied = await edit(ref, instruction);
      expect(applied.threadId).toBe(threadId);
      ref = applied.ref;
      expect(marks(host.image(live()))).toBe(n + 1);
    }
    // Same box: the image was replaced where it stood.
    expect(host.image(live()).pixelWidth).toBe(first.pixelWidth);
    // The second and third requests carried the earlier instructions and the current image, once.
    const sent = emulator.requests.filter((r) => r.path.includes(':generateContent'));
    expect(sent.every((r) => r.status === 200)).toBe(true);
    const last = JSON.stringify(sent.at(-1)?.body);
    expect(last).toContain('Add a lake in the foreground');
    expect(last.match(/inlineData/g)).toHaveLength(1);
  });

  it('the thread and its versions are there in a new execution', async () => {
    const thread = await call<ThreadView>('getThread', [ref]);
    expect(thread.threadId).toBe(threadId);
    expect(thread.turns.map((t) => t.kind)).toEqual(['new', 'edit', 'edit', 'edit']);
    expect(thread.turns.every((t) => t.who === 'you')).toBe(true);
    expect(thread.versions.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
    expect(thread.versions.every((v) => v.reachable === 'yes' && !v.current)).toBe(true);
    // With nothing selected, the document's most recent thread.
    const last = await call<ThreadView>('getThread', [null]);
    expect(last.threadId).toBe(threadId);
    expect(thread.altTitle).not.toMatch(/peel\./);
  });

  it('a second user continues the thread, shown as a collaborator', async () => {
    const seen = await call<ThreadView>('getThread', [ref], BEA);
    expect(seen.turns.every((t) => t.who === 'collaborator')).toBe(true);
    const applied = await edit(ref, 'Add a moon', BEA);
    ref = applied.ref;
    expect(marks(host.image(live()))).toBe(4);
    const after = await call<ThreadView>('getThread', [ref], ADA);
    expect(after.turns.map((t) => t.who)).toEqual(['you', 'you', 'you', 'you', 'collaborator']);
    // Bea's Apply kept Ada's last picture: a version Ada made, in Bea's Drive. Ada cannot open that file, and
    // the sentence says whose Drive it is in.
    const bea = after.versions.find((v) => v.reachable !== 'yes');
    expect(bea?.who).toBe('you');
    const refused = await result<ThreadImage>('getVersionImage', [threadId, bea?.id]);
    expect(refused.ok ? '' : refused.error.code).toBe('VERSION_UNAVAILABLE');
  });

  it('restores version 1', async () => {
    const original = await call<ThreadImage>('getVersionImage', [threadId, 'v1']);
    expect(marks({ ...original, mimeType: 'image/png' } as ImageData)).toBe(0);
    const seen = (await call<ThreadView>('getThread', [ref])).currentVersionId;
    const restored = await call<ApplyDone>('restoreVersion', [{ threadId, versionId: 'v1', seen }]);
    ref = restored.ref;
    expect(restored.versionId).toBe('v1');
    expect(marks(host.image(live()))).toBe(0);
    const thread = await call<ThreadView>('getThread', [ref]);
    expect(thread.turns.at(-1)?.kind).toBe('restore');
    expect(thread.versions.find((v) => v.id === 'v1')?.current).toBe(true);
    // The image replaced by the restore is kept too.
    expect(thread.versions.map((v) => v.id)).toContain('v5');
  });

  it('a failed edit leaves the document byte-identical and the thread unchanged', async () => {
    const before = JSON.stringify(live());
    const thread = await call<ThreadView>('getThread', [ref]);
    emulator.inject({ kind: 'internal', times: Number.POSITIVE_INFINITY });
    try {
      // The last attempt: earlier ones would come back as a wait for the sidebar to count down.
      const failed = await result<ImageCallOutcome>('editImage', [
        {
          ref,
          threadId,
          instruction: 'Add fog',
          model: DEFAULT_MODEL_ID,
          aspectRatio: null,
          imageSize: '1K',
          quick: null,
          attempt: 3,
        },
      ]);
      expect(failed.ok).toBe(false);
    } finally {
      emulator.reset();
    }
    // An expired or unknown edit cannot be applied either.
    const stale = await result<ApplyResult>('applyEdit', [
      { imageId: 'abcdefghijklmnopqrst.1', keepAltDescription: true },
    ]);
    expect(stale.ok ? '' : stale.error.code).toBe('PREVIEW_EXPIRED');
    expect(JSON.stringify(live())).toBe(before);
    expect(await call<ThreadView>('getThread', [ref])).toEqual(thread);
  });
});
