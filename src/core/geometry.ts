/**
 * Where an image goes and how big it is, as pure arithmetic. Slides measures in points from the page's top-left
 * corner; Docs measures pages and margins in points and inline images in "pixels" (see `DOCS_IMAGE_UNITS_PER_POINT`).
 */

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Size {
  readonly left: number;
  readonly top: number;
}

/** "16:9" → 16/9; null for anything that is not two positive numbers around a colon. */
export function parseAspectRatio(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? width / height : null;
}

/**
 * The supported ratio closest to `ratio`. Compared in log space, so 2:1 and 1:2 are equally far from 1:1 and a
 * box twice too wide counts as much as one twice too tall. Ties go to the earlier entry.
 */
export function nearestAspectRatio(ratio: number, supported: readonly string[]): string {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new RangeError(`Not a usable aspect ratio: ${ratio}`);
  const target = Math.log(ratio);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of supported) {
    const value = parseAspectRatio(name);
    if (value === null) continue;
    const distance = Math.abs(Math.log(value) - target);
    if (distance < bestDistance - 1e-12) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best === undefined) throw new RangeError('No supported aspect ratio to choose from');
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Slides

/**
 * Slides has no page margins, so Peel keeps one of its own: 5% of the page's shorter side (about 20 pt on a
 * 16:9 deck), enough that an inserted picture never touches the slide's edge.
 */
export const SLIDE_MARGIN_FRACTION = 0.05;

export function slideMargin(page: Size): number {
  return Math.min(page.width, page.height) * SLIDE_MARGIN_FRACTION;
}

/** The largest rectangle of width ÷ height `ratio` that fits inside `box`, centred in it. */
export function fitInside(box: Rect, ratio: number): Rect {
  const width = Math.min(box.width, box.height * ratio);
  const height = width / ratio;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/** The smallest rectangle of width ÷ height `ratio` that covers `box`, centred on it (it overflows one way). */
export function cover(box: Rect, ratio: number): Rect {
  const width = Math.max(box.width, box.height * ratio);
  const height = width / ratio;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/** Default placement on a slide: as large as fits inside the margins, at the image's own ratio, centred. */
export function slidePlacement(page: Size, imageRatio: number): Rect {
  const margin = slideMargin(page);
  return fitInside(
    { left: margin, top: margin, width: page.width - 2 * margin, height: page.height - 2 * margin },
    imageRatio,
  );
}

/** A background: covers the whole slide at the image's ratio; what overflows is outside the slide. */
export function backgroundPlacement(page: Size, imageRatio: number): Rect {
  return cover({ left: 0, top: 0, ...page }, imageRatio);
}

// ---------------------------------------------------------------------------------------------------------
// Docs

/**
 * Apps Script documents `InlineImage.getWidth()/setWidth()` in pixels but `Body.getPageWidth()` and the margins in
 * points. Public code sizes images with `setWidth(pageWidth - marginLeft - marginRight)` and reports that they fill
 * the text column exactly, i.e. the editor treats both as the same unit. Peel does the same (1 unit per point):
 * if that is ever wrong, an image comes out at 3/4 of the column, which still fits; the opposite choice (4/3 px
 * per pt) would overflow the column by a third if the practice is right. One constant to change after measuring.
 */
export const DOCS_IMAGE_UNITS_PER_POINT = 1;

export interface DocPage {
  /** Points. */
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  readonly marginTop: number;
  readonly marginBottom: number;
}

/** The text column's width in points, never below one point. */
export function docsContentWidth(page: Pick<DocPage, 'pageWidth' | 'marginLeft' | 'marginRight'>): number {
  return Math.max(1, page.pageWidth - page.marginLeft - page.marginRight);
}

/**
 * An inline image's size in InlineImage units: the width of the text column (or of `column` points, a table
 * cell's room) at the image's ratio, made smaller (ratio kept) when that would be taller than the space between
 * the top and bottom margins, so the image fits on one page. Whole units, as the editor shows them.
 */
export function docsImageSize(page: DocPage, imageRatio: number, column = docsContentWidth(page)): Size {
  const tallest = Math.max(1, page.pageHeight - page.marginTop - page.marginBottom);
  const fitted = fitInside({ left: 0, top: 0, width: column, height: tallest }, imageRatio);
  const width = Math.max(1, Math.floor(fitted.width * DOCS_IMAGE_UNITS_PER_POINT));
  const height = Math.max(1, Math.round(width / imageRatio));
  return { width, height };
}

/**
 * The ratio Peel suggests in Docs, where nothing has a shape yet: 4:3, a landscape picture that every model
 * draws and that leaves room for the text around it on a portrait page.
 */
export const DOCS_DEFAULT_RATIO = 4 / 3;
