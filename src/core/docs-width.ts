/**
 * How wide a new image is in Docs: the whole text column, half of it, or a small picture. The person picks it
 * once per document (a report wants full-width figures, meeting notes small ones); it is kept in the document's
 * properties so every collaborator's Insert lands the same way.
 */
import { type DocPage, docsImageSize, type Size } from './geometry';

export const DOCS_WIDTHS = ['full', 'half', 'small'] as const;
export type DocsWidth = (typeof DOCS_WIDTHS)[number];

/** Document property holding the choice; absent means full width, today's behaviour. */
export const DOCS_WIDTH_PROPERTY = 'PEEL_DOCS_WIDTH';

/** Small is a third of the column: two fit beside a short paragraph's worth of text on a printed page. */
const FRACTION: Readonly<Record<DocsWidth, number>> = { full: 1, half: 1 / 2, small: 1 / 3 };

/** A stored value read defensively: anything Peel did not write counts as full width. */
export function parseDocsWidth(value: string | null | undefined): DocsWidth {
  return DOCS_WIDTHS.find((w) => w === value) ?? 'full';
}

/**
 * The full-width size (within the margins, or within `column` points in a table cell, and the page's height),
 * narrowed to the chosen share of it.
 */
export function docsImageSizeAt(page: DocPage, imageRatio: number, width: DocsWidth, column?: number): Size {
  const full = docsImageSize(page, imageRatio, column);
  if (width === 'full') return full;
  const narrowed = Math.max(1, Math.floor(full.width * FRACTION[width]));
  return { width: narrowed, height: Math.max(1, Math.round(narrowed / imageRatio)) };
}
