/**
 * Quick edits through the server, in-process on the runtime's fakes: each kind sends Gemini the prompt and the
 * request it should, and the thread records the short instruction as an ordinary turn. "Match this slide's
 * colours" reads the deck's theme through Page.getColorScheme; an expand in Slides keeps the image's box.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeckState, ImageElement } from '../../dev/runtime/model';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { applyEdit, editImage, getTarget, getThread } from '../../src/server/rpc/api';
import type { QuickEditRequest } from '../../src/shared/rpc';
import {
  applied,
  type Harness,
  imageOf,
  imageReply,
  installServices,
  pngBase64,
  selectedDeck,
  selectedDoc,
  value,
} from './harness';

/** The image being edited: the selected one at first, then the one each Apply put in its place (Docs makes a new one). */
let current: string | null = null;

function refOf(): string {
  if (current) return current;
  const image = value(getTarget()).image;
  if (!image) throw new Error('no image selected');
  return image.ref;
}

/** The generateContent request `index` as sent: its last user turn's words and the ratio it asks for. */
function sent(h: Harness, index = -1): { words: string; aspectRatio: unknown } {
  const request = h.requests.at(index);
  if (!request) throw new Error('nothing was sent');
  const body = JSON.parse(String(request.payload)) as {
    contents: { role: string; parts: { text?: string }[] }[];
    generationConfig?: { imageConfig?: { aspectRatio?: string } };
  };
  const last = body.contents.at(-1);
  return {
    words: (last?.parts ?? []).flatMap((p) => (p.text ? [p.text] : [])).join('\n'),
    aspectRatio: body.generationConfig?.imageConfig?.aspectRatio,
  };
}

/** One edit and its Apply, as the sidebar makes them. */
function editAndApply(h: Harness, instruction: string, quick: QuickEditRequest, reply = pngBase64(160, 120)) {
  h.respondWith(imageReply(reply, 'Done.'));
  const ref = refOf();
  const edit = { ref, instruction, model: DEFAULT_MODEL_ID, aspectRatio: null, imageSize: '1K' };
  const image = imageOf(editImage({ ...edit, quick } as Parameters<typeof editImage>[0]));
  const words = sent(h).words;
  const done = applied(applyEdit({ imageId: image.id, keepAltDescription: true }));
  current = done.ref;
  return { words, applied: done };
}

beforeEach(() => {
  current = null;
});

function turns(): { instruction: string; kind: string }[] {
  const thread = value(getThread(refOf()));
  return (thread?.turns ?? []).map((t) => ({ instruction: t.instruction, kind: t.kind }));
}

