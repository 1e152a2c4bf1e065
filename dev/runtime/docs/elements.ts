/**
 * Document elements over the model: sections (body, header, footer, footnote contents), tables with their rows
 * and cells, paragraphs and list items (BlockState), and their Text, InlineImage, Footnote, HorizontalRule and
 * PageBreak children. A view holds the model objects themselves and knows its section, which is how
 * getParent() climbs from a paragraph in a table cell to its TableCell, TableRow, Table and Body, or to a
 * HeaderSection or FootnoteSection.
 *
 * Structure from Google's class reference (developers.google.com/apps-script/reference/document/*): a Body,
 * HeaderSection, FooterSection or TableCell holds ListItem, Paragraph and Table elements; a Table only
 * TableRows, a TableRow only TableCells; a Paragraph or ListItem holds Text, InlineImage, Footnote,
 * HorizontalRule and PageBreak elements, and PageBreaks only outside tables, headers, footers and footnotes.
 */
import type {
  BlockState,
  DocSection,
  DocumentState,
  FlowState,
  FootnoteRefState,
  InlineImageState,
  InlineState,
  PositionedImageState,
  RuleState,
  TableCellState,
  TableRowState,
  TableState,
  TextRun,
} from '../model';
import { as, imageAs, imageBlob, newId, readImage, ScriptException } from '../slides/shared';
import { flowBlocks, flowTables, holderOf, sectionFlow } from './flow';
import { FakeRangeElement } from './range-element';
import { blockText, childSize, childStart, insertAt, newBlock, newTable, settleSelection, shiftPoints } from './tree';

type GElement = GoogleAppsScript.Document.Element;
type GContainer = GoogleAppsScript.Document.ContainerElement;
type GBody = GoogleAppsScript.Document.Body;
type GHeader = GoogleAppsScript.Document.HeaderSection;
type GFooter = GoogleAppsScript.Document.FooterSection;
type GFootnoteSection = GoogleAppsScript.Document.FootnoteSection;
type GFootnote = GoogleAppsScript.Document.Footnote;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GListItem = GoogleAppsScript.Document.ListItem;
type GText = GoogleAppsScript.Document.Text;
type GInlineImage = GoogleAppsScript.Document.InlineImage;
type GPositionedImage = GoogleAppsScript.Document.PositionedImage;
type GTable = GoogleAppsScript.Document.Table;
type GTableRow = GoogleAppsScript.Document.TableRow;
type GTableCell = GoogleAppsScript.Document.TableCell;
type GHorizontalRule = GoogleAppsScript.Document.HorizontalRule;
type GPageBreak = GoogleAppsScript.Document.PageBreak;
type GRangeElement = GoogleAppsScript.Document.RangeElement;
type GElementType = GoogleAppsScript.Document.ElementType;
type GBlob = GoogleAppsScript.Base.Blob;
type BlobSource = GoogleAppsScript.Base.BlobSource;

const NOT_A_CHILD = 'Element does not contain the specified child element.';
const NO_IMAGES_IN_FOOTNOTES = 'Inline images cannot be inserted into a footnote.';
const REMOVED = 'This element has been removed from the document.';
/** Apps Script's answer to inserting an element that is still in the document (gas-fakes' live-checked tests). */
const DETACHED = 'Element must be detached.';

function indexProblem(childIndex: number, count: number, inserting: boolean): ScriptException {
  return new ScriptException(
    `Child index (${childIndex}) must be less than ${inserting ? 'or equal to ' : ''}the number of child elements (${count}).`,
  );
}

/** Anything the emulation hands out as an Element: its model object is its identity. */
interface View {
  _key(): object;
  getType(): GElementType;
}

function isView(value: unknown): value is View {
  return value instanceof ElementBase;
}

// ---------------------------------------------------------------------------------------------------------
// Element: what every element shares, chiefly the as…() casts that throw on the wrong type.

abstract class ElementBase<Self> implements View {
  protected abstract readonly type: string;

  constructor(protected readonly doc: DocumentState) {}

  protected _self(): Self {
    return as(this);
  }

  abstract _key(): object;

  getType(): GElementType {
    return as(this.type);
  }

  abstract getParent(): GContainer;

  private _cast<T>(type: string, name: string): T {
    if (this.type !== type) throw new ScriptException(`Cannot cast an element of type ${this.type} to ${name}.`);
    return as(this);
  }

  asBody(): GBody {
    return this._cast('BODY_SECTION', 'Body');
  }

  asHeaderSection(): GHeader {
    return this._cast('HEADER_SECTION', 'HeaderSection');
  }

  asFooterSection(): GFooter {
    return this._cast('FOOTER_SECTION', 'FooterSection');
  }

  asFootnoteSection(): GFootnoteSection {
    return this._cast('FOOTNOTE_SECTION', 'FootnoteSection');
  }

  asFootnote(): GFootnote {
    return this._cast('FOOTNOTE', 'Footnote');
  }

  asParagraph(): GParagraph {
    return this._cast('PARAGRAPH', 'Paragraph');
  }

  asListItem(): GListItem {
    return this._cast('LIST_ITEM', 'ListItem');
  }

  asText(): GText {
    return this._cast('TEXT', 'Text');
  }

  asInlineImage(): GInlineImage {
    return this._cast('INLINE_IMAGE', 'InlineImage');
  }

  asTable(): GTable {
    return this._cast('TABLE', 'Table');
  }

  asTableRow(): GTableRow {
    return this._cast('TABLE_ROW', 'TableRow');
  }

  asTableCell(): GTableCell {
    return this._cast('TABLE_CELL', 'TableCell');
  }

  asHorizontalRule(): GHorizontalRule {
    return this._cast('HORIZONTAL_RULE', 'HorizontalRule');
  }

  asPageBreak(): GPageBreak {
    return this._cast('PAGE_BREAK', 'PageBreak');
  }
}

type ElementMethods =
  | 'asBody'
  | 'asFooterSection'
  | 'asFootnote'
  | 'asFootnoteSection'
  | 'asHeaderSection'
  | 'asHorizontalRule'
  | 'asInlineImage'
  | 'asListItem'
  | 'asPageBreak'
  | 'asParagraph'
  | 'asTable'
  | 'asTableCell'
  | 'asTableRow'
  | 'asText'
  | 'getParent'
  | 'getType';

/**
 * Element.findElement: the first descendant of the type in document order (the element itself is not
 * searched), after `from` when given; null when there is none, as documented.
 */
