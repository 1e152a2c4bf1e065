/**
 * Builds the generateContent body for one image: a new user turn (prompt, then reference images) after the
 * conversation so far, with only the options the chosen model accepts. Options are checked here, before
 * anything is sent, so a wrong combination costs no request and gets a precise message.
 */
import { PeelError } from '../errors';
import { decodedLength } from './base64';
import type { ImageSize, ModelSpec } from './catalog';
import { modelSpec } from './catalog';
import { checkImageOptions } from './options';
import type { Content, GenerateContentRequest, GenerationConfig, Part } from './wire';

export interface ReferenceImage {
  readonly mimeType: string;
  /** Standard base64, no `data:` prefix. */
  readonly base64: string;
}

export interface ImageRequest {
  readonly model: string;
  readonly prompt: string;
  /** Images the user supplies for this turn (a selected picture, uploads). */
  readonly references?: readonly ReferenceImage[];
  /**
   * Earlier turns, oldest first. Model turns must be exactly what Gemini returned (see `ImageAnswer.modelTurn`);
   * turns Peel made up itself come from `reconstructedModelTurn`.
   */
  readonly history?: readonly Content[];
  readonly aspectRatio?: string;
  readonly imageSize?: string;
  readonly thinkingLevel?: string;
  /** Standing rules (house style, no lettering in images). */
  readonly rules?: string;
}

export interface PreparedRequest {
  readonly spec: ModelSpec;
  /** The size that will be drawn: the requested one or the model's default. */
  readonly size: ImageSize;
  readonly userTurn: Content;
  readonly body: GenerateContentRequest;
  /** `body` as JSON, measured and sent as is. */
  readonly payload: string;
}

/**
 * The value Google documents for parts whose real signature is unknown (history Peel rebuilt, or turns from
 * another model): "works for both Gemini API and Vertex AI" (research §4).
 */
export const DUMMY_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** UrlFetchApp's limit per request (research §5); Gemini itself takes up to 100 MB. */
export const MAX_REQUEST_BYTES = 50 * 1024 * 1024;
/** Vertex AI's limit per inline image for the image models. */
export const VERTEX_MAX_INLINE_BYTES = 7 * 1024 * 1024;

/** What Gemini image models read (research §5). Slides' GIF, SVG or EMF must be converted first. */
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
      detail: `Gemini reads PNG, JPEG, WebP and HEIC images, not ${image.mimeType}.`,
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

/** UTF-8 bytes of a string, counted without TextEncoder (absent in Apps Script). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
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

export function prepareRequest(request: ImageRequest, endpointKind: 'gemini' | 'vertex'): PreparedRequest {
  const spec = modelSpec(request.model);
  const prompt = request.prompt.trim();
  if (prompt.length === 0) throw new PeelError('BAD_INPUT', 'The prompt is empty', { detail: 'Describe the image.' });
  const { size, level } = checkImageOptions(spec, { ...request, references: request.references?.length ?? 0 });
  const references = request.references ?? [];
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
    ...(request.aspectRatio !== undefined ? { aspectRatio: request.aspectRatio } : {}),
    ...(request.imageSize !== undefined && spec.sendsImageSize ? { imageSize: size } : {}),
  };
  // Image models reject candidateCount > 1, so variants are separate requests and it is never sent.
  const generationConfig: GenerationConfig = {
    responseModalities: ['TEXT', 'IMAGE'],
    ...(Object.keys(imageConfig).length > 0 ? { imageConfig } : {}),
    ...(level !== undefined ? { thinkingConfig: { thinkingLevel: level } } : {}),
  };
  const body: GenerateContentRequest = {
    contents: [...history, userTurn],
    generationConfig,
    ...(rules.length > 0 && !inlineRules ? { systemInstruction: { parts: [{ text: rules }] } } : {}),
  };
  const payload = JSON.stringify(body);

  const bytes = utf8Length(payload);
  if (bytes > MAX_REQUEST_BYTES) {
    throw new PeelError('REQUEST_TOO_LARGE', `Request of ${bytes} bytes exceeds UrlFetchApp's 50 MB`, {
      detail: `The request would be ${Math.ceil(bytes / 1024 / 1024)} MB; Google Workspace sends at most 50 MB.`,
    });
  }
  if (endpointKind === 'vertex') {
    const oversized = body.contents
      .flatMap((c) => c.parts)
      .some((p) => p.inlineData !== undefined && decodedLength(p.inlineData.data) > VERTEX_MAX_INLINE_BYTES);
    if (oversized) {
      throw new PeelError('REQUEST_TOO_LARGE', 'An inline image exceeds Vertex AI’s 7 MB', {
        detail: 'Vertex AI takes images of up to 7 MB each.',
      });
    }
  }
  return { spec, size, userTurn, body, payload };
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
