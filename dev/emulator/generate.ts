/**
 * Turns a valid request into what the model "does": which picture to draw (fresh or edit, size, format),
 * the response parts with thoughts and signatures, and usage counts (research §3). Also builds the HTTP 200
 * answers that carry a failure (blocked prompt, image finish reasons, refusals).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeImage, imageSize, type Rgba } from '../support/image';
import { closestRatio, defaultSize, type ImageSize, type ModelSpec, type OutputMime, pixelSize } from './models';
import type { Painter } from './painter';
import { makeSignature } from './signatures';
import { markedRegionAsked } from './synth';
import { type Blob, type GenerateContentRequest, isImagePart, isUserTurn, type Part } from './wire';

export type Flavor = 'gemini' | 'vertex';

/** Everything about one request that decides its answer. */
export interface Plan {
  readonly model: ModelSpec;
  readonly flavor: Flavor;
  /**
   * Everything random about the answer comes from it. Without `generationConfig.seed` it includes fresh random
   * bytes, so separate calls with the same prompt differ as sampling does; with a seed the same request gives the
   * same bytes.
   */
  readonly hash: Buffer;
  /** Text of the last user turn: the prompt or the edit instruction. */
  readonly prompt: string;
  /** The last non-thought image anywhere in the conversation; present means this is an edit. */
  readonly source: Blob | undefined;
  /** The image before `source` (a region edit's picture, when `source` is its marked copy). */
  readonly previous: Blob | undefined;
  /** The newest user turn's images (a blend's or a style transfer's inputs); several get a thumbnail strip. */
  readonly references: readonly Blob[];
  readonly ratio: string;
  readonly size: ImageSize;
  readonly width: number;
  readonly height: number;
  readonly mime: OutputMime;
  readonly wantText: boolean;
  readonly wantImage: boolean;
  readonly includeThoughts: boolean;
  readonly promptTextTokens: number;
  readonly promptImageTokens: number;
}

export function planRequest(model: ModelSpec, request: GenerateContentRequest, flavor: Flavor): Plan {
  const contents = request.contents ?? [];
  const config = request.generationConfig ?? {};
  let source: Blob | undefined;
  let previous: Blob | undefined;
  let images = 0;
  let textChars = 0;
  let textParts = 0;
  for (const part of [...contents.flatMap((c) => c.parts ?? []), ...(request.systemInstruction?.parts ?? [])]) {
    if (part.text !== undefined) {
      textChars += part.text.length;
      textParts++;
    }
    if (isImagePart(part) && part.thought !== true) {
      images++;
      previous = source;
      source = part.inlineData ?? { mimeType: part.fileData?.mimeType ?? 'image/png' };
    }
  }
  const lastUser = [...contents].reverse().find(isUserTurn);
  const references = (lastUser?.parts ?? [])
    .filter((part) => isImagePart(part) && part.thought !== true)
    .map((part) => part.inlineData ?? { mimeType: part.fileData?.mimeType ?? 'image/png' });
  const prompt = (lastUser?.parts ?? [])
    .map((part: Part) => part.text ?? '')
    .filter((text) => text !== '')
    .join(' ');

  const inputSize = source?.data === undefined ? null : headerSize(source.data);
  const ratio =
    config.imageConfig?.aspectRatio ??
    (inputSize === null ? '1:1' : closestRatio(model, inputSize.width, inputSize.height));
  const size = (config.imageConfig?.imageSize as ImageSize | undefined) ?? defaultSize(model);
  const modalities = config.responseModalities ?? ['TEXT', 'IMAGE'];
  const requestedMime = config.imageConfig?.outputMimeType ?? config.imageConfig?.imageOutputOptions?.mimeType;
  return {
    model,
    flavor,
    hash: createHash('sha256')
      .update(model.id)
      .update(JSON.stringify(request))
      .update(config.seed === undefined ? randomBytes(16) : Buffer.alloc(0))
      .digest(),
    prompt,
    source,
    previous,
    references,
    ratio,
    size,
    ...pixelSize(model, ratio, size),
    // Vertex AI lets the caller pick the format; the Gemini API does not.
    mime:
      flavor === 'vertex' && (requestedMime === 'image/png' || requestedMime === 'image/jpeg')
        ? requestedMime
        : model.outputMime,
    wantText: modalities.includes('TEXT'),
    wantImage: modalities.includes('IMAGE'),
    includeThoughts: model.thinking.kind !== 'none' && config.thinkingConfig?.includeThoughts === true,
    promptTextTokens: Math.max(textParts, Math.ceil(textChars / 4)),
    promptImageTokens: images * model.inputImageTokens,
  };
}

