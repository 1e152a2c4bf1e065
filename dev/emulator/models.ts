/**
 * The emulator's own model table, kept apart from Peel's catalog in src/ on purpose: the emulator stands for
 * Google, so Peel's assumptions must be checked against it rather than copied into it. Sources are the
 * research notes (shared/research/gemini-api.md §1.2, §2, §3) and a live ListModels capture of June 2026.
 */

export type ImageSize = '512' | '1K' | '2K' | '4K';
export type OutputMime = 'image/png' | 'image/jpeg';

/** How a model treats `generationConfig.thinkingConfig`. */
export type Thinking =
  /** No thinking: any thinkingConfig is rejected (2.5 Flash Image). */
  | { readonly kind: 'none' }
  /** Always on and without level control (3 Pro Image). */
  | { readonly kind: 'fixed' }
  | { readonly kind: 'levels'; readonly levels: readonly string[] };

export interface ModelStatus {
  readonly modelStage: string;
  readonly retirementTime?: string;
  readonly message?: string;
}

export interface ModelSpec {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly version: string;
  readonly inputTokenLimit: number;
  readonly outputTokenLimit: number;
  readonly maxTemperature: number;
  readonly outputMime: OutputMime;
  /** Accepted `imageConfig.imageSize` values; null when the model has a fixed size and rejects the field. */
  readonly sizes: readonly ImageSize[] | null;
  readonly ratios: readonly string[];
  readonly maxReferenceImages: number;
  readonly thinking: Thinking;
  /** Whether it returns an interim "thought image" when thoughts are included. */
  readonly thoughtImages: boolean;
  /** Gemini 3 image models enforce thought signatures on model turns in history (Gemini API, strict mode). */
  readonly requiresSignatures: boolean;
  /** Output tokens billed per image, by size (the key '1K' also stands for fixed-size models). */
  readonly tokensPerImage: Readonly<Partial<Record<ImageSize, number>>>;
  /** Prompt tokens counted per input image. */
  readonly inputImageTokens: number;
  /** API versions that serve the model; v1 lacks the Gemini 3 family. */
  readonly apiVersions: readonly string[];
  readonly status?: ModelStatus;
}

const TEN_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
const FOURTEEN_RATIOS = [...TEN_RATIOS, '1:4', '4:1', '1:8', '8:1'] as const;

export const MODELS: readonly ModelSpec[] = [
  {
    id: 'gemini-2.5-flash-image',
    displayName: 'Nano Banana',
    description: 'Gemini 2.5 Flash Preview Image',
    version: '2.0',
    inputTokenLimit: 32_768,
    outputTokenLimit: 32_768,
    maxTemperature: 1,
    outputMime: 'image/png',
    sizes: null,
    ratios: TEN_RATIOS,
    // Google says it "works best with up to 3"; Vertex documents 3 as the maximum per prompt.
    maxReferenceImages: 3,
    thinking: { kind: 'none' },
    thoughtImages: false,
    requiresSignatures: false,
    tokensPerImage: { '1K': 1290 },
    inputImageTokens: 258,
    apiVersions: ['v1', 'v1beta', 'v1beta1'],
    status: {
      // DEPRECATED is itself a deprecated enum value ("cannot be used"); LEGACY is the stage Google describes
      // as "on the path to deprecation", which is what a still-callable model with a shutdown date is.
      modelStage: 'LEGACY',
      retirementTime: '2026-10-02T00:00:00Z',
      message:
        'gemini-2.5-flash-image is deprecated and will be shut down on 2026-10-02. Please migrate to gemini-3.1-flash-image or gemini-nano-banana-2.1.',
    },
  },
  {
    id: 'gemini-3-pro-image',
    displayName: 'Nano Banana Pro',
    description: 'Gemini 3 Pro Image',
    version: '3.0',
    inputTokenLimit: 131_072,
    outputTokenLimit: 32_768,
    maxTemperature: 1,
    outputMime: 'image/jpeg',
    sizes: ['1K', '2K', '4K'],
    ratios: TEN_RATIOS,
    maxReferenceImages: 14,
    thinking: { kind: 'fixed' },
    thoughtImages: true,
    requiresSignatures: true,
    tokensPerImage: { '1K': 1120, '2K': 1120, '4K': 2000 },
    inputImageTokens: 560,
    apiVersions: ['v1beta', 'v1beta1'],
  },
  {
    id: 'gemini-3.1-flash-image',
    displayName: 'Nano Banana 2',
    description: 'Gemini 3.1 Flash Image.',
    version: '3.0',
    inputTokenLimit: 65_536,
    outputTokenLimit: 65_536,
    maxTemperature: 1,
    outputMime: 'image/jpeg',
    sizes: ['512', '1K', '2K', '4K'],
    ratios: FOURTEEN_RATIOS,
    maxReferenceImages: 14,
    thinking: { kind: 'levels', levels: ['MINIMAL', 'HIGH'] },
    thoughtImages: true,
    requiresSignatures: true,
    tokensPerImage: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
    inputImageTokens: 560,
    apiVersions: ['v1beta', 'v1beta1'],
  },
  {
    id: 'gemini-3.1-flash-lite-image',
    displayName: 'Nano Banana 2 Lite',
    description: 'Gemini 3.1 Flash Lite Image',
    version: '3.1',
    inputTokenLimit: 65_536,
    outputTokenLimit: 4_096,
    maxTemperature: 1,
    outputMime: 'image/jpeg',
    sizes: ['1K'],
    // The model page lists ten ratios but also says "14 discrete ratios"; the strict reading is the safer one.
    ratios: TEN_RATIOS,
    maxReferenceImages: 14,
    thinking: { kind: 'levels', levels: ['MINIMAL', 'HIGH'] },
    thoughtImages: false,
    requiresSignatures: true,
    tokensPerImage: { '1K': 1120 },
    inputImageTokens: 560,
    apiVersions: ['v1beta', 'v1beta1'],
  },
  {
    id: 'gemini-nano-banana-2.1',
    displayName: 'Nano Banana 2.1',
    description: 'Gemini Nano Banana 2.1',
    version: '2.1',
    inputTokenLimit: 131_072,
    outputTokenLimit: 32_768,
    maxTemperature: 1,
    outputMime: 'image/jpeg',
    sizes: ['1K', '2K', '4K'],
    ratios: FOURTEEN_RATIOS,
    maxReferenceImages: 14,
    thinking: { kind: 'levels', levels: ['MINIMAL', 'MEDIUM', 'HIGH'] },
    thoughtImages: false,
    requiresSignatures: true,
    // Derived from the per-image prices at $30 / 1M tokens ($0.0336 / $0.0504 / $0.113).
    tokensPerImage: { '1K': 1120, '2K': 1680, '4K': 3767 },
    inputImageTokens: 560,
    apiVersions: ['v1beta', 'v1beta1'],
  },
];

