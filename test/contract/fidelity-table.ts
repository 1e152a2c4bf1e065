import { readFileSync } from 'node:fs';
/**
 * One entry per Apps Script method Peel's bundle calls: a small exercise of the local runtime that asserts what
 * Google's reference documents for it (https://developers.google.com/apps-script/reference/<service>/<class>).
 * test/contract/fidelity.test.ts finds the calls in the bundle and fails for a called method without an entry
 * here, printing the line to add. An exercise must call the method it is filed under (the test reads its text);
 * several entries may share one exercise when one scenario shows each of them.
 */
import { expect } from 'vitest';
import { createDocumentApp } from '../../dev/runtime/docs';
import { demoReport, pitchDeck } from '../../dev/runtime/seed';
import { FakeSession } from '../../dev/runtime/services/script';
import { createSlidesApp } from '../../dev/runtime/slides';
import { emptyUiLog } from '../../dev/runtime/world';
import { type Bench, DIST, ECHO, pngBlob, runScript } from './fidelity-bench';

export type Exercise = (bench: Bench) => void | Promise<void>;

/**
 * Called methods the runtime provides without a class standing for their Apps Script class (objects the worker
 * builds in the script's context), with where. Their exercises run a script through the real Runtime.
 */
export const WITHOUT_A_CLASS: Readonly<Record<string, string>> = {
  'global.Console.error': 'dev/runtime/worker.ts, makeConsole',
  'global.Console.log': 'dev/runtime/worker.ts, makeConsole',
};

/**
 * Called methods the runtime does not model yet, with what is missing. The test fails once one of them is
 * implemented, so that its gap is replaced by an exercise.
 */
export const GAPS: Readonly<Record<string, string>> = {};

// --- Shared scenarios (each asserts several documented methods) ----------------------------------------------

/** Presentation: the deck's id, name, page size and slides in order. */
const readsTheDeck: Exercise = (bench) => {
  const presentation = bench.presentation();
  expect(presentation.getId()).toBe('peel-demo-deck');
  expect(presentation.getName()).toBe('Peel demo');
  // Points, as every Slides dimension: 16:9 at 720 × 405.
  expect([presentation.getPageWidth(), presentation.getPageHeight()]).toEqual([720, 405]);
  const slides = presentation.getSlides();
  expect(slides.map((slide) => slide.getObjectId())).toEqual(bench.deck.slides.map((slide) => slide.objectId));
  expect(presentation.getSlideById('slide-3')?.getObjectId()).toBe('slide-3');
  expect(presentation.getSlideById('no-such-slide')).toBeNull();
};

/** getPageElementById: an element on any page of the presentation, on a slide only its own, null otherwise. */
const findsElementsById: Exercise = (bench) => {
  expect(bench.presentation().getPageElementById('s3-image')?.getObjectId()).toBe('s3-image');
  expect(bench.presentation().getPageElementById('nothing')).toBeNull();
  const slide = bench.slide('slide-3');
  expect(slide.getPageElementById('s3-title')?.getObjectId()).toBe('s3-title');
  expect(slide.getPageElementById('s1-title')).toBeNull();
  const page = bench.presentation().getSelection().getCurrentPage();
  expect(page?.getPageElementById('s1-title')?.getObjectId()).toBe('s1-title');
};

/** A slide's (and a page's) elements in z-order, its shapes and its images. */
const listsPageElements: Exercise = (bench) => {
  const slide = bench.slide('slide-3');
  expect(slide.getPageElements().map((e) => e.getObjectId())).toEqual([
    's3-title',
    's3-picture',
    's3-image',
    's3-badge',
  ]);
  expect(slide.getShapes().map((s) => s.getObjectId())).toEqual(['s3-title', 's3-picture']);
  expect(slide.getImages().map((i) => i.getObjectId())).toEqual(['s3-image', 's3-badge']);
  const page = bench.presentation().getSelection().getCurrentPage();
  expect(page?.getPageElements().map((e) => e.getObjectId())).toEqual(['s1-title', 's1-subtitle']);
  expect(page?.getShapes()).toHaveLength(2);
  expect(page?.getImages()).toEqual([]);
};

/** PageElement geometry in points, and its type and casts. */
const measuresElements: Exercise = (bench) => {
  const element = bench.element('s3-image');
  expect(element.getPageElementType()).toBe(bench.slidesApp().PageElementType.IMAGE);
  expect([element.getLeft(), element.getTop(), element.getWidth(), element.getHeight()]).toEqual([480, 92, 204, 153]);
  expect(element.asImage().getObjectId()).toBe('s3-image');
  // A cast to the wrong type throws, as Apps Script's do.
  expect(() => element.asShape()).toThrow();
  const shape = bench.element('s3-title');
  expect(shape.getPageElementType()).toBe(bench.slidesApp().PageElementType.SHAPE);
  expect(shape.asShape().getText().asString()).toBe('The field team at work\n');
  expect(shape.getParentPage().getObjectId()).toBe('slide-3');
};

/** An Image's own geometry, alt text, bytes and page. */
const readsAnImage: Exercise = (bench) => {
  const image = bench.element('s3-image').asImage();
  expect([image.getWidth(), image.getHeight()]).toEqual([204, 153]);
  expect(image.getTitle()).toBe('Sunrise over the test plots');
  expect(image.getDescription()).toBe('An orange sun rising over green hills');
  expect(image.getParentPage().getObjectId()).toBe('slide-3');
  const blob = image.getBlob();
  expect(blob.getContentType()).toBe('image/png');
  expect(blob.getBytes().slice(0, 4)).toEqual([-119, 80, 78, 71]);
};

/** setTitle and setDescription set the alt text and return the image, for chaining. */
const setsAltText: Exercise = (bench) => {
  const image = bench.element('s3-image').asImage();
  expect(image.setTitle('A title')).toBe(image);
  expect(image.setDescription('A description')).toBe(image);
  expect([image.getTitle(), image.getDescription()]).toEqual(['A title', 'A description']);
};

/** Selection: the current page and, with elements selected, their range. */
const readsTheSelection: Exercise = (bench) => {
  const app = bench.slidesApp();
  const none = bench.presentation().getSelection();
  expect(none.getSelectionType()).toBe(app.SelectionType.CURRENT_PAGE);
  expect(none.getCurrentPage()?.getObjectId()).toBe('slide-1');
  expect(none.getPageElementRange()).toBeNull();
  bench.deck.selection = { pageId: 'slide-3', elementIds: ['s3-image', 's3-badge'], text: null };
  const some = bench.presentation().getSelection();
  expect(some.getSelectionType()).toBe(app.SelectionType.PAGE_ELEMENT);
  expect(
    some
      .getPageElementRange()
      ?.getPageElements()
      .map((e) => e.getObjectId()),
  ).toEqual(['s3-image', 's3-badge']);
  expect(some.getCurrentPage()?.asSlide().getObjectId()).toBe('slide-3');
};

