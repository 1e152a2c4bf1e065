/**
 * Reads a generateContent answer. A failure can arrive as HTTP 200 (a blocked prompt, a safety stop), so the checks run in the
 * documented order: a blocked prompt, a finish reason that withheld the image, then "no image", which is an
 * error even when the model stopped normally (a refusal in words).
 */

import { detailOf, type ErrorCode, type ErrorDetails, inEnglish, PeelError } from '../errors';
import type { Say } from '../i18n';
import { imageDataProblem } from './base64';
import type { ImageSize, ModelSpec } from './catalog';
import { lifecycle, replacementFor } from './catalog';
import { type CostEstimate, estimateCost } from './cost';
import type { Failure } from './failures';
import type { Content, GenerateContentResponse, ModelStatus, Part, UsageMetadata } from './wire';

/** An image as Gemini sends it; what the sidebar gets (GeneratedImage in src/shared/rpc.ts) extends it. */
export interface InlineImage {
  /** As received: Gemini 3 models often answer image/jpeg, 2.5 Flash image/png. */
  readonly mimeType: string;
  readonly base64: string;
}

export interface Usage {
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** IMAGE output tokens: what the image is billed by. */
  readonly imageTokens: number;
  readonly thoughtsTokens: number;
  readonly totalTokens: number;
}

/** One generateContent call's answer; each becomes one image call's ImageDelivered (src/server/image-call.ts). */
export interface ImageAnswer {
  readonly model: string;
  readonly modelVersion?: string;
  readonly image: InlineImage;
  /** What the model said beside the image (non-thought text), or ''. */
  readonly commentary: string;
  /** The turn as sent; with `modelTurn`, what the next request's history needs. */
  readonly userTurn: Content;
  /** The model's content exactly as received, thought parts and signatures included. */
  readonly modelTurn: Content;
  readonly usage: Usage | null;
  readonly cost: CostEstimate;
  /** Deprecation and retirement notices for the user. */
  readonly warnings: readonly string[];
  readonly finishReason?: string;
}

export type Parsed =
  | { readonly ok: true; readonly result: ImageAnswer }
  | { readonly ok: false; readonly failure: Failure };

export interface ParseContext {
  readonly spec: ModelSpec;
  readonly size: ImageSize;
  readonly userTurn: Content;
  readonly nowMs: number;
  /** Says a lifecycle warning; English unless the caller reads the person's language (only when one is said). */
  readonly say?: Say | undefined;
}

/** Finish reasons that mean "an image was made or planned, and a filter withheld it". */
export const BLOCKING_FINISH_REASONS: readonly string[] = [
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'SAFETY',
  'PROHIBITED_CONTENT',
  'RECITATION',
  'BLOCKLIST',
  'SPII',
];

function fail(code: ErrorCode, message: string, details: ErrorDetails): Parsed {
  return { ok: false, failure: { error: new PeelError(code, message, details), retry: { kind: 'never' } } };
}

function imageTokens(usage: UsageMetadata): number {
  return (usage.candidatesTokensDetails ?? [])
    .filter((d) => d.modality === 'IMAGE')
    .reduce((sum, d) => sum + (d.tokenCount ?? 0), 0);
}

function readUsage(usage: UsageMetadata | undefined): Usage | null {
  if (!usage) return null;
  return {
    promptTokens: usage.promptTokenCount ?? 0,
    outputTokens: usage.candidatesTokenCount ?? 0,
    imageTokens: imageTokens(usage),
    thoughtsTokens: usage.thoughtsTokenCount ?? 0,
    totalTokens: usage.totalTokenCount ?? 0,
  };
}

const WARNED_STAGES = ['DEPRECATED', 'RETIRED', 'LEGACY'];

function warnings(spec: ModelSpec, status: ModelStatus | undefined, nowMs: number, say: Say): string[] {
  const replacement = replacementFor(spec.id, nowMs);
  const model = spec.displayName;
  let head: string;
  // Google's stage word and message are Google's own: they go as they came.
  if (status?.modelStage && WARNED_STAGES.includes(status.modelStage)) {
    const stage = status.modelStage.toLowerCase();
    head = status.retirementTime
      ? say('modelStageRetiring', { model, stage, date: status.retirementTime.slice(0, 10) })
      : say('modelStage', { model, stage });
    if (status.message) head += ` ${status.message}`;
  } else if (spec.shutdown !== undefined) {
    const past = lifecycle(spec, nowMs) === 'retired';
    head = say(past ? 'modelShutDownPast' : 'modelShutsDown', { model, date: spec.shutdown });
  } else return [];
  return [replacement ? `${head} ${say('modelSwitch', { model: replacement })}` : head];
}

