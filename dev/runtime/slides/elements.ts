/**
 * Page elements over the model's PageElementState. A view holds the state object itself, so it follows the
 * element while Peel moves or edits it, and notices when the element has left its slide.
 */
import type {
  BoxedElementState,
  ChartElement,
  DeckState,
  GroupElement,
  ImageCrop,
  ImageData,
  ImageElement,
  LineElement,
  PageElementState,
  ShapeElement,
  SlideState,
  TableElement,
  VideoElement,
  WordArtElement,
} from '../model';
import { FakeRgbColor } from './colors';
import { parentPage, registerTableView } from './parents';
import { as, imageAs, imageBlob, newId, readImage, ScriptException } from './shared';
import { FakeTableCell, FakeTableColumn, FakeTableRow } from './tables';
import { FakeTextRange, selectText, type TextTarget } from './text';
import {
  type Affine,
  applyTransform,
  type Box,
  groupBox,
  inherentSize,
  lineEnds,
  normalDegrees,
  pinInherent,
  refitGroups,
  transformOf,
} from './transform';
import { containerOf, findElement, parentGroupOf } from './tree';

type GPageElement = GoogleAppsScript.Slides.PageElement;
type GShape = GoogleAppsScript.Slides.Shape;
type GImage = GoogleAppsScript.Slides.Image;
type GPage = GoogleAppsScript.Slides.Page;
type GBlob = GoogleAppsScript.Base.Blob;
type GGroup = GoogleAppsScript.Slides.Group;
type GLink = GoogleAppsScript.Slides.Link;

export type { Box };
export { containerOf, findElement, parentGroupOf, selectText };

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

/** Drops an element (and, for a group, its members) from the selection once it is gone. */
export function forgetSelected(deck: DeckState, objectId: string): void {
  const selection = deck.selection;
  selection.elementIds = selection.elementIds.filter((id) => id !== objectId);
  if (selection.text?.elementId === objectId) selection.text = null;
  if (selection.cells?.elementId === objectId) selection.cells = null;
}

/** Removes a group's members from a selection too: they go with it. */
function forgetTree(deck: DeckState, state: PageElementState): void {
  forgetSelected(deck, state.objectId);
  if (state.kind === 'group') for (const child of state.children) forgetTree(deck, child);
}

const PAGE_ELEMENT_TYPES: Record<PageElementState['kind'], string> = {
  shape: 'SHAPE',
  image: 'IMAGE',
  table: 'TABLE',
  group: 'GROUP',
  line: 'LINE',
  chart: 'SHEETS_CHART',
  video: 'VIDEO',
  wordArt: 'WORD_ART',
};

/** A point on the page (Line.getStart/getEnd). */
export class FakePoint implements GoogleAppsScript.Slides.Point {
  constructor(
    private readonly x: number,
    private readonly y: number,
  ) {}

  getX(): number {
    return this.x;
  }

  getY(): number {
    return this.y;
  }
}

/** A read-only AffineTransform: getTransform hands out a copy, as Apps Script's value object is. */
export class FakeAffineTransform implements Omit<GoogleAppsScript.Slides.AffineTransform, 'toBuilder'> {
  constructor(readonly values: Readonly<Affine>) {}

  getScaleX(): number {
    return this.values.scaleX;
  }

  getScaleY(): number {
    return this.values.scaleY;
  }

  getShearX(): number {
    return this.values.shearX;
  }

  getShearY(): number {
    return this.values.shearY;
  }

  getTranslateX(): number {
    return this.values.translateX;
  }

  getTranslateY(): number {
    return this.values.translateY;
  }
}

function affineOf(transform: unknown, method: string): Affine {
  if (transform instanceof FakeAffineTransform) return { ...transform.values };
  const t = transform as Partial<GoogleAppsScript.Slides.AffineTransform> | null;
  if (t && typeof t.getScaleX === 'function') {
    const read = (name: keyof Omit<GoogleAppsScript.Slides.AffineTransform, 'toBuilder'>) =>
      (t[name] as () => number).call(t);
    return {
      scaleX: read('getScaleX'),
      scaleY: read('getScaleY'),
      shearX: read('getShearX'),
      shearY: read('getShearY'),
      translateX: read('getTranslateX'),
      translateY: read('getTranslateY'),
    };
  }
  throw new ScriptException(`The parameters (${typeof transform}) don't match the method signature for ${method}.`);
}