describe.each([
  ['Slides', selectedDeck],
  ['Docs', selectedDoc],
] as const)('quick edits in %s', (_name, fresh) => {
  it('remove the background: Gemini is asked for the subject on the key colour, the thread says so briefly', () => {
    const h = installServices(fresh());
    const { words } = editAndApply(h, '', { kind: 'remove-background', key: '#FF00FF' });
    expect(words).toMatch(
      /^Remove the background and put the subject on a flat, even background of exactly #FF00FF \(pure magenta\)/,
    );
    expect(words).toMatch(/Keep the subject exactly as it is/);
    expect(turns()).toEqual([{ instruction: 'Remove the background', kind: 'quick' }]);
  });

  it('replace the background with a colour (as hex) or with a described scene', () => {
    const h = installServices(fresh());
    const colour = editAndApply(h, '', { kind: 'replace-background', with: '336699' });
    expect(colour.words).toMatch(/^Replace the background with a solid, even colour #336699\./);
    const scene = editAndApply(h, '', { kind: 'replace-background', with: 'a beach at dusk.' });
    expect(scene.words).toMatch(/^Replace the background with a beach at dusk, lit to match the subject\./);
    expect(turns().map((t) => t.instruction)).toEqual([
      'Replace the background with #336699',
      'Replace the background with a beach at dusk',
    ]);
  });

  it('expand: the request asks for the chosen ratio, whatever the image’s own', () => {
    const h = installServices(fresh());
    const { words } = editAndApply(h, '', { kind: 'expand', aspectRatio: '16:9' }, pngBase64(160, 90));
    expect(sent(h).aspectRatio).toBe('16:9');
    expect(words).toMatch(/^Expand the picture outward to a 16:9 frame/);
    expect(turns()).toEqual([{ instruction: 'Expand to 16:9', kind: 'quick' }]);
  });

  it('more like this: the last instruction a person gave, again, even after a "more like this"', () => {
    const h = installServices(fresh());
    editAndApply(h, 'Add a red boat', null);
    const first = editAndApply(h, '', { kind: 'more-like-this' });
    expect(first.words).toMatch(/^Make a fresh variation of this image for the same request \("Add a red boat"\)/);
    const second = editAndApply(h, '', { kind: 'more-like-this' });
    expect(second.words).toMatch(/\("Add a red boat"\)/);
    expect(turns().map((t) => t.instruction)).toEqual(['Add a red boat', 'More like this', 'More like this']);
  });
});

describe("match this slide's colours", () => {
  it("names the theme's six accents as hex colours, read through the slide's colour scheme", () => {
    const h = installServices(selectedDeck());
    const { words } = editAndApply(h, '', { kind: 'match-colours' });
    expect(words).toContain(
      'Recolour the image to harmonise with this palette: #E4572E, #F3A712, #29335C, #669BBC, #2A9D8F, #8AB17D.',
    );
    expect(turns()).toEqual([{ instruction: 'Match the slide’s colours', kind: 'quick' }]);
  });

  it('in Docs, which has no theme, says so before anything is sent', () => {
    const h = installServices(selectedDoc());
    const ref = refOf();
    const result = editImage({
      ref,
      instruction: '',
      model: DEFAULT_MODEL_ID,
      aspectRatio: null,
      imageSize: '1K',
      quick: { kind: 'match-colours' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'BAD_INPUT', detail: expect.stringMatching(/theme/) });
    expect(h.requests).toHaveLength(0);
  });
});

describe('an expand applied in Slides', () => {
  it('keeps the element and fits the wider picture inside its box, centred, uncropped', () => {
    const h = installServices(selectedDeck());
    const element = () =>
      (h.ctx.document as DeckState).slides[2]?.elements.find((e) => e.objectId === 's3-image') as ImageElement;
    const before = { ...element() };
    editAndApply(h, '', { kind: 'expand', aspectRatio: '16:9' }, pngBase64(160, 90));
    const after = element();
    expect(after.image.pixelWidth / after.image.pixelHeight).toBeCloseTo(16 / 9);
    expect(after.crop).toBeUndefined();
    // README: "An edit to another ratio ("expand") is fitted inside the box rather than cropped back to it."
    expect(after.left).toBe(before.left);
    expect(after.width).toBe(before.width);
    expect(after.height).toBeCloseTo(before.width / (16 / 9));
    expect(after.top + after.height / 2).toBeCloseTo(before.top + before.height / 2);
    expect(after.title).not.toBe('');
  });
});

describe('selecting a picture until its edit view shows', () => {
  it('is one call: the selection brings the thread of a picture the sidebar does not show, and only then', () => {
    const h = installServices(selectedDeck());
    const first = value(getTarget(null)).image;
    expect(first?.view).toMatchObject({ ref: first?.ref, label: 'The selected image on slide 3', turns: [] });
    expect(first?.view?.current.base64.length).toBeGreaterThan(0);
    // The sidebar shows it now: the next reading is the cheap one, with no thread and no picture bytes.
    const before = h.propertyOps();
    const again = value(getTarget(first?.ref ?? null)).image;
    expect(again).toEqual({ ref: first?.ref, threadId: null });
    expect(h.propertyOps() - before).toBe(1);
  });
});
