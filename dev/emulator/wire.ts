/**
 * The request as the handlers see it after schema validation: camelCase, only fields the discovery document
 * knows. Only what the emulator reads is typed.
 */

export interface Blob {
  readonly mimeType?: string;
  readonly data?: string;
}

export interface Part {
  readonly text?: string;
  readonly inlineData?: Blob;
  readonly fileData?: { readonly mimeType?: string; readonly fileUri?: string };
  readonly thought?: boolean;
  readonly thoughtSignature?: string;
  readonly [field: string]: unknown;
}

export interface Content {
  readonly role?: string;
  readonly parts?: readonly Part[];
}

export interface GenerationConfig {
  readonly candidateCount?: number;
  /** "If not set, the request uses a randomly generated seed." (discovery document, GenerationConfig.seed) */
  readonly seed?: number;
  readonly responseModalities?: readonly string[];
  readonly imageConfig?: {
    readonly aspectRatio?: string;
    readonly imageSize?: string;
    /** Vertex AI only. */
    readonly outputMimeType?: string;
    readonly imageOutputOptions?: { readonly mimeType?: string };
  };
  readonly thinkingConfig?: {
    readonly includeThoughts?: boolean;
    readonly thinkingBudget?: number;
    readonly thinkingLevel?: string;
  };
}

export interface GenerateContentRequest {
  readonly contents?: readonly Content[];
  readonly generationConfig?: GenerationConfig;
  readonly systemInstruction?: Content;
}

/** Members of Part's `data` oneof: exactly one must be set. */
export const PART_DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
  'toolCall',
  'toolResponse',
] as const;

/** Input image types the Gemini image models accept. */
export const INPUT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'] as const;

export function isImagePart(part: Part): boolean {
  const mime = part.inlineData?.mimeType ?? part.fileData?.mimeType ?? '';
  return mime.startsWith('image/');
}

/** A missing role counts as "user", as in single-turn requests. */
export function isUserTurn(content: Content): boolean {
  return content.role === undefined || content.role === '' || content.role === 'user';
}