/** Ids that existed once and now answer 404, listed for tests and documentation. */
export const RETIRED_MODEL_IDS = [
  'gemini-3-pro-image-preview',
  'gemini-3.1-flash-image-preview',
  'nano-banana-pro-preview',
  'gemini-2.5-flash-image-preview',
  'gemini-2.0-flash-exp-image-generation',
] as const;

export function findModel(id: string, apiVersion: string): ModelSpec | undefined {
  const bare = id.startsWith('models/') ? id.slice('models/'.length) : id;
  return MODELS.find((model) => model.id === bare && model.apiVersions.includes(apiVersion));
}

/** Google's documented pixel sizes at 1K for the Gemini 3 family; 512 is half, 2K double, 4K quadruple. */
const GEMINI3_1K: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '2:3': [848, 1264],
  '3:2': [1264, 848],
  '3:4': [896, 1200],
  '4:3': [1200, 896],
  '4:5': [928, 1152],
  '5:4': [1152, 928],
  '9:16': [768, 1376],
  '16:9': [1376, 768],
  '21:9': [1584, 672],
  '1:4': [512, 2048],
  '4:1': [2048, 512],
  '1:8': [384, 3072],
  '8:1': [3072, 384],
};

/** 2.5 Flash Image has one size per ratio (about one megapixel). */
const FLASH25: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1248],
  '3:2': [1248, 832],
  '3:4': [864, 1184],
  '4:3': [1184, 864],
  '4:5': [896, 1152],
  '5:4': [1152, 896],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
  '21:9': [1536, 672],
};

const SCALE: Readonly<Record<ImageSize, number>> = { '512': 0.5, '1K': 1, '2K': 2, '4K': 4 };

export function pixelSize(model: ModelSpec, ratio: string, size: ImageSize): { width: number; height: number } {
  const table = model.sizes === null ? FLASH25 : GEMINI3_1K;
  const base = table[ratio] ?? table['1:1'] ?? [1024, 1024];
  const scale = model.sizes === null ? 1 : SCALE[size];
  return { width: Math.round(base[0] * scale), height: Math.round(base[1] * scale) };
}

/** "The model defaults to matching the output image size to that of your input image, or otherwise 1:1." */
export function closestRatio(model: ModelSpec, width: number, height: number): string {
  const target = Math.log(width / height);
  let best = '1:1';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of model.ratios) {
    const [w = 1, h = 1] = ratio.split(':').map(Number);
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

export function defaultSize(model: ModelSpec): ImageSize {
  return model.sizes?.includes('1K') === false ? (model.sizes[0] ?? '1K') : '1K';
}

/** The `Model` resource as ListModels and GetModel return it (shape of a June 2026 capture). */
export function modelResource(model: ModelSpec): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    version: model.version,
    displayName: model.displayName,
    description: model.description,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'batchGenerateContent'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: model.maxTemperature,
    ...(model.thinking.kind === 'none' ? {} : { thinking: true }),
  };
}
