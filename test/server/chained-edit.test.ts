/**
 * Chained edits through the server, in-process on the runtime's fakes, in Slides and in Docs: an edit may continue
 * from a preview (by its image id) instead of the picture in the document. The request then carries that preview
 * as Gemini sent it, with Gemini's own signature on it, after the picture's and the chain's instructions; a gone
 * preview is refused with a sentence before anything is sent or billed; Apply places any member of the chain
 * through `place`, against the picture the chain started from; and the thread keeps what was shown and what was
 * placed, so a reopened sidebar shows the same conversation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { USER_ID_PROPERTY } from '../../src/server/platform/identity';
import { applyEdit, editImage, getPreview, getTarget, getThread } from '../../src/server/rpc/api';
import type { GeneratedImage } from '../../src/shared/rpc';
import { SIGNATURE } from '../core/gemini/fakes';
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

interface Body {
  contents: { role: string; parts: { text?: string; inlineData?: { data: string }; thoughtSignature?: string }[] }[];
}

const body = (h: Harness, index = -1): Body => JSON.parse(String(h.requests.at(index)?.payload)) as Body;

/** The picture the document shows now, as base64. */
function shown(h: Harness): string {
  const view = value(getThread(refNow(h)));
  if (!view) throw new Error('no thread');
  return view.current.base64;
}

let ref: string | null = null;
function refNow(_h: Harness): string {
  if (ref) return ref;
  const image = value(getTarget()).image;
  if (!image) throw new Error('no image selected');
  ref = image.ref;
  return ref;
}

/** One edit variant, from the document's picture or (from) a preview; each reply's picture differs. */
function edit(h: Harness, instruction: string, height: number, from?: string): GeneratedImage {
  h.respondWith(imageReply(pngBase64(160, height), `Did: ${instruction}`));
  return imageOf(
    editImage({
      ref: refNow(h),
      instruction,
      model: DEFAULT_MODEL_ID,
      aspectRatio: null,
      imageSize: '1K',
      quick: null,
      ...(from ? { from } : {}),
    }),
  );
}

function costEntries(h: Harness): string[] {
  return Object.keys(h.properties.document.getProperties()).filter((k) => k.startsWith('PEEL_COST.'));
}

afterEach(() => {
  ref = null;
  vi.useRealTimers();
});

