/**
 * The deck's style: what a person sets once for a document, and the standing rules every image made
 * or edited in it then follows. Pure: the server reads and writes the stored JSON (document property
 * `peel.style`, under the document lock); this parses it, words it for Gemini and says what changed.
 *
 * Stored compactly (short keys) because every Generate reads the whole document store in one getProperties:
 * `{ b: brief, p: palette, r: reference names, on, ch: [{ t: epoch ms, u: user hash, w: what }] }`.
 */
import { userHash } from './conversation/thread';
import { utf8Length } from './gemini/request';
import { tidy, truncate } from './prompts';

export const STYLE_PROPERTY = 'peel.style';
/** Apps Script allows 9 KB per value; 8 KB leaves room, and a style near it is far past what anyone writes. */
export const MAX_STYLE_BYTES = 8 * 1024;
export const MAX_STYLE_CHANGES = 10;
export const MAX_STYLE_BRIEF_CHARS = 600;
export const MAX_STYLE_COLOURS = 8;
export const MAX_STYLE_REFERENCES = 14;
const MAX_NAME_CHARS = 40;
/** The salt of the user hash a style change records (not linkable to the hashes threads record). */
export const STYLE_HASH_SALT = 'peel.style';

/** What a person sets as the document's style (the sidebar's DeckStyle, src/shared/rpc.ts). */
export interface Style {
  /** Medium, mood, lighting, what to avoid. */
  readonly brief: string;
  /** `#rrggbb`, lower case, de-duplicated, at most 8. */
  readonly palette: readonly string[];
  /** Names of the document's named references that carry the style. */
  readonly references: readonly string[];
  /** Off: kept, but no request follows it. */
  readonly on: boolean;
}

export interface StyleChange {
  /** Epoch ms. */
  readonly t: number;
  /** userHash(callerId, STYLE_HASH_SALT). */
  readonly u: string;
  readonly w: string;
}

export interface StoredStyle extends Style {
  /** Newest first, at most MAX_STYLE_CHANGES. */
  readonly changes: readonly StyleChange[];
}

const HEX = /^#[0-9a-f]{6}$/;

/** A style as stored: trimmed brief, lower-case unique colours, unique names (case-insensitively), all bounded. */
export function normaliseStyle(style: Style): Style {
  const palette = style.palette
    .map((c) => c.trim().toLowerCase())
    .filter((c, i, all) => HEX.test(c) && all.indexOf(c) === i)
    .slice(0, MAX_STYLE_COLOURS);
  const seen = new Set<string>();
  const references: string[] = [];
  for (const raw of style.references) {
    const name = raw.trim().slice(0, MAX_NAME_CHARS);
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    references.push(name);
  }
  return {
    brief: truncate(tidy(style.brief), MAX_STYLE_BRIEF_CHARS),
    palette,
    references: references.slice(0, MAX_STYLE_REFERENCES),
    on: style.on === true,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The stored style, or null when there is none or it is unreadable (a style is never worth failing a request). */
export function parseStyle(text: string | null | undefined): StoredStyle | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const style = normaliseStyle({
    brief: typeof o.b === 'string' ? o.b : '',
    palette: strings(o.p),
    references: strings(o.r),
    on: o.on === true,
  });
  const changes = (Array.isArray(o.ch) ? o.ch : [])
    .filter(
      (c): c is StyleChange =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as StyleChange).t === 'number' &&
        typeof (c as StyleChange).u === 'string' &&
        typeof (c as StyleChange).w === 'string',
    )
    .slice(0, MAX_STYLE_CHANGES);
  return { ...style, changes };
}

