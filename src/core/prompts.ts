/**
 * The words Peel writes for the user: the "Illustrate this" prompts composed from a slide or a selection, and the
 * alt text of an inserted image. Pure, so every wording is tested without a document.
 *
 * Peel never flattens a slide into a picture: the slide keeps its own text, and the image only illustrates the
 * ideas. So every composed prompt says plainly that the picture must carry no lettering at all.
 */

import {
  DOC_LEAD,
  NO_TEXT_RULE,
  NOTES_LABEL,
  PASSAGE_LABEL,
  promptLines,
  SLIDE_LEAD,
  subjectOf,
  TEXT_LABEL,
  TITLE_LABEL,
  tidy,
  titleOf,
  truncateWith,
} from './alt-title';
import type { Language } from './i18n';
import { cleanText, cutAt } from './text';

export { MAX_ALT_TITLE_CHARS, NO_TEXT_RULE, subjectOf, tidy } from './alt-title';

// Long enough to carry a slide's substance, short enough that a prompt stays readable in the sidebar.
export const MAX_TITLE_CHARS = 200;
export const MAX_BODY_CHARS = 1500;
export const MAX_NOTES_CHARS = 1000;
export const MAX_SELECTION_CHARS = 3000;
/** Alt text: a description of a few sentences. */
export const MAX_ALT_DESCRIPTION_CHARS = 1000;
const MAX_ALT_MODEL_CHARS = 300;

/**
 * At most `max` characters, cut at a word boundary where one is near, with an ellipsis when cut; never inside
 * an emoji, a flag or a letter with its accents.
 */
export function truncate(text: string, max: number): string {
  return truncateWith(text, max, cutAt);
}

export interface SlideText {
  readonly title: string;
  /** The other text boxes, in the slide's order. */
  readonly body: readonly string[];
  /** Only when the user asked for them. */
  readonly notes?: string;
}

/** True when the slide offers something to illustrate. */
export function hasSlideText(slide: SlideText): boolean {
  return tidy(slide.title) !== '' || slide.body.some((b) => tidy(b) !== '') || tidy(slide.notes ?? '') !== '';
}

export function composeSlidePrompt(slide: SlideText): string {
  const title = truncate(tidy(slide.title), MAX_TITLE_CHARS);
  const body = truncate(
    slide.body
      .map(tidy)
      .filter((b) => b !== '')
      .join('\n'),
    MAX_BODY_CHARS,
  );
  const notes = truncate(tidy(slide.notes ?? ''), MAX_NOTES_CHARS);
  const parts = [SLIDE_LEAD, ''];
  if (title) parts.push(`${TITLE_LABEL} ${title}`);
  if (body) parts.push(`${TEXT_LABEL}\n${body}`);
  if (notes) parts.push(`${NOTES_LABEL}\n${notes}`);
  parts.push('', NO_TEXT_RULE);
  return parts.join('\n');
}

export function composeDocPrompt(selection: string): string {
  const passage = truncate(tidy(selection), MAX_SELECTION_CHARS);
  return [DOC_LEAD, '', `${PASSAGE_LABEL}\n${passage}`, '', NO_TEXT_RULE].join('\n');
}

export interface AltText {
  readonly title: string;
  readonly description: string;
}

/** A sentence ends with punctuation; a bullet line from a slide often does not. */
function sentence(line: string): string {
  return /[.!?…:;]$/.test(line) ? line : `${line}.`;
}

/**
 * What the model says besides the image, kept only where it describes the picture: greetings, offers and
 * "Here is the image you asked for" are chatter, not description.
 */
const CHATTER =
  /^(?:here(?:'s|’s| is| are)\b|sure\b|certainly\b|of course\b|okay\b|ok\b|absolutely\b|great\b|i(?:'ve|’ve| have)? (?:made|created|generated|drawn|produced|added|updated|edited)\b|i hope\b|let me know\b|enjoy\b|feel free\b|would you like\b|do you want\b|if you(?:'d|’d| would)? like\b)/i;

export function withoutChatter(modelText: string): string {
  return modelText
    .split(/(?<=[.!?])\s+|\n+/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !CHATTER.test(part))
    .join(' ');
}

/**
 * Alt descriptions Peel writes start with its lead, in the language it writes them in; a description starting
 * with any of these is Peel's, whoever's language it was written in, and anything else was written by a person
 * and is theirs.
 */
export const ALT_LEADS: Readonly<Record<Language, string>> = {
  en: 'AI-generated image.',
  de: 'KI-generiertes Bild.',
  es: 'Imagen generada por IA.',
  fr: 'Image générée par IA.',
  ja: 'AI 生成画像。',
  'pt-BR': 'Imagem gerada por IA.',
};
export const ALT_LEAD = ALT_LEADS.en;

/** The lead a description of Peel's starts with, in whichever language; null for a person's own words. */
export function altLeadOf(description: string): string | null {
  return Object.values(ALT_LEADS).find((lead) => description.startsWith(lead)) ?? null;
}

/**
 * Alt text from the prompt the image was made from and the model's own words, the one builder for both
 * editors. Peel's instructions and labels are left out, and so are speaker notes (they say what will be
 * spoken, not what is shown): a screen reader user wants the subject, not "must contain no text". The title
 * names what the image shows (a composed prompt's slide title, else the instruction's subject); the
 * description adds the model's words without its chatter. Everything is cleaned of control and bidi
 * characters and cut on grapheme boundaries. `existing`, a replaced picture's description, is kept when a
 * person wrote it. Peel's lead is in `language` (the person's); the prompt's and the model's words stay in theirs.
 */
export function altText(prompt: string, modelText?: string, existing?: string, language: Language = 'en'): AltText {
  const read = promptLines(tidy(cleanText(prompt)));
  const title = titleOf(read, cutAt);
  const pieces = read.lines.map(sentence);
  const whole = subjectOf(read.lines[0] ?? '');
  const subject = read.slideTitle || pieces.length > 1 ? pieces.join(' ') : whole ? sentence(whole) : '';
  const words = withoutChatter(tidy(cleanText(modelText ?? '')));
  const said = words ? ` ${truncate(words, MAX_ALT_MODEL_CHARS)}` : '';
  const lead = `${ALT_LEADS[language]} `;
  const room = Math.max(40, MAX_ALT_DESCRIPTION_CHARS - said.length - lead.length);
  const description = `${lead}${truncate(subject, room)}${said}`.trim();
  return keepingDescription({ title, description }, existing ?? '');
}

/** Alt text without Peel's "AI-generated image." lead, for an organization that does not mark AI pictures. */
export function unmarked(alt: AltText): AltText {
  const lead = altLeadOf(alt.description);
  return lead ? { title: alt.title, description: alt.description.slice(lead.length).trim() } : alt;
}

/** The title alone: what an image made from `prompt` is called in its alt text (and in the sidebar's preview). */
export function altTitle(prompt: string): string {
  return titleOf(promptLines(tidy(cleanText(prompt))), cutAt);
}

/**
 * On replace, the picture's description stays when a person wrote it (it is not one of Peel's): they chose
 * those words for this spot in their document. Cleaned and cut like Peel's own.
 */
export function keepingDescription(alt: AltText, existing: string): AltText {
  const kept = tidy(cleanText(existing));
  if (!kept || altLeadOf(kept)) return alt;
  return { title: alt.title, description: cutAt(kept, MAX_ALT_DESCRIPTION_CHARS) };
}