describe.each([
  { host: 'Slides', fresh: selectedDeck },
  { host: 'Docs', fresh: selectedDoc },
])('chained edits in $host', ({ fresh }) => {
  it('continues from the preview by its id: its bytes and Gemini’s signature in the model turn, the chain’s words before', () => {
    const h = installServices(fresh());
    // The picture has one applied turn first, so the history also names the document's own past.
    ref = applied(applyEdit({ imageId: edit(h, 'Add a lighthouse', 118).id, keepAltDescription: true })).ref;
    const document = h.snapshot();
    const first = edit(h, 'Make the sky orange', 100);
    const second = edit(h, 'Add a red boat', 90, first.id);
    expect(h.snapshot()).toBe(document);
    const sent = body(h);
    const model = sent.contents.find((c) => c.role === 'model');
    const image = model?.parts.find((p) => p.inlineData);
    // The preview as Gemini sent it, not the picture in the document, with the signature Gemini put on that part.
    expect(image?.inlineData?.data).toBe(first.base64);
    expect(image?.thoughtSignature).toBe(`${SIGNATURE}x`);
    const earlier = sent.contents[0]?.parts[0]?.text ?? '';
    expect(earlier).toMatch(/Add a lighthouse\. Make the sky orange\./);
    expect(
      sent.contents
        .at(-1)
        ?.parts.map((p) => p.text)
        .join(''),
    ).toBe('Add a red boat');

    // A third link carries the whole chain's words; the document's picture is still untouched.
    const third = edit(h, 'Make it night', 80, second.id);
    expect(body(h).contents[0]?.parts[0]?.text).toMatch(/Make the sky orange\. Add a red boat\.$/);
    expect(body(h).contents.find((c) => c.role === 'model')?.parts[0]?.inlineData?.data).toBe(second.base64);
    expect(h.snapshot()).toBe(document);

    // Nothing billed is lost: all three previews stay reachable, and the thread shows them as shown, not placed.
    for (const made of [first, second, third]) expect(value(getPreview(made.id)).image.base64).toBe(made.base64);
    const view = value(getThread(ref));
    expect(view?.turns.map((t) => [t.instruction, t.shown ?? false])).toEqual([
      ['Add a lighthouse', false],
      ['Make the sky orange', true],
      ['Add a red boat', true],
      ['Make it night', true],
    ]);
    expect(view?.turns.filter((t) => t.shown).map((t) => t.imageId)).toEqual([first.id, second.id, third.id]);
    expect(view?.currentVersionId).toBe(view?.turns[0]?.versionId);
  });

  it('refuses a missing or expired preview with a sentence, sending and billing nothing', () => {
    // The cache's clock is the fake one, so its six hours can pass.
    vi.useFakeTimers({ toFake: ['Date'] });
    const h = installServices(fresh());
    const first = edit(h, 'Make the sky orange', 100);
    const sentBefore = h.requests.length;
    const costsBefore = costEntries(h);
    const document = h.snapshot();
    const ask = (from: string) =>
      editImage({
        ref: refNow(h),
        instruction: 'Add a red boat',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: null,
        from,
      });
    const never = ask('abcdefghijklmnopqrst.1');
    // Past the cache's six hours the preview is gone too.
    vi.setSystemTime(Date.now() + 7 * 3600 * 1000);
    const expired = ask(first.id);
    for (const result of [never, expired]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('PREVIEW_EXPIRED');
      expect(result.error.detail).toMatch(/continues from is no longer kept .* nothing was sent or charged\./);
      expect(result.error.action).toMatch(/Edit the picture in the document instead/);
    }
    expect(h.requests.length).toBe(sentBefore);
    expect(costEntries(h)).toEqual(costsBefore);
    expect(h.snapshot()).toBe(document);
    const gone = getPreview(first.id);
    expect(gone.ok ? null : gone.error.code).toBe('PREVIEW_EXPIRED');
  });

  it('applies an earlier member of the chain in place of the picture the chain started from', () => {
    const h = installServices(fresh());
    // Applied once, so that a Docs picture is tracked: an untracked one has no conversation before its first Apply.
    ref = applied(applyEdit({ imageId: edit(h, 'Add a lighthouse', 118).id, keepAltDescription: true })).ref;
    const before = shown(h);
    const first = edit(h, 'Make the sky orange', 100);
    const second = edit(h, 'Add a red boat', 90, first.id);
    const done = applied(applyEdit({ imageId: first.id, keepAltDescription: true }));
    ref = done.ref;
    expect(shown(h)).toBe(first.base64);
    expect(shown(h)).not.toBe(before);
    const turns = done.thread.turns;
    expect(turns.map((t) => [t.instruction, t.shown ?? false])).toEqual([
      ['Add a lighthouse', false],
      ['Make the sky orange', false],
      ['Add a red boat', true],
    ]);
    expect(done.thread.currentVersionId).toBe(turns[1]?.versionId);
    // The picture it replaced is kept as a version, restorable.
    expect(done.thread.versions.map((v) => v.id)).toContain(turns[0]?.versionId);
    // The later preview is still reachable; applying it now would be over a picture changed since the chain began.
    expect(value(getPreview(second.id)).image.base64).toBe(second.base64);
    const stale = value(applyEdit({ imageId: second.id, keepAltDescription: true }));
    expect(stale.kind).toBe('changed');
    expect(shown(h)).toBe(first.base64);
  });

  it('detects a collaborator’s Apply made while the chain was shown (place’s base check), and replaces nothing', () => {
    const h = installServices(fresh());
    const first = edit(h, 'Make the sky orange', 100);
    const second = edit(h, 'Add a red boat', 90, first.id);
    // A collaborator edits the same picture and applies it meanwhile.
    const mine = h.properties.user.getProperty(USER_ID_PROPERTY);
    h.properties.user.setProperty(USER_ID_PROPERTY, 'collaborator-bea');
    ref = applied(applyEdit({ imageId: edit(h, 'Make it black and white', 110).id, keepAltDescription: true })).ref;
    if (mine) h.properties.user.setProperty(USER_ID_PROPERTY, mine);
    const theirs = shown(h);
    const result = value(applyEdit({ imageId: second.id, keepAltDescription: true }));
    expect(result.kind).toBe('changed');
    if (result.kind !== 'changed') return;
    expect(result.by).toBe('collaborator');
    expect(shown(h)).toBe(theirs);
    // The person may still apply on top, over the newer picture, which is kept as a version first.
    const onTop = applied(
      applyEdit({ imageId: second.id, keepAltDescription: true, resolve: { choice: 'replace', seen: result.seen } }),
    );
    expect(shown(h)).toBe(second.base64);
    expect(onTop.thread.turns.at(-1)?.shown).toBeUndefined();
  });
});
