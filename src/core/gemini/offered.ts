/**
 * A model as the sidebar is offered it: the one shape for the model menu (getModels), Settings and Test key,
 * derived from the catalog's ModelSpec. Only what the pickers, the estimate and the warnings need crosses.
 */

import { inEnglish } from '../errors';
import type { Say } from '../i18n';
import type { ImageSize, Lifecycle, ModelSpec } from './catalog';
import { lifecycle, modelSpec } from './catalog';
import type { ThinkingLevel } from './wire';

export interface OfferedModel {
  readonly id: string;
  readonly displayName: string;
  /** False for an id Peel does not know yet: it runs with conservative options. */
  readonly known: boolean;
  readonly lifecycle: Lifecycle;
  /** ISO date of Google's shutdown, when one is announced. */
  readonly shutdown?: string;
  readonly replacement?: string;
  readonly aspectRatios: readonly string[];
  readonly imageSizes: readonly ImageSize[];
  readonly defaultImageSize: ImageSize;
  /** Empty when the model takes no thinking level. */
  readonly thinkingLevels: readonly ThinkingLevel[];
  readonly defaultThinkingLevel?: ThinkingLevel;
  readonly maxReferenceImages: number;
  /** USD per image by size; a size missing here has no known price. */
  readonly pricePerImageUsd: Readonly<Partial<Record<ImageSize, number>>>;
  /** A retirement or "unknown model" warning to show beside the model, if any. */
  readonly warning?: string;
}

function warningFor(spec: ModelSpec, nowMs: number, say: Say): string | undefined {
  if (!spec.known) return say('modelUnknown');
  if (lifecycle(spec, nowMs) === 'current' || spec.shutdown === undefined) return undefined;
  if (!spec.replacement) return say('modelShutdown', { date: spec.shutdown });
  return say('modelShutdownSwitch', { date: spec.shutdown, model: modelSpec(spec.replacement).displayName });
}

/** `listedName`: what ListModels calls a model the catalog does not know. */
/** `say`: the warning's language (the person's where the caller knows it; see i18n `lazily`). */
export function offeredModel(spec: ModelSpec, nowMs: number, listedName?: string, say: Say = inEnglish): OfferedModel {
  const thinking = spec.thinking;
  const warning = warningFor(spec, nowMs, say);
  return {
    id: spec.id,
    displayName: spec.known ? spec.displayName : (listedName ?? spec.displayName),
    known: spec.known,
    lifecycle: lifecycle(spec, nowMs),
    ...(spec.shutdown !== undefined ? { shutdown: spec.shutdown } : {}),
    ...(spec.replacement !== undefined ? { replacement: spec.replacement } : {}),
    aspectRatios: [...spec.aspectRatios],
    imageSizes: [...spec.imageSizes],
    defaultImageSize: spec.defaultImageSize,
    thinkingLevels: thinking.kind === 'levels' ? [...thinking.levels] : [],
    ...(thinking.kind === 'levels' ? { defaultThinkingLevel: thinking.default } : {}),
    maxReferenceImages: spec.maxReferenceImages,
    pricePerImageUsd: { ...spec.pricePerImageUsd },
    ...(warning ? { warning } : {}),
  };
}
