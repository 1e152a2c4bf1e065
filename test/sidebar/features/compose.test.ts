import { describe, expect, it } from 'vitest';
import { createController } from '../../../sidebar/app/controller';
import { type Action, createStore, initialState, reducer, type State } from '../../../sidebar/app/store';
import { describeEstimate, estimateCost } from '../../../sidebar/features/compose/state';
import { formatUsd } from '../../../sidebar/kernel/format';
import { choices, clampVariants, fittingRatio } from '../../../sidebar/kernel/model-choice';
import type { OfferedModel, SettingsView, Target } from '../../../src/shared/rpc';
import { basics, deferred, delivered, fakeServer, MODEL, named, settle, started, wire } from './fake-server';

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

describe('compose’s actions', () => {
  it('put the composed prompt in the box, with the notes only in Slides when asked', async () => {
    const { controller, calls, state } = await started({
      composeIllustratePrompt: async () => ({ prompt: 'Composed.', source: 'slide 1' }),
    });
    controller.dispatch({ type: 'notesToggled', includeNotes: true });
    await controller.compose.illustrate();
    expect(named(calls, 'composeIllustratePrompt')).toEqual([[{ includeNotes: true }]]);
    expect(state().compose).toMatchObject({ prompt: 'Composed.', promptSource: 'slide 1' });
    expect(state().session.busy).toBeNull();
  });

  it('a Generate before the models have answered waits for them instead of failing', async () => {
    const models = deferred<ReturnType<typeof wire<OfferedModel[]>>>();
    const fake = fakeServer({
      ...basics,
      getModels: () => models.promise,
      generateImage: async () => wire(delivered('a')),
    });
    const controller = createController(fake.server, createStore(), () => 1000);
    const starting = controller.start();
    await settle();
    // The button is disabled behind "Loading models…"; Ctrl+Enter still reaches the controller.
    expect(controller.store.get().compose.modelsPending).toBe(true);
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    const generating = controller.results.generate();
    await settle();
    expect(named(fake.calls, 'generateImage')).toEqual([]);
    models.resolve(wire([MODEL]));
    await Promise.all([starting, generating]);
    // One getModels shared by the start and the early Generate.
    expect(named(fake.calls, 'getModels')).toHaveLength(1);
    expect(named(fake.calls, 'generateImage')).toHaveLength(1);
    expect(controller.store.get().session.error).toBeNull();
    expect(controller.store.get().compose.modelsPending).toBe(false);
  });
});

describe('the organization’s limits', () => {
  it('show under the options from the moment the sidebar opens, before a person tries', async () => {
    const note = 'Your organization allows pictures up to 1K.';
    const { state } = await started({
      getSidebarContext: async () => ({ host: 'slides', version: 'test', documentCostUsd: 0, policy: [note] }),
    });
    expect(state().compose.policy).toEqual([note]);
  });

  it('are none without a policy', async () => {
    const { state } = await started({});
    expect(state().compose.policy).toEqual([]);
  });
});
