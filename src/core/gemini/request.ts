/**
 * Builds the generateContent body for one image: a new user turn (prompt, then reference images) after the
 * conversation so far, with the options the model accepts. What is built here is the same for every endpoint;
 * where it goes, how it authenticates and that endpoint's own limits are the converters' (endpoint.ts).
 */
import { detailOf, PeelError } from '../errors';
import type { ImageSize, ModelSpec } from './catalog';
import { modelSpec } from './catalog';
import type { CheckedOptions } from './options';
import { checkImageOptions } from './options';
import type { Content, GenerateContentRequest, GenerationConfig, Part } from './wire';

export interface ReferenceImage {
  readonly mimeType: string;
  /** Standard base64, no `data:` prefix. */
  readonly base64: string;
}

/** The new turn and what it follows. */
export interface TurnRequest {
  readonly prompt: string;
  /** Images the user supplies for this turn (a selected picture, uploads). */
  readonly references?: readonly ReferenceImage[];
  /**
   * Earlier turns, oldest first. Model turns must be exactly what Gemini returned (see `ImageAnswer.modelTurn`);
   * turns Peel made up itself come from `reconstructedModelTurn`.
   */
  readonly history?: readonly Content[];
  /** Standing rules (house style, no lettering in images). */
  readonly rules?: string;
}

/** The model and its options as asked for, not yet checked. */
export interface UncheckedOptions {
  readonly model: string;
  readonly aspectRatio?: string;
  readonly imageSize?: string;
  readonly thinkingLevel?: string;
}

/** A request with its options as asked for: the client checks them once (`checkedRequest`) before sending. */
export type ImageRequest = TurnRequest & UncheckedOptions;

/** A request whose options `checkImageOptions` has checked: nothing checks them again. */
export type CheckedImageRequest = TurnRequest & { readonly options: CheckedOptions };

/** One request, the same for every endpoint; a converter (endpoint.ts) turns it into that endpoint's HTTP request. */
export interface PreparedRequest {
  readonly spec: ModelSpec;
  /** The size that will be drawn: the requested one or the model's default. */
  readonly size: ImageSize;
  readonly userTurn: Content;
  readonly body: GenerateContentRequest;
}

/**
 * The value Google documents for parts whose real signature is unknown (history Peel rebuilt, or turns from
 * another model); it "works for both Gemini API and Vertex AI"
 * (https://ai.google.dev/gemini-api/docs/thought-signatures#faqs).
 */
export const DUMMY_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/**
 * What Gemini image models read: PNG, JPEG, WebP, HEIC and HEIF, as Vertex AI's table for the Gemini image
 * models lists them (https://docs.cloud.google.com/vertex-ai/docs/generative-ai/image/image-captioning). Slides'
 * GIF, SVG or EMF must be converted first.
 */
export const INPUT_IMAGE_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
];

function checkImage(image: ReferenceImage, index: number): void {
  if (!INPUT_IMAGE_TYPES.includes(image.mimeType)) {
    throw new PeelError('BAD_INPUT', `Reference image ${index + 1} is ${image.mimeType}`, {
      ...detailOf('readsTypes', { type: image.mimeType }),
    });
  }
  if (image.base64.length === 0 || image.base64.startsWith('data:')) {
    throw new PeelError('BAD_INPUT', `Reference image ${index + 1} is not bare base64`);
  }
}

function checkHistory(history: readonly Content[]): void {
  history.forEach((turn, i) => {
    if (turn.role !== 'user' && turn.role !== 'model') {
      throw new PeelError('BAD_INPUT', `History turn ${i} has role ${String(turn.role)}`);
    }
    if (!Array.isArray(turn.parts) || turn.parts.length === 0) {
      throw new PeelError('BAD_INPUT', `History turn ${i} has no parts`);
    }
  });
}

