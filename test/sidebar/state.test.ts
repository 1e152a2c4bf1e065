import { describe, expect, it } from 'vitest';
import {
  type Action,
  canInsertAs,
  choices,
  clampVariants,
  dataUrl,
  describeEstimate,
  estimateCost,
  fittingRatio,
  formatUsd,
  initialState,
  insertBlocker,
  isAwaited,
  needsKey,
  reducer,
  type State,
  selectedImage,
} from '../../sidebar/state';
import type { GeneratedImage, GenerateResult, OfferedModel, SettingsView, Target } from '../../src/shared/rpc';

const COMMON = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const WIDE: OfferedModel = {
  id: 'wide',
  displayName: 'Wide',
  known: true,
  lifecycle: 'current',
  thinkingLevels: [],
  aspectRatios: [...COMMON, '1:4', '4:1', '1:8', '8:1'],
  imageSizes: ['512', '1K', '2K', '4K'],
  defaultImageSize: '1K',
  pricePerImageUsd: { '512': 0.045, '1K': 0.067, '2K': 0.101 },
  maxReferenceImages: 14,
};
const NARROW: OfferedModel = {
  id: 'narrow',
  displayName: 'Narrow',
  known: true,
  lifecycle: 'current',
  thinkingLevels: [],
  aspectRatios: COMMON,
  imageSizes: ['1K'],
  defaultImageSize: '1K',
  pricePerImageUsd: { '1K': 0.039 },
  maxReferenceImages: 3,
};
const SLIDE: Target = {
  host: 'slides',
  kind: 'slide',
  label: 'Slide 3',
  ratio: 16 / 9,
  canInsert: true,
  canReplace: false,
  canBackground: true,
};

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
const ready = run(
  initialState,
  { type: 'modelsLoaded', models: [WIDE, NARROW] },
  { type: 'targetLoaded', target: SLIDE },
);

describe('the ratio picker', () => {
  it('defaults to the supported ratio nearest the target', () => {
    expect(fittingRatio(16 / 9, COMMON)).toBe('16:9');
    expect(fittingRatio(0.3, WIDE.aspectRatios)).toBe('1:4');
    expect(fittingRatio(0.3, COMMON)).toBe('9:16');
    expect(fittingRatio(1.7, ['4:3', '21:9'])).toBe('4:3');
  });

  it('falls back to 1:1 (or the first ratio) without a usable target', () => {
    expect(fittingRatio(undefined, COMMON)).toBe('1:1');
    expect(fittingRatio(0, COMMON)).toBe('1:1');
    expect(fittingRatio(Number.NaN, ['16:9', '4:3'])).toBe('16:9');
    expect(fittingRatio(2, [])).toBe('1:1');
  });

  it('keeps the user’s ratio while the model offers it, else returns to the fitting one', () => {
    const tall = run(ready, { type: 'ratioChosen', ratio: '1:8' });
    expect(choices(tall).ratio).toBe('1:8');
    expect(choices(run(tall, { type: 'modelChosen', id: 'narrow' })).ratio).toBe('16:9');
  });

  it('drops the user’s ratio when the selection changes shape, keeps it when it does not', () => {
    const chosen = run(ready, { type: 'ratioChosen', ratio: '1:1' });
    expect(choices(run(chosen, { type: 'targetLoaded', target: { ...SLIDE, label: 'Slide 4' } })).ratio).toBe('1:1');
    const box = run(chosen, { type: 'targetLoaded', target: { ...SLIDE, kind: 'shape', ratio: 0.75 } });
    expect(choices(box)).toMatchObject({ ratio: '3:4', fittingRatio: '3:4' });
  });
});

describe('the model and size pickers', () => {
  const settings = (model: string): SettingsView => ({
    connection: { kind: 'gemini', key: { source: 'none' } },
    model,
    models: [],
  });

  it('starts on the settings’ model when the menu has it, else on the first', () => {
    expect(choices(run(ready, { type: 'settingsLoaded', settings: settings('narrow') })).model?.id).toBe('narrow');
    expect(choices(run(ready, { type: 'settingsLoaded', settings: settings('retired') })).model?.id).toBe('wide');
    expect(choices(initialState).model).toBeNull();
  });

  it('keeps the user’s size where the model has it, else uses the model’s default', () => {
    const big = run(ready, { type: 'sizeChosen', size: '2K' });
    expect(choices(big).size).toBe('2K');
    expect(choices(run(big, { type: 'modelChosen', id: 'narrow' })).size).toBe('1K');
  });

  it('holds variants between 1 and 4', () => {
    expect([0, 1, 2.6, 4, 9, Number.NaN].map(clampVariants)).toEqual([1, 1, 3, 4, 4, 1]);
    expect(choices(run(ready, { type: 'variantsChosen', variants: 7 })).variants).toBe(4);
  });

  it('knows a first run only by a Gemini connection without any key', () => {
    expect(needsKey(settings('wide'))).toBe(true);
    expect(needsKey({ ...settings('wide'), connection: { kind: 'gemini', key: { source: 'organization' } } })).toBe(
      false,
    );
    expect(needsKey({ ...settings('wide'), connection: { kind: 'vertex', project: 'p', location: 'global' } })).toBe(
      false,
    );
    expect(needsKey(null)).toBe(false);
  });
});

