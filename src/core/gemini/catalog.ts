/**
 * The one place Peel names Gemini models. Ids, limits, prices and dates move every few months (as of
 * November 2026), so everything that differs between models lives in this table and nowhere else; a test
 * fails if a model id appears in any other file under src/.
 *
 * An id that is not in the table still works, with conservative capabilities, so a model Google ships
 * tomorrow can be used by typing its id before Peel learns about it.
 */
import type { ThinkingLevel } from './wire';

/** Every size any Gemini image model draws, smallest first; each model offers some of them. */
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
export type OutputMime = 'image/png' | 'image/jpeg';

/** The ten ratios every Gemini image model accepts. */
export const COMMON_ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
/** Only 3.1 Flash and Nano Banana 2.1 draw these. */
const EXTREME_ASPECT_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;
const ALL_ASPECT_RATIOS: readonly string[] = [...COMMON_ASPECT_RATIOS, ...EXTREME_ASPECT_RATIOS];

export type Thinking =
  /** No thinking; a thinkingConfig is an error. */
  | { readonly kind: 'none' }
  /** Thinks, but takes no level (3 Pro Image): sending a thinkingConfig is not allowed either. */
  | { readonly kind: 'fixed' }
  | { readonly kind: 'levels'; readonly levels: readonly ThinkingLevel[]; readonly default: ThinkingLevel };

export interface ModelSpec {
  readonly id: string;
  readonly displayName: string;
  /** False for ids Peel has never heard of (conservative defaults). */
  readonly known: boolean;
  readonly aspectRatios: readonly string[];
  readonly imageSizes: readonly ImageSize[];
  /** What the model draws when no size is sent. */
  readonly defaultImageSize: ImageSize;
  /** False where the model has one fixed size and rejects `imageSize` altogether. */
  readonly sendsImageSize: boolean;
  readonly maxReferenceImages: number;
  readonly thinking: Thinking;
  /** What the model has been seen to return; Peel still decodes by each response's own mimeType. */
  readonly outputMime: OutputMime | null;
  readonly outputTokensPerImage: Readonly<Partial<Record<ImageSize, number>>>;
  /** USD per generated image, per size. */
  readonly pricePerImageUsd: Readonly<Partial<Record<ImageSize, number>>>;
  /** USD per million IMAGE output tokens: the fallback when a size has no per-image price. */
  readonly imageOutputUsdPerMillionTokens: number | null;
  /**
   * Whether the standing rules travel as `systemInstruction`. Whether image models honour one is not
   * documented; where false, the rules go into the user turn as text instead.
   */
  readonly systemInstruction: boolean;
  /** ISO date (UTC) on which Google shuts the model down. */
  readonly shutdown?: string;
  /** The id to use instead once it is shut down. */
  readonly replacement?: string;
}

type Entry = Omit<ModelSpec, 'id' | 'known'>;

/**
 * The first Nano Banana's options: common ratios, 1K only (no imageSize field), three references, no thinking.
 * They are also what a model Peel does not know yet runs with, the options least likely to be refused.
 */
const BASIC_OPTIONS = {
  aspectRatios: COMMON_ASPECT_RATIOS,
  imageSizes: ['1K'],
  defaultImageSize: '1K',
  sendsImageSize: false,
  maxReferenceImages: 3,
  thinking: { kind: 'none' },
} as const satisfies Partial<Entry>;

const FLASH_25: Entry = {
  displayName: 'Nano Banana (Gemini 2.5 Flash Image)',
  ...BASIC_OPTIONS,
  outputMime: 'image/png',
  outputTokensPerImage: { '1K': 1290 },
  pricePerImageUsd: { '1K': 0.039 },
  imageOutputUsdPerMillionTokens: 30,
  systemInstruction: false,
  shutdown: '2026-10-02',
  replacement: 'gemini-nano-banana-2.1',
};

const PRO_3: Entry = {
  displayName: 'Nano Banana Pro (Gemini 3 Pro Image)',
  aspectRatios: COMMON_ASPECT_RATIOS,
  imageSizes: ['1K', '2K', '4K'],
  defaultImageSize: '1K',
  sendsImageSize: true,
  maxReferenceImages: 14,
  thinking: { kind: 'fixed' },
  outputMime: 'image/jpeg',
  outputTokensPerImage: { '1K': 1120, '2K': 1120, '4K': 2000 },
  pricePerImageUsd: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
  imageOutputUsdPerMillionTokens: 120,
  systemInstruction: true,
};

