/**
 * Peel in Google Docs: where an image would go (cursor, selection, a selected inline image), putting it there
 * as an inline image that fits between the margins, and the selected words for "Illustrate this".
 *
 * Images go only into the body of the active tab, table cells included (a picture at a cursor in a cell stays
 * in that cell; after a selected paragraph in a cell, in a new paragraph of that cell). Footnotes take no images at all; headers and footers would
 * repeat a picture on every page, which is never what "insert here" means; a positioned (floating) image is not
 * an Element and leaves no selection Apps Script can see. All three are refused before anything changes.
 */
import { type BlockReader, type DocBlock, type DocSection, docSections, locateSection } from '../../core/doc-sections';
import { type DocsWidth, docsImageSizeAt } from '../../core/docs-width';
import { detailOf, PeelError, toldAs } from '../../core/errors';
import type { DocPage } from '../../core/geometry';
import { DOCS_DEFAULT_RATIO, docsContentWidth } from '../../core/geometry';
import type { ServerKey, Words } from '../../core/i18n';
import { EN_SERVER } from '../../core/i18n/en-server';
import type { AltText } from '../../core/prompts';
import { keepingDescription, truncate } from '../../core/prompts';
import type { InsertMode, InsertResult, Target } from '../../shared/rpc';

import { allOrNothing, type Undo } from './undo';

/** What an insert did; insert.ts adds the thread it starts. */
type Placed = Omit<InsertResult, 'threadId' | 'thread'>;

type Document = GoogleAppsScript.Document.Document;
type Element = GoogleAppsScript.Document.Element;
type InlineImage = GoogleAppsScript.Document.InlineImage;
type Paragraph = GoogleAppsScript.Document.Paragraph;
type ListItem = GoogleAppsScript.Document.ListItem;
type Blob = GoogleAppsScript.Base.Blob;

type Block = Paragraph | ListItem;
type Table = GoogleAppsScript.Document.Table;

/** How far up from a Text to its section: Text → Paragraph → (TableCell → TableRow → Table →) Body. */
const MAX_DEPTH = 8;

interface Located {
  /**
   * The paragraph or list item the element is in (or is), or the table it is when a selection ends with a whole
   * table: what a new paragraph goes after.
   */
  readonly block: Block | Table | null;
  /** BODY_SECTION, HEADER_SECTION, FOOTER_SECTION, FOOTNOTE_SECTION, or '' when the walk found none. */
  readonly section: string;
}

function locate(element: Element): Located {
  let block: Block | Table | null = null;
  let current: Element | null = element;
  for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
    const type = String(current.getType());
    if (type.endsWith('_SECTION')) return { block, section: type };
    if (!block && type === 'PARAGRAPH') block = current.asParagraph();
    else if (!block && type === 'LIST_ITEM') block = current.asListItem();
    else if (!block && type === 'TABLE') block = current.asTable();
    current = current.getParent() as Element | null;
  }
  return { block, section: '' };
}

/** Why an image cannot go into this section, or null for the body. */
function sectionProblem(section: string): ServerKey | null {
  if (section === 'BODY_SECTION') return null;
  if (section === 'FOOTNOTE_SECTION') return 'docsFootnote';
  if (section === 'HEADER_SECTION' || section === 'FOOTER_SECTION') return 'docsHeaderFooter';
  return 'docsWhere';
}

const NOTHING_SELECTED = 'docsClickWhere';

function problemTarget(label: ServerKey, problem: ServerKey): Target {
  return {
    host: 'docs',
    kind: 'none',
    ...toldAs('label', { key: label }),
    ratio: DOCS_DEFAULT_RATIO,
    canInsert: false,
    canReplace: false,
    canBackground: false,
    ...toldAs('problem', { key: problem }),
  };
}

/**
 * Where a picture goes for a caret: in the paragraph at the caret only when the paragraph holds no words (a line
 * the person left for it); otherwise in a new paragraph of its own after it (before it, for a caret at its very
 * start), so a picture never splits a sentence around itself.
 */
type Beside = 'inline' | 'before' | 'after';