function findIn(descendants: readonly View[], elementType: GElementType, from?: GRangeElement | null): GRangeElement {
  let start = 0;
  if (from) {
    const after = from.getElement() as unknown;
    const key = isView(after) ? after._key() : null;
    const index = descendants.findIndex((view) => view._key() === key);
    if (index < 0) throw new ScriptException('Invalid argument: from');
    start = index + 1;
  }
  const found = descendants.slice(start).find((view) => String(view.getType()) === String(elementType));
  return as(found ? new FakeRangeElement(found, false, -1, -1) : null);
}

/** The whole content of a container as one Text, for reading (Element.editAsText): edits are not emulated. */
class FakeWholeText extends ElementBase<GText> implements Pick<GText, ElementMethods | 'editAsText' | 'getText'> {
  protected readonly type = 'TEXT';

  constructor(
    doc: DocumentState,
    private readonly owner: ElementBase<unknown> & { getText(): string },
  ) {
    super(doc);
  }

  _key(): object {
    return this;
  }

  getParent(): GContainer {
    return as(this.owner);
  }

  getText(): string {
    return this.owner.getText();
  }

  editAsText(): GText {
    return this._self();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Text of tables and flows

function cellText(cell: TableCellState): string {
  return cell.blocks.map(flowText).join('\n');
}

function rowText(row: TableRowState): string {
  return row.cells.map(cellText).join('\n');
}

function tableText(table: TableState): string {
  return table.rows.map(rowText).join('\n');
}

function flowText(item: FlowState): string {
  return item.kind === 'table' ? tableText(item) : blockText(item);
}

// ---------------------------------------------------------------------------------------------------------
// Containers of paragraphs and tables: the sections and table cells

export function sectionView(doc: DocumentState, section: DocSection, block: BlockState): GContainer {
  switch (section) {
    case 'body':
      return as(new FakeBody(doc));
    case 'header':
      return as(new FakeHeaderSection(doc));
    case 'footer':
      return as(new FakeFooterSection(doc));
    case 'footnote':
      return as(new FakeFootnoteSection(doc, block));
  }
}

/** The element for a paragraph, list item or table of a section's flow (or of a cell in it). */
export function wrapFlow(doc: DocumentState, section: DocSection, item: FlowState): BlockView<unknown> | FakeTable {
  return item.kind === 'table' ? new FakeTable(doc, section, item) : wrapBlock(doc, section, item);
}

/** Every element under a flow, in document order: each item, then what it holds. */
function flowDescendants(doc: DocumentState, section: DocSection, flow: readonly FlowState[]): View[] {
  return flow.flatMap((item) => {
    const view = wrapFlow(doc, section, item);
    return [view, ...view._descendants()];
  });
}

abstract class FlowContainer<Self> extends ElementBase<Self> {
  protected abstract readonly section: DocSection;

  protected abstract _flow(): FlowState[];

  getNumChildren(): number {
    return this._flow().length;
  }

  getChild(childIndex: number): GElement {
    const flow = this._flow();
    const item = flow[childIndex];
    if (!item) throw indexProblem(childIndex, flow.length, false);
    return as(wrapFlow(this.doc, this.section, item));
  }

  getChildIndex(child: GElement): number {
    const key = isView(child) ? child._key() : null;
    const index = this._flow().findIndex((item) => item === key);
    if (index < 0) throw new ScriptException(NOT_A_CHILD);
    return index;
  }

  getText(): string {
    return this._flow().map(flowText).join('\n');
  }

  editAsText(): GText {
    return as(new FakeWholeText(this.doc, this as ElementBase<unknown> & { getText(): string }));
  }

  _descendants(): View[] {
    return flowDescendants(this.doc, this.section, this._flow());
  }

  findElement(elementType: GElementType, from?: GRangeElement | null): GRangeElement {
    return findIn(this._descendants(), elementType, from);
  }
}

/** Containers a script may add paragraphs, list items, images, tables and rules to. */
abstract class EditableContainer<Self> extends FlowContainer<Self> {
  protected abstract _className(): string;

  protected _insert<T extends FlowState>(childIndex: number, item: T): T {
    const flow = this._flow();
    if (!Number.isInteger(childIndex) || childIndex < 0 || childIndex > flow.length) {
      throw new ScriptException(
        `Index (${childIndex}) must be less than or equal to the number of child elements (${flow.length}).`,
      );
    }
    flow.splice(childIndex, 0, item);
    return item;
  }

  /** A new paragraph at `childIndex` holding only `node`: how sections insert images, rules and page breaks. */
  protected _insertAlone(childIndex: number, node: InlineState): BlockState {
    const block = newBlock('paragraph', '');
    block.children.push(node);
    return this._insert(childIndex, block);
  }

  insertParagraph(childIndex: number, paragraph: string | GParagraph): GParagraph {
    return as(wrapBlock(this.doc, this.section, this._insert(childIndex, blockFrom('paragraph', paragraph))));
  }

  appendParagraph(paragraph: string | GParagraph): GParagraph {
    return this.insertParagraph(this._flow().length, paragraph);
  }

  insertListItem(childIndex: number, listItem: string | GListItem): GListItem {
    return as(wrapBlock(this.doc, this.section, this._insert(childIndex, blockFrom('listItem', listItem))));
  }

  appendListItem(listItem: string | GListItem): GListItem {
    return this.insertListItem(this._flow().length, listItem);
  }

  /** Apps Script wraps a section-level image in a new paragraph of its own, inserted at `childIndex`. */
  insertImage(childIndex: number, image: BlobSource | GInlineImage): GInlineImage {
    const state = inlineImageFrom(image, `DocumentApp.${this._className()}.insertImage`);
    return as(new FakeInlineImage(this.doc, this.section, this._insertAlone(childIndex, state), state));
  }

  appendImage(image: BlobSource | GInlineImage): GInlineImage {
    return this.insertImage(this._flow().length, image);
  }

  /** "Creates and inserts a new HorizontalRule": in a new paragraph of its own, as appendHorizontalRule says. */
  insertHorizontalRule(childIndex: number): GHorizontalRule {
    const rule: RuleState = { kind: 'horizontalRule', id: newId('kix.') };
    return as(new FakeHorizontalRule(this.doc, this.section, this._insertAlone(childIndex, rule), rule));
  }

  appendHorizontalRule(): GHorizontalRule {
    return this.insertHorizontalRule(this._flow().length);
  }

  /**
   * A new table: with no rows given no argument, else one paragraph per cell from `cells` (rows of strings). A
   * table never ends a section or cell: an empty paragraph follows one put last, as the editor keeps a paragraph
   * after every table. (Both as Apps Script answers them live: brucemcpherson/gas-fakes test/testdocsnext.js,
   * testdocssections.js, which run against Google as well.)
   */
  insertTable(childIndex: number, cellsOrTable?: string[][] | GTable | null): GTable {
    let table: TableState;
    if (cellsOrTable instanceof FakeTable) {
      // A table in the document goes in only as a copy (Table.copy()); the emulation has no detached copies.
      if (holderOf(this.doc, cellsOrTable.section, cellsOrTable.table)) throw new ScriptException(DETACHED);
      table = cloneTable(cellsOrTable.table);
    } else if (cellsOrTable === undefined || cellsOrTable === null) table = newTable([]);
    else if (Array.isArray(cellsOrTable) && cellsOrTable.every((row) => Array.isArray(row))) {
      table = newTable(cellsOrTable);
    } else throw new ScriptException('Invalid argument: cells');
    const atEnd = childIndex === this._flow().length;
    this._insert(childIndex, table);
    if (atEnd) this._flow().push(newBlock('paragraph', ''));
    return as(new FakeTable(this.doc, this.section, table));
  }

  appendTable(cellsOrTable?: string[][] | GTable | null): GTable {
    return this.insertTable(this._flow().length, cellsOrTable);
  }

  removeChild(child: GElement): Self {
    this.getChildIndex(child);
    (child as unknown as { removeFromParent(): unknown }).removeFromParent();
    return this._self();
  }
}

function blockFrom(kind: BlockState['kind'], source: string | GParagraph | GListItem): BlockState {
  if (typeof source === 'string') return newBlock(kind, source);
  if (!(source instanceof BlockView)) throw new ScriptException(`Invalid argument: ${kind}`);
  return { ...cloneBlock(source.block), kind };
}

/** A deep copy with fresh ids, as a copied element is a new one. */
function cloneBlock(block: BlockState): BlockState {
  const copy = structuredClone(block) as BlockState;
  return {
    ...copy,
    id: newId('kix.'),
    // A footnote reference is not copied with its paragraph: its contents belong to the original.
    children: copy.children
      .filter((child) => child.kind !== 'footnote')
      .map((child) => (child.kind === 'text' ? child : { ...child, id: newId('kix.') })),
    positionedImages: copy.positionedImages.map((image) => ({ ...image, id: newId('kix.') })),
  };
}

function cloneTable(table: TableState): TableState {
  return {
    kind: 'table',
    id: newId('kix.'),
    rows: table.rows.map((row) => ({
      id: newId('kix.'),
      cells: row.cells.map((cell) => ({
        ...cell,
        id: newId('kix.'),
        blocks: cell.blocks.map((item) => (item.kind === 'table' ? cloneTable(item) : cloneBlock(item))),
      })),
    })),
  };
}

type ContainerMethods =
  | ElementMethods
  | 'editAsText'
  | 'findElement'
  | 'getChild'
  | 'getChildIndex'
  | 'getNumChildren'
  | 'getText';

type EditableMethods =
  | ContainerMethods
  | 'appendHorizontalRule'
  | 'appendImage'
  | 'appendListItem'
  | 'appendParagraph'
  | 'appendTable'
  | 'insertHorizontalRule'
  | 'insertImage'
  | 'insertListItem'
  | 'insertParagraph'
  | 'insertTable'
  | 'removeChild';

/** Body, header and footer: they hang off the document, which is not an Element (getParent is null). */
abstract class SectionContainer<Self> extends EditableContainer<Self> {
  _key(): object {
    return sectionFlow(this.doc, this.section);
  }

  protected _flow(): FlowState[] {
    return sectionFlow(this.doc, this.section);
  }

  getParent(): GContainer {
    return as(null);
  }

  /** Every paragraph and list item inside, those in tables included ("contained in the section"). */
  getParagraphs(): GParagraph[] {
    return as(flowBlocks(this._flow()).map((block) => wrapBlock(this.doc, this.section, block)));
  }

  getListItems(): GListItem[] {
    return as(
      flowBlocks(this._flow())
        .filter((block) => block.kind === 'listItem')
        .map((block) => wrapBlock(this.doc, this.section, block)),
    );
  }

  getImages(): GInlineImage[] {
    return as(
      flowBlocks(this._flow()).flatMap((block) =>
        block.children.flatMap((child) =>
          child.kind === 'image' ? [new FakeInlineImage(this.doc, this.section, block, child)] : [],
        ),
      ),
    );
  }

  getTables(): GTable[] {
    return as(flowTables(this._flow()).map((table) => new FakeTable(this.doc, this.section, table)));
  }
}

type SectionMethods = EditableMethods | 'getImages' | 'getListItems' | 'getParagraphs' | 'getTables';

export class FakeBody
  extends SectionContainer<GBody>
  implements
    Pick<
      GBody,
      | SectionMethods
      | 'appendPageBreak'
      | 'getMarginBottom'
      | 'getMarginLeft'
      | 'getMarginRight'
      | 'getMarginTop'
      | 'getPageHeight'
      | 'getPageWidth'
      | 'insertPageBreak'
      | 'setMarginBottom'
      | 'setMarginLeft'
      | 'setMarginRight'
      | 'setMarginTop'
    >
{
  protected readonly type = 'BODY_SECTION';
  protected readonly section = 'body';

  protected _className(): string {
    return 'Body';
  }

  /** "The PageBreak will be contained in a new Paragraph"; only the body takes page breaks. */
  insertPageBreak(childIndex: number): GPageBreak {
    const pageBreak: RuleState = { kind: 'pageBreak', id: newId('kix.') };
    return as(new FakePageBreak(this.doc, this.section, this._insertAlone(childIndex, pageBreak), pageBreak));
  }

  appendPageBreak(): GPageBreak {
    return this.insertPageBreak(this._flow().length);
  }

  getPageWidth(): number {
    return this.doc.pageWidth;
  }

  getPageHeight(): number {
    return this.doc.pageHeight;
  }

  getMarginLeft(): number {
    return this.doc.marginLeft;
  }

  getMarginRight(): number {
    return this.doc.marginRight;
  }

  getMarginTop(): number {
    return this.doc.marginTop;
  }

  getMarginBottom(): number {
    return this.doc.marginBottom;
  }

  setMarginLeft(marginLeft: number): GBody {
    this.doc.marginLeft = marginLeft;
    return this._self();
  }

  setMarginRight(marginRight: number): GBody {
    this.doc.marginRight = marginRight;
    return this._self();
  }

  setMarginTop(marginTop: number): GBody {
    this.doc.marginTop = marginTop;
    return this._self();
  }

  setMarginBottom(marginBottom: number): GBody {
    this.doc.marginBottom = marginBottom;
    return this._self();
  }
}

export class FakeHeaderSection extends SectionContainer<GHeader> implements Pick<GHeader, SectionMethods> {
  protected readonly type = 'HEADER_SECTION';
  protected readonly section = 'header';

  protected _className(): string {
    return 'HeaderSection';
  }
}

export class FakeFooterSection extends SectionContainer<GFooter> implements Pick<GFooter, SectionMethods> {
  protected readonly type = 'FOOTER_SECTION';
  protected readonly section = 'footer';

  protected _className(): string {
    return 'FooterSection';
  }
}

/** One footnote's contents: the model keeps one block per footnote. */
export class FakeFootnoteSection
  extends FlowContainer<GFootnoteSection>
  implements Pick<GFootnoteSection, ContainerMethods | 'getParagraphs'>
{
  protected readonly type = 'FOOTNOTE_SECTION';
  protected readonly section = 'footnote';

  constructor(
    doc: DocumentState,
    private readonly block: BlockState,
  ) {
    super(doc);
  }

  _key(): object {
    return this.block;
  }

  protected _flow(): FlowState[] {
    return this.doc.footnotes.includes(this.block) ? [this.block] : [];
  }

  getParagraphs(): GParagraph[] {
    return as(this._flow().map((block) => wrapBlock(this.doc, this.section, block as BlockState)));
  }

  /** A footnote's contents hang off its reference mark, which the emulation does not give as their parent. */
  getParent(): GContainer {
    return as(null);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tables

/** Shared by Table, TableRow and TableCell: their place among their siblings in the flow. */
function tableHolder(doc: DocumentState, section: DocSection, table: TableState) {
  const holder = holderOf(doc, section, table);
  if (!holder) throw new ScriptException(REMOVED);
  return holder;
}

/**
 * A Table (of rows) or a TableRow (of cells): a container of one kind of child, reached by index, whose text is
 * its children's, one per line.
 */
abstract class TablePart<Self, Item extends object> extends ElementBase<Self> {
  protected abstract _items(): Item[];

  protected abstract _wrap(item: Item): ElementBase<unknown> & { _descendants(): View[] };

  protected _at(index: number): ElementBase<unknown> {
    const items = this._items();
    const item = items[index];
    if (!item) throw indexProblem(index, items.length, false);
    return this._wrap(item);
  }

  getNumChildren(): number {
    return this._items().length;
  }

  getChild(childIndex: number): GElement {
    return as(this._at(childIndex));
  }

  getChildIndex(child: GElement): number {
    const key = isView(child) ? child._key() : null;
    const index = this._items().findIndex((item) => item === key);
    if (index < 0) throw new ScriptException(NOT_A_CHILD);
    return index;
  }

  abstract getText(): string;

  editAsText(): GText {
    return as(new FakeWholeText(this.doc, this));
  }

  _descendants(): View[] {
    return this._items().flatMap((item) => {
      const view = this._wrap(item);
      return [view, ...view._descendants()];
    });
  }

  findElement(elementType: GElementType, from?: GRangeElement | null): GRangeElement {
    return findIn(this._descendants(), elementType, from);
  }
}

export class FakeTable
  extends TablePart<GTable, TableRowState>
  implements
    Pick<
      GTable,
      | ElementMethods
      | 'editAsText'
      | 'findElement'
      | 'getCell'
      | 'getChild'
      | 'getChildIndex'
      | 'getNextSibling'
      | 'getNumChildren'
      | 'getNumRows'
      | 'getPreviousSibling'
      | 'getRow'
      | 'getText'
      | 'isAtDocumentEnd'
      | 'removeFromParent'
    >
{
  protected readonly type = 'TABLE';

  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly table: TableState,
  ) {
    super(doc);
  }

  _key(): object {
    return this.table;
  }

  getParent(): GContainer {
    const { cell } = tableHolder(this.doc, this.section, this.table);
    return cell
      ? as(new FakeTableCell(this.doc, this.section, cell.table, cell.row, cell.cell))
      : sectionView(this.doc, this.section, as(null));
  }

  getNextSibling(): GElement {
    const { list } = tableHolder(this.doc, this.section, this.table);
    const next = list[list.indexOf(this.table) + 1];
    return as(next ? wrapFlow(this.doc, this.section, next) : null);
  }

  getPreviousSibling(): GElement {
    const { list } = tableHolder(this.doc, this.section, this.table);
    const previous = list[list.indexOf(this.table) - 1];
    return as(previous ? wrapFlow(this.doc, this.section, previous) : null);
  }

  protected _items(): TableRowState[] {
    return this.table.rows;
  }

  protected _wrap(row: TableRowState): FakeTableRow {
    return new FakeTableRow(this.doc, this.section, this.table, row);
  }

  getNumRows(): number {
    return this.table.rows.length;
  }

  getRow(rowIndex: number): GTableRow {
    return as(this._at(rowIndex));
  }

  getCell(rowIndex: number, cellIndex: number): GTableCell {
    return this.getRow(rowIndex).getCell(cellIndex);
  }

  getText(): string {
    return tableText(this.table);
  }

  isAtDocumentEnd(): boolean {
    const { list, cell } = tableHolder(this.doc, this.section, this.table);
    return this.section === 'body' && !cell && list.at(-1) === this.table;
  }

  removeFromParent(): GTable {
    const { list } = tableHolder(this.doc, this.section, this.table);
    list.splice(list.indexOf(this.table), 1);
    settleSelection(this.doc);
    return this._self();
  }
}

export class FakeTableRow
  extends TablePart<GTableRow, TableCellState>
  implements
    Pick<
      GTableRow,
      | ElementMethods
      | 'editAsText'
      | 'findElement'
      | 'getCell'
      | 'getChild'
      | 'getChildIndex'
      | 'getNextSibling'
      | 'getNumCells'
      | 'getNumChildren'
      | 'getParentTable'
      | 'getPreviousSibling'
      | 'getText'
    >
{
  protected readonly type = 'TABLE_ROW';

  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly table: TableState,
    readonly row: TableRowState,
  ) {
    super(doc);
  }

  _key(): object {
    return this.row;
  }

  private _index(): number {
    const index = this.table.rows.indexOf(this.row);
    if (index < 0) throw new ScriptException(REMOVED);
    return index;
  }

  getParent(): GContainer {
    this._index();
    return as(new FakeTable(this.doc, this.section, this.table));
  }

  getParentTable(): GTable {
    return as(this.getParent());
  }

  getNextSibling(): GElement {
    const next = this.table.rows[this._index() + 1];
    return as(next ? new FakeTableRow(this.doc, this.section, this.table, next) : null);
  }

  getPreviousSibling(): GElement {
    const previous = this.table.rows[this._index() - 1];
    return as(previous ? new FakeTableRow(this.doc, this.section, this.table, previous) : null);
  }

  protected _items(): TableCellState[] {
    return this.row.cells;
  }

  protected _wrap(cell: TableCellState): FakeTableCell {
    return new FakeTableCell(this.doc, this.section, this.table, this.row, cell);
  }

  getNumCells(): number {
    return this.row.cells.length;
  }

  getCell(cellIndex: number): GTableCell {
    return as(this._at(cellIndex));
  }

  getText(): string {
    return rowText(this.row);
  }
}

/** A cell holds paragraphs, list items and tables as a section does; merged cells are not modelled (spans 1). */
export class FakeTableCell
  extends EditableContainer<GTableCell>
  implements
    Pick<
      GTableCell,
      | EditableMethods
      | 'getBackgroundColor'
      | 'getColSpan'
      | 'getNextSibling'
      | 'getPaddingBottom'
      | 'getPaddingLeft'
      | 'getPaddingRight'
      | 'getPaddingTop'
      | 'getParentRow'
      | 'getParentTable'
      | 'getPreviousSibling'
      | 'getRowSpan'
      | 'getWidth'
      | 'isAtDocumentEnd'
      | 'setWidth'
    >
{
  protected readonly type = 'TABLE_CELL';

  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly table: TableState,
    readonly row: TableRowState,
    readonly cell: TableCellState,
  ) {
    super(doc);
  }

  _key(): object {
    return this.cell;
  }

  protected _className(): string {
    return 'TableCell';
  }

  protected _flow(): FlowState[] {
    return this.cell.blocks;
  }

  private _index(): number {
    const index = this.row.cells.indexOf(this.cell);
    if (index < 0 || !this.table.rows.includes(this.row)) throw new ScriptException(REMOVED);
    return index;
  }

  getParent(): GContainer {
    this._index();
    return as(new FakeTableRow(this.doc, this.section, this.table, this.row));
  }

  getParentRow(): GTableRow {
    return as(this.getParent());
  }

  getParentTable(): GTable {
    this._index();
    return as(new FakeTable(this.doc, this.section, this.table));
  }

  getNextSibling(): GElement {
    const next = this.row.cells[this._index() + 1];
    return as(next ? new FakeTableCell(this.doc, this.section, this.table, this.row, next) : null);
  }

  getPreviousSibling(): GElement {
    const previous = this.row.cells[this._index() - 1];
    return as(previous ? new FakeTableCell(this.doc, this.section, this.table, this.row, previous) : null);
  }

  getColSpan(): number {
    return 1;
  }

  getRowSpan(): number {
    return 1;
  }

  /** Points; null for a column nobody sized, which takes an even share of the table. */
  getWidth(): number {
    return as(this.cell.width ?? null);
  }

  setWidth(width: number): GTableCell {
    this.cell.width = width;
    return this._self();
  }

  /** Padding is not modelled: every cell has Docs' default, which Apps Script gives as null (never set). */
  getPaddingLeft(): number {
    return as(null);
  }

  getPaddingRight(): number {
    return as(null);
  }

  getPaddingTop(): number {
    return as(null);
  }

  getPaddingBottom(): number {
    return as(null);
  }

  /** Null when the cell has no background colour of its own. */
  getBackgroundColor(): string {
    return as(this.cell.background ?? null);
  }

  isAtDocumentEnd(): boolean {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Paragraphs and list items

export function wrapBlock(doc: DocumentState, section: DocSection, block: BlockState): BlockView<unknown> {
  return block.kind === 'listItem' ? new FakeListItem(doc, section, block) : new FakeParagraph(doc, section, block);
}

export function wrapInline(doc: DocumentState, section: DocSection, block: BlockState, child: InlineState): View {
  switch (child.kind) {
    case 'text':
      return new FakeText(doc, section, block, child);
    case 'image':
      return new FakeInlineImage(doc, section, block, child);
    case 'footnote':
      return new FakeFootnote(doc, section, block, child);
    case 'horizontalRule':
      return new FakeHorizontalRule(doc, section, block, child);
    case 'pageBreak':
      return new FakePageBreak(doc, section, block, child);
  }
}

export function inlineImageFrom(image: BlobSource | GInlineImage, method: string): InlineImageState {
  if (image instanceof FakeInlineImage) {
    const source = image.state;
    return { ...source, id: newId('kix.'), image: { ...source.image } };
  }
  const data = readImage(image, method);
  return {
    kind: 'image',
    id: newId('kix.'),
    image: data,
    // Apps Script inserts images at their pixel size; shrinking them to the page is the script's job.
    width: data.pixelWidth,
    height: data.pixelHeight,
    altTitle: '',
    altDescription: '',
  };
}

export abstract class BlockView<Self> extends ElementBase<Self> {
  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly block: BlockState,
  ) {
    super(doc);
  }

  _key(): object {
    return this.block;
  }

  /** The list that holds the block (its section's, or its table cell's) and that cell, if any. */
  private _holder() {
    if (this.section === 'footnote') {
      if (!this.doc.footnotes.includes(this.block)) throw new ScriptException(REMOVED);
      return { list: [this.block] as FlowState[], cell: null };
    }
    const holder = holderOf(this.doc, this.section, this.block);
    if (!holder) throw new ScriptException(REMOVED);
    return holder;
  }

  protected _siblings(): FlowState[] {
    return this._holder().list;
  }

  protected _index(): number {
    const index = this._siblings().indexOf(this.block);
    if (index < 0) throw new ScriptException(REMOVED);
    return index;
  }

  protected abstract _className(): string;

  getParent(): GContainer {
    const { cell } = this._holder();
    if (cell) return as(new FakeTableCell(this.doc, this.section, cell.table, cell.row, cell.cell));
    return sectionView(this.doc, this.section, this.block);
  }

  getNextSibling(): GElement {
    const next = this._siblings()[this._index() + 1];
    return as(next ? wrapFlow(this.doc, this.section, next) : null);
  }

  getPreviousSibling(): GElement {
    const previous = this._siblings()[this._index() - 1];
    return as(previous ? wrapFlow(this.doc, this.section, previous) : null);
  }

  getText(): string {
    return blockText(this.block);
  }

  /** "Existing contents are cleared", inline images included. */
  setText(text: string): void {
    this.block.children = text === '' ? [] : [{ kind: 'text', text }];
    settleSelection(this.doc);
  }

  appendText(text: string | GText): GText {
    return this.insertText(this.block.children.length, text);
  }

  /** A Text argument is copied as its plain text: formatting is not modelled. */
  insertText(childIndex: number, content: string | GText): GText {
    this._checkChildIndex(childIndex, true);
    const text = typeof content === 'string' ? content : content.getText();
    const run: TextRun = { kind: 'text', text };
    const at = childStart(this.block, childIndex);
    this.block.children.splice(childIndex, 0, run);
    shiftPoints(this.doc, this.block, at, text.length);
    return as(new FakeText(this.doc, this.section, this.block, run));
  }

  clear(): Self {
    this.setText('');
    return this._self();
  }

  /** The whole paragraph's text as one artificial Text element, for reading. */
  editAsText(): GText {
    return as(new FakeText(this.doc, this.section, this.block, null));
  }

  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    return as(this.block.heading);
  }

  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): Self {
    this.block.heading = String(heading);
    return this._self();
  }

  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment {
    return as(this.block.alignment ?? 'LEFT');
  }

  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): Self {
    this.block.alignment = String(alignment);
    return this._self();
  }

  getNumChildren(): number {
    return this.block.children.length;
  }

  getChild(childIndex: number): GElement {
    this._checkChildIndex(childIndex, false);
    const child = this.block.children[childIndex];
    if (!child) throw new ScriptException(`Child index (${childIndex}) is out of range.`);
    return as(wrapInline(this.doc, this.section, this.block, child));
  }

  getChildIndex(child: GElement): number {
    const key = isView(child) ? child._key() : null;
    const index = this.block.children.findIndex((state) => state === key);
    if (index < 0) throw new ScriptException(NOT_A_CHILD);
    return index;
  }

  _descendants(): View[] {
    return this.block.children.map((child) => wrapInline(this.doc, this.section, this.block, child));
  }

  findElement(elementType: GElementType, from?: GRangeElement | null): GRangeElement {
    return findIn(this._descendants(), elementType, from);
  }

  private _checkChildIndex(childIndex: number, inserting: boolean): void {
    const count = this.block.children.length;
    if (childIndex < 0 || (inserting ? childIndex > count : childIndex >= count)) {
      throw indexProblem(childIndex, count, inserting);
    }
  }

  /** Inline images are not allowed in footnotes; Apps Script refuses them there. */
  insertInlineImage(childIndex: number, image: BlobSource | GInlineImage): GInlineImage {
    this._checkChildIndex(childIndex, true);
    if (this.section === 'footnote') throw new ScriptException(NO_IMAGES_IN_FOOTNOTES);
    const state = inlineImageFrom(image, `DocumentApp.${this._className()}.insertInlineImage`);
    insertAt(this.doc, this.block, childStart(this.block, childIndex), state);
    return as(new FakeInlineImage(this.doc, this.section, this.block, state));
  }

  appendInlineImage(image: BlobSource | GInlineImage): GInlineImage {
    return this.insertInlineImage(this.block.children.length, image);
  }

  /** A HorizontalRule may be in any paragraph (Google's HorizontalRule reference names no exception). */
  insertHorizontalRule(childIndex: number): GHorizontalRule {
    this._checkChildIndex(childIndex, true);
    const rule: RuleState = { kind: 'horizontalRule', id: newId('kix.') };
    insertAt(this.doc, this.block, childStart(this.block, childIndex), rule);
    return as(new FakeHorizontalRule(this.doc, this.section, this.block, rule));
  }

  appendHorizontalRule(): GHorizontalRule {
    return this.insertHorizontalRule(this.block.children.length);
  }

  getPositionedImages(): GPositionedImage[] {
    return as(
      this.block.positionedImages.map((image) => new FakePositionedImage(this.doc, this.section, this.block, image)),
    );
  }

  getPositionedImage(id: string): GPositionedImage {
    const image = this.block.positionedImages.find((candidate) => candidate.id === id);
    return as(image ? new FakePositionedImage(this.doc, this.section, this.block, image) : null);
  }

  /** Anchored to this paragraph at offset (0, 0), wrapping text, at the picture's pixel size. */
  addPositionedImage(image: BlobSource): GPositionedImage {
    const data = readImage(image, `DocumentApp.${this._className()}.addPositionedImage`);
    const state: PositionedImageState = {
      id: newId('kix.'),
      image: data,
      width: data.pixelWidth,
      height: data.pixelHeight,
    };
    this.block.positionedImages.push(state);
    return as(new FakePositionedImage(this.doc, this.section, this.block, state));
  }

  /** "Returns whether the specified image was removed." */
  removePositionedImage(id: string): boolean {
    const before = this.block.positionedImages.length;
    this.block.positionedImages = this.block.positionedImages.filter((image) => image.id !== id);
    settleSelection(this.doc);
    return this.block.positionedImages.length < before;
  }

  /**
   * A section keeps at least one paragraph, and ends with one: a paragraph that is the last of its section or
   * cell, or the only one after a table there, cannot go.
   */
  removeFromParent(): Self {
    const siblings = this._siblings();
    const index = this._index();
    const last = index === siblings.length - 1;
    if (this.section !== 'footnote' && last && (siblings.length === 1 || siblings[index - 1]?.kind === 'table')) {
      throw new ScriptException("Can't remove the last paragraph in a document section.");
    }
    siblings.splice(index, 1);
    if (this.section === 'footnote') this.doc.footnotes.splice(this.doc.footnotes.indexOf(this.block), 1);
    settleSelection(this.doc);
    return this._self();
  }

  isAtDocumentEnd(): boolean {
    const { list, cell } = this._holder();
    return this.section === 'body' && !cell && list.at(-1) === this.block;
  }
}

