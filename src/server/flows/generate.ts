/**
 * "Generate": one image per call. The sidebar asks for N variants with N parallel calls, each its own execution
 * (image-call.ts says why), so each image appears as it arrives and a straggler costs the others nothing.
 *
 * Service calls and property operations are counted by the benchmark and by Apps Script's quotas. One image with
 * the user's own key makes twelve: the user store (open, one getProperties), one fetchAll and the response's code
 * and text, the user cache (open, one putAll for every chunk of the image), and the document store (open, one
 * setProperties for the cost under the document lock: open, tryLock, releaseLock). It reads the document's total
 * back only when the request does not carry the sidebar's. Nothing is decoded here: pixel sizes come from the
 * image header.
 */
import { describeError } from '../../core/errors';
import { catalogModels, modelSpec } from '../../core/gemini/catalog';
import { offeredModel } from '../../core/gemini/offered';
import { checkImageOptions } from '../../core/gemini/options';
import type { GenerateRequest, ImageCallOutcome, OfferedModel } from '../../shared/rpc';
import { type DocumentStore, openDocumentStore, type Stored } from '../platform/document-store';
import { openStash } from '../platform/stash';
import { readDocumentCost } from '../spine/costs';
import { geminiClient, openGeminiClient, openSettings } from '../spine/gemini';
import { type CallOptions, imageCall } from '../spine/image-call';
import { openModelCache, rememberModels } from './model-menu';
import { checkReferenceLimits, recorded, referenceImages } from './references';
import { type AppliedStyle, NO_STYLE, styleFor } from './style';

export function generate(request: GenerateRequest, options: CallOptions = {}): ImageCallOutcome {
  const spec = modelSpec(request.model.trim());
  // Before anything is read or sent, so a request the model cannot take changes nothing and costs nothing.
  const { size } = checkImageOptions(spec, {
    aspectRatio: request.aspectRatio,
    imageSize: request.imageSize,
    references: request.references?.length ?? 0,
  });
  // References (issue 12): resolved and measured before anything is sent; their names go to the memo for Insert.
  // The deck's style (issue 13) adds its rules and its named references after the request's own.
  const uses = request.references ?? [];
  const styled = requestStyle(request.style, options);
  const references = [...referenceImages(uses, styled.snapshot ?? options.snapshot), ...styled.style.references];
  checkReferenceLimits(spec, references);
  const client = openGeminiClient(openSettings());
  const outcome = client.tryGenerate({
    model: spec.id,
    prompt: request.prompt.trim(),
    aspectRatio: request.aspectRatio,
    imageSize: size,
    ...(styled.style.rules ? { rules: styled.style.rules } : {}),
    ...(references.length > 0 ? { references } : {}),
  });
  return imageCall(
    outcome,
    request.attempt ?? 1,
    request.documentCostUsd ??
      (styled.snapshot && styled.store ? readDocumentCost(styled.store, styled.snapshot) : undefined),
    { m: spec.id, r: request.aspectRatio, s: size, ...recorded(uses, styled.style.names) },
    {
      ...(options.keepSeconds ? { keepSeconds: options.keepSeconds } : {}),
      warnings: styled.style.warnings,
      ...(styled.store !== undefined ? { store: styled.store } : {}),
    },
  );
}

/**
 * The document's style for this request, from ONE getProperties: the caller's snapshot, else one read here,
 * which also gives the document's total when the sidebar did not send it. The store opened here is the one the
 * cost is then recorded in (no second open).
 */
function requestStyle(
  wanted: boolean | undefined,
  options: CallOptions,
): { style: AppliedStyle; snapshot?: Stored; store?: DocumentStore | null } {
  if (wanted === false) return { style: NO_STYLE };
  if (options.snapshot) return { style: styleFor(wanted, options.snapshot) };
  const store = openDocumentStore();
  if (!store) return { style: NO_STYLE, store };
  const snapshot = store.read();
  return { style: styleFor(wanted, snapshot), snapshot, store };
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
export function models(): OfferedModel[] {
  const now = Date.now();
  const settings = openSettings();
  const choices = catalogModels(now).map((spec) => offeredModel(spec, now));
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
          choices.push(offeredModel(modelSpec(listed.id), now, listed.displayName));
        }
      }
    }
  } catch (error) {
    // The catalog is enough to work with; the reason goes to the log, not the sidebar.
    console.log(`ListModels skipped: ${describeError(error).code}`);
  }
  const chosen = settings.model();
  if (!has(chosen)) choices.push(offeredModel(modelSpec(chosen), now));
  try {
    rememberModels(openModelCache(), choices);
  } catch (error) {
    // The next sidebar opens with the catalog instead: nothing the user needs to hear about.
    console.log(`Model menu not remembered: ${describeError(error).code}`);
  }
  return choices;
}