/** Any UTF-16 unit that is not ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** UTF-8 bytes of a string, counted without TextEncoder (absent in Apps Script). */
export function utf8Length(text: string): number {
  // Most of what Peel measures is ASCII (request bodies carrying base64 images): the regex engine's native scan
  // finds where counting must start, where a loop over every character of an image took milliseconds.
  const start = text.search(NON_ASCII);
  if (start < 0) return text.length;
  let bytes = start;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The request with its options checked: as it came when they were, else checked here, counting its references. */
export function checkedRequest(request: ImageRequest | CheckedImageRequest): CheckedImageRequest {
  if ('options' in request) return request;
  const { model, aspectRatio, imageSize, thinkingLevel, ...turn } = request;
  const options = checkImageOptions(modelSpec(model), {
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(imageSize !== undefined ? { imageSize } : {}),
    ...(thinkingLevel !== undefined ? { thinkingLevel } : {}),
    references: turn.references?.length ?? 0,
  });
  return { ...turn, options };
}

export function prepareRequest(request: CheckedImageRequest): PreparedRequest {
  const { spec, aspectRatio, imageSize, size, thinkingLevel } = request.options;
  const prompt = request.prompt.trim();
  if (prompt.length === 0) throw new PeelError('BAD_INPUT', 'The prompt is empty', detailOf('describeImage'));
  const references = request.references ?? [];
  if (references.length > request.options.references) {
    throw new PeelError(
      'INTERNAL',
      `${references.length} reference images, but the options were checked for ${request.options.references}`,
    );
  }
  references.forEach(checkImage);
  const history = request.history ?? [];
  checkHistory(history);

  const rules = request.rules?.trim() ?? '';
  const inlineRules = rules.length > 0 && !spec.systemInstruction;
  const text = inlineRules ? `${prompt}\n\n${rules}` : prompt;
  const userTurn: Content = {
    role: 'user',
    parts: [{ text }, ...references.map((r) => ({ inlineData: { mimeType: r.mimeType, data: r.base64 } }))],
  };

  const imageConfig = {
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(imageSize !== undefined && spec.sendsImageSize ? { imageSize } : {}),
  };
  // Image models reject candidateCount > 1, so variants are separate requests and it is never sent.
  const generationConfig: GenerationConfig = {
    responseModalities: ['TEXT', 'IMAGE'],
    ...(Object.keys(imageConfig).length > 0 ? { imageConfig } : {}),
    ...(thinkingLevel !== undefined ? { thinkingConfig: { thinkingLevel } } : {}),
  };
  const body: GenerateContentRequest = {
    contents: [...history, userTurn],
    generationConfig,
    ...(rules.length > 0 && !inlineRules ? { systemInstruction: { parts: [{ text: rules }] } } : {}),
  };
  return { spec, size, userTurn, body };
}

/**
 * A model turn Peel rebuilt from stored pieces (an image and its caption) rather than received: the real
 * signatures are gone, so the parts that must carry one get the documented placeholder. Gemini 3 image models
 * answer 400 to a model image part without a signature.
 */
export function reconstructedModelTurn(parts: { readonly text?: string; readonly image?: ReferenceImage }): Content {
  const out: Part[] = [];
  if (parts.text) out.push({ text: parts.text, thoughtSignature: DUMMY_THOUGHT_SIGNATURE });
  if (parts.image) {
    out.push({
      inlineData: { mimeType: parts.image.mimeType, data: parts.image.base64 },
      thoughtSignature: DUMMY_THOUGHT_SIGNATURE,
    });
  }
  return { role: 'model', parts: out };
}

/**
 * The same turn with the placeholder signature wherever Google's rule wants one and none is present: every
 * non-thought image part and the first non-thought text part before the first image. For turns made by a model
 * that signs nothing (2.5 Flash) and sent on to one that checks (the Gemini 3 family).
 */
export function withPlaceholderSignatures(turn: Content): Content {
  if (turn.role !== 'model') return turn;
  let textSigned = false;
  let seenImage = false;
  const parts = turn.parts.map((part): Part => {
    if (part.thought === true) return part;
    const isImage = part.inlineData !== undefined;
    const needs = isImage || (part.text !== undefined && !textSigned && !seenImage);
    if (part.text !== undefined) textSigned = true;
    if (isImage) seenImage = true;
    return needs && part.thoughtSignature === undefined ? { ...part, thoughtSignature: DUMMY_THOUGHT_SIGNATURE } : part;
  });
  return { role: 'model', parts };
}
