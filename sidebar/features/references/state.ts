/**
 * The references slice: the tray of reference images for the next Generate or Edit (each with its
 * role, or the name it is pinned under), the document's named references, the document's images for the
 * picker, and whether the prompt in the box has been written for what is in the tray.
 *
 * The rule the person can rely on: what is sent is what the sidebar shows. With references in the tray, the
 * prompt as Generate sends it (the person's words with the wording naming each image by position and role) shows
 * live under the prompt, where it can be edited, and the first press sends it; it follows the tray and the words
 * until edited. An Edit's first press still writes that wording into the instruction box and stops.
 */
import {
  composeBlendPrompt,
  composeStyleTransferPrompt,
  type PromptReference,
  parseMentions,
  referenceLimitProblem,
} from '../../../src/core/references';
import type {
  DocumentImage,
  NamedReference,
  OfferedModel,
  ReferenceHandle,
  ReferenceRole,
  ReferenceUse,
  ThreadImage,
  Wire,
} from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import { type ChoiceSources, choices } from '../../kernel/model-choice';
import type { Reducer } from '../../kernel/store';
import { t } from '../../kernel/words';

export const ROLES: readonly { readonly role: ReferenceRole; readonly label: string }[] = [
  { role: 'subject', label: 'Subject or character' },
  { role: 'style', label: 'Style' },
  { role: 'scene', label: 'Object or scene' },
];

export type Thumb = Pick<Wire<ThreadImage>, 'mimeType' | 'base64' | 'pixelWidth' | 'pixelHeight'>;

export interface TrayItem {
  /** The tray's own key (stable while the item is there). */
  readonly key: number;
  /** Where it came from, for the person: "Slide 2, picture 1", "beach.jpg", "Mira". */
  readonly label: string;
  readonly role: ReferenceRole;
  /** Pinned under this name: requests carry the name and the server resolves it (same bytes every time). */
  readonly name: string | null;
  /** The handle kept for this user; null for a named reference whose picture has not come yet. */
  readonly handle: Wire<ReferenceHandle> | null;
  readonly thumb: Thumb | null;
}

/** Which box a prompt is written into: Generate's prompt, or the edit instruction (the picture is image 1). */
export type Mode = 'generate' | 'edit';

export interface Composed {
  /** The tray (and mode) the prompt was written for. */
  readonly signature: string;
  /** What the person had typed: writing again starts from it, so the image names are not repeated. */
  readonly instruction: string;
  /** What Peel wrote into the box. */
  readonly text: string;
}

export interface ReferencesState {
  readonly tray: readonly TrayItem[];
  readonly nextKey: number;
  readonly named: readonly Wire<NamedReference>[];
  /** Named references' pictures, asked for once per sidebar, by lower-case name. */
  readonly namedPictures: Readonly<Record<string, { readonly handle: Wire<ReferenceHandle>; readonly thumb: Thumb }>>;
  /** The document's images for the picker; null until asked for. */
  readonly documentImages: readonly Wire<DocumentImage>[] | null;
  /** How many adds are on their way (files being scaled, pictures being taken). */
  readonly adding: number;
  readonly composed: Composed | null;
  /** The one sentence about the tray (a refused file, a limit), or null. */
  readonly problem: string | null;
}

export const referencesInitial: ReferencesState = {
  tray: [],
  nextKey: 1,
  named: [],
  namedPictures: {},
  documentImages: null,
  adding: 0,
  composed: null,
  problem: null,
};

export type ReferencesAction =
  | { readonly type: 'referenceAdding'; readonly count: number }
  | {
      readonly type: 'referencesAdded';
      readonly items: readonly Omit<TrayItem, 'key'>[];
      /** How many of the adds announced by referenceAdding these end (also when none came). */
      readonly settled: number;
    }
  | { readonly type: 'referenceRemoved'; readonly key: number }
  /** The server had let an upload or a document picture go (REFERENCE_EXPIRED): the same bytes, kept again. */
  | { readonly type: 'referenceRenewed'; readonly key: number; readonly handle: Wire<ReferenceHandle> }
  | { readonly type: 'referenceRoleChosen'; readonly key: number; readonly role: ReferenceRole }
  | { readonly type: 'referenceProblem'; readonly problem: string | null }
  | { readonly type: 'namedLoaded'; readonly named: readonly Wire<NamedReference>[] }
  | { readonly type: 'namedAttached'; readonly name: string }
  | {
      readonly type: 'namedPicture';
      readonly name: string;
      readonly handle: Wire<ReferenceHandle>;
      readonly thumb: Thumb;
    }
  | { readonly type: 'referencePinned'; readonly key: number; readonly name: string; readonly role: ReferenceRole }
  | { readonly type: 'documentImagesLoaded'; readonly images: readonly Wire<DocumentImage>[] | null }
  | { readonly type: 'referencesComposed'; readonly composed: Composed }
  | { readonly type: 'trayCleared' };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function namedEntry(state: Pick<ReferencesState, 'named'>, name: string): Wire<NamedReference> | undefined {
  return state.named.find((n) => same(n.name, name));
}