/** What every kind of page element shares; `Self` is the @types interface the setters return for chaining. */
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

  /** After a change to the element's geometry: the groups around it are resized to their members, as in Slides. */
  protected _changed(): Self {
    refitGroups(this.slide.elements);
    return this._self();
  }

  /** The list holding the element (its slide's, or its group's); throws once it is gone. */
  protected _container(): PageElementState[] {
    const list = containerOf(this.slide.elements, this.state);
    if (!list) {
      throw new ScriptException(`The object (${this.state.objectId}) has been deleted or is not accessible.`);
    }
    return list;
  }

  /** The element's place in z-order among its siblings; throws once it is gone. */
  protected _index(): number {
    return this._container().indexOf(this.state);
  }

  protected _live(): S {
    this._index();
    return this.state;
  }

  getObjectId(): string {
    return this.state.objectId;
  }

  getPageElementType(): GoogleAppsScript.Slides.PageElementType {
    return as(PAGE_ELEMENT_TYPES[this._live().kind]);
  }

  getParentPage(): GPage {
    this._index();
    return parentPage(this.deck, this.slide);
  }

  /** Null for an element of the slide itself, as documented ("or null if the element is not in a group"). */
  getParentGroup(): GGroup {
    this._index();
    const group = parentGroupOf(this.slide.elements, this.state);
    return as(group ? new FakeGroup(this.deck, this.slide, group) : null);
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

  private _moveTo(index: number): Self {
    const elements = this._container();
    elements.splice(elements.indexOf(this.state), 1);
    elements.splice(Math.max(0, Math.min(index, elements.length)), 0, this.state);
    return this._self();
  }

  bringToFront(): Self {
    return this._moveTo(this._container().length);
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
    const list = this._container();
    list.splice(list.indexOf(this.state), 1);
    forgetTree(this.deck, this.state);
    refitGroups(this.slide.elements);
  }

  /**
   * Selecting also makes the element's slide the current page; `select(false)` adds to a selection there. A
   * group's member is selected on its own, as a click into a group selects it.
   */
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
    selection.cells = null;
    delete selection.pageIds;
  }
}

/**
 * The geometry of an element with a box of its own (all but groups): getLeft…getHeight are its box "when the
 * element has no rotation", rotation and flips leave them as they are (slides/transform.ts cites Google).
 */
abstract class BoxedView<Self, S extends BoxedElementState> extends ElementView<Self, S> {
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

  getInherentWidth(): number {
    return inherentSize(this._live()).width;
  }

  getInherentHeight(): number {
    return inherentSize(this._live()).height;
  }

  /** "The element's clockwise rotation angle around its center in degrees, where zero degrees means no rotation." */
  getRotation(): number {
    return this._live().rotation ?? 0;
  }

  getTransform(): GoogleAppsScript.Slides.AffineTransform {
    return as(new FakeAffineTransform(transformOf(this._live())));
  }

  setTransform(transform: GoogleAppsScript.Slides.AffineTransform): Self {
    const state = this._live();
    applyTransform(state, affineOf(transform, 'SlidesApp.PageElement.setTransform'));
    return this._changed();
  }

  /** "Preconcatenates the provided transform to the existing transform": the new one is applied after. */
  preconcatenateTransform(transform: GoogleAppsScript.Slides.AffineTransform): Self {
    const state = this._live();
    const p = affineOf(transform, 'SlidesApp.PageElement.preconcatenateTransform');
    const t = transformOf(state);
    applyTransform(state, {
      scaleX: p.scaleX * t.scaleX + p.shearX * t.shearY,
      shearX: p.scaleX * t.shearX + p.shearX * t.scaleY,
      shearY: p.shearY * t.scaleX + p.scaleY * t.shearY,
      scaleY: p.shearY * t.shearX + p.scaleY * t.scaleY,
      translateX: p.scaleX * t.translateX + p.shearX * t.translateY + p.translateX,
      translateY: p.shearY * t.translateX + p.scaleY * t.translateY + p.translateY,
    });
    return this._changed();
  }

