/**
 * What Google checks after the JSON parses against the schema: the request's structure (required fields, the
 * Part oneof, roles) and each model's limits (research §1.2, §2, §4). Messages marked "emulator wording" have
 * no captured original; the status codes follow the research either way.
 */
import { imageSize, sniffMime } from '../support/image';
import { type ApiFailure, invalidArgument } from './errors';
import type { ModelSpec } from './models';
import { isValidSignature } from './signatures';
import {
  type Content,
  type GenerateContentRequest,
  INPUT_IMAGE_TYPES,
  isImagePart,
  isUserTurn,
  PART_DATA_FIELDS,
  type Part,
} from './wire';

const TROUBLESHOOTING = 'https://developers.generativeai.google/guide/troubleshooting';

export function checkRequest(
  model: ModelSpec,
  request: GenerateContentRequest,
  flavor: 'gemini' | 'vertex' = 'gemini',
): ApiFailure | undefined {
  return (
    checkStructure(request) ??
    checkGenerationConfig(model, request) ??
    checkImages(model, request) ??
    checkSignatures(model, request, flavor)
  );
}

/** Google's text, captured from gemini-3-pro-image-preview and GA gemini-3-pro-image (editing-and-memory.md §1.2). */
export function missingImageSignature(contentPosition: number, partPosition: number): string {
  return `Image part is missing a thought_signature in content position ${contentPosition}, part position ${partPosition}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior`;
}

