/**
 * The deck's style and deck jobs through the real bundle (dist/Code.js in the local runtime, against the
 * validating emulator): a style set once is carried by every generate and edit request (and left out when a
 * request says so); a 6-slide deck is illustrated item by item, survives a new execution, and every accepted
 * image lands on its own slide clear of every text box; a failing item is failed while the others finish; the
 * cap stops items before they are sent; a restyled picture is a turn of its thread and its previous version
 * comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckState, ImageElement, SlideState } from '../../dev/runtime/model';
import { shape } from '../../dev/runtime/seed';
import { encodePng } from '../../dev/support/image';
import { threadKey } from '../../src/core/conversation/thread';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { overlaps } from '../../src/core/placement';
import { slidesThreadId } from '../../src/server/platform/identity';
import type {
  ApplyDone,
  DeckStyleView,
  ImageCallOutcome,
  ImageDelivered,
  JobPlan,
  JobView,
  NamedReference,
  ReferenceHandle,
  SaveStyleResult,
  ThreadImage,
  ThreadView,
} from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';
const BRIEF = 'Flat paper cut-out collage, soft morning light. Avoid photographic realism.';
const PALETTE = ['#0e6e6e', '#f4a259'];

/** The style's reference image: a small teal square, pinned under a name. */
function teal(): string {
  const data = new Uint8Array(24 * 24 * 4);
  for (let i = 0; i < 24 * 24; i++) data.set([14, 110, 110, 255], i * 4);
  return Buffer.from(encodePng({ width: 24, height: 24, data })).toString('base64');
}
const LOOK = teal();

/** Six slides, each a title and a body on the left half: the right half is free. */
function sixSlides(): DeckState {
  const topics = ['Harvest', 'Irrigation', 'Soil health', 'Seed bank', 'Field team', 'Next season'];
  const slides: SlideState[] = topics.map((topic, i) => ({
    objectId: `p${i + 1}`,
    layout: 'TITLE_AND_BODY',
    speakerNotes: '',
    elements: [
      shape(`t${i + 1}`, 'TITLE', [36, 22, 648, 58], topic),
      shape(
        `b${i + 1}`,
        'BODY',
        [36, 92, 300, 280],
        `What ${topic.toLowerCase()} means for the farm\nWhy it matters this year`,
      ),
    ],
  }));
  return {
    kind: 'deck',
    id: 'deck-jobs',
    name: 'Farm deck',
    pageWidth: 720,
    pageHeight: 405,
    slides,
    selection: { pageId: 'p1', elementIds: [], text: null },
  };
}