const FLASH_31: Entry = {
  displayName: 'Nano Banana 2 (Gemini 3.1 Flash Image)',
  aspectRatios: ALL_ASPECT_RATIOS,
  imageSizes: ['512', '1K', '2K', '4K'],
  defaultImageSize: '1K',
  sendsImageSize: true,
  maxReferenceImages: 14,
  thinking: { kind: 'levels', levels: ['MINIMAL', 'HIGH'], default: 'MINIMAL' },
  outputMime: 'image/jpeg',
  outputTokensPerImage: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  pricePerImageUsd: { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
  imageOutputUsdPerMillionTokens: 60,
  systemInstruction: true,
  // The shutdown date is second-hand and contested; if it still answers, the request simply succeeds.
  shutdown: '2026-10-29',
  replacement: 'gemini-nano-banana-2.1',
};

const table: Readonly<Record<string, Entry>> = {
  'gemini-nano-banana-2.1': {
    displayName: 'Nano Banana 2.1',
    aspectRatios: ALL_ASPECT_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    defaultImageSize: '1K',
    sendsImageSize: true,
    maxReferenceImages: 14,
    thinking: { kind: 'levels', levels: ['MINIMAL', 'MEDIUM', 'HIGH'], default: 'MEDIUM' },
    outputMime: 'image/jpeg',
    // Derived from the second-hand per-image prices at $30 per million tokens.
    outputTokensPerImage: { '1K': 1120, '2K': 1680, '4K': 3767 },
    pricePerImageUsd: { '1K': 0.0336, '2K': 0.0504, '4K': 0.113 },
    imageOutputUsdPerMillionTokens: 30,
    systemInstruction: true,
  },
  'gemini-3-pro-image': PRO_3,
  'gemini-3.1-flash-image': FLASH_31,
  'gemini-3.1-flash-lite-image': {
    displayName: 'Nano Banana 2 Lite (Gemini 3.1 Flash Lite Image)',
    // The model page lists 10 ratios and also says "14": offer the 10 it certainly takes.
    aspectRatios: COMMON_ASPECT_RATIOS,
    imageSizes: ['1K'],
    defaultImageSize: '1K',
    sendsImageSize: true,
    maxReferenceImages: 14,
    thinking: { kind: 'levels', levels: ['MINIMAL', 'HIGH'], default: 'MINIMAL' },
    outputMime: 'image/jpeg',
    outputTokensPerImage: { '1K': 1120 },
    pricePerImageUsd: { '1K': 0.0336 },
    imageOutputUsdPerMillionTokens: 30,
    systemInstruction: true,
  },
  'gemini-2.5-flash-image': FLASH_25,
  'gemini-3-pro-image-preview': {
    ...PRO_3,
    displayName: 'Nano Banana Pro (preview)',
    shutdown: '2026-06-25',
    replacement: 'gemini-3-pro-image',
  },
  'nano-banana-pro-preview': {
    ...PRO_3,
    displayName: 'Nano Banana Pro (preview alias)',
    shutdown: '2026-06-25',
    replacement: 'gemini-3-pro-image',
  },
  'gemini-3.1-flash-image-preview': {
    ...FLASH_31,
    displayName: 'Nano Banana 2 (preview)',
    shutdown: '2026-06-25',
    replacement: 'gemini-3.1-flash-image',
  },
};

/** Google's recommendation for new projects. */
export const DEFAULT_MODEL_ID = 'gemini-nano-banana-2.1';

// Not Object.hasOwn (ES2022): Apps Script's V8 version is not documented. Not `in`: "constructor" would match.
function has(id: string): boolean {
  return Object.keys(table).includes(id);
}

export function isKnownModel(id: string): boolean {
  return has(id);
}

export function modelSpec(id: string): ModelSpec {
  const entry = has(id) ? table[id] : undefined;
  if (entry) return { id, known: true, ...entry };
  return {
    id,
    displayName: id,
    known: false,
    // A model Peel does not know may reject imageSize as 2.5 Flash does; its default is 1K anyway.
    ...BASIC_OPTIONS,
    outputMime: null,
    outputTokensPerImage: {},
    pricePerImageUsd: {},
    imageOutputUsdPerMillionTokens: null,
    systemInstruction: false,
  };
}

export type Lifecycle = 'current' | 'deprecated' | 'retired';

export function lifecycle(spec: ModelSpec, nowMs: number): Lifecycle {
  if (spec.shutdown === undefined) return 'current';
  return nowMs >= Date.parse(`${spec.shutdown}T00:00:00Z`) ? 'retired' : 'deprecated';
}

/** The model to switch to, following replacements past any that are themselves shut down. */
export function replacementFor(id: string, nowMs: number): string | undefined {
  let next = modelSpec(id).replacement;
  for (let hops = 0; next !== undefined && hops < 5; hops++) {
    const spec = modelSpec(next);
    if (lifecycle(spec, nowMs) !== 'retired' || spec.replacement === undefined) return next;
    next = spec.replacement;
  }
  return next;
}

/** Every catalog model that is not shut down, in menu order. */
export function catalogModels(nowMs: number): ModelSpec[] {
  return Object.keys(table)
    .map(modelSpec)
    .filter((spec) => lifecycle(spec, nowMs) !== 'retired');
}

/**
 * Whether a ListModels entry is a model that draws images. ListModels does not say which models output images,
 * so Peel trusts its table first and the naming convention Google has used since 2.0 second.
 */
/**
 * What a model id may look like: lowercase letters, digits, dots, dashes and underscores, at most 100. Checked
 * before any request, because an id goes into the URL: a malformed one would only come back as Apps Script's
 * "Invalid argument" or, past its 2 KB URL limit, "Limit Exceeded: URLFetch URL Length".
 */
export const MODEL_ID_SHAPE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function isModelIdShape(id: string): boolean {
  return MODEL_ID_SHAPE.test(id);
}

export function isImageModelId(id: string): boolean {
  if (isKnownModel(id)) return true;
  return (/(^|-)image($|-)/.test(id) && !id.startsWith('imagen')) || id.includes('nano-banana');
}
