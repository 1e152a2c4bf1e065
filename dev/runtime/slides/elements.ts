/**
 * Page elements over the model's PageElementState. A view holds the state object itself, so it follows the
 * element while Peel moves or edits it, and notices when the element has left its slide.
 */
import type {
  DeckState,
  ImageCrop,
  ImageData,
  ImageElement,
  PageElementState,
  ShapeElement,
  SlideState,
} from '../model';
import { FakePage } from './pages';
import { as, imageAs, imageBlob, newId, POINTS_PER_PIXEL, readImage, ScriptException } from './shared';
import { FakeTextRange } from './text';

type GPageElement = GoogleAppsScript.Slides.PageElement;
type GShape = GoogleAppsScript.Slides.Shape;
type GImage = GoogleAppsScript.Slides.Image;
type GPage = GoogleAppsScript.Slides.Page;
type GBlob = GoogleAppsScript.Base.Blob;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The image scaled to fit inside the box, keeping its aspect ratio, and centred there. */
export function fitCentred(box: Box, pixelWidth: number, pixelHeight: number): Box {
  // The limiting side takes the box's size exactly; multiplying before dividing keeps the other one exact too.
  const byWidth = box.width * pixelHeight <= box.height * pixelWidth;
  const width = byWidth ? box.width : (pixelWidth * box.height) / pixelHeight;
  const height = byWidth ? (pixelHeight * box.width) / pixelWidth : box.height;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/** What to cut off an image so that, centred, it covers a box of this shape exactly. */
export function coverCrop(box: Box, pixelWidth: number, pixelHeight: number): ImageCrop {
  const boxAspect = box.width / box.height;
  const imageAspect = pixelWidth / pixelHeight;
  if (imageAspect > boxAspect) {
    const cut = (1 - boxAspect / imageAspect) / 2;
    return { left: cut, right: cut, top: 0, bottom: 0 };
  }
  const cut = (1 - imageAspect / boxAspect) / 2;
  return { left: 0, right: 0, top: cut, bottom: cut };
}

/** Places an image in a box as Slides' insert/replace calls do: scale and centre, or crop to fill. */
export function placeImage(target: ImageElement, box: Box, image: ImageData, crop: boolean): void {
  const placed = crop ? box : fitCentred(box, image.pixelWidth, image.pixelHeight);
  target.image = image;
  target.left = placed.left;
  target.top = placed.top;
  target.width = placed.width;
  target.height = placed.height;
  if (crop) target.crop = coverCrop(box, image.pixelWidth, image.pixelHeight);
  else delete target.crop;
}

export function forgetSelected(deck: DeckState, objectId: string): void {
  const selection = deck.selection;
  selection.elementIds = selection.elementIds.filter((id) => id !== objectId);
  if (selection.text?.elementId === objectId) selection.text = null;
}

export function wrapElement(deck: DeckState, slide: SlideState, state: PageElementState): FakePageElement {
  return new FakePageElement(deck, slide, state);
}

export function wrapImage(deck: DeckState, slide: SlideState, state: ImageElement): FakeImage {
  return new FakeImage(deck, slide, state);
}

export function wrapShape(deck: DeckState, slide: SlideState, state: ShapeElement): FakeShape {
  return new FakeShape(deck, slide, state);
}

/** What PageElement, Shape and Image share; `Self` is the @types interface the setters return for chaining. */
abstract class ElementView<Self, S extends PageElementState> {
  constructor(
    protected readonly deck: DeckState,
    protected readonly slide: SlideState,
    /** The model object; read by sibling views (Slide.insertImage(image) copies it). */
    readonly state: S,
  ) {}

  protected _self(): Self {
    return as(this);
  }

  /** The element's place in z-order, which is its slide's array order; throws once it is gone. */
  protected _index(): number {
    const index = this.slide.elements.indexOf(this.state);
    if (index < 0) {
      throw new ScriptException(`The object (${this.state.objectId}) has been deleted or is not accessible.`);
    }
    return index;
  }

  protected _live(): S {
    this._index();
    return this.state;
  }

  getObjectId(): string {
    return this.state.objectId;
  }

  getPageElementType(): GoogleAppsScript.Slides.PageElementType {
    return as(this._live().kind === 'image' ? 'IMAGE' : 'SHAPE');
  }

  getParentPage(): GPage {
    this._index();
    return as(new FakePage(this.deck, this.slide));
  }

  getLeft(): number {
    return this._live().left;
  }

  getTop(): number {
    return this._live().top;
  }

  getWidth(): number {
    return this._live().width;
  }

  getHeight(): number {
    return this._live().height;
  }

  /** No transforms are modelled, so an element's own size is its inherent size (Image overrides this). */
  getInherentWidth(): number {
    return this._live().width;
  }

  getInherentHeight(): number {
    return this._live().height;
  }

  getRotation(): number {
    this._index();
    return 0;
  }

  setLeft(left: number): Self {
    this._live().left = left;
    return this._self();
  }

  setTop(top: number): Self {
    this._live().top = top;
    return this._self();
  }

  setWidth(width: number): Self {
    this._live().width = width;
    return this._self();
  }

  setHeight(height: number): Self {
    this._live().height = height;
    return this._self();
  }

  getTitle(): string {
    return this._live().title;
  }

  getDescription(): string {
    return this._live().description;
  }

  setTitle(title: string): Self {
    this._live().title = title ?? '';
    return this._self();
  }

  setDescription(description: string): Self {
    this._live().description = description ?? '';
    return this._self();
  }

  alignOnPage(alignmentPosition: GoogleAppsScript.Slides.AlignmentPosition): Self {
    const state = this._live();
    const position = String(alignmentPosition);
    if (position !== 'VERTICAL_CENTER') state.left = (this.deck.pageWidth - state.width) / 2;
    if (position !== 'HORIZONTAL_CENTER') state.top = (this.deck.pageHeight - state.height) / 2;
    return this._self();
  }

  private _moveTo(index: number): Self {
    const elements = this.slide.elements;
    elements.splice(this._index(), 1);
    elements.splice(Math.max(0, Math.min(index, elements.length)), 0, this.state);
    return this._self();
  }

  bringToFront(): Self {
    return this._moveTo(this.slide.elements.length);
  }

  sendToBack(): Self {
    return this._moveTo(0);
  }

  bringForward(): Self {
    return this._moveTo(this._index() + 1);
  }

  sendBackward(): Self {
    return this._moveTo(this._index() - 1);
  }

  remove(): void {
    this.slide.elements.splice(this._index(), 1);
    forgetSelected(this.deck, this.state.objectId);
  }

  /** Selecting also makes the element's slide the current page; `select(false)` adds to a selection there. */
  select(replace = true): void {
    this._index();
    const selection = this.deck.selection;
    const id = this.state.objectId;
    if (replace || selection.pageId !== this.slide.objectId) {
      selection.pageId = this.slide.objectId;
      selection.elementIds = [id];
    } else if (!selection.elementIds.includes(id)) {
      selection.elementIds.push(id);
    }
    selection.text = null;
    delete selection.pageIds;
  }
}

type CommonMethods =
  | 'alignOnPage'
  | 'bringForward'
  | 'bringToFront'
  | 'getDescription'
  | 'getHeight'
  | 'getInherentHeight'
  | 'getInherentWidth'
  | 'getLeft'
  | 'getObjectId'
  | 'getPageElementType'
  | 'getParentPage'
  | 'getRotation'
  | 'getTitle'
  | 'getTop'
  | 'getWidth'
  | 'remove'
  | 'select'
  | 'sendBackward'
  | 'sendToBack'
  | 'setDescription'
  | 'setHeight'
  | 'setLeft'
  | 'setTitle'
  | 'setTop'
  | 'setWidth';

/** The generic element `getPageElements()` returns: only as…() reaches the kind-specific methods. */
export class FakePageElement
  extends ElementView<GPageElement, PageElementState>
  implements Pick<GPageElement, CommonMethods | 'asImage' | 'asShape'>
{
  asShape(): GShape {
    const state = this._live();
    if (state.kind !== 'shape') throw new ScriptException('The page element is not a shape.');
    return as(new FakeShape(this.deck, this.slide, state));
  }

  asImage(): GImage {
    const state = this._live();
    if (state.kind !== 'image') throw new ScriptException('The page element is not an image.');
    return as(new FakeImage(this.deck, this.slide, state));
  }
}

export class FakeShape
  extends ElementView<GShape, ShapeElement>
  implements Pick<GShape, CommonMethods | 'getPlaceholderType' | 'getShapeType' | 'getText' | 'replaceWithImage'>
{
  getShapeType(): GoogleAppsScript.Slides.ShapeType {
    return as(this._live().shapeType);
  }

  getPlaceholderType(): GoogleAppsScript.Slides.PlaceholderType {
    return as(this._live().placeholder);
  }

  getText(): GoogleAppsScript.Slides.TextRange {
    const state = this._live();
    return as(
      new FakeTextRange({
        read: () => state.text,
        write: (text) => {
          state.text = text;
        },
      }),
    );
  }

  /**
   * The new image takes the shape's place in z-order and its box (scaled and centred, or cropped to fill), and
   * the shape is gone. It keeps the shape's placeholder type, as an image dropped into a picture placeholder in
   * the editor does (unverified for Apps Script), and gets a new object id and empty alt text.
   */
  replaceWithImage(blobSource: GoogleAppsScript.Base.BlobSource | string, crop = false): GImage {
    const index = this._index();
    const image = readImage(blobSource, 'SlidesApp.Shape.replaceWithImage');
    const shape = this.state;
    const created: ImageElement = {
      kind: 'image',
      objectId: newId('g', '_0_0'),
      left: shape.left,
      top: shape.top,
      width: shape.width,
      height: shape.height,
      title: '',
      description: '',
      placeholder: shape.placeholder,
      image,
    };
    placeImage(created, shape, image, crop);
    this.slide.elements.splice(index, 1, created);
    forgetSelected(this.deck, shape.objectId);
    return as(new FakeImage(this.deck, this.slide, created));
  }
}

export class FakeImage
  extends ElementView<GImage, ImageElement>
  implements Pick<GImage, CommonMethods | 'getAs' | 'getBlob' | 'getSourceUrl' | 'replace'>
{
  getBlob(): GBlob {
    return imageBlob(this._live().image);
  }

  getAs(contentType: string): GBlob {
    return imageAs(this._live().image, contentType);
  }

  /** Only images inserted from a URL have one, and the emulation cannot fetch URLs. */
  getSourceUrl(): string {
    this._index();
    return as(null);
  }

  /**
   * The size the image has at 100%: its pixels at 96 per inch (0.75 pt each), which is how Slides sizes an image
   * that carries no resolution of its own, and the generated PNGs carry none.
   */
  override getInherentWidth(): number {
    return this._live().image.pixelWidth * POINTS_PER_PIXEL;
  }

  override getInherentHeight(): number {
    return this._live().image.pixelHeight * POINTS_PER_PIXEL;
  }

  /** Missing from @types 2.0.13 but documented: NONE unless the image fills a placeholder. */
  getPlaceholderType(): GoogleAppsScript.Slides.PlaceholderType {
    return as(this._live().placeholder);
  }

  /**
   * Keeps the element: same object id, z-order position and alt text (the Slides API's ReplaceImageRequest
   * replaces the content of an existing image; whether Apps Script keeps the alt text is unverified). The new
   * image is scaled and centred within the old box, or cropped to fill it.
   */
  replace(blobSource: GoogleAppsScript.Base.BlobSource | string, crop = false): GImage {
    const state = this._live();
    const image = readImage(blobSource, 'SlidesApp.Image.replace');
    const box = { left: state.left, top: state.top, width: state.width, height: state.height };
    placeImage(state, box, image, crop);
    return this._self();
  }
}

/** The notes page's body: the slide's speaker notes, the only part of a notes page Peel reads. */
export class SpeakerNotesShape
  implements Pick<GShape, 'getObjectId' | 'getPageElementType' | 'getPlaceholderType' | 'getShapeType' | 'getText'>
{
  constructor(private readonly slide: SlideState) {}

  getObjectId(): string {
    return `${this.slide.objectId}:notes`;
  }

  getPageElementType(): GoogleAppsScript.Slides.PageElementType {
    return as('SHAPE');
  }

  getPlaceholderType(): GoogleAppsScript.Slides.PlaceholderType {
    return as('BODY');
  }

  getShapeType(): GoogleAppsScript.Slides.ShapeType {
    return as('TEXT_BOX');
  }

  getText(): GoogleAppsScript.Slides.TextRange {
    const slide = this.slide;
    return as(
      new FakeTextRange({
        read: () => slide.speakerNotes,
        write: (text) => {
          slide.speakerNotes = text;
        },
      }),
    );
  }
}