  /** Turns the element about its box's centre; its box stays where it is. */
  setRotation(angle: number): Self {
    const state = this._live();
    const degrees = normalDegrees(Number(angle));
    if (degrees === 0) delete state.rotation;
    else state.rotation = degrees;
    return this._changed();
  }

  setLeft(left: number): Self {
    this._live().left = left;
    return this._changed();
  }

  setTop(top: number): Self {
    this._live().top = top;
    return this._changed();
  }

  setWidth(width: number): Self {
    pinInherent(this._live());
    this.state.width = width;
    return this._changed();
  }

  setHeight(height: number): Self {
    pinInherent(this._live());
    this.state.height = height;
    return this._changed();
  }

  /**
   * Scales the box's width from its left edge; a negative ratio also mirrors the element left to right (the guide's
   * "reflect it along one of its edges"). Which edge stays put when mirroring is not documented: the left one here.
   */
  scaleWidth(ratio: number): Self {
    const state = this._live();
    pinInherent(state);
    state.width *= Math.abs(ratio);
    if (ratio < 0) toggle(state, 'flipH');
    return this._changed();
  }

  scaleHeight(ratio: number): Self {
    const state = this._live();
    pinInherent(state);
    state.height *= Math.abs(ratio);
    if (ratio < 0) toggle(state, 'flipV');
    return this._changed();
  }

  alignOnPage(alignmentPosition: GoogleAppsScript.Slides.AlignmentPosition): Self {
    const state = this._live();
    const position = String(alignmentPosition);
    if (position !== 'VERTICAL_CENTER') state.left = (this.deck.pageWidth - state.width) / 2;
    if (position !== 'HORIZONTAL_CENTER') state.top = (this.deck.pageHeight - state.height) / 2;
    return this._changed();
  }
}

/** getLink, setLinkUrl and removeLink, for the kinds that have them (shapes, pictures, lines, charts, word art). */
abstract class LinkedView<Self, S extends BoxedElementState> extends BoxedView<Self, S> {
  getLink(): GLink {
    const { link } = this._live();
    return as(link === undefined ? null : new FakeLink(link));
  }

  /** "Sets a Link to the given non-empty URL string." */
  setLinkUrl(url: string): GLink {
    if (typeof url !== 'string' || url === '') throw new ScriptException('Invalid argument: url');
    this._live().link = url;
    return as(new FakeLink(url));
  }

  removeLink(): void {
    delete this._live().link;
  }
}

