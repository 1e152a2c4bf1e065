/**
 * Peel in Google Slides: where an image would go (the selection), putting it there, and the slide's words for
 * "Illustrate this slide". Every SlidesApp call is a round trip that counts, so each path asks only what it
 * needs: page size only when the slide itself is the target, text only when a shape might hold some.
 *
 * Enums are compared by name (`String(type) === 'IMAGE'`): Apps Script's enum values print as their names, and
 * reading `SlidesApp.PageElementType` would be one more global access per comparison.
 */
import { PeelError } from '../core/errors';
import type { Size } from '../core/geometry';
import { backgroundPlacement, slidePlacement } from '../core/geometry';
import type { AltText, SlideText } from '../core/prompts';
import type { InsertMode, InsertResult, Target } from '../shared/rpc';
import { allOrNothing, type Undo } from './undo';

type Presentation = GoogleAppsScript.Slides.Presentation;
type Page = GoogleAppsScript.Slides.Page;
type PageElement = GoogleAppsScript.Slides.PageElement;
type Image = GoogleAppsScript.Slides.Image;
type Shape = GoogleAppsScript.Slides.Shape;
type Selection = GoogleAppsScript.Slides.Selection;

/** Placeholder types that hold the slide's own furniture, not its message. */
const FURNITURE = ['SLIDE_NUMBER', 'FOOTER', 'DATE_AND_TIME', 'HEADER'];
const TITLES = ['TITLE', 'CENTERED_TITLE'];

function pageSize(presentation: Presentation): Size {
  return { width: presentation.getPageWidth(), height: presentation.getPageHeight() };
}

/** Selection and current page may be null although @types says otherwise (research: top gotcha 12). */
function currentPage(selection: Selection | null): Page | null {
  return selection?.getCurrentPage() ?? null;
}

function slideTarget(presentation: Presentation, label: string): Target {
  const size = pageSize(presentation);
  return {
    host: 'slides',
    kind: 'slide',
    label,
    ratio: size.width / size.height,
    canInsert: true,
    canReplace: false,
    canBackground: true,
  };
}

function boxRatio(element: PageElement): number | null {
  const width = element.getWidth();
  const height = element.getHeight();
  return width > 0 && height > 0 ? width / height : null;
}

const NO_SLIDE: Target = {
  host: 'slides',
  kind: 'none',
  label: 'No slide',
  ratio: 16 / 9,
  canInsert: false,
  canReplace: false,
  canBackground: false,
  problem: 'Open or add a slide first.',
};

/** What the selection offers an image, read the same way for the Target and for the insert itself. */
type Selected =
  /** An empty picture placeholder, or a shape without words: Insert fills its box exactly. */
  | { readonly kind: 'placeholder' | 'shape'; readonly shape: Shape; readonly ratio: number }
  /** A picture: Replace swaps it inside its box; Insert adds the new one to the slide. */
  | { readonly kind: 'image'; readonly element: PageElement; readonly ratio: number }
  /** Nothing to fill or swap: the slide takes the image. `note` ends the label; `refusal` answers Replace. */
  | { readonly kind: 'slide'; readonly note: string; readonly refusal: string };

const SELECT_ONE = 'Select the one shape, placeholder or picture to replace, then insert again.';
const NOTHING = { kind: 'slide', note: '', refusal: SELECT_ONE } as const satisfies Selected;

/**
 * Only a single selected item is filled or swapped: several items, text being edited, a table, a line, a
 * box of no size or a text box with words in it leave the image to the slide.
 */
function selected(selection: Selection | null): Selected {
  if (!selection) return NOTHING;
  const type = String(selection.getSelectionType());
  if (type !== 'PAGE_ELEMENT') {
    const note = type === 'TEXT' ? ' (you are editing text)' : type === 'TABLE_CELL' ? ' (a table is selected)' : '';
    return { ...NOTHING, note };
  }
  const elements = selection.getPageElementRange()?.getPageElements() ?? [];
  const [element] = elements;
  if (!element) return NOTHING;
  if (elements.length > 1) return { ...NOTHING, note: ' (select one item to fill it)' };

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
      return {
        kind: 'slide',
        note: ' (the selected box keeps its text)',
        refusal: 'The selected box holds text; Peel won’t replace words with a picture.',
      };
    }
  }
  return {
    kind: 'slide',
    note: ' (this kind of item can’t be replaced)',
    refusal: 'Only a shape, a picture placeholder or a picture can be replaced.',
  };
}

/**
 * Where Insert would put an image, said the way Insert will do it: an empty picture placeholder or an empty
 * shape is filled exactly (so Replace has nothing more to offer there); with a picture selected, Insert adds to
 * the slide and Replace swaps the picture inside its box; anything else falls back to the slide. The ratio is
 * the selected box's, so the image is generated at the supported ratio nearest to it.
 */
