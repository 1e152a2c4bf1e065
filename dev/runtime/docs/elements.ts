/**
 * Document elements over the model: sections (body, header, footer, footnote contents), paragraphs and list
 * items (BlockState), and their Text and InlineImage children. A view holds the model objects themselves and
 * knows its section, which is how getParent() climbs to a HeaderSection or FootnoteSection.
 */
import type { BlockState, DocSection, DocumentState, InlineImageState, PositionedImageState, TextRun } from '../model';
import { as, imageAs, imageBlob, newId, readImage, ScriptException } from '../slides/shared';
import {
  blockText,
  childSize,
  childStart,
  insertAt,
  newBlock,
  sectionBlocks,
  settleSelection,
  shiftPoints,
} from './tree';

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
type GBlob = GoogleAppsScript.Base.Blob;
type BlobSource = GoogleAppsScript.Base.BlobSource;

const NOT_A_CHILD = 'Element does not contain the specified child element.';
const NO_IMAGES_IN_FOOTNOTES = 'Inline images cannot be inserted into a footnote.';

// ---------------------------------------------------------------------------------------------------------
// Element: what every element shares, chiefly the as…() casts that throw on the wrong type.

abstract class ElementBase<Self> {
  protected abstract readonly type: string;

  constructor(protected readonly doc: DocumentState) {}

  protected _self(): Self {
    return as(this);
  }

  getType(): GoogleAppsScript.Document.ElementType {
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
}

type ElementMethods =
  | 'asBody'
  | 'asFooterSection'
  | 'asFootnote'
  | 'asFootnoteSection'
  | 'asHeaderSection'
  | 'asInlineImage'
  | 'asListItem'
  | 'asParagraph'
  | 'asText'
  | 'getParent'
  | 'getType';

// ---------------------------------------------------------------------------------------------------------
// Sections

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

abstract class SectionView<Self> extends ElementBase<Self> {
  protected abstract readonly section: DocSection;

  protected abstract _blocks(): BlockState[];

  /** Body and headers hang off the document and a footnote's contents off its reference, neither modelled. */
  getParent(): GContainer {
    return as(null);
  }

  getNumChildren(): number {
    return this._blocks().length;
  }

  getChild(childIndex: number): GElement {
    const block = this._blocks()[childIndex];
    if (!block)
      throw new ScriptException(
        `Child index (${childIndex}) must be less than the number of child elements (${this._blocks().length}).`,
      );
    return as(wrapBlock(this.doc, this.section, block));
  }

  getChildIndex(child: GElement): number {
    const index = child instanceof BlockView ? this._blocks().indexOf(child.block) : -1;
    if (index < 0) throw new ScriptException(NOT_A_CHILD);
    return index;
  }

  /** Paragraphs and list items alike, as Apps Script lists them. */
  getParagraphs(): GParagraph[] {
    return as(this._blocks().map((block) => wrapBlock(this.doc, this.section, block)));
  }

  getListItems(): GListItem[] {
    return as(
      this._blocks()
        .filter((block) => block.kind === 'listItem')
        .map((block) => wrapBlock(this.doc, this.section, block)),
    );
  }

  getImages(): GInlineImage[] {
    return as(
      this._blocks().flatMap((block) =>
        block.children.flatMap((child) =>
          child.kind === 'image' ? [new FakeInlineImage(this.doc, this.section, block, child)] : [],
        ),
      ),
    );
  }

  getText(): string {
    return this._blocks().map(blockText).join('\n');
  }
}

/** Sections Apps Script lets a script add paragraphs and images to. */
abstract class EditableSection<Self> extends SectionView<Self> {
  protected _blocks(): BlockState[] {
    return sectionBlocks(this.doc, this.section);
  }

  private _insertBlock(childIndex: number, block: BlockState): BlockView<unknown> {
    const blocks = this._blocks();
    if (childIndex < 0 || childIndex > blocks.length) {
      throw new ScriptException(
        `Index (${childIndex}) must be less than or equal to the number of child elements (${blocks.length}).`,
      );
    }
    blocks.splice(childIndex, 0, block);
    return wrapBlock(this.doc, this.section, block);
  }

  insertParagraph(childIndex: number, paragraph: string | GParagraph): GParagraph {
    return as(this._insertBlock(childIndex, blockFrom('paragraph', paragraph)));
  }

  appendParagraph(paragraph: string | GParagraph): GParagraph {
    return this.insertParagraph(this._blocks().length, paragraph);
  }