function isImagePart(part: Part): boolean {
  return (
    part.thought !== true &&
    typeof part.inlineData?.mimeType === 'string' &&
    part.inlineData.mimeType.startsWith('image/')
  );
}

export function parseGenerateResponse(body: string, context: ParseContext): Parsed {
  const model = context.spec.id;
  let response: GenerateContentResponse;
  try {
    response = JSON.parse(body) as GenerateContentResponse;
  } catch {
    return fail('MALFORMED_RESPONSE', 'The response is not JSON', {
      model,
      ...detailOf('answerCutOff'),
    });
  }
  if (typeof response !== 'object' || response === null) {
    return fail('MALFORMED_RESPONSE', 'The response is not an object', { model });
  }
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    const said = response.promptFeedback?.blockReasonMessage;
    return fail('PROMPT_BLOCKED', `Prompt blocked: ${blockReason}`, {
      model,
      reason: blockReason,
      ...(said ? { detail: said } : {}),
    });
  }
  const candidate = Array.isArray(response.candidates) ? response.candidates[0] : undefined;
  if (!candidate) return fail('MALFORMED_RESPONSE', 'The response has no candidates', { model });

  const finishReason = candidate.finishReason;
  const parts: readonly Part[] = Array.isArray(candidate.content?.parts) ? candidate.content.parts : [];
  const commentary = parts
    .filter((p) => p.thought !== true && typeof p.text === 'string')
    .map((p) => (p.text ?? '').trim())
    .filter((t) => t.length > 0)
    .join('\n');
  const said = candidate.finishMessage ?? commentary;
  const reasonDetails: ErrorDetails = {
    model,
    ...(finishReason ? { reason: finishReason } : {}),
    ...(said ? { detail: said } : {}),
  };

  if (finishReason === 'MISSING_THOUGHT_SIGNATURE') {
    return fail('MISSING_THOUGHT_SIGNATURE', 'A thought signature is missing from the history', reasonDetails);
  }
  if (finishReason && BLOCKING_FINISH_REASONS.includes(finishReason)) {
    return fail('IMAGE_BLOCKED', `Image withheld: ${finishReason}`, reasonDetails);
  }
  const image = parts.filter(isImagePart).pop()?.inlineData;
  if (!image) {
    if (finishReason === 'MALFORMED_RESPONSE')
      return fail('MALFORMED_RESPONSE', 'Gemini reported a malformed response', reasonDetails);
    if ((finishReason === 'STOP' || finishReason === undefined) && commentary) {
      return fail('MODEL_REFUSED', 'The model answered in words only', { model, detail: commentary });
    }
    return fail('NO_IMAGE', `No image in the response (${finishReason ?? 'no finish reason'})`, reasonDetails);
  }
  const problem = imageDataProblem(image.mimeType, typeof image.data === 'string' ? image.data : '');
  if (problem) {
    const detail = detailOf('answerUnusable', { why: problem });
    return fail('MALFORMED_RESPONSE', `Unusable image data: ${detail.detail}`, { model, ...detail });
  }

  const usage = readUsage(response.usageMetadata);
  const received = candidate.content ?? {};
  // Gemini always labels its turn "model"; the label is set only if a proxy dropped it, the parts stay untouched.
  const modelTurn = { ...received, role: 'model', parts } as Content;
  return {
    ok: true,
    result: {
      model,
      ...(response.modelVersion ? { modelVersion: response.modelVersion } : {}),
      image: { mimeType: image.mimeType, base64: image.data },
      commentary,
      userTurn: context.userTurn,
      modelTurn,
      usage,
      cost: estimateCost(context.spec, context.size, 1, usage?.imageTokens ?? 0),
      warnings: warnings(context.spec, response.modelStatus, context.nowMs, context.say ?? inEnglish),
      ...(finishReason ? { finishReason } : {}),
    },
  };
}