type Place =
  | {
      readonly kind: 'cursor';
      readonly position: GoogleAppsScript.Document.Position;
      readonly block: Block | null;
      readonly beside: Beside;
    }
  | { readonly kind: 'paragraph'; readonly block: Block | Table }
  | { readonly kind: 'image'; readonly image: InlineImage; readonly block: Block }
  | { readonly kind: 'problem'; readonly label: ServerKey; readonly problem: ServerKey };

/**
 * Where the user is. A selection wins over the caret (Apps Script gives no caret while something is selected);
 * a selection of exactly one inline image is that image.
 */
function place(document: Document): Place {
  const selection = document.getSelection() as GoogleAppsScript.Document.Range | null;
  if (selection) {
    const elements = selection.getRangeElements();
    const last = elements[elements.length - 1]?.getElement();
    if (!last) return { kind: 'problem', label: 'docsNothingSelected', problem: NOTHING_SELECTED };
    const isImage = elements.length === 1 && String(last.getType()) === 'INLINE_IMAGE';
    const { block, section } = locate(last);
    const problem = sectionProblem(section);
    if (problem) return { kind: 'problem', label: 'docsNotInBody', problem };
    if (!block) return { kind: 'problem', label: 'docsUnsupported', problem: NOTHING_SELECTED };
    if (!isImage) return { kind: 'paragraph', block };
    // An inline image's parent is always a paragraph or list item.
    return { kind: 'image', image: last.asInlineImage(), block: block as Block };
  }
  const cursor = document.getCursor() as GoogleAppsScript.Document.Position | null;
  if (!cursor) return { kind: 'problem', label: 'docsNoCursor', problem: NOTHING_SELECTED };
  const located = locate(cursor.getElement());
  const problem = sectionProblem(located.section);
  if (problem) return { kind: 'problem', label: 'docsNotInBody', problem };
  // A caret is never on a table itself, only in a paragraph or list item (of a cell, perhaps).
  const block = located.block as Block | null;
  return { kind: 'cursor', position: cursor, block, beside: block ? besideCaret(cursor) : 'inline' };
}

function besideCaret(cursor: GoogleAppsScript.Document.Position): Beside {
  if (cursor.getSurroundingText().getText().trim() === '') return 'inline';
  return cursor.getSurroundingTextOffset() === 0 ? 'before' : 'after';
}

const CARET_LABELS: Readonly<Record<Beside, Words>> = {
  inline: { key: 'atCursor' },
  before: { key: 'beforeParagraph' },
  after: { key: 'afterParagraph' },
};

function afterLabel(block: Block | Table): Words {
  return { key: String(block.getType()) === 'TABLE' ? 'afterTable' : 'afterSelectedParagraph' };
}

export function docsTarget(document: Document): Target {
  const where = place(document);
  const common = { host: 'docs', canInsert: true, canBackground: false } as const;
  switch (where.kind) {
    case 'problem':
      return problemTarget(where.label, where.problem);
    case 'cursor':
      return {
        ...common,
        kind: 'cursor',
        ...toldAs('label', CARET_LABELS[where.beside]),
        ratio: DOCS_DEFAULT_RATIO,
        canReplace: false,
      };
    case 'paragraph':
      return {
        ...common,
        kind: 'paragraph',
        ...toldAs('label', afterLabel(where.block)),
        ratio: DOCS_DEFAULT_RATIO,
        canReplace: false,
      };
    case 'image': {
      const width = where.image.getWidth();
      const height = where.image.getHeight();
      const ratio = width > 0 && height > 0 ? width / height : DOCS_DEFAULT_RATIO;
      // The label says what Insert does; swapping the image in place is "Replace selected".
      return {
        ...common,
        kind: 'image',
        ...toldAs('label', { key: 'afterImageSwaps' }),
        ratio,
        canReplace: true,
      };
    }
  }
}