  insertListItem(childIndex: number, listItem: string | GListItem): GListItem {
    return as(this._insertBlock(childIndex, blockFrom('listItem', listItem)));
  }

  appendListItem(listItem: string | GListItem): GListItem {
    return this.insertListItem(this._blocks().length, listItem);
  }

  /** Apps Script wraps a body-level image in a new paragraph of its own, inserted at `childIndex`. */
  insertImage(childIndex: number, image: BlobSource | GInlineImage): GInlineImage {
    const state = inlineImageFrom(image, `DocumentApp.${this._className()}.insertImage`);
    const block = newBlock('paragraph', '');
    block.children.push(state);
    this._insertBlock(childIndex, block);
    return as(new FakeInlineImage(this.doc, this.section, block, state));
  }

  appendImage(image: BlobSource | GInlineImage): GInlineImage {
    return this.insertImage(this._blocks().length, image);
  }

  removeChild(child: GElement): Self {
    this.getChildIndex(child);
    (child as unknown as BlockView<unknown>).removeFromParent();
    return this._self();
  }

  protected abstract _className(): string;
}

function blockFrom(kind: BlockState['kind'], source: string | GParagraph | GListItem): BlockState {
  if (typeof source === 'string') return newBlock(kind, source);
  if (!(source instanceof BlockView)) throw new ScriptException(`Invalid argument: ${kind}`);
  const copy = structuredClone(source.block) as BlockState;
  return {
    ...copy,
    id: newId('kix.'),
    kind,
    children: copy.children.map((child) => (child.kind === 'image' ? { ...child, id: newId('kix.') } : child)),
    positionedImages: copy.positionedImages.map((image) => ({ ...image, id: newId('kix.') })),
  };
}

type SectionMethods = ElementMethods | 'getChild' | 'getChildIndex' | 'getNumChildren' | 'getParagraphs' | 'getText';

type EditableMethods =
  | SectionMethods
  | 'appendImage'
  | 'appendListItem'
  | 'appendParagraph'
  | 'getImages'
  | 'getListItems'
  | 'insertImage'
  | 'insertListItem'
  | 'insertParagraph'
  | 'removeChild';

export class FakeBody
  extends EditableSection<GBody>
  implements
    Pick<
      GBody,
      | EditableMethods
      | 'getMarginBottom'
      | 'getMarginLeft'
      | 'getMarginRight'
      | 'getMarginTop'
      | 'getPageHeight'
      | 'getPageWidth'
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

export class FakeHeaderSection extends EditableSection<GHeader> implements Pick<GHeader, EditableMethods> {
  protected readonly type = 'HEADER_SECTION';
  protected readonly section = 'header';

  protected _className(): string {
    return 'HeaderSection';
  }
}

export class FakeFooterSection extends EditableSection<GFooter> implements Pick<GFooter, EditableMethods> {
  protected readonly type = 'FOOTER_SECTION';
  protected readonly section = 'footer';

