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

type Presentation = GoogleAppsScript.Slides.Presentation;
type Page = GoogleAppsScript.Slides.Page;
type PageElement = GoogleAppsScript.Slides.PageElement;
type Image = GoogleAppsScript.Slides.Image;
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

/**
 * What the selection offers. A shape or an empty picture placeholder is filled exactly; a picture is swapped
 * inside its box; anything else (several items, text being edited, a table, a line) falls back to the slide.
 */
export function slidesTarget(presentation: Presentation): Target {
  const selection = presentation.getSelection() as Selection | null;
  if (!currentPage(selection) || !selection) return NO_SLIDE;
  const type = String(selection.getSelectionType());
  if (type !== 'PAGE_ELEMENT') {
    const why = type === 'TEXT' ? ' (you are editing text)' : type === 'TABLE_CELL' ? ' (a table is selected)' : '';
    return slideTarget(presentation, `Current slide${why}`);
  }
  const elements = selection.getPageElementRange()?.getPageElements() ?? [];
  const [element] = elements;
  if (!element) return slideTarget(presentation, 'Current slide');
  if (elements.length > 1) return slideTarget(presentation, 'Current slide (select one item to fill it)');

  const elementType = String(element.getPageElementType());
  if (elementType === 'IMAGE') {
    const ratio = boxRatio(element);
    if (ratio !== null) {
      return base('image', 'Selected picture (replaced inside its box)', ratio);
    }
  } else if (elementType === 'SHAPE') {
    const shape = element.asShape();
    const ratio = boxRatio(element);
    const placeholder = String(shape.getPlaceholderType());
    if (ratio !== null && placeholder === 'PICTURE') return base('placeholder', 'Empty picture placeholder', ratio);
    // Replacing a shape that holds words would delete them: Peel never trades a slide's text for a picture.
    if (ratio !== null && shape.getText().asString().trim() === '') return base('shape', 'Selected shape', ratio);
    return slideTarget(presentation, 'Current slide (the selected box keeps its text)');
  }
  return slideTarget(presentation, 'Current slide (this kind of item can’t be replaced)');
}

function base(kind: 'image' | 'placeholder' | 'shape', label: string, ratio: number): Target {
  return { host: 'slides', kind, label, ratio, canInsert: true, canReplace: true, canBackground: true };
}

export interface SlidesImage {
  readonly blob: GoogleAppsScript.Base.Blob;
  /** The image's own width ÷ height. */
  readonly ratio: number;
}

const unsupported = (detail: string): PeelError => new PeelError('UNSUPPORTED_SELECTION', detail, { detail });

/**
 * The one element `replace` works on: nothing or several selected, or text being edited, means the selection
 * changed since Generate; a text box with words in it is refused (see slidesTarget).
 */
function replacementTarget(selection: Selection | null): PageElement {
  const type = selection ? String(selection.getSelectionType()) : 'NONE';
  const elements = type === 'PAGE_ELEMENT' ? (selection?.getPageElementRange()?.getPageElements() ?? []) : [];
  const [element] = elements;
  if (!element || elements.length > 1) {
    throw unsupported('Select the one shape, placeholder or picture to replace, then insert again.');
  }
  return element;
}

function replaceSelected(selection: Selection | null, blob: GoogleAppsScript.Base.Blob): Image {
  const element = replacementTarget(selection);
  const type = String(element.getPageElementType());
  // crop = true: the image was generated at the ratio nearest the box, and cropping the small difference fills
  // the box exactly instead of leaving bars.
  if (type === 'IMAGE') return element.asImage().replace(blob, true);
  if (type === 'SHAPE') {
    const shape = element.asShape();
    if (String(shape.getPlaceholderType()) !== 'PICTURE' && shape.getText().asString().trim() !== '') {
      throw unsupported('The selected box holds text; Peel won’t replace words with a picture.');
    }
    return shape.replaceWithImage(blob, true);
  }
  throw unsupported('Only a shape, a picture placeholder or a picture can be replaced.');
}

/**
 * Puts the image on the current slide: centred inside the margins (insert), covering the slide behind
 * everything (background), or in the selected element's box (replace). Alt text is set on the element Slides
 * returns, and its object id read from it, since a replaced shape's id does not carry over.
 */
export function insertIntoSlides(
  presentation: Presentation,
  image: SlidesImage,
  mode: InsertMode,
  alt: AltText,
): InsertResult {
  const selection = presentation.getSelection() as Selection | null;
  let inserted: Image;
  let label: string;
  if (mode === 'replace') {
    inserted = replaceSelected(selection, image.blob);
    label = 'Replaced the selection';
  } else {
    const page = currentPage(selection);
    if (!page) throw unsupported('Open a slide first.');
    const size = pageSize(presentation);
    const box = mode === 'background' ? backgroundPlacement(size, image.ratio) : slidePlacement(size, image.ratio);
    inserted = page.insertImage(image.blob, box.left, box.top, box.width, box.height);
    if (mode === 'background') inserted.sendToBack();
    label = mode === 'background' ? 'Slide background' : 'Current slide';
  }
  inserted.setTitle(alt.title).setDescription(alt.description);
  return { objectId: inserted.getObjectId(), label };
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