function docPage(document: Document): DocPage {
  const body = document.getBody();
  return {
    pageWidth: body.getPageWidth(),
    pageHeight: body.getPageHeight(),
    marginLeft: body.getMarginLeft(),
    marginRight: body.getMarginRight(),
    marginTop: body.getMarginTop(),
    marginBottom: body.getMarginBottom(),
  };
}

/**
 * Docs' default cell padding, 5 points a side (the editor's 0.069"), for a cell whose padding Apps Script gives
 * as null (never set).
 */
const CELL_PADDING = 5;

/**
 * The room, in points, a picture has in the table cell a paragraph is in, or undefined outside tables: the
 * cell's width when it has one set, else an even share of the text column (Docs' default columns), less its
 * padding. A picture as wide as the page would spill out of the cell.
 */
function cellColumn(block: Block | Table | null, page: DocPage): number | undefined {
  const parent = block?.getParent();
  if (!parent || String(parent.getType()) !== 'TABLE_CELL') return undefined;
  const cell = parent.asTableCell();
  const width = cell.getWidth() ?? docsContentWidth(page) / Math.max(1, cell.getParentRow().getNumCells());
  const padding = (cell.getPaddingLeft() ?? CELL_PADDING) + (cell.getPaddingRight() ?? CELL_PADDING);
  return Math.max(1, width - padding);
}

/** Refused where the selection is: a sentence of Peel's catalog, or placement's own words (core/placement). */
const unsupported = (detail: string | ServerKey): PeelError =>
  detail in EN_SERVER
    ? new PeelError('UNSUPPORTED_SELECTION', detail, detailOf(detail as ServerKey))
    : new PeelError('UNSUPPORTED_SELECTION', detail, { detail });

/**
 * A new, centred paragraph right after `block` (a paragraph, list item or table), or right before it, in the
 * same container (the body, or a table cell).
 */
function paragraphAfter(block: Block | Table, undo: Undo, before = false): Paragraph {
  const parent = block.getParent();
  const index = parent.getChildIndex(block) + (before ? 0 : 1);
  const type = String(parent.getType());
  let paragraph: Paragraph;
  if (type === 'BODY_SECTION') paragraph = parent.asBody().insertParagraph(index, '');
  else if (type === 'TABLE_CELL') paragraph = parent.asTableCell().insertParagraph(index, '');
  else throw unsupported('docsNoParagraph');
  // Removing the paragraph takes whatever went into it along.
  undo(() => paragraph.removeFromParent());
  return paragraph.setAlignment(DocumentApp.HorizontalAlignment.CENTER);
}

/** Paragraph and ListItem both have insertInlineImage, but @types gives them no common interface for it. */
function insertInto(block: Block, index: number, blob: Blob): InlineImage {
  return String(block.getType()) === 'LIST_ITEM'
    ? (block as ListItem).insertInlineImage(index, blob)
    : (block as Paragraph).insertInlineImage(index, blob);
}

export interface DocsImage {
  readonly blob: Blob;
  readonly ratio: number;
}

/**
 * Takes back an image inserted into running text. Inserting at a caret mid-word splits the Text in two around
 * the image; with the image gone the halves are joined again, so the paragraph is as it was. (Docs itself keeps
 * one Text per run of text between other elements, so two Texts side by side are always such halves.)
 */
function removeInline(image: InlineImage): void {
  const before = image.getPreviousSibling();
  const after = image.getNextSibling();
  image.removeFromParent();
  if (before && after && String(before.getType()) === 'TEXT' && String(after.getType()) === 'TEXT') {
    // Into the second half, then the first removed: a caret after the image keeps its offset in the paragraph.
    after.asText().insertText(0, before.asText().getText());
    before.removeFromParent();
  }
}

/**
 * Inserts at the cursor, after the selected paragraph, or in place of the selected inline image, sized to the
 * text column. Everything is checked before the first change, so a refusal leaves the document as it was, and
 * every change after the first is undone if a later one fails (undo.ts): the image, its size, link and alt text
 * all land or none does. Replace removes the old image last, once the new one is complete.
 */
