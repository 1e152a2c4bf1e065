/**
 * Peel in Google Slides: where an image would go (the selection), putting it there, and the slide's words for
 * "Illustrate this slide". Every SlidesApp call is a round trip that counts, so each path asks only what it
 * needs: page size only when the slide itself is the target, text only when a shape might hold some.
 *
 * Enums are compared by name (`String(type) === 'IMAGE'`): Apps Script's enum values print as their names, and
 * reading `SlidesApp.PageElementType` would be one more global access per comparison.
 */
import { detailOf, PeelError, toldAs } from '../../core/errors';
import { COMMON_ASPECT_RATIOS } from '../../core/gemini/catalog';
import type { Size } from '../../core/geometry';
import { backgroundPlacement, nearestAspectRatio, slidePlacement } from '../../core/geometry';
import type { ServerKey, Words } from '../../core/i18n';
import type { PlaceChoice, SlideItem, SlideLayout, SlidePlacement } from '../../core/placement';
import {
  drawnBox,
  honour,
  imageBox,
  itemsToRecheck,
  LINE_MIN_THICKNESS,
  layoutPlacement,
  parseSlideLayout,
  placementLabel,
  placeOnSlide,
  sideWords,
  whereOnPage,
} from '../../core/placement';
import type { AltText, SlideText } from '../../core/prompts';
import { keepingDescription } from '../../core/prompts';
import type { DocumentImage, InsertMode, InsertResult, Target } from '../../shared/rpc';
import { userCache } from './stash';
import { allOrNothing, type Undo } from './undo';

/** What an insert did; insert.ts adds the thread it starts. */
type Placed = Omit<InsertResult, 'threadId' | 'thread'>;

type Presentation = GoogleAppsScript.Slides.Presentation;
type Page = GoogleAppsScript.Slides.Page;
/** A slide as getSlides() gives it, or the current page: @types keeps them apart, Slides treats both as pages. */
type AnyPage = Page | GoogleAppsScript.Slides.Slide;
type PageElement = GoogleAppsScript.Slides.PageElement;
type Selection = GoogleAppsScript.Slides.Selection;

/** Placeholder types that hold the slide's own furniture, not its message. */
const FURNITURE = ['SLIDE_NUMBER', 'FOOTER', 'DATE_AND_TIME', 'HEADER'];
const TITLES = ['TITLE', 'CENTERED_TITLE'];

function pageSize(presentation: Presentation): Size {
  return { width: presentation.getPageWidth(), height: presentation.getPageHeight() };
}

/** Selection and current page may be null (nothing open, a master being edited) although @types says otherwise. */
function currentPage(selection: Selection | null): Page | null {
  return selection?.getCurrentPage() ?? null;
}

function boxRatio(element: PageElement): number | null {
  const width = element.getWidth();
  const height = element.getHeight();
  return width > 0 && height > 0 ? width / height : null;
}

const NO_SLIDE: Target = {
  host: 'slides',
  kind: 'none',
  ...toldAs('label', { key: 'noSlide' }),
  ratio: 16 / 9,
  canInsert: false,
  canReplace: false,
  canBackground: false,
  ...toldAs('problem', { key: 'openSlideFirst' }),
};

/** What the selection offers an image, read the same way for the Target and for the insert itself. */
type Selected =
  /** An empty picture placeholder, or a shape without words: Insert fills its box exactly. */
  | { readonly kind: 'placeholder' | 'shape'; readonly shape: GoogleAppsScript.Slides.Shape; readonly ratio: number }
  /** A picture: Replace swaps it inside its box; Insert adds the new one to the slide. */
  | { readonly kind: 'image'; readonly element: PageElement; readonly ratio: number }
  /**
   * Nothing to fill or swap: the slide takes the image where placement finds room (beside `besideId`, a
   * selected text box). `note` wraps the label (its `{label}`); `refusal` answers Replace.
   */
  | {
      readonly kind: 'slide';
      readonly note?: Words;
      readonly refusal: ServerKey;
      readonly besideId?: string;
      /** Two or more pictures selected: they can be the references of one request. */
      readonly pictures?: readonly PageElement[];
    };