function toggle(state: BoxedElementState, key: 'flipH' | 'flipV'): void {
  if (state[key]) delete state[key];
  else state[key] = true;
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
  | 'getParentGroup'
  | 'getParentPage'
  | 'getRotation'
  | 'getTitle'
  | 'getTop'
  | 'getTransform'
  | 'getWidth'
  | 'preconcatenateTransform'
  | 'remove'
  | 'scaleHeight'
  | 'scaleWidth'
  | 'select'
  | 'sendBackward'
  | 'sendToBack'
  | 'setDescription'
  | 'setHeight'
  | 'setLeft'
  | 'setRotation'
  | 'setTitle'
  | 'setTop'
  | 'setTransform'
  | 'setWidth';

type LinkMethods = 'getLink' | 'removeLink' | 'setLinkUrl';

/** A URL link (Link with LinkType.URL); links to slides are not modelled. */
export class FakeLink implements Pick<GLink, 'getLinkType' | 'getUrl' | 'getSlideId'> {
  constructor(private readonly url: string) {}

  getLinkType(): GoogleAppsScript.Slides.LinkType {
    return as('URL');
  }

  getUrl(): string {
    return this.url;
  }

  /** "Returns the ID of the linked Slide … or null if the LinkType is not SLIDE_ID." */
  getSlideId(): string {
    return as(null);
  }
}

/** The generic element `getPageElements()` returns: only as…() reaches the kind-specific methods. */
export class FakePageElement
  extends ElementView<GPageElement, PageElementState>
  implements
    Pick<
      GPageElement,
      | 'bringForward'
      | 'bringToFront'
      | 'getDescription'
      | 'getObjectId'
      | 'getPageElementType'
      | 'getParentGroup'
      | 'getParentPage'
      | 'getTitle'
      | 'remove'
      | 'select'
      | 'sendBackward'
      | 'sendToBack'
      | 'setDescription'
      | 'setTitle'
      | 'getLeft'
      | 'getTop'
      | 'getWidth'
      | 'getHeight'
      | 'getInherentWidth'
      | 'getInherentHeight'
      | 'getRotation'
      | 'getTransform'
      | 'setLeft'
      | 'setTop'
      | 'setWidth'
      | 'setHeight'
      | 'setRotation'
      | 'asGroup'
      | 'asImage'
      | 'asLine'
      | 'asShape'
      | 'asSheetsChart'
      | 'asTable'
      | 'asVideo'
      | 'asWordArt'
    >
{
  /** The element's own view, which carries its geometry (a group's is its members'). */
  private _view(): BoxedView<unknown, BoxedElementState> | FakeGroup {
    return wrapKind(this.deck, this.slide, this._live());
  }

  getLeft(): number {
    return this._view().getLeft();
  }

  getTop(): number {
    return this._view().getTop();
  }

  getWidth(): number {
    return this._view().getWidth();
  }

  getHeight(): number {
    return this._view().getHeight();
  }

  getInherentWidth(): number {
    return this._view().getInherentWidth();
  }

  getInherentHeight(): number {
    return this._view().getInherentHeight();
  }

  getRotation(): number {
    return this._view().getRotation();
  }

  getTransform(): GoogleAppsScript.Slides.AffineTransform {
    return this._view().getTransform();
  }

  setLeft(left: number): GPageElement {
    this._view().setLeft(left);
    return as(this);
  }

  setTop(top: number): GPageElement {
    this._view().setTop(top);
    return as(this);
  }

  setWidth(width: number): GPageElement {
    this._view().setWidth(width);
    return as(this);
  }

  setHeight(height: number): GPageElement {
    this._view().setHeight(height);
    return as(this);
  }

  setRotation(angle: number): GPageElement {
    const view = this._view();
    if (view instanceof FakeGroup) throw new ScriptException('This operation is not supported on a group.');
    view.setRotation(angle);
    return as(this);
  }

  private _as<K extends PageElementState['kind']>(kind: K, noun: string): Extract<PageElementState, { kind: K }> {
    const state = this._live();
    if (state.kind !== kind) throw new ScriptException(`The page element is not ${noun}.`);
    return state as Extract<PageElementState, { kind: K }>;
  }

  asShape(): GShape {
    return as(new FakeShape(this.deck, this.slide, this._as('shape', 'a shape')));
  }

  asImage(): GImage {
    return as(new FakeImage(this.deck, this.slide, this._as('image', 'an image')));
  }

  asGroup(): GGroup {
    return as(new FakeGroup(this.deck, this.slide, this._as('group', 'a group')));
  }

  asTable(): GoogleAppsScript.Slides.Table {
    return as(new FakeTable(this.deck, this.slide, this._as('table', 'a table')));
  }

  asLine(): GoogleAppsScript.Slides.Line {
    return as(new FakeLine(this.deck, this.slide, this._as('line', 'a line')));
  }

  asSheetsChart(): GoogleAppsScript.Slides.SheetsChart {
    return as(new FakeSheetsChart(this.deck, this.slide, this._as('chart', 'a sheets chart')));
  }

  asVideo(): GoogleAppsScript.Slides.Video {
    return as(new FakeVideo(this.deck, this.slide, this._as('video', 'a video')));
  }

  asWordArt(): GoogleAppsScript.Slides.WordArt {
    return as(new FakeWordArt(this.deck, this.slide, this._as('wordArt', 'a word art')));
  }
}

/** Fill.getType, getSolidFill and isVisible over a shape's fill. */
export class FakeFill implements Pick<GoogleAppsScript.Slides.Fill, 'getSolidFill' | 'getType' | 'isVisible'> {
  constructor(private readonly state: { fill?: string; fillAlpha?: number }) {}

  getType(): GoogleAppsScript.Slides.FillType {
    return as(this.state.fill === undefined ? 'NONE' : 'SOLID');
  }

  isVisible(): boolean {
    return this.state.fill !== undefined && (this.state.fillAlpha ?? 1) > 0;
  }

  /** "Get the solid fill of this background, or null if the fill type is not FillType.SOLID." */
  getSolidFill(): GoogleAppsScript.Slides.SolidFill {
    const { fill, fillAlpha } = this.state;
    return as(fill === undefined ? null : new FakeSolidFill(fill, fillAlpha ?? 1));
  }
}

export class FakeSolidFill implements Pick<GoogleAppsScript.Slides.SolidFill, 'getAlpha' | 'getColor'> {
  constructor(
    private readonly hex: string,
    private readonly alpha: number,
  ) {}

  getAlpha(): number {
    return this.alpha;
  }

  getColor(): GoogleAppsScript.Slides.Color {
    return as(new FakeRgbColor(this.hex.toLowerCase()));
  }
}

/** A shape's or picture's outline; absent in the model, it is not visible and weighs nothing. */
export class FakeBorder
  implements Pick<GoogleAppsScript.Slides.Border, 'getDashStyle' | 'getLineFill' | 'getWeight' | 'isVisible'>
{
  constructor(private readonly state: { border?: { color: string; weight: number; dash?: string } }) {}

  isVisible(): boolean {
    return this.state.border !== undefined;
  }

  getWeight(): number {
    return this.state.border?.weight ?? 0;
  }

  getDashStyle(): GoogleAppsScript.Slides.DashStyle {
    return as(this.state.border?.dash ?? 'SOLID');
  }

  getLineFill(): GoogleAppsScript.Slides.LineFill {
    const border = this.state.border;
    return as(new FakeLineFill(border?.color ?? null));
  }
}

export class FakeLineFill implements Pick<GoogleAppsScript.Slides.LineFill, 'getFillType' | 'getSolidFill'> {
  constructor(private readonly hex: string | null) {}

  getFillType(): GoogleAppsScript.Slides.LineFillType {
    return as(this.hex === null ? 'NONE' : 'SOLID');
  }

  getSolidFill(): GoogleAppsScript.Slides.SolidFill {
    return as(this.hex === null ? null : new FakeSolidFill(this.hex, 1));
  }
}

export class FakeShape
  extends LinkedView<GShape, ShapeElement>
  implements
    Pick<
      GShape,
      | CommonMethods
      | LinkMethods
      | 'getBorder'
      | 'getFill'
      | 'getPlaceholderType'
      | 'getShapeType'
      | 'getText'
      | 'replaceWithImage'
    >
{
  getShapeType(): GoogleAppsScript.Slides.ShapeType {
    return as(this._live().shapeType);
  }

  getPlaceholderType(): GoogleAppsScript.Slides.PlaceholderType {
    return as(this._live().placeholder);
  }

  getFill(): GoogleAppsScript.Slides.Fill {
    return as(new FakeFill(this._live()));
  }

  getBorder(): GoogleAppsScript.Slides.Border {
    return as(new FakeBorder(this._live()));
  }

  getText(): GoogleAppsScript.Slides.TextRange {
    const state = this._live();
    return as(new FakeTextRange(shapeText(this.deck, this.slide, state)));
  }

  /**
   * The new image takes the shape's place in z-order and its box (scaled and centred, or cropped to fill), and
   * the shape is gone. It keeps the shape's placeholder type, as an image dropped into a picture placeholder in
   * the editor does (unverified for Apps Script), and its rotation, and gets a new object id and empty alt text.
   */
  replaceWithImage(blobSource: GoogleAppsScript.Base.BlobSource | string, crop = false): GImage {
    const list = this._container();
    const index = list.indexOf(this.state);
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
      ...(shape.rotation ? { rotation: shape.rotation } : {}),
    };
    placeImage(created, shape, image, crop);
    list.splice(index, 1, created);
    forgetSelected(this.deck, shape.objectId);
    refitGroups(this.slide.elements);
    return as(new FakeImage(this.deck, this.slide, created));
  }
}

