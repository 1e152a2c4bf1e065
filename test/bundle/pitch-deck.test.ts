/**
 * The real bundle (dist/Code.js in the local runtime, against the emulator) on the pitch deck: Illustrate,
 * Generate at the Target's ratio and Insert on every slide, then measure from the deck model that no new
 * picture overlaps any table, group member, line, chart, video, word art or text, by the bounds each covers as
 * drawn (rotation included). Selecting a table cell, a group or a member of it gives the Target it promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER } from '../../dev/runtime/index';
import type { DeckState, PageElementState } from '../../dev/runtime/model';
import { pitchDeck } from '../../dev/runtime/seed';
import { drawnBounds } from '../../dev/runtime/slides/transform';
import { DEFAULT_MODEL_ID, modelSpec } from '../../src/core/gemini/catalog';
import { nearestAspectRatio } from '../../src/core/geometry';
import { overlaps } from '../../src/core/placement';
import type {
  IllustratePrompt,
  ImageCallOutcome,
  ImageDelivered,
  InsertResult,
  JobPlan,
  JobView,
  Target,
} from '../../src/shared/rpc';
import { type Bundle, scriptRun, startBundle } from './harness';

const SLIDES = ['pitch-1', 'pitch-2', 'pitch-3', 'pitch-4', 'pitch-5'];

/** Everything a picture must not cover: each element, and each member of a group as well as the group. */
function visible(elements: readonly PageElementState[]): PageElementState[] {
  return elements.flatMap((e) => (e.kind === 'group' ? [e, ...visible(e.children)] : [e]));
}

/** A line is drawn with a weight about its box, which may be 0 thick. */
function covered(element: PageElementState) {
  const box = drawnBounds(element);
  if (element.kind !== 'line') return box;
  const half = (element.weight ?? 1) / 2;
  return { left: box.left - half, top: box.top - half, width: box.width + 2 * half, height: box.height + 2 * half };
}

describe('the pitch deck, through the real bundle', () => {
  let bundle: Bundle;
  const runtime = () => bundle.runtime;
  const live = () => runtime().world.document as DeckState;
  const run = scriptRun(runtime, DEFAULT_USER);
  const call = <T>(name: string, ...args: unknown[]) => run.call<T>(name, args);

  beforeAll(async () => {
    bundle = await startBundle(pitchDeck());
    await call('saveApiKey', 'AIzaSyPeelPitchDeckKey0123456789abcdefgh');
  });

  afterAll(async () => {
    await bundle?.close();
  });

  async function illustrate(pageId: string): Promise<InsertResult> {
    live().selection = { pageId, elementIds: [], text: null };
    const target = await call<Target>('getTarget');
    const prompt = await call<IllustratePrompt>('composeIllustratePrompt', { includeNotes: true });
    const generated = await call<ImageDelivered>('generateImage', {
      prompt: prompt.prompt,
      model: DEFAULT_MODEL_ID,
      aspectRatio: nearestAspectRatio(target.ratio, modelSpec(DEFAULT_MODEL_ID).aspectRatios),
      imageSize: '1K',
    });
    // Where the free space is under a quarter of the slide, plain Insert makes a new slide; the person here asks
    // for the picture beside what the slide holds, the choice the sidebar offers first.
    const where = target.offers ? { where: 'beside' } : {};
    return call<InsertResult>('insertImage', { imageId: generated.image.id, mode: 'insert', ...where });
  }

  /** Every picture Peel added to the deck covers nothing else on its slide, as drawn. */
  function expectNothingCovered(added: readonly string[]): void {
    for (const slide of live().slides) {
      const everything = visible(slide.elements);
      for (const image of everything.filter((e) => added.includes(e.objectId))) {
        for (const other of everything.filter((e) => e !== image)) {
          expect(overlaps(image, covered(other)), `${slide.objectId}: ${image.objectId} over ${other.objectId}`).toBe(
            false,
          );
        }
      }
    }
  }

  it('illustrates every slide and covers nothing on it, measured as drawn', async () => {
    const added: string[] = [];
    const said: string[] = [];
    for (const pageId of SLIDES) {
      const inserted = await illustrate(pageId);
      if (inserted.objectId) added.push(inserted.objectId);
      said.push(`${pageId}: ${inserted.label}`);
    }
    console.log(`pitch deck: ${said.join('; ')}`);
    expectNothingCovered(added);
    // Every slide took its own picture: the deck leaves room beside what it holds.
    expect(live().slides.map((s) => s.elements.filter((e) => added.includes(e.objectId)).length)).toEqual(
      SLIDES.map(() => 1),
    );
  }, 120_000);

  it('a table cell, a group or a member of it selected: the Target says what Insert and Replace will do', async () => {
    // A fresh deck: the slides above now hold their pictures, and a full slide's Target is about that.
    runtime().world.document = pitchDeck();
    live().selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: null,
      cells: { elementId: 'p2-table', cells: [{ row: 3, column: 2 }] },
    };
    const cell = await call<Target>('getTarget');
    expect(cell).toMatchObject({ canReplace: false, label: expect.stringMatching(/\(a table cell is selected\)$/) });
    live().selection = { pageId: 'pitch-3', elementIds: ['p3-logo'], text: null };
    const group = await call<Target>('getTarget');
    expect(group).toMatchObject({ canReplace: false, label: expect.stringMatching(/\(a group is selected\)$/) });
    live().selection = { pageId: 'pitch-3', elementIds: ['p3-logo-mark'], text: null };
    expect(await call<Target>('getTarget')).toMatchObject({ kind: 'image', canReplace: true });
  });

  it('a deck job illustrates every slide, and each accepted picture covers nothing', async () => {
    runtime().world.document = pitchDeck();
    const plan = await call<JobPlan>('planDeckJob', { kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' });
    const items = plan.items.filter((i) => SLIDES.includes(i.key));
    expect(items.map((i) => i.key)).toEqual(SLIDES);
    const job = await call<JobView>('startDeckJob', {
      kind: 'illustrate',
      model: DEFAULT_MODEL_ID,
      imageSize: '1K',
      capUsd: 100,
      items: items.map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
    });
    for (let index = 0; index < items.length; index++) {
      expect((await call<ImageCallOutcome>('runJobItem', { jobId: job.id, index })).kind).toBe('image');
    }
    const before = new Set(visible(live().slides.flatMap((s) => s.elements)).map((e) => e.objectId));
    let last: JobView | null = null;
    for (let index = 0; index < items.length; index++) {
      last = await call<JobView>('reviewJobItem', { jobId: job.id, index, action: 'accept' });
    }
    expect(last?.items.every((i) => i.state === 'accepted')).toBe(true);
    const added = visible(live().slides.flatMap((s) => s.elements))
      .map((e) => e.objectId)
      .filter((id) => !before.has(id));
    expect(added).toHaveLength(items.length);
    expectNothingCovered(added);
  }, 120_000);
});
