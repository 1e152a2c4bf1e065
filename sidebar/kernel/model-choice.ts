/**
 * Which model, ratio, size and how many variants the next request uses: the person's picks where the model
 * accepts them, else the defaults (the settings' model, the ratio that fits the target). Generate, Edit,
 * references and deck jobs all ask the same question.
 */
import { MAX_VARIANTS } from '../../src/core/gemini/limits';
import { nearestAspectRatio } from '../../src/core/geometry';
import type { ImageSize, OfferedModel, SettingsView, Target } from '../../src/shared/rpc';

export { MAX_VARIANTS };

/** The person's picks (null: the default) and the menu they pick from. */
export interface Picks {
  readonly models: readonly OfferedModel[];
  readonly modelId: string | null;
  readonly ratioChoice: string | null;
  readonly sizeChoice: ImageSize | null;
  readonly variants: number;
}

/** Where the choice is read from: the picks, the settings' default model, and the selection's shape. */
export interface ChoiceSources {
  readonly compose: Picks;
  readonly settings: { readonly view: Pick<SettingsView, 'model'> | null };
  readonly session: { readonly target: Pick<Target, 'ratio'> | null };
}

export function clampVariants(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_VARIANTS, Math.max(1, Math.round(n))) : 1;
}

/**
 * The ratio that fits the target among the model's: the same pure function the server uses, so the picker's
 * default is what the server would choose. Guards the cases it rejects (no target yet, an empty list).
 */
export function fittingRatio(targetRatio: number | undefined, supported: readonly string[]): string {
  const fallback = supported.includes('1:1') ? '1:1' : (supported[0] ?? '1:1');
  if (targetRatio === undefined || !(targetRatio > 0) || !Number.isFinite(targetRatio)) return fallback;
  try {
    return nearestAspectRatio(targetRatio, supported);
  } catch {
    return fallback;
  }
}

export interface Choices {
  readonly model: OfferedModel | null;
  readonly ratio: string;
  /** The ratio that fits the target for this model: marked in the picker. */
  readonly fittingRatio: string;
  readonly size: ImageSize;
  readonly variants: number;
}

/** The settings' model when the generate menu offers it, otherwise the first one. */
export function defaultModelId(state: Pick<ChoiceSources, 'compose' | 'settings'>): string | null {
  const preferred = state.settings.view?.model;
  const { models } = state.compose;
  if (preferred && models.some((m) => m.id === preferred)) return preferred;
  return models[0]?.id ?? null;
}

/** What the next Generate would send: the user's picks where the model accepts them, else the defaults. */
export function choices(state: ChoiceSources): Choices {
  const compose = state.compose;
  const modelId = compose.modelId ?? defaultModelId(state);
  const model = compose.models.find((m) => m.id === modelId) ?? compose.models[0] ?? null;
  const ratios = model?.aspectRatios ?? ['1:1'];
  const fits = fittingRatio(state.session.target?.ratio, ratios);
  const ratio = compose.ratioChoice && ratios.includes(compose.ratioChoice) ? compose.ratioChoice : fits;
  const sizes = model?.imageSizes ?? [];
  const size: ImageSize =
    compose.sizeChoice && sizes.includes(compose.sizeChoice) ? compose.sizeChoice : (model?.defaultImageSize ?? '1K');
  return { model, ratio, fittingRatio: fits, size, variants: clampVariants(compose.variants) };
}