/** A shape's text, which `TextRange.select()` can select. */
export function shapeText(deck: DeckState, slide: SlideState, state: ShapeElement): TextTarget {
  return {
    read: () => state.text,
    write: (text) => {
      state.text = text;
    },
    select: (start, end) => selectText(deck, slide, state.objectId, start, end),
  };
}

export class FakeImage
  extends LinkedView<GImage, ImageElement>
  implements Pick<GImage, CommonMethods | LinkMethods | 'getAs' | 'getBlob' | 'getBorder' | 'getSourceUrl' | 'replace'>
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

  getBorder(): GoogleAppsScript.Slides.Border {
    return as(new FakeBorder({}));
  }

  /** Missing from @types 2.0.13 but documented: NONE unless the image fills a placeholder. */
  getPlaceholderType(): GoogleAppsScript.Slides.PlaceholderType {
    return as(this._live().placeholder);
  }

  /**
   * Keeps the element: same object id, z-order position, rotation and alt text (the Slides API's
   * ReplaceImageRequest replaces the content of an existing image; whether Apps Script keeps the alt text is
   * unverified). The new image is scaled and centred within the old box, or cropped to fill it; its size at 100%
   * is the new picture's.
   */
  replace(blobSource: GoogleAppsScript.Base.BlobSource | string, crop = false): GImage {
    const state = this._live();
    const image = readImage(blobSource, 'SlidesApp.Image.replace');
    const box = { left: state.left, top: state.top, width: state.width, height: state.height };
    delete state.inherentWidth;
    delete state.inherentHeight;
    placeImage(state, box, image, crop);
    return this._changed();
  }
}