const NOTHING = { kind: 'slide', refusal: 'selectOneToReplace' } as const satisfies Selected;

/** A table, its cells or the text in one: a table cell cannot hold a picture, so the slide takes it. */
const IN_TABLE = {
  kind: 'slide',
  note: { key: 'noteTableCell' },
  refusal: 'tableRefusal',
} as const satisfies Selected;

/** A label with the selection's note around it. */
function noted(label: Words, note: Words | undefined): Words {
  return note ? { key: note.key, params: { ...note.params, label } } : label;
}

/**
 * Only a single selected item is filled or swapped: several items, text being edited, a table or its cells, a
 * group as a whole (a member of it can be), a line, a box of no size or a text box with words in it leave the
 * image to the slide, which keeps clear of all of them.
 */
function selected(selection: Selection | null): Selected {
  if (!selection) return NOTHING;
  const type = String(selection.getSelectionType());
  if (type === 'TABLE_CELL') return IN_TABLE;
  if (type === 'TEXT') {
    // The cell that text is typed in is selected too, where the text is a table's.
    if (selection.getTableCellRange()) return { ...IN_TABLE, note: { key: 'noteEditingCell' } };
    return { ...NOTHING, note: { key: 'noteEditingText' } };
  }
  if (type !== 'PAGE_ELEMENT') return NOTHING;
  const elements = selection.getPageElementRange()?.getPageElements() ?? [];
  const [element] = elements;
  if (!element) return NOTHING;
  if (elements.length > 1) {
    const pictures = elements.filter((e) => String(e.getPageElementType()) === 'IMAGE');
    if (pictures.length < 2) return { ...NOTHING, note: { key: 'noteSelectOne' } };
    return { ...NOTHING, note: { key: 'notePictures', params: { n: pictures.length } }, pictures };
  }

  const elementType = String(element.getPageElementType());
  if (elementType === 'IMAGE') {
    const ratio = boxRatio(element);
    if (ratio !== null) return { kind: 'image', element, ratio };
  } else if (elementType === 'SHAPE') {
    const shape = element.asShape();
    const ratio = boxRatio(element);
    if (ratio !== null) {
      if (String(shape.getPlaceholderType()) === 'PICTURE') return { kind: 'placeholder', shape, ratio };
      // Filling a shape that holds words would delete them: Peel never trades a slide's text for a picture.
      if (shape.getText().asString().trim() === '') return { kind: 'shape', shape, ratio };
      return { kind: 'slide', refusal: 'boxHoldsText', besideId: element.getObjectId() };
    }
  }
  if (elementType === 'TABLE') return { ...IN_TABLE, note: { key: 'noteTable' } };
  if (elementType === 'GROUP') return { kind: 'slide', note: { key: 'noteGroup' }, refusal: 'groupRefusal' };
  return { kind: 'slide', note: { key: 'noteOtherKind' }, refusal: 'otherKindRefusal' };
}

/** Placeholders Peel may fill when nothing is selected: they hold the slide's picture or its main content. */
const BODY_PLACEHOLDERS = ['BODY', 'OBJECT'];

/**
 * One element as placement sees it (src/core/placement.ts), with as few calls as it allows: 6 to 9. Its box is
 * what it covers on the page (drawnBox): turned by its rotation, a line at least LINE_MIN_THICKNESS thick, a
 * group's the bounds of its members (Slides sizes a group to them). Only an empty placeholder that is not a
 * picture's or the body's, which placement neither fills nor avoids, is not asked its rotation.
 */
function readItem(element: PageElement, id: string): SlideItem {
  const box = {
    left: element.getLeft(),
    top: element.getTop(),
    width: element.getWidth(),
    height: element.getHeight(),
  };
  const type = String(element.getPageElementType());
  const kind = itemKind(element, type);
  if (kind === 'empty-placeholder') return { id, kind, box };
  const thickness = type === 'LINE' ? LINE_MIN_THICKNESS : 0;
  return { id, kind, box: drawnBox(box, element.getRotation(), thickness) };
}

