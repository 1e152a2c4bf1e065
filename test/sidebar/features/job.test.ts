import { describe, expect, it } from 'vitest';
import { type Action, initialState, reducer, type State } from '../../../sidebar/app/store';
import { jobTitle } from '../../../sidebar/features/job/Entries';
import {
  defaultCap,
  jobWords,
  planSummary,
  progress,
  secondsLeft,
  unfinished,
  waitingItems,
} from '../../../sidebar/features/job/state';
import { type CallPorts, createPacer, MAX_PARALLEL } from '../../../sidebar/kernel/image-calls';
import { ServerError } from '../../../sidebar/kernel/rpc';
import { learnEnglish } from '../../../sidebar/kernel/words';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import type { ImageCallOutcome, JobItemView, JobPlan, JobView, Wire } from '../../../src/shared/rpc';
import { deferred, delivered, FakeClock, named, retryLater, settle, started, wire } from './fake-server';

// These actions run from the late part's views, whose English has arrived with them (sidebar/app/parts.ts).
learnEnglish(EN_PARTS);

const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);

const item = (i: number, state: JobItemView['state'] = 'waiting'): JobItemView => ({
  key: `slide-${i}`,
  slideNumber: i + 1,
  label: `Slide title ${i + 1}`,
  prompt: `An illustration of topic ${i + 1}`,
  aspectRatio: '16:9',
  chosen: true,
  state,
  imageId: null,
  costUsd: null,
  error: null,
});

const job = (states: JobItemView['state'][], id = 'job-1'): JobView => ({
  id,
  kind: 'illustrate',
  model: 'm',
  imageSize: '1K',
  capUsd: 1,
  spentUsd: 0,
  perImageUsd: 0.05,
  items: states.map((s, i) => item(i, s)),
  startedAt: 1000,
  cancelled: false,
});

const PLAN: JobPlan = {
  kind: 'illustrate',
  perImageUsd: 0.05,
  items: [
    { ...item(0), chosen: true },
    { ...item(1), chosen: false },
    { ...item(2), chosen: true },
  ].map(({ state: _s, imageId: _i, costUsd: _c, error: _e, ...planned }) => planned),
};

/** A pacer whose every call waits for the test to answer it. */
function harness(clock = new FakeClock(), live = () => true) {
  const calls: { index: number; attempt: number; answer: ReturnType<typeof deferred<Wire<ImageCallOutcome>>> }[] = [];
  const events: string[] = [];
  const ports: CallPorts = {
    call(index, attempt) {
      const answer = deferred<Wire<ImageCallOutcome>>();
      calls.push({ index, attempt, answer });
      return answer.promise;
    },
    now: clock.now,
    wait: clock.wait,
    live,
    on: {
      calling: (i) => events.push(`calling ${i}`),
      delivered: (i) => events.push(`delivered ${i}`),
      waiting: (i, _w, until) => events.push(`waiting ${i} until ${until}`),
      failed: (i, e) => events.push(`failed ${i}: ${e.code}`),
      abandoned: (d) => events.push(`abandoned ${d.image.id}`),
    },
  };
  const pacer = createPacer(ports);
  const open = () => calls.filter((c) => !(c as { done?: boolean }).done);
  const answer = async (index: number, outcome: ImageCallOutcome | Error) => {
    const call = open().find((c) => c.index === index);
    if (!call) throw new Error(`no call open for ${index}`);
    (call as { done?: boolean }).done = true;
    if (outcome instanceof Error) call.answer.reject(outcome);
    else call.answer.resolve(wire(outcome));
    await settle();
    await settle();
  };
  return { pacer, calls, events, clock, answer, open };
}

