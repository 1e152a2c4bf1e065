/**
 * An edit kept to a marked part, through the real bundle: the request carries the picture and its marked copy
 * (two inline images) and the words naming the part; a region that is empty, outside the picture or not numbers
 * is refused with a sentence and sends nothing; "Keep everything else exactly" (the sidebar's composite, made here
 * in node with core/region.ts as the sidebar makes it) goes through keepCutout and Apply places it, so the placed
 * picture's pixels outside the part are the original's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState } from '../../dev/runtime/model';
import { decodeImage, encodeJpeg, encodePng, type Rgba } from '../../dev/support/image';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { keepOutside, markedCopy, outsideChange } from '../../src/core/region';
import type { ApplyDone, ImageDelivered, SidebarContext, ThreadView } from '../../src/shared/rpc';
import { type Bundle, blankDeck, firstSlidePicture, placeSelectedPicture, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';

const decode = (base64: string) => decodeImage(Buffer.from(base64, 'base64'));
const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('an edit kept to a marked part, through the real bundle', () => {
  let bundle: Bundle;
  const live = () => bundle.runtime.world.document as DeckState;
  const picture = () => firstSlidePicture(bundle);
  const { call, result } = scriptRun(() => bundle.runtime, ADA);
  const cost = async () => (await call<SidebarContext>('getSidebarContext', [])).documentCostUsd;
  const sentToGemini = () => bundle.emulator.requests.filter((r) => r.path.includes(':generateContent'));
  let ref = '';
  let original: Rgba;
  let region: { left: number; top: number; width: number; height: number };
  let marked = '';

  beforeAll(async () => {
    bundle = await startBundle(blankDeck('deck-region'), { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelRegionKey01234567890abcdefghi']);
    ref = await placeSelectedPicture(bundle, call, 'A harbour at dawn');
    original = decode(picture().base64);
    region = {
      left: Math.round(original.width * 0.1),
      top: Math.round(original.height * 0.15),
      width: Math.round(original.width * 0.3),
      height: Math.round(original.height * 0.25),
    };
    // What the sidebar draws in its canvas and sends: the picture with the part outlined, as a JPEG.
    marked = base64Of(encodeJpeg({ ...original, data: new Uint8Array(markedCopy(original, region, '#FF00FF')) }, 90));
  });

  afterAll(async () => {
    await bundle?.close();
  });

  const edit = (part: Record<string, unknown> | null, extra: Record<string, unknown> = {}) =>
    result<ImageDelivered>('editImage', [
      {
        ref,
        instruction: 'Put a red sailing boat here',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: null,
        region: part,
        ...extra,
      },
    ]);

  it('refuses an empty part, one outside the picture, corners that are not numbers and a marked copy of another size, sending nothing', async () => {
    const before = JSON.stringify(live());
    const sent = sentToGemini().length;
    const spent = await cost();
    const half = base64Of(encodeJpeg({ width: 40, height: 30, data: new Uint8Array(40 * 30 * 4).fill(200) }, 90));
    const cases: [Record<string, unknown>, RegExp, Record<string, unknown>?][] = [
      [{ ...region, width: 0 }, /The marked part is empty\. Drag across the part of the picture to change\./],
      [{ ...region, height: -5 }, /The marked part is empty/],
      [
        { ...region, left: original.width - 10 },
        new RegExp(`The marked part lies outside the picture \\(${original.width}×${original.height} pixels\\)`),
      ],
      [{ ...region, top: -1 }, /lies outside the picture/],
      [{ ...region, left: Number.NaN }, /The marked part has no readable corners/],
      [{ ...region, width: Number.POSITIVE_INFINITY }, /The marked part has no readable corners/],
      [{ ...region, top: 10.5 }, /not in whole pixels/],
      [{ ...region, marked: half }, /The marked copy is not drawn from the picture as it is/],
      [{ ...region, marked: 'bm90IGFuIGltYWdl' }, /The marked copy is not a PNG or JPEG picture/],
      [region, /A marked part goes with a change you type, not a quick edit/, { quick: { kind: 'more-like-this' } }],
    ];
    for (const [bad, sentence, extra] of cases) {
      const refused = await edit({ colour: '#FF00FF', marked, ...bad }, extra);
      expect(refused.ok, String(sentence)).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('BAD_INPUT');
      expect(refused.error.detail ?? refused.error.message).toMatch(sentence);
    }
    expect(sentToGemini().length).toBe(sent);
    expect(JSON.stringify(live())).toBe(before);
    expect(await cost()).toBe(spent);
  });

  it('sends the picture and its marked copy with the words naming the part, and keeps everything else exactly on Apply', async () => {
    const made = await edit({ ...region, colour: '#FF00FF', marked });
    if (!made.ok) throw new Error(made.error.detail ?? made.error.message);
    const body = JSON.stringify(sentToGemini().at(-1)?.body);
    const images = (body.match(/"inlineData"/g) ?? []).length;
    expect(images).toBe(2);
    expect(body).toContain(
      'Change only the part inside the magenta rectangle, at the upper left; keep everything else exactly as it is.',
    );
    expect(body).toContain('Put a red sailing boat here');
    // The marked copy is the last image, after the picture being edited.
    expect(body.lastIndexOf(marked.slice(0, 200))).toBeGreaterThan(body.indexOf('"inlineData"'));

    // The emulator, like Gemini, changed the part and some of the rest.
    const answer = decode(made.value.image.base64);
    expect([answer.width, answer.height]).toEqual([original.width, original.height]);
    expect(outsideChange(original, answer, region).share).toBeGreaterThan(0.01);

    // "Keep everything else exactly": the sidebar's composite, kept as the pending image's bytes.
    const spent = await cost();
    const composite = base64Of(encodePng({ ...original, data: new Uint8Array(keepOutside(original, answer, region)) }));
    const wrong = await result('keepCutout', [
      {
        imageId: made.value.image.id,
        base64: base64Of(encodePng({ width: 10, height: 10, data: new Uint8Array(400) })),
      },
    ]);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.detail).toMatch(
        new RegExp(`is 10×10, not ${original.width}×${original.height} as the picture the edit started from`),
      );
    }
    const { imageId } = await call<{ imageId: string }>('keepCutout', [
      { imageId: made.value.image.id, base64: composite },
    ]);
    const applied = await call<ApplyDone>('applyEdit', [{ imageId, keepAltDescription: false }]);
    expect(applied.kind).toBe('applied');

    const placed = decode(picture().base64);
    expect([placed.width, placed.height]).toEqual([original.width, original.height]);
    let differing = 0;
    for (let y = 0; y < placed.height; y++) {
      for (let x = 0; x < placed.width; x++) {
        if (x >= region.left && x < region.left + region.width && y >= region.top && y < region.top + region.height)
          continue;
        const i = (y * placed.width + x) * 4;
        if ([0, 1, 2].some((c) => placed.data[i + c] !== original.data[i + c])) differing++;
      }
    }
    expect(differing).toBe(0);
    expect(outsideChange(answer, placed, region).share).toBeGreaterThan(0.01);
    // Nothing more is billed for keeping the rest.
    expect(await cost()).toBe(spent);
    const thread = await call<ThreadView>('getThread', [applied.ref]);
    expect(thread.turns.at(-1)?.instruction).toBe(
      'Put a red sailing boat here (in the marked part, at the upper left) (everything else kept exactly)',
    );
    // A kept picture cannot be kept again.
    const again = await result('keepCutout', [{ imageId, base64: composite }]);
    expect(again.ok).toBe(false);
  });
});