describe('the deck style and deck jobs, through the real bundle', () => {
  let bundle: Bundle;
  const live = () => bundle.runtime.world.document as DeckState;
  const generateBodies = () =>
    bundle.emulator.requests.filter((r) => r.path.includes(':generateContent')).map((r) => JSON.stringify(r.body));

  beforeAll(async () => {
    bundle = await startBundle(sixSlides(), { user: ADA });
    await call('saveApiKey', ['AIzaSyPeelDeckJobsKey0123456789abcdefgh']);
    await call('saveApiKey', ['AIzaSyPeelDeckJobsKey0123456789abcdefBE'], BEA);
  });

  afterAll(async () => {
    await bundle?.close();
  });

  const { result, call } = scriptRun(() => bundle.runtime, ADA);

  const generate = (extra: Record<string, unknown> = {}) =>
    call<ImageDelivered>('generateImage', [
      { prompt: 'A tractor at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '1:1', imageSize: '1K', ...extra },
    ]);

  /** Whether a request body carries the style: its words and its reference image. */
  const styled = (body: string) => body.includes('Flat paper cut-out collage') && body.includes(LOOK);

  it('a style is saved for everyone, its changes recorded newest first with who made them', async () => {
    expect(await call<DeckStyleView | null>('getDeckStyle', [])).toBeNull();
    const handle = await call<ReferenceHandle>('uploadReference', [
      { mimeType: 'image/png', base64: LOOK, pixelWidth: 24, pixelHeight: 24 },
    ]);
    await call<NamedReference[]>('pinReference', [{ handleId: handle.id, name: 'Brand look', role: 'style' }]);
    const palette = await call<string[]>('proposeDeckPalette', []);
    // Simple Light's accents, then its second dark and light, de-duplicated, at most 8.
    expect(palette[0]).toBe('#4285f4');
    expect(new Set(palette).size).toBe(palette.length);
    expect(palette.length).toBeLessThanOrEqual(8);
    const first = await call<SaveStyleResult>('saveDeckStyle', [
      { style: { brief: BRIEF, palette: PALETTE, references: [], on: false }, seen: null },
    ]);
    const result = await call<SaveStyleResult>('saveDeckStyle', [
      {
        style: { brief: BRIEF, palette: PALETTE, references: ['Brand look'], on: true },
        seen: first.kind === 'saved' ? first.view.version : 'none',
      },
    ]);
    if (result.kind !== 'saved') throw new Error(result.message);
    const saved = result.view;
    expect(saved.changes.map((c) => c.what)).toEqual(['References changed, Turned on', 'Style set (off)']);
    const seen = await call<DeckStyleView>('getDeckStyle', [], BEA);
    expect(seen.brief).toBe(BRIEF);
    expect(seen.changes.every((c) => c.who === 'collaborator')).toBe(true);
  });

  it('every generate carries the style’s words, and a request with style off does not', async () => {
    await generate();
    const carried = generateBodies().at(-1) ?? '';
    expect(styled(carried)).toBe(true);
    expect(carried).toContain('#0e6e6e');
    expect(carried).toContain('Avoid: photographic realism');
    await generate({ style: false });
    const plain = generateBodies().at(-1) ?? '';
    expect(plain).toContain('A tractor at dawn');
    expect(plain).not.toContain('Flat paper cut-out collage');
    expect(plain).not.toContain(LOOK);
  });

  let job: JobView;

  it('plans and starts an illustrate job of every slide with text and no picture', async () => {
    const plan = await call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    expect(plan.items.map((i) => i.key)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    expect(plan.items.every((i) => i.chosen)).toBe(true);
    // The right half of each slide is free: no slide is said to lack room.
    expect(plan.items.filter((i) => i.label.includes('no room'))).toEqual([]);
    expect(plan.items[2]?.prompt).toContain('Soil health');
    expect(plan.perImageUsd).toBeGreaterThan(0);
    job = await call<JobView>('startDeckJob', [
      {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 100,
        items: plan.items.map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
      },
    ]);
    expect(job.items.map((i) => i.state)).toEqual(Array(6).fill('waiting'));
    // One job per person per document while it is live.
    const second = await result<JobView>('startDeckJob', [
      {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 1,
        items: [{ key: 'p1', prompt: 'x', aspectRatio: '1:1' }],
      },
    ]);
    expect(second.ok ? '' : second.error.code).toBe('BAD_INPUT');
  });

  it('a failing item is failed and reported, the others finish, and every request carries the style', async () => {
    const before = generateBodies().length;
    bundle.emulator.inject({ kind: 'image-prohibited', times: 1 });
    const failed = await result<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index: 0 }]);
    expect(failed.ok ? '' : failed.error.code).toBe('IMAGE_BLOCKED');
    for (let index = 1; index < 6; index++) {
      const outcome = await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index }]);
      expect(outcome.kind).toBe('image');
    }
    const resumed = await call<JobView>('getDeckJob', []);
    expect(resumed.items.map((i) => i.state)).toEqual([
      'failed',
      'proposed',
      'proposed',
      'proposed',
      'proposed',
      'proposed',
    ]);
    expect(resumed.items[0]?.error).toMatch(/withheld|content policy/);
    // Regenerate: the failed item waits again and is drawn.
    await call<JobView>('reviewJobItem', [{ jobId: job.id, index: 0, action: 'regenerate' }]);
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index: 0 }])).kind).toBe('image');
    const sent = generateBodies().slice(before);
    expect(sent).toHaveLength(7);
    for (const body of sent) expect(styled(body)).toBe(true);
  });

  it('the job survives a new execution with its proposals, and someone else sees none of it', async () => {
    const resumed = await call<JobView>('getDeckJob', []);
    expect(resumed.id).toBe(job.id);
    expect(resumed.items.every((i) => i.state === 'proposed' && i.imageId)).toBe(true);
    expect(resumed.spentUsd).toBeGreaterThan(0);
    // The review list after reopening: each proposal's image, from the cache, without drawing it again.
    const shown = await call<ThreadImage>('getJobItemImage', [{ jobId: job.id, index: 3 }]);
    expect(shown.mimeType).toMatch(/^image\//);
    expect(shown.base64.length).toBeGreaterThan(100);
    expect(await call<JobView | null>('getDeckJob', [], BEA)).toBeNull();
    const refused = await result<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index: 1 }], BEA);
    expect(refused.ok).toBe(false);
  });

  it('accept all: six images, each on its own slide, none over any text box, and the job is done', async () => {
    // The selection is on slide 1: accepting must not put anything there but slide 1's own image.
    live().selection = { pageId: 'p1', elementIds: [], text: null };
    let last: JobView | null = null;
    for (let index = 0; index < 6; index++) {
      last = await call<JobView>('reviewJobItem', [{ jobId: job.id, index, action: 'accept' }]);
    }
    expect(last?.items.every((i) => i.state === 'accepted')).toBe(true);
    expect(live().slides).toHaveLength(6);
    for (const slide of live().slides) {
      const images = slide.elements.filter((e): e is ImageElement => e.kind === 'image');
      expect(images, slide.objectId).toHaveLength(1);
      for (const box of slide.elements.filter((e) => e.kind === 'shape' && e.text.trim() !== '')) {
        expect(overlaps(images[0] as ImageElement, box), `${slide.objectId}: over ${box.objectId}`).toBe(false);
      }
    }
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();
    // Each new picture's thread starts with the references its request carried: here the style's.
    const properties = bundle.runtime.world.properties.document(live().id).getProperties();
    const firstTurns = live().slides.map((slide) => {
      const image = slide.elements.find((e): e is ImageElement => e.kind === 'image');
      const thread = JSON.parse(properties[threadKey(slidesThreadId(image?.objectId ?? ''))] ?? '{}') as {
        turns?: { refs?: string[] }[];
      };
      return thread.turns?.[0]?.refs;
    });
    expect(firstTurns).toEqual(Array(6).fill(['Brand look']));
  });

  it('the plan says which slide has no room, so its picture goes on a new slide after it', async () => {
    const full: SlideState = {
      objectId: 'p7',
      layout: 'TITLE_AND_BODY',
      speakerNotes: '',
      elements: [
        shape('t7', 'TITLE', [36, 22, 648, 58], 'Every site'),
        shape('b7', 'BODY', [36, 92, 648, 290], 'Twelve sites across three valleys'),
      ],
    };
    live().slides.push(full);
    try {
      const plan = await call<JobPlan>('planDeckJob', [
        { kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' },
      ]);
      const label = (key: string) => plan.items.find((i) => i.key === key)?.label ?? '';
      expect(label('p7')).toMatch(/no room: it goes on a new slide after it/);
    } finally {
      live().slides.pop();
    }
  });

  it('the cap stops an item before anything is sent, and cancel ends the job', async () => {
    const plan = await call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    const price = plan.perImageUsd ?? 0;
    const capped = await call<JobView>('startDeckJob', [
      {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: price * 1.5,
        items: plan.items.slice(0, 3).map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
      },
    ]);
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: capped.id, index: 0 }])).kind).toBe('image');
    const sent = bundle.emulator.requests.length;
    const refused = await result<ImageCallOutcome>('runJobItem', [{ jobId: capped.id, index: 1 }]);
    expect(refused.ok ? '' : refused.error.code).toBe('JOB_CAP');
    expect(bundle.emulator.requests.length).toBe(sent);
    const after = await call<JobView>('getDeckJob', []);
    expect(after.items.map((i) => i.state)).toEqual(['proposed', 'waiting', 'waiting']);
    const cancelled = await call<JobView>('cancelDeckJob', [capped.id]);
    expect(cancelled.cancelled).toBe(true);
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();
  });

  it('restyle: each accepted picture is a turn of its thread, and restoring gives back the previous version', async () => {
    const plan = await call<JobPlan>('planDeckJob', [{ kind: 'restyle', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    expect(plan.items).toHaveLength(6);
    const chosen = plan.items.slice(0, 2);
    const started = await call<JobView>('startDeckJob', [
      {
        kind: 'restyle',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 100,
        items: chosen.map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
      },
    ]);
    const before = generateBodies().length;
    const imageOf = (ref: string) =>
      live()
        .slides.flatMap((s) => s.elements)
        .find((e): e is ImageElement => e.kind === 'image' && `s:${e.objectId}` === ref)?.image.base64;
    const originals = chosen.map((item) => imageOf(item.key));
    for (const index of [0, 1]) {
      expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: started.id, index }])).kind).toBe('image');
      await call<JobView>('reviewJobItem', [{ jobId: started.id, index, action: 'accept' }]);
    }
    for (const body of generateBodies().slice(before)) expect(styled(body)).toBe(true);
    const [first] = chosen;
    if (!first) throw new Error('no picture');
    expect(imageOf(first.key)).not.toBe(originals[0]);
    const thread = await call<ThreadView>('getThread', [first.key]);
    expect(thread.turns.map((t) => t.kind)).toEqual(['new', 'edit']);
    const previous = thread.versions.at(-1)?.id ?? '';
    const restored = await call<ApplyDone>('restoreVersion', [
      { threadId: thread.threadId, versionId: previous, seen: thread.currentVersionId },
    ]);
    expect(restored.versionId).toBe(previous);
    expect(imageOf(first.key)).toBe(originals[0]);
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();
  });

  it('restyle: a picture changed since its proposal is left as it is, and the refusal says who changed it and what next', async () => {
    const plan = await call<JobPlan>('planDeckJob', [{ kind: 'restyle', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    const item = plan.items.at(-1);
    if (!item) throw new Error('no picture');
    const started = await call<JobView>('startDeckJob', [
      {
        kind: 'restyle',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 100,
        items: [{ key: item.key, prompt: item.prompt, aspectRatio: item.aspectRatio }],
      },
    ]);
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: started.id, index: 0 }])).kind).toBe('image');
    // Meanwhile the person edits that picture themselves.
    const edited = await call<ImageDelivered>('editImage', [
      {
        ref: item.key,
        instruction: 'Make it night',
        model: DEFAULT_MODEL_ID,
        aspectRatio: null,
        imageSize: '1K',
        quick: null,
      },
    ]);
    await call('applyEdit', [{ imageId: edited.image.id, keepAltDescription: true }]);
    const refused = await result<JobView>('reviewJobItem', [{ jobId: started.id, index: 0, action: 'accept' }]);
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'BAD_INPUT',
      detail:
        'You changed this picture since you last saw it, so nothing was replaced. Regenerate this item to restyle the picture as it is now, or skip it.',
    });
    await call<JobView>('cancelDeckJob', [started.id]);
  });
});