/** A named reference as a tray item: its picture when this sidebar already has it. */
function namedItem(state: ReferencesState, entry: Wire<NamedReference>, key: number): TrayItem {
  const picture = state.namedPictures[entry.name.toLowerCase()];
  return {
    key,
    label: entry.name,
    role: entry.role,
    name: entry.name,
    handle: picture?.handle ?? null,
    thumb: picture?.thumb ?? null,
  };
}

/** Adds the named references not in the tray yet, as far as the model's limit allows. */
function attach(state: ReferencesState, names: readonly string[], limit: number): ReferencesState {
  let next = state;
  for (const name of names) {
    const entry = namedEntry(next, name);
    if (!entry || next.tray.some((i) => i.name !== null && same(i.name, entry.name))) continue;
    if (next.tray.length >= limit) {
      return { ...next, problem: t('trayFullFor', { limit, name: entry.name }) };
    }
    next = {
      ...next,
      tray: [...next.tray, namedItem(next, entry, next.nextKey)],
      nextKey: next.nextKey + 1,
      problem: null,
    };
  }
  return next;
}

/** The mentions a box's new text adds (typed `@Mira`), not those it already had. */
function newMentions(state: ReferencesState, before: string, after: string): string[] {
  const names = state.named.map((n) => n.name);
  if (names.length === 0 || !after.includes('@')) return [];
  const had = parseMentions(before, names).names;
  return parseMentions(after, names).names.filter((n) => !had.some((h) => same(h, n)));
}

/** What the references read beside their own slice: the model's limit, and the boxes a mention is typed in. */
export type ReferencesReads = ChoiceSources & {
  readonly compose: { readonly prompt: string };
  readonly thread: { readonly instruction: string };
};

export const reduceReferences: Reducer<ReferencesState, ReferencesAction | SharedAction, ReferencesReads> = (
  state,
  action,
  before,
) => {
  switch (action.type) {
    case 'referenceAdding':
      return { ...state, adding: state.adding + action.count, problem: null };
    case 'referencesAdded': {
      const items = action.items.map((item, i) => ({ ...item, key: state.nextKey + i }));
      return {
        ...state,
        tray: [...state.tray, ...items],
        nextKey: state.nextKey + items.length,
        adding: Math.max(0, state.adding - action.settled),
      };
    }
    case 'referenceRemoved':
      return { ...state, tray: state.tray.filter((i) => i.key !== action.key), problem: null };
    case 'referenceRoleChosen':
      return { ...state, tray: state.tray.map((i) => (i.key === action.key ? { ...i, role: action.role } : i)) };
    case 'referenceProblem':
      return { ...state, problem: action.problem };
    case 'namedLoaded': {
      // An unpinned name leaves its tray items as the pictures they are (their handles still work).
      const named = action.named;
      const tray = state.tray.map((i) =>
        i.name !== null && !named.some((n) => same(n.name, i.name ?? '')) ? { ...i, name: null } : i,
      );
      return { ...state, named, tray: tray.filter((i) => i.name !== null || i.handle !== null) };
    }
    case 'namedAttached':
      return attach(state, [action.name], trayLimit(before));
    case 'referenceRenewed':
      return {
        ...state,
        tray: state.tray.map((i) => (i.key === action.key && i.name === null ? { ...i, handle: action.handle } : i)),
      };
    case 'namedPicture': {
      const picture = { handle: action.handle, thumb: action.thumb };
      return {
        ...state,
        namedPictures: { ...state.namedPictures, [action.name.toLowerCase()]: picture },
        tray: state.tray.map((i) => (i.name !== null && same(i.name, action.name) ? { ...i, ...picture } : i)),
      };
    }
    case 'referencePinned': {
      const item = state.tray.find((i) => i.key === action.key);
      if (!item?.handle || !item.thumb) return state;
      const picture = { handle: item.handle, thumb: item.thumb };
      return {
        ...state,
        // Pinning again under a name that is in the tray replaces that item: it is the same reference now.
        tray: state.tray
          .filter((i) => i.key === action.key || i.name === null || !same(i.name, action.name))
          .map((i) => (i.key === action.key ? { ...i, name: action.name, label: action.name, role: action.role } : i)),
        namedPictures: { ...state.namedPictures, [action.name.toLowerCase()]: picture },
      };
    }
    case 'documentImagesLoaded':
      return { ...state, documentImages: action.images };
    case 'referencesComposed':
      return { ...state, composed: action.composed };
    case 'trayCleared':
      return { ...state, tray: [], composed: null, problem: null };
    case 'promptChanged':
      return attach(state, newMentions(state, before.compose.prompt, action.prompt), trayLimit(before));
    case 'instructionChanged':
      return attach(state, newMentions(state, before.thread.instruction, action.instruction), trayLimit(before));
    default:
      return state;
  }
};

