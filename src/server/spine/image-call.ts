/**
 * One image per execution: what generateImage (and editImage, shaped the same) does with Gemini's answer.
 *
 * The sidebar makes one google.script.run call per variant, in parallel. Apps Script runs calls from one page
 * concurrently (up to its per-user limit), each its own execution with its own fetch deadline, so one variant
 * held past the deadline fails alone: each execution records the cost of its own image (an append-only entry
 * under a key of its own, no read-modify-write: costs.ts) and stashes its own image. One fetchAll of every
 * variant could not do that: when one request of a batch gets no answer, fetchAll throws for all of them and the
 * images Google did return (and billed) are lost.
 *
 * A failure Gemini asks Peel to wait out (a 429 with RetryInfo, an overloaded model) is not slept through here:
 * the execution returns the wait (`RetryLater`), which the sidebar counts down with Cancel (retry.ts, planWait).
 */
import { PeelError } from '../../core/errors';
import type { Outcome } from '../../core/gemini/client';
import type { ImageAnswer } from '../../core/gemini/response';
import { planWait } from '../../core/gemini/retry';
import { checkInsertable, INSERTABLE_TYPES, imageFacts } from '../../core/image-info';
import type { ImageCallOutcome, ImageDelivered, RetryLater } from '../../shared/rpc';
import { type DocumentStore, openDocumentStore, type Stored } from '../platform/document-store';
import { newImageId, openStash, randomPart, type StashedImage } from '../platform/stash';
import { readDocumentCost, recordCost, roundUsd } from './costs';
import { type Memo, memoEntries, signatureOf } from './memo';

/** The image as Peel keeps it for Insert, or MALFORMED_RESPONSE when it can be neither shown nor inserted. */
function keep(answer: ImageAnswer, warnings: string[]): StashedImage {
  const { mimeType, base64 } = answer.image;
  const facts = imageFacts(mimeType, base64);
  if (!facts || !INSERTABLE_TYPES.includes(mimeType)) {
    throw new PeelError('MALFORMED_RESPONSE', `Unusable ${mimeType}`, {
      detail: `Gemini sent a ${mimeType} image Peel cannot read or insert.`,
    });
  }
  const check = checkInsertable(facts);
  if (check.kind === 'too-large' || check.kind === 'unsupported-type') {
    warnings.push(`This image can be previewed but not inserted: ${check.why}`);
  }
  return {
    id: newImageId(base64.length),
    mimeType,
    base64,
    pixelWidth: facts.pixelWidth,
    pixelHeight: facts.pixelHeight,
  };
}

/**
 * Records this image's cost (one write under the document lock) and returns the document's total. The total is
 * the sidebar's, when it sent one, plus this cost: reading the record back would cost a call and a property read
 * on every image. Without one, the record is read first. Outside a document nothing is recorded. A record that
 * fails to write costs the user nothing but a warning: the image is paid for and still comes back.
 */
function recordDocumentCost(
  usd: number,
  known: number | null | undefined,
  warnings: string[],
  opened?: DocumentStore | null,
): number {
  let previous = known ?? 0;
  try {
    const store = opened === undefined ? openDocumentStore() : opened;
    if (known === undefined || known === null) previous = readDocumentCost(store);
    if (store) recordCost(store, usd, randomPart());
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warnings.push('Peel could not add this cost to the document’s running total.');
  }
  return roundUsd(previous + usd);
}

/** What a kept image's memo records besides its cost: the model, ratio and size it was made with (memo.ts). */
export type Made = Omit<Memo, 'c'>;

/** What a job passes to a Generate or Edit it runs: the store it read, and how long to keep the image. */
export interface CallOptions {
  /** A snapshot of the document store the caller read anyway (the style is read from it). */
  readonly snapshot?: Stored;
  /** How long the image is kept for Insert or Apply (a job's proposal: 6 hours). */
  readonly keepSeconds?: number;
}

export interface DeliverOptions {
  /** How long the image waits for Insert or Apply (stash.ts; a job's proposal waits 6 hours). */
  readonly keepSeconds?: number;
  /** Said with the image (a style reference that could not be sent). */
  readonly warnings?: readonly string[];
  /** The document store when the caller opened it already (one service call fewer). */
  readonly store?: DocumentStore | null;
}

/**
 * An answer with an image: its cost recorded first (the money is spent either way), then the image stashed with
 * its memo (what Insert or Apply records in the image's thread, and Gemini's signature on it) in the same putAll.
 */
export function deliver(
  answer: ImageAnswer,
  knownDocumentCostUsd: number | null | undefined,
  made: Made,
  options: DeliverOptions = {},
): ImageDelivered {
  const warnings = [...answer.warnings, ...(options.warnings ?? [])];
  const costUsd = answer.cost.totalUsd === null ? null : roundUsd(answer.cost.totalUsd);
  const documentCostUsd = recordDocumentCost(costUsd ?? 0, knownDocumentCostUsd, warnings, options.store);
  const image = keep(answer, warnings);
  try {
    openStash().put(
      [image],
      memoEntries(image.id, { ...made, c: costUsd }, signatureOf(answer.modelTurn.parts)),
      options.keepSeconds,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warnings.push('Peel could not keep this image for inserting (too large for its cache). Try a smaller size.');
  }
  return {
    kind: 'image',
    image: { ...image, costUsd },
    text: answer.commentary.trim(),
    warnings: warnings.filter((w, i) => w !== '' && warnings.indexOf(w) === i),
    documentCostUsd,
  };
}

/** A failed call: the wait the sidebar should count down before call `attempt + 1`, or the error itself. */
export function waitOrFail(failed: Extract<Outcome<ImageAnswer>, { ok: false }>, attempt: number): RetryLater {
  const decision = planWait(failed.retry, attempt, Math.random);
  if (decision.action === 'stop') throw failed.error;
  return {
    kind: 'retry',
    retryAfterSeconds: decision.seconds,
    attempt: decision.attempt,
    maxAttempts: decision.maxAttempts,
    reason: failed.error.code,
  };
}

/** One image call from Gemini's outcome: delivered, to be retried after a wait, or thrown. */
export function imageCall(
  outcome: Outcome<ImageAnswer>,
  attempt: number,
  knownDocumentCostUsd: number | null | undefined,
  made: Made,
  options: DeliverOptions = {},
): ImageCallOutcome {
  return outcome.ok ? deliver(outcome.value, knownDocumentCostUsd, made, options) : waitOrFail(outcome, attempt);
}
