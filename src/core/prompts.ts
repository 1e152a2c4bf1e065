/**
 * The words Peel writes for the user: the "Illustrate this" prompts composed from a slide or a selection, and the
 * alt text of an inserted image. Pure, so every wording is tested without a document.
 *
 * Peel never flattens a slide into a picture: the slide keeps its own text, and the image only illustrates the
 * ideas. So every composed prompt says plainly that the picture must carry no lettering at all.
 */

import { cleanText, cutAt } from './text';

/** Said in every composed prompt; also recognised (and left out) when the prompt becomes alt text. */
export const NO_TEXT_RULE =
  'The image must contain no text at all: no letters, words, numbers, captions, labels, signs or logos, and ' +
  'nothing copied from the text above. The text stays where it is; the picture only illustrates it.';

const SLIDE_LEAD =
  'Create an illustration for a presentation slide. Show the ideas of the slide as one clear picture (a scene or ' +
  'a visual metaphor), not a diagram or a list of its words.';

const DOC_LEAD =
  'Create an illustration for a document. Show the ideas of the passage below as one clear picture (a scene or ' +
  'a visual metaphor), not a diagram or a list of its words.';

const TITLE_LABEL = 'Slide title:';
const TEXT_LABEL = 'Slide text:';
const NOTES_LABEL = 'Speaker notes (what the presenter will say):';
const PASSAGE_LABEL = 'Passage:';

/** Lines Peel itself writes around the user's text, dropped from alt text. */
const INSTRUCTIONS: readonly string[] = [NO_TEXT_RULE, SLIDE_LEAD, DOC_LEAD];

// Long enough to carry a slide's substance, short enough that a prompt stays readable in the sidebar.
export const MAX_TITLE_CHARS = 200;
export const MAX_BODY_CHARS = 1500;
export const MAX_NOTES_CHARS = 1000;
export const MAX_SELECTION_CHARS = 3000;
/** Alt text: a title a screen reader announces in one breath, a description of a few sentences. */
export const MAX_ALT_TITLE_CHARS = 100;
export const MAX_ALT_DESCRIPTION_CHARS = 1000;
const MAX_ALT_MODEL_CHARS = 300;

/** Trailing spaces gone, runs of blank lines folded, each line trimmed: how text reads in a prompt. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?|\v|\u2028|\u2029/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

/**
 * At most `max` characters, cut at a word boundary where one is near, with an ellipsis when cut; never inside
 * an emoji, a flag or a letter with its accents.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  // One character more than fits, so a cut that falls right before a space keeps its last word.
  const space = text.slice(0, room + 1).lastIndexOf(' ');
  const head = space >= room * 0.6 ? text.slice(0, space) : cutAt(text, room);
  return `${head.replace(/[\s,;:.-]+$/, '')}…`;
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
 * Words that make a prompt an instruction rather than a name for the picture: "now", "please", the verb, and
 * "an image of". "now add a lake to it" names a lake; "Create a watercolour of a harbour" names a watercolour
 * of a harbour.
 */
const FILLER = /^(?:(?:now|then|and|ok(?:ay)?|please|also|can you|could you|would you|i want|i'd like)[\s,]+)*/i;
const VERB =
  /^(?:create|make|generate|draw|paint|render|design|produce|show(?: me)?|give me|add|put|insert|illustrate|picture|depict)\s+/i;
const FRAME =
  /^(?:(?:an?|the)\s+)?(?:image|picture|photo(?:graph)?|illustration|drawing|rendering|scene|graphic)\s+(?:of|showing|with|that shows)\s+/i;
const TAIL = /\s+(?:to|into|on|in)\s+(?:it|this|the (?:image|picture|photo|illustration))[.!]?$|[.!]+$/i;

/** A name for what an instruction asks to show: "now add a lake to it" → "A lake". */
export function subjectOf(instruction: string): string {
  const once = instruction.trim().replace(FILLER, '').replace(VERB, '').replace(FRAME, '').replace(TAIL, '').trim();
  return once ? once[0]?.toUpperCase() + once.slice(1) : '';
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

/** Alt descriptions Peel writes start with this; anything else was written by a person and is theirs. */
export const ALT_LEAD = 'AI-generated image.';

/**
 * Alt text from the prompt the image was made from and the model's own words, the one builder for both
 * editors. Peel's instructions and labels are left out, and so are speaker notes (they say what will be
 * spoken, not what is shown): a screen reader user wants the subject, not "must contain no text". The title
 * names what the image shows (a composed prompt's slide title, else the instruction's subject); the
 * description adds the model's words without its chatter. Everything is cleaned of control and bidi
 * characters and cut on grapheme boundaries. `existing`, a replaced picture's description, is kept when a
 * person wrote it.
 */
export function altText(prompt: string, modelText?: string, existing?: string): AltText {
  const pieces: string[] = [];
  let first: string | undefined;
  let slideTitle: string | undefined;
  let inNotes = false;
  for (const raw of tidy(cleanText(prompt)).split('\n')) {
    // Notes come last in a composed prompt; what follows them is Peel's rule, dropped anyway.
    if (raw.startsWith(NOTES_LABEL)) inNotes = true;
    if (inNotes || raw === '' || INSTRUCTIONS.includes(raw)) continue;
    let line = raw;
    for (const label of [TITLE_LABEL, TEXT_LABEL, PASSAGE_LABEL]) {
      if (line.startsWith(label)) line = line.slice(label.length).trim();
    }
    if (raw.startsWith(TITLE_LABEL)) slideTitle = line;
    if (!line) continue;
    first ??= line;
    pieces.push(sentence(line));
  }
  const firstSentence = subjectOf((first ?? '').split(/(?<=[.!?])\s/)[0] ?? '');
  const title = truncate(slideTitle ? `Illustration: ${slideTitle}` : firstSentence, MAX_ALT_TITLE_CHARS);

  const whole = subjectOf(first ?? '');
  const subject = slideTitle || pieces.length > 1 ? pieces.join(' ') : whole ? sentence(whole) : '';
  const words = withoutChatter(tidy(cleanText(modelText ?? '')));
  const said = words ? ` ${truncate(words, MAX_ALT_MODEL_CHARS)}` : '';
  const lead = `${ALT_LEAD} `;
  const room = Math.max(40, MAX_ALT_DESCRIPTION_CHARS - said.length - lead.length);
  const description = `${lead}${truncate(subject, room)}${said}`.trim();
  return keepingDescription({ title: title || 'AI-generated image', description }, existing ?? '');
}

/**
 * On replace, the picture's description stays when a person wrote it (it is not one of Peel's): they chose
 * those words for this spot in their document. Cleaned and cut like Peel's own.
 */
export function keepingDescription(alt: AltText, existing: string): AltText {
  const kept = tidy(cleanText(existing));
  if (!kept || kept.startsWith(ALT_LEAD)) return alt;
  return { title: alt.title, description: cutAt(kept, MAX_ALT_DESCRIPTION_CHARS) };
}

/**
 * A preview's alt text in the sidebar: which variant, then the same subject the inserted image's alt title
 * gives (short: it is read on every arrow key).
 */
export function previewAltText(prompt: string, index: number, count: number): string {
  const { title } = altText(prompt);
  return count === 1 ? `Generated image: ${title}` : `Variant ${index + 1} of ${count}: ${title}`;
}