/** insertImage: at the top-left at the image's size, or scaled into the given box keeping its aspect. */
const insertsImages: Exercise = (bench) => {
  const slide = bench.slide('slide-2');
  const free = slide.insertImage(pngBlob(96, 48));
  expect([free.getLeft(), free.getTop()]).toEqual([0, 0]);
  expect(free.getWidth() / free.getHeight()).toBeCloseTo(2);
  const boxed = slide.insertImage(pngBlob(100, 50), 10, 20, 200, 200);
  // Fitted in the box, centred on it, as Slides does with an image of another shape.
  expect([boxed.getWidth(), boxed.getHeight()]).toEqual([200, 100]);
  expect([boxed.getLeft(), boxed.getTop()]).toEqual([10, 70]);
  const page = bench.presentation().getSelection().getCurrentPage();
  const onPage = page?.insertImage(pngBlob(10, 10));
  expect(onPage?.getParentPage().getObjectId()).toBe('slide-1');
  expect(() => slide.insertImage(bench.blob('not an image', 'text/plain') as never)).toThrow();
};

/** remove() takes an element or a slide out of the presentation. */
const removes: Exercise = (bench) => {
  bench.element('s3-badge').remove();
  expect(bench.presentation().getPageElementById('s3-badge')).toBeNull();
  bench.element('s3-image').asImage().remove();
  expect(bench.slide('slide-3').getImages()).toEqual([]);
  bench.slide('slide-2').remove();
  expect(bench.presentation().getSlideById('slide-2')).toBeNull();
};

/** The theme's colours: every ThemeColorType as a concrete RGB colour. */
const readsTheColorScheme: Exercise = (bench) => {
  const app = bench.slidesApp();
  const scheme = bench.slide('slide-1').getColorScheme();
  expect(scheme.getThemeColors()).toContain(app.ThemeColorType.ACCENT1);
  const accent = scheme.getConcreteColor(app.ThemeColorType.ACCENT1 as never);
  expect(accent.getColorType()).toBe(app.ColorType.RGB);
  expect(accent.asRgbColor().asHexString()).toBe('#e4572e');
  const page = bench.presentation().getSelection().getCurrentPage();
  expect(
    page
      ?.getColorScheme()
      .getConcreteColor(app.ThemeColorType.DARK1 as never)
      .asRgbColor()
      .asHexString(),
  ).toBe('#1f2933');
};

/** Docs Body: page size and margins in points (US Letter with one-inch margins). */
const measuresTheBody: Exercise = (bench) => {
  const body = bench.document().getBody();
  expect([body.getPageWidth(), body.getPageHeight()]).toEqual([612, 792]);
  expect([body.getMarginLeft(), body.getMarginRight(), body.getMarginTop(), body.getMarginBottom()]).toEqual([
    72, 72, 72, 72,
  ]);
};

/** A ContainerElement's children: count, index and type; casting to what it is. */
const walksContainers: Exercise = (bench) => {
  const app = bench.documentApp();
  const body = bench.document().getBody();
  const container = body.getChild(0).getParent();
  expect(container.getType()).toBe(app.ElementType.BODY_SECTION);
  expect(container.asBody().getNumChildren()).toBe(bench.doc.body.length);
  const paragraph = bench.block('b-intro').asParagraph();
  const text = paragraph.getChild(0);
  const parent = text.getParent();
  expect(parent.getType()).toBe(app.ElementType.PARAGRAPH);
  expect(parent.getNumChildren()).toBe(1);
  expect(parent.getChild(0).getType()).toBe(app.ElementType.TEXT);
  expect(parent.getChildIndex(text)).toBe(0);
  expect(parent.asParagraph().getText()).toMatch(/^This report/);
  expect(() => parent.asListItem()).toThrow();
  const item = bench.block('b-list-1').asListItem().getChild(0).getParent();
  expect(item.asListItem().getText()).toBe('Pictures are remembered longer than text alone');
};

/**
 * Docs tables, on the long report: a Table of TableRows of TableCells that hold paragraphs, each climbing to
 * its parent, a cell answering as a TableCell, its text cells and rows one per line, an unsized column's width
 * and a never-set padding null (reference/document/table, table-row, table-cell).
 */
const walksTables: Exercise = (bench) => {
  const doc = demoReport();
  const app = createDocumentApp({ document: doc, ui: bench.uiLog, authMode: 'FULL' });
  const body = app.getActiveDocument().getBody();
  const index = doc.body.findIndex((item) => item.kind === 'table');
  const element = body.getChild(index);
  expect(element.getType()).toBe(app.ElementType.TABLE);
  expect(() => element.asParagraph()).toThrow('Cannot cast an element of type TABLE to Paragraph.');
  const table = element.asTable();
  expect(table.getType()).toBe(app.ElementType.TABLE);
  expect(table.getParent().getType()).toBe(app.ElementType.BODY_SECTION);
  expect(table.getText().split('\n').slice(0, 5)).toEqual([
    'Site',
    'Water (m³/ha)',
    'Yield (t/ha)',
    'Change in water',
    'North ridge',
  ]);
  const paragraph = table.getCell(2, 0).getChild(0).asParagraph();
  const cell = paragraph.getParent().asTableCell();
  expect(cell.getType()).toBe(app.ElementType.TABLE_CELL);
  expect(cell.getText()).toBe('River flats');
  expect(cell.getParentRow().getNumCells()).toBe(4);
  expect(cell.getParentRow().getCell(0).getText()).toBe('River flats');
  expect(() => body.getChild(0).asTableCell()).toThrow('Cannot cast an element of type PARAGRAPH to TableCell.');
  // Nothing sized the report's columns or padded its cells: Apps Script answers null for what was never set.
  expect([cell.getWidth(), cell.getPaddingLeft(), cell.getPaddingRight()]).toEqual([null, null, null]);
  const added = cell.insertParagraph(1, 'measured in July');
  expect(added.getParent().getType()).toBe(app.ElementType.TABLE_CELL);
  expect(cell.getText()).toBe('River flats\nmeasured in July');
  expect(() => cell.insertParagraph(5, 'x')).toThrow(
    'Index (5) must be less than or equal to the number of child elements (2).',
  );
};

