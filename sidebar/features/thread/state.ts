/**
 * The thread slice: the image an edit would change and its conversation so far (turns, versions, alt text), the
 * instruction being typed, the edited variants waiting for Apply, and the kept versions' thumbnails as they load.
 *
 * Which thread shows follows the selection: the selected image's, or with nothing selected the document's most
 * recent one (a follow-up continues it, and the view says which image it means). "New image" hides it until an
 * image is selected again.
 */
import type {
  ChangedMeanwhile,
  ImageDelivered,
  RegionRequest,
  RetryLater,
  ThreadImage,
  ThreadView,
  UserFacingError,
  Wire,
} from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { formatUsd } from '../../kernel/format';
import type { Reducer } from '../../kernel/store';
import { type Generating, newRun, waitingFor, withCall } from '../../kernel/waits';
import { t } from '../../kernel/words';

/**
 * One Edit's variants, with the words they were asked with (shown, never sent back: the server keeps what each
 * was made from), and, after an Apply found the picture changed meanwhile, what changed.
 */
export interface Edited {
  readonly ref: string;
  readonly instruction: string;
  readonly variants: readonly Wire<ImageDelivered>[];
  readonly selectedId: string;
  readonly failures: readonly UserFacingError[];
  readonly changed: Wire<ChangedMeanwhile> | null;
  /** The marked part the edit was kept to (features/region), if any. */
  readonly region?: RegionRequest | null;
  /**
   * A chain of edits: the previews these variants continued from, oldest first (the server keeps each; Apply
   * may place any of them: `selectedId` may name one), and whether the next instruction goes back to the picture
   * in the document instead of continuing from the preview shown.
   */
  readonly chain?: readonly Wire<ImageDelivered>[];
  readonly fromDocument?: boolean;
}

/** A Restore that found the picture changed since the person looked: it waits for "Restore anyway". */
export interface RestoreChanged {
  readonly versionId: string;
  readonly label: string;
  readonly changed: Wire<ChangedMeanwhile>;
}

/** As with Generate: an answer carrying another token arrived after Cancel and is dropped. */
export type Editing = Generating;

/** A kept version's picture, fetched once when the versions are first shown. */
export type VersionPicture =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly image: Wire<ThreadImage> }
  | { readonly state: 'unavailable'; readonly error: UserFacingError };

export interface ThreadState {
  /** 'new': the person pressed "New image"; the thread stays hidden until an image is selected. */
  readonly mode: 'follow' | 'new';
  readonly view: ThreadView | null;
  /** True when the view is the document's most recent thread, shown because nothing is selected. */
  readonly recent: boolean;
  readonly instruction: string;
  /** Null follows the server: keep a person's description by default. */
  readonly keepAlt: boolean | null;
  readonly lastToken: number;
  readonly editing: Editing | null;
  readonly edited: Edited | null;
  readonly pictures: Readonly<Record<string, VersionPicture>>;
  /** The version ids side by side in Compare ('current' is the image in the document). */
  readonly compare: readonly [string, string] | null;
  readonly restoreChanged: RestoreChanged | null;
  /**
   * The part of the picture the next edit is kept to, marked on it (features/region, in the late part), with its
   * marked copy; another picture starts with none.
   */
  readonly region?: RegionRequest | null;
}

export const threadInitial: ThreadState = {
  mode: 'follow',
  view: null,
  recent: false,
  instruction: '',
  keepAlt: null,
  lastToken: 0,
  editing: null,
  edited: null,
  pictures: {},
  compare: null,
  restoreChanged: null,
};

export type ThreadAction =
  | { readonly type: 'threadLoaded'; readonly view: ThreadView | null; readonly recent: boolean }
  | { readonly type: 'newImageChosen' }
  | { readonly type: 'keepAltToggled'; readonly keep: boolean }
  | { readonly type: 'editFinished'; readonly token: number; readonly edited: Edited | null }
  | { readonly type: 'editCancelled' }
  | {
      readonly type: 'editVariantWaiting';
      readonly token: number;
      readonly index: number;
      readonly wait: Wire<RetryLater>;
      readonly now: number;
    }
  | { readonly type: 'editVariantCalling'; readonly token: number; readonly index: number }
  | { readonly type: 'editedSelected'; readonly id: string }
  | { readonly type: 'editedPatched'; readonly patch: Partial<Edited> }
  | { readonly type: 'editedDiscarded' }
  | { readonly type: 'versionPicture'; readonly versionId: string; readonly picture: VersionPicture }
  | { readonly type: 'compareChosen'; readonly pair: readonly [string, string] | null }
  | { readonly type: 'applyChanged'; readonly changed: Wire<ChangedMeanwhile> }
  | { readonly type: 'restoreChanged'; readonly pending: RestoreChanged | null }
  /** The marked part changed, or the variants did (one kept with everything else exactly as it was). */
  | {
      readonly type: 'regionPatched';
      readonly patch: { readonly region?: RegionRequest | null; readonly edited?: Edited };
    };