/**
 * A group. Its box is its members' drawn bounds (slides/transform.ts); moving or resizing it moves and scales
 * its members, as dragging a group in the editor does. Its own rotation is not modelled: getRotation answers 0.
 */
export class FakeGroup
  extends ElementView<GGroup, GroupElement>
  implements
    Pick<
      GGroup,
      | Exclude<
          CommonMethods,
          'preconcatenateTransform' | 'scaleHeight' | 'scaleWidth' | 'setRotation' | 'setTransform'
        >
      | 'getChildren'
    >
{
  getChildren(): GPageElement[] {
    return as(this._live().children.map((child) => wrapElement(this.deck, this.slide, child)));
  }

  private _box(): Box {
    return groupBox(this._live());
  }

  getLeft(): number {
    return this._box().left;
  }

  getTop(): number {
    return this._box().top;
  }

  getWidth(): number {
    return this._box().width;
  }

  getHeight(): number {
    return this._box().height;
  }

  getInherentWidth(): number {
    return this._box().width;
  }

  getInherentHeight(): number {
    return this._box().height;
  }

  getRotation(): number {
    this._index();
    return 0;
  }

  getTransform(): GoogleAppsScript.Slides.AffineTransform {
    const box = this._box();
    return as(
      new FakeAffineTransform({
        scaleX: 1,
        scaleY: 1,
        shearX: 0,
        shearY: 0,
        translateX: box.left,
        translateY: box.top,
      }),
    );
  }

  /** Moves or scales every member (and their members) so the group's box becomes `next`. */
  private _reshape(next: Box): GGroup {
    const box = this._box();
    const sx = box.width > 0 ? next.width / box.width : 1;
    const sy = box.height > 0 ? next.height / box.height : 1;
    const visit = (state: PageElementState) => {
      if (state.kind === 'group') {
        for (const child of state.children) visit(child);
        return;
      }
      if (sx !== 1 || sy !== 1) pinInherent(state);
      state.left = next.left + (state.left - box.left) * sx;
      state.top = next.top + (state.top - box.top) * sy;
      state.width *= sx;
      state.height *= sy;
    };
    visit(this._live());
    return this._changed();
  }

  setLeft(left: number): GGroup {
    return this._reshape({ ...this._box(), left });
  }

  setTop(top: number): GGroup {
    return this._reshape({ ...this._box(), top });
  }

  setWidth(width: number): GGroup {
    return this._reshape({ ...this._box(), width });
  }

  setHeight(height: number): GGroup {
    return this._reshape({ ...this._box(), height });
  }

  alignOnPage(alignmentPosition: GoogleAppsScript.Slides.AlignmentPosition): GGroup {
    const box = this._box();
    const position = String(alignmentPosition);
    return this._reshape({
      ...box,
      left: position !== 'VERTICAL_CENTER' ? (this.deck.pageWidth - box.width) / 2 : box.left,
      top: position !== 'HORIZONTAL_CENTER' ? (this.deck.pageHeight - box.height) / 2 : box.top,
    });
  }
}