/** Element casts: to what the element is; to anything else they throw. */
const castsElements: Exercise = (bench) => {
  const app = bench.documentApp();
  const intro = bench.block('b-intro');
  expect(intro.getType()).toBe(app.ElementType.PARAGRAPH);
  expect(intro.asParagraph().getText()).toMatch(/^This report/);
  expect(() => intro.asListItem()).toThrow();
  const item = bench.block('b-list-1');
  expect(item.getType()).toBe(app.ElementType.LIST_ITEM);
  expect(item.asListItem().getText()).toMatch(/^Pictures/);
  expect(intro.asParagraph().getChild(0).asText().getText()).toMatch(/^This report/);
  const figure = bench.block('b-figure').asParagraph().getChild(0);
  expect(figure.getType()).toBe(app.ElementType.INLINE_IMAGE);
  expect(figure.asInlineImage().getAltTitle()).toBe('Sunrise over the test plots');
  expect(figure.getParent().getType()).toBe(app.ElementType.PARAGRAPH);
};

/** removeFromParent takes the element out of the document and returns it. */
const removesDocsElements: Exercise = (bench) => {
  const before = bench.doc.body.length;
  const intro = bench.block('b-intro');
  intro.removeFromParent();
  expect(bench.doc.body.map((b) => b.id)).not.toContain('b-intro');
  bench.block('b-next').asParagraph().removeFromParent();
  expect(bench.doc.body).toHaveLength(before - 2);
  bench.inlineImage().removeFromParent();
  expect(bench.document().getBody().getImages()).toEqual([]);
};

/** Paragraph and ListItem: their text, their index in the body, their parent and type. */
const readsBlocks: Exercise = (bench) => {
  const app = bench.documentApp();
  const body = bench.document().getBody();
  const paragraph = bench.block('b-readers').asParagraph();
  expect(paragraph.getText()).toMatch(/^Readers skim/);
  expect(paragraph.getType()).toBe(app.ElementType.PARAGRAPH);
  expect(paragraph.getParent().getType()).toBe(app.ElementType.BODY_SECTION);
  expect(body.getChildIndex(paragraph)).toBe(3);
  expect(paragraph.getParent().getChildIndex(paragraph)).toBe(3);
  const item = bench.block('b-list-2').asListItem();
  expect(item.getText()).toMatch(/^Illustrations can show/);
  expect(item.getType()).toBe(app.ElementType.LIST_ITEM);
  expect(item.getParent().getChildIndex(item)).toBe(5);
};

/** insertInlineImage(childIndex, image): the image at that child index, at its pixel size. */
const insertsInlineImages: Exercise = (bench) => {
  const paragraph = bench.block('b-readers').asParagraph();
  const image = paragraph.insertInlineImage(0, pngBlob(40, 30));
  expect([image.getWidth(), image.getHeight()]).toEqual([40, 30]);
  expect(paragraph.getChild(0).getType()).toBe(bench.documentApp().ElementType.INLINE_IMAGE);
  const item = bench.block('b-list-1').asListItem();
  item.insertInlineImage(1, pngBlob(8, 8));
  expect(item.getNumChildren()).toBe(2);
  const appended = bench.block('b-next').asParagraph().appendInlineImage(pngBlob(12, 6));
  expect(appended.getParent().getChildIndex(appended)).toBe(1);
};

/** An inline image's alt text, size in pixels and link; setters return the image. */
const editsInlineImages: Exercise = (bench) => {
  const image = bench.inlineImage();
  expect(image.getAltTitle()).toBe('Sunrise over the test plots');
  expect(image.getAltDescription()).toBe('An orange sun rising over green hills');
  expect(image.setAltTitle('T')).toBe(image);
  expect(image.setAltDescription('D')).toBe(image);
  expect([image.getAltTitle(), image.getAltDescription()]).toEqual(['T', 'D']);
  expect([image.getWidth(), image.getHeight()]).toEqual([240, 180]);
  image.setWidth(120).setHeight(90);
  expect([image.getWidth(), image.getHeight()]).toEqual([120, 90]);
  expect(image.getLinkUrl()).toBeNull();
  image.setLinkUrl('https://example.com/');
  expect(image.getLinkUrl()).toBe('https://example.com/');
  expect(image.getBlob().getContentType()).toBe('image/png');
  expect(image.getParent().getType()).toBe(bench.documentApp().ElementType.PARAGRAPH);
};

/** Siblings: the neighbour in the same parent, null at either end. */
const findsSiblings: Exercise = (bench) => {
  const paragraph = bench.block('b-figure').asParagraph();
  const image = bench.inlineImage();
  expect(image.getPreviousSibling()).toBeNull();
  expect(image.getNextSibling()).toBeNull();
  paragraph.appendText('after');
  expect(image.getNextSibling()?.asText().getText()).toBe('after');
  paragraph.insertText(0, 'before');
  expect(image.getPreviousSibling()?.asText().getText()).toBe('before');
};

/** Named ranges: built from elements, named, found by name, removed. */
const namesRanges: Exercise = (bench) => {
  const document = bench.document();
  const range = document.newRange().addElement(bench.inlineImage()).build();
  const named = document.addNamedRange('peel.image', range);
  expect(named.getName()).toBe('peel.image');
  expect(document.getNamedRanges('peel.image')).toHaveLength(1);
  const element = named.getRange().getRangeElements()[0];
  expect(element?.getElement().getType()).toBe(bench.documentApp().ElementType.INLINE_IMAGE);
  named.remove();
  expect(document.getNamedRanges('peel.image')).toEqual([]);
};

/** A text selection: partial Text pieces with inclusive end offsets; a whole element is not partial. */
const readsRanges: Exercise = (bench) => {
  bench.doc.selection = {
    cursor: null,
    range: {
      start: { section: 'body', blockId: 'b-intro', offset: 5 },
      end: { section: 'body', blockId: 'b-intro', offset: 11 },
    },
    imageId: null,
  };
  const [piece] = bench.document().getSelection()?.getRangeElements() ?? [];
  expect(piece?.isPartial()).toBe(true);
  expect([piece?.getStartOffset(), piece?.getEndOffsetInclusive()]).toEqual([5, 10]);
  expect(piece?.getElement().asText().getText()).toMatch(/^This report/);
  bench.doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
  const [whole] = bench.document().getSelection()?.getRangeElements() ?? [];
  expect(whole?.isPartial()).toBe(false);
  expect(whole?.getStartOffset()).toBe(-1);
};

/** The cursor: a Position in a Text element, where an image can go in. */
const usesTheCursor: Exercise = (bench) => {
  const position = bench.document().getCursor();
  expect(position?.getElement().getType()).toBe(bench.documentApp().ElementType.TEXT);
  const image = position?.insertInlineImage(pngBlob(20, 10));
  expect([image?.getWidth(), image?.getHeight()]).toEqual([20, 10]);
  bench.doc.selection = { cursor: null, range: null, imageId: null };
  expect(bench.document().getCursor()).toBeNull();
};

