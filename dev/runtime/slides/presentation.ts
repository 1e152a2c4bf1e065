/** The Presentation and the user's Selection in it. */
import type { DeckState, ShapeElement, SlideState, TableCellAddress, TableElement } from '../model';
import { findElement, shapeText, wrapElement } from './elements';
import { FakePage, FakeSlide } from './pages';
import { as, newId, ScriptException } from './shared';
import { FakeTableCell, FakeTableCellRange } from './tables';
import { FakeTextRange } from './text';

type GPresentation = GoogleAppsScript.Slides.Presentation;
type GSelection = GoogleAppsScript.Slides.Selection;
type GSlide = GoogleAppsScript.Slides.Slide;
type GPageElement = GoogleAppsScript.Slides.PageElement;

/** Layouts and slides to copy are accepted by the signature but not emulated. */
type LayoutArgument = GoogleAppsScript.Slides.PredefinedLayout | GoogleAppsScript.Slides.Layout | GSlide;

export class FakePresentation
  implements
    Pick<
      GPresentation,
      | 'appendSlide'
      | 'getId'
      | 'getName'
      | 'getPageElementById'
      | 'getPageHeight'
      | 'getPageWidth'
      | 'getSelection'
      | 'getSlideById'
      | 'getSlides'
      | 'getUrl'
      | 'insertSlide'
      | 'setName'
    >
{
  constructor(private readonly deck: DeckState) {}

  getId(): string {
    return this.deck.id;
  }

  getName(): string {
    return this.deck.name;
  }

  setName(name: string): void {
    this.deck.name = name;
  }

  getUrl(): string {
    return `https://docs.google.com/presentation/d/${this.deck.id}/edit`;
  }

  getPageWidth(): number {
    return this.deck.pageWidth;
  }

  getPageHeight(): number {
    return this.deck.pageHeight;
  }

  getSlides(): GSlide[] {
    return as(this.deck.slides.map((slide) => new FakeSlide(this.deck, slide)));
  }

  getSlideById(id: string): GSlide {
    const slide = this.deck.slides.find((candidate) => candidate.objectId === id);
    return as(slide ? new FakeSlide(this.deck, slide) : null);
  }

  getPageElementById(id: string): GPageElement {
    for (const slide of this.deck.slides) {
      const state = findElement(slide.elements, id);
      if (state) return as(wrapElement(this.deck, slide, state));
    }
    return as(null);
  }

  /**
   * Always a Selection, of type NONE when nothing is open: the add-on runs as if bound, and the editor transforms
   * the selection as the script edits, which reading the live state reproduces.
   */
  getSelection(): GSelection {
    return as(new FakeSelection(this.deck));
  }

  appendSlide(layout?: LayoutArgument): GSlide {
    return this.insertSlide(this.deck.slides.length, layout);
  }

  /** Predefined layouts only; their placeholders follow Slides' default theme roughly. */
  insertSlide(insertionIndex: number, layout?: LayoutArgument): GSlide {
    if (layout !== undefined && typeof layout !== 'string') {
      throw new ScriptException('Only predefined layouts are emulated for new slides.');
    }
    const name = layout ?? 'BLANK';
    const slide: SlideState = {
      objectId: newId('g', '_0_0'),
      layout: name,
      elements: layoutPlaceholders(name, this.deck.pageWidth, this.deck.pageHeight),
      speakerNotes: '',
    };
    this.deck.slides.splice(Math.max(0, Math.min(insertionIndex, this.deck.slides.length)), 0, slide);
    return as(new FakeSlide(this.deck, slide));
  }
}

function layoutPlaceholders(layout: string, width: number, height: number): ShapeElement[] {
  const shape = (placeholder: ShapeElement['placeholder'], top: number, boxHeight: number): ShapeElement => ({
    kind: 'shape',
    objectId: newId('g', '_0_0'),
    left: width * 0.05,
    top,
    width: width * 0.9,
    height: boxHeight,
    title: '',
    description: '',
    placeholder,
    shapeType: 'TEXT_BOX',
    text: '',
  });
  switch (layout) {
    case 'TITLE':
      return [shape('CENTERED_TITLE', height * 0.3, height * 0.25), shape('SUBTITLE', height * 0.57, height * 0.12)];
    case 'TITLE_AND_BODY':
      return [shape('TITLE', height * 0.06, height * 0.16), shape('BODY', height * 0.25, height * 0.66)];
    case 'TITLE_ONLY':
      return [shape('TITLE', height * 0.06, height * 0.16)];
    case 'SECTION_HEADER':
      return [shape('TITLE', height * 0.4, height * 0.2)];
    default:
      return [];
  }
}

/** Where selected text lives: a shape (perhaps a group's member), or one cell of a table. */
type TextHome =
  | { readonly kind: 'shape'; readonly shape: ShapeElement }
  | { readonly kind: 'cell'; readonly table: TableElement; readonly row: number; readonly column: number };

