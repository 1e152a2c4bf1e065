/**
 * The compose slice: the prompt and the pickers (model, ratio, size, variants) with their defaults, the model
 * menu, and the cost estimate of the next Generate.
 */
import { type CostEstimate, estimateCost as estimateFromCatalog } from '../../../src/core/gemini/cost';
import type { IllustratePrompt, ImageSize, OfferedModel, Target } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { formatUsd } from '../../kernel/format';
import { clampVariants, type Picks } from '../../kernel/model-choice';
import type { Reducer } from '../../kernel/store';
import { t } from '../../kernel/words';

export interface ComposeState extends Picks {
  /** True until the model list has answered (or failed): Generate waits for it instead of failing. */
  readonly modelsPending: boolean;
  readonly prompt: string;
  /** Where the composed prompt came from, shown under the prompt box until the user edits it. */
  readonly promptSource: string | null;
  /** What the prompt was before the last Illustrate, while that can still be taken back (until the next edit). */
  readonly promptBeforeIllustrate: string | null;
  readonly includeNotes: boolean;
  /** The organization's limits, a sentence each, as the sidebar opened. */
  readonly policy: readonly string[];
}

export const composeInitial: ComposeState = {
  models: [],
  modelsPending: true,
  prompt: '',
  promptSource: null,
  promptBeforeIllustrate: null,
  includeNotes: false,
  policy: [],
  modelId: null,
  ratioChoice: null,
  sizeChoice: null,
  variants: 1,
};

export type ComposeAction =
  | { readonly type: 'modelsRequested' }
  | { readonly type: 'modelsLoaded'; readonly models: readonly OfferedModel[] }
  | { readonly type: 'modelsFailed' }
  | { readonly type: 'notesToggled'; readonly includeNotes: boolean }
  | { readonly type: 'modelChosen'; readonly id: string }
  | { readonly type: 'ratioChosen'; readonly ratio: string }
  | { readonly type: 'sizeChosen'; readonly size: ImageSize }
  | { readonly type: 'variantsChosen'; readonly variants: number }
  | { readonly type: 'illustrated'; readonly composed: IllustratePrompt }
  | { readonly type: 'illustrateUndone' };

export const reduceCompose: Reducer<
  ComposeState,
  ComposeAction | SharedAction,
  { session: { target: Pick<Target, 'ratio'> | null } }
> = (state, action, before) => {
  switch (action.type) {
    case 'modelsRequested':
      return { ...state, modelsPending: true };
    case 'modelsLoaded':
      return { ...state, models: action.models, modelsPending: false };
    case 'started': {
      // The user's remembered menu comes with the context: Generate is ready now, and getModels refreshes it.
      const policy = action.context.policy ?? state.policy;
      return action.context.models?.length && state.models.length === 0
        ? { ...state, models: action.context.models, policy }
        : { ...state, policy };
    }
    case 'modelsFailed':
      return { ...state, modelsPending: false };
    case 'targetLoaded': {
      // A new selection with another shape asks for its own ratio again; the same one keeps the user's pick.
      const previous = before.session.target;
      const sameShape = previous !== null && Math.abs(previous.ratio - action.target.ratio) < 1e-3;
      return sameShape || state.ratioChoice === null ? state : { ...state, ratioChoice: null };
    }
    case 'promptChanged':
      return { ...state, prompt: action.prompt, promptSource: null, promptBeforeIllustrate: null };
    case 'notesToggled':
      return { ...state, includeNotes: action.includeNotes };
    case 'modelChosen':
      return { ...state, modelId: action.id };
    case 'ratioChosen':
      return { ...state, ratioChoice: action.ratio };
    case 'sizeChosen':
      return { ...state, sizeChoice: action.size };
    case 'variantsChosen':
      return { ...state, variants: clampVariants(action.variants) };
    case 'illustrated':
      return { ...state, ...illustratedPrompt(state, action.composed) };
    case 'illustrateUndone':
      return state.promptBeforeIllustrate === null
        ? state
        : { ...state, prompt: state.promptBeforeIllustrate, promptSource: null, promptBeforeIllustrate: null };
    default:
      return state;
  }
};

/**
 * Illustrate never throws away what a person typed: their words stay first and the composed prompt follows
 * them. An untouched composed prompt is simply replaced (no one typed it). Either way the previous prompt can be
 * taken back until the next edit.
 */
export function illustratedPrompt(
  state: Pick<ComposeState, 'prompt' | 'promptSource' | 'promptBeforeIllustrate'>,
  composed: IllustratePrompt,
): Pick<ComposeState, 'prompt' | 'promptSource' | 'promptBeforeIllustrate'> {
  // An untouched composed prompt gives way to the new one, and what the person typed before it stays.
  const typed = state.promptSource === null ? state.prompt : (state.promptBeforeIllustrate ?? '');
  const kept = typed.trim() !== '';
  return {
    prompt: kept ? `${typed.trimEnd()}\n\n${composed.prompt}` : composed.prompt,
    promptSource: composed.source,
    promptBeforeIllustrate: kept ? typed : null,
  };
}

/** The words that follow an Illustrate: whether the person's own text was kept. */
export function illustratedNotice(keptTyped: boolean): string {
  return t(keptTyped ? 'keptTyped' : 'composed');
}

/** The model menu is still empty because its answer has not come: Generate says so instead of failing. */
export function loadingModels(compose: Pick<ComposeState, 'models' | 'modelsPending'>): boolean {
  return compose.modelsPending && compose.models.length === 0;
}

/** The next Generate's estimate: core's one estimator, for the variants the sidebar will actually ask for. */
export function estimateCost(model: OfferedModel | null, size: ImageSize, variants: number): CostEstimate {
  return estimateFromCatalog(model, size, clampVariants(variants));
}

export function describeEstimate(estimate: CostEstimate, variants: number): string {
  if (estimate.totalUsd === null || estimate.perImageUsd === null) return t('estimateUnknown');
  const usd = formatUsd(estimate.totalUsd);
  return variants > 1
    ? t('estimateEach', { usd, n: variants, each: formatUsd(estimate.perImageUsd) })
    : t('estimate', { usd });
}