function itemKind(element: PageElement, type: string): SlideItem['kind'] {
  if (type === 'IMAGE') return 'picture';
  // Tables, groups, lines, charts, videos and word art are visible, whatever they hold.
  if (type !== 'SHAPE') return 'other';
  const shape = element.asShape();
  if (shape.getText().asString().trim() !== '') return 'text';
  const placeholder = String(shape.getPlaceholderType());
  if (placeholder === 'PICTURE') return 'empty-picture-placeholder';
  if (BODY_PLACEHOLDERS.includes(placeholder)) return 'empty-body-placeholder';
  // An empty placeholder shows nothing when presenting; an empty drawn shape does (its fill and outline).
  return placeholder === 'NONE' ? 'other' : 'empty-placeholder';
}

/**
 * The slide's boxes as placement sees them: about 8 calls per element, the price of never covering its text.
 * Items are named by their index, and by object id only when a selected box must be recognised among them.
 */
function slideItems(elements: readonly PageElement[], withIds: boolean): SlideItem[] {
  return elements.map((element, index) => readItem(element, withIds ? element.getObjectId() : String(index)));
}

interface Decision {
  readonly placement: SlidePlacement;
  readonly size: Size;
  /** The slide's elements, in the order placement's item ids (or indices) name them. */
  readonly elements: readonly PageElement[];
}

/**
 * How long a slide's layout, once read, stands for the slide. The sidebar reads the selection every time the
 * pointer comes back to it, Generate reads it again for the ratio (unless it finds the place the sidebar showed,
 * spine/shown.ts), and Insert places by it: walking every element costs about eight calls each, every time. A layout is kept per slide and element count (in the user's cache,
 * and with the image Generate made), so an added or removed element is seen at once; what could make Insert hide
 * or delete words is checked again at Insert (layoutStillHolds); a box moved or resized in between is seen once
 * the layout is older than this.
 */
export const LAYOUT_SECONDS = 120;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function decide(
  presentation: Presentation,
  page: AnyPage,
  besideId?: string,
  learnt?: { readonly layout: SlideLayout; readonly imageRatio: number; readonly byId?: boolean } | null,
): Decision {
  const elements = page.getPageElements();
  const known = learnt
    ? layoutStillHolds(learnt.layout, page, elements, besideId, learnt.imageRatio, learnt.byId === true)
    : null;
  if (known) return known;
  const size = pageSize(presentation);
  const items = slideItems(elements, besideId !== undefined);
  const placement = placeOnSlide({ page: size, items, ...(besideId ? { besideId } : {}) });
  return { placement, size, elements };
}

/**
 * Insert's decision from a layout read earlier (by Generate), when it still stands for this slide: the same slide
 * with as many elements (so nothing was added, such as a collaborator's text box), read in the last
 * LAYOUT_SECONDS, and every item the image would fill or cover (itemsToRecheck) read again and found as it was
 * (no words typed into it since). One call for the slide's id (none when the page was found by that id: `byId`)
 * and a few for those items, instead of every element's. The page size is the layout's: a Page setup change
 * within those seconds is not seen.
 */
function layoutStillHolds(
  layout: SlideLayout,
  page: AnyPage,
  elements: readonly PageElement[],
  besideId: string | undefined,
  imageRatio: number,
  byId: boolean,
): Decision | null {
  const age = nowSeconds() - layout.at;
  if (layout.count !== elements.length || layout.beside !== (besideId ?? '') || age < 0 || age > LAYOUT_SECONDS) {
    return null;
  }
  if (!byId && page.getObjectId() !== layout.page) return null;
  const placement = layoutPlacement(layout);
  for (const item of itemsToRecheck(layout, placement, imageRatio)) {
    const element = layout.beside ? page.getPageElementById(item.id) : elements[Number(item.id)];
    if (!element) return null;
    // Slides answers the same numbers for an unchanged box, and JSON keeps them exactly.
    if (JSON.stringify(readItem(element, item.id)) !== JSON.stringify(item)) return null;
  }
  return { placement, size: layout.size, elements };
}

export function cacheQuietly<T>(work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    // Walked afresh, or not kept; a cache that fails costs time, never a wrong answer.
    console.error(error instanceof Error ? error.stack : String(error));
    return null;
  }
}

