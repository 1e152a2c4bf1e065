import { describe, expect, it } from 'vitest';
import { type Action, initialState, reducer, type State } from '../../../sidebar/app/store';
import {
  canInsertAs,
  insertBlocker,
  isAwaited,
  noImageError,
  readyNotice,
  selectedImage,
} from '../../../sidebar/features/results/state';
import { dataUrl } from '../../../sidebar/kernel/format';
import { ServerError } from '../../../sidebar/kernel/rpc';
import { waitingLine } from '../../../sidebar/kernel/waits';
import { setLanguage } from '../../../sidebar/kernel/words';
import { TRANSLATIONS } from '../../../src/core/i18n/catalogs';
import type { ImageDelivered, Target, Wire } from '../../../src/shared/rpc';
import {
  deferred,
  delivered,
  FakeClock,
  named,
  retryLater,
  settle,
  started,
  SLIDE as WIRE_SLIDE,
  wire,
} from './fake-server';

const SLIDE: Target = { ...WIRE_SLIDE, label: 'Slide 3' };

const image = (id: string, costUsd = 0.067): ImageDelivered => ({
  ...delivered(id, costUsd),
  image: { id, mimeType: 'image/png', base64: 'iVBORw0KGgo=', pixelWidth: 1024, pixelHeight: 1024, costUsd },
  text: '',
});

const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);