/** A line runs across its box (slides/transform.ts lineEnds); a horizontal one is 0 points high. */
export class FakeLine
  extends LinkedView<GoogleAppsScript.Slides.Line, LineElement>
  implements
    Pick<
      GoogleAppsScript.Slides.Line,
      | CommonMethods
      | LinkMethods
      | 'getDashStyle'
      | 'getEnd'
      | 'getEndArrow'
      | 'getLineCategory'
      | 'getLineFill'
      | 'getStart'
      | 'getStartArrow'
      | 'getWeight'
      | 'isConnector'
    >
{
  /** "Returns the start point of the line, measured from the upper-left corner of the page." */
  getStart(): GoogleAppsScript.Slides.Point {
    const [x, y] = lineEnds(this._live()).start;
    return as(new FakePoint(x, y));
  }

  getEnd(): GoogleAppsScript.Slides.Point {
    const [x, y] = lineEnds(this._live()).end;
    return as(new FakePoint(x, y));
  }

  getLineCategory(): GoogleAppsScript.Slides.LineCategory {
    return as(this._live().category);
  }

  getStartArrow(): GoogleAppsScript.Slides.ArrowStyle {
    return as(this._live().startArrow ?? 'NONE');
  }

  getEndArrow(): GoogleAppsScript.Slides.ArrowStyle {
    return as(this._live().endArrow ?? 'NONE');
  }

  getWeight(): number {
    return this._live().weight ?? 1;
  }

  getDashStyle(): GoogleAppsScript.Slides.DashStyle {
    this._index();
    return as('SOLID');
  }

  getLineFill(): GoogleAppsScript.Slides.LineFill {
    const state = this._live();
    return as(new FakeLineFill(state.color ?? this.deck.theme?.DARK1 ?? '#000000'));
  }

  /** The model has no connection sites, so no line is a connector. */
  isConnector(): boolean {
    this._index();
    return false;
  }
}

/** A chart from Sheets embedded as a picture (SheetsChartEmbedType.IMAGE, the only kind Slides embeds). */
export class FakeSheetsChart
  extends LinkedView<GoogleAppsScript.Slides.SheetsChart, ChartElement>
  implements
    Pick<
      GoogleAppsScript.Slides.SheetsChart,
      CommonMethods | LinkMethods | 'getChartId' | 'getEmbedType' | 'getSpreadsheetId'
    >
{
  getChartId(): number {
    return this._live().chartId;
  }

  getSpreadsheetId(): string {
    return this._live().spreadsheetId;
  }

  getEmbedType(): GoogleAppsScript.Slides.SheetsChartEmbedType {
    this._index();
    return as('IMAGE');
  }
}

