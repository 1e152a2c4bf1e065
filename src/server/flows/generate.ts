/**
 * "Generate": one new image per call, with or without reference images (a blend, a style transfer), through the
 * one pipeline (spine/pipeline.ts). The sidebar asks for N variants with N parallel calls. Also the model menu.
 */

import { describeError, PeelError } from '../../core/errors';
import { catalogModels, modelSpec } from '../../core/gemini/catalog';
import { offeredModel } from '../../core/gemini/offered';
import { nearestAspectRatio } from '../../core/geometry';
import { lazily } from '../../core/i18n';
import { withChoice } from '../../core/placement';
import { allowedModels, OPEN_POLICY, type Policy } from '../../core/policy';
import type { GenerateRequest, ImageCallOutcome, OfferedModel } from '../../shared/rpc';
import { openStash } from '../platform/stash';
import { personsWords } from '../platform/words';
import { geminiClient, openSettings } from '../spine/gemini';
import { type MakeOptions, make } from '../spine/pipeline';
import { POLICY_CACHE_KEY, type Settings } from '../spine/settings';
import { shownPlace } from '../spine/shown';
import { whereItGoes } from './insert';
import { openModelCache, rememberModels } from './model-menu';

/**
 * One new image. With `selection` the request first finds where the image would go, in this same execution
 * rather than in a call of its own before it: when nothing can go there, nothing is sent or billed; 'fit' draws
 * at the model's ratio nearest to that place; the answer carries the Target, and the slide's layout waits with
 * the image so that Insert need not walk the slide again. That place is the one the sidebar showed when the
 * server still keeps that reading (`placeId`, spine/shown.ts), else the selection read now; that reading also
 * kept the deck's style and named references, so the document store is not read again either.
 */
export function generate(request: GenerateRequest, options: MakeOptions = {}): ImageCallOutcome {
  if (!request.selection) return make({ kind: 'new', ...request }, options);
  // The organization's policy waits in the same cache: one read for both.
  const kept = request.placeId ? shownPlace(request.placeId, [POLICY_CACHE_KEY]) : null;
  const found = kept?.place ?? whereItGoes();
  const { layout } = found;
  // The person's choice among the slide's offers: its ratio to draw at, and its label in the answer.
  const target = withChoice(found.target, request.where);
  // Every Target that takes no image says why (its problem): that sentence is the next step.
  if (target.problem || !target.canInsert) {
    throw new PeelError('UNSUPPORTED_SELECTION', 'Nowhere to put a new image', { detail: target.problem ?? '' });
  }
  const aspectRatio =
    request.selection === 'fit'
      ? nearestAspectRatio(target.ratio, modelSpec(request.model.trim()).aspectRatios)
      : request.aspectRatio;
  const policy = kept?.found ? { cachedPolicy: kept.found[POLICY_CACHE_KEY] ?? null } : {};
  const outcome = make(
    { kind: 'new', ...request, aspectRatio },
    { ...options, layout, ...policy, shownStore: kept?.place?.store },
  );
  return outcome.kind === 'image' ? { ...outcome, target } : outcome;
}

/** Frees stashed previews the user dismissed: one removeAll, at most MAX_DISCARD_IDS ids (stash.ts). */
export function discard(ids: readonly string[]): null {
  if (ids.length > 0) openStash().discard(ids);
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Models

/**
 * The catalog's current models, then any image model ListModels offers this key that the catalog lacks, then
 * the user's chosen model if it is still missing. ListModels is a courtesy: without a key, on Vertex AI, or when
 * it fails, the catalog alone is the answer.
 */
/** The policy for the menu: one written unreadably is said when an image is asked for, not here. */
function organizationPolicy(settings: Settings): Policy {
  try {
    settings.cachePolicy();
    return settings.policy();
  } catch (error) {
    console.log(`Policy unreadable: ${describeError(error).code}`);
    return OPEN_POLICY;
  }
}

export function models(): OfferedModel[] {
  const now = Date.now();
  const settings = openSettings();
  const say = lazily(personsWords);
  const choices = catalogModels(now).map((spec) => offeredModel(spec, now, undefined, say));
  const has = (id: string) => choices.some((c) => c.id === id);
  try {
    if (settings.connection().kind === 'gemini') {
      // One attempt: the sidebar is waiting to draw its model menu, and the catalog is a fine answer.
      const client = geminiClient(
        settings.endpoint(() => ''),
        { maxAttempts: 1 },
      );
      for (const listed of client.listModels()) {
        if (!has(listed.id) && listed.lifecycle !== 'retired') {
          choices.push(offeredModel(modelSpec(listed.id), now, listed.displayName, say));
        }
      }
    }
  } catch (error) {
    // The catalog is enough to work with; the reason goes to the log, not the sidebar.
    console.log(`ListModels skipped: ${describeError(error).code}`);
  }
  const chosen = settings.model();
  if (!has(chosen)) choices.push(offeredModel(modelSpec(chosen), now, undefined, say));
  const allowed = allowedModels(organizationPolicy(settings), choices);
  try {
    rememberModels(openModelCache(), allowed);
  } catch (error) {
    // The next sidebar opens with the catalog instead: nothing the user needs to hear about.
    console.log(`Model menu not remembered: ${describeError(error).code}`);
  }
  return allowed;
}
