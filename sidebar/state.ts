/**
 * The sidebar's state and every rule about it, as pure functions: the reducer, the pickers' defaults, the
 * cost estimate and the late-result rule. Nothing here touches the DOM or the server, so it runs in Node tests.
 */
import { type CostEstimate, estimateCost } from '../src/core/gemini/cost';
import { MAX_VARIANTS } from '../src/core/gemini/options';
import { nearestAspectRatio } from '../src/core/geometry';
import type {
  GeneratedImage,
  GenerateResult,
  Host,
  IllustratePrompt,
  ImageSize,
  InsertMode,
  InsertResult,
  OfferedModel,
  SettingsView,
  SidebarContext,
  Target,
  UserFacingError,
} from '../src/shared/rpc';

/** First run: no personal key, no organization key, no Vertex AI. Settings opens first and explains keys. */
export function needsKey(settings: SettingsView | null): boolean {
  return settings?.connection.kind === 'gemini' && settings.connection.key.source === 'none';
}

/** One finished generation, kept with the prompt it came from (Insert sends that prompt for the alt text). */
export interface Results {
  readonly prompt: string;
  readonly images: readonly GeneratedImage[];
  readonly selectedId: string;
  readonly text: string;
  readonly warnings: readonly string[];
  readonly failures: readonly UserFacingError[];
  readonly costUsd: number | null;
}

export interface Generating {
  /** Identifies this request: a result carrying another token arrived after Cancel and is thrown away. */
  readonly token: number;
  readonly startedAt: number;
  readonly variants: number;
}

export type Busy = 'insert' | 'illustrate' | 'settings' | null;

export interface State {
  readonly host: Host | null;
  readonly version: string;
  readonly view: 'main' | 'settings';
  readonly settings: SettingsView | null;
  readonly models: readonly OfferedModel[];
  /** True until the model list has answered (or failed): Generate waits for it instead of failing. */
  readonly modelsPending: boolean;
  readonly target: Target | null;
  readonly prompt: string;
  /** Where the composed prompt came from, shown under the prompt box until the user edits it. */
  readonly promptSource: string | null;
  readonly includeNotes: boolean;
  /** The user's picks; null means "the default". Effective values are derived (see `choices`). */
  readonly modelId: string | null;
  readonly ratioChoice: string | null;
  readonly sizeChoice: ImageSize | null;
  readonly variants: number;
  readonly lastToken: number;
  readonly generating: Generating | null;
  readonly results: Results | null;
  readonly documentCostUsd: number | null;
  readonly busy: Busy;
  /** The latest thing to tell the user, read out politely by the status region. */
  readonly notice: string;
  readonly error: UserFacingError | null;
}

export const initialState: State = {
  host: null,
  version: '',
  view: 'main',
  settings: null,
  models: [],
  modelsPending: true,
  target: null,
  prompt: '',
  promptSource: null,
  includeNotes: false,
  modelId: null,
  ratioChoice: null,
  sizeChoice: null,
  variants: 1,
  lastToken: 0,
  generating: null,
  results: null,
  documentCostUsd: null,
  busy: null,
  notice: '',
  error: null,
};

// ---------------------------------------------------------------------------------------------------------
// Pickers

/**
 * The ratio that fits the target among the model's: the same pure function the server uses, so the picker's
 * default is what the server would choose. Guards the cases it rejects (no target yet, an empty list).
 */
export function fittingRatio(targetRatio: number | undefined, supported: readonly string[]): string {
  const fallback = supported.includes('1:1') ? '1:1' : (supported[0] ?? '1:1');
  if (targetRatio === undefined || !(targetRatio > 0) || !Number.isFinite(targetRatio)) return fallback;
  try {
    return nearestAspectRatio(targetRatio, supported);
  } catch {
    return fallback;
  }
}

export interface Choices {
  readonly model: OfferedModel | null;
  readonly ratio: string;
  /** The ratio that fits the target for this model: marked in the picker. */
  readonly fittingRatio: string;
  readonly size: ImageSize;
  readonly variants: number;
}

/** The settings' model when the generate menu offers it, otherwise the first one. */
export function defaultModelId(state: Pick<State, 'models' | 'settings'>): string | null {
  const preferred = state.settings?.model;
  if (preferred && state.models.some((m) => m.id === preferred)) return preferred;
  return state.models[0]?.id ?? null;
}

/** What the next Generate would send: the user's picks where the model accepts them, else the defaults. */
export function choices(state: State): Choices {
  const modelId = state.modelId ?? defaultModelId(state);
  const model = state.models.find((m) => m.id === modelId) ?? state.models[0] ?? null;
  const ratios = model?.aspectRatios ?? ['1:1'];
  const fits = fittingRatio(state.target?.ratio, ratios);
  const ratio = state.ratioChoice && ratios.includes(state.ratioChoice) ? state.ratioChoice : fits;
  const sizes = model?.imageSizes ?? [];
  const size: ImageSize =
    state.sizeChoice && sizes.includes(state.sizeChoice) ? state.sizeChoice : (model?.defaultImageSize ?? '1K');
  return { model, ratio, fittingRatio: fits, size, variants: clampVariants(state.variants) };
}

