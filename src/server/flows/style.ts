/**
 * The document's style: one document property, `peel.style` (core/deck-style.ts has its shape and
 * wording), shared by everyone who edits the document, written under the document lock by a read-modify-write
 * so a collaborator's save is never lost, and read by every Generate and Edit from the snapshot of the store
 * they take anyway.
 */
import { userHash } from '../../core/conversation/thread';
import {
  parseStyle,
  STYLE_HASH_SALT,
  STYLE_PROPERTY,
  type StoredStyle,
  savedStyle,
  serializeStyle,
} from '../../core/deck-style';
import { PeelError } from '../../core/errors';
import type { DeckStyle, DeckStyleView } from '../../shared/rpc';
import { activeFile } from '../platform/active';
import { openDocumentStore } from '../platform/document-store';
import { callerId } from '../platform/identity';

function view(stored: StoredStyle, me: string): DeckStyleView {
  return {
    brief: stored.brief,
    palette: [...stored.palette],
    references: [...stored.references],
    on: stored.on,
    changes: stored.changes.map((c) => ({ at: c.t, who: c.u === me ? 'you' : 'collaborator', what: c.w })),
  };
}

const myHash = () => userHash(callerId(), STYLE_HASH_SALT);

/** The document's style as the sidebar shows it, or null when none was ever set (or outside a document). */
export function deckStyle(): DeckStyleView | null {
  const store = openDocumentStore();
  const stored = store ? parseStyle(store.read()[STYLE_PROPERTY]) : null;
  return stored ? view(stored, myHash()) : null;
}

/** Saves the style for everyone; a save that changes nothing writes nothing and records nothing. */
export function saveStyle(style: DeckStyle): DeckStyleView {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', { detail: 'Open Peel from a document.' });
  const me = myHash();
  const stored = store.update((current) => {
    const { stored: next, changed } = savedStyle(parseStyle(current[STYLE_PROPERTY]), style, me, Date.now());
    return { change: changed ? { set: { [STYLE_PROPERTY]: serializeStyle(next) } } : {}, result: next };
  });
  return view(stored, me);
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
