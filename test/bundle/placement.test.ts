/**
 * Placement in the real bundle (dist/Code.js in the local runtime, against the emulator) on the demo deck:
 * Illustrate, Generate at the Target's ratio and Insert on every slide with text leaves every text box
 * visible, measured from the document model, and fills the empty placeholder where there is one.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import type { DeckState } from '../../dev/runtime/model';
import { demoDeck, shape } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID, modelSpec } from '../../src/core/gemini/catalog';
import { nearestAspectRatio } from '../../src/core/geometry';
import { overlaps } from '../../src/core/placement';
import type { IllustratePrompt, ImageDelivered, InsertResult, Result, Target } from '../../src/shared/rpc';

const DIST = path.resolve(import.meta.dirname, '../../dist');

describe('placement on the demo deck, through the real bundle', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  let deck: DeckState;

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    deck = demoDeck();
    runtime = new Runtime({
      distDir: DIST,
      world: new World({ document: deck }),
      urlRewrites: geminiRewrites(emulator.url),
    });
    await call('saveApiKey', 'AIzaSyPeelPlacementKey0123456789abcdefg');
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  async function call<T>(name: string, ...args: unknown[]): Promise<T> {
    const result = await runtime.run(name, args, { trigger: 'script.run' });
    const value = result.value as Result<T>;
    if (!value.ok) throw new Error(`${name}: ${value.error.code} ${value.error.detail ?? value.error.message}`);
    return value.value;
  }

  it.each(['slide-1', 'slide-2', 'slide-3'])(
    '%s: the new image covers no text, and fills the empty placeholder where there is one',
    async (pageId) => {
      const live = () => runtime.world.document as DeckState;
      live().selection = { pageId, elementIds: [], text: null };
      const before = live().slides.find((s) => s.objectId === pageId);
      const textBoxes = (before?.elements ?? []).filter((e) => e.kind === 'shape' && e.text.trim() !== '');
      const placeholder = before?.elements.find((e) => e.kind === 'shape' && e.placeholder === 'PICTURE');
      const target = await call<Target>('getTarget');
      const illustrate = await call<IllustratePrompt>('composeIllustratePrompt', { includeNotes: false });
      const ratios = modelSpec(DEFAULT_MODEL_ID).aspectRatios;
      const generated = await call<ImageDelivered>('generateImage', {
        prompt: illustrate.prompt,
        model: DEFAULT_MODEL_ID,
        aspectRatio: nearestAspectRatio(target.ratio, ratios),
        imageSize: '1K',
      });
      const inserted = await call<InsertResult>('insertImage', {
        imageId: generated.image.id,
        mode: 'insert',
      });
      const after = live().slides;
      const holder = after.find((s) => s.elements.some((e) => e.objectId === inserted.objectId));
      const image = holder?.elements.find((e) => e.objectId === inserted.objectId);
      expect(image?.kind).toBe('image');
      if (!image || !holder) return;
      for (const text of holder.elements.filter((e) => e.kind === 'shape' && e.text.trim() !== '')) {
        expect(overlaps(image, text), `${inserted.label} over ${text.objectId}`).toBe(false);
      }
      if (placeholder) {
        expect(inserted.label).toBe('Filled the picture placeholder');
        expect([image.left, image.top, image.width, image.height]).toEqual([
          placeholder.left,
          placeholder.top,
          placeholder.width,
          placeholder.height,
        ]);
      }
      // Where the slide had no room, or only a small space nobody chose, the image went to a new slide and this
      // one is unchanged.
      if (holder.objectId !== pageId) {
        expect(target.noRoom ?? target.offers).toBeDefined();
        expect(textBoxes.length).toBeGreaterThan(0);
      }
    },
  );

  it('Generate reads where the image goes; Insert places by that reading, and sees a text box added since', async () => {
    const live = () => runtime.world.document as DeckState;
    // A title slide of its own (slide 1 holds the pictures the tests above placed).
    const fresh = demoDeck().slides[0];
    if (!fresh) throw new Error('the demo deck has no slide');
    const elements = fresh.elements.map((e) => ({ ...e, objectId: `late-${e.objectId}` }));
    live().slides.unshift({ ...fresh, objectId: 'slide-late', elements });
    live().selection = { pageId: 'slide-late', elementIds: [], text: null };
    // The title slide's free space is small: the person chose it.
    const request = {
      prompt: 'A lighthouse',
      model: DEFAULT_MODEL_ID,
      aspectRatio: '1:1',
      imageSize: '1K',
      where: 'beside',
    };
    const first = await call<ImageDelivered>('generateImage', { ...request, selection: 'fit' });
    expect(first.target?.label).toMatch(/^Free space at the bottom/);
    const second = await call<ImageDelivered>('generateImage', { ...request, selection: 'fit' });

    // Nothing changed: Insert places by Generate's reading, without asking Slides for each element's words.
    const quiet = await runtime.run('insertImage', [{ imageId: first.image.id, mode: 'insert', where: 'beside' }], {
      trigger: 'script.run',
    });
    expect(quiet.record.status).toBe('ok');
    expect(quiet.record.platform.byMethod['SlidesApp.getText']).toBeUndefined();
    // Taken out again, so the slide is as both Generates read it.
    const late = live().slides.find((s) => s.objectId === 'slide-late');
    const placed = (quiet.value as Result<InsertResult>).ok ? (quiet.value as { value: InsertResult }).value : null;
    if (!late || !placed) throw new Error('the first Insert failed');
    late.elements = late.elements.filter((e) => e.objectId !== placed.objectId);

    // A collaborator writes where the picture was going: Insert sees one more element and keeps clear of it.
    late.elements.push(shape('late-text', 'NONE', [36, 280, 648, 90], 'Added while the picture was being made'));
    const inserted = await call<InsertResult>('insertImage', {
      imageId: second.image.id,
      mode: 'insert',
      where: 'beside',
    });
    const holder = live().slides.find((s) => s.elements.some((e) => e.objectId === inserted.objectId));
    const image = holder?.elements.find((e) => e.objectId === inserted.objectId);
    expect(image?.kind).toBe('image');
    for (const text of holder?.elements.filter((e) => e.kind === 'shape' && e.text.trim() !== '') ?? []) {
      if (image) expect(overlaps(image, text), `${inserted.label} over ${text.objectId}`).toBe(false);
    }
  });
});