export function serializeStyle(style: StoredStyle): string {
  return JSON.stringify({
    b: style.brief,
    p: style.palette,
    r: style.references,
    on: style.on,
    ch: style.changes.map((c) => ({ t: c.t, u: c.u, w: c.w })),
  });
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a save changes, in words the history shows: "Style set", "Brief changed", "Turned off"… Empty when nothing. */
export function styleChanges(before: Style | null, after: Style): string[] {
  if (!before) return [after.on ? 'Style set' : 'Style set (off)'];
  const what: string[] = [];
  if (before.brief !== after.brief) what.push('Brief changed');
  if (!same(before.palette, after.palette)) what.push('Palette changed');
  if (!same(before.references, after.references)) what.push('References changed');
  if (before.on !== after.on) what.push(after.on ? 'Turned on' : 'Turned off');
  return what;
}

/**
 * The stored style after a save: the new style, and (when something changed) one change entry at the front,
 * naming everything that changed. Oldest entries are dropped past MAX_STYLE_CHANGES or MAX_STYLE_BYTES.
 */
export function savedStyle(
  before: StoredStyle | null,
  next: Style,
  who: string,
  at: number,
): { stored: StoredStyle; changed: boolean } {
  const style = normaliseStyle(next);
  const what = styleChanges(before, style);
  const changes = what.length > 0 ? [{ t: at, u: who, w: what.join(', ') }, ...(before?.changes ?? [])] : [];
  let stored: StoredStyle = {
    ...style,
    changes: (what.length > 0 ? changes : (before?.changes ?? [])).slice(0, MAX_STYLE_CHANGES),
  };
  while (styleBytes(stored) > MAX_STYLE_BYTES && stored.changes.length > 1) {
    stored = { ...stored, changes: stored.changes.slice(0, -1) };
  }
  return { stored, changed: what.length > 0 };
}

/**
 * The version of a stored style a save starts from: a hash of all of it, its change log included, so every save
 * that changed something (anyone's, in any window) gives a new one. Null: no style was ever set.
 */
export function styleVersion(stored: StoredStyle | null): string | null {
  return stored ? userHash(serializeStyle(stored), STYLE_VERSION_SALT) : null;
}
const STYLE_VERSION_SALT = 'peel.style.version';

/**
 * A save, planned from the style as stored now and the version the person's editor started from (`seen`).
 * When someone saved since, nothing is written (`changed`): a save planned from a stale style would silently
 * undo their changes and record them under the wrong name. A stale save that asks for exactly what is stored
 * now overwrites nothing, so it goes through (and records nothing).
 */
export type PlannedStyleSave =
  | { readonly kind: 'saved'; readonly stored: StoredStyle; readonly changed: boolean }
  | { readonly kind: 'changed'; readonly current: StoredStyle | null };

export function planStyleSave(
  before: StoredStyle | null,
  next: Style,
  seen: string | null,
  who: string,
  at: number,
): PlannedStyleSave {
  const saved = savedStyle(before, next, who, at);
  if (styleVersion(before) !== seen && saved.changed) return { kind: 'changed', current: before };
  return { kind: 'saved', ...saved };
}

export function styleBytes(style: StoredStyle): number {
  return utf8Length(serializeStyle(style));
}

// ---------------------------------------------------------------------------------------------------------
// Wording

/** Hue names by upper bound in degrees: a model follows "dark teal (#0e6e6e)" better than a bare hex. */
const HUES: readonly (readonly [number, string])[] = [
  [12, 'red'],
  [40, 'orange'],
  [52, 'amber'],
  [68, 'yellow'],
  [90, 'lime green'],
  [160, 'green'],
  [185, 'teal'],
  [200, 'cyan'],
  [250, 'blue'],
  [280, 'violet'],
  [320, 'purple'],
  [345, 'pink'],
  [360, 'red'],
];

/** A plain name for `#rrggbb`: greys by lightness, else a hue with "dark" or "light" (and brown for dark orange). */
export function colourName(hex: string): string {
  const r = Number.parseInt(hex.slice(1, 3), 16) / 255;
  const g = Number.parseInt(hex.slice(3, 5), 16) / 255;
  const b = Number.parseInt(hex.slice(5, 7), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  if (s < 0.15 || l < 0.07 || l > 0.96) {
    if (l < 0.1) return 'black';
    if (l < 0.3) return 'charcoal';
    if (l < 0.6) return 'grey';
    if (l < 0.9) return 'light grey';
    return l < 0.97 ? 'off-white' : 'white';
  }
  let h = 0;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  const hue = HUES.find(([bound]) => h < bound)?.[1] ?? 'red';
  if ((hue === 'orange' || hue === 'amber') && l < 0.4) return 'brown';
  if (l < 0.35) return `dark ${hue}`;
  if (l > 0.75) return `light ${hue}`;
  return hue;
}

const AVOID = /^(?:avoid|no|never|don[’']?t|do not|without)\b[:\s]*/i;

/** The brief's sentences that say what to avoid, and the rest. */
function splitBrief(brief: string): { follow: string[]; avoid: string[] } {
  const follow: string[] = [];
  const avoid: string[] = [];
  for (const sentence of brief.split(/(?<=[.!;])\s+|\n+/)) {
    const s = sentence.trim();
    if (s === '') continue;
    if (AVOID.test(s)) avoid.push(s.replace(AVOID, '').replace(/[.!;]+$/, ''));
    else follow.push(s);
  }
  return { follow, avoid };
}

/**
 * The style as standing rules for one request (ImageRequest.rules), or '' when there is nothing to follow.
 * `referenceCount` images at the end of the request carry the style (their place in the request is the caller's).
 */
export function styleRules(style: Style, referenceCount = 0): string {
  const { follow, avoid } = splitBrief(style.brief);
  const lines: string[] = [];
  if (follow.length > 0) lines.push(`Follow this deck's visual style: ${follow.join(' ')}`);
  if (style.palette.length > 0) {
    const colours = style.palette.map((hex) => `${colourName(hex)} (${hex})`).join(', ');
    lines.push(`Use the deck's palette: ${colours}.`);
  }
  if (referenceCount > 0) {
    lines.push(
      referenceCount === 1
        ? 'The last image attached shows the deck’s style: match its look, not its content.'
        : `The last ${referenceCount} images attached show the deck’s style: match their look, not their content.`,
    );
  }
  if (avoid.length > 0) lines.push(`Avoid: ${avoid.join('; ')}.`);
  if (lines.length === 0) return '';
  return ['Deck style (applies to every image in this document):', ...lines].join('\n');
}

/** Whether a request should carry the style: it is on and says something. */
export function styleApplies(style: Style | null, wanted: boolean | undefined): style is Style {
  return (
    wanted !== false &&
    style !== null &&
    style.on &&
    (style.brief !== '' || style.palette.length > 0 || style.references.length > 0)
  );
}

/** A restyle item's instruction: the picture redrawn in the deck's style (the rules carry the style itself). */
export const RESTYLE_INSTRUCTION =
  'Redraw this picture in the deck’s style: keep its subject, composition and framing, change only its look ' +
  '(medium, colours, lighting) to match the style. Add no text.';
