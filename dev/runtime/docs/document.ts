/**
 * The Document, the user's cursor (Position) and selection (Range), read from `DocumentState.selection`. The
 * document has a single tab, which is therefore the active one.
 */
import type { BlockState, DocPoint, DocSection, DocumentState, FootnoteRefState, TableState } from '../model';
import { as, ScriptException } from '../slides/shared';
import {
  BlockView,
  FakeBody,
  FakeFooterSection,
  FakeFootnote,
  FakeHeaderSection,
  FakeInlineImage,
  FakeTable,
  FakeText,
  inlineImageFrom,
  wrapBlock,
  wrapInline,
} from './elements';
import { flowBlocks, outerTable } from './flow';
import {
  addNamedRange,
  FakeRange,
  FakeRangeBuilder,
  FakeRangeElement,
  findInlineImage,
  namedRanges,
} from './named-ranges';
import {
  blockLength,
  childSize,
  childStart,
  findBlock,
  insertAt,
  sectionBlocks,
  settleSelection,
  textOffset,
} from './tree';

type GDocument = GoogleAppsScript.Document.Document;
type GElement = GoogleAppsScript.Document.Element;
type GPosition = GoogleAppsScript.Document.Position;
type GRange = GoogleAppsScript.Document.Range;
type GNamedRange = GoogleAppsScript.Document.NamedRange;
type GInlineImage = GoogleAppsScript.Document.InlineImage;
type GText = GoogleAppsScript.Document.Text;

type View = BlockView<unknown> | FakeText;

// ---------------------------------------------------------------------------------------------------------
// Position

/**
 * Where a caret sits, in Apps Script's terms: inside a Text element at a character offset when there is text
 * on either side, otherwise on the paragraph at a child index (an empty paragraph, or between images).
 */
function elementAt(doc: DocumentState, section: DocSection, block: BlockState, offset: number): [View, number] {
  let start = 0;
  for (const child of block.children) {
    const end = start + childSize(child);
    if (child.kind === 'text' && offset >= start && offset <= end) {
      return [new FakeText(doc, section, block, child), offset - start];
    }
    start = end;
  }
  let index = 0;
  let consumed = 0;
  for (const child of block.children) {
    if (consumed + childSize(child) > offset) break;
    consumed += childSize(child);
    index++;
  }
  return [wrapBlock(doc, section, block), index];
}