export function insertIntoDocs(
  document: Document,
  image: DocsImage,
  mode: InsertMode,
  alt: AltText,
  width: DocsWidth = 'full',
  /** Marks a new image as tracked (a named range), as one more step of the all-or-nothing insert. */
  track?: (image: InlineImage, undo: Undo) => void,
): Placed {
  if (mode === 'background') {
    throw new PeelError('BAD_INPUT', 'Backgrounds are a Slides feature', detailOf('docsNoBackground'));
  }
  const where = place(document);
  if (where.kind === 'problem') throw unsupported(where.problem);
  if (mode === 'replace' && where.kind !== 'image') {
    throw unsupported('docsSelectToReplace');
  }
  return allOrNothing((undo) => placeInDocs(document, where, image, mode, alt, width, undo, track));
}

function placeInDocs(
  document: Document,
  where: Exclude<Place, { kind: 'problem' }>,
  image: DocsImage,
  mode: InsertMode,
  alt: AltText,
  width: DocsWidth,
  undo: Undo,
  track?: (image: InlineImage, undo: Undo) => void,
): Placed {
  let inserted: InlineImage;
  let label: Words;
  if (where.kind === 'image' && mode === 'replace') {
    const old = where.image;
    // No replace exists for inline images: insert the new one just before the old, then remove the old. The
    // old width is kept; the height follows the new image's own ratio (nearest the old box's), so nothing is
    // stretched. The link is copied; the alt text describes the new picture, keeping a description a person wrote.
    const kept = keepingDescription(alt, old.getAltDescription());
    const width = old.getWidth();
    const link = old.getLinkUrl();
    const made = insertInto(where.block, where.block.getChildIndex(old), image.blob);
    undo(() => made.removeFromParent());
    made.setWidth(width).setHeight(Math.max(1, Math.round(width / image.ratio)));
    if (link) made.setLinkUrl(link);
    made.setAltTitle(kept.title).setAltDescription(kept.description);
    old.removeFromParent();
    return { objectId: null, ...toldAs('label', { key: 'replacedImage' }) };
  }
  const page = docPage(document);
  const size = docsImageSizeAt(page, image.ratio, width, cellColumn(where.block, page));
  if (where.kind === 'cursor' && where.beside !== 'inline' && where.block) {
    const paragraph = paragraphAfter(where.block, undo, where.beside === 'before');
    inserted = paragraph.appendInlineImage(image.blob);
    label = CARET_LABELS[where.beside];
  } else if (where.kind === 'cursor') {
    const at = where.position.insertInlineImage(image.blob) as InlineImage | null;
    // Null where the editor allows no image; nothing was inserted, so the document is unchanged.
    if (!at) throw unsupported('docsNotAtCursor');
    undo(() => removeInline(at));
    inserted = at;
    label = CARET_LABELS.inline;
  } else {
    const paragraph = paragraphAfter(where.block, undo);
    inserted = paragraph.appendInlineImage(image.blob);
    label = where.kind === 'image' ? { key: 'afterImage' } : afterLabel(where.block);
  }
  inserted.setWidth(size.width).setHeight(size.height);
  inserted.setAltTitle(alt.title).setAltDescription(alt.description);
  track?.(inserted, undo);
  return { objectId: null, ...toldAs('label', label) };
}

// ---------------------------------------------------------------------------------------------------------
// Sections: "Illustrate the document"

const SECTION_HEADINGS = ['HEADING1', 'HEADING2'];

/**
 * The body's top-level blocks as core/doc-sections.ts reads them. Pictures are found with one getImages() of the
 * body and a walk up from each, rather than a look into every paragraph; a floating (positioned) picture is not
 * counted, as it would take a call per paragraph to see.
 */
function bodyBlocks(document: Document): DocBlock[] {
  const body = document.getBody();
  const blocks: DocBlock[] = [];
  for (let i = 0; i < body.getNumChildren(); i++) {
    const block = blockReader(body.getChild(i));
    blocks.push({ kind: block.kind, text: block.text(), picture: false });
  }
  const pictured = new Set<number>();
  for (const image of body.getImages()) {
    let current: Element | null = image.getParent() as Element | null;
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      const parent = current.getParent() as Element | null;
      if (parent && String(parent.getType()) === 'BODY_SECTION') {
        pictured.add(body.getChildIndex(current));
        break;
      }
      current = parent;
    }
  }
  return blocks.map((block, i) => (pictured.has(i) ? { ...block, picture: true } : block));
}

