import { describe, expect, it } from 'vitest';
import {
  canInsertAs,
  dataUrl,
  insertBlocker,
  isAwaited,
  noImageError,
  readyNotice,
  selectedImage,
} from '../../../sidebar/features/results/state';
import { ServerError } from '../../../sidebar/rpc';
import { type Action, initialState, reducer, type State } from '../../../sidebar/store';
import type { GeneratedImage, GenerateResult, Target, Wire } from '../../../src/shared/rpc';
import { deferred, named, settle, started, SLIDE as WIRE_SLIDE, wire, result as wireResult } from './fake-server';

const SLIDE: Target = { ...WIRE_SLIDE, label: 'Slide 3' };

const image = (id: string): GeneratedImage => ({
  id,
  mimeType: 'image/png',
  base64: 'iVBORw0KGgo=',
  pixelWidth: 1024,
  pixelHeight: 1024,
  costUsd: 0.067,
});

const result = (ids: string[], extra: Partial<GenerateResult> = {}): GenerateResult => ({
  images: ids.map(image),
  text: '',
  warnings: [],
  failures: [],
  costUsd: 0.067 * ids.length,
  documentCostUsd: 1,
  ...extra,
});

const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);

describe('the results slice', () => {
  const started = run(initialState, { type: 'generateStarted', now: 1000, variants: 2 });
  const token = started.results.generating?.token ?? -1;

  it('gives a generation a fresh token, and it cannot start twice', () => {
    expect(started.results.generating).toEqual({ token: 1, startedAt: 1000, variants: 2 });
    expect(run(started, { type: 'generateStarted', now: 2000, variants: 1 })).toBe(started);
  });

  it('shows the awaited result with the first image selected', () => {
    const done = run(started, { type: 'generateSucceeded', token, prompt: 'a cat', result: result(['a', 'b']) });
    expect(done.results.generating).toBeNull();
    expect(done.results.shown).toMatchObject({ prompt: 'a cat', selectedId: 'a' });
    expect(selectedImage(run(done, { type: 'imageSelected', id: 'b' }).results.shown)?.id).toBe('b');
    expect(run(done, { type: 'imageSelected', id: 'zz' })).toBe(done);
  });

  it('ignores a result or a failure that arrives after Cancel', () => {
    const cancelled = run(started, { type: 'cancelled' });
    expect(isAwaited(cancelled.results, token)).toBe(false);
    expect(run(cancelled, { type: 'generateSucceeded', token, prompt: 'a cat', result: result(['a']) })).toBe(
      cancelled,
    );
    expect(run(cancelled, { type: 'generateFailed', token })).toBe(cancelled);
  });

  it('ignores the answer to an earlier request once a new one is under way', () => {
    const again = run(started, { type: 'cancelled' }, { type: 'generateStarted', now: 5000, variants: 1 });
    expect(again.results.generating?.token).toBe(2);
    const late = run(again, { type: 'generateSucceeded', token: 1, prompt: 'old', result: result(['old']) });
    expect(late).toBe(again);
  });

  it('keeps the earlier images when a result brings none', () => {
    const shown = run(started, { type: 'generateSucceeded', token, prompt: 'p', result: result(['a']) });
    const next = run(shown, { type: 'generateStarted', now: 2000, variants: 1 });
    const empty = run(next, { type: 'generateSucceeded', token: 2, prompt: 'q', result: result([]) });
    expect(empty.results).toMatchObject({ generating: null, shown: { prompt: 'p', selectedId: 'a' } });
  });

  it('says how many of the asked-for images came back when some failed', () => {
    const failure = { code: 'IMAGE_BLOCKED' as const, message: 'Withheld.', action: 'Rephrase.' };
    expect(readyNotice(result(['a', 'b']), 2)).toBe('2 images ready. Cost $0.13.');
    expect(readyNotice(result(['a'], { failures: [failure] }), 2)).toBe('1 of 2 images ready. Cost $0.067.');
  });

  it('turns a result without any image into its first failure, or says there was none', () => {
    const failure = { code: 'PROMPT_BLOCKED' as const, message: 'Declined.', action: 'Rephrase.' };
    expect(noImageError(result([], { failures: [failure] }))).toEqual(failure);
    expect(noImageError(result([])).code).toBe('NO_IMAGE');
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
  it('generate with the ratio of the selection read just before sending, and say what came back', async () => {
    let target = WIRE_SLIDE;
    const { controller, calls, state } = await started({
      getTarget: async () => wire(target),
      generateImages: async () => wire(wireResult('a')),
    });
    target = { ...WIRE_SLIDE, kind: 'shape', ratio: 0.55 };
    controller.dispatch({ type: 'promptChanged', prompt: '  a cat  ' });
    await controller.generate();
    expect(named(calls, 'generateImages')).toEqual([
      [{ prompt: 'a cat', model: 'm', aspectRatio: '9:16', imageSize: '1K', variants: 1, documentCostUsd: 0.25 }],
    ]);
    expect(state().results.shown?.images.map((i) => i.id)).toEqual(['a']);
    expect(state().session).toMatchObject({ notice: '1 image ready. Cost $0.050.', documentCostUsd: 0.5 });
  });

  it('ask for a prompt instead of sending an empty one', async () => {
    const { controller, calls, state } = await started({});
    await controller.generate();
    expect(state().session.error?.code).toBe('BAD_INPUT');
    expect(named(calls, 'generateImages')).toEqual([]);
  });

  it('discard a result that arrives after Cancel, and never show it', async () => {
    const answer = deferred<Wire<GenerateResult>>();
    const { controller, calls, state } = await started({ generateImages: () => answer.promise });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.generate();
    await settle();
    controller.cancel();
    answer.resolve(wire(wireResult('late-1', 'late-2')));
    await generating;
    expect(state().results.shown).toBeNull();
    expect(named(calls, 'discardImages')).toEqual([[['late-1', 'late-2']]]);
  });

  it('show nothing of a failure that arrives after Cancel', async () => {
    const answer = deferred<never>();
    const { controller, state } = await started({ generateImages: () => answer.promise });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.generate();
    await settle();
    controller.cancel();
    answer.reject(new ServerError({ code: 'DEADLINE', message: 'Too slow.', action: 'Retry.' }));
    await generating;
    expect(state().session.error).toBeNull();
    expect(state().results.generating).toBeNull();
  });

  it('turn a result without any image into its first failure', async () => {
    const failure = { code: 'PROMPT_BLOCKED' as const, message: 'Declined.', action: 'Rephrase.' };
    const { controller, state } = await started({
      generateImages: async () => wire({ ...wireResult(), failures: [failure] }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    expect(state().results.shown).toBeNull();
    expect(state().session).toMatchObject({ error: failure, notice: '' });
  });

  it('free the previous images when new ones replace them', async () => {
    let n = 0;
    const { controller, calls } = await started({ generateImages: async () => wire(wireResult(`r${++n}`)) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.generate();
    expect(named(calls, 'discardImages')).toEqual([[['r1']]]);
  });

  it('insert by id with the prompt the image was made from, not the edited one', async () => {
    const { controller, calls, state } = await started({
      generateImages: async () => wire(wireResult('a', 'b')),
      insertImage: async () => ({ objectId: 'o', label: 'Slide 1', threadId: null }),
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    controller.dispatch({ type: 'imageSelected', id: 'b' });
    controller.dispatch({ type: 'promptChanged', prompt: 'a dog' });
    await controller.insert('background');
    expect(named(calls, 'insertImage')).toEqual([
      [{ imageId: 'b', mode: 'background', prompt: 'a cat', modelText: 'Here you go.' }],
    ]);
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
    await controller.generate();
    expect(named(calls, 'getModels')).toHaveLength(2);
    expect(named(calls, 'generateImages')).toEqual([]);
    expect(state().session.error?.code).toBe('NETWORK');
  });

  it('drop an expired preview and tell the user to generate again', async () => {
    const { controller, calls, state } = await started({
      generateImages: async () => wire(wireResult('a', 'b')),
      insertImage: async () => {
        throw new ServerError({
          code: 'PREVIEW_EXPIRED',
          message: 'This preview has expired.',
          action: 'Generate the image again, then insert it.',
        });
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.insert('insert');
    expect(state().results.shown).toBeNull();
    expect(state().compose.prompt).toBe('a cat');
    expect(state().session).toMatchObject({
      busy: null,
      error: { code: 'PREVIEW_EXPIRED', action: 'Generate the image again, then insert it.' },
    });
    // The server already lost them: no discard call for images it no longer has.
    expect(named(calls, 'discardImages')).toEqual([]);
  });

  it('send the total last heard with each Generate; a context without one sends none', async () => {
    const { controller, calls } = await started({ generateImages: async () => wire(wireResult('a')) });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.generate();
    await controller.generate();
    // The context's total, then the first result's (0.5 in `result`).
    expect(named(calls, 'generateImages').map(([r]) => (r as { documentCostUsd?: number }).documentCostUsd)).toEqual([
      0.25, 0.5,
    ]);
    const older = await started({
      getSidebarContext: async () => ({ host: 'slides', version: '1' }) as never,
      generateImages: async () => wire(wireResult('a')),
    });
    older.controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await older.controller.generate();
    expect(named(older.calls, 'generateImages')[0]?.[0]).not.toHaveProperty('documentCostUsd');
  });
});