describe('the job pacer', () => {
  it('runs at most four items at once and starts the next as each one ends', async () => {
    const h = harness();
    h.pacer.add([0, 1, 2, 3, 4, 5]);
    await settle();
    expect(h.calls.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    await h.answer(2, delivered('i2'));
    expect(h.calls.map((c) => c.index)).toEqual([0, 1, 2, 3, 4]);
    for (const i of [0, 1, 3, 4]) await h.answer(i, delivered(`i${i}`));
    await h.answer(5, delivered('i5'));
    await h.pacer.idle();
    expect(h.events.filter((e) => e.startsWith('delivered'))).toHaveLength(6);
    expect(h.pacer.parallel).toBe(MAX_PARALLEL);
  });

  it('holds every new start until Google’s retry delay has passed, halves the parallelism, and regains it', async () => {
    const h = harness();
    h.pacer.add([0, 1, 2, 3, 4, 5, 6]);
    await settle();
    await h.answer(0, retryLater(20));
    // Nothing new starts while the quota is refusing; the refused item goes first when the wait is over.
    expect(h.events).toEqual(['waiting 0 until 21000']);
    expect(h.pacer.parallel).toBe(2);
    await h.answer(1, delivered('i1'));
    await h.answer(2, delivered('i2'));
    expect(h.calls).toHaveLength(4);
    await h.clock.advance(19_000);
    expect(h.calls).toHaveLength(4);
    await h.clock.advance(1_000);
    // Item 3, sent before the wait, still runs: with two at a time, only the refused item goes again.
    expect(h.calls.slice(4).map((c) => [c.index, c.attempt])).toEqual([[0, 2]]);
    expect(h.events).toContain('calling 0');
    await h.answer(0, delivered('i0'));
    // A call started since the wait came back: room for one more.
    expect(h.pacer.parallel).toBe(3);
    expect(h.calls.slice(5).map((c) => c.index)).toEqual([4, 5]);
    await h.answer(3, delivered('i3'));
    await h.answer(4, delivered('i4'));
    await h.answer(5, delivered('i5'));
    await h.answer(6, delivered('i6'));
    await h.pacer.idle();
    expect(h.events.filter((e) => e.startsWith('delivered'))).toHaveLength(7);
    expect(h.pacer.parallel).toBe(MAX_PARALLEL);
  });

  it('reports a failed item and goes on with the rest; an attempt that does not move on ends its item', async () => {
    const h = harness();
    h.pacer.add([0, 1]);
    await settle();
    await h.answer(0, new ServerError({ code: 'IMAGE_BLOCKED', message: 'Blocked.', action: 'Reword it.' }));
    await h.answer(1, retryLater(5, 1));
    await h.pacer.idle();
    expect(h.events).toEqual(['failed 0: IMAGE_BLOCKED', 'failed 1: INTERNAL']);
  });

  it('starts nothing after Cancel, and an image that still arrives is abandoned', async () => {
    let live = true;
    const h = harness(new FakeClock(), () => live);
    h.pacer.add([0, 1, 2, 3, 4]);
    await settle();
    live = false;
    await h.answer(0, delivered('late'));
    for (const i of [1, 2, 3]) await h.answer(i, retryLater(5));
    await h.pacer.idle();
    expect(h.calls).toHaveLength(4);
    expect(h.events).toEqual(['abandoned late']);
  });

  it('takes items added while it runs, and ignores ones already queued or running', async () => {
    const h = harness();
    h.pacer.add([0]);
    await settle();
    h.pacer.add([0, 1]);
    await settle();
    expect(h.calls.map((c) => c.index)).toEqual([0, 1]);
    await h.answer(0, delivered('a'));
    await h.answer(1, delivered('b'));
    await h.pacer.idle();
    h.pacer.add([2]);
    await settle();
    expect(h.calls.map((c) => c.index)).toEqual([0, 1, 2]);
    await h.answer(2, delivered('c'));
    await h.pacer.idle();
  });
});

describe('the job slice', () => {
  it('speaks of a document and its sections in Docs, of a deck and its slides in Slides', () => {
    expect(jobTitle('illustrate', 'docs')).toBe('Illustrate the document');
    expect(jobWords('docs')).toEqual({ docs: true });
    expect(jobTitle('illustrate', 'slides')).toBe('Illustrate the deck');
    expect(jobTitle('restyle', 'slides')).toBe('Restyle the deck’s pictures');
    expect(jobWords('slides')).toEqual({ docs: false });
  });

  it('plans with the default choice, editable prompts and a cap above the estimate', () => {
    const planned = run(
      initialState,
      { type: 'jobPlanRequested', kind: 'illustrate' },
      { type: 'jobPlanned', plan: wire(PLAN) },
    );
    const draft = planned.job.draft;
    expect(draft?.chosen).toEqual([true, false, true]);
    expect(draft?.capUsd).toBe(defaultCap(PLAN, 2));
    expect(defaultCap(PLAN, 2)).toBe(0.15);
    const edited = run(
      planned,
      { type: 'planItemToggled', index: 1, chosen: true },
      { type: 'planPromptChanged', index: 0, prompt: 'A harbour at dusk' },
      { type: 'planCapChanged', capUsd: 0.1 },
      { type: 'planCapChanged', capUsd: -1 },
    );
    expect(edited.job.draft?.prompts[0]).toBe('A harbour at dusk');
    expect(edited.job.draft?.capUsd).toBe(0.1);
    expect(edited.job.draft && planSummary(edited.job.draft)).toMatchObject({ count: 3, estimateUsd: 0.15 });
    expect(defaultCap({ perImageUsd: null }, 2)).toBe(0.75);
  });

  it('follows each item from waiting to proposed (its picture kept) or failed, and the time left', () => {
    const loaded = run(initialState, {
      type: 'jobLoaded',
      view: wire(job(['waiting', 'waiting', 'waiting', 'skipped'])),
    });
    const running = run(loaded, { type: 'jobRunStarted', now: 1000 }, { type: 'jobItemCalling', index: 0 });
    expect(running.job.view?.items[0]?.state).toBe('working');
    const one = run(running, { type: 'jobItemDelivered', index: 0, delivered: wire(delivered('p0', 0.05)) });
    expect(one.job.view?.items[0]).toMatchObject({ state: 'proposed', imageId: 'p0', costUsd: 0.05 });
    expect(one.job.pictures[0]?.id).toBe('p0');
    expect(one.job.view?.spentUsd).toBe(0.05);
    expect(secondsLeft(one.job, 11_000)).toBe(20);
    const error = { code: 'IMAGE_BLOCKED', message: 'Blocked.', action: 'Reword it.' } as const;
    const two = run(one, { type: 'jobItemFailed', index: 1, error });
    expect(two.job.view?.items[1]).toMatchObject({ state: 'failed', error: 'Blocked. Reword it.' });
    expect(progress(two.job.view as JobView)).toEqual({ total: 3, done: 2, proposed: 1, failed: 1 });
    // The server's answer to a review replaces the view; pictures of items no longer proposed go.
    const reviewed = run(two, { type: 'jobLoaded', view: wire(job(['accepted', 'failed', 'waiting', 'skipped'])) });
    expect(reviewed.job.pictures).toEqual({});
    expect(run(two, { type: 'jobLoaded', view: wire(job(['waiting'], 'job-2')) }).job.run).toBeNull();
  });

  it('knows which items still need a call and when a job is over', () => {
    expect(waitingItems(job(['waiting', 'working', 'proposed', 'waiting']))).toEqual([0, 3]);
    expect(waitingItems({ ...job(['waiting']), cancelled: true })).toEqual([]);
    expect(unfinished(job(['accepted', 'skipped', 'failed']))).toBe(false);
    expect(unfinished(job(['accepted', 'proposed']))).toBe(true);
    expect(unfinished(null)).toBe(false);
  });
});

describe('the job actions', () => {
  it('starts the chosen items, draws them, and accepts all: one review call per proposal', async () => {
    const clock = new FakeClock();
    let view = job(['waiting', 'waiting']);
    const { controller, calls, state } = await started(
      {
        planDeckJob: async () => wire(PLAN),
        startDeckJob: async () => wire(view),
        runJobItem: async (req) => wire(delivered(`p${req.index}`)),
        reviewJobItem: async (req) => {
          view = { ...view, items: view.items.map((it, i) => (i === req.index ? { ...it, state: 'accepted' } : it)) };
          return wire(view);
        },
      },
      clock,
    );
    await controller.job.plan('illustrate');
    controller.dispatch({ type: 'planPromptChanged', index: 2, prompt: '  A quiet harbour  ' });
    await controller.job.start();
    expect(named(calls, 'startDeckJob')[0]?.[0]).toMatchObject({
      kind: 'illustrate',
      model: 'm',
      capUsd: 0.15,
      items: [
        { key: 'slide-0', prompt: 'An illustration of topic 1' },
        { key: 'slide-2', prompt: 'A quiet harbour' },
      ],
    });
    expect(named(calls, 'runJobItem').map((a) => a[0])).toEqual([
      { jobId: 'job-1', index: 0 },
      { jobId: 'job-1', index: 1 },
    ]);
    expect(progress(state().job.view as JobView).proposed).toBe(2);
    await controller.job.acceptAll();
    expect(named(calls, 'reviewJobItem').map((a) => a[0])).toEqual([
      { jobId: 'job-1', index: 0, action: 'accept' },
      { jobId: 'job-1', index: 1, action: 'accept' },
    ]);
    expect(state().session.notice).toBe('Placed 2 images.');
  });

  it('resumes the unfinished job when the sidebar opens: waiting items are drawn again', async () => {
    const { calls, state } = await started({
      getDeckJob: async () => wire(job(['accepted', 'proposed', 'waiting'])),
      runJobItem: async (req) => wire(delivered(`p${req.index}`)),
    });
    await settle();
    expect(named(calls, 'runJobItem').map((a) => a[0])).toEqual([{ jobId: 'job-1', index: 2 }]);
    expect(state().job.view?.items.map((i) => i.state)).toEqual(['accepted', 'proposed', 'proposed']);
  });

  it('shows the pictures of proposals drawn before the sidebar reopened, each read back once', async () => {
    const view = job(['proposed', 'proposed', 'accepted']);
    const withImages = { ...view, items: view.items.map((it, i) => (i < 2 ? { ...it, imageId: `kept${i}` } : it)) };
    const { calls, state } = await started({
      getDeckJob: async () => wire(withImages),
      getJobItemImage: async (req) =>
        req.index === 0
          ? wire({ mimeType: 'image/png', base64: 'iVBORw0KGgo=', pixelWidth: 1, pixelHeight: 1 })
          : Promise.reject(new Error('expired')),
    });
    await settle();
    expect(named(calls, 'getJobItemImage').map((a) => a[0])).toEqual([
      { jobId: 'job-1', index: 0 },
      { jobId: 'job-1', index: 1 },
    ]);
    expect(state().job.pictures[0]).toMatchObject({ id: 'kept0', base64: 'iVBORw0KGgo=' });
    // One the server no longer keeps stays without a picture; its row says so.
    expect(state().job.pictures[1]).toBeUndefined();
  });

  it('a lost proposal is not drawn by itself; one whose picture expired turns lost; Draw again draws it', async () => {
    const view = job(['lost', 'proposed', 'proposed']);
    const withImages = { ...view, items: view.items.map((it, i) => (i > 0 ? { ...it, imageId: `kept${i}` } : it)) };
    const expired = { code: 'PREVIEW_EXPIRED', message: 'Expired.', action: 'Draw it again.' } as const;
    let current = withImages;
    const { controller, calls, state } = await started({
      getDeckJob: async () => wire(current),
      getJobItemImage: async (req) =>
        Promise.reject(req.index === 1 ? new ServerError(expired) : new Error('network went away')),
      reviewJobItem: async (req) => {
        const state = req.action === 'regenerate' ? 'waiting' : 'lost';
        current = { ...current, items: current.items.map((it, i) => (i === req.index ? { ...it, state } : it)) };
        return wire(current);
      },
      runJobItem: async (req) => wire(delivered(`again${req.index}`)),
    });
    await settle();
    expect(named(calls, 'runJobItem')).toEqual([]);
    // Expired on the server: lost; unreadable for another reason: still ready, Accept will tell.
    expect(state().job.view?.items.map((i) => i.state)).toEqual(['lost', 'lost', 'proposed']);
    expect(unfinished(state().job.view)).toBe(true);
    // Accept all: the proposal comes back lost, so nothing is counted as placed.
    await controller.job.acceptAll();
    expect(state().session.notice).toBe('Placed 0 images.');
    await controller.job.review(0, 'regenerate');
    await settle();
    expect(named(calls, 'runJobItem').map((a) => a[0])).toEqual([{ jobId: 'job-1', index: 0 }]);
  });

  it('a changed prompt goes to the server and the item is drawn again', async () => {
    let view = job(['proposed']);
    const { controller, calls } = await started({
      getDeckJob: async () => wire(view),
      reviewJobItem: async (req) => {
        view = { ...view, items: [{ ...item(0), prompt: req.prompt ?? '' }] };
        return wire(view);
      },
      runJobItem: async () => wire(delivered('again')),
    });
    await controller.job.review(0, 'prompt', 'A lighthouse instead');
    await settle();
    expect(named(calls, 'reviewJobItem')[0]?.[0]).toEqual({
      jobId: 'job-1',
      index: 0,
      action: 'prompt',
      prompt: 'A lighthouse instead',
    });
    expect(named(calls, 'runJobItem')).toHaveLength(1);
  });
});
