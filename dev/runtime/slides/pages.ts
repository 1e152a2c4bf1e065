/** Slides and the generic Page that selections and elements hand back. */
import type { DeckState, ImageElement, PageElementState, SlideState } from '../model';
import { FakeColorScheme } from './colors';
import {
  FakeGroup,
  FakeImage,
  FakeLine,
  FakeSheetsChart,
  FakeTable,
  FakeVideo,
  FakeWordArt,
  findElement,
  fitCentred,
  SpeakerNotesShape,
  wrapElement,
  wrapImage,
  wrapShape,
} from './elements';
import { registerPageView } from './parents';
import { as, newId, POINTS_PER_PIXEL, readImage, ScriptException } from './shared';

type GPage = GoogleAppsScript.Slides.Page;
type GSlide = GoogleAppsScript.Slides.Slide;
type GImage = GoogleAppsScript.Slides.Image;
type GPageElement = GoogleAppsScript.Slides.PageElement;
type GShape = GoogleAppsScript.Slides.Shape;

abstract class PageView {
  constructor(
    protected readonly deck: DeckState,
    readonly slide: SlideState,
  ) {}

  getObjectId(): string {
    return this.slide.objectId;
  }

  getPageType(): GoogleAppsScript.Slides.PageType {
    return as('SLIDE');
  }

  getPageElements(): GPageElement[] {
    return as(this.slide.elements.map((state) => wrapElement(this.deck, this.slide, state)));
  }

  /** Members of the page's groups are found too: they are elements of the page (unverified for Apps Script). */
  getPageElementById(id: string): GPageElement {
    const state = findElement(this.slide.elements, id);
    return as(state ? wrapElement(this.deck, this.slide, state) : null);
  }

  getShapes(): GShape[] {
    return as(
      this.slide.elements.flatMap((state) => (state.kind === 'shape' ? [wrapShape(this.deck, this.slide, state)] : [])),
    );
  }

  getImages(): GImage[] {
    return as(
      this.slide.elements.flatMap((state) => (state.kind === 'image' ? [wrapImage(this.deck, this.slide, state)] : [])),
    );
  }

  getPlaceholders(): GPageElement[] {
    return as(
      this.slide.elements
        .filter((state) => 'placeholder' in state && state.placeholder !== 'NONE')
        .map((state) => wrapElement(this.deck, this.slide, state)),
    );
  }

  /**
   * The model keeps no placeholder indices, so `placeholderIndex` counts placeholders of that type in z-order;
   * null when there is none, as documented.
   */
  getPlaceholder(placeholderType: GoogleAppsScript.Slides.PlaceholderType, placeholderIndex = 0): GPageElement {
    const type = String(placeholderType);
    const state = this.slide.elements.filter((element) => 'placeholder' in element && element.placeholder === type)[
      placeholderIndex
    ];
    return as(state ? wrapElement(this.deck, this.slide, state) : null);
  }

  /** The page's own elements of one kind, in z-order; members of groups are reached through their group. */
  private _ofKind<K extends PageElementState['kind']>(kind: K): Extract<PageElementState, { kind: K }>[] {
    return this.slide.elements.filter((state): state is Extract<PageElementState, { kind: K }> => state.kind === kind);
  }

  getTables(): GoogleAppsScript.Slides.Table[] {
    return as(this._ofKind('table').map((state) => new FakeTable(this.deck, this.slide, state)));
  }

  getGroups(): GoogleAppsScript.Slides.Group[] {
    return as(this._ofKind('group').map((state) => new FakeGroup(this.deck, this.slide, state)));
  }

  getLines(): GoogleAppsScript.Slides.Line[] {
    return as(this._ofKind('line').map((state) => new FakeLine(this.deck, this.slide, state)));
  }

  getSheetsCharts(): GoogleAppsScript.Slides.SheetsChart[] {
    return as(this._ofKind('chart').map((state) => new FakeSheetsChart(this.deck, this.slide, state)));
  }

  getVideos(): GoogleAppsScript.Slides.Video[] {
    return as(this._ofKind('video').map((state) => new FakeVideo(this.deck, this.slide, state)));
  }

  getWordArts(): GoogleAppsScript.Slides.WordArt[] {
    return as(this._ofKind('wordArt').map((state) => new FakeWordArt(this.deck, this.slide, state)));
  }

