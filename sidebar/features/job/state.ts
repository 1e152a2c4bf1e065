/**
 * The job slice: a deck job from its plan (which slides or pictures, each prompt, the cap) through its run
 * (each item's state, the waits Gemini asks for) to its review (each proposal's picture, Accept, Skip...).
 *
 * The server keeps the job (document properties), so the view here is the server's last JobView with the
 * sidebar's own news on top: an item being drawn, its proposal, a failure. A proposal's picture crosses
 * google.script.run once, in runJobItem's answer, and is kept here by item index.
 */
import type {
  GeneratedImage,
  Host,
  ImageDelivered,
  JobItemView,
  JobKind,
  JobPlan,
  JobView,
  UserFacingError,
  Wire,
} from '../../../src/shared/rpc';
import { formatUsd } from '../../kernel/format';
import type { Reducer } from '../../kernel/store';
import { t } from '../../kernel/words';

export interface PlanDraft {
  readonly plan: Wire<JobPlan>;
  readonly chosen: readonly boolean[];
  readonly prompts: readonly string[];
  readonly capUsd: number;
}

export interface JobState {
  /** Which job's plan is being asked for. */
  readonly planning: JobKind | null;
  readonly draft: PlanDraft | null;
  readonly view: Wire<JobView> | null;
  /** Proposal pictures by item index, as runJobItem brought them. */
  readonly pictures: Readonly<Record<number, Wire<GeneratedImage>>>;
  /** When this sidebar started running the job (the clock's ms), and how many items were done then. */
  readonly run: { readonly startedAt: number; readonly doneBefore: number } | null;
  /** Nothing new starts before this (Gemini's retry delay), in the clock's ms. */
  readonly holdUntil: number | null;
}

export const jobInitial: JobState = {
  planning: null,
  draft: null,
  view: null,
  pictures: {},
  run: null,
  holdUntil: null,
};

export type JobAction =
  | { readonly type: 'jobPlanRequested'; readonly kind: JobKind }
  | { readonly type: 'jobPlanned'; readonly plan: Wire<JobPlan> }
  | { readonly type: 'jobPlanFailed' }
  | { readonly type: 'planItemToggled'; readonly index: number; readonly chosen: boolean }
  | { readonly type: 'planPromptChanged'; readonly index: number; readonly prompt: string }
  | { readonly type: 'planCapChanged'; readonly capUsd: number }
  | { readonly type: 'planClosed' }
  | { readonly type: 'jobLoaded'; readonly view: Wire<JobView> | null }
  | { readonly type: 'jobRunStarted'; readonly now: number }
  | { readonly type: 'jobItemCalling'; readonly index: number }
  | { readonly type: 'jobItemDelivered'; readonly index: number; readonly delivered: Wire<ImageDelivered> }
  | { readonly type: 'jobItemWaiting'; readonly index: number; readonly until: number }
  /** A proposal drawn before the sidebar reopened: its picture, read back from the server's cache. */
  | { readonly type: 'jobPictureLoaded'; readonly index: number; readonly picture: Wire<GeneratedImage> }
  /** Its picture could not be read back: the cache let it go (the server has marked it lost too). */
  | { readonly type: 'jobPictureLost'; readonly index: number }
  | { readonly type: 'jobItemFailed'; readonly index: number; readonly error: UserFacingError }
  | { readonly type: 'jobRunEnded' }
  | { readonly type: 'jobClosed' };

/** Regenerating or a changed prompt draws again: some room above the estimate, which the person may lower. */
export const CAP_HEADROOM = 1.5;
/** With no price known, the cap still bounds the job: this much per image. */
const UNKNOWN_PRICE_USD = 0.25;

export function defaultCap(plan: Pick<JobPlan, 'perImageUsd'>, count: number): number {
  // Whole cents up, without float dust (0.15000000000000002) counting as one more.
  return Math.ceil(count * (plan.perImageUsd ?? UNKNOWN_PRICE_USD) * CAP_HEADROOM * 100 - 1e-6) / 100;
}

function withItem(view: Wire<JobView>, index: number, change: Partial<Wire<JobItemView>>): Wire<JobView> {
  const item = view.items[index];
  if (!item) return view;
  return { ...view, items: view.items.map((it, i) => (i === index ? { ...it, ...change } : it)) };
}

function draftOf(plan: Wire<JobPlan>): PlanDraft {
  const chosen = plan.items.map((i) => i.chosen);
  return {
    plan,
    chosen,
    prompts: plan.items.map((i) => i.prompt),
    capUsd: defaultCap(plan, chosen.filter(Boolean).length),
  };
}

