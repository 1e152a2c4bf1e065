/**
 * The emulated documents' state: plain JSON, so it can be saved between workbench runs, sent to the page that
 * draws it, and compared in tests. The in-memory SlidesApp and DocumentApp services are views over these
 * objects; the workbench draws them and changes the selection in them.
 *
 * Units follow Apps Script: Slides positions and sizes in points from the page's top-left corner; Docs page
 * size and margins in points, inline image width and height in pixels (Apps Script's documented units).
 */

/** Image bytes as stored in a document. */
export interface ImageData {
  readonly mimeType: 'image/png' | 'image/jpeg' | 'image/gif';
  /** Standard base64, no `data:` prefix. */
  readonly base64: string;
  /** Pixel size of the encoded image. */
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

// ---------------------------------------------------------------------------------------------------------
// Slides

export type PlaceholderType =
  | 'NONE'
  | 'TITLE'
  | 'CENTERED_TITLE'
  | 'SUBTITLE'
  | 'BODY'
  | 'PICTURE'
  | 'SLIDE_IMAGE'
  | 'OBJECT'
  | 'HEADER'
  | 'FOOTER'
  | 'SLIDE_NUMBER'
  | 'DATE_AND_TIME';

/**
 * Where an element is and how it is drawn. `left`, `top`, `width` and `height` are its box "when the element has
 * no rotation" (what getLeft…getHeight answer); with the optional fields below they are the Slides API's
 * AffineTransform and inherent size in another spelling, which slides/transform.ts converts both ways. Every
 * optional field is absent in decks saved before it existed, which reads as no rotation, no flip, no shear.
 */
interface ElementBase {
  readonly objectId: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Alt text. */
  title: string;
  description: string;
  /** Clockwise degrees about the box's centre, in [0, 360). */
  rotation?: number;
  /** Mirrored left to right (a negative x scale), or top to bottom (a negative y scale). */
  flipH?: boolean;
  flipV?: boolean;
  /**
   * Horizontal shear before rotation: how far the bottom edge is shifted right per point of height. The box is
   * the sheared outline's bounds, so it is wider than the element's unsheared width.
   */
  shear?: number;
  /** The element's size at scale 1 (getInherentWidth/Height); absent, its unsheared box (images: their pixels). */
  inherentWidth?: number;
  inherentHeight?: number;
  /** A URL the element links to (getLink, setLinkUrl); absent, none. */
  link?: string;
}

/** An outline (Shape.getBorder): absent on a shape, the border is not visible. */
export interface BorderState {
  /** `#rrggbb`. */
  color: string;
  /** Points. */
  weight: number;
  /** DashStyle's name; absent, SOLID. */
  dash?: string;
}

export interface ShapeElement extends ElementBase {
  readonly kind: 'shape';
  placeholder: PlaceholderType;
  /** 'TEXT_BOX', 'RECTANGLE', … as Slides names shape types. */
  shapeType: string;
  text: string;
  /** A solid fill, `#rrggbb`; absent, the shape has no fill (FillType.NONE), as a text box has. */
  fill?: string;
  /** Its opacity, 0 to 1; absent, 1. */
  fillAlpha?: number;
  border?: BorderState;
}

/**
 * One cell of a table. A head cell spanning several rows or columns has its spans; the cells it covers stay in
 * the grid (Slides keeps them, CellMergeState.MERGED) with their own text, which is not shown.
 */
export interface SlideTableCellState {
  text: string;
  rowSpan?: number;
  columnSpan?: number;
}

/** A table: rows of cells, every row as long as the table has columns; rows and columns share its box evenly. */
export interface TableElement extends ElementBase {
  readonly kind: 'table';
  rows: SlideTableCellState[][];
}

/**
 * A group: its members are elements of the page in their own right (their boxes are page coordinates). Its box
 * is the bounds of its members as drawn, as Slides sizes a group: the runtime computes it from them and keeps
 * these fields equal to it after every change it makes (slides/transform.ts refitGroups), so a reader of the
 * JSON sees the group where it is. A group's own rotation, flips and shear are not modelled.
 */
export interface GroupElement extends ElementBase {
  readonly kind: 'group';
  /** In z-order, back to front. */
  children: PageElementState[];
}

export type LineCategoryName = 'STRAIGHT' | 'BENT' | 'CURVED';

/**
 * A line from its box's top-left corner to its bottom-right one (flips swap the corners), so a horizontal line
 * has height 0 and a vertical one width 0, as in Slides.
 */
export interface LineElement extends ElementBase {
  readonly kind: 'line';
  category: LineCategoryName;
  /** ArrowStyle names; absent, NONE. */
  startArrow?: string;
  endArrow?: string;
  /** Points; absent, 1. */
  weight?: number;
  /** `#rrggbb`; absent, the theme's dark text colour. */
  color?: string;
}

/** A chart linked from Sheets: geometry and its ids only; the workbench draws a stand-in picture. */
export interface ChartElement extends ElementBase {
  readonly kind: 'chart';
  chartId: number;
  spreadsheetId: string;
  /** Bar heights for the stand-in picture, 0 to 1. */
  bars?: number[];
}

/** A video: YouTube (the id is the video's) or Drive (the id is the file's). */
export interface VideoElement extends ElementBase {
  readonly kind: 'video';
  source: 'YOUTUBE' | 'DRIVE';
  videoId: string;
}

/** Word art: text drawn as a shape (WordArt.getRenderedText). */
export interface WordArtElement extends ElementBase {
  readonly kind: 'wordArt';
  text: string;
  /** `#rrggbb`; absent, the theme's first accent. */
  color?: string;
}

/**
 * Fractions of the image's width and height cut away on each side, as the Slides API's cropProperties offsets:
 * what remains is stretched to the element's box.
 */
export interface ImageCrop {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ImageElement extends ElementBase {
  readonly kind: 'image';
  placeholder: PlaceholderType;
  image: ImageData;
  /** Set when an image was cropped to fill its box (`replace(blob, true)`); absent, the whole image fills it. */
  crop?: ImageCrop;
}

export type PageElementState =
  | ShapeElement
  | ImageElement
  | TableElement
  | GroupElement
  | LineElement
  | ChartElement
  | VideoElement
  | WordArtElement;

/** Every element that has a box of its own: all but groups. */
export type BoxedElementState = Exclude<PageElementState, GroupElement>;

export interface SlideState {
  readonly objectId: string;
  /** Layout name, for display. */
  layout: string;
  elements: PageElementState[];
  speakerNotes: string;
  background?: string;
  /** A background picture (`Page.getBackground().setPictureFill`): stretched to the page, as Slides does. */
  backgroundImage?: ImageData;
}

export interface TableCellAddress {
  row: number;
  column: number;
}

export interface SlidesSelection {
  /** The current slide; null when nothing is open (an empty deck). */
  pageId: string | null;
  /**
   * Selected page elements on the current slide, in selection order: elements of the slide, or members of one of
   * its groups (a click into a group selects the member).
   */
  elementIds: string[];
  /**
   * Selected text inside one shape, or inside one cell of a table (`cell`); character offsets, end exclusive.
   * `elementId` may name a group's member.
   */
  text: { elementId: string; start: number; end: number; cell?: TableCellAddress } | null;
  /** Cells selected in one table (SelectionType.TABLE_CELL); absent or null when none are. */
  cells?: { elementId: string; cells: TableCellAddress[] } | null;
  /**
   * Slides selected in the filmstrip (SelectionType.PAGE), the current one among them; absent or empty when the
   * user last clicked on the canvas.
   */
  pageIds?: string[];
}

/** The twelve colours of a Slides theme (ThemeColorType without UNSUPPORTED). */
export type ThemeColourName =
  | 'DARK1'
  | 'LIGHT1'
  | 'DARK2'
  | 'LIGHT2'
  | 'ACCENT1'
  | 'ACCENT2'
  | 'ACCENT3'
  | 'ACCENT4'
  | 'ACCENT5'
  | 'ACCENT6'
  | 'HYPERLINK'
  | 'FOLLOWED_HYPERLINK';

/** `#rrggbb` for each theme colour. */
export type ThemeColours = Record<ThemeColourName, string>;

export interface DeckState {
  readonly kind: 'deck';
  readonly id: string;
  name: string;
  /** Points. The default 16:9 deck is 720 × 405. */
  pageWidth: number;
  pageHeight: number;
  slides: SlideState[];
  selection: SlidesSelection;
  /**
   * The theme's colour scheme (Page.getColorScheme), one for the whole deck: the emulation has one master.
   * Absent (decks saved before it existed, tests' small decks), Slides' "Simple Light" theme is used.
   */
  theme?: ThemeColours;
}

// ---------------------------------------------------------------------------------------------------------
// Docs

export interface TextRun {
  readonly kind: 'text';
  text: string;
}

export interface InlineImageState {
  readonly kind: 'image';
  /** Docs inline images have no id of their own; the emulation keeps one for drawing and selection. */
  readonly id: string;
  image: ImageData;
  /** Pixels, as InlineImage.getWidth() reports. */
  width: number;
  height: number;
  altTitle: string;
  altDescription: string;
  /** Absent when the image links nowhere. */
  linkUrl?: string;
}

/** A positioned (floating) image: not an Element in Apps Script, so Peel cannot act on it. */
export interface PositionedImageState {
  readonly id: string;
  image: ImageData;
  width: number;
  height: number;
  /** Points from the paragraph's top-left corner (PositionedImage.getLeftOffset/getTopOffset); absent is 0. */
  left?: number;
  top?: number;
  /** A DocumentApp.PositionedLayout name; absent is WRAP_TEXT, what the editor gives a dropped picture. */
  layout?: string;
}

/**
 * A footnote's reference mark in the text (the Footnote element). Its contents are the block in
 * `DocumentState.footnotes` whose id is `footnoteId`. Counts as one position, as in the Docs API.
 */
export interface FootnoteRefState {
  readonly kind: 'footnote';
  readonly id: string;
  readonly footnoteId: string;
}

/** A HorizontalRule or a PageBreak: elements of a paragraph that hold nothing, one position each. */
export interface RuleState {
  readonly kind: 'horizontalRule' | 'pageBreak';
  readonly id: string;
}

export type InlineState = TextRun | InlineImageState | FootnoteRefState | RuleState;

export interface BlockState {
  readonly id: string;
  kind: 'paragraph' | 'listItem';
  /** 'NORMAL', 'HEADING1', 'TITLE', … as DocumentApp.ParagraphHeading names them. */
  heading: string;
  /** 'LEFT', 'CENTER', 'RIGHT' or 'JUSTIFY' as DocumentApp.HorizontalAlignment names them; absent means LEFT. */
  alignment?: string;
  /** A list item's glyph as DocumentApp.GlyphType names it ('NUMBER', …); absent is 'BULLET'. */
  glyph?: string;
  children: InlineState[];
  positionedImages: PositionedImageState[];
}

/** A table cell holds paragraphs, list items and tables, as a section does. */
export interface TableCellState {
  readonly id: string;
  blocks: FlowState[];
  /** `#rrggbb`, for drawing; absent is none. */
  background?: string;
  /** Points, when set (TableCell.setWidth); absent, the column takes its share of the table and getWidth is null. */
  width?: number;
}

export interface TableRowState {
  readonly id: string;
  cells: TableCellState[];
}

export interface TableState {
  readonly kind: 'table';
  readonly id: string;
  rows: TableRowState[];
}

/** What a section or a table cell holds, in order. */
export type FlowState = BlockState | TableState;

export type DocSection = 'body' | 'header' | 'footer' | 'footnote';

/**
 * Where the user is. `offset` counts characters across the block's children, an inline image (or a footnote
 * reference, a rule, a page break) counting as one, which is how Docs positions count. The block may be inside a
 * table cell of the section.
 */
export interface DocPoint {
  section: DocSection;
  blockId: string;
  offset: number;
}

export interface DocSelection {
  /** A caret with no selection. */
  cursor: DocPoint | null;
  /** A selected range; both ends in the same section. */
  range: { start: DocPoint; end: DocPoint } | null;
  /** A selected inline or positioned image, by id. */
  imageId: string | null;
}

export interface DocumentState {
  readonly kind: 'doc';
  readonly id: string;
  name: string;
  /**
   * File → Language, as `Document.getLanguage()` answers it: a language code such as "de" (Google's reference:
   * https://developers.google.com/apps-script/reference/document/document#getLanguage(), "the language shown in
   * the document editor's File > Language, which may not be the actual language the document contains").
   * Absent: "en", the editor's default for the demo documents.
   */
  language?: string;
  /** Points. US Letter is 612 × 792 with 72-point margins. */
  pageWidth: number;
  pageHeight: number;
  marginLeft: number;
  marginRight: number;
  marginTop: number;
  marginBottom: number;
  body: FlowState[];
  /** Empty when the document has no header (`getHeader()` returns null); likewise the footer. */
  header: FlowState[];
  footer: FlowState[];
  /** One block per footnote, in document order: each is the content of that footnote's FootnoteSection. */
  footnotes: BlockState[];
  selection: DocSelection;
  /** Document.addNamedRange's ranges; absent in documents saved before they existed. */
  namedRanges?: NamedRangeState[];
}

/** What a named range covers: whole inline images and blocks, by the emulation's ids. */
export type NamedRangeTarget =
  | { readonly kind: 'image'; readonly id: string }
  | { readonly kind: 'block'; readonly section: DocSection; readonly id: string };

export interface NamedRangeState {
  /** "IDs are unique within the document"; the name need not be. */
  readonly id: string;
  readonly name: string;
  readonly targets: readonly NamedRangeTarget[];
}

export type HostDocument = DeckState | DocumentState;