  /**
   * With a box, the image is scaled to fit it keeping its aspect ratio and centred in it, as documented;
   * without, it sits at the top-left corner at its inherent size. `insertImage(image)` inserts a copy at the
   * source image's position.
   */
  insertImage(
    source: GoogleAppsScript.Base.BlobSource | GImage | string,
    left?: number,
    top?: number,
    width?: number,
    height?: number,
  ): GImage {
    let created: ImageElement;
    if (source instanceof FakeImage) {
      const original = source.state;
      created = { ...original, objectId: newId('g', '_0_0'), image: { ...original.image } };
      if (original.crop) created.crop = { ...original.crop };
    } else {
      const image = readImage(source, 'SlidesApp.Slide.insertImage');
      const inherent = {
        left: 0,
        top: 0,
        width: image.pixelWidth * POINTS_PER_PIXEL,
        height: image.pixelHeight * POINTS_PER_PIXEL,
      };
      let box = inherent;
      if (left !== undefined || top !== undefined || width !== undefined || height !== undefined) {
        if (left === undefined || top === undefined || width === undefined || height === undefined) {
          throw new ScriptException(
            "The parameters (Blob,number) don't match the method signature for SlidesApp.Slide.insertImage.",
          );
        }
        box = fitCentred({ left, top, width, height }, image.pixelWidth, image.pixelHeight);
      }
      created = {
        kind: 'image',
        objectId: newId('g', '_0_0'),
        ...box,
        title: '',
        description: '',
        placeholder: 'NONE',
        image,
      };
    }
    this.slide.elements.push(created);
    return as(wrapImage(this.deck, this.slide, created));
  }

  getBackground(): GoogleAppsScript.Slides.PageBackground {
    return as(new FakePageBackground(this.slide));
  }

  getColorScheme(): GoogleAppsScript.Slides.ColorScheme {
    return as(new FakeColorScheme(this.deck));
  }

  /** Makes this the current page with nothing selected on it (SelectionType.CURRENT_PAGE). */
  selectAsCurrentPage(): void {
    const selection = this.deck.selection;
    selection.pageId = this.slide.objectId;
    selection.elementIds = [];
    selection.text = null;
    selection.cells = null;
    delete selection.pageIds;
  }
}

type PageMethods =
  | 'getBackground'
  | 'getColorScheme'
  | 'getGroups'
  | 'getImages'
  | 'getLines'
  | 'getSheetsCharts'
  | 'getTables'
  | 'getVideos'
  | 'getWordArts'
  | 'getObjectId'
  | 'getPageElementById'
  | 'getPageElements'
  | 'getPageType'
  | 'getPlaceholder'
  | 'getPlaceholders'
  | 'getShapes'
  | 'insertImage'
  | 'selectAsCurrentPage';

/** What Selection.getCurrentPage() and PageElement.getParentPage() return: a Page, not yet a Slide. */
export class FakePage extends PageView implements Pick<GPage, PageMethods | 'asSlide'> {
  asSlide(): GSlide {
    return as(new FakeSlide(this.deck, this.slide));
  }
}

registerPageView((deck, slide) => as(new FakePage(deck, slide)));

export class FakeSlide extends PageView implements Pick<GSlide, PageMethods | 'getNotesPage' | 'remove'> {
  getNotesPage(): GoogleAppsScript.Slides.NotesPage {
    return as(new FakeNotesPage(this.slide));
  }

  remove(): void {
    const index = this.deck.slides.indexOf(this.slide);
    if (index < 0) return;
    this.deck.slides.splice(index, 1);
    const selection = this.deck.selection;
    if (selection.pageId === this.slide.objectId) {
      selection.pageId = this.deck.slides[Math.min(index, this.deck.slides.length - 1)]?.objectId ?? null;
      selection.elementIds = [];
      selection.text = null;
      selection.cells = null;
    }
    if (selection.pageIds) selection.pageIds = selection.pageIds.filter((id) => id !== this.slide.objectId);
  }
}

export class FakeNotesPage implements Pick<GoogleAppsScript.Slides.NotesPage, 'getObjectId' | 'getSpeakerNotesShape'> {
  constructor(private readonly slide: SlideState) {}

  getObjectId(): string {
    return `${this.slide.objectId}:notesPage`;
  }

  getSpeakerNotesShape(): GShape {
    return as(new SpeakerNotesShape(this.slide));
  }
}

/**
 * The page's background: a picture fill or none. Slides stretches a picture fill to the page
 * (StretchedPictureFill in the Slides API); the workbench draws it that way.
 */
export class FakePageBackground
  implements Pick<GoogleAppsScript.Slides.PageBackground, 'getType' | 'isVisible' | 'setPictureFill'>
{
  constructor(private readonly slide: SlideState) {}

  getType(): GoogleAppsScript.Slides.PageBackgroundType {
    return as(this.slide.backgroundImage ? 'PICTURE' : this.slide.background ? 'SOLID' : 'NONE');
  }

  isVisible(): boolean {
    return this.slide.backgroundImage !== undefined || this.slide.background !== undefined;
  }

  setPictureFill(source: GoogleAppsScript.Base.BlobSource | string): void {
    this.slide.backgroundImage = readImage(source, 'SlidesApp.PageBackground.setPictureFill');
  }
}