function checkStructure(request: GenerateContentRequest): ApiFailure | undefined {
  const contents = request.contents ?? [];
  if (contents.length === 0) return invalidArgument('* GenerateContentRequest.contents: contents is not specified\n');
  for (const [i, content] of contents.entries()) {
    if (content.role !== undefined && !['', 'user', 'model'].includes(content.role)) {
      return invalidArgument('Please use a valid role: user, model.');
    }
    const parts = content.parts ?? [];
    if (parts.length === 0) {
      return invalidArgument(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`);
    }
    for (const [j, part] of parts.entries()) {
      const set = PART_DATA_FIELDS.filter((field) => part[field] !== undefined);
      if (set.length === 0) {
        return invalidArgument(
          `* GenerateContentRequest.contents[${i}].parts[${j}].data: required oneof field 'data' must have one initialized field\n`,
        );
      }
      if (set.length > 1) {
        return invalidArgument(
          `* GenerateContentRequest.contents[${i}].parts[${j}].data: oneof field 'data' is already set. Cannot set '${set[1]}'\n`,
        );
      }
    }
  }
  return undefined;
}

function checkGenerationConfig(model: ModelSpec, request: GenerateContentRequest): ApiFailure | undefined {
  const config = request.generationConfig ?? {};
  if ((config.candidateCount ?? 1) > 1)
    return invalidArgument(`Multiple candidates is not enabled for models/${model.id}`);
  const unsupported = (config.responseModalities ?? []).filter(
    (m) => m !== 'TEXT' && m !== 'IMAGE' && m !== 'MODALITY_UNSPECIFIED',
  );
  if (unsupported.length > 0) {
    return invalidArgument(
      `Model does not support the requested response modalities: ${unsupported.map((m) => m.toLowerCase()).join(', ')}`,
    );
  }
  const image = config.imageConfig;
  if (image?.imageSize !== undefined) {
    if (model.sizes === null) {
      return invalidArgument(`image_size is not supported for models/${model.id}.`); // emulator wording
    }
    if (!(model.sizes as readonly string[]).includes(image.imageSize)) {
      const hint = /^\dk$/.test(image.imageSize) ? ' Sizes need an uppercase "K".' : '';
      return invalidArgument(
        `Unsupported image_size "${image.imageSize}" for models/${model.id}. Supported values: ${model.sizes.join(', ')}.${hint}`,
      );
    }
  }
  if (image?.aspectRatio !== undefined && !model.ratios.includes(image.aspectRatio)) {
    return invalidArgument(
      `Unsupported aspect_ratio "${image.aspectRatio}" for models/${model.id}. Supported values: ${model.ratios.join(', ')}.`,
    );
  }
  return checkThinking(model, config.thinkingConfig);
}

function checkThinking(
  model: ModelSpec,
  thinking: { readonly thinkingBudget?: number; readonly thinkingLevel?: string } | undefined,
): ApiFailure | undefined {
  if (thinking === undefined) return undefined;
  // "An error will be returned if this field is set for models that don't support thinking."
  if (model.thinking.kind === 'none') return invalidArgument(`Thinking is not enabled for models/${model.id}`);
  const level = thinking.thinkingLevel;
  const levelSet = level !== undefined && level !== 'THINKING_LEVEL_UNSPECIFIED';
  if (model.thinking.kind === 'fixed') {
    if (levelSet) return invalidArgument(`thinking_level is not supported for models/${model.id}.`);
    if (thinking.thinkingBudget === 0) return invalidArgument(`Thinking cannot be disabled for models/${model.id}.`);
    return undefined;
  }
  if (levelSet && !model.thinking.levels.includes(level)) {
    return invalidArgument(
      `Unsupported thinking_level "${level}" for models/${model.id}. Supported values: ${model.thinking.levels.join(', ')}.`,
    );
  }
  return undefined;
}

function checkImages(model: ModelSpec, request: GenerateContentRequest): ApiFailure | undefined {
  let references = 0;
  for (const content of request.contents ?? []) {
    for (const part of content.parts ?? []) {
      if (!isImagePart(part)) continue;
      if (isUserTurn(content)) references++;
      const failure = checkInlineImage(part);
      if (failure !== undefined) return failure;
    }
  }
  if (references > model.maxReferenceImages) {
    // Google's wording for an image count over a model's limit, captured on older models ("Please use fewer than
    // 16 images in your request to models/gemini-pro-vision", "... fewer than 3600 images ... gemini-1.5-flash"),
    // where the number is the documented maximum. No capture from an image model exists; see README.
    return invalidArgument(
      `Please use fewer than ${model.maxReferenceImages} images in your request to models/${model.id}`,
    );
  }
  return undefined;
}

function checkInlineImage(part: Part): ApiFailure | undefined {
  const mime = part.inlineData?.mimeType ?? part.fileData?.mimeType ?? '';
  if (!(INPUT_IMAGE_TYPES as readonly string[]).includes(mime))
    return invalidArgument(`Unsupported MIME type: ${mime}`);
  const data = part.inlineData?.data;
  if (data === undefined || (mime !== 'image/png' && mime !== 'image/jpeg')) return undefined;
  // Only the header is read: decoding every reference image would make large requests slow.
  const bytes = Buffer.from(data, 'base64');
  if (sniffMime(bytes) === null || imageSize(bytes) === null) {
    return invalidArgument(`Unable to process input image. Please retry or report in ${TROUBLESHOOTING}`);
  }
  return undefined;
}

/**
 * Gemini 3 image models are strict: every image a model turn returned, and the first text part before it,
 * must come back with the signature it was given (ai.google.dev/gemini-api/docs/gemini-3#thought_signatures).
 * Only the parts sent are checked: a model turn that carries its image part alone, with that part's own
 * signature, is accepted, as zeveck/nanogen found live on Gemini 3.1 Flash Image (reports/nanogen-verification.md,
 * 2026-04-17); Peel's chained edits send that.
 * Thought parts carry none and need none. Vertex AI documents one exception: "Gemini 3 Pro Image doesn't return
 * a 400 error if a thought signature isn't returned"; a signature that is there must still be valid.
 */
function checkSignatures(
  model: ModelSpec,
  request: GenerateContentRequest,
  flavor: 'gemini' | 'vertex',
): ApiFailure | undefined {
  if (!model.requiresSignatures) return undefined;
  const lenient = flavor === 'vertex' && model.id === 'gemini-3-pro-image';
  for (const [i, content] of (request.contents ?? []).entries()) {
    if (content.role !== 'model') continue;
    for (const j of signedPartIndexes(content)) {
      const part = content.parts?.[j];
      const signature = part?.thoughtSignature;
      const kind = part !== undefined && isImagePart(part) ? 'Image' : 'Text';
      if (signature === undefined || signature === '') {
        if (lenient) continue;
        // Positions count from 1. The text-part wording is the image one's twin (no capture of it exists).
        return invalidArgument(
          kind === 'Image'
            ? missingImageSignature(i + 1, j + 1)
            : `Text part is missing a thought_signature in content position ${i + 1}, part position ${j + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior`,
        );
      }
      if (!isValidSignature(signature)) {
        return invalidArgument(
          `Unable to submit request because it has an invalid thought signature for content at index ${i}`,
        );
      }
    }
  }
  return undefined;
}

function signedPartIndexes(content: Content): number[] {
  const indexes: number[] = [];
  let seenImage = false;
  let seenText = false;
  for (const [j, part] of (content.parts ?? []).entries()) {
    if (part.thought === true) continue;
    if (isImagePart(part)) {
      indexes.push(j);
      seenImage = true;
    } else if (part.text !== undefined && !seenImage && !seenText) {
      indexes.push(j);
      seenText = true;
    }
  }
  return indexes;
}