export class FakePosition
  implements
    Pick<
      GPosition,
      | 'getElement'
      | 'getOffset'
      | 'getSurroundingText'
      | 'getSurroundingTextOffset'
      | 'insertInlineImage'
      | 'insertText'
    >
{
  constructor(
    private readonly doc: DocumentState,
    readonly section: DocSection,
    readonly block: BlockState,
    /** In the block's offsets (an inline image counts as one). */
    readonly blockOffset: number,
    private readonly element: View,
    private readonly offset: number,
  ) {}

  static at(doc: DocumentState, section: DocSection, block: BlockState, blockOffset: number): FakePosition {
    const [element, offset] = elementAt(doc, section, block, blockOffset);
    return new FakePosition(doc, section, block, blockOffset, element, offset);
  }

  getElement(): GElement {
    return as(this.element);
  }

  getOffset(): number {
    return this.offset;
  }

  /** The artificial Text of the whole paragraph the position is in. */
  getSurroundingText(): GText {
    return as(new FakeText(this.doc, this.section, this.block, null));
  }

  getSurroundingTextOffset(): number {
    return textOffset(this.block, this.blockOffset);
  }

  /** Null where images cannot go, which is a footnote, as Apps Script answers there. */
  insertInlineImage(image: GoogleAppsScript.Base.BlobSource): GInlineImage {
    if (this.section === 'footnote') return as(null);
    const state = inlineImageFrom(image, 'DocumentApp.Position.insertInlineImage');
    insertAt(this.doc, this.block, Math.min(this.blockOffset, blockLength(this.block)), state);
    return as(new FakeInlineImage(this.doc, this.section, this.block, state));
  }

  insertText(text: string): GText {
    const run = { kind: 'text' as const, text };
    insertAt(this.doc, this.block, Math.min(this.blockOffset, blockLength(this.block)), run);
    return as(new FakeText(this.doc, this.section, this.block, run));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Range

/**
 * Whole blocks come as their Paragraph or ListItem; in the first and last block, the pieces touched: Text
 * elements (partial when only part of the run is in), inline images and the other inline elements. Blocks in
 * table cells count in reading order (row by row, cell by cell), and a table whose every paragraph is wholly in
 * the range comes as the one Table element.
 */
function rangeElements(doc: DocumentState, start: DocPoint, end: DocPoint): FakeRangeElement[] {
  const blocks = sectionBlocks(doc, start.section);
  let first = blocks.findIndex((block) => block.id === start.blockId);
  let last = blocks.findIndex((block) => block.id === end.blockId);
  let from = start;
  let to = end;
  if (first < 0 || last < 0) return [];
  if (first > last || (first === last && start.offset > end.offset)) {
    [first, last, from, to] = [last, first, end, start];
  }
  const elements: { element: FakeRangeElement; whole: BlockState | null }[] = [];
  for (let i = first; i <= last; i++) {
    const block = blocks[i] as BlockState;
    const length = blockLength(block);
    const lo = i === first ? from.offset : 0;
    const hi = i === last ? Math.min(to.offset, length) : length;
    // An empty paragraph is in the range when the range goes on past it.
    const whole = length === 0 ? i < last : lo === 0 && hi === length;
    if (whole) {
      elements.push({
        element: new FakeRangeElement(wrapBlock(doc, start.section, block), false, -1, -1),
        whole: block,
      });
      continue;
    }
    if (lo >= hi) continue;
    let offset = 0;
    for (const child of block.children) {
      const childEnd = offset + childSize(child);
      if (childEnd > lo && offset < hi) {
        if (child.kind !== 'text') {
          elements.push({
            element: new FakeRangeElement(wrapInline(doc, start.section, block, child), false, -1, -1),
            whole: null,
          });
        } else {
          const a = Math.max(lo, offset) - offset;
          const b = Math.min(hi, childEnd) - offset;
          const partial = a > 0 || b < child.text.length;
          elements.push({
            element: new FakeRangeElement(new FakeText(doc, start.section, block, child), partial, a, b - 1),
            whole: null,
          });
        }
      }
      offset = childEnd;
    }
  }
  return wholeTables(doc, start.section, elements);
}

/** Replaces the paragraphs of each table wholly in the range by the Table. */
function wholeTables(
  doc: DocumentState,
  section: DocSection,
  elements: readonly { element: FakeRangeElement; whole: BlockState | null }[],
): FakeRangeElement[] {
  const out: FakeRangeElement[] = [];
  const done = new Set<TableState>();
  for (const { element, whole } of elements) {
    const block = element.getElement() instanceof BlockView ? whole : null;
    const table = block ? outerTable(doc, section, block) : null;
    const inside = table ? flowBlocks([table]) : [];
    const wholly = table && inside.every((b) => elements.some((e) => e.whole === b));
    if (!table || !wholly) {
      out.push(element);
      continue;
    }
    if (done.has(table)) continue;
    done.add(table);
    out.push(new FakeRangeElement(new FakeTable(doc, section, table), false, -1, -1));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Document and its single tab

type TabContent = 'getBody' | 'getFooter' | 'getFootnotes' | 'getHeader' | 'newPosition';

export class FakeDocument
  implements
    Pick<
      GDocument,
      | TabContent
      | 'addNamedRange'
      | 'getActiveTab'
      | 'getCursor'
      | 'getId'
      | 'getLanguage'
      | 'getName'
      | 'getNamedRangeById'
      | 'getNamedRanges'
      | 'getSelection'
      | 'getTabs'
      | 'getUrl'
      | 'newRange'
      | 'setCursor'
      | 'setLanguage'
      | 'setName'
    >
{
  constructor(private readonly doc: DocumentState) {}

  /** The range must come from this document (newRange().build(), getSelection() or a named range). */
  addNamedRange(name: string, range: GRange): GNamedRange {
    return as(addNamedRange(this.doc, name, range));
  }

  getNamedRanges(name?: string): GNamedRange[] {
    return as(namedRanges(this.doc, name));
  }

  /** Null when no named range has that id, as documented. */
  getNamedRangeById(id: string): GNamedRange {
    return as(namedRanges(this.doc).find((range) => range.getId() === id) ?? null);
  }

  newRange(): GoogleAppsScript.Document.RangeBuilder {
    return as(new FakeRangeBuilder());
  }

  getId(): string {
    return this.doc.id;
  }

  getName(): string {
    return this.doc.name;
  }

  /** The code File → Language shows (model.ts, DocumentState.language, with Google's reference). */
  getLanguage(): string {
    return this.doc.language ?? 'en';
  }

  setLanguage(languageCode: string): GDocument {
    this.doc.language = languageCode;
    return as(this);
  }

  setName(name: string): GDocument {
    this.doc.name = name;
    return as(this);
  }

  getUrl(): string {
    return `https://docs.google.com/document/d/${this.doc.id}/edit`;
  }

  getBody(): GoogleAppsScript.Document.Body {
    return as(new FakeBody(this.doc));
  }

  /** Null when the document has none, as documented. */
  getHeader(): GoogleAppsScript.Document.HeaderSection {
    return as(this.doc.header.length > 0 ? new FakeHeaderSection(this.doc) : null);
  }

  getFooter(): GoogleAppsScript.Document.FooterSection {
    return as(this.doc.footer.length > 0 ? new FakeFooterSection(this.doc) : null);
  }

  /**
   * The footnotes in the order of the document's footnote contents, each with its reference mark where the body
   * has one.
   */
  getFootnotes(): GoogleAppsScript.Document.Footnote[] {
    const marks = new Map<string, { block: BlockState; ref: FootnoteRefState }>();
    for (const block of sectionBlocks(this.doc, 'body')) {
      for (const child of block.children)
        if (child.kind === 'footnote') marks.set(child.footnoteId, { block, ref: child });
    }
    return as(
      this.doc.footnotes.map((contents) => {
        const mark = marks.get(contents.id);
        const ref: FootnoteRefState = mark?.ref ?? {
          kind: 'footnote',
          id: `ref.${contents.id}`,
          footnoteId: contents.id,
        };
        return new FakeFootnote(this.doc, 'body', mark?.block ?? null, ref);
      }),
    );
  }

  getActiveTab(): GoogleAppsScript.Document.Tab {
    return as(new FakeTab(this.doc));
  }

  getTabs(): GoogleAppsScript.Document.Tab[] {
    return as([new FakeTab(this.doc)]);
  }

  /** Null while a range or an image is selected: the user then has no caret. */
  getCursor(): GPosition | null {
    settleSelection(this.doc);
    const { cursor, range, imageId } = this.doc.selection;
    if (!cursor || range || imageId !== null) return null;
    const block = findBlock(this.doc, cursor.section, cursor.blockId);
    return block ? as(FakePosition.at(this.doc, cursor.section, block, cursor.offset)) : null;
  }

  setCursor(position: GPosition): GDocument {
    if (!(position instanceof FakePosition)) throw new ScriptException('Invalid argument: position');
    this.doc.selection = {
      cursor: { section: position.section, blockId: position.block.id, offset: position.blockOffset },
      range: null,
      imageId: null,
    };
    return as(this);
  }

  /**
   * A selected inline image is a one-element range of that InlineImage. A selected positioned image is not an
   * Element, so nothing can stand for it: null, as when nothing is selected (the caret is gone too, so
   * getCursor() is null as well). An empty range is a caret, not a selection: null.
   */
  getSelection(): GRange {
    settleSelection(this.doc);
    const { range, imageId } = this.doc.selection;
    if (imageId !== null) {
      const found = findInlineImage(this.doc, imageId);
      if (!found) return as(null);
      const element = new FakeInlineImage(this.doc, found.section, found.block, found.image);
      return as(new FakeRange([new FakeRangeElement(element, false, -1, -1)]));
    }
    if (!range) return as(null);
    const elements = rangeElements(this.doc, range.start, range.end);
    return as(elements.length > 0 ? new FakeRange(elements) : null);
  }

  /**
   * For a Text element the offset counts characters; for a Paragraph or ListItem it is a child index, as
   * documented.
   */
  newPosition(element: GElement, offset: number): GPosition {
    if (element instanceof FakeText && element.run !== null) {
      const index = element.block.children.indexOf(element.run);
      if (index < 0 || offset < 0 || offset > element.run.text.length) {
        throw new ScriptException(`Invalid offset (${offset}) for this element.`);
      }
      const blockOffset = childStart(element.block, index) + offset;
      return as(new FakePosition(this.doc, element.section, element.block, blockOffset, element, offset));
    }
    if (element instanceof BlockView) {
      if (offset < 0 || offset > element.block.children.length) {
        throw new ScriptException(`Invalid offset (${offset}) for this element.`);
      }
      const blockOffset = childStart(element.block, offset);
      return as(new FakePosition(this.doc, element.section, element.block, blockOffset, element, offset));
    }
    throw new ScriptException('A position can only be made in a Text, Paragraph or ListItem element.');
  }
}

export class FakeTab
  implements
    Pick<
      GoogleAppsScript.Document.Tab,
      'asDocumentTab' | 'getChildTabs' | 'getId' | 'getIndex' | 'getTitle' | 'getType'
    >
{
  constructor(private readonly doc: DocumentState) {}

  getId(): string {
    return 't.0';
  }

  getTitle(): string {
    return 'Tab 1';
  }

  getIndex(): number {
    return 0;
  }

  getType(): GoogleAppsScript.Document.TabType {
    return as('DOCUMENT_TAB');
  }

  getChildTabs(): GoogleAppsScript.Document.Tab[] {
    return [];
  }

  asDocumentTab(): GoogleAppsScript.Document.DocumentTab {
    return as(new FakeDocumentTab(this.doc));
  }
}

export class FakeDocumentTab implements Pick<GoogleAppsScript.Document.DocumentTab, TabContent> {
  private readonly document: FakeDocument;

  constructor(doc: DocumentState) {
    this.document = new FakeDocument(doc);
  }

  getBody(): GoogleAppsScript.Document.Body {
    return this.document.getBody();
  }

  getHeader(): GoogleAppsScript.Document.HeaderSection {
    return this.document.getHeader();
  }

  getFooter(): GoogleAppsScript.Document.FooterSection {
    return this.document.getFooter();
  }

  getFootnotes(): GoogleAppsScript.Document.Footnote[] {
    return this.document.getFootnotes();
  }

  newPosition(element: GElement, offset: number): GPosition {
    return this.document.newPosition(element, offset);
  }
}
