/**
 * A document's sections, for "Illustrate the document": a section is a HEADING1 or HEADING2 paragraph of the body
 * and what follows it until the next one. Pure: the server reads the body's blocks (platform/docs.ts) and this
 * says where each section's picture goes and what its prompt is made of.
 *
 * A job keeps a section by its heading's words and how many headings with the same words come before it
 * (`h:0:Water use`), not by its position: sections added or removed elsewhere, or pictures accepted into other
 * sections meanwhile, leave the key naming the same section. A section whose heading was reworded or deleted is
 * gone, and its item says so rather than placing a picture under another heading.
 */
import { DOC_LEAD, HEADING_LABEL, NO_TEXT_RULE, PASSAGE_LABEL, tidy, truncateWith } from './alt-title';
import { inEnglish } from './errors';
import type { Say } from './i18n';
import { cutAt } from './text';

export interface DocBlock {
  /** A HEADING1 or HEADING2 paragraph starts a section; 'text' is any other paragraph or a list item. */
  readonly kind: 'heading' | 'text' | 'list' | 'table' | 'other';
  /** The block's own words (Paragraph.getText: never a footnote's, which live in their own section). */
  readonly text: string;
  /** An inline picture is in the block (or in one of its cells). */
  readonly picture: boolean;
}

export interface DocSection {
  readonly key: string;
  /** 1-based, among every section of the document. */
  readonly number: number;
  readonly heading: string;
  readonly headingIndex: number;
  /**
   * The block the picture goes after: the section's first paragraph with words (the whole list when it opens
   * with one, so no list is cut in two), or the heading itself when the section has no words.
   */
  readonly anchorIndex: number;
  /** The words of its first paragraphs, in order: what its prompt is made of. */
  readonly passage: readonly string[];
  readonly hasText: boolean;
  readonly hasPicture: boolean;
}

/** Enough of a heading to tell it from the others; 80 code points stay inside a request id's 200 UTF-16 units. */
const KEY_HEADING_CHARS = 80;
/** The first paragraphs: enough for a picture's subject, short enough to read in the plan. */
const PASSAGE_BLOCKS = 3;
const PASSAGE_CHARS = 1500;
const HEADING_CHARS = 200;

function keyText(heading: string): string {
  return Array.from(tidy(heading).replace(/\s+/g, ' ')).slice(0, KEY_HEADING_CHARS).join('');
}

/** The blocks' sections, in document order (every one, those without words too). */
export function docSections(blocks: readonly DocBlock[]): DocSection[] {
  const sections: DocSection[] = [];
  const seen = new Map<string, number>();
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading') return;
    const words = keyText(block.text);
    const occurrence = seen.get(words) ?? 0;
    seen.set(words, occurrence + 1);
    let end = index + 1;
    while (end < blocks.length && blocks[end]?.kind !== 'heading') end++;
    const body = blocks.slice(index + 1, end);
    const worded = (b: DocBlock) => (b.kind === 'text' || b.kind === 'list') && tidy(b.text) !== '';
    const first = body.findIndex(worded);
    let anchor = first;
    if (first >= 0 && body[first]?.kind === 'list') {
      while (body[anchor + 1]?.kind === 'list') anchor++;
    }
    sections.push({
      key: `h:${occurrence}:${words}`,
      number: sections.length + 1,
      heading: tidy(block.text),
      headingIndex: index,
      anchorIndex: first >= 0 ? index + 1 + anchor : index,
      passage: body
        .filter(worded)
        .slice(0, PASSAGE_BLOCKS)
        .map((b) => tidy(b.text)),
      hasText: first >= 0,
      hasPicture: body.some((b) => b.picture),
    });
  });
  return sections;
}

/** A block as the server reads it on demand: its kind at once, its words only when asked (a call each). */
export interface BlockReader {
  readonly kind: DocBlock['kind'];
  text(): string;
}

/** Where a key's section is now: as findSection(docSections(...)) says, without the fields a placement needs not. */
export type SectionPlace = Pick<DocSection, 'heading' | 'headingIndex' | 'anchorIndex'>;

/**
 * The section a job's key names, reading as little of the document as docSections' rules allow: every block's
 * kind up to the section's end, the words of headings only, and of the section's blocks until its first
 * paragraph with words. Accepting a picture for a section near the top of a long document reads that far and no
 * further. Null when the section is gone.
 */
export function locateSection(key: string, count: number, read: (index: number) => BlockReader): SectionPlace | null {
  const seen = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const block = read(index);
    if (block.kind !== 'heading') continue;
    const text = block.text();
    const words = keyText(text);
    const occurrence = seen.get(words) ?? 0;
    seen.set(words, occurrence + 1);
    if (`h:${occurrence}:${words}` !== key) continue;
    for (let next = index + 1; next < count; next++) {
      const candidate = read(next);
      if (candidate.kind === 'heading') break;
      if ((candidate.kind !== 'text' && candidate.kind !== 'list') || tidy(candidate.text()) === '') continue;
      let anchor = next;
      // A section that opens with a list keeps the whole list together, as docSections does.
      if (candidate.kind === 'list') while (anchor + 1 < count && read(anchor + 1).kind === 'list') anchor++;
      return { heading: tidy(text), headingIndex: index, anchorIndex: anchor };
    }
    return { heading: tidy(text), headingIndex: index, anchorIndex: index };
  }
  return null;
}

/** The section a job's key names, or null when it is no longer in the document. */
export function findSection(sections: readonly DocSection[], key: string): DocSection | null {
  return sections.find((section) => section.key === key) ?? null;
}

/** What the plan and the review list call a section. */
export function sectionLabel(section: Pick<DocSection, 'heading' | 'number'>, say: Say = inEnglish): string {
  const heading = truncateWith(section.heading.replace(/\s+/g, ' '), 60, cutAt);
  const n = String(section.number);
  return heading ? say('jobSection', { n, heading }) : say('jobSectionN', { n });
}

/** The prompt for a section's picture: its heading and its first paragraphs, never what the picture must not show. */
export function composeSectionPrompt(section: Pick<DocSection, 'heading' | 'passage'>): string {
  const heading = truncateWith(section.heading, HEADING_CHARS, cutAt);
  const passage = truncateWith(section.passage.join('\n'), PASSAGE_CHARS, cutAt);
  const parts = [DOC_LEAD, ''];
  if (heading) parts.push(`${HEADING_LABEL} ${heading}`);
  if (passage) parts.push(`${PASSAGE_LABEL}\n${passage}`);
  parts.push('', NO_TEXT_RULE);
  return parts.join('\n');
}
