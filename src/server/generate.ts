/**
 * "Generate": N variants as N parallel requests in one fetchAll, their bytes kept server-side for Insert, and
 * what they cost added to the document's record.
 *
 * Service calls and property operations are counted by the benchmark and by Apps Script's quotas. One Generate
 * with the user's own key makes twelve for one variant: the user store (open, one getProperties), one fetchAll
 * and each response's code and text, the user cache (open, one putAll for every image chunk), and the document
 * store (open, one setProperties for the cost under the document lock: open, tryLock, releaseLock). It reads the document's total back only when the request
 * does not carry the sidebar's. Nothing is decoded here: pixel sizes come from the image header.
 */
import { describeError, PeelError } from '../core/errors';
import { catalogModels, modelSpec } from '../core/gemini/catalog';
import { offeredModel } from '../core/gemini/offered';
import { checkImageOptions } from '../core/gemini/options';
import type { ImageAnswer } from '../core/gemini/response';
import { checkInsertable, INSERTABLE_TYPES, imageFacts } from '../core/image-info';
import type { GeneratedImage, GenerateRequest, GenerateResult, OfferedModel } from '../shared/rpc';
import { readDocumentCost, recordCost, roundUsd } from './costs';
import { openDocumentStore } from './document-store';
import { geminiClient, openGeminiClient, openSettings } from './gemini';
import { memoEntries, signatureOf } from './memo';
import type { StashedImage } from './stash';
import { newImageId, openStash, randomPart } from './stash';

export interface Kept {
  readonly image: StashedImage;
  readonly costUsd: number | null;
}

/** A successful variant Peel can hold and insert, or the reason it cannot. */
export function keep(result: ImageAnswer, index: number, warnings: string[]): Kept {
  const { mimeType, base64 } = result.image;
  const facts = imageFacts(mimeType, base64);
  if (!facts || !INSERTABLE_TYPES.includes(mimeType)) {
    throw new PeelError('MALFORMED_RESPONSE', `Variant ${index + 1}: unusable ${mimeType}`, {
      detail: `Gemini sent a ${mimeType} image Peel cannot read or insert.`,
    });
  }
  const check = checkInsertable(facts);
  if (check.kind === 'too-large' || check.kind === 'unsupported-type') {
    warnings.push(`Image ${index + 1} can be previewed but not inserted: ${check.why}`);
  }
  return {
    image: {
      id: newImageId(base64.length),
      mimeType,
      base64,
      pixelWidth: facts.pixelWidth,
      pixelHeight: facts.pixelHeight,
    },
    costUsd: result.cost.totalUsd,
  };
}

function unique(items: readonly string[]): string[] {
  return items.filter((item, i) => item !== '' && items.indexOf(item) === i);
}

export function generate(request: GenerateRequest): GenerateResult {
  const spec = modelSpec(request.model.trim());
  // Before anything is read or sent, so a request the model cannot take changes nothing and costs nothing.
  const { size } = checkImageOptions(spec, request);
  const client = openGeminiClient(openSettings());
  const outcomes = client.variants(
    { model: spec.id, prompt: request.prompt.trim(), aspectRatio: request.aspectRatio, imageSize: size },
    request.variants,
  );

  const kept: Kept[] = [];
  const failures: PeelError[] = [];
  const warnings: string[] = [];
  const said: string[] = [];
  const memos: Record<string, string> = {};
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) {
      failures.push(outcome.error);
      return;
    }
    warnings.push(...outcome.value.warnings);
    said.push(outcome.value.commentary.trim());
    try {
      const k = keep(outcome.value, i, warnings);
      kept.push(k);
      // What Insert needs to start the image's thread, and Gemini's signature on it (memo.ts).
      const memo = { m: spec.id, r: request.aspectRatio, s: size, c: k.costUsd };
      Object.assign(memos, memoEntries(k.image.id, memo, signatureOf(outcome.value.modelTurn.parts)));
    } catch (error) {
      failures.push(error instanceof PeelError ? error : new PeelError('INTERNAL', String(error)));
    }
  });
  const [firstFailure] = failures;
  if (kept.length === 0) throw firstFailure ?? new PeelError('NO_IMAGE', 'No variant came back');

  const prices = kept.map((k) => k.costUsd).filter((usd): usd is number => usd !== null);
  const costUsd = prices.length > 0 ? roundUsd(prices.reduce((sum, usd) => sum + usd, 0)) : null;

  // The money is spent whether or not the images can be kept, so the cost is recorded first.
  const documentCostUsd = recordDocumentCost(costUsd ?? 0, request.documentCostUsd, warnings);
  try {
    openStash().put(
      kept.map((k) => k.image),
      memos,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warnings.push('Peel could not keep these images for inserting (too large for its cache). Try a smaller size.');
  }

  const images: GeneratedImage[] = kept.map((k) => ({ ...k.image, costUsd: k.costUsd }));
  return {
    images,
    text: unique(said).join('\n'),
    warnings: unique(warnings),
    failures: failures.map(describeError),
    costUsd,
    documentCostUsd,
  };
}

/**
 * Records this Generate's cost in the document (one write under the lock) and returns the document's total. The total
 * is the sidebar's, when it sent one, plus this cost: reading the record back would cost a call and a property
 * read on every Generate, and all the sidebar misses is what other people generated here since it opened,
 * which it shows when it opens again. Without one, the record is read first. Outside a document (no document
 * store) nothing is recorded. A record that fails to write costs the user nothing but a warning: the images
 * are paid for and still come back.
 */
export function recordDocumentCost(usd: number, known: number | null | undefined, warnings: string[]): number {
  let previous = known ?? 0;
  try {
    const store = openDocumentStore();
    if (known === undefined || known === null) previous = readDocumentCost(store);
    if (store) recordCost(store, usd, randomPart());
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warnings.push('Peel could not add this cost to the document’s running total.');
  }
  return roundUsd(previous + usd);
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
  return choices;
}