  protected _className(): string {
    return 'FooterSection';
  }
}

/** One footnote's contents: the model keeps one block per footnote. */
export class FakeFootnoteSection
  extends SectionView<GFootnoteSection>
  implements Pick<GFootnoteSection, SectionMethods>
{
  protected readonly type = 'FOOTNOTE_SECTION';
  protected readonly section = 'footnote';

  constructor(
    doc: DocumentState,
    private readonly block: BlockState,
  ) {
    super(doc);
  }

  protected _blocks(): BlockState[] {
    return this.doc.footnotes.includes(this.block) ? [this.block] : [];
  }
}

export class FakeFootnote
  extends ElementBase<GFootnote>
  implements Pick<GFootnote, ElementMethods | 'getFootnoteContents'>
{
  protected readonly type = 'FOOTNOTE';

  constructor(
    doc: DocumentState,
    private readonly block: BlockState,
  ) {
    super(doc);
  }

  /** The reference's place in the body is not modelled. */
  getParent(): GContainer {
    return as(null);
  }

  getFootnoteContents(): GFootnoteSection {
    return as(new FakeFootnoteSection(this.doc, this.block));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Paragraphs and list items

export function wrapBlock(doc: DocumentState, section: DocSection, block: BlockState): BlockView<unknown> {
  return block.kind === 'listItem' ? new FakeListItem(doc, section, block) : new FakeParagraph(doc, section, block);
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

  protected _siblings(): BlockState[] {
    return sectionBlocks(this.doc, this.section);
  }

  protected _index(): number {
    const index = this._siblings().indexOf(this.block);
    if (index < 0) throw new ScriptException('This element has been removed from the document.');
    return index;
  }

  protected abstract _className(): string;

  getParent(): GContainer {
    this._index();
    return sectionView(this.doc, this.section, this.block);
  }

  getNextSibling(): GElement {
    const next = this._siblings()[this._index() + 1];
    return as(next ? wrapBlock(this.doc, this.section, next) : null);
  }

  getPreviousSibling(): GElement {
    const previous = this._siblings()[this._index() - 1];
    return as(previous ? wrapBlock(this.doc, this.section, previous) : null);
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
    return as(
      child.kind === 'text'
        ? new FakeText(this.doc, this.section, this.block, child)
        : new FakeInlineImage(this.doc, this.section, this.block, child),
    );
  }

  getChildIndex(child: GElement): number {
    const state = child instanceof FakeText ? child.run : child instanceof FakeInlineImage ? child.state : null;
    const index = state ? this.block.children.indexOf(state) : -1;
    if (index < 0) throw new ScriptException(NOT_A_CHILD);
    return index;
  }

  private _checkChildIndex(childIndex: number, inserting: boolean): void {
    const count = this.block.children.length;
    if (childIndex < 0 || (inserting ? childIndex > count : childIndex >= count)) {
      throw new ScriptException(
        `Child index (${childIndex}) must be less than ${inserting ? 'or equal to ' : ''}the number of child elements (${count}).`,
      );
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

  getPositionedImages(): GPositionedImage[] {
    return as(
      this.block.positionedImages.map((image) => new FakePositionedImage(this.doc, this.section, this.block, image)),
    );
  }

  getPositionedImage(id: string): GPositionedImage {
    const image = this.block.positionedImages.find((candidate) => candidate.id === id);
    return as(image ? new FakePositionedImage(this.doc, this.section, this.block, image) : null);
  }

  /** A section keeps at least one paragraph, as in the editor. */
  removeFromParent(): Self {
    const siblings = this._siblings();
    const index = this._index();
    if (siblings.length === 1 && this.section !== 'footnote') {
      throw new ScriptException("Can't remove the last paragraph in a document section.");
    }
    siblings.splice(index, 1);
    settleSelection(this.doc);
    return this._self();
  }

  isAtDocumentEnd(): boolean {
    return this.section === 'body' && this._index() === this._siblings().length - 1;
  }
}

type BlockMethods =
  | ElementMethods
  | 'appendInlineImage'
  | 'appendText'
  | 'clear'
  | 'editAsText'
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
  | 'insertInlineImage'
  | 'insertText'
  | 'isAtDocumentEnd'
  | 'removeFromParent'
  | 'setAlignment'
  | 'setHeading'
  | 'setText';

export class FakeParagraph extends BlockView<GParagraph> implements Pick<GParagraph, BlockMethods> {
  protected readonly type = 'PARAGRAPH';

  protected _className(): string {
    return 'Paragraph';
  }
}

/** The model has no nesting levels or glyphs; every list item is a first-level bullet. */
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
    return as('BULLET');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inline children

abstract class InlineView<Self, S extends TextRun | InlineImageState> extends ElementBase<Self> {
  constructor(
    doc: DocumentState,
    readonly section: DocSection,
    readonly block: BlockState,
  ) {
    super(doc);
  }

  protected abstract _node(): S;

  protected _index(): number {
    const index = this.block.children.indexOf(this._node());
    if (index < 0) throw new ScriptException('This element has been removed from the document.');
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
    if (!child) return as(null);
    return as(
      child.kind === 'text'
        ? new FakeText(this.doc, this.section, this.block, child)
        : new FakeInlineImage(this.doc, this.section, this.block, child),
    );
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

/** Not an Element in Apps Script: no parent, no alt text; enough to see it is there and read it. */
export class FakePositionedImage
  implements Pick<GPositionedImage, 'getAs' | 'getBlob' | 'getHeight' | 'getId' | 'getParagraph' | 'getWidth'>
{
  constructor(
    private readonly doc: DocumentState,
    private readonly section: DocSection,
    private readonly block: BlockState,
    private readonly state: PositionedImageState,
  ) {}

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

  getParagraph(): GParagraph {
    return as(wrapBlock(this.doc, this.section, this.block));
  }
}