export function clampVariants(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_VARIANTS, Math.max(1, Math.round(n))) : 1;
}

// ---------------------------------------------------------------------------------------------------------
// Cost

export { estimateCost };

/** Dollars as people read them: cents for sums, a tenth of a cent for the small per-image prices. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

export function describeEstimate(estimate: CostEstimate, variants: number): string {
  if (estimate.totalUsd === null || estimate.perImageUsd === null) return 'Estimated cost: price unknown';
  const each = variants > 1 ? ` (${variants} × ${formatUsd(estimate.perImageUsd)})` : '';
  return `Estimated cost: ${formatUsd(estimate.totalUsd)}${each}`;
}

// ---------------------------------------------------------------------------------------------------------
// Targets and results

/** The model menu is still empty because its answer has not come: Generate says so instead of failing. */
export function loadingModels(state: Pick<State, 'models' | 'modelsPending'>): boolean {
  return state.modelsPending && state.models.length === 0;
}

/**
 * The document's running cost from the sidebar's context, shown from the moment the sidebar opens. Read
 * defensively: older servers send no such field, and a value that is not a finite amount is not shown.
 */
export function contextCost(context: SidebarContext): number | null {
  const value: unknown = 'documentCostUsd' in context ? context.documentCostUsd : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Why nothing can be inserted right now, or null when Insert may go ahead. */
export function insertBlocker(state: Pick<State, 'target'>): string | null {
  const target = state.target;
  if (!target) return 'Peel has not read the selection yet.';
  if (target.problem) return target.problem;
  if (!target.canInsert) return 'An image cannot go where the selection is.';
  return null;
}

export function canInsertAs(target: Target | null, mode: InsertMode): boolean {
  if (!target || target.problem || !target.canInsert) return false;
  if (mode === 'background') return target.host === 'slides' && target.canBackground;
  if (mode === 'replace') return target.canReplace;
  return true;
}

export function selectedImage(results: Results | null): GeneratedImage | null {
  if (!results) return null;
  return results.images.find((i) => i.id === results.selectedId) ?? results.images[0] ?? null;
}

/** The late-result rule: only the request the sidebar is still waiting for may show its images. */
export function isAwaited(state: Pick<State, 'generating'>, token: number): boolean {
  return state.generating?.token === token;
}

export function elapsedSeconds(startedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

export function dataUrl(image: Pick<GeneratedImage, 'mimeType' | 'base64'>): string {
  // Only image types reach an <img>: anything else would not render and has no business in a data: URL.
  const mime = /^image\/(png|jpeg|gif|webp)$/.test(image.mimeType) ? image.mimeType : 'application/octet-stream';
  return `data:${mime};base64,${image.base64}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function readyNotice(result: GenerateResult, asked: number): string {
  const count = result.images.length;
  const what = count === asked ? plural(count, 'image', 'images') : `${count} of ${asked} images`;
  const cost = result.costUsd === null ? '' : ` Cost ${formatUsd(result.costUsd)}.`;
  return `${what} ready.${cost}`;
}

// ---------------------------------------------------------------------------------------------------------
// Reducer

export type Action =
  | { readonly type: 'started'; readonly context: SidebarContext }
  | { readonly type: 'settingsLoaded'; readonly settings: SettingsView }
  | { readonly type: 'modelsRequested' }
  | { readonly type: 'modelsLoaded'; readonly models: readonly OfferedModel[] }
  | { readonly type: 'modelsFailed'; readonly error: UserFacingError }
  | { readonly type: 'targetLoaded'; readonly target: Target }
  | { readonly type: 'showView'; readonly view: State['view'] }
  | { readonly type: 'promptChanged'; readonly prompt: string }
  | { readonly type: 'notesToggled'; readonly includeNotes: boolean }
  | { readonly type: 'modelChosen'; readonly id: string }
  | { readonly type: 'ratioChosen'; readonly ratio: string }
  | { readonly type: 'sizeChosen'; readonly size: ImageSize }
  | { readonly type: 'variantsChosen'; readonly variants: number }
  | { readonly type: 'generateStarted'; readonly now: number }
  | {
      readonly type: 'generateSucceeded';
      readonly token: number;
      readonly prompt: string;
      readonly result: GenerateResult;
    }
  | { readonly type: 'generateFailed'; readonly token: number; readonly error: UserFacingError }
  | { readonly type: 'cancelled' }
  | { readonly type: 'imageSelected'; readonly id: string }
  | { readonly type: 'busy'; readonly busy: Busy }
  | { readonly type: 'inserted'; readonly result: InsertResult }
  | { readonly type: 'previewsExpired'; readonly error: UserFacingError }
  | { readonly type: 'discarded' }
  | { readonly type: 'illustrated'; readonly composed: IllustratePrompt }
  | { readonly type: 'notice'; readonly notice: string }
  | { readonly type: 'failed'; readonly error: UserFacingError }
  | { readonly type: 'dismissError' };

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'started':
      return {
        ...state,
        host: action.context.host,
        version: action.context.version,
        documentCostUsd: contextCost(action.context) ?? state.documentCostUsd,
      };
    case 'settingsLoaded':
      return { ...state, settings: action.settings };
    case 'modelsRequested':
      return { ...state, modelsPending: true };
    case 'modelsLoaded':
      return { ...state, models: action.models, modelsPending: false };
    case 'modelsFailed':
      return { ...state, modelsPending: false, busy: null, error: action.error, notice: '' };
    case 'targetLoaded': {
      // A new selection with another shape asks for its own ratio again; the same one keeps the user's pick.
      const sameShape = state.target !== null && Math.abs(state.target.ratio - action.target.ratio) < 1e-3;
      return { ...state, target: action.target, ratioChoice: sameShape ? state.ratioChoice : null };
    }
    case 'showView':
      // A notice belongs to the view it was said in ("Key saved." means nothing beside the prompt box).
      return { ...state, view: action.view, notice: '' };
    case 'promptChanged':
      return { ...state, prompt: action.prompt, promptSource: null };
    case 'notesToggled':
      return { ...state, includeNotes: action.includeNotes };
    case 'modelChosen':
      return { ...state, modelId: action.id };
    case 'ratioChosen':
      return { ...state, ratioChoice: action.ratio };
    case 'sizeChosen':
      return { ...state, sizeChoice: action.size };
    case 'variantsChosen':
      return { ...state, variants: clampVariants(action.variants) };
    case 'generateStarted': {
      if (state.generating) return state;
      const token = state.lastToken + 1;
      const variants = clampVariants(state.variants);
      return {
        ...state,
        lastToken: token,
        generating: { token, startedAt: action.now, variants },
        error: null,
        notice: `Generating ${plural(variants, 'image', 'images')}…`,
      };
    }
    case 'generateSucceeded': {
      if (!isAwaited(state, action.token) || !state.generating) return state;
      const { result } = action;
      const first = result.images[0];
      const asked = state.generating.variants;
      if (!first) {
        // Every variant failed: the first failure explains it best; the rest would repeat it.
        return {
          ...state,
          generating: null,
          documentCostUsd: result.documentCostUsd,
          error: result.failures[0] ?? {
            code: 'NO_IMAGE',
            message: 'Gemini finished without making an image.',
            action: 'Try again, or describe the picture more concretely.',
          },
          notice: '',
        };
      }
      return {
        ...state,
        generating: null,
        results: {
          prompt: action.prompt,
          images: result.images,
          selectedId: first.id,
          text: result.text,
          warnings: result.warnings,
          failures: result.failures,
          costUsd: result.costUsd,
        },
        documentCostUsd: result.documentCostUsd,
        notice: readyNotice(result, asked),
      };
    }
    case 'generateFailed':
      if (!isAwaited(state, action.token)) return state;
      return { ...state, generating: null, error: action.error, notice: '' };
    case 'cancelled':
      if (!state.generating) return state;
      return {
        ...state,
        generating: null,
        notice: 'Stopped waiting. Images that still arrive will be thrown away (Gemini may still bill them).',
      };
    case 'imageSelected':
      if (!state.results?.images.some((i) => i.id === action.id)) return state;
      return { ...state, results: { ...state.results, selectedId: action.id } };
    case 'busy':
      return { ...state, busy: action.busy, ...(action.busy ? { error: null } : {}) };
    case 'inserted':
      return { ...state, busy: null, notice: `Inserted: ${action.result.label}.` };
    case 'previewsExpired':
      // The server no longer holds these images: previews that cannot be inserted would only invite the same
      // error again. The prompt stays, so generating again is one click.
      return { ...state, busy: null, results: null, error: action.error, notice: '' };
    case 'discarded':
      return { ...state, results: null, notice: 'Images discarded.' };
    case 'illustrated':
      return {
        ...state,
        busy: null,
        prompt: action.composed.prompt,
        promptSource: action.composed.source,
        notice: 'Prompt written from the content. Edit it, then generate.',
      };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'failed':
      return { ...state, busy: null, error: action.error, notice: '' };
    case 'dismissError':
      return { ...state, error: null };
  }
}
