/**
 * The results slice: the generation in flight (one call per variant, with the late-result rule and the waits
 * Gemini asks for) and the images it brought, shown as each arrives, one of them selected for Insert.
 */
import type {
  GeneratedImage,
  ImageDelivered,
  InsertMode,
  RetryLater,
  Target,
  UserFacingError,
} from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { formatUsd } from '../../kernel/format';
import type { Reducer } from '../../kernel/store';
import { type Generating, newRun, waitingFor, withCall } from '../../kernel/waits';
import { t, told } from '../../kernel/words';

/** One generation's images so far. */
export interface Results {
  /** The generation they came from: its later images join these, another generation's replace them. */
  readonly token: number;
  /** What the prompt calls the pictures (the server's alt title): their previews are named by it. */
  readonly altTitle: string;
  readonly images: readonly GeneratedImage[];
  readonly selectedId: string;
  readonly text: string;
  readonly warnings: readonly string[];
  readonly failures: readonly UserFacingError[];
  readonly costUsd: number | null;
}

export interface ResultsState {
  readonly lastToken: number;
  readonly generating: Generating | null;
  readonly shown: Results | null;
}

export const resultsInitial: ResultsState = { lastToken: 0, generating: null, shown: null };

export type ResultsAction =
  | {
      readonly type: 'variantArrived';
      readonly token: number;
      readonly index: number;
      readonly delivered: ImageDelivered;
    }
  | {
      readonly type: 'variantWaiting';
      readonly token: number;
      readonly index: number;
      readonly now: number;
      readonly wait: RetryLater;
    }
  | { readonly type: 'variantCalling'; readonly token: number; readonly index: number }
  | { readonly type: 'variantFailed'; readonly token: number; readonly index: number; readonly error: UserFacingError }
  /** Every variant has answered (or failed): the generation ends. */
  | { readonly type: 'generateFinished'; readonly token: number }
  /** The generation ended before any call (no model to ask). */
  | { readonly type: 'generateFailed'; readonly token: number }
  | { readonly type: 'cancelled' }
  | { readonly type: 'imageSelected'; readonly id: string };

/** The late-result rule: only the request the sidebar is still waiting for may show its images. */
export function isAwaited(results: Pick<ResultsState, 'generating'>, token: number): boolean {
  return results.generating?.token === token;
}

const failuresOf = (generating: Generating) => generating.calls.flatMap((c) => (c.state === 'failed' ? [c.error] : []));

function sumUsd(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.round((a + b) * 1e6) / 1e6;
}

function joined(lines: readonly string[]): string[] {
  return lines.filter((line, i) => line !== '' && lines.indexOf(line) === i);
}

/** The arrived image joins its generation's results, or starts them (replacing an earlier generation's). */
function arrived(
  shown: Results | null,
  action: Extract<ResultsAction, { type: 'variantArrived' }>,
  failures: readonly UserFacingError[],
): Results {
  const { image, altTitle, text, warnings } = action.delivered;
  if (!shown || shown.token !== action.token) {
    return {
      token: action.token,
      altTitle,
      images: [image],
      selectedId: image.id,
      text,
      warnings,
      failures,
      costUsd: image.costUsd,
    };
  }
  return {
    ...shown,
    images: [...shown.images, image],
    text: joined([...shown.text.split('\n'), text]).join('\n'),
    warnings: joined([...shown.warnings, ...warnings]),
    costUsd: sumUsd(shown.costUsd, image.costUsd),
  };
}

export const reduceResults: Reducer<ResultsState, ResultsAction | SharedAction> = (state, action) => {
  switch (action.type) {
    case 'generateStarted': {
      if (state.generating) return state;
      const generating = newRun(state.lastToken, action.variants, action.now);
      return { ...state, lastToken: generating.token, generating };
    }
    case 'variantArrived': {
      const { generating } = state;
      if (!generating || !isAwaited(state, action.token)) return state;
      const next = withCall(generating, action.index, { state: 'done' });
      return { ...state, generating: next, shown: arrived(state.shown, action, failuresOf(next)) };
    }
    case 'variantWaiting':
      if (!state.generating || !isAwaited(state, action.token)) return state;
      return { ...state, generating: withCall(state.generating, action.index, waitingFor(action.wait, action.now)) };
    case 'variantCalling':
      if (!state.generating || !isAwaited(state, action.token)) return state;
      return { ...state, generating: withCall(state.generating, action.index, { state: 'calling' }) };
    case 'variantFailed': {
      if (!state.generating || !isAwaited(state, action.token)) return state;
      const generating = withCall(state.generating, action.index, { state: 'failed', error: action.error });
      const shown =
        state.shown?.token === action.token ? { ...state.shown, failures: failuresOf(generating) } : state.shown;
      return { ...state, generating, shown };
    }
    case 'generateFinished':
    case 'generateFailed':
      return isAwaited(state, action.token) ? { ...state, generating: null } : state;
    case 'cancelled':
      return state.generating ? { ...state, generating: null } : state;
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
  return `${t('generating', { n: variants })}…`;
}

/** The images of generation `token` on screen, or none. */
export function resultsOf(results: Pick<ResultsState, 'shown'>, token: number): Results | null {
  return results.shown?.token === token ? results.shown : null;
}

export function readyNotice(shown: Results | null, asked: number): string {
  const n = shown?.images.length ?? 0;
  const ready = n === asked ? t('imagesReady', { n }) : t('imagesSomeReady', { n, asked });
  return !shown || shown.costUsd === null ? ready : `${ready} ${t('costIs', { usd: formatUsd(shown.costUsd) })}`;
}

/** Why a generation brought no image: every variant failed, and the first failure explains it best. */
export function noImageError(failures: readonly UserFacingError[]): UserFacingError {
  const [first] = failures;
  // Generate read the selection itself and found nowhere for an image: said as the sidebar says it.
  if (first?.code === 'UNSUPPORTED_SELECTION') return unplaceable(first.detail ?? first.action);
  return (
    first ?? {
      code: 'NO_IMAGE',
      message: t('noImage'),
      action: t('noImageDo'),
    }
  );
}

/** Why nothing can be inserted right now, or null when Insert may go ahead. */
export function insertBlocker(target: Target | null): string | null {
  if (!target) return t('notReadYet');
  if (target.problem) return told(target.problem, target.problemWords);
  if (!target.canInsert) return t('cannotGoHere');
  return null;
}

export function canInsertAs(target: Target | null, mode: InsertMode): boolean {
  if (!target || target.problem || !target.canInsert) return false;
  if (mode === 'background') return target.host === 'slides' && target.canBackground;
  if (mode === 'replace') return target.canReplace;
  return true;
}

/**
 * A selection nothing can be inserted into (a header, a footnote, a floating image): Generate says so and
 * where the image can go instead, before anything is generated or billed. Null when an image can go there.
 */
export function unplaceableError(target: Target | null): UserFacingError | null {
  if (!target || (!target.problem && target.canInsert)) return null;
  return unplaceable(target.problem ? told(target.problem, target.problemWords) : t('unplaceableDo'));
}

function unplaceable(action: string): UserFacingError {
  return {
    code: 'UNSUPPORTED_SELECTION',
    message: t('unplaceable'),
    action,
  };
}

export function selectedImage(results: Results | null): GeneratedImage | null {
  if (!results) return null;
  return results.images.find((i) => i.id === results.selectedId) ?? results.images[0] ?? null;
}
