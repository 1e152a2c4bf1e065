/**
 * "Render at 2K / 4K": the picture drawn again at a larger size, through the real bundle against the emulator. The
 * request carries the picture and words to keep everything, at the size asked (whatever size the person picked for
 * edits); a model that cannot draw it is refused with a sentence before anything is sent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type { ImageDelivered, InsertResult, Target } from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
let bundle: Bundle;
const { call, result } = scriptRun(() => bundle.runtime, ADA);
let ref = '';

beforeAll(async () => {
  bundle = await startBundle(demoDeck(), { user: ADA });
  await call('saveApiKey', ['AIzaSyPeelSharperKey0123456789abcdefghi']);
  const made = await call<ImageDelivered>('generateImage', [
    { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' },
  ]);
  const placed = await call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
  const deck = bundle.runtime.world.document as DeckState;
  const slide = deck.slides.find((s) => s.elements.some((e) => e.objectId === placed.objectId));
  deck.selection = { pageId: slide?.objectId ?? null, elementIds: [placed.objectId ?? ''], text: null };
  ref = (await call<Target>('getTarget', [])).image?.ref ?? '';
});

afterAll(async () => {
  await bundle?.close();
});

const generateBodies = () =>
  bundle.emulator.requests
    .filter((r) => r.path.includes(':generateContent'))
    .map(
      (r) =>
        r.body as {
          contents: { parts: Record<string, unknown>[] }[];
          generationConfig?: { imageConfig?: { imageSize?: string } };
        },
    );

it('draws the picture again at 2K with the picture in and words to keep everything, whatever size edits use', async () => {
  const sharper = await call<ImageDelivered>('editImage', [
    {
      ref,
      instruction: '',
      model: DEFAULT_MODEL_ID,
      aspectRatio: null,
      imageSize: '1K',
      quick: { kind: 'sharper', imageSize: '2K' },
    },
  ]);
  const body = generateBodies().at(-1);
  expect(body?.generationConfig?.imageConfig?.imageSize).toBe('2K');
  const parts = JSON.stringify(body?.contents);
  expect(parts).toContain('inlineData');
  expect(parts).toContain('Keep everything as it is');
  expect(Math.max(sharper.image.pixelWidth, sharper.image.pixelHeight)).toBeGreaterThan(1500);
  const applied = await call<{ thread?: { turns: { instruction: string }[] } }>('applyEdit', [
    { imageId: sharper.image.id, keepAltDescription: true },
  ]);
  expect(JSON.stringify(applied)).toContain('Rendered again at 2K');
});

it('a model that draws only 1K is refused with a sentence, and nothing is sent', async () => {
  const before = generateBodies().length;
  const refused = await result('editImage', [
    {
      ref,
      instruction: '',
      model: 'gemini-3.1-flash-lite-image',
      aspectRatio: null,
      imageSize: '1K',
      quick: { kind: 'sharper', imageSize: '4K' },
    },
  ]);
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_OPTION' } });
  if (!refused.ok) expect(refused.error.detail).toMatch(/draws at most 1K\. Choose a model that draws 4K/);
  expect(generateBodies().length).toBe(before);
});
