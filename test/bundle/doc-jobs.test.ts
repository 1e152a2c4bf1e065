/**
 * "Illustrate the document" through the real bundle (dist/Code.js in the local runtime) on the long report: the
 * plan has one item per section with words (a HEADING1 or HEADING2 and what follows it), each prompt made of its
 * heading and first paragraphs and nothing from the header, footer, footnotes or tables; the job survives a new
 * execution; every accepted picture lands right after its section's first paragraph, in a paragraph of its own,
 * in document order whatever order they are accepted in, and nothing else in the document moves; the cap stops an
 * item before anything is sent; a section deleted meanwhile says so and nothing is placed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentState, FlowState, InlineImageState } from '../../dev/runtime/model';
import { demoReport } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type { ImageCallOutcome, JobPlan, JobView, ThreadView } from '../../src/shared/rpc';
import { documentShape } from './doc-shape';
import { type Bundle, scriptRun, startBundle } from './harness';

const ADA = 'ada@example.com';
const BEA = 'bea@example.com';
const BRIEF = 'Soft watercolour washes, morning light';

/** The report's sections with words, and the paragraph each picture goes after. */
const SECTIONS = [
  { heading: 'Summary', after: 'r-summary' },
  { heading: 'Water use', after: 'r-water' },
  { heading: 'Soil moisture', after: 'r-soil' },
  { heading: 'Methods', after: 'r-methods' },
  { heading: 'Appendix: the sites', after: 'r-appendix' },
];

let bundle: Bundle;
const { call, result } = scriptRun(() => bundle.runtime, ADA);

beforeAll(async () => {
  bundle = await startBundle(demoReport(), { user: ADA });
  await call('saveApiKey', ['AIzaSyPeelDocJobsKey01234567890abcdefgh']);
  await call('saveApiKey', ['AIzaSyPeelDocJobsKey01234567890abcdefBE'], BEA);
});

afterAll(async () => {
  await bundle?.close();
});

const live = () => bundle.runtime.world.document as DocumentState;
const generateBodies = () =>
  bundle.emulator.requests.filter((r) => r.path.includes(':generateContent')).map((r) => JSON.stringify(r.body));