/**
 * User-cache entries that ride with the slide's layout (spine/shown.ts, the place the sidebar shows): `keys` are
 * read in the layout's one getAll and what it found lands in `found`; a layout walked afresh is not written but
 * left in `walked`, for the caller's one putAll with its own entries. Read only when the slide takes the image.
 */
export interface CacheShare {
  readonly keys: readonly string[];
  found: Readonly<Record<string, string>> | null;
  walked: Readonly<Record<string, string>>;
}

/** The slide's layout for reading the selection: the user's cache's, or walked and kept there. */
function slideLayout(presentation: Presentation, page: AnyPage, besideId?: string, share?: CacheShare): SlideLayout {
  const elements = page.getPageElements();
  const pageId = page.getObjectId();
  const beside = besideId ?? '';
  const key = `peel.layout.${pageId}.${elements.length}.${beside}`;
  const cache = cacheQuietly(userCache);
  const found = cache ? cacheQuietly(() => cache.getAll([key, ...(share?.keys ?? [])])) : null;
  if (share) share.found = found;
  const known = found?.[key];
  const parsed = known ? cacheQuietly(() => parseSlideLayout(JSON.parse(known))) : null;
  if (parsed) return parsed;
  const layout: SlideLayout = {
    page: pageId,
    count: elements.length,
    beside,
    at: nowSeconds(),
    size: pageSize(presentation),
    items: slideItems(elements, besideId !== undefined),
  };
  if (share) share.walked = { [key]: JSON.stringify(layout) };
  else if (cache) cacheQuietly(() => cache.put(key, JSON.stringify(layout), LAYOUT_SECONDS));
  return layout;
}

/**
 * The free space would hold only a small picture: Insert puts it on a new slide after this one unless the person
 * chooses that space (at its ratio, 21:9 at most, and smaller) or the slide's background (behind everything on
 * it, so it hides no text). Each offer is what Insert does for it; new slide and background are the page's shape.
 */
function smallTarget(
  placement: Extract<SlidePlacement, { kind: 'free' }>,
  size: Size,
  common: { readonly backgroundRatio: number } & Omit<Target, 'kind' | 'label' | 'ratio'>,
  note: Words | undefined,
): Target {
  const pageRatio = common.backgroundRatio;
  const { area } = placement;
  const ratio = area.width / area.height;
  const smaller = nearestAspectRatio(ratio, COMMON_ASPECT_RATIOS);
  const beside: Words = placement.side
    ? { key: 'offerBeside', params: { side: sideWords(placement.side), ratio: smaller } }
    : { key: 'offerFree', params: { where: { key: whereOnPage(area, size) }, ratio: smaller } };
  return {
    ...common,
    kind: 'slide',
    ...toldAs('label', noted({ key: 'newSlideSmall' }, note)),
    ratio: pageRatio,
    offers: {
      ...toldAs('message', { key: 'smallSpace' }),
      choices: [
        { where: 'beside', ...toldAs('label', beside), ratio },
        { where: 'new-slide', ...toldAs('label', { key: 'offerNewSlide' }), ratio: pageRatio },
        { where: 'behind', ...toldAs('label', { key: 'behindText' }), ratio: pageRatio },
      ],
    },
  };
}

/** The Target for an image the slide itself takes, from the placement Insert will use. */
function placedTarget(layout: SlideLayout, note: Words | undefined, besideId?: string): Target {
  const placement = layoutPlacement(layout);
  const { size } = layout;
  const pageRatio = size.width / size.height;
  const common = {
    host: 'slides',
    canInsert: true,
    canReplace: false,
    canBackground: true,
    backgroundRatio: pageRatio,
  } as const;
  if (placement.kind === 'free' && placement.small) return smallTarget(placement, size, common, note);
  switch (placement.kind) {
    case 'placeholder':
    case 'free': {
      const box = placement.kind === 'placeholder' ? placement.box : placement.area;
      const kind = placement.kind === 'placeholder' ? 'placeholder' : 'slide';
      const label = toldAs('label', noted(placementLabel(placement, size), note));
      return { ...common, kind, ...label, ratio: box.width / box.height };
    }
    case 'no-room':
      return {
        ...common,
        kind: 'slide',
        ...toldAs('label', { key: 'newSlideNoRoom' }),
        // The new slide and the background are the page's shape.
        ratio: pageRatio,
        // A selected member of a group is not among the slide's own items: placement kept clear of its group.
        noRoom: {
          ...toldAs('message', {
            key:
              besideId !== undefined && layout.items.some((item) => item.id === besideId)
                ? 'noRoomBeside'
                : 'noRoomSlide',
          }),
          choices: ['new-slide', 'background', 'on-top'],
        },
      };
  }
}

