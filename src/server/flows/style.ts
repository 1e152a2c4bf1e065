/**
 * The document's style: one document property, `peel.style` (core/deck-style.ts has its shape and
 * wording), shared by everyone who edits the document, written under the document lock by a read-modify-write
 * so a collaborator's save is never lost, and read by every Generate and Edit from the snapshot of the store
 * they take anyway.
 */
import { userHash } from '../../core/conversation/thread';
import {
  parseStyle,
  planStyleSave,
  STYLE_HASH_SALT,
  STYLE_PROPERTY,
  type StoredStyle,
  serializeStyle,
  styleVersion,
} from '../../core/deck-style';
import { detailOf, PeelError } from '../../core/errors';
import type { SaveStyleRequest } from '../../shared/requests';
import type { DeckStyleView, SaveStyleResult, StyleChangedMeanwhile } from '../../shared/rpc';
import { activeFile } from '../platform/active';
import { openDocumentStore } from '../platform/document-store';
import { callerId } from '../platform/identity';
import { forgetShown } from '../spine/shown';

function view(stored: StoredStyle, me: string): DeckStyleView {
  return {
    brief: stored.brief,
    palette: [...stored.palette],
    references: [...stored.references],
    on: stored.on,
    changes: stored.changes.map((c) => ({ at: c.t, who: c.u === me ? 'you' : 'collaborator', what: c.w })),
    version: styleVersion(stored) ?? '',
  };
}

const myHash = () => userHash(callerId(), STYLE_HASH_SALT);

/** The document's style as the sidebar shows it, or null when none was ever set (or outside a document). */
export function deckStyle(): DeckStyleView | null {
  const store = openDocumentStore();
  const stored = store ? parseStyle(store.read()[STYLE_PROPERTY]) : null;
  return stored ? view(stored, myHash()) : null;
}

/** Who saved the style last, in the words of the change log, for a save that found it changed. */
function changedMeanwhile(current: StoredStyle | null, me: string): StyleChangedMeanwhile {
  const last = current?.changes[0];
  const by = last ? (last.u === me ? 'you' : 'collaborator') : 'unknown';
  const what = last ? ` (${last.w})` : '';
  const message =
    by === 'you'
      ? `You saved this document’s style in another window since you opened it here${what}, so this save changed nothing.`
      : by === 'collaborator'
        ? `A collaborator saved this document’s style since you opened it${what}, so your save changed nothing.`
        : 'This document’s style changed since you opened it, so your save changed nothing.';
  return {
    kind: 'changed',
    seen: styleVersion(current),
    by,
    at: last?.t ?? null,
    message,
    current: current ? view(current, me) : null,
  };
}

/**
 * Saves the style for everyone, if it is still the version the editor started from (`seen`); a save that changes
 * nothing writes nothing and records nothing.
 */
export function saveStyle(request: SaveStyleRequest): SaveStyleResult {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', detailOf('openFromDocument'));
  const me = myHash();
  const planned = store.update((current) => {
    const plan = planStyleSave(parseStyle(current[STYLE_PROPERTY]), request.style, request.seen, me, Date.now());
    const write = plan.kind === 'saved' && plan.changed;
    return { change: write ? { set: { [STYLE_PROPERTY]: serializeStyle(plan.stored) } } : {}, result: plan };
  });
  if (planned.kind === 'changed') return changedMeanwhile(planned.current, me);
  // The person's next Generate draws with what they just saved, not with the reading from before it.
  if (planned.changed) forgetShown();
  return { kind: 'saved', view: view(planned.stored, me) };
}

/** Google Docs has no theme to read; a neutral set a person edits (ink, greys, one blue, one warm accent). */
export const DOCS_PALETTE: readonly string[] = ['#202124', '#5f6368', '#dadce0', '#f8f9fa', '#1a73e8', '#f9ab00'];

/** The order a theme's colours are offered in: the accents are the palette, then the second dark and light. */
const THEME_ORDER = [
  'ACCENT1',
  'ACCENT2',
  'ACCENT3',
  'ACCENT4',
  'ACCENT5',
  'ACCENT6',
  'DARK2',
  'LIGHT2',
  'DARK1',
  'LIGHT1',
];

/**
 * Slides: the theme's colour scheme, read from the first slide (a slide's scheme is its master's; a deck with
 * several masters gets the first slide's). De-duplicated, #rrggbb, at most 8. Docs: DOCS_PALETTE.
 */
export function proposedPalette(): string[] {
  const file = activeFile();
  if (file.host === 'docs') return [...DOCS_PALETTE];
  const [first] = file.presentation.getSlides();
  if (!first) return [...DOCS_PALETTE];
  const scheme = first.getColorScheme();
  const colours: string[] = [];
  for (const name of THEME_ORDER) {
    let hex: string;
    try {
      const color = scheme.getConcreteColor(name as unknown as GoogleAppsScript.Slides.ThemeColorType);
      if (String(color.getColorType()) !== 'RGB') continue;
      hex = color.asRgbColor().asHexString().toLowerCase();
    } catch {
      // A theme without this colour: the others are the palette.
      continue;
    }
    if (/^#[0-9a-f]{6}$/.test(hex) && !colours.includes(hex)) colours.push(hex);
  }
  return colours.slice(0, 8);
}
