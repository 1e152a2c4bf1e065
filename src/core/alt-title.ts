/**
 * What a picture made from a prompt is called: a composed prompt's slide title, else the subject of the
 * instruction. prompts.ts builds the inserted image's alt text from the same lines and the same title, cleaned
 * and cut on grapheme boundaries; the server sends that title with each new image, so the sidebar names its
 * previews without carrying any of this.
 */

/** Said in every composed prompt; also recognised (and left out) when the prompt becomes alt text. */
export const NO_TEXT_RULE =
  'The image must contain no text at all: no letters, words, numbers, captions, labels, signs or logos, and ' +
  'nothing copied from the text above. The text stays where it is; the picture only illustrates it.';

export const SLIDE_LEAD =
  'Create an illustration for a presentation slide. Show the ideas of the slide as one clear picture (a scene or ' +
  'a visual metaphor), not a diagram or a list of its words.';

export const DOC_LEAD =
  'Create an illustration for a document. Show the ideas of the passage below as one clear picture (a scene or ' +
  'a visual metaphor), not a diagram or a list of its words.';

export const TITLE_LABEL = 'Slide title:';
export const TEXT_LABEL = 'Slide text:';
export const NOTES_LABEL = 'Speaker notes (what the presenter will say):';
export const PASSAGE_LABEL = 'Passage:';
/** A document section's heading, in the prompt "Illustrate the document" composes for it (doc-sections.ts). */
export const HEADING_LABEL = 'Section heading:';

/** Lines Peel itself writes around the user's text, dropped from alt text. */
const INSTRUCTIONS: readonly string[] = [NO_TEXT_RULE, SLIDE_LEAD, DOC_LEAD];

/** Alt text: a title a screen reader announces in one breath. */
export const MAX_ALT_TITLE_CHARS = 100;

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
 * At most `max` characters, cut at a word boundary where one is near, with an ellipsis when cut; `cut` makes
 * the cut where no space is near.
 */
export function truncateWith(text: string, max: number, cut: (text: string, max: number) => string): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  // One character more than fits, so a cut that falls right before a space keeps its last word.
  const space = text.slice(0, room + 1).lastIndexOf(' ');
  const head = space >= room * 0.6 ? text.slice(0, space) : cut(text, room);
  return `${head.replace(/[\s,;:.-]+$/, '')}…`;
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

export interface PromptLines {
  /** What the picture shows, line by line, without Peel's instructions, labels or the speaker notes. */
  readonly lines: readonly string[];
  /** A composed prompt's slide title, when it has one. */
  readonly slideTitle: string | undefined;
}

/**
 * A tidied prompt read for alt text. Speaker notes are left out: they say what will be spoken, not what is
 * shown, and they come last in a composed prompt (what follows them is Peel's rule, dropped anyway).
 */
export function promptLines(tidied: string): PromptLines {
  const lines: string[] = [];
  let slideTitle: string | undefined;
  let inNotes = false;
  for (const raw of tidied.split('\n')) {
    if (raw.startsWith(NOTES_LABEL)) inNotes = true;
    if (inNotes || raw === '' || INSTRUCTIONS.includes(raw)) continue;
    let line = raw;
    for (const label of [TITLE_LABEL, TEXT_LABEL, PASSAGE_LABEL, HEADING_LABEL]) {
      if (line.startsWith(label)) line = line.slice(label.length).trim();
    }
    if (raw.startsWith(TITLE_LABEL) || raw.startsWith(HEADING_LABEL)) slideTitle = line;
    if (line) lines.push(line);
  }
  return { lines, slideTitle };
}

/** The title: the slide title, else the first sentence's subject; never empty. */
export function titleOf({ lines, slideTitle }: PromptLines, cut: (text: string, max: number) => string): string {
  const firstSentence = subjectOf((lines[0] ?? '').split(/(?<=[.!?])\s/)[0] ?? '');
  const title = truncateWith(slideTitle ? `Illustration: ${slideTitle}` : firstSentence, MAX_ALT_TITLE_CHARS, cut);
  return title || 'AI-generated image';
}