/** A body child's kind, read now (two to four calls), and its words, read only if asked (one more). */
function blockReader(child: Element): BlockReader {
  const type = String(child.getType());
  if (type === 'PARAGRAPH') {
    const paragraph = child.asParagraph();
    const kind = SECTION_HEADINGS.includes(String(paragraph.getHeading())) ? 'heading' : 'text';
    return { kind, text: () => paragraph.getText() };
  }
  if (type === 'LIST_ITEM') return { kind: 'list', text: () => child.asListItem().getText() };
  return { kind: type === 'TABLE' ? 'table' : 'other', text: () => '' };
}

/** The document's sections (a HEADING1 or HEADING2 and what follows it), read from its body only. */
export function documentSections(document: Document): DocSection[] {
  return docSections(bodyBlocks(document));
}

/**
 * A job's picture under its section's heading, in a new centred paragraph after the section's first paragraph,
 * as wide as the document's image width; all or nothing, as insertIntoDocs. SECTION_GONE when the section is no
 * longer in the document (its heading reworded or deleted): nothing changes.
 */
export function insertUnderSection(
  document: Document,
  key: string,
  image: DocsImage,
  alt: AltText,
  width: DocsWidth,
  track?: (image: InlineImage, undo: Undo) => void,
): Placed {
  const body = document.getBody();
  const section = locateSection(key, body.getNumChildren(), (index) => blockReader(body.getChild(index)));
  if (!section) {
    throw new PeelError('SECTION_GONE', 'Section gone', detailOf('sectionGone'));
  }
  const anchor = body.getChild(section.anchorIndex);
  const type = String(anchor.getType());
  const block: Block | Table =
    type === 'LIST_ITEM' ? anchor.asListItem() : type === 'TABLE' ? anchor.asTable() : anchor.asParagraph();
  const size = docsImageSizeAt(docPage(document), image.ratio, width);
  return allOrNothing((undo) => {
    const inserted = paragraphAfter(block, undo).appendInlineImage(image.blob);
    inserted.setWidth(size.width).setHeight(size.height);
    inserted.setAltTitle(alt.title).setAltDescription(alt.description);
    track?.(inserted, undo);
    const heading = truncate(section.heading, 60);
    const label = toldAs('label', heading ? { key: 'underHeading', params: { heading } } : { key: 'underItsHeading' });
    return { objectId: null, ...label };
  });
}

/** The selected text, whole elements and the selected parts of partly selected ones, in document order. */
export function selectedText(document: Document): string {
  const selection = document.getSelection() as GoogleAppsScript.Document.Range | null;
  const pieces: string[] = [];
  for (const item of selection?.getRangeElements() ?? []) {
    const element = item.getElement();
    const type = String(element.getType());
    if (type === 'TEXT') {
      const text = element.asText().getText();
      pieces.push(item.isPartial() ? text.slice(item.getStartOffset(), item.getEndOffsetInclusive() + 1) : text);
    } else if (type === 'PARAGRAPH') pieces.push(element.asParagraph().getText());
    else if (type === 'LIST_ITEM') pieces.push(element.asListItem().getText());
    // A selection across a whole table holds the table, not its paragraphs: its words count too.
    else if (type === 'TABLE') pieces.push(element.asTable().getText());
  }
  const text = pieces.join('\n').trim();
  if (!text) {
    // A cursor alone is the usual case: a click in the text looks like "here" to a person, but selects nothing.
    const detail = selection
      ? 'The selection holds no text (an image or an empty line).'
      : document.getCursor()
        ? 'Only the cursor is in the document; a click places it but selects no words.'
        : 'Nothing is selected in the document.';
    throw new PeelError('NO_TEXT_SELECTED', 'No text selected', { detail });
  }
  return text;
}