type BlockMethods =
  | ElementMethods
  | 'addPositionedImage'
  | 'appendHorizontalRule'
  | 'appendInlineImage'
  | 'appendText'
  | 'clear'
  | 'editAsText'
  | 'findElement'
  | 'getAlignment'
  | 'getChild'
  | 'getChildIndex'
  | 'getHeading'
  | 'getNextSibling'
  | 'getNumChildren'
  | 'getPositionedImage'
  | 'getPositionedImages'
  | 'getPreviousSibling'
  | 'getText'
  | 'insertHorizontalRule'
  | 'insertInlineImage'
  | 'insertText'
  | 'isAtDocumentEnd'
  | 'removeFromParent'
  | 'removePositionedImage'
  | 'setAlignment'
  | 'setHeading'
  | 'setText';

export class FakeParagraph extends BlockView<GParagraph> implements Pick<GParagraph, BlockMethods> {
  protected readonly type = 'PARAGRAPH';

  protected _className(): string {
    return 'Paragraph';
  }
}

/** The model has no nesting levels; a list item is numbered when its block says so (`glyph`). */
export class FakeListItem
  extends BlockView<GListItem>
  implements Pick<GListItem, BlockMethods | 'getGlyphType' | 'getNestingLevel'>
{
  protected readonly type = 'LIST_ITEM';

  protected _className(): string {
    return 'ListItem';
  }

  getNestingLevel(): number {
    return 0;
  }

  getGlyphType(): GoogleAppsScript.Document.GlyphType {
    return as(this.block.glyph ?? 'BULLET');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inline children

abstract class InlineView<Self, S extends InlineState> extends ElementBase<Self> {
  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly block: BlockState,
  ) {
    super(doc);
  }

  protected abstract _node(): S;

  _key(): object {
    return this._node();
  }

  protected _index(): number {
    const index = this.block.children.indexOf(this._node());
    if (index < 0) throw new ScriptException(REMOVED);
    return index;
  }

  getParent(): GContainer {
    this._index();
    return as(wrapBlock(this.doc, this.section, this.block));
  }

  getNextSibling(): GElement {
    return this._sibling(this._index() + 1);
  }

  getPreviousSibling(): GElement {
    return this._sibling(this._index() - 1);
  }

  private _sibling(index: number): GElement {
    const child = this.block.children[index];
    return as(child ? wrapInline(this.doc, this.section, this.block, child) : null);
  }

  isAtDocumentEnd(): boolean {
    const parent = wrapBlock(this.doc, this.section, this.block);
    return parent.isAtDocumentEnd() && this._index() === this.block.children.length - 1;
  }

  removeFromParent(): Self {
    const index = this._index();
    const at = childStart(this.block, index);
    const size = childSize(this._node());
    this.block.children.splice(index, 1);
    shiftPoints(this.doc, this.block, at, -size);
    settleSelection(this.doc);
    return this._self();
  }
}

/**
 * A run of text. With no run it stands for a whole paragraph (editAsText, Position.getSurroundingText), which
 * the emulation only reads.
 */
export class FakeText
  extends InlineView<GText, TextRun>
  implements
    Pick<
      GText,
      | ElementMethods
      | 'appendText'
      | 'deleteText'
      | 'editAsText'
      | 'getNextSibling'
      | 'getPreviousSibling'
      | 'getText'
      | 'insertText'
      | 'removeFromParent'
      | 'setText'
    >
{
  protected readonly type = 'TEXT';

  constructor(
    doc: DocumentState,
    section: DocSection,
    block: BlockState,
    readonly run: TextRun | null,
  ) {
    super(doc, section, block);
  }

  protected _node(): TextRun {
    if (this.run === null) throw new ScriptException('Editing a whole paragraph as text is not emulated.');
    return this.run;
  }

  override _key(): object {
    return this.run ?? this;
  }

  override getParent(): GContainer {
    if (this.run === null) return as(wrapBlock(this.doc, this.section, this.block));
    return super.getParent();
  }

  getText(): string {
    return this.run === null ? blockText(this.block) : this.run.text;
  }

  editAsText(): GText {
    return this._self();
  }

  setText(text: string): GText {
    const run = this._node();
    const at = childStart(this.block, this._index());
    shiftPoints(this.doc, this.block, at + Math.min(run.text.length, text.length), text.length - run.text.length);
    run.text = text;
    return this._self();
  }

  appendText(text: string): GText {
    return this.insertText(this._node().text.length, text);
  }

  insertText(offset: number, text: string): GText {
    const run = this._node();
    if (offset < 0 || offset > run.text.length) throw new ScriptException(`Offset (${offset}) is out of range.`);
    shiftPoints(this.doc, this.block, childStart(this.block, this._index()) + offset, text.length);
    run.text = run.text.slice(0, offset) + text + run.text.slice(offset);
    return this._self();
  }

  deleteText(startOffset: number, endOffsetInclusive: number): GText {
    const run = this._node();
    if (startOffset < 0 || endOffsetInclusive < startOffset || endOffsetInclusive >= run.text.length) {
      throw new ScriptException(`Invalid offsets (${startOffset}, ${endOffsetInclusive}).`);
    }
    const count = endOffsetInclusive - startOffset + 1;
    shiftPoints(this.doc, this.block, childStart(this.block, this._index()) + startOffset, -count);
    run.text = run.text.slice(0, startOffset) + run.text.slice(endOffsetInclusive + 1);
    return this._self();
  }
}

export class FakeInlineImage
  extends InlineView<GInlineImage, InlineImageState>
  implements
    Pick<
      GInlineImage,
      | ElementMethods
      | 'getAltDescription'
      | 'getAltTitle'
      | 'getAs'
      | 'getBlob'
      | 'getHeight'
      | 'getLinkUrl'
      | 'getNextSibling'
      | 'getPreviousSibling'
      | 'getWidth'
      | 'isAtDocumentEnd'
      | 'removeFromParent'
      | 'setAltDescription'
      | 'setAltTitle'
      | 'setHeight'
      | 'setLinkUrl'
      | 'setWidth'
    >
{
  protected readonly type = 'INLINE_IMAGE';

  constructor(
    doc: DocumentState,
    section: DocSection,
    block: BlockState,
    readonly state: InlineImageState,
  ) {
    super(doc, section, block);
  }

  protected _node(): InlineImageState {
    return this.state;
  }

  private _live(): InlineImageState {
    this._index();
    return this.state;
  }

  getBlob(): GBlob {
    return imageBlob(this._live().image);
  }

  getAs(contentType: string): GBlob {
    return imageAs(this._live().image, contentType);
  }

  /** Pixels, as documented. */
  getWidth(): number {
    return this._live().width;
  }

  getHeight(): number {
    return this._live().height;
  }

  /** The argument is an Integer in Apps Script; fractions are rounded as the editor stores whole pixels. */
  setWidth(width: number): GInlineImage {
    this._live().width = Math.round(width);
    return this._self();
  }

  setHeight(height: number): GInlineImage {
    this._live().height = Math.round(height);
    return this._self();
  }

  getAltTitle(): string {
    return this._live().altTitle;
  }

  getAltDescription(): string {
    return this._live().altDescription;
  }

  /** "If the given title is null, sets the title to the empty string." */
  setAltTitle(title: string): GInlineImage {
    this._live().altTitle = title ?? '';
    return this._self();
  }

  setAltDescription(description: string): GInlineImage {
    this._live().altDescription = description ?? '';
    return this._self();
  }

  getLinkUrl(): string {
    return as(this._live().linkUrl ?? null);
  }

  setLinkUrl(url: string): GInlineImage {
    const state = this._live();
    if (url) state.linkUrl = url;
    else delete state.linkUrl;
    return this._self();
  }
}

/**
 * A footnote's reference mark in a paragraph. Its contents are a FootnoteSection. A document saved before
 * references were modelled has footnotes with no mark in the text: those come with no paragraph (getParent null).
 */
export class FakeFootnote
  extends InlineView<GFootnote, FootnoteRefState>
  implements
    Pick<
      GFootnote,
      | ElementMethods
      | 'getFootnoteContents'
      | 'getNextSibling'
      | 'getPreviousSibling'
      | 'isAtDocumentEnd'
      | 'removeFromParent'
    >
{
  protected readonly type = 'FOOTNOTE';

  constructor(
    doc: DocumentState,
    section: DocSection,
    block: BlockState | null,
    private readonly ref: FootnoteRefState,
  ) {
    super(doc, section, block ?? { id: '', kind: 'paragraph', heading: 'NORMAL', children: [], positionedImages: [] });
    this.detached = block === null;
  }

  private readonly detached: boolean;

  protected _node(): FootnoteRefState {
    return this.ref;
  }

  override getParent(): GContainer {
    return this.detached ? as(null) : super.getParent();
  }

  getFootnoteContents(): GFootnoteSection {
    const contents = this.doc.footnotes.find((block) => block.id === this.ref.footnoteId);
    return as(contents ? new FakeFootnoteSection(this.doc, contents) : null);
  }

  /** The reference and its contents go together, as deleting the mark in the editor deletes the footnote. */
  override removeFromParent(): GFootnote {
    if (!this.detached) super.removeFromParent();
    const index = this.doc.footnotes.findIndex((block) => block.id === this.ref.footnoteId);
    if (index >= 0) this.doc.footnotes.splice(index, 1);
    settleSelection(this.doc);
    return this._self();
  }
}

/** A HorizontalRule or a PageBreak: it holds nothing and is only where it is. */
abstract class EmptyInline<Self> extends InlineView<Self, RuleState> {
  constructor(
    doc: DocumentState,
    section: DocSection,
    block: BlockState,
    private readonly node: RuleState,
  ) {
    super(doc, section, block);
  }

  protected _node(): RuleState {
    return this.node;
  }
}

type EmptyInlineMethods =
  | ElementMethods
  | 'getNextSibling'
  | 'getPreviousSibling'
  | 'isAtDocumentEnd'
  | 'removeFromParent';

export class FakeHorizontalRule
  extends EmptyInline<GHorizontalRule>
  implements Pick<GHorizontalRule, EmptyInlineMethods>
{
  protected readonly type = 'HORIZONTAL_RULE';
}

export class FakePageBreak extends EmptyInline<GPageBreak> implements Pick<GPageBreak, EmptyInlineMethods> {
  protected readonly type = 'PAGE_BREAK';
}

/**
 * Not an Element in Apps Script: no parent, no alt text, no selection. Offsets are points from the top-left of
 * its paragraph; width and height are pixels, as for inline images.
 */
export class FakePositionedImage
  implements
    Pick<
      GPositionedImage,
      | 'getAs'
      | 'getBlob'
      | 'getHeight'
      | 'getId'
      | 'getLayout'
      | 'getLeftOffset'
      | 'getParagraph'
      | 'getTopOffset'
      | 'getWidth'
      | 'setHeight'
      | 'setLayout'
      | 'setLeftOffset'
      | 'setTopOffset'
      | 'setWidth'
    >
{
  constructor(
    private readonly doc: DocumentState,
    private readonly section: DocSection,
    private readonly block: BlockState,
    private readonly state: PositionedImageState,
  ) {}

  private _self(): GPositionedImage {
    return as(this);
  }

  getId(): string {
    return this.state.id;
  }

  getBlob(): GBlob {
    return imageBlob(this.state.image);
  }

  getAs(contentType: string): GBlob {
    return imageAs(this.state.image, contentType);
  }

  getWidth(): number {
    return this.state.width;
  }

  getHeight(): number {
    return this.state.height;
  }

  setWidth(width: number): GPositionedImage {
    this.state.width = Math.round(width);
    return this._self();
  }

  setHeight(height: number): GPositionedImage {
    this.state.height = Math.round(height);
    return this._self();
  }

  getLeftOffset(): number {
    return this.state.left ?? 0;
  }

  getTopOffset(): number {
    return this.state.top ?? 0;
  }

  setLeftOffset(offset: number): GPositionedImage {
    this.state.left = offset;
    return this._self();
  }

  setTopOffset(offset: number): GPositionedImage {
    this.state.top = offset;
    return this._self();
  }

  getLayout(): GoogleAppsScript.Document.PositionedLayout {
    return as(this.state.layout ?? 'WRAP_TEXT');
  }

  setLayout(layout: GoogleAppsScript.Document.PositionedLayout): GPositionedImage {
    this.state.layout = String(layout);
    return this._self();
  }

  getParagraph(): GParagraph {
    return as(wrapBlock(this.doc, this.section, this.block));
  }
}