/**
 * Where Insert would put an image, said the way Insert will do it: a selected empty picture placeholder or
 * empty shape is filled exactly (so Replace has nothing more to offer there); otherwise the slide takes it
 * where placement finds room (src/core/placement.ts), beside a selected text box; with a picture selected,
 * Replace swaps it inside its box. The ratio is the box's or the free area's, so the image is generated at the
 * supported ratio nearest to it. `layout` is the slide's layout that reading used, when the slide takes the image:
 * a Generate keeps it with the image it makes, so that Insert need not walk the slide again. `share`: entries read
 * and written with the layout (CacheShare).
 */
export function slidesTarget(
  presentation: Presentation,
  share?: CacheShare,
): {
  target: Target;
  layout: SlideLayout | null;
  /** The one selected picture, when the Target is an image. */
  picture?: PageElement;
} {
  const selection = presentation.getSelection() as Selection | null;
  const page = currentPage(selection);
  if (!page) return { target: NO_SLIDE, layout: null };
  const what = selected(selection);
  const common = { host: 'slides', canInsert: true, canBackground: true } as const;
  switch (what.kind) {
    case 'placeholder':
    case 'shape': {
      const label = toldAs('label', { key: what.kind === 'shape' ? 'fillsShape' : 'fillsPicturePlaceholder' });
      return { target: { ...common, kind: what.kind, ...label, ratio: what.ratio, canReplace: false }, layout: null };
    }
    case 'image': {
      // Insert adds beside the picture's content like any insert; the ratio is the picture's, for Replace.
      const layout = slideLayout(presentation, page, undefined, share);
      const placed = placedTarget(layout, { key: 'noteReplaceSwaps' });
      return {
        target: { ...placed, kind: 'image', ratio: what.ratio, canReplace: true },
        layout,
        picture: what.element,
      };
    }
    case 'slide': {
      const layout = slideLayout(presentation, page, what.besideId, share);
      const placed = placedTarget(layout, what.note, what.besideId);
      if (!what.pictures) return { target: placed, layout };
      const slideNumber = presentation.getSlides().findIndex((s) => s.getObjectId() === page.getObjectId()) + 1;
      return { target: { ...placed, images: selectedPictures(page, slideNumber, what.pictures) }, layout };
    }
  }
}

export interface SlidesImage {
  readonly blob: GoogleAppsScript.Base.Blob;
  /** The image's own width ÷ height. */
  readonly ratio: number;
}

const unsupported = (detail: ServerKey): PeelError => new PeelError('UNSUPPORTED_SELECTION', detail, detailOf(detail));

/**
 * crop = true in both: the image was generated at the supported ratio nearest the box, and cropping the small
 * difference fills the box exactly instead of leaving bars.
 *
 * A picture keeps its element through replace (same object id and alt text, as the Slides API's
 * ReplaceImageRequest keeps the element), so its new alt text is set first, the old one kept for the undo, and
 * the swap itself is the last change. A box filled with replaceWithImage is gone once filled and cannot be put
 * back through Apps Script, so that call is the commit: only the alt text follows it.
 */
function fill(what: Selected, blob: GoogleAppsScript.Base.Blob, alt: AltText, undo: Undo): Done | null {
  switch (what.kind) {
    case 'image': {
      const image = what.element.asImage();
      const objectId = image.getObjectId();
      const title = image.getTitle();
      const description = image.getDescription();
      undo(() => image.setTitle(title).setDescription(description));
      image.setTitle(alt.title).setDescription(alt.description);
      image.replace(blob, true);
      return { image, objectId, ...toldAs('label', { key: 'replacedPicture' }) };
    }
    case 'placeholder':
      return {
        image: what.shape.replaceWithImage(blob, true),
        ...toldAs('label', { key: 'filledPicturePlaceholder' }),
      };
    case 'shape':
      return { image: what.shape.replaceWithImage(blob, true), ...toldAs('label', { key: 'filledShape' }) };
    case 'slide':
      return null;
  }
}

