/**
 * The results slice: the generation in flight (with the late-result rule) and the images it brought, one of
 * them selected for Insert.
 */
import type { GeneratedImage, GenerateResult, InsertMode, Target, UserFacingError } from '../../../src/shared/rpc';
import { formatUsd, plural } from '../../format';
import type { SliceReducer } from '../../store';

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

export interface ResultsState {
  readonly lastToken: number;
  readonly generating: Generating | null;
  readonly shown: Results | null;
}

export const resultsInitial: ResultsState = { lastToken: 0, generating: null, shown: null };

export type ResultsAction =
  | { readonly type: 'generateStarted'; readonly now: number; readonly variants: number }
  | {
      readonly type: 'generateSucceeded';
      readonly token: number;
      readonly prompt: string;
      readonly result: GenerateResult;
    }
  | { readonly type: 'generateFailed'; readonly token: number }
  | { readonly type: 'cancelled' }
  | { readonly type: 'imageSelected'; readonly id: string }
  | { readonly type: 'discarded' };

/** The late-result rule: only the request the sidebar is still waiting for may show its images. */
export function isAwaited(results: Pick<ResultsState, 'generating'>, token: number): boolean {
  return results.generating?.token === token;
}

export const reduceResults: SliceReducer<ResultsState> = (state, action) => {
  switch (action.type) {
    case 'generateStarted': {
      if (state.generating) return state;
      const token = state.lastToken + 1;
      return { ...state, lastToken: token, generating: { token, startedAt: action.now, variants: action.variants } };
    }
    case 'generateSucceeded': {
      if (!isAwaited(state, action.token)) return state;
      const { result } = action;
      const first = result.images[0];
      // Without an image the previous results stay: they can still be inserted.
      if (!first) return { ...state, generating: null };
      return {
        ...state,
        generating: null,
        shown: {
          prompt: action.prompt,
          images: result.images,
          selectedId: first.id,
          text: result.text,
          warnings: result.warnings,
          failures: result.failures,
          costUsd: result.costUsd,
        },
      };
    }
    case 'generateFailed':
    case 'cancelled':
      if (action.type === 'generateFailed' ? !isAwaited(state, action.token) : !state.generating) return state;
      return { ...state, generating: null };
    case 'imageSelected':
      if (!state.shown?.images.some((i) => i.id === action.id)) return state;
      return { ...state, shown: { ...state.shown, selectedId: action.id } };
    case 'discarded':
      return state.shown ? { ...state, shown: null } : state;
    default:
      return state;
  }
};

export function generatingNotice(variants: number): string {
  return `Generating ${plural(variants, 'image', 'images')}…`;
}

export function readyNotice(result: GenerateResult, asked: number): string {
  const count = result.images.length;
  const what = count === asked ? plural(count, 'image', 'images') : `${count} of ${asked} images`;
  const cost = result.costUsd === null ? '' : ` Cost ${formatUsd(result.costUsd)}.`;
  return `${what} ready.${cost}`;
}

/** Why a result brought no image: every variant failed, and the first failure explains it best. */
export function noImageError(result: GenerateResult): UserFacingError {
  return (
    result.failures[0] ?? {
      code: 'NO_IMAGE',
      message: 'Gemini finished without making an image.',
      action: 'Try again, or describe the picture more concretely.',
    }
  );
}

/** Why nothing can be inserted right now, or null when Insert may go ahead. */
export function insertBlocker(target: Target | null): string | null {
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

/** Why Insert (or Replace, or background) cannot go ahead with the selection as it is now. */
export function cannotInsertError(target: Target | null, mode: InsertMode): UserFacingError {
  const why = insertBlocker(target);
  if (why) return { code: 'UNSUPPORTED_SELECTION', message: 'An image can’t go where the selection is.', action: why };
  if (mode === 'replace') {
    return {
      code: 'UNSUPPORTED_SELECTION',
      message: 'No picture is selected to replace.',
      action: 'Click the picture to replace in the editor, then press “Replace selected” again; or use Insert.',
    };
  }
  return {
    code: 'UNSUPPORTED_SELECTION',
    message: 'This slide can’t take a background picture.',
    action: 'Insert the image instead.',
  };
}

/**
 * A selection nothing can be inserted into (a header, a footnote, a floating image): Generate says so and
 * where the image can go instead, before anything is generated or billed. Null when an image can go there.
 */
export function unplaceableError(target: Target | null): UserFacingError | null {
  if (!target || (!target.problem && target.canInsert)) return null;
  return {
    code: 'UNSUPPORTED_SELECTION',
    message: 'An image can’t go where the selection is, so Peel did not generate one (nothing was billed).',
    action: target.problem ?? 'Select a slide or click in the body of the document, then generate.',
  };
}

export function selectedImage(results: Results | null): GeneratedImage | null {
  if (!results) return null;
  return results.images.find((i) => i.id === results.selectedId) ?? results.images[0] ?? null;
}

export function elapsedSeconds(startedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

export function dataUrl(image: Pick<GeneratedImage, 'mimeType' | 'base64'>): string {
  // Only image types reach an <img>: anything else would not render and has no business in a data: URL.
  const mime = /^image\/(png|jpeg|gif|webp)$/.test(image.mimeType) ? image.mimeType : 'application/octet-stream';
  return `data:${mime};base64,${image.base64}`;
}