/** The id Compare uses for the image as it is in the document now. */
export const CURRENT = 'current';

export const reduceThread: Reducer<ThreadState, ThreadAction | SharedAction> = (state, action) => {
  switch (action.type) {
    case 'targetLoaded':
      // Selecting an image is asking to edit it: "New image" lasts until then.
      return action.target.image && state.mode === 'new' ? { ...state, mode: 'follow' } : state;
    case 'threadLoaded': {
      const same = state.view !== null && action.view !== null && state.view.ref === action.view.ref;
      if (same) return { ...state, view: action.view, recent: action.recent };
      // Another image: its own instruction box, variants and pictures. An edit still out for the old image is
      // no longer awaited (its answer would preview against the wrong "before").
      return {
        ...threadInitial,
        mode: state.mode,
        lastToken: state.lastToken,
        view: action.view,
        recent: action.recent,
      };
    }
    case 'generateStarted':
    case 'newImageChosen':
      return state.mode === 'new' && !state.editing ? state : { ...state, mode: 'new', editing: null };
    case 'instructionChanged':
      return { ...state, instruction: action.instruction };
    case 'keepAltToggled':
      return { ...state, keepAlt: action.keep };
    case 'editStarted': {
      if (state.editing || !state.view) return state;
      const editing = newRun(state.lastToken, action.variants, action.now);
      return { ...state, lastToken: editing.token, editing };
    }
    case 'editVariantWaiting':
      if (state.editing?.token !== action.token) return state;
      return { ...state, editing: withCall(state.editing, action.index, waitingFor(action.wait, action.now)) };
    case 'editVariantCalling':
      if (state.editing?.token !== action.token) return state;
      return { ...state, editing: withCall(state.editing, action.index, { state: 'calling' }) };
    case 'editFinished':
      if (state.editing?.token !== action.token) return state;
      // Without a variant the earlier ones stay: they can still be applied.
      return { ...state, editing: null, edited: action.edited ?? state.edited };
    case 'editCancelled':
      return state.editing ? { ...state, editing: null } : state;
    case 'editedSelected':
      if (!state.edited?.variants.some((v) => v.image.id === action.id)) return state;
      return { ...state, edited: { ...state.edited, selectedId: action.id } };
    case 'editedPatched':
      return { ...state, edited: { ...state.edited, ...action.patch } as Edited };
    case 'editedDiscarded':
      return state.edited ? { ...state, edited: null } : state;
    case 'versionPicture':
      return { ...state, pictures: { ...state.pictures, [action.versionId]: action.picture } };
    case 'compareChosen':
      return { ...state, compare: action.pair };
    case 'applyChanged':
      return state.edited ? { ...state, edited: { ...state.edited, changed: action.changed } } : state;
    case 'restoreChanged':
      return { ...state, restoreChanged: action.pending };
    case 'regionPatched':
      return { ...state, ...action.patch };
    default:
      return state;
  }
};

/** The thread the sidebar shows now, or null when it shows the compose view instead. */
export function shownThread(thread: Pick<ThreadState, 'mode' | 'view'>): ThreadView | null {
  return thread.mode === 'new' ? null : thread.view;
}

export function isEditAwaited(thread: Pick<ThreadState, 'editing'>, token: number): boolean {
  return thread.editing?.token === token;
}

/** The preview shown as "after": the chosen variant, or a link of the chain chosen for Apply. */
export function selectedVariant(edited: Edited | null): Wire<ImageDelivered> | null {
  if (!edited) return null;
  const shown = [...(edited.chain ?? []), ...edited.variants];
  return shown.find((v) => v.image.id === edited.selectedId) ?? edited.variants[0] ?? null;
}

/** Apply keeps a person's description unless told otherwise; a description Peel wrote is Peel's to rewrite. */
export function keepsAlt(thread: Pick<ThreadState, 'keepAlt' | 'view'>): boolean {
  return thread.keepAlt ?? thread.view?.altByPerson ?? false;
}

export function editingNotice(n: number): string {
  return t('editingNow', { n });
}

export function editedNotice(edited: Edited, asked: number): string {
  const n = edited.variants.length;
  const costs = edited.variants.map((v) => v.image.costUsd);
  const total = costs.every((c): c is number => c !== null) ? costs.reduce((a, b) => a + b, 0) : null;
  const cost = total === null ? '' : t('editedCost', { usd: formatUsd(total) });
  return n === asked ? t('editedReady', { n, cost }) : t('editedSomeReady', { n, asked, cost });
}

/** The versions a person can pick for Compare: the current image first, then the kept ones, newest first. */
export function comparable(view: ThreadView): { id: string; label: string }[] {
  const kept = view.versions.filter((v) => !v.current);
  return [
    { id: CURRENT, label: t('nowShown') },
    ...kept.map((v) => ({ id: v.id, label: t('versionN', { i: kept.indexOf(v) + 1 }) })).reverse(),
  ];
}