interface Done {
  readonly image: GoogleAppsScript.Slides.Image;
  readonly label: string;
  readonly labelWords: Words;
  /** Read before the swap, which keeps it: the swap is then the last call that can fail. */
  readonly objectId?: string;
  /** What follows once everything else has succeeded (showing a new slide). */
  readonly afterwards?: () => void;
}

/**
 * Slides stretches a background picture to the page (the API's StretchedPictureFill) and Apps Script cannot
 * crop an image, so a background must already be the slide's shape: within 2% nothing visible is distorted.
 */
const BACKGROUND_RATIO_TOLERANCE = 0.02;

function setBackground(presentation: Presentation, page: Page, image: SlidesImage): Placed {
  const size = pageSize(presentation);
  const pageRatio = size.width / size.height;
  if (Math.abs(Math.log(image.ratio / pageRatio)) > BACKGROUND_RATIO_TOLERANCE) {
    throw unsupported('backgroundShape');
  }
  page.getBackground().setPictureFill(image.blob);
  return { objectId: null, ...toldAs('label', { key: 'slideBackground' }) };
}

/** The slide after `page`, with nothing on it, at the page's index + 1. */
function newSlideAfter(presentation: Presentation, page: AnyPage): GoogleAppsScript.Slides.Slide {
  const id = page.getObjectId();
  const slides = presentation.getSlides();
  const index = slides.findIndex((slide) => slide.getObjectId() === id);
  // A blank slide rather than one of the theme's layouts: a theme's picture layout is not addressable by name
  // (Apps Script's predefined layouts have none), and a blank slide holds the picture as large as the margins
  // allow.
  return presentation.insertSlide(index < 0 ? slides.length : index + 1, SlidesApp.PredefinedLayout.BLANK);
}

/**
 * Puts the image where the selection says, as the Target said. Insert fills a selected empty picture
 * placeholder or empty shape; otherwise the slide's placement (src/core/placement.ts): an empty placeholder,
 * the largest free area (beside a selected text box), or, without room, a new slide after this one (or on top
 * anyway when the person chose that). Replace swaps the selected picture (or fills the selected empty box) and
 * refuses anything else before changing anything; Background sets the slide's background picture, which adds
 * nothing selectable. Alt text is set on the element Slides returns, and its object id read from it, since a
 * replaced shape's id does not carry over.
 *
 * The slide's layout is never carried from the sidebar (numbers Peel cannot check): `learnt` is the one the
 * Generate that made the image read on the server, used only while it still holds (layoutStillHolds); otherwise
 * the slide is walked afresh.
 */
export function insertIntoSlides(
  presentation: Presentation,
  image: SlidesImage,
  mode: InsertMode,
  alt: AltText,
  where?: PlaceChoice,
  learnt?: SlideLayout | null,
): Placed {
  const selection = presentation.getSelection() as Selection | null;
  if (mode === 'background') {
    const page = currentPage(selection);
    if (!page) throw unsupported('openASlide');
    return setBackground(presentation, page, image);
  }
  const what = selected(selection);
  if (mode === 'replace' && what.kind === 'slide') throw unsupported(what.refusal);
  // A description a person wrote for the picture being replaced is theirs to keep.
  if (mode === 'replace' && what.kind === 'image') {
    alt = keepingDescription(alt, what.element.asImage().getDescription());
  }
  // A failure after the first change takes back what was done (undo.ts), so the slide is as it was.
  return allOrNothing((undo) => {
    // With a picture selected, Insert adds a new image: swapping it is Replace's job.
    let done = mode === 'insert' && what.kind === 'image' ? null : fill(what, image.blob, alt, undo);
    if (!done) {
      // Asked only here: filling a selected box needs no page.
      const page = currentPage(selection);
      if (!page) throw unsupported('openASlide');
      const besideId = what.kind === 'slide' ? what.besideId : undefined;
      done = placeOnPage(presentation, page, image, besideId, where, undo, learnt);
    }
    return finished(done, alt);
  });
}