/**
 * The caret's paragraph as one artificial Text, and the caret's offset in it (reference/document/position:
 * getSurroundingText, getSurroundingTextOffset): what tells a click mid-sentence from a blank line.
 */
const readsAroundTheCursor: Exercise = (bench) => {
  const words = bench.block('b-readers').asParagraph().getText();
  const position = bench.document().getCursor();
  expect(position?.getSurroundingText().getText()).toBe(words);
  expect(position?.getSurroundingTextOffset()).toBe(words.length);
  bench.doc.selection = { cursor: { section: 'body', blockId: 'b-readers', offset: 6 }, range: null, imageId: null };
  expect(bench.document().getCursor()?.getSurroundingTextOffset()).toBe(6);
};

/**
 * The body's blocks in order, each a paragraph with its heading (reference/document/body getChild,
 * getNumChildren, getChildIndex; paragraph getHeading): the report's sections, read as "Illustrate the
 * document" reads them.
 */
const readsHeadings: Exercise = (bench) => {
  const doc = demoReport();
  const app = createDocumentApp({ document: doc, ui: bench.uiLog, authMode: 'FULL' });
  const body = app.getActiveDocument().getBody();
  expect(body.getNumChildren()).toBe(doc.body.length);
  const index = doc.body.findIndex((item) => item.id === 'r-water-h');
  const heading = body.getChild(index).asParagraph();
  expect(heading.getHeading()).toBe(app.ParagraphHeading.HEADING2);
  expect(heading.getText()).toBe('Water use');
  expect(body.getChildIndex(heading)).toBe(index);
  expect(
    body
      .getChild(index + 1)
      .asParagraph()
      .getHeading(),
  ).toBe(app.ParagraphHeading.NORMAL);
  expect(() => body.getChild(doc.body.length)).toThrow();
};