export class FakeSelection
  implements
    Pick<
      GSelection,
      | 'getCurrentPage'
      | 'getPageElementRange'
      | 'getPageRange'
      | 'getSelectionType'
      | 'getTableCellRange'
      | 'getTextRange'
    >
{
  constructor(private readonly deck: DeckState) {}

  private _currentSlide(): SlideState | null {
    const id = this.deck.selection.pageId;
    return this.deck.slides.find((slide) => slide.objectId === id) ?? null;
  }

  /** The selected text's shape or cell, when it still exists on the current slide. */
  private _textHome(slide: SlideState): TextHome | null {
    const text = this.deck.selection.text;
    const state = text ? findElement(slide.elements, text.elementId) : null;
    if (state?.kind === 'shape') return { kind: 'shape', shape: state };
    const cell = text?.cell;
    if (state?.kind === 'table' && cell && state.rows[cell.row]?.[cell.column]) {
      return { kind: 'cell', table: state, row: cell.row, column: cell.column };
    }
    return null;
  }

  /** The selected cells and their table, when the table still exists on the current slide and has them. */
  private _cells(slide: SlideState): { table: TableElement; cells: TableCellAddress[] } | null {
    const selected = this.deck.selection.cells;
    const state = selected ? findElement(slide.elements, selected.elementId) : null;
    if (state?.kind !== 'table' || !selected) return null;
    const cells = selected.cells.filter((c) => state.rows[c.row]?.[c.column] !== undefined);
    return cells.length > 0 ? { table: state, cells } : null;
  }

  /**
   * Selected elements that still exist (a group's member among them), the text's shape or table first when text
   * is selected in it, the table first when cells are.
   */
  private _selectedIds(slide: SlideState): string[] {
    const ids = [...this.deck.selection.elementIds];
    const home = this._textHome(slide);
    const holder = home ? (home.kind === 'shape' ? home.shape : home.table) : this._cells(slide)?.table;
    if (holder && !ids.includes(holder.objectId)) ids.unshift(holder.objectId);
    return ids.filter((id) => findElement(slide.elements, id) !== null);
  }

  private _filmstrip(): SlideState[] {
    const ids = this.deck.selection.pageIds ?? [];
    return this.deck.slides.filter((slide) => ids.includes(slide.objectId));
  }

  /** The most specific kind of what is selected, as documented. */
  getSelectionType(): GoogleAppsScript.Slides.SelectionType {
    const slide = this._currentSlide();
    if (!slide) return as('NONE');
    if (this._textHome(slide)) return as('TEXT');
    if (this._cells(slide)) return as('TABLE_CELL');
    if (this._selectedIds(slide).length > 0) return as('PAGE_ELEMENT');
    if (this._filmstrip().length > 0) return as('PAGE');
    return as('CURRENT_PAGE');
  }

  getCurrentPage(): GoogleAppsScript.Slides.Page {
    const slide = this._currentSlide();
    return as(slide ? new FakePage(this.deck, slide) : null);
  }

  /**
   * Null when no page element is selected; with selected text, holds the shape the text is in (or its table);
   * with selected cells, their table ("The Table can be retrieved by using Selection.getPageElementRange").
   */
  getPageElementRange(): GoogleAppsScript.Slides.PageElementRange {
    const slide = this._currentSlide();
    const ids = slide ? this._selectedIds(slide) : [];
    return as(slide && ids.length > 0 ? new FakePageElementRange(this.deck, slide, ids) : null);
  }

  getPageRange(): GoogleAppsScript.Slides.PageRange {
    const pages = String(this.getSelectionType()) === 'PAGE' ? this._filmstrip() : [];
    return as(pages.length > 0 ? new FakePageRange(this.deck, pages) : null);
  }

  /**
   * The selected cells, or the cell that selected text is in (the editor shows that cell selected; that Apps
   * Script answers it with a TEXT selection is inferred); null when no cell is selected.
   */
  getTableCellRange(): GoogleAppsScript.Slides.TableCellRange {
    const slide = this._currentSlide();
    if (!slide) return as(null);
    const cells = this._cells(slide);
    if (cells) return as(new FakeTableCellRange(this.deck, slide, cells.table, cells.cells));
    const home = this._textHome(slide);
    if (home?.kind !== 'cell') return as(null);
    return as(new FakeTableCellRange(this.deck, slide, home.table, [{ row: home.row, column: home.column }]));
  }

  getTextRange(): GoogleAppsScript.Slides.TextRange {
    const slide = this._currentSlide();
    const home = slide ? this._textHome(slide) : null;
    const text = this.deck.selection.text;
    if (!slide || !home || !text) return as(null);
    const bounds = { start: text.start, end: text.end };
    if (home.kind === 'shape') return as(new FakeTextRange(shapeText(this.deck, slide, home.shape), bounds));
    const cell = new FakeTableCell(this.deck, slide, home.table, home.row, home.column);
    const whole = cell.getText() as unknown as FakeTextRange;
    return as(whole.getRange(Math.min(bounds.start, whole.getLength()), Math.min(bounds.end, whole.getLength())));
  }
}

export class FakePageElementRange implements Pick<GoogleAppsScript.Slides.PageElementRange, 'getPageElements'> {
  constructor(
    private readonly deck: DeckState,
    private readonly slide: SlideState,
    private readonly ids: readonly string[],
  ) {}

  /** In selection order, as the model keeps it. */
  getPageElements(): GPageElement[] {
    return as(
      this.ids.flatMap((id) => {
        const state = findElement(this.slide.elements, id);
        return state ? [wrapElement(this.deck, this.slide, state)] : [];
      }),
    );
  }
}

export class FakePageRange implements Pick<GoogleAppsScript.Slides.PageRange, 'getPages'> {
  constructor(
    private readonly deck: DeckState,
    private readonly slides: readonly SlideState[],
  ) {}

  getPages(): GoogleAppsScript.Slides.Page[] {
    return as(this.slides.map((slide) => new FakePage(this.deck, slide)));
  }
}
