/**
 * What images are expected to cost: the one estimator, used before Generate (the sidebar's estimate, from the
 * prices it was offered) and after (each answer's cost, which can fall back to its billed image tokens).
 */
import type { ImageSize, ModelSpec } from './catalog';

export interface CostEstimate {
  /** USD per image, or null when Peel has no price for this model and size. */
  readonly perImageUsd: number | null;
  /** USD for all the images: perImageUsd × their number. */
  readonly totalUsd: number | null;
  readonly basis: 'per-image' | 'per-token' | 'unknown';
}

/** A catalog spec, or a model as the sidebar was offered it (which carries no per-token rate). */
export type Priced = Pick<ModelSpec, 'pricePerImageUsd'> & Partial<Pick<ModelSpec, 'imageOutputUsdPerMillionTokens'>>;

/**
 * The per-image price for this size, else (once an answer reports its IMAGE tokens) the per-token rate, else
 * unknown.
 */
export function estimateCost(model: Priced | null, size: ImageSize, images = 1, imageTokens = 0): CostEstimate {
  const estimate = (perImageUsd: number, basis: CostEstimate['basis']): CostEstimate => ({
    perImageUsd,
    totalUsd: perImageUsd * images,
    basis,
  });
  const perImage = model?.pricePerImageUsd[size];
  if (perImage !== undefined) return estimate(perImage, 'per-image');
  const perMillion = model?.imageOutputUsdPerMillionTokens ?? null;
  if (perMillion !== null && imageTokens > 0) return estimate((imageTokens * perMillion) / 1_000_000, 'per-token');
  return { perImageUsd: null, totalUsd: null, basis: 'unknown' };
}