describe('the results slice', () => {
  const started = run(initialState, { type: 'generateStarted', now: 1000, variants: 2 });
  const token = started.results.generating?.token ?? -1;
  const arrive = (id: string, index = 0, t = token): Action => ({
    type: 'variantArrived',
    token: t,
    index,
    delivered: image(id),
  });

  it('gives a generation a fresh token and one call per variant, and it cannot start twice', () => {
    expect(started.results.generating).toEqual({
      token: 1,
      startedAt: 1000,
      variants: 2,
      calls: [{ state: 'calling' }, { state: 'calling' }],
    });
    expect(run(started, { type: 'generateStarted', now: 2000, variants: 1 })).toBe(started);
  });

  it('shows each image as it arrives, the first selected, while the others are still on their way', () => {
    const one = run(started, arrive('a', 1));
    expect(one.results.generating?.calls).toEqual([{ state: 'calling' }, { state: 'done' }]);
    expect(one.results.shown).toMatchObject({ altTitle: 'A cat', selectedId: 'a', costUsd: 0.067 });
    const two = run(one, arrive('b', 0));
    expect(two.results.shown?.images.map((i) => i.id)).toEqual(['a', 'b']);
    expect(two.results.shown?.costUsd).toBeCloseTo(0.134, 6);
    expect(selectedImage(run(two, { type: 'imageSelected', id: 'b' }).results.shown)?.id).toBe('b');
    expect(run(two, { type: 'imageSelected', id: 'zz' })).toBe(two);
    expect(run(two, { type: 'generateFinished', token }).results.generating).toBeNull();
  });

  it('ignores an image or a failure that arrives after Cancel', () => {
    const cancelled = run(started, { type: 'cancelled' });
    expect(isAwaited(cancelled.results, token)).toBe(false);
    expect(run(cancelled, arrive('a'))).toBe(cancelled);
    const error = { code: 'DEADLINE', message: 'Slow.', action: 'Smaller.' } as const;
    expect(run(cancelled, { type: 'variantFailed', token, index: 0, error })).toBe(cancelled);
    expect(run(cancelled, { type: 'generateFailed', token })).toBe(cancelled);
  });

  it('ignores the answer to an earlier request once a new one is under way', () => {
    const again = run(started, { type: 'cancelled' }, { type: 'generateStarted', now: 5000, variants: 1 });
    expect(again.results.generating?.token).toBe(2);
    expect(run(again, arrive('old', 0, 1))).toBe(again);
  });

  it('keeps the earlier images until the next generation’s first image arrives', () => {
    const shown = run(started, arrive('a'), { type: 'generateFinished', token });
    const next = run(shown, { type: 'generateStarted', now: 2000, variants: 1 });
    expect(next.results.shown?.images.map((i) => i.id)).toEqual(['a']);
    const failed = run(next, {
      type: 'variantFailed',
      token: 2,
      index: 0,
      error: { code: 'PROMPT_BLOCKED', message: 'Declined.', action: 'Rephrase.' },
    });
    expect(failed.results.shown).toMatchObject({ altTitle: 'A cat', selectedId: 'a', failures: [] });
    const replaced = run(next, arrive('c', 0, 2));
    expect(replaced.results.shown?.images.map((i) => i.id)).toEqual(['c']);
  });

  it('lists the variants that failed beside the images that came', () => {
    const error = { code: 'DEADLINE', message: 'Slow.', action: 'Smaller.' } as const;
    const mixed = run(started, { type: 'variantFailed', token, index: 0, error }, arrive('b', 1));
    expect(mixed.results.shown?.failures).toEqual([error]);
    expect(readyNotice(mixed.results.shown, 2)).toBe('1 of 2 images ready. Cost $0.067.');
    expect(readyNotice(run(mixed, arrive('c', 0)).results.shown, 2)).toBe('2 images ready. Cost $0.13.');
  });

  it('says which images are ready in the sidebar’s language, its plurals and money too', () => {
    const error = { code: 'DEADLINE', message: 'Slow.', action: 'Smaller.' } as const;
    const mixed = run(started, { type: 'variantFailed', token, index: 0, error }, arrive('b', 1));
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    try {
      expect(readyNotice(mixed.results.shown, 2)).toBe('1 von 2 Bildern fertig. Kosten: 0,067\u00a0$.');
      expect(readyNotice(run(mixed, arrive('c', 0)).results.shown, 2)).toBe('2 Bilder fertig. Kosten: 0,13\u00a0$.');
      expect(readyNotice(run(started, arrive('c', 0)).results.shown, 1)).toMatch(/^1 Bild fertig\./);
    } finally {
      setLanguage('en');
    }
  });

  it('turns a generation without any image into its first failure, or says there was none', () => {
    const failure = { code: 'PROMPT_BLOCKED' as const, message: 'Declined.', action: 'Rephrase.' };
    expect(noImageError([failure])).toEqual(failure);
    expect(noImageError([]).code).toBe('NO_IMAGE');
  });

  it('counts a wait down in whole seconds, naming the attempt, and speaks for several with the longest', () => {
    const waiting = run(started, { type: 'variantWaiting', token, index: 0, now: 1000, wait: retryLater(20) });
    expect(waitingLine(waiting.results.generating, 1000)).toBe('Gemini is busy; trying again in 20 s, attempt 2 of 3');
    expect(waitingLine(waiting.results.generating, 2500)).toBe('Gemini is busy; trying again in 19 s, attempt 2 of 3');
    const both = run(waiting, {
      type: 'variantWaiting',
      token,
      index: 1,
      now: 1000,
      wait: retryLater(4, 3, 'SERVER_ERROR'),
    });
    expect(waitingLine(both.results.generating, 1000)).toBe(
      '2 images wait. Gemini is busy; trying again in 20 s, attempt 2 of 3',
    );
    const calling = run(both, { type: 'variantCalling', token, index: 0 });
    expect(waitingLine(calling.results.generating, 1000)).toBe(
      'Gemini had an internal error; trying again in 4 s, attempt 3 of 3',
    );
    expect(waitingLine(started.results.generating, 1000)).toBeNull();
  });
});

describe('inserting', () => {
  it('is allowed per mode by what the target says', () => {
    expect(canInsertAs(SLIDE, 'insert')).toBe(true);
    expect(canInsertAs(SLIDE, 'replace')).toBe(false);
    expect(canInsertAs(SLIDE, 'background')).toBe(true);
    expect(canInsertAs({ ...SLIDE, host: 'docs' }, 'background')).toBe(false);
    expect(canInsertAs(null, 'insert')).toBe(false);
  });

  it('is blocked, with the reason, when the target reports a problem', () => {
    const problem = { ...SLIDE, canReplace: true, problem: 'Select one slide.' };
    expect(insertBlocker(problem)).toBe('Select one slide.');
    expect((['insert', 'replace', 'background'] as const).some((m) => canInsertAs(problem, m))).toBe(false);
    expect(insertBlocker(SLIDE)).toBeNull();
  });
});

it('puts only image types in a preview’s data: URL', () => {
  expect(dataUrl({ mimeType: 'image/jpeg', base64: 'AAAA' })).toBe('data:image/jpeg;base64,AAAA');
  expect(dataUrl({ mimeType: 'text/html', base64: 'AAAA' })).toBe('data:application/octet-stream;base64,AAAA');
});