export const reduceJob: Reducer<JobState, JobAction> = (state, action) => {
  switch (action.type) {
    case 'jobPlanRequested':
      return { ...state, planning: action.kind, draft: null };
    case 'jobPlanned':
      return { ...state, planning: null, draft: draftOf(action.plan) };
    case 'jobPlanFailed':
      return { ...state, planning: null };
    case 'planItemToggled': {
      const draft = state.draft;
      if (!draft?.plan.items[action.index]) return state;
      const chosen = draft.chosen.map((c, i) => (i === action.index ? action.chosen : c));
      return { ...state, draft: { ...draft, chosen } };
    }
    case 'planPromptChanged': {
      const draft = state.draft;
      if (!draft?.plan.items[action.index]) return state;
      return {
        ...state,
        draft: { ...draft, prompts: draft.prompts.map((p, i) => (i === action.index ? action.prompt : p)) },
      };
    }
    case 'planCapChanged':
      return state.draft && Number.isFinite(action.capUsd) && action.capUsd >= 0
        ? { ...state, draft: { ...state.draft, capUsd: action.capUsd } }
        : state;
    case 'planClosed':
      return { ...state, draft: null, planning: null };
    case 'jobLoaded': {
      if (!action.view) return { ...jobInitial };
      // Another job: its own pictures. The same job keeps the pictures of items still proposed.
      const same = state.view?.id === action.view.id;
      const pictures = same
        ? Object.fromEntries(
            Object.entries(state.pictures).filter(([i]) => action.view?.items[Number(i)]?.state === 'proposed'),
          )
        : {};
      return { ...state, draft: null, view: action.view, pictures, ...(same ? {} : { run: null, holdUntil: null }) };
    }
    case 'jobRunStarted':
      return state.view
        ? { ...state, run: state.run ?? { startedAt: action.now, doneBefore: progress(state.view).done } }
        : state;
    case 'jobItemCalling':
      return state.view ? { ...state, view: withItem(state.view, action.index, { state: 'working' }) } : state;
    case 'jobItemDelivered': {
      const view = state.view;
      if (!view) return state;
      const { image } = action.delivered;
      const next = withItem(view, action.index, { state: 'proposed', imageId: image.id, costUsd: image.costUsd });
      return {
        ...state,
        view: { ...next, spentUsd: Math.round((view.spentUsd + (image.costUsd ?? 0)) * 1e6) / 1e6 },
        pictures: { ...state.pictures, [action.index]: image },
      };
    }
    case 'jobPictureLoaded':
      return state.view?.items[action.index]?.state === 'proposed' && !state.pictures[action.index]
        ? { ...state, pictures: { ...state.pictures, [action.index]: action.picture } }
        : state;
    case 'jobPictureLost':
      return state.view?.items[action.index]?.state === 'proposed'
        ? { ...state, view: withItem(state.view, action.index, { state: 'lost', imageId: null, costUsd: null }) }
        : state;
    case 'jobItemWaiting':
      return state.view
        ? { ...state, view: withItem(state.view, action.index, { state: 'waiting' }), holdUntil: action.until }
        : state;
    case 'jobItemFailed':
      return state.view
        ? {
            ...state,
            view: withItem(state.view, action.index, {
              state: 'failed',
              error: `${action.error.message} ${action.error.action}`.trim(),
            }),
          }
        : state;
    case 'jobRunEnded':
      return { ...state, run: null, holdUntil: null };
    case 'jobClosed':
      return jobInitial;
    default:
      return state;
  }
};

export interface Progress {
  /** Items the job still counts (not skipped). */
  readonly total: number;
  /** Drawn (proposed or accepted) or failed. */
  readonly done: number;
  readonly proposed: number;
  readonly failed: number;
}

export function progress(view: Pick<JobView, 'items'>): Progress {
  const states = view.items.map((i) => i.state);
  const count = (...which: string[]) => states.filter((s) => which.includes(s)).length;
  return {
    total: states.length - count('skipped'),
    done: count('proposed', 'accepted', 'failed'),
    proposed: count('proposed'),
    failed: count('failed'),
  };
}

/** Items that still need a call: waiting ones (a resumed job's too). */
export function waitingItems(view: Pick<JobView, 'items' | 'cancelled'>): number[] {
  if (view.cancelled) return [];
  return view.items.flatMap((item, i) => (item.state === 'waiting' ? [i] : []));
}

/** Seconds left at this sidebar's pace so far, or null before the first item of this run is done. */
export function secondsLeft(state: Pick<JobState, 'view' | 'run'>, now: number): number | null {
  const { view, run } = state;
  if (!view || !run) return null;
  const { total, done } = progress(view);
  const doneHere = done - run.doneBefore;
  if (doneHere <= 0 || done >= total) return null;
  return Math.ceil((((now - run.startedAt) / doneHere) * (total - done)) / 1000);
}

export function duration(seconds: number): string {
  return seconds < 60
    ? t('seconds', { n: seconds })
    : t('minutesSeconds', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

export function stateWord(state: JobItemView['state']): string {
  return t(
    state === 'waiting'
      ? 'stateWaiting'
      : state === 'working'
        ? 'stateWorking'
        : state === 'proposed'
          ? 'stateProposed'
          : state === 'lost'
            ? 'stateLost'
            : state === 'accepted'
              ? 'stateAccepted'
              : state === 'skipped'
                ? 'stateSkipped'
                : 'stateFailed',
  );
}

/** What the plan would start with: the chosen items, their prompts, the estimate. */
export function planSummary(draft: PlanDraft): { count: number; estimateUsd: number | null; words: string } {
  const count = draft.chosen.filter(Boolean).length;
  const per = draft.plan.perImageUsd;
  const estimateUsd = per === null ? null : Math.round(count * per * 1e6) / 1e6;
  return {
    count,
    estimateUsd,
    words:
      estimateUsd === null
        ? t('planImagesUnpriced', { n: count })
        : t('planImages', { n: count, usd: formatUsd(estimateUsd) }),
  };
}

/** Whether a job is still going (an item to draw or to review). */
export function unfinished(view: Pick<JobView, 'items' | 'cancelled'> | null): boolean {
  return (
    !!view && !view.cancelled && view.items.some((i) => ['waiting', 'working', 'proposed', 'lost'].includes(i.state))
  );
}

/** Which file the job works on: the catalog's words (a deck's or a document's) are chosen by `docs`. */
export function jobWords(host: Host | null): { readonly docs: boolean } {
  return { docs: host === 'docs' };
}