/** The placed element's alt text and id, then anything that must come last (showing a new slide). */
function finished(done: Done, alt: AltText): Placed {
  const { label, labelWords } = done;
  if (done.objectId !== undefined) return { objectId: done.objectId, label, labelWords };
  done.image.setTitle(alt.title).setDescription(alt.description);
  const objectId = done.image.getObjectId();
  done.afterwards?.();
  return { objectId, label, labelWords };
}

/**
 * Insert on the slide the sidebar showed as the person pressed Insert (spine/shown.ts), from the layout that
 * reading kept: the slide found by its id, so the selection is not read again (three calls fewer). The layout is
 * used as learnt layouts are, only while it still holds; otherwise that slide is walked afresh. Null when that
 * slide is gone: the caller reads the selection as it is.
 */
export function insertOnShownSlide(
  presentation: Presentation,
  image: SlidesImage,
  alt: AltText,
  layout: SlideLayout,
  where?: PlaceChoice,
): Placed | null {
  let page: AnyPage | null;
  try {
    page = presentation.getSlideById(layout.page);
  } catch {
    // A slide deleted meanwhile, whichever way Slides says so: the selection decides instead.
    page = null;
  }
  if (!page) return null;
  const besideId = layout.beside === '' ? undefined : layout.beside;
  return allOrNothing((undo) =>
    finished(placeOnPage(presentation, page, image, besideId, where, undo, layout, true), alt),
  );
}

function placeOnPage(
  presentation: Presentation,
  page: AnyPage,
  image: SlidesImage,
  besideId: string | undefined,
  where: PlaceChoice | undefined,
  undo: Undo,
  learnt?: SlideLayout | null,
  byId = false,
): Done {
  const known = learnt ? { layout: learnt, imageRatio: image.ratio, byId } : null;
  const decision = decide(presentation, page, besideId, known);
  const { size, elements } = decision;
  const placement = honour(decision.placement, where);
  if (placement.kind === 'placeholder') {
    const index = besideId === undefined ? Number(placement.id) : -1;
    const element = elements[index] ?? page.getPageElementById(placement.id);
    const shape = element.asShape();
    const label = toldAs('label', {
      key: placement.role === 'picture' ? 'filledPicturePlaceholder' : 'filledPlaceholder',
    });
    return { image: shape.replaceWithImage(image.blob, true), ...label };
  }
  if (placement.kind === 'free') {
    const box = imageBox(placement.area, image.ratio);
    const placed = page.insertImage(image.blob, box.left, box.top, box.width, box.height);
    undo(() => placed.remove());
    const label = toldAs(
      'label',
      placement.side
        ? { key: 'besideTextPlaced' }
        : { key: 'freeSpacePlaced', params: { where: { key: whereOnPage(placement.area, size) } } },
    );
    return { image: placed, ...label };
  }
  if (placement.kind === 'on-top' || placement.kind === 'behind') {
    // Behind: the whole slide, under everything on it, so every word stays readable above it (a picture fill
    // would do the same but keeps no alt text and no edit thread).
    const behind = placement.kind === 'behind';
    const box = behind ? backgroundPlacement(size, image.ratio) : slidePlacement(size, image.ratio);
    const placed = page.insertImage(image.blob, box.left, box.top, box.width, box.height);
    undo(() => placed.remove());
    if (behind) placed.sendToBack();
    return { image: placed, ...toldAs('label', { key: behind ? 'behindText' : 'onTop' }) };
  }
  const slide = newSlideAfter(presentation, page);
  undo(() => slide.remove());
  const box = slidePlacement(size, image.ratio);
  const placed = slide.insertImage(image.blob, box.left, box.top, box.width, box.height);
  // The person sees where the picture went; last, so a failure before it leaves the selection as it was.
  return { image: placed, ...toldAs('label', { key: 'newSlide' }), afterwards: () => slide.selectAsCurrentPage() };
}