/** The most references the chosen model takes (before the menu has loaded: the fewest any model takes). */
export function trayLimit(state: ChoiceSources): number {
  return choices(state).model?.maxReferenceImages ?? 3;
}

/** What a request carries for the tray: named references by name, the others by handle and role. */
export function referenceUses(tray: readonly TrayItem[]): ReferenceUse[] {
  return tray.flatMap((i): ReferenceUse[] => {
    if (i.name !== null) return [{ kind: 'named', name: i.name }];
    return i.handle ? [{ kind: 'handle', id: i.handle.id, role: i.role }] : [];
  });
}

/** The tray as the composed prompt names it, in request order. */
export function promptReferences(tray: readonly TrayItem[]): PromptReference[] {
  return tray.map((i) => (i.name !== null ? { role: i.role, name: i.name } : { role: i.role }));
}

export function signatureOf(tray: readonly TrayItem[], mode: Mode): string {
  // By tray key, not handle: a reference kept again (a new handle, the same picture) is the same reference.
  return JSON.stringify([mode, ...tray.map((i) => [i.name ?? i.key, i.role])]);
}

/** A prompt that names the images by number ("image 1 …") was written for references. */
const NAMES_IMAGES = /\bimages? 1\b/i;

/**
 * Whether the box must be written (again) before sending: there are references, and either the tray changed
 * since Peel last wrote it or the box no longer names the images (the person typed a new prompt).
 */
export function needsComposing(state: ReferencesState, mode: Mode, box: string): boolean {
  if (state.tray.length === 0) return false;
  return state.composed?.signature !== signatureOf(state.tray, mode) || !NAMES_IMAGES.test(box);
}

/** What the person meant, from the box: Peel's own text gives way to what they had typed before it. */
function instructionIn(state: ReferencesState, box: string): string {
  const composed = state.composed;
  if (composed && (box === composed.text || NAMES_IMAGES.test(box))) return composed.instruction;
  return parseMentions(
    box,
    state.named.map((n) => n.name),
  ).text.trim();
}

/** The blend prompt for the box: each image by position and role, then the person's words. */
export function blendComposition(state: ReferencesState, mode: Mode, box: string): Composed {
  const instruction = instructionIn(state, box);
  const text = composeBlendPrompt(instruction, promptReferences(state.tray), { editing: mode === 'edit' });
  return { signature: signatureOf(state.tray, mode), instruction, text };
}

/**
 * The prompt or instruction as it goes with the tray: the person's words with the wording naming each image, or
 * that wording as the person edited it under the box, while it was edited for this tray and these words.
 */
export function promptToSend(state: ReferencesState, box: string, mode: Mode): Composed {
  const live = blendComposition(state, mode, box);
  const kept = state.composed;
  return kept?.signature === live.signature && kept.instruction === live.instruction ? kept : live;
}

/**
 * Style transfer: the content of one image in the style of another, by their positions in the request (an
 * edit's picture is image 1, the tray follows it). `tray` already has the style item's role set to style.
 */
export function styleComposition(
  state: ReferencesState,
  tray: readonly TrayItem[],
  mode: Mode,
  box: string,
  contentKey: number | null,
  styleKey: number,
): Composed {
  const offset = mode === 'edit' ? 2 : 1;
  const position = (key: number | null) => (key === null ? 1 : tray.findIndex((i) => i.key === key) + offset);
  const name = (key: number | null) => tray.find((i) => i.key === key)?.name ?? undefined;
  const instruction = instructionIn(state, box);
  const named = (key: number | null) => {
    const n = name(key);
    return n ? { name: n } : {};
  };
  const text = composeStyleTransferPrompt(
    { position: position(contentKey), ...named(contentKey) },
    { position: position(styleKey), ...named(styleKey) },
    instruction,
  );
  return { signature: signatureOf(tray, mode), instruction, text };
}

/**
 * The first limit the tray breaks for this model, in words, or null. An edit's own picture counts as one of the
 * model's images (`editedBytes`: its size), so it is counted first.
 */
export function limitProblem(
  tray: readonly TrayItem[],
  model: Pick<OfferedModel, 'displayName' | 'maxReferenceImages'>,
  editedBytes: number | null = null,
): string | null {
  const sizes = tray.map((i) => i.handle?.bytes ?? 0);
  const counted = editedBytes === null ? sizes : [editedBytes, ...sizes];
  const breach = referenceLimitProblem(model.displayName, model.maxReferenceImages, counted);
  if (!breach) return null;
  const { key, params } = breach;
  return t(key === 'limitCount' ? 'limitCount' : key === 'limitEach' ? 'limitEach' : 'limitRequest', params);
}

/** Decoded bytes of the tray's pictures (those known). */
export function trayBytes(tray: readonly TrayItem[]): number {
  return tray.reduce((sum, i) => sum + (i.handle?.bytes ?? 0), 0);
}