describe('the cost estimate', () => {
  it('multiplies the model’s price for the size by the variants', () => {
    expect(estimateCost(WIDE, '1K', 3)).toEqual({ perImageUsd: 0.067, totalUsd: 0.067 * 3, basis: 'per-image' });
    expect(describeEstimate(estimateCost(WIDE, '1K', 3), 3)).toBe('Estimated cost: $0.20 (3 × $0.067)');
    expect(describeEstimate(estimateCost(NARROW, '1K', 1), 1)).toBe('Estimated cost: $0.039');
  });

  it('says “price unknown” for a size or model without a price', () => {
    expect(estimateCost(WIDE, '4K', 2)).toEqual({ perImageUsd: null, totalUsd: null, basis: 'unknown' });
    expect(describeEstimate(estimateCost(null, '1K', 1), 1)).toBe('Estimated cost: price unknown');
  });

  it('shows small prices to a tenth of a cent and sums to the cent', () => {
    expect([0, 0.0336, 0.134, 0.4, 12.5].map(formatUsd)).toEqual(['$0.00', '$0.034', '$0.13', '$0.40', '$12.50']);
  });
});

describe('a generation', () => {
  const started = run(ready, { type: 'variantsChosen', variants: 2 }, { type: 'generateStarted', now: 1000 });
  const token = started.generating?.token ?? -1;

  it('gets a fresh token and cannot start twice', () => {
    expect(started.generating).toEqual({ token: 1, startedAt: 1000, variants: 2 });
    expect(run(started, { type: 'generateStarted', now: 2000 })).toBe(started);
    expect(started.notice).toBe('Generating 2 images…');
  });

  it('shows the awaited result with the first image selected', () => {
    const done = run(started, { type: 'generateSucceeded', token, prompt: 'a cat', result: result(['a', 'b']) });
    expect(done.generating).toBeNull();
    expect(done.results).toMatchObject({ prompt: 'a cat', selectedId: 'a' });
    expect(done.documentCostUsd).toBe(1);
    expect(done.notice).toBe('2 images ready. Cost $0.13.');
    expect(selectedImage(run(done, { type: 'imageSelected', id: 'b' }).results)?.id).toBe('b');
    expect(run(done, { type: 'imageSelected', id: 'zz' })).toBe(done);
  });

  it('ignores a result or a failure that arrives after Cancel', () => {
    const cancelled = run(started, { type: 'cancelled' });
    expect(isAwaited(cancelled, token)).toBe(false);
    expect(run(cancelled, { type: 'generateSucceeded', token, prompt: 'a cat', result: result(['a']) })).toBe(
      cancelled,
    );
    expect(
      run(cancelled, { type: 'generateFailed', token, error: { code: 'NETWORK', message: 'm', action: 'a' } }),
    ).toBe(cancelled);
  });

  it('ignores the answer to an earlier request once a new one is under way', () => {
    const again = run(started, { type: 'cancelled' }, { type: 'generateStarted', now: 5000 });
    expect(again.generating?.token).toBe(2);
    const late = run(again, { type: 'generateSucceeded', token: 1, prompt: 'old', result: result(['old']) });
    expect(late).toBe(again);
  });

  it('says how many of the asked-for images came back when some failed', () => {
    const failure = { code: 'IMAGE_BLOCKED' as const, message: 'Withheld.', action: 'Rephrase.' };
    const done = run(started, {
      type: 'generateSucceeded',
      token,
      prompt: 'p',
      result: result(['a'], { failures: [failure] }),
    });
    expect(done.notice).toBe('1 of 2 images ready. Cost $0.067.');
  });

  it('turns a result without any image into its first failure', () => {
    const failure = { code: 'PROMPT_BLOCKED' as const, message: 'Declined.', action: 'Rephrase.' };
    const done = run(started, {
      type: 'generateSucceeded',
      token,
      prompt: 'p',
      result: result([], { failures: [failure] }),
    });
    expect(done.results).toBeNull();
    expect(done.error).toEqual(failure);
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
    expect(insertBlocker({ target: problem })).toBe('Select one slide.');
    expect((['insert', 'replace', 'background'] as const).some((m) => canInsertAs(problem, m))).toBe(false);
    expect(insertBlocker({ target: SLIDE })).toBeNull();
  });
});

it('puts only image types in a preview’s data: URL', () => {
  expect(dataUrl({ mimeType: 'image/jpeg', base64: 'AAAA' })).toBe('data:image/jpeg;base64,AAAA');
  expect(dataUrl({ mimeType: 'text/html', base64: 'AAAA' })).toBe('data:application/octet-stream;base64,AAAA');
});