export function slidesTarget(presentation: Presentation): Target {
  const selection = presentation.getSelection() as Selection | null;
  if (!currentPage(selection)) return NO_SLIDE;
  const what = selected(selection);
  const common = { host: 'slides', canInsert: true, canBackground: true } as const;
  switch (what.kind) {
    case 'placeholder':
      return {
        ...common,
        kind: what.kind,
        label: 'Fills the empty picture placeholder',
        ratio: what.ratio,
        canReplace: false,
      };
    case 'shape':
      return { ...common, kind: what.kind, label: 'Fills the selected shape', ratio: what.ratio, canReplace: false };
    case 'image':
      return {
        ...common,
        kind: 'image',
        label: 'Current slide (Replace selected swaps the picture)',
        ratio: what.ratio,
        canReplace: true,
      };
    case 'slide':
      return slideTarget(presentation, `Current slide${what.note}`);
  }
}

export interface SlidesImage {
  readonly blob: GoogleAppsScript.Base.Blob;
  /** The image's own width ÷ height. */
  readonly ratio: number;
}

const unsupported = (detail: string): PeelError => new PeelError('UNSUPPORTED_SELECTION', detail, { detail });

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
      return { image, objectId, label: 'Replaced the picture' };
    }
    case 'placeholder':
      return { image: what.shape.replaceWithImage(blob, true), label: 'Filled the picture placeholder' };
    case 'shape':
      return { image: what.shape.replaceWithImage(blob, true), label: 'Filled the selected shape' };
    case 'slide':
      return null;
  }
}

interface Done {
  readonly image: Image;
  readonly label: string;
  /** Read before the swap, which keeps it: the swap is then the last call that can fail. */
  readonly objectId?: string;
}

/**
 * Puts the image where the selection says. Insert fills a selected empty picture placeholder or empty shape,
 * else centres the image on the current slide inside the margins; Replace swaps the selected picture (or fills
 * the selected empty box) and refuses anything else before changing anything; Background covers the slide
 * behind everything, whatever is selected. Alt text is set on the element Slides returns, and its object id read
 * from it, since a replaced shape's id does not carry over.
 *
 * The page size is asked of Slides here, not carried from getTarget: a size the sidebar sends back could be
 * stale (anyone may change Page setup in between) and would place the image from numbers Peel cannot check,
 * and leaving it in the cache would cost getTarget, which runs far more often, the calls Insert saves.
 */
export function insertIntoSlides(
  presentation: Presentation,
  image: SlidesImage,
  mode: InsertMode,
  alt: AltText,
): InsertResult {
  const selection = presentation.getSelection() as Selection | null;
  // Background ignores the selection, so it does not read it.
  const what = mode === 'background' ? NOTHING : selected(selection);
  if (mode === 'replace' && what.kind === 'slide') throw unsupported(what.refusal);
  // A failure after the first change takes back what was done (undo.ts), so the slide is as it was.
  return allOrNothing((undo) => {
    // With a picture selected, Insert adds a new image: swapping it is Replace's job.
    let done = mode === 'insert' && what.kind === 'image' ? null : fill(what, image.blob, alt, undo);
    if (!done) {
      const page = currentPage(selection);
      if (!page) throw unsupported('Open a slide first.');
      const size = pageSize(presentation);
      const box = mode === 'background' ? backgroundPlacement(size, image.ratio) : slidePlacement(size, image.ratio);
      const placed = page.insertImage(image.blob, box.left, box.top, box.width, box.height);
      undo(() => placed.remove());
      if (mode === 'background') placed.sendToBack();
      done = { image: placed, label: mode === 'background' ? 'Slide background' : 'Current slide' };
    }
    if (done.objectId !== undefined) return { objectId: done.objectId, label: done.label };
    done.image.setTitle(alt.title).setDescription(alt.description);
    return { objectId: done.image.getObjectId(), label: done.label };
  });
}

/** The current slide's words: title placeholders first, the other text boxes in order, notes when asked. */
export function slideText(presentation: Presentation, includeNotes: boolean): SlideText {
  const page = currentPage(presentation.getSelection() as Selection | null);
  if (!page) throw new PeelError('BAD_INPUT', 'No current slide', { detail: 'Open a slide first.' });
  let title = '';
  const body: string[] = [];
  for (const shape of page.getShapes()) {
    const placeholder = String(shape.getPlaceholderType());
    if (FURNITURE.includes(placeholder)) continue;
    const text = shape.getText().asString();
    if (TITLES.includes(placeholder) && title === '') title = text;
    else body.push(text);
  }
  const notes = includeNotes ? page.asSlide().getNotesPage().getSpeakerNotesShape().getText().asString() : '';
  return { title, body, ...(notes.trim() ? { notes } : {}) };
}
