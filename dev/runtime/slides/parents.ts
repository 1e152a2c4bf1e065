/**
 * The views a child hands back of what holds it: an element's page, a table cell's (row's, column's) table.
 * Pages hold elements and tables hold cells, so the modules import downwards only; the module that defines a
 * container's view registers it here when it loads, and a child reaches its container through this leaf
 * instead of importing the module that imports it. Everything that hands out elements or cells (slides/index.ts,
 * presentation.ts, pages.ts) loads both registrants first.
 */
import type { DeckState, SlideState, TableElement } from '../model';

type PageView = (deck: DeckState, slide: SlideState) => GoogleAppsScript.Slides.Page;
type TableView = (deck: DeckState, slide: SlideState, table: TableElement) => GoogleAppsScript.Slides.Table;

let pageView: PageView | null = null;
let tableView: TableView | null = null;

/** Called once by pages.ts. */
export function registerPageView(view: PageView): void {
  pageView = view;
}

/** Called once by elements.ts. */
export function registerTableView(view: TableView): void {
  tableView = view;
}

/** The Page (not yet a Slide) an element of `slide` belongs to, as PageElement.getParentPage returns it. */
export function parentPage(deck: DeckState, slide: SlideState): GoogleAppsScript.Slides.Page {
  if (!pageView) throw new Error('slides/pages.ts is not loaded: reach the Slides runtime through slides/index.ts.');
  return pageView(deck, slide);
}

export function parentTable(deck: DeckState, slide: SlideState, table: TableElement): GoogleAppsScript.Slides.Table {
  if (!tableView)
    throw new Error('slides/elements.ts is not loaded: reach the Slides runtime through slides/index.ts.');
  return tableView(deck, slide, table);
}
