/**
 * The style slice: the document's style as the server keeps it (shared with everyone who edits the document),
 * the "not for this one" switch that sends the next generate or edit without it, and the editor's draft.
 */
import type { DeckStyle, DeckStyleView, NamedReference, StyleChangedMeanwhile, Wire } from '../../../src/shared/rpc';
import type { SharedAction } from '../../kernel/actions';
import type { Reducer } from '../../kernel/store';
import { t } from '../../kernel/words';

export interface StyleState {
  readonly view: Wire<DeckStyleView> | null;
  /** True for the next request only: it is sent with `style: false`. */
  readonly skipOnce: boolean;
  /** The editor's copy, while it is open. */
  readonly draft: DeckStyle | null;
  /** The document's named references the style may use (read when the editor opens). */
  readonly names: readonly Wire<NamedReference>[];
  /** The version the draft started from (null: no style yet): a save changes nothing if it is not current. */
  readonly base: string | null;
  /** A save found someone had saved since the draft started: theirs, waiting for the person's choice. */
  readonly changed: Wire<StyleChangedMeanwhile> | null;
}

/**
 * The server's limits (src/shared/requests.ts MAX_PALETTE, MAX_BRIEF_CHARS), copied: importing that module would
 * bring every request schema and valibot into the sidebar's bundle. A test keeps the copies equal.
 */
export const PALETTE_LIMIT = 8;
export const BRIEF_LIMIT = 600;

export const styleInitial: StyleState = {
  view: null,
  skipOnce: false,
  draft: null,
  names: [],
  base: null,
  changed: null,
};

export type StyleAction =
  | { readonly type: 'styleLoaded'; readonly view: Wire<DeckStyleView> | null }
  | { readonly type: 'styleSkipped'; readonly skip: boolean }
  | { readonly type: 'styleEditorOpened'; readonly names: readonly Wire<NamedReference>[] }
  | { readonly type: 'styleDraftChanged'; readonly change: Partial<DeckStyle> }
  | { readonly type: 'styleSaveRefused'; readonly changed: Wire<StyleChangedMeanwhile> }
  | { readonly type: 'styleTheirsTaken' }
  | { readonly type: 'styleEditorClosed' };

export const EMPTY_STYLE: DeckStyle = { brief: '', palette: [], references: [], on: true };

const copy = (style: DeckStyle): DeckStyle => ({
  brief: style.brief,
  palette: [...style.palette],
  references: [...style.references],
  on: style.on,
});

export const reduceStyle: Reducer<StyleState, StyleAction | SharedAction> = (state, action) => {
  switch (action.type) {
    case 'styleLoaded':
      return { ...state, view: action.view };
    case 'styleSkipped':
      return { ...state, skipOnce: action.skip };
    // The switch is for one request: once it has gone, the style applies again.
    case 'generateStarted':
    case 'editStarted':
      return state.skipOnce ? { ...state, skipOnce: false } : state;
    case 'styleEditorOpened':
      return {
        ...state,
        draft: copy(state.view ?? EMPTY_STYLE),
        names: action.names,
        base: state.view?.version ?? null,
        changed: null,
      };
    case 'styleDraftChanged':
      return state.draft ? { ...state, draft: { ...state.draft, ...action.change } } : state;
    // The document's style is theirs now: the chip shows it, the draft stays the person's own.
    case 'styleSaveRefused':
      return { ...state, view: action.changed.current, changed: action.changed };
    // Start again from theirs: the draft becomes their style, and a save starts from their version.
    case 'styleTheirsTaken':
      return state.changed
        ? {
            ...state,
            draft: copy(state.changed.current ?? EMPTY_STYLE),
            base: state.changed.seen,
            changed: null,
          }
        : state;
    case 'styleEditorClosed':
      return { ...state, draft: null, changed: null };
    default:
      return state;
  }
};

/** Whether the next request follows the style: it is set, on, and not switched off for this one. */
export function styleApplies(style: Pick<StyleState, 'view' | 'skipOnce'>): boolean {
  return !!style.view?.on && !style.skipOnce;
}

/** The `style` field of the next generate or edit request: only the switch is sent (the server reads the rest). */
export function styleField(style: Pick<StyleState, 'view' | 'skipOnce'>): { style?: false } {
  return style.view?.on && style.skipOnce ? { style: false } : {};
}

/** The chip's words: the brief's start, else what the style holds. */
export function chipWords(view: Pick<DeckStyle, 'brief' | 'palette' | 'references'>): string {
  const brief = view.brief.trim();
  if (brief) return brief.length > 40 ? `${brief.slice(0, 39)}…` : brief;
  const parts = [
    view.palette.length ? `${view.palette.length} colours` : '',
    view.references.length ? `${view.references.length} references` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'empty';
}

const HEX = /^#[0-9a-f]{6}$/;

/** A colour as the server takes it (#rrggbb, lower case), or null. "#ABC" and "abcdef" are read too. */
export function normalHex(value: string): string | null {
  let v = value.trim().toLowerCase();
  if (!v.startsWith('#')) v = `#${v}`;
  if (/^#[0-9a-f]{3}$/.test(v)) v = `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return HEX.test(v) ? v : null;
}

/** What the editor would save, or the first thing to fix. */
export function checkedDraft(draft: DeckStyle): { style: DeckStyle } | { problem: string } {
  const palette: string[] = [];
  for (const colour of draft.palette) {
    const hex = normalHex(colour);
    if (!hex) return { problem: t('notAColour', { colour }) };
    if (!palette.includes(hex)) palette.push(hex);
  }
  return { style: { ...draft, brief: draft.brief.trim(), palette } };
}

/** The style is the deck's in Slides and the document's in Docs: headings say which. */
export function styleTitle(host: 'slides' | 'docs' | null): string {
  return t(host === 'docs' ? 'styleDocs' : 'styleSlides');
}
