/**
 * A cut-out through the real bundle: "Remove background" asks Gemini (the emulator) for the subject on the key
 * colour the sidebar chose, the sidebar's matte (core/matte.ts, run here in node as the sidebar runs it) gives a
 * PNG with alpha, keepCutout keeps it, and Apply places it: the slide's picture is that PNG and its thread says
 * it went in cut out. What keepCutout refuses (not a PNG with alpha, another size, a picture not asked on a key)
 * leaves the document and the cost as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, DocumentState, ImageData } from '../../dev/runtime/model';
import { convertImage, decodeImage, encodePng } from '../../dev/support/image';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { matte, pngHasAlpha } from '../../src/core/matte';
import type { ApplyDone, ImageDelivered, InsertResult, SidebarContext, Target, ThreadView } from '../../src/shared/rpc';
import {
  type Bundle,
  blankDeck,
  firstSlidePicture,
  oneParagraphDoc,
  placeSelectedPicture,
  scriptRun,
  startBundle,
} from './harness';

const ADA = 'ada@example.com';

describe('Remove background gives a transparent PNG, through the real bundle', () => {
  let bundle: Bundle;
  const live = () => bundle.runtime.world.document as DeckState;
  const picture = () => firstSlidePicture(bundle);
  const { call, result } = scriptRun(() => bundle.runtime, ADA);
  const cost = async () => (await call<SidebarContext>('getSidebarContext', [])).documentCostUsd;
  let ref = '';

  beforeAll(async () => {
    bundle = await startBundle(blankDeck('deck-cutout'), { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelCutoutKey0123456789abcdefghi']);
    ref = await placeSelectedPicture(bundle, call, 'A red fox');
  });

  afterAll(async () => {
    await bundle?.close();
  });

  const removeBackground = (key: string | null) =>
    call<ImageDelivered>('editImage', [
      {
        ref,
        instruction: key === null ? 'Add a lake' : '',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: key === null ? null : { kind: 'remove-background', key },
      },
    ]);

  it('refuses what is not a cut-out of a keyed picture, changing nothing and billing nothing', async () => {
    const keyed = await removeBackground('#FF00FF');
    const plain = await removeBackground(null);
    const before = JSON.stringify(live());
    const spent = await cost();
    const rgba = decodeImage(Buffer.from(keyed.image.base64, 'base64'));
    const png = (image: typeof rgba) => Buffer.from(encodePng(image)).toString('base64');
    const half = {
      width: rgba.width / 2,
      height: rgba.height,
      data: rgba.data.slice(0, (rgba.width / 2) * rgba.height * 4),
    };
    const refusals: [string, string, RegExp][] = [
      [
        keyed.image.id,
        Buffer.from(convertImage(encodePng(rgba), 'image/jpeg')).toString('base64'),
        /not a PNG with an alpha channel/,
      ],
      [
        keyed.image.id,
        png(half),
        new RegExp(`is ${half.width}×${rgba.height}, not ${rgba.width}×${rgba.height} as the picture`),
      ],
      [
        plain.image.id,
        png(decodeImage(Buffer.from(plain.image.base64, 'base64'))),
        /Only a picture Peel asked for on a key colour/,
      ],
    ];
    for (const [imageId, base64, sentence] of refusals) {
      const refused = await result('keepCutout', [{ imageId, base64 }]);
      expect(refused.ok).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('BAD_INPUT');
      expect(refused.error.detail).toMatch(sentence);
      expect(refused.error.detail).toContain('The picture keeps its background.');
    }
    expect(JSON.stringify(live())).toBe(before);
    expect(await cost()).toBe(spent);
  });

  it('asks for the subject on the key colour, and Apply places the cut-out with its alpha channel', async () => {
    const keyed = await removeBackground('#FF00FF');
    const sent = bundle.emulator.requests.filter((r) => r.path.includes(':generateContent')).at(-1);
    expect(JSON.stringify(sent?.body)).toContain('flat, even background of exactly #FF00FF (pure magenta)');
    const spent = await cost();

    // What the sidebar does with the pixels, here in node.
    const rgba = decodeImage(Buffer.from(keyed.image.base64, 'base64'));
    const cut = matte(rgba, '#FF00FF');
    if (!cut.ok) throw new Error(cut.reason);
    const base64 = Buffer.from(
      encodePng({ width: rgba.width, height: rgba.height, data: new Uint8Array(cut.data) }),
    ).toString('base64');
    const { imageId } = await call<{ imageId: string }>('keepCutout', [{ imageId: keyed.image.id, base64 }]);
    expect(imageId).not.toBe(keyed.image.id);
    const applied = await call<ApplyDone>('applyEdit', [{ imageId, keepAltDescription: false }]);
    expect(applied.kind).toBe('applied');

    const placed = picture();
    expect(placed.mimeType).toBe('image/png');
    const bytes = Buffer.from(placed.base64, 'base64');
    expect(pngHasAlpha(bytes)).toBe(true);
    const shown = decodeImage(bytes);
    expect(shown.data[3]).toBe(0);
    const centre = (Math.round(shown.height * 0.54) * shown.width + shown.width / 2) * 4 + 3;
    expect(shown.data[centre]).toBe(255);
    // The cut-out was paid for when it was made: keeping and placing it bills nothing more.
    expect(await cost()).toBe(spent);
    const thread = await call<ThreadView>('getThread', [applied.ref]);
    expect(thread.turns.at(-1)?.instruction).toBe('Remove the background (cut out: transparent background)');
  });
});

describe('Remove background in Docs, through the real bundle', () => {
  let bundle: Bundle;
  const { call } = scriptRun(() => bundle.runtime, ADA);
  const inline = (): { id: string; image: ImageData } => {
    for (const block of (bundle.runtime.world.document as DocumentState).body) {
      if (block.kind !== 'paragraph' && block.kind !== 'listItem') continue;
      for (const child of block.children) if (child.kind === 'image') return child;
    }
    throw new Error('no image in the document');
  };

  beforeAll(async () => {
    bundle = await startBundle(oneParagraphDoc('doc-cutout', 'Fox'), { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelCutoutKey0123456789abcdefghi']);
  });

  afterAll(async () => {
    await bundle?.close();
  });

  it('Apply puts the cut-out in place of the inline picture, with its alpha channel', async () => {
    const made = await call<ImageDelivered>('generateImage', [
      { prompt: 'A red fox', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K' },
    ]);
    await call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
    (bundle.runtime.world.document as DocumentState).selection = { cursor: null, range: null, imageId: inline().id };
    const ref = (await call<Target>('getTarget', [])).image?.ref ?? '';
    const keyed = await call<ImageDelivered>('editImage', [
      {
        ref,
        instruction: '',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: { kind: 'remove-background', key: '#00FF00' },
      },
    ]);
    const rgba = decodeImage(Buffer.from(keyed.image.base64, 'base64'));
    const cut = matte(rgba, '#00FF00');
    if (!cut.ok) throw new Error(cut.reason);
    const base64 = Buffer.from(
      encodePng({ width: rgba.width, height: rgba.height, data: new Uint8Array(cut.data) }),
    ).toString('base64');
    const { imageId } = await call<{ imageId: string }>('keepCutout', [{ imageId: keyed.image.id, base64 }]);
    const applied = await call<ApplyDone>('applyEdit', [{ imageId, keepAltDescription: false }]);
    expect(applied.kind).toBe('applied');
    const placed = inline().image;
    expect(placed.mimeType).toBe('image/png');
    const bytes = Buffer.from(placed.base64, 'base64');
    expect(pngHasAlpha(bytes)).toBe(true);
    expect(decodeImage(bytes).data[3]).toBe(0);
  });
});
