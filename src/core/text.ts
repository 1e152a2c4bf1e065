/**
 * Text that is safe to write into a document: no control characters, no bidi overrides or isolates, no lone
 * surrogates, and cuts that never split a character a reader sees as one (an emoji with its modifiers, a letter
 * with its accents, a flag). Apps Script's V8 is not documented to have Intl.Segmenter (Google lists no Intl
 * support beyond the ECMAScript core), so grapheme boundaries are found here with Unicode property escapes, which
 * every V8 since 2018 has.
 */

// C0 and C1 controls except tab and newline, DEL, and the bidi embeddings, overrides, isolates and marks that
// could reorder the text around them (the "Trojan Source" characters), plus the BOM.
// Built from a string: a regex literal of control characters is what linters rightly flag elsewhere.
export const CONTROL_CHARACTERS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff';
const CONTROLS = new RegExp(`[${CONTROL_CHARACTERS}]`, 'g');
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without controls, bidi formatting or lone surrogates; tabs become spaces, line ends `\n`. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029|\v|\f/g, '\n')
    .replace(/\t/g, ' ')
    .replace(LONE_SURROGATES, '')
    .replace(CONTROLS, '');
}

/** Code points that attach to the one before them: marks, joiners, variation selectors, skin tones, tags. */
const EXTENDS =
  /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|[\u{e0020}-\u{e007f}]|[\u1160-\u11ff])$/u;
const REGIONAL = /^[\u{1f1e6}-\u{1f1ff}]$/u;

function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.slice(index - 1, index);
}

/** True when a cut at `index` leaves every user-perceived character whole. */
export function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const code = text.charCodeAt(index);
  const before = text.charCodeAt(index - 1);
  if (code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return false;
  if (before === 0x0d && code === 0x0a) return false;
  const next = String.fromCodePoint(text.codePointAt(index) ?? 0);
  if (EXTENDS.test(next)) return false;
  const previous = codePointBefore(text, index);
  if (previous === '\u200d') return false;
  if (REGIONAL.test(next) && REGIONAL.test(previous)) {
    // Flags are pairs: a cut between two regional indicators is inside a flag when an odd number precede it.
    let count = 0;
    let at = index;
    while (at > 0 && REGIONAL.test(codePointBefore(text, at))) {
      count++;
      at -= codePointBefore(text, at).length;
    }
    return count % 2 === 0;
  }
  return true;
}

/** The longest start of `text` at most `max` UTF-16 units long that ends on a grapheme boundary. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  while (end > 0 && !isGraphemeBoundary(text, end)) end--;
  return text.slice(0, end);
}