/** Properties: strings in, strings out; null for a missing key; deleting and setting many at once. */
const keepsProperties: Exercise = (bench) => {
  const service = bench.properties();
  const user = service.getUserProperties();
  expect(user.setProperty('k', 'v')).toBe(user);
  expect(user.getProperty('k')).toBe('v');
  expect(user.getProperty('missing')).toBeNull();
  user.setProperties({ a: '1', b: '2' });
  expect(user.getProperties()).toEqual({ k: 'v', a: '1', b: '2' });
  // One key, answering the store for chaining; the others stay.
  expect(user.deleteProperty('k')).toBe(user);
  expect(user.getProperty('k')).toBeNull();
  expect(user.getProperties()).toEqual({ a: '1', b: '2' });
  // Values are 9 KB at most, in Apps Script's words.
  expect(() => user.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
};

/** The three stores are separate: one user's, the document's, the script's. */
const separatesStores: Exercise = (bench) => {
  const service = bench.properties();
  service.getUserProperties().setProperty('who', 'user');
  service.getDocumentProperties()?.setProperty('who', 'document');
  service.getScriptProperties().setProperty('who', 'script');
  expect(bench.properties().getUserProperties().getProperty('who')).toBe('user');
  expect(bench.properties().getDocumentProperties()?.getProperty('who')).toBe('document');
  expect(bench.properties().getScriptProperties().getProperty('who')).toBe('script');
  // Outside a document (a standalone script run), there are no document properties.
  expect(bench.properties(null).getDocumentProperties()).toBeNull();
};

/** The user cache: strings by key, null when absent, 100 KB a value. */
const cachesValues: Exercise = (bench) => {
  const cache = bench.cacheService().getUserCache();
  expect(cache.get('k')).toBeNull();
  cache.put('k', 'v');
  expect(cache.get('k')).toBe('v');
  cache.putAll({ a: '1', b: '2' });
  expect(cache.getAll(['a', 'b', 'missing'])).toEqual({ a: '1', b: '2' });
  cache.removeAll(['a', 'k']);
  expect(cache.getAll(['a', 'b', 'k'])).toEqual({ b: '2' });
  expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow();
};

/** Locks: tryLock answers whether it got the lock; another execution waits until it is released. */
const locks: Exercise = async (bench) => {
  const mine = bench.lockService('execution-1').getDocumentLock();
  const theirs = bench.lockService('execution-2').getDocumentLock();
  expect(await mine?.tryLock(0)).toBe(true);
  expect(await theirs?.tryLock(0)).toBe(false);
  mine?.releaseLock();
  expect(await theirs?.tryLock(0)).toBe(true);
  // A user lock is per user; in a script with no document there is no document lock.
  expect(await bench.lockService('execution-1').getUserLock().tryLock(0)).toBe(true);
  expect(bench.lockService('execution-3', null).getDocumentLock()).toBeNull();
};

/** UrlFetchApp: a response's code, text, bytes and headers; a 4xx throws unless muted. */
const fetches: Exercise = async (bench) => {
  const app = bench.urlFetchApp();
  const response = await app.fetch(`${ECHO}ok`, { method: 'post', payload: 'x', contentType: 'text/plain' });
  expect(response.getResponseCode()).toBe(200);
  expect(JSON.parse(response.getContentText())).toEqual({ method: 'POST', url: `${ECHO}ok` });
  expect(response.getContent()[0]).toBe('{'.charCodeAt(0));
  expect(response.getHeaders()).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8' });
  await expect(app.fetch(`${ECHO}404`)).rejects.toThrow(/returned code 404/);
  expect((await app.fetch(`${ECHO}404`, { muteHttpExceptions: true })).getResponseCode()).toBe(404);
  const all = await app.fetchAll([`${ECHO}1`, { url: `${ECHO}500`, muteHttpExceptions: true }]);
  expect(all.map((r) => r.getResponseCode())).toEqual([200, 500]);
  await expect(app.fetch('https://elsewhere.example.com/')).rejects.toThrow(/not been whitelisted/);
};

/** Utilities: base64 both ways as Java's signed bytes, a Blob from a string, sleep. */
const usesUtilities: Exercise = (bench) => {
  const utilities = bench.utilities();
  expect(utilities.base64Encode('hi')).toBe('aGk=');
  expect(utilities.base64Decode('/+8=')).toEqual([-1, -17]);
  expect(utilities.base64Encode([-1, -17])).toBe('/+8=');
  const blob = utilities.newBlob('text', 'text/plain', 'a.txt');
  expect([blob.getDataAsString(), blob.getContentType(), blob.getName()]).toEqual(['text', 'text/plain', 'a.txt']);
  expect(() => utilities.sleep(300_001)).toThrow();
  utilities.sleep(1);
};

/** Blob: its bytes as signed Java bytes, its type, and a conversion to an image type. */
const readsBlobs: Exercise = (bench) => {
  const blob = bench.blob(Uint8Array.from([0, 127, 128, 255]), 'application/octet-stream');
  expect(blob.getBytes()).toEqual([0, 127, -128, -1]);
  expect(blob.getContentType()).toBe('application/octet-stream');
  const image = bench.blob(
    new Uint8Array(
      pngBlob(4, 4)
        .getBytes()
        .map((b) => b & 255),
    ),
    'image/png',
    'a.png',
  );
  const same = image.getAs('image/png');
  expect(same.getContentType()).toBe('image/png');
  expect(same.getBytes()).toEqual(image.getBytes());
};

/** The add-on menu and the sidebar, recorded as the editor would show them. */
const buildsTheUi: Exercise = (bench) => {
  const ui = bench.slidesApp().getUi();
  const menu = ui.createAddonMenu();
  expect(menu.addItem('Open Peel', 'showSidebar')).toBe(menu);
  menu.addToUi();
  expect(bench.uiLog.menus).toEqual([
    { caption: 'Peel', items: [{ caption: 'Open Peel', functionName: 'showSidebar' }] },
  ]);
  const output = bench.htmlService().createHtmlOutput('<p>hi</p>');
  expect(output.setTitle('Peel')).toBe(output);
  ui.showSidebar(output);
  expect(bench.uiLog.sidebars).toEqual([{ title: 'Peel', html: '<p>hi</p>' }]);
  expect(bench.documentApp().getUi()).toBeDefined();
};

/** console writes to the execution's log at its level, as Apps Script's Executions page shows it. */
const logsToTheExecution: Exercise = async () => {
  const { record } = await runScript('function main() { console.log("seen %s", 1); console.error("broken"); }');
  expect(record.logs).toEqual(['INFO seen 1', 'ERROR broken']);
};

// --- The table ---------------------------------------------------------------------------------------------

/**
 * "Gets the authorization URL that can be used to grant access to the script. This method returns null if no
 * authorization is required."
 */
const asksForConsent: Exercise = (bench) => {
  const drive = 'https://www.googleapis.com/auth/drive.file';
  const app = bench.scriptApp('FULL', [drive]);
  const info = app.getAuthorizationInfo(app.AuthMode.FULL);
  expect(String(info.getAuthorizationStatus())).toBe('REQUIRED');
  expect(new URL(info.getAuthorizationUrl()).searchParams.get('scope')).toBe(drive);
  const all = bench.scriptApp('FULL');
  expect(all.getAuthorizationInfo(all.AuthMode.FULL).getAuthorizationUrl()).toBeNull();
};

export const EXERCISES: Readonly<Record<string, Exercise>> = {
  'Base.Blob.getAs': readsBlobs,
  'Base.Blob.getBytes': readsBlobs,
  'Base.Blob.getContentType': readsBlobs,
  'Base.Menu.addItem': buildsTheUi,
  'Base.Menu.addToUi': buildsTheUi,
  'Base.RgbColor.asHexString': readsTheColorScheme,
  'Base.Ui.createAddonMenu': buildsTheUi,
  'Base.Ui.showSidebar': buildsTheUi,

  'CacheService.Cache.get': cachesValues,
  'CacheService.Cache.getAll': cachesValues,
  'CacheService.Cache.put': cachesValues,
  'CacheService.Cache.putAll': cachesValues,
  'CacheService.Cache.removeAll': cachesValues,
  'CacheService.CacheService.getUserCache': (bench) => {
    const mine = bench.cacheService().getUserCache();
    mine.put('k', 'mine');
    expect(bench.cacheService().getUserCache().get('k')).toBe('mine');
    expect(bench.cacheService().getDocumentCache()?.get('k')).toBeNull();
  },

  'DocumentApp.Body.getChild': readsHeadings,
  'DocumentApp.Body.getChildIndex': readsHeadings,
  'DocumentApp.Body.getImages': (bench) => {
    const images = bench.document().getBody().getImages();
    // Inline images only: the positioned stamp beside "What we found" is not one.
    expect(images.map((image) => image.getAltTitle())).toEqual(['Sunrise over the test plots']);
  },
  'DocumentApp.Body.getMarginBottom': measuresTheBody,
  'DocumentApp.Body.getMarginLeft': measuresTheBody,
  'DocumentApp.Body.getMarginRight': measuresTheBody,
  'DocumentApp.Body.getMarginTop': measuresTheBody,
  'DocumentApp.Body.getNumChildren': readsHeadings,
  'DocumentApp.Body.getPageHeight': measuresTheBody,
  'DocumentApp.Body.getPageWidth': measuresTheBody,
  'DocumentApp.Body.insertParagraph': (bench) => {
    const body = bench.document().getBody();
    const paragraph = body.insertParagraph(2, 'Inserted');
    expect(body.getChild(2).asParagraph().getText()).toBe('Inserted');
    expect(paragraph.getText()).toBe('Inserted');
    expect(bench.doc.body[3]?.id).toBe('b-why');
  },
  'DocumentApp.ContainerElement.asBody': walksContainers,
  'DocumentApp.ContainerElement.asListItem': walksContainers,
  'DocumentApp.ContainerElement.asParagraph': walksContainers,
  'DocumentApp.ContainerElement.asTableCell': walksTables,
  'DocumentApp.ContainerElement.getChild': walksContainers,
  'DocumentApp.ContainerElement.getChildIndex': walksContainers,
  'DocumentApp.ContainerElement.getNumChildren': walksContainers,
  'DocumentApp.ContainerElement.getType': walksContainers,
  'DocumentApp.Document.addNamedRange': namesRanges,
  'DocumentApp.Document.getBody': measuresTheBody,
  'DocumentApp.Document.getCursor': usesTheCursor,
  'DocumentApp.Document.getId': (bench) => {
    expect(bench.document().getId()).toBe('peel-demo-doc');
  },
  'DocumentApp.Document.getLanguage': (bench) => {
    // File → Language: a language code, the editor's default until someone picks another.
    const document = bench.document();
    expect(document.getLanguage()).toBe('en');
    document.setLanguage('de');
    expect(document.getLanguage()).toBe('de');
  },
  'DocumentApp.Document.getName': (bench) => {
    expect(bench.document().getName()).toBe('Illustrated field report');
  },
  'DocumentApp.Document.getNamedRanges': namesRanges,
  'DocumentApp.Document.getSelection': readsRanges,
  'DocumentApp.Document.newRange': namesRanges,
  'DocumentApp.DocumentApp.getActiveDocument': (bench) => {
    expect(bench.documentApp().getActiveDocument()?.getId()).toBe('peel-demo-doc');
    // None in a Slides file; and none without authorization (onOpen in AuthMode.NONE), in Apps Script's words.
    expect(
      createDocumentApp({ document: bench.deck, ui: bench.uiLog, authMode: 'FULL' }).getActiveDocument(),
    ).toBeNull();
    expect(() =>
      createDocumentApp({ document: bench.doc, ui: bench.uiLog, authMode: 'NONE' }).getActiveDocument(),
    ).toThrow(/^You do not have permission to call DocumentApp\.getActiveDocument/);
  },
  'DocumentApp.DocumentApp.getUi': (bench) => {
    expect(() => bench.documentApp().getUi()).not.toThrow();
    // Only the editor the script runs in has a Ui for it.
    expect(() => createDocumentApp({ document: bench.deck, ui: bench.uiLog, authMode: 'FULL' }).getUi()).toThrow(
      'Cannot call DocumentApp.getUi() from this context.',
    );
  },
  'DocumentApp.Element.asInlineImage': castsElements,
  'DocumentApp.Element.asListItem': castsElements,
  'DocumentApp.Element.asParagraph': castsElements,
  'DocumentApp.Element.asTable': walksTables,
  'DocumentApp.Element.asText': castsElements,
  'DocumentApp.Element.getParent': castsElements,
  'DocumentApp.Element.getType': castsElements,
  'DocumentApp.Element.removeFromParent': removesDocsElements,
  'DocumentApp.InlineImage.getAltDescription': editsInlineImages,
  'DocumentApp.InlineImage.getAltTitle': editsInlineImages,
  'DocumentApp.InlineImage.getBlob': editsInlineImages,
  'DocumentApp.InlineImage.getHeight': editsInlineImages,
  'DocumentApp.InlineImage.getLinkUrl': editsInlineImages,
  'DocumentApp.InlineImage.getNextSibling': findsSiblings,
  'DocumentApp.InlineImage.getParent': editsInlineImages,
  'DocumentApp.InlineImage.getPreviousSibling': findsSiblings,
  'DocumentApp.InlineImage.getWidth': editsInlineImages,
  'DocumentApp.InlineImage.removeFromParent': removesDocsElements,
  'DocumentApp.InlineImage.setAltDescription': editsInlineImages,
  'DocumentApp.InlineImage.setAltTitle': editsInlineImages,
  'DocumentApp.InlineImage.setHeight': editsInlineImages,
  'DocumentApp.InlineImage.setLinkUrl': editsInlineImages,
  'DocumentApp.InlineImage.setWidth': editsInlineImages,
  'DocumentApp.ListItem.getChildIndex': readsBlocks,
  'DocumentApp.ListItem.getParent': readsBlocks,
  'DocumentApp.ListItem.getText': readsBlocks,
  'DocumentApp.ListItem.getType': readsBlocks,
  'DocumentApp.ListItem.insertInlineImage': insertsInlineImages,
  'DocumentApp.NamedRange.getName': namesRanges,
  'DocumentApp.NamedRange.getRange': namesRanges,
  'DocumentApp.NamedRange.remove': namesRanges,
  'DocumentApp.Paragraph.appendInlineImage': insertsInlineImages,
  'DocumentApp.Paragraph.getChildIndex': readsBlocks,
  'DocumentApp.Paragraph.getHeading': readsHeadings,
  'DocumentApp.Paragraph.getParent': readsBlocks,
  'DocumentApp.Paragraph.getText': readsBlocks,
  'DocumentApp.Paragraph.getType': readsBlocks,
  'DocumentApp.Paragraph.insertInlineImage': insertsInlineImages,
  'DocumentApp.Paragraph.removeFromParent': removesDocsElements,
  'DocumentApp.Paragraph.setAlignment': (bench) => {
    const app = bench.documentApp();
    const paragraph = bench.block('b-next').asParagraph();
    expect(paragraph.setAlignment(app.HorizontalAlignment.CENTER as never)).toBe(paragraph);
    expect(paragraph.getAlignment()).toBe(app.HorizontalAlignment.CENTER);
  },
  'DocumentApp.Position.getElement': usesTheCursor,
  'DocumentApp.Position.getSurroundingText': readsAroundTheCursor,
  'DocumentApp.Position.getSurroundingTextOffset': readsAroundTheCursor,
  'DocumentApp.Position.insertInlineImage': usesTheCursor,
  'DocumentApp.Range.getRangeElements': readsRanges,
  'DocumentApp.RangeBuilder.addElement': namesRanges,
  'DocumentApp.RangeBuilder.build': namesRanges,
  'DocumentApp.RangeElement.getElement': readsRanges,
  'DocumentApp.RangeElement.getEndOffsetInclusive': readsRanges,
  'DocumentApp.RangeElement.getStartOffset': readsRanges,
  'DocumentApp.RangeElement.isPartial': readsRanges,
  'DocumentApp.Table.getParent': walksTables,
  'DocumentApp.Table.getText': walksTables,
  'DocumentApp.Table.getType': walksTables,
  'DocumentApp.TableCell.getPaddingLeft': walksTables,
  'DocumentApp.TableCell.getPaddingRight': walksTables,
  'DocumentApp.TableCell.getParentRow': walksTables,
  'DocumentApp.TableCell.getWidth': walksTables,
  'DocumentApp.TableCell.insertParagraph': walksTables,
  'DocumentApp.TableRow.getNumCells': walksTables,
  'DocumentApp.Text.getText': castsElements,
  'DocumentApp.Text.insertText': (bench) => {
    const text = bench.block('b-why').asParagraph().getChild(0).asText();
    expect(text.insertText(0, 'So: ')).toBe(text);
    expect(text.getText()).toBe('So: Why we illustrate');
  },

  'global.Console.error': logsToTheExecution,
  'global.Console.log': logsToTheExecution,

  'HtmlService.HtmlOutput.setTitle': buildsTheUi,
  // "Gets the content of this HtmlOutput": the file's text as built, the late part's script and style included.
  'HtmlService.HtmlOutput.getContent': (bench) => {
    const built = readFileSync(`${DIST}/SidebarParts.html`, 'utf8');
    expect(bench.htmlService().createHtmlOutputFromFile('SidebarParts').getContent()).toBe(built);
  },
  'HtmlService.HtmlService.createHtmlOutputFromFile': (bench) => {
    const html = bench.htmlService();
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toMatch(/<script>/);
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toMatch(/<script>/);
    expect(() => html.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  },

  'LockService.Lock.releaseLock': locks,
  'LockService.Lock.tryLock': locks,
  'LockService.LockService.getDocumentLock': locks,
  'LockService.LockService.getUserLock': locks,

  'PropertiesService.Properties.deleteProperty': keepsProperties,
  'PropertiesService.Properties.getProperties': keepsProperties,
  'PropertiesService.Properties.getProperty': keepsProperties,
  'PropertiesService.Properties.setProperties': keepsProperties,
  'PropertiesService.Properties.setProperty': keepsProperties,
  'PropertiesService.PropertiesService.getDocumentProperties': separatesStores,
  'PropertiesService.PropertiesService.getScriptProperties': separatesStores,
  'PropertiesService.PropertiesService.getUserProperties': separatesStores,

  'ScriptApp.ScriptApp.getAuthorizationInfo': asksForConsent,
  'ScriptApp.AuthorizationInfo.getAuthorizationUrl': asksForConsent,
  'ScriptApp.ScriptApp.getOAuthToken': (bench) => {
    const token = bench.scriptApp().getOAuthToken();
    expect(token).toMatch(/^ya29\./);
    // One token per user within an execution; none before the user has authorized the script.
    expect(bench.scriptApp().getOAuthToken()).toBe(token);
    expect(() => bench.scriptApp('NONE').getOAuthToken()).toThrow(/permission/);
  },

  'Base.Session.getActiveUserLocale': () => {
    // https://developers.google.com/apps-script/reference/base/session#getActiveUserLocale(): the user's
    // language as a code, "en" or with a region after an underscore, "pt_BR"; the user's, not the document's.
    const session = (locale?: string) =>
      new FakeSession({
        scriptId: 'fidelity',
        user: 'ana@example.com',
        authMode: 'FULL',
        timeZone: 'Etc/UTC',
        ...(locale ? { locale } : {}),
      });
    expect(session().getActiveUserLocale()).toBe('en');
    expect(session('pt_BR').getActiveUserLocale()).toBe('pt_BR');
  },

  'Base.Session.getActiveUser': () => {
    // https://developers.google.com/apps-script/reference/base/session#getActiveUser(): needs the userinfo.email
    // scope; a manifest listing its scopes without it, or a person who declined it, gets the permission refusal.
    const session = (scopes: string[], granted = true) =>
      new FakeSession({
        scriptId: 'fidelity',
        user: 'ana@example.com',
        authMode: 'FULL',
        timeZone: 'Etc/UTC',
        scopes,
        granted: () => granted,
      });
    const email = 'https://www.googleapis.com/auth/userinfo.email';
    expect(session([email]).getActiveUser().getEmail()).toBe('ana@example.com');
    expect(() => session(['https://www.googleapis.com/auth/drive.file']).getActiveUser()).toThrow(
      /You do not have permission to call Session\.getActiveUser\. Required permissions: https:\/\/www\.googleapis\.com\/auth\/userinfo\.email/,
    );
    expect(() => session([email], false).getActiveUser()).toThrow(/Required permissions/);
  },
  'Base.User.getEmail': () => {
    // https://developers.google.com/apps-script/reference/base/user#getEmail(): the address, or a blank string
    // where the execution was not authorized by the user (a simple trigger).
    const user = (authMode: 'FULL' | 'LIMITED') =>
      new FakeSession({ scriptId: 'fidelity', user: 'ana@example.com', authMode, timeZone: 'Etc/UTC' }).getActiveUser();
    expect(user('FULL').getEmail()).toBe('ana@example.com');
    expect(user('LIMITED').getEmail()).toBe('');
  },

  'SlidesApp.Color.asRgbColor': readsTheColorScheme,
  'SlidesApp.Color.getColorType': readsTheColorScheme,
  'SlidesApp.ColorScheme.getConcreteColor': readsTheColorScheme,
  'SlidesApp.ColorScheme.getThemeColors': readsTheColorScheme,
  'SlidesApp.Image.getBlob': readsAnImage,
  'SlidesApp.Image.getDescription': readsAnImage,
  'SlidesApp.Image.getHeight': readsAnImage,
  'SlidesApp.Image.getObjectId': (bench) => {
    expect(bench.slide('slide-3').getImages()[0]?.getObjectId()).toBe('s3-image');
  },
  'SlidesApp.Image.getParentPage': readsAnImage,
  'SlidesApp.Image.getTitle': readsAnImage,
  'SlidesApp.Image.getWidth': readsAnImage,
  'SlidesApp.Image.remove': removes,
  'SlidesApp.Image.replace': (bench) => {
    const image = bench.element('s3-image').asImage();
    const replaced = image.replace(pngBlob(80, 60));
    // The same element, in the same box, with its alt text.
    expect(replaced.getObjectId()).toBe('s3-image');
    expect([replaced.getLeft(), replaced.getTop()]).toEqual([480, 92]);
    expect(replaced.getTitle()).toBe('Sunrise over the test plots');
    expect(bench.element('s3-image').asImage().getBlob().getBytes()).toEqual(pngBlob(80, 60).getBytes());
  },
  'SlidesApp.Image.sendToBack': (bench) => {
    // https://developers.google.com/apps-script/reference/slides/image#sendToBack(): behind every other element
    // of the page, and the image for chaining.
    const image = bench.element('s3-image').asImage();
    expect(image.sendToBack()).toBe(image);
    expect(bench.slide('slide-3').getPageElements()[0]?.getObjectId()).toBe('s3-image');
  },
  'SlidesApp.Image.setDescription': setsAltText,
  'SlidesApp.Image.setTitle': setsAltText,
  'SlidesApp.NotesPage.getSpeakerNotesShape': (bench) => {
    const notes = bench.slide('slide-3').getNotesPage().getSpeakerNotesShape();
    expect(notes.getText().asString()).toMatch(/^Fill the picture placeholder/);
  },
  'SlidesApp.Page.asSlide': readsTheSelection,
  'SlidesApp.Page.getBackground': (bench) => {
    const background = bench.presentation().getSelection().getCurrentPage()?.getBackground();
    background?.setPictureFill(pngBlob(16, 9));
    // The runtime's SlidesApp has no PageBackgroundType enum (Peel reads none); its values are their names.
    expect(String(background?.getType())).toBe('PICTURE');
  },
  'SlidesApp.Page.getColorScheme': readsTheColorScheme,
  'SlidesApp.Page.getImages': listsPageElements,
  'SlidesApp.Page.getObjectId': readsTheSelection,
  'SlidesApp.Page.getPageElementById': findsElementsById,
  'SlidesApp.Page.getPageElements': listsPageElements,
  'SlidesApp.Page.getShapes': listsPageElements,
  'SlidesApp.Page.insertImage': insertsImages,
  'SlidesApp.PageBackground.setPictureFill': (bench) => {
    const background = bench.slide('slide-2').getBackground();
    expect(String(background.getType())).not.toBe('PICTURE');
    expect(background.setPictureFill(pngBlob(16, 9))).toBeUndefined();
    expect(String(bench.slide('slide-2').getBackground().getType())).toBe('PICTURE');
    // The slide's elements stay: a background is behind everything.
    expect(bench.slide('slide-2').getPageElements()).toHaveLength(2);
  },
  'SlidesApp.PageElement.asImage': measuresElements,
  'SlidesApp.PageElement.asShape': measuresElements,
  'SlidesApp.PageElement.getHeight': measuresElements,
  'SlidesApp.PageElement.getLeft': measuresElements,
  /**
   * "Returns the element's clockwise rotation angle around its center in degrees"; the box getLeft…getHeight
   * answer is the element's "when the element has no rotation" (the guide's setRotation(90) example).
   */
  'SlidesApp.PageElement.getRotation': (bench) => {
    const element = bench.element('s3-title');
    const box = [element.getLeft(), element.getTop(), element.getWidth(), element.getHeight()];
    expect(element.getRotation()).toBe(0);
    element.setRotation(90);
    expect(element.getRotation()).toBe(90);
    expect([element.getLeft(), element.getTop(), element.getWidth(), element.getHeight()]).toEqual(box);
  },
  'SlidesApp.PageElement.getObjectId': measuresElements,
  'SlidesApp.PageElement.getPageElementType': measuresElements,
  'SlidesApp.PageElement.getParentPage': measuresElements,
  'SlidesApp.PageElement.getTop': measuresElements,
  'SlidesApp.PageElement.getWidth': measuresElements,
  'SlidesApp.PageElement.remove': removes,
  'SlidesApp.PageElementRange.getPageElements': readsTheSelection,
  'SlidesApp.Presentation.getId': readsTheDeck,
  'SlidesApp.Presentation.getName': readsTheDeck,
  'SlidesApp.Presentation.getPageElementById': findsElementsById,
  'SlidesApp.Presentation.getPageHeight': readsTheDeck,
  'SlidesApp.Presentation.getPageWidth': readsTheDeck,
  'SlidesApp.Presentation.getSelection': readsTheSelection,
  'SlidesApp.Presentation.getSlideById': readsTheDeck,
  'SlidesApp.Presentation.getSlides': readsTheDeck,
  'SlidesApp.Presentation.insertSlide': (bench) => {
    const presentation = bench.presentation();
    const slide = presentation.insertSlide(1, bench.slidesApp().PredefinedLayout.BLANK as never);
    expect(presentation.getSlides()[1]?.getObjectId()).toBe(slide.getObjectId());
    expect(slide.getPageElements()).toEqual([]);
  },
  'SlidesApp.Selection.getCurrentPage': readsTheSelection,
  'SlidesApp.Selection.getPageElementRange': readsTheSelection,
  'SlidesApp.Selection.getSelectionType': readsTheSelection,
  // A table cell selected: SelectionType.TABLE_CELL, and the range holds that cell.
  'SlidesApp.Selection.getTableCellRange': () => {
    const deck = pitchDeck();
    deck.selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: null,
      cells: { elementId: 'p2-table', cells: [{ row: 1, column: 1 }] },
    };
    const slides = createSlidesApp({ document: deck, ui: emptyUiLog(), authMode: 'FULL' });
    const selection = slides.getActivePresentation()?.getSelection();
    expect(String(selection?.getSelectionType())).toBe('TABLE_CELL');
    const cells = selection?.getTableCellRange()?.getTableCells() ?? [];
    expect(cells.map((c) => [c.getRowIndex(), c.getColumnIndex()])).toEqual([[1, 1]]);
  },
  'SlidesApp.Shape.getPlaceholderType': (bench) => {
    const app = bench.slidesApp();
    expect(bench.element('s3-picture').asShape().getPlaceholderType()).toBe(app.PlaceholderType.PICTURE);
    expect(bench.element('s2-body').asShape().getPlaceholderType()).toBe(app.PlaceholderType.BODY);
  },
  'SlidesApp.Shape.getText': measuresElements,
  'SlidesApp.Shape.replaceWithImage': (bench) => {
    const placeholder = bench.element('s3-picture').asShape();
    const image = placeholder.replaceWithImage(pngBlob(100, 100));
    // The shape is gone; the image is fitted into its box (420 × 290 at 36, 92), centred.
    expect(bench.presentation().getPageElementById('s3-picture')).toBeNull();
    expect([image.getWidth(), image.getHeight()]).toEqual([290, 290]);
    expect([image.getLeft(), image.getTop()]).toEqual([36 + (420 - 290) / 2, 92]);
  },
  'SlidesApp.Slide.getColorScheme': readsTheColorScheme,
  'SlidesApp.Slide.getImages': listsPageElements,
  'SlidesApp.Slide.getNotesPage': (bench) => {
    expect(bench.slide('slide-1').getNotesPage().getSpeakerNotesShape().getText().asString()).toMatch(/^Welcome/);
  },
  'SlidesApp.Slide.getObjectId': readsTheDeck,
  'SlidesApp.Slide.getPageElementById': findsElementsById,
  'SlidesApp.Slide.getPageElements': listsPageElements,
  'SlidesApp.Slide.getShapes': listsPageElements,
  'SlidesApp.Slide.insertImage': insertsImages,
  'SlidesApp.Slide.remove': removes,
  'SlidesApp.Slide.selectAsCurrentPage': (bench) => {
    bench.slide('slide-3').selectAsCurrentPage();
    const selection = bench.presentation().getSelection();
    expect(selection.getCurrentPage()?.getObjectId()).toBe('slide-3');
    expect(selection.getSelectionType()).toBe(bench.slidesApp().SelectionType.CURRENT_PAGE);
  },
  'SlidesApp.SlidesApp.getActivePresentation': (bench) => {
    expect(bench.slidesApp().getActivePresentation()?.getId()).toBe('peel-demo-deck');
  },
  'SlidesApp.SlidesApp.getUi': buildsTheUi,
  'SlidesApp.TextRange.asString': (bench) => {
    // asString ends with the text's final newline, as Slides keeps one.
    expect(bench.element('s2-title').asShape().getText().asString()).toBe('Why illustrations matter\n');
  },

  'UrlFetchApp.HTTPResponse.getContent': fetches,
  'UrlFetchApp.HTTPResponse.getContentText': fetches,
  'UrlFetchApp.HTTPResponse.getHeaders': fetches,
  'UrlFetchApp.HTTPResponse.getResponseCode': fetches,
  'UrlFetchApp.UrlFetchApp.fetch': fetches,
  'UrlFetchApp.UrlFetchApp.fetchAll': fetches,

  'Utilities.Utilities.base64Decode': usesUtilities,
  'Utilities.Utilities.base64Encode': usesUtilities,
  'Utilities.Utilities.newBlob': usesUtilities,
  'Utilities.Utilities.sleep': usesUtilities,
};