function headerSize(base64: string): { width: number; height: number } | null {
  return imageSize(Buffer.from(base64, 'base64'));
}

/**
 * Rendered pictures by request, because encoding a 4K image in pure JavaScript takes seconds. It keeps the
 * drawing under way, so identical seeded requests sent at once share one drawing.
 */
export class PictureCache {
  private readonly entries = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly capacity = 24) {}

  get(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = render();
    this.entries.set(key, value);
    // A failed drawing is not an answer to keep.
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}

export interface Answer {
  readonly body: Record<string, unknown>;
  /** The final image part's data, so faults can corrupt exactly that. */
  readonly imagePart?: { data: string };
}

export interface AnswerOptions {
  readonly signatureBytes: number;
  readonly responseId: string;
  readonly cache: PictureCache;
  readonly painter: Painter;
}

export async function answer(plan: Plan, options: AnswerOptions): Promise<Answer> {
  const { model } = plan;
  const hex = plan.hash.toString('hex');
  const sign = model.requiresSignatures;
  const signature = (n: number) => makeSignature(`${hex}:${n}`, options.signatureBytes);
  const parts: Record<string, unknown>[] = [];
  const edit = plan.source !== undefined;
  const short = summary(plan.prompt);

  if (plan.includeThoughts) {
    parts.push({
      text: edit
        ? `**Planning the edit**\n\nI'm keeping the input picture and working out how to apply: "${short}".`
        : `**Composing the scene**\n\nThe request asks for "${short}". I'm planning a ${plan.ratio} composition at ${plan.size} before rendering.`,
      thought: true,
    });
    if (model.thoughtImages && plan.wantImage) {
      const draft = await picture(plan, options, true);
      parts.push({ inlineData: { mimeType: plan.mime, data: draft }, thought: true });
    }
  }
  if (plan.wantText) {
    const text = !plan.wantImage
      ? `I can only describe it in words here: "${short}".`
      : edit
        ? `I've edited the image: "${short}".`
        : `Here is the image you asked for: "${short}".`;
    parts.push({ text, ...(sign ? { thoughtSignature: signature(0) } : {}) });
  }
  let imagePart: { mimeType: string; data: string } | undefined;
  if (plan.wantImage) {
    imagePart = { mimeType: plan.mime, data: await picture(plan, options, false) };
    parts.push({ inlineData: imagePart, ...(sign ? { thoughtSignature: signature(1) } : {}) });
  }

  const textTokens = parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .reduce((sum, p) => sum + Math.ceil(String(p.text).length / 4), 0);
  const imageTokens = plan.wantImage ? (model.tokensPerImage[plan.size] ?? model.tokensPerImage['1K'] ?? 1290) : 0;
  const usage = usageMetadata(plan, {
    candidates: textTokens + imageTokens,
    thoughts: model.thinking.kind === 'none' ? undefined : 96 + (plan.hash[3] ?? 0) * 2,
    details:
      imageTokens > 0
        ? [{ modality: 'IMAGE', tokenCount: imageTokens }]
        : [{ modality: 'TEXT', tokenCount: textTokens }],
  });
  const body = envelope(plan, options.responseId, {
    candidates: [{ content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usage,
  });
  return imagePart === undefined ? { body } : { body, imagePart };
}

async function picture(plan: Plan, { cache, painter }: AnswerOptions, draft: boolean): Promise<string> {
  const width = draft ? Math.max(64, Math.round(plan.width / 2)) : plan.width;
  const height = draft ? Math.max(64, Math.round(plan.height / 2)) : plan.height;
  const key = `${plan.hash.toString('hex')}:${plan.mime}:${width}x${height}:${draft}`;
  // A region edit sends the picture and then its marked copy: the picture is what it starts from.
  const region = plan.previous !== undefined && markedRegionAsked(plan.prompt);
  const marked = region ? sourceOf(plan.source).source : undefined;
  const bytes = await cache.get(key, () =>
    painter.draw({
      kind: plan.source === undefined ? 'fresh' : 'edit',
      text: plan.prompt,
      seed: plan.hash,
      width,
      height,
      mime: plan.mime,
      caption: `${plan.model.id} ${plan.model.sizes === null ? '' : `${plan.size} `}${plan.ratio}`,
      ...sourceOf(region ? plan.previous : plan.source),
      ...(marked ? { marked } : {}),
      ...(plan.references.length > (region ? 2 : 1)
        ? { references: plan.references.map((r) => sourceOf(r).source) }
        : {}),
      draft,
    }),
  );
  return Buffer.from(bytes).toString('base64');
}

function sourceOf(blob: Blob | undefined): { source?: Rgba } {
  if (blob?.data === undefined) return {};
  try {
    return { source: decodeImage(Buffer.from(blob.data, 'base64')) };
  } catch {
    // WebP, HEIC and files by URI cannot be decoded here; the edit then starts from a grey placeholder.
    return {};
  }
}

function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

interface OutputCounts {
  readonly candidates: number;
  readonly thoughts: number | undefined;
  readonly details: readonly { modality: string; tokenCount: number }[];
}

function usageMetadata(plan: Plan, output: OutputCounts | undefined): Record<string, unknown> {
  const prompt = plan.promptTextTokens + plan.promptImageTokens;
  const promptDetails = [
    { modality: 'TEXT', tokenCount: plan.promptTextTokens },
    ...(plan.promptImageTokens > 0 ? [{ modality: 'IMAGE', tokenCount: plan.promptImageTokens }] : []),
  ];
  const candidates = output?.candidates ?? 0;
  const thoughts = output?.thoughts;
  return {
    promptTokenCount: prompt,
    ...(output === undefined ? {} : { candidatesTokenCount: candidates }),
    totalTokenCount: prompt + candidates + (thoughts ?? 0),
    promptTokensDetails: promptDetails,
    ...(output === undefined ? {} : { candidatesTokensDetails: output.details }),
    // proto3 JSON leaves zero counts out, so a model without thinking has no thoughtsTokenCount at all.
    ...(thoughts === undefined ? {} : { thoughtsTokenCount: thoughts }),
    ...(plan.flavor === 'vertex' ? { trafficType: 'ON_DEMAND' } : {}),
  };
}

function envelope(plan: Plan, responseId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ...fields,
    modelVersion: plan.model.id,
    ...(plan.flavor === 'vertex' ? { createTime: new Date().toISOString() } : {}),
    responseId,
    // Vertex AI has no modelStatus field (per the SDK's types).
    ...(plan.model.status === undefined || plan.flavor === 'vertex' ? {} : { modelStatus: plan.model.status }),
  };
}

const FINISH_MESSAGES = {
  IMAGE_SAFETY:
    "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, send feedback.",
  IMAGE_PROHIBITED_CONTENT:
    'Unable to show the generated image. The image was filtered out because it contained prohibited content. You will not be charged for blocked images. Try rephrasing the prompt. If you think this was an error, send feedback.',
  IMAGE_RECITATION:
    'Unable to show the generated image. The image may resemble protected content and was filtered out. You will not be charged for blocked images. Try rephrasing the prompt.',
  NO_IMAGE: 'The model was expected to generate an image, but none was generated.',
  MISSING_THOUGHT_SIGNATURE: 'Request has at least one thought signature missing.',
} as const;

export type FinishFailure = keyof typeof FINISH_MESSAGES;

/** HTTP 200 with a candidate that stopped for a reason other than STOP, and no image. */
export function finishedWithout(plan: Plan, reason: FinishFailure, responseId: string): Record<string, unknown> {
  return envelope(plan, responseId, {
    candidates: [{ finishReason: reason, finishMessage: FINISH_MESSAGES[reason], index: 0 }],
    usageMetadata: usageMetadata(plan, { candidates: 0, thoughts: undefined, details: [] }),
  });
}

/** "If set, the prompt was blocked and no candidates are returned." */
export function promptBlocked(plan: Plan, responseId: string): Record<string, unknown> {
  return envelope(plan, responseId, {
    promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
    usageMetadata: usageMetadata(plan, undefined),
  });
}

/** A model refusal: STOP with an apology and no image, the case clients most often take for success. */
export function textRefusal(plan: Plan, responseId: string, signatureBytes: number): Record<string, unknown> {
  const text =
    "I can't create that image. It may go against my guidelines on depicting real people or harmful content. Is there something else I can help you with?";
  const tokens = Math.ceil(text.length / 4);
  const signature = plan.model.requiresSignatures
    ? { thoughtSignature: makeSignature(`${plan.hash.toString('hex')}:refusal`, signatureBytes) }
    : {};
  return envelope(plan, responseId, {
    candidates: [{ content: { parts: [{ text, ...signature }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: usageMetadata(plan, {
      candidates: tokens,
      thoughts: undefined,
      details: [{ modality: 'TEXT', tokenCount: tokens }],
    }),
  });
}
