/**
 * Version files that leave their thread go to their owner's trash, whoever let them go: through the real bundle,
 * Ada edits a picture (her Drive keeps the version it replaced), the thread sits untouched for a day, and Bea's
 * next picture needs the room, so the thread is pruned. Bea cannot trash Ada's file (drive.file); the bin holds
 * it, Bea's sidebar leaves it alone, and Ada's next sidebar trashes it and empties her part of the bin.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { parseBin } from '../../src/core/bin';
import {
  newThread,
  parseThread,
  serializeThread,
  THREAD_KEY_PREFIX,
  threadKey,
} from '../../src/core/conversation/thread';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { BIN_PROPERTY, peelBytes, roomLimit, SEEN_PREFIX, STORE_MAX_BYTES } from '../../src/core/store-budget';
import type { ImageDelivered, InsertResult, Target } from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';
const GENERATE = { prompt: 'A lighthouse at dusk', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };

let bundle: Bundle;
const { call } = scriptRun(() => bundle.runtime, ADA);
const store = () => bundle.runtime.world.properties.document('deck-bin');
const files = () => bundle.runtime.world.drive.list().filter((f) => f.mimeType.startsWith('image/'));

beforeAll(async () => {
  bundle = await startBundle(
    {
      kind: 'deck',
      id: 'deck-bin',
      name: 'Bin',
      pageWidth: 720,
      pageHeight: 405,
      slides: [
        { objectId: 'p1', layout: 'BLANK', elements: [], speakerNotes: '' },
        { objectId: 'p2', layout: 'BLANK', elements: [], speakerNotes: '' },
      ],
      selection: { pageId: 'p1', elementIds: [], text: null },
    } satisfies DeckState,
    { user: ADA },
  );
  await call('saveApiKey', ['AIzaSyPeelBinKey0123456789abcdefghijkAD'], ADA);
  await call('saveApiKey', ['AIzaSyPeelBinKey0123456789abcdefghijkBE'], BEA);
});

afterAll(async () => {
  await bundle?.close();
});

it('a pruned thread’s version waits in the bin and goes to its owner’s trash when the owner opens Peel', async () => {
  // Ada's picture, edited once: the picture it replaced is a version in Ada's Drive.
  const made = await call<ImageDelivered>('generateImage', [GENERATE]);
  const inserted = await call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
  const deck = bundle.runtime.world.document as DeckState;
  deck.selection = { pageId: 'p1', elementIds: [inserted.objectId ?? ''], text: null };
  const ref = (await call<Target>('getTarget', [])).image?.ref ?? '';
  const edited = await call<ImageDelivered>('editImage', [
    { ref, instruction: 'Make it night', model: DEFAULT_MODEL_ID, aspectRatio: null, imageSize: '1K', quick: null },
  ]);
  await call('applyEdit', [{ imageId: edited.image.id, keepAltDescription: true }]);
  const key = threadKey(inserted.threadId ?? '');
  const thread = parseThread(store().getProperty(key), inserted.threadId ?? '');
  const version = thread?.versions[0];
  if (!thread || !version) throw new Error('no version kept');
  expect(files().find((f) => f.id === version.file)?.trashed).toBe(false);

  // A day later, with the store full of recent conversations, Bea's picture needs the room of Ada's thread.
  const dayAgo = Math.floor(Date.now() / 1000) - 24 * 3600;
  store().setProperty(key, serializeThread({ ...thread, created: dayAgo, updated: dayAgo }));
  // Her sidebar last showed it then too (a sidebar showing a thread keeps it from being pruned).
  if (store().getProperty(`${SEEN_PREFIX}${thread.id}`) !== null) {
    store().setProperty(`${SEEN_PREFIX}${thread.id}`, String(dayAgo));
  }
  // Recent conversations fill the store to 200 bytes under the room a thread may take (Peel's 256 KB less the
  // ledger's unused share): Bea's first turn does not fit unless an old thread goes.
  const now = Math.floor(Date.now() / 1000);
  const filler = (i: number, chars: number) =>
    serializeThread({ ...newThread(`filler${i}`, `s:x${i}`, now), summary: 'x'.repeat(chars) });
  const peel = () => peelBytes(store().getProperties());
  let fillers = 0;
  while (peel() < roomLimit(store().getProperties()) - 7000) {
    store().setProperty(threadKey(`filler${fillers}`), filler(fillers, 6300));
    fillers++;
  }
  const overhead = threadKey(`filler${fillers}`).length + filler(fillers, 0).length;
  store().setProperty(
    threadKey(`filler${fillers}`),
    filler(fillers, roomLimit(store().getProperties()) - 200 - peel() - overhead),
  );
  fillers++;
  expect(roomLimit(store().getProperties()) - peel()).toBe(200);
  deck.selection = { pageId: 'p2', elementIds: [], text: null };
  const beas = await call<ImageDelivered>('generateImage', [GENERATE], BEA);
  await call<InsertResult>('insertImage', [{ imageId: beas.image.id, mode: 'insert' }], BEA);

  expect(store().getProperty(key)).toBeNull();
  const bin = parseBin(store().getProperty(BIN_PROPERTY) ?? undefined);
  expect(bin.map((e) => e.x)).toContain(version.file);
  // Bea opens Peel: Ada's file is not hers to trash.
  await call('getSidebarContext', [], BEA);
  expect(files().find((f) => f.id === version.file)?.trashed).toBe(false);
  // Ada opens Peel: her file goes to her trash, and the bin lets it go.
  await call('getSidebarContext', [], ADA);
  expect(files().find((f) => f.id === version.file)?.trashed).toBe(true);
  expect(parseBin(store().getProperty(BIN_PROPERTY) ?? undefined).map((e) => e.x)).not.toContain(version.file);
  // Every recent conversation is still there.
  expect(Object.keys(store().getProperties()).filter((k) => k.startsWith(`${THREAD_KEY_PREFIX}filler`))).toHaveLength(
    fillers,
  );
  expect(peel()).toBeLessThanOrEqual(STORE_MAX_BYTES);
});