/** The current slide's words: title placeholders first, the other text boxes in order, notes when asked. */
export function slideText(presentation: Presentation, includeNotes: boolean): SlideText {
  const page = currentPage(presentation.getSelection() as Selection | null);
  if (!page) throw new PeelError('BAD_INPUT', 'No current slide', detailOf('openASlide'));
  return pageText(page, includeNotes);
}

/** A slide's words, as slideText reads them (deck jobs read every slide's). */
export function pageText(page: AnyPage, includeNotes: boolean): SlideText {
  let title = '';
  const body: string[] = [];
  for (const shape of page.getShapes()) {
    const placeholder = String(shape.getPlaceholderType());
    if (FURNITURE.includes(placeholder)) continue;
    const text = shape.getText().asString();
    if (TITLES.includes(placeholder) && title === '') title = text;
    else body.push(text);
  }
  const slide = 'asSlide' in page ? page.asSlide() : page;
  const notes = includeNotes ? slide.getNotesPage().getSpeakerNotesShape().getText().asString() : '';
  return { title, body, ...(notes.trim() ? { notes } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Deck jobs: any slide, not the selection

/** The shape of the area an image would take on `page` (what placement picks), or the page's when there is no room. */
export function pageImageRatio(
  presentation: Presentation,
  page: AnyPage,
): { ratio: number; noRoom: boolean; emptyPicturePlaceholder: boolean } {
  const decision = decide(presentation, page);
  const { size } = decision;
  // Nobody is asked during a job: a small free area is not chosen, as no room is not (a new slide after it).
  const placement = honour(decision.placement);
  if (placement.kind !== 'free' && placement.kind !== 'placeholder')
    return { ratio: size.width / size.height, noRoom: true, emptyPicturePlaceholder: false };
  const box = placement.kind === 'placeholder' ? placement.box : placement.area;
  const emptyPicturePlaceholder = placement.kind === 'placeholder' && placement.role === 'picture';
  return { ratio: box.width / box.height, noRoom: false, emptyPicturePlaceholder };
}

/**
 * Puts an image on `page` (a job's slide, whatever is selected) by the placement rules: an empty placeholder,
 * else the largest free area clear of text and pictures, else a new slide after it. Never on top of text.
 */
export function insertOnPage(presentation: Presentation, page: AnyPage, image: SlidesImage, alt: AltText): Placed {
  return allOrNothing((undo) => {
    const done = placeOnPage(presentation, page, image, undefined, undefined, undo);
    done.image.setTitle(alt.title).setDescription(alt.description);
    const objectId = done.image.getObjectId();
    return { objectId, label: done.label, labelWords: done.labelWords };
  });
}
/**
 * Slides: the selected pictures as DocumentImages (Target.images), labelled as listDocumentImages labels them.
 * `slideNumber` is 1-based; pictures are numbered in the slide's own order.
 */
export function selectedPictures(
  page: GoogleAppsScript.Slides.Page,
  slideNumber: number,
  selected: readonly GoogleAppsScript.Slides.PageElement[],
): DocumentImage[] {
  const order = page.getImages().map((image) => image.getObjectId());
  return selected
    .filter((element) => String(element.getPageElementType()) === 'IMAGE')
    .map((element) => {
      const id = element.getObjectId();
      const k = order.indexOf(id);
      return {
        ref: `s:${id}`,
        ...toldAs('label', { key: 'jobPicture', params: { n: String(slideNumber), k: String(k + 1) } }),
        altTitle: element.asImage().getTitle() ?? '',
      };
    });
}

/**
 * The slide's theme accents as #rrggbb, for "match this slide's colours". The text and background pairs are
 * mostly black and white; the accents are the palette. An unreadable scheme gives none, and the quick edit then
 * says there are no theme colours to match.
 */
export function themeColours(image: GoogleAppsScript.Slides.Image): string[] {
  let scheme: GoogleAppsScript.Slides.ColorScheme;
  try {
    scheme = image.getParentPage().getColorScheme();
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return [];
  }
  const colours: string[] = [];
  for (const type of scheme.getThemeColors()) {
    if (!String(type).startsWith('ACCENT')) continue;
    const color = scheme.getConcreteColor(type);
    if (String(color.getColorType()) === 'RGB') colours.push(color.asRgbColor().asHexString());
  }
  return colours;
}