export class FakeVideo
  extends BoxedView<GoogleAppsScript.Slides.Video, VideoElement>
  implements
    Pick<
      GoogleAppsScript.Slides.Video,
      CommonMethods | 'getBorder' | 'getSource' | 'getThumbnailUrl' | 'getUrl' | 'getVideoId'
    >
{
  getVideoId(): string {
    return this._live().videoId;
  }

  /** VideoSourceType has YOUTUBE only; a Drive video answers UNSUPPORTED. */
  getSource(): GoogleAppsScript.Slides.VideoSourceType {
    return as(this._live().source === 'YOUTUBE' ? 'YOUTUBE' : 'UNSUPPORTED');
  }

  /** "Gets an URL to the video. The URL is valid as long as the source video exists"; null for Drive videos here. */
  getUrl(): string {
    const state = this._live();
    return as(state.source === 'YOUTUBE' ? `https://www.youtube.com/watch?v=${state.videoId}` : null);
  }

  getThumbnailUrl(): string {
    const state = this._live();
    return `https://img.youtube.com/vi/${state.videoId}/hqdefault.jpg`;
  }

  getBorder(): GoogleAppsScript.Slides.Border {
    return as(new FakeBorder({}));
  }
}

export class FakeWordArt
  extends LinkedView<GoogleAppsScript.Slides.WordArt, WordArtElement>
  implements Pick<GoogleAppsScript.Slides.WordArt, CommonMethods | LinkMethods | 'getRenderedText'>
{
  /** "Gets the text that is rendered as word art." */
  getRenderedText(): string {
    return this._live().text;
  }
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

/** The kind-specific view of an element. */
function wrapKind(
  deck: DeckState,
  slide: SlideState,
  state: PageElementState,
): BoxedView<unknown, BoxedElementState> | FakeGroup {
  switch (state.kind) {
    case 'shape':
      return new FakeShape(deck, slide, state);
    case 'image':
      return new FakeImage(deck, slide, state);
    case 'group':
      return new FakeGroup(deck, slide, state);
    case 'table':
      return new FakeTable(deck, slide, state);
    case 'line':
      return new FakeLine(deck, slide, state);
    case 'chart':
      return new FakeSheetsChart(deck, slide, state);
    case 'video':
      return new FakeVideo(deck, slide, state);
    case 'wordArt':
      return new FakeWordArt(deck, slide, state);
  }
}

/**
 * A table: its rows and columns share its box evenly (the model keeps no column widths). Cells covered by a
 * merged cell stay addressable, as in Slides.
 */
export class FakeTable
  extends BoxedView<GoogleAppsScript.Slides.Table, TableElement>
  implements
    Pick<
      GoogleAppsScript.Slides.Table,
      CommonMethods | 'getCell' | 'getColumn' | 'getNumColumns' | 'getNumRows' | 'getRow'
    >
{
  getNumRows(): number {
    return this._live().rows.length;
  }

  getNumColumns(): number {
    return this._live().rows[0]?.length ?? 0;
  }

  getCell(rowIndex: number, columnIndex: number): GoogleAppsScript.Slides.TableCell {
    const state = this._live();
    checkIndex(rowIndex, state.rows.length, 'rowIndex');
    checkIndex(columnIndex, state.rows[0]?.length ?? 0, 'columnIndex');
    return as(new FakeTableCell(this.deck, this.slide, state, rowIndex, columnIndex));
  }

  getRow(rowIndex: number): GoogleAppsScript.Slides.TableRow {
    const state = this._live();
    checkIndex(rowIndex, state.rows.length, 'rowIndex');
    return as(new FakeTableRow(this.deck, this.slide, state, rowIndex));
  }

  getColumn(columnIndex: number): GoogleAppsScript.Slides.TableColumn {
    const state = this._live();
    checkIndex(columnIndex, state.rows[0]?.length ?? 0, 'columnIndex');
    return as(new FakeTableColumn(this.deck, this.slide, state, columnIndex));
  }
}

registerTableView((deck, slide, table) => as(new FakeTable(deck, slide, table)));

/** Apps Script's refusal of an index outside a table (the wording of its other index checks; unverified here). */
function checkIndex(index: number, count: number, name: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ScriptException(`Index ${index} is out of bounds for ${name} (the table has ${count}).`);
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
