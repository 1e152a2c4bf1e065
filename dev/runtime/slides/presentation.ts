/** The Presentation and the user's Selection in it. */
import type { DeckState, ShapeElement, SlideState } from '../model';
import { wrapElement } from './elements';
import { FakePage, FakeSlide } from './pages';
import { as, newId, ScriptException } from './shared';
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
      const state = slide.elements.find((element) => element.objectId === id);
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

export class FakeSelection
  implements
    Pick<GSelection, 'getCurrentPage' | 'getPageElementRange' | 'getPageRange' | 'getSelectionType' | 'getTextRange'>
{
  constructor(private readonly deck: DeckState) {}

  private _currentSlide(): SlideState | null {
    const id = this.deck.selection.pageId;
    return this.deck.slides.find((slide) => slide.objectId === id) ?? null;
  }

  /** The selected text's shape, when it still exists on the current slide. */
  private _textShape(slide: SlideState): ShapeElement | null {
    const text = this.deck.selection.text;
    const state = text ? slide.elements.find((element) => element.objectId === text.elementId) : undefined;
    return state?.kind === 'shape' ? state : null;
  }

  /** Selected elements that still exist, the text's shape first when text is selected in it. */
  private _selectedIds(slide: SlideState): string[] {
    const ids = [...this.deck.selection.elementIds];
    const shape = this._textShape(slide);
    if (shape && !ids.includes(shape.objectId)) ids.unshift(shape.objectId);
    return ids.filter((id) => slide.elements.some((element) => element.objectId === id));
  }

  private _filmstrip(): SlideState[] {
    const ids = this.deck.selection.pageIds ?? [];
    return this.deck.slides.filter((slide) => ids.includes(slide.objectId));
  }

  /** The most specific kind of what is selected, as documented. */
  getSelectionType(): GoogleAppsScript.Slides.SelectionType {
    const slide = this._currentSlide();
    if (!slide) return as('NONE');
    if (this._textShape(slide)) return as('TEXT');
    if (this._selectedIds(slide).length > 0) return as('PAGE_ELEMENT');
    if (this._filmstrip().length > 0) return as('PAGE');
    return as('CURRENT_PAGE');
  }

  getCurrentPage(): GoogleAppsScript.Slides.Page {
    const slide = this._currentSlide();
    return as(slide ? new FakePage(this.deck, slide) : null);
  }

  /** Null when no page element is selected; with selected text, holds the shape the text is in. */
  getPageElementRange(): GoogleAppsScript.Slides.PageElementRange {
    const slide = this._currentSlide();
    const ids = slide ? this._selectedIds(slide) : [];
    return as(slide && ids.length > 0 ? new FakePageElementRange(this.deck, slide, ids) : null);
  }

  getPageRange(): GoogleAppsScript.Slides.PageRange {
    const pages = String(this.getSelectionType()) === 'PAGE' ? this._filmstrip() : [];
    return as(pages.length > 0 ? new FakePageRange(this.deck, pages) : null);
  }

  getTextRange(): GoogleAppsScript.Slides.TextRange {
    const slide = this._currentSlide();
    const shape = slide ? this._textShape(slide) : null;
    const text = this.deck.selection.text;
    if (!shape || !text) return as(null);
    return as(
      new FakeTextRange(
        {
          read: () => shape.text,
          write: (value) => {
            shape.text = value;
          },
        },
        { start: text.start, end: text.end },
      ),
    );
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
        const state = this.slide.elements.find((element) => element.objectId === id);
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