describe('the results’ actions', () => {
  it('generate one call per variant, each reading the selection itself: no reading first, the ratio fitted there', async () => {
    const shape: Target = { ...WIRE_SLIDE, kind: 'shape', ratio: 0.55 };
    let n = 0;
    const { controller, calls, state } = await started({
      getTarget: async () => wire(WIRE_SLIDE),
      generateImage: async () => wire({ ...delivered(`v${++n}`), target: shape }),
    });
    const readings = named(calls, 'getTarget').length;
    controller.dispatch({ type: 'promptChanged', prompt: '  a cat  ' }, { type: 'variantsChosen', variants: 3 });
    await controller.results.generate();
    // The ratio is the last reading's; 'fit' lets the server draw at the one that fits the selection as it is.
    const request = {
      prompt: 'a cat',
      model: 'm',
      aspectRatio: '16:9',
      selection: 'fit',
      // No choice among a small space's offers (this target offers none).
      where: null,
      // This reading was not kept on the server: Generate reads the selection itself.
      placeId: null,
      imageSize: '1K',
      documentCostUsd: 0.25,
    };
    expect(named(calls, 'generateImage')).toEqual([[request], [request], [request]]);
    expect(named(calls, 'getTarget')).toHaveLength(readings);
    // Generate's own reading is the sidebar's now: "Goes to" and the ratio picker follow it.
    expect(state().session.target).toEqual(shape);
    expect(state().results.shown?.images.map((i) => i.id)).toEqual(['v1', 'v2', 'v3']);
    // The context's 0.25 plus each variant's own cost: the sidebar adds them, as each answer knows only its own.
    expect(state().session).toMatchObject({ notice: '3 images ready. Cost $0.15.' });
    expect(state().session.documentCostUsd).toBeCloseTo(0.4, 6);
    expect(state().results.generating).toBeNull();
  });

  it('Generate names the place the person was shown, until the sidebar’s own Insert changes that place', async () => {
    const shown: Target = { ...WIRE_SLIDE, placeId: 'pshown0000000000000a' };
    let n = 0;
    const { controller, calls, state } = await started({
      getTarget: async () => wire(shown),
      // The server answers with the place it drew for: the kept one, under its id.
      generateImage: async () => wire({ ...delivered(`v${++n}`), target: shown }),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 1', threadId: null, thread: null }),
    });
    const readings = named(calls, 'getTarget').length;
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.generate();
    expect(named(calls, 'generateImage').map(([r]) => (r as { placeId?: string | null }).placeId)).toEqual([
      'pshown0000000000000a',
      'pshown0000000000000a',
    ]);
    // The id is all that travels: not the Target, which the server keeps.
    expect(named(calls, 'generateImage')[0]?.[0]).not.toHaveProperty('target');
    await controller.results.insert('insert');
    // The picture just inserted took that place: the next Generate reads the selection, and no reading was added.
    expect(state().session.target).not.toHaveProperty('placeId');
    expect(state().session.target).toMatchObject({ kind: WIRE_SLIDE.kind, label: WIRE_SLIDE.label });
    await controller.results.generate();
    expect(named(calls, 'generateImage')[2]?.[0]).toMatchObject({ placeId: null });
    expect(named(calls, 'getTarget')).toHaveLength(readings);
  });

  it('a ratio the person picked is kept: Generate only checks that the image can go where the selection is', async () => {
    const { controller, calls } = await started({ generateImage: async () => wire(delivered('v1')) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'ratioChosen', ratio: '4:3' });
    await controller.results.generate();
    expect(named(calls, 'generateImage')).toEqual([
      [expect.objectContaining({ aspectRatio: '4:3', selection: 'check' })],
    ]);
  });

  it('Generate finding nowhere for an image says so as the sidebar would have, and where it can go', async () => {
    const { controller, state } = await started({
      generateImage: async () => {
        throw new ServerError({
          code: 'UNSUPPORTED_SELECTION',
          message: 'An image cannot go where the selection is.',
          action: 'Click in the body of the document or select a slide, then try again.',
          detail: 'Peel can’t put an image in a header. Click in the body of the document.',
        });
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    expect(state().session.error).toEqual({
      code: 'UNSUPPORTED_SELECTION',
      message: 'An image can’t go where the selection is, so Peel did not generate one (nothing was billed).',
      action: 'Peel can’t put an image in a header. Click in the body of the document.',
    });
    expect(state().results.generating).toBeNull();
  });

  it('show each image the moment it arrives, while a slow variant is still on its way', async () => {
    const slow = deferred<Wire<ImageDelivered>>();
    let n = 0;
    const { controller, state } = await started({
      generateImage: () => (++n === 1 ? slow.promise : Promise.resolve(wire(delivered(`v${n}`)))),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'variantsChosen', variants: 3 });
    const generating = controller.results.generate();
    await settle();
    expect(state().results.shown?.images.map((i) => i.id)).toEqual(['v2', 'v3']);
    expect(state().results.generating?.calls.map((c) => c.state)).toEqual(['calling', 'done', 'done']);
    slow.reject(new ServerError({ code: 'DEADLINE', message: 'Too slow.', action: 'Try a smaller size.' }));
    await generating;
    expect(state().results.shown?.failures).toMatchObject([{ code: 'DEADLINE' }]);
    expect(state().session).toMatchObject({ notice: '2 of 3 images ready. Cost $0.10.', error: null });
  });

  it('count a wait Gemini asked for down on screen, then call again with the next attempt', async () => {
    const clock = new FakeClock();
    const answers = [wire(retryLater(20)), wire(delivered('a'))];
    const { controller, calls, state } = await started({ generateImage: async () => answers.shift() as never }, clock);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.results.generate();
    await settle();
    expect(waitingLine(state().results.generating, clock.now())).toBe(
      'Gemini is busy; trying again in 20 s, attempt 2 of 3',
    );
    // Said once for screen readers.
    expect(state().session.notice).toBe('Gemini is busy; trying again in 20 s, attempt 2 of 3');
    await clock.advance(5000);
    expect(waitingLine(state().results.generating, clock.now())).toBe(
      'Gemini is busy; trying again in 15 s, attempt 2 of 3',
    );
    expect(named(calls, 'generateImage')).toHaveLength(1);
    await clock.advance(15_000);
    await generating;
    const sent = named(calls, 'generateImage').map(([r]) => (r as { attempt?: number }).attempt);
    expect(sent).toEqual([undefined, 2]);
    expect(state().results.shown?.images.map((i) => i.id)).toEqual(['a']);
    expect(state().session.notice).toBe('1 image ready. Cost $0.050.');
  });

  it('Cancel during a wait: no call goes again, and the sidebar is free at once', async () => {
    const clock = new FakeClock();
    const { controller, calls, state } = await started({ generateImage: async () => wire(retryLater(20)) }, clock);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.results.generate();
    await settle();
    expect(clock.pending).toBe(1);
    controller.results.cancel();
    expect(state().results.generating).toBeNull();
    expect(waitingLine(state().results.generating, clock.now())).toBeNull();
    await clock.advance(20_000);
    await generating;
    expect(named(calls, 'generateImage')).toHaveLength(1);
    expect(state().session.error).toBeNull();
  });

  it('ask for a prompt instead of sending an empty one', async () => {
    const { controller, calls, state } = await started({});
    await controller.results.generate();
    expect(state().session.error?.code).toBe('BAD_INPUT');
    expect(named(calls, 'generateImage')).toEqual([]);
  });

  it('discard images that arrive after Cancel, and never show them', async () => {
    const answers = [deferred<Wire<ImageDelivered>>(), deferred<Wire<ImageDelivered>>()];
    let n = 0;
    const { controller, calls, state } = await started({
      generateImage: () => (answers[n++] ?? deferred<never>()).promise,
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'variantsChosen', variants: 2 });
    const generating = controller.results.generate();
    await settle();
    controller.results.cancel();
    answers[0]?.resolve(wire(delivered('late-1')));
    answers[1]?.resolve(wire(delivered('late-2')));
    await generating;
    expect(state().results.shown).toBeNull();
    expect(named(calls, 'discardImages')).toEqual([[['late-1']], [['late-2']]]);
  });

  it('show nothing of a failure that arrives after Cancel', async () => {
    const answer = deferred<never>();
    const { controller, state } = await started({ generateImage: () => answer.promise });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.results.generate();
    await settle();
    controller.results.cancel();
    answer.reject(new ServerError({ code: 'DEADLINE', message: 'Too slow.', action: 'Retry.' }));
    await generating;
    expect(state().session.error).toBeNull();
    expect(state().results.generating).toBeNull();
  });

  it('count an answer Gemini made but sent cut short, as the server counted it, in the document’s total', async () => {
    let n = 0;
    const cut = { code: 'MALFORMED_RESPONSE' as const, message: 'Unreadable.', action: 'Try again.', chargedUsd: 0.04 };
    const { controller, state } = await started({
      generateImage: async () => {
        if (++n === 2) throw new ServerError(cut);
        return wire(delivered(`v${n}`));
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'variantsChosen', variants: 3 });
    await controller.results.generate();
    // 0.25 from the context, two images at 0.05, and the cut answer's 0.04.
    expect(state().session.documentCostUsd).toBeCloseTo(0.39, 6);
  });

  it('turn a generation without any image into its first failure', async () => {
    const failure = { code: 'PROMPT_BLOCKED' as const, message: 'Declined.', action: 'Rephrase.' };
    const { controller, state } = await started({
      generateImage: async () => {
        throw new ServerError(failure);
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    expect(state().results.shown).toBeNull();
    expect(state().session).toMatchObject({ error: failure, notice: '' });
  });

  it('free the previous images when the next generation’s first image replaces them', async () => {
    let n = 0;
    const { controller, calls } = await started({ generateImage: async () => wire(delivered(`r${++n}`)) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'variantsChosen', variants: 2 });
    await controller.results.generate();
    await controller.results.generate();
    expect(named(calls, 'discardImages')).toEqual([[['r1', 'r2']]]);
  });

  it('insert by id alone: the prompt the image was made from waits with it on the server, whatever the box says now', async () => {
    let n = 0;
    const { controller, calls, state } = await started({
      generateImage: async () => wire(delivered(['a', 'b'][n++] ?? 'x')),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 1', threadId: null, thread: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' }, { type: 'variantsChosen', variants: 2 });
    await controller.results.generate();
    controller.dispatch({ type: 'imageSelected', id: 'b' });
    controller.dispatch({ type: 'promptChanged', prompt: 'a dog' });
    await controller.results.insert('background');
    expect(named(calls, 'insertImage')).toEqual([[{ imageId: 'b', mode: 'background' }]]);
    expect(state().session).toMatchObject({ notice: 'Inserted: Slide 1.', busy: null });
  });

  it('after the model list failed, Generate asks for it once more before saying there is none', async () => {
    const { controller, calls, state } = await started({
      getModels: async () => {
        throw new ServerError({ code: 'NETWORK', message: 'Peel could not reach Gemini.', action: 'Retry.' });
      },
    });
    expect(state().compose.modelsPending).toBe(false);
    expect(state().session.error?.code).toBe('NETWORK');
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    expect(named(calls, 'getModels')).toHaveLength(2);
    expect(named(calls, 'generateImage')).toEqual([]);
    expect(state().session.error?.code).toBe('NETWORK');
  });

  it('drop an expired preview and tell the user to generate again', async () => {
    const { controller, calls, state } = await started({
      generateImage: async () => wire(delivered('a')),
      insertImage: async () => {
        throw new ServerError({
          code: 'PREVIEW_EXPIRED',
          message: 'This preview has expired.',
          action: 'Generate the image again, then insert it.',
        });
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.insert('insert');
    expect(state().results.shown).toBeNull();
    expect(state().compose.prompt).toBe('a cat');
    expect(state().session).toMatchObject({
      busy: null,
      error: { code: 'PREVIEW_EXPIRED', action: 'Generate the image again, then insert it.' },
    });
    // The server already lost them: no discard call for images it no longer has.
    expect(named(calls, 'discardImages')).toEqual([]);
  });

  it('send the total last heard with each Generate; a context without one sends none and takes the server’s', async () => {
    const { controller, calls } = await started({ generateImage: async () => wire(delivered('a')) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    await controller.results.generate();
    // The context's total, then that plus the first image's 0.05.
    const sent = named(calls, 'generateImage').map(([r]) => (r as { documentCostUsd?: number }).documentCostUsd);
    expect(sent[0]).toBe(0.25);
    expect(sent[1]).toBeCloseTo(0.3, 6);
    const older = await started({
      getSidebarContext: async () => ({ host: 'slides', version: '1' }) as never,
      generateImage: async () => wire(delivered('a')),
    });
    older.controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await older.controller.results.generate();
    expect(named(older.calls, 'generateImage')[0]?.[0]).not.toHaveProperty('documentCostUsd');
    expect(older.state().session.documentCostUsd).toBe(0.5);
  });
});