const generateRequests = () => generateBodies().length;
const plan = () => call<JobPlan>('planDeckJob', [{ kind: 'illustrate', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
const start = (items: JobPlan['items'], capUsd = 100) =>
  call<JobView>('startDeckJob', [
    {
      kind: 'illustrate',
      model: DEFAULT_MODEL_ID,
      imageSize: '1K',
      capUsd,
      items: items.map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
    },
  ]);

const pictures = (b: FlowState): InlineImageState[] =>
  b.kind === 'table' ? [] : b.children.filter((c): c is InlineImageState => c.kind === 'image');

describe('Illustrate the document, on the long report', () => {
  let job: JobView;
  let planned: JobPlan;

  it('plans one picture per section with words, prompted by its heading and first paragraphs only', async () => {
    planned = await plan();
    // "Results" is a HEADING1 followed at once by a HEADING2: a section with no words of its own, not offered.
    expect(planned.items.map((i) => i.label)).toEqual([
      'Section 1: Summary',
      'Section 3: Water use',
      'Section 4: Soil moisture',
      'Section 5: Methods',
      'Section 6: Appendix: the sites',
    ]);
    expect(planned.items.map((i) => i.slideNumber)).toEqual([1, 3, 4, 5, 6]);
    // The appendix already shows a figure; the others have no picture and are chosen.
    expect(planned.items.map((i) => i.chosen)).toEqual([true, true, true, true, false]);
    const water = planned.items[1]?.prompt ?? '';
    expect(water).toContain('Section heading: Water use');
    expect(water).toContain('Every site on the new schedules used less water than the year before');
    // Nothing from the footnote marked in that paragraph, the table after it, the header or the footer.
    expect(water).not.toContain('Compared with');
    expect(water).not.toContain('North ridge');
    expect(water).not.toContain('Northwind');
    expect(water).toMatch(/must contain no text/);
    // A section opening with its paragraph and a list: the first paragraphs, the list's first items among them.
    expect(planned.items[0]?.prompt).toContain('Water use fell by 21% on the new irrigation schedules');
    expect(planned.perImageUsd).toBeGreaterThan(0);
  });

  it('refuses to restyle a document’s pictures, with a sentence, before anything is sent', async () => {
    const sent = generateRequests();
    const refused = await result('planDeckJob', [{ kind: 'restyle', model: DEFAULT_MODEL_ID, imageSize: '1K' }]);
    expect(refused.ok ? '' : refused.error.code).toBe('UNSUPPORTED_HOST');
    expect(refused.ok ? '' : refused.error.detail).toMatch(/edit a picture one at a time/);
    expect(generateRequests()).toBe(sent);
  });

  it('starts a job of every section, draws half, and a new execution goes on with the same proposals', async () => {
    // The document's style: every item is drawn with it, as a deck job's are.
    await call('saveDeckStyle', [
      { style: { brief: BRIEF, palette: ['#0e6e6e'], references: [], on: true }, seen: null },
    ]);
    const before = generateBodies().length;
    job = await start(planned.items);
    expect(job.items.map((i) => i.state)).toEqual(Array(5).fill('waiting'));
    for (const index of [0, 1, 2]) {
      expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index }])).kind).toBe('image');
    }
    // Every call is an execution of its own: the job is read back from the document's properties.
    const resumed = await call<JobView>('getDeckJob', []);
    expect(resumed.id).toBe(job.id);
    expect(resumed.items.map((i) => i.state)).toEqual(['proposed', 'proposed', 'proposed', 'waiting', 'waiting']);
    expect(await call<JobView | null>('getDeckJob', [], BEA)).toBeNull();
    for (const index of [3, 4]) {
      expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: job.id, index }])).kind).toBe('image');
    }
    expect((await call<JobView>('getDeckJob', [])).items.every((i) => i.state === 'proposed')).toBe(true);
    const sent = generateBodies().slice(before);
    expect(sent).toHaveLength(5);
    for (const body of sent) expect(body).toContain(BRIEF);
    // Drawing placed nothing.
    expect(live().body.flatMap(pictures)).toHaveLength(1);
  });

  it('accepts in any order: each picture right after its section’s first paragraph, in order, nothing else moved', async () => {
    const before = documentShape(live());
    // The cursor in the header: accepting must not put anything there, or anywhere but under each heading.
    live().selection = { cursor: { section: 'header', blockId: 'r-h-1', offset: 3 }, range: null, imageId: null };
    let last: JobView | null = null;
    for (const index of [2, 0, 4, 1, 3]) {
      last = await call<JobView>('reviewJobItem', [{ jobId: job.id, index, action: 'accept' }]);
    }
    expect(last?.items.every((i) => i.state === 'accepted')).toBe(true);
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();

    const body = live().body;
    const original = new Set(demoReport().body.map((b) => b.id));
    const added = body.filter((b) => !original.has(b.id));
    expect(added).toHaveLength(5);
    for (const { heading, after } of SECTIONS) {
      const index = body.findIndex((b) => b.id === after);
      const next = body[index + 1];
      if (!next || next.kind === 'table') throw new Error(`Nothing after ${after}`);
      expect(
        next.children.map((c) => c.kind),
        heading,
      ).toEqual(['image']);
      expect(next.alignment).toBe('CENTER');
      expect(pictures(next)[0]?.altTitle).toBe(`Illustration: ${heading}`);
      expect(pictures(next)[0]?.width).toBe(468);
    }
    // In document order: the five new pictures, then the appendix's own figure after its first paragraph's.
    const order = body.flatMap((b) => pictures(b).map((p) => p.altTitle));
    expect(order).toEqual([
      ...SECTIONS.slice(0, 4).map((s) => `Illustration: ${s.heading}`),
      'Illustration: Appendix: the sites',
      'The test plots at sunrise',
    ]);
    // Nothing in the table, the header, the footer or the footnotes; every other block as it was.
    const withoutAdded = { ...live(), body: body.filter((b) => !added.includes(b)) };
    expect(documentShape(withoutAdded)).toEqual(before);
    // Each picture starts its thread, as an inserted one does.
    const ref = `d:${(live().namedRanges ?? []).at(-1)?.name.replace('peel.img.', '') ?? ''}`;
    const thread = await call<ThreadView>('getThread', [ref]);
    expect(thread.turns.map((t) => t.kind)).toEqual(['new']);
  });

  it('the cap stops an item before anything is sent, and cancel ends the job', async () => {
    const fresh = await plan();
    const price = fresh.perImageUsd ?? 0;
    const capped = await start(fresh.items.slice(0, 3), price * 1.5);
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: capped.id, index: 0 }])).kind).toBe('image');
    const sent = bundle.emulator.requests.length;
    const refused = await result<ImageCallOutcome>('runJobItem', [{ jobId: capped.id, index: 1 }]);
    expect(refused.ok ? '' : refused.error.code).toBe('JOB_CAP');
    expect(bundle.emulator.requests.length).toBe(sent);
    expect((await call<JobView>('getDeckJob', [])).items.map((i) => i.state)).toEqual([
      'proposed',
      'waiting',
      'waiting',
    ]);
    expect((await call<JobView>('cancelDeckJob', [capped.id])).cancelled).toBe(true);
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();
  });

  it('a section deleted meanwhile: its Accept says so and places nothing; Skip ends the job', async () => {
    const fresh = await plan();
    const methods = fresh.items.filter((i) => i.label.endsWith('Methods'));
    const started = await start(methods);
    expect((await call<ImageCallOutcome>('runJobItem', [{ jobId: started.id, index: 0 }])).kind).toBe('image');
    // A collaborator deletes the heading (its words join the section before).
    live().body = live().body.filter((b) => b.id !== 'r-methods-h');
    const before = JSON.stringify(live());
    const refused = await result<JobView>('reviewJobItem', [{ jobId: started.id, index: 0, action: 'accept' }]);
    expect(refused.ok ? '' : refused.error.code).toBe('SECTION_GONE');
    expect(refused.ok ? '' : refused.error.detail).toMatch(/no longer in the document.*Skip it/);
    expect(JSON.stringify(live())).toBe(before);
    expect((await call<JobView>('getDeckJob', [])).items[0]?.state).toBe('proposed');
    const skipped = await call<JobView>('reviewJobItem', [{ jobId: started.id, index: 0, action: 'skip' }]);
    expect(skipped.items[0]?.state).toBe('skipped');
    expect(await call<JobView | null>('getDeckJob', [])).toBeNull();
    // Starting a plan that names it is refused too, before anything is stored or sent.
    const stale = await result('startDeckJob', [
      {
        kind: 'illustrate',
        model: DEFAULT_MODEL_ID,
        imageSize: '1K',
        capUsd: 1,
        items: methods.map(({ key, prompt, aspectRatio }) => ({ key, prompt, aspectRatio })),
      },
    ]);
    expect(stale.ok ? '' : stale.error.detail).toMatch(/no longer in the document/);
  });
});
