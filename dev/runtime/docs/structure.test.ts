/**
 * What real documents hold, on the long report: tables and their cells, footnotes in the text, headers with a
 * logo, horizontal rules, page breaks and positioned images, against Google's class reference for each
 * (developers.google.com/apps-script/reference/document/table, table-row, table-cell, footnote,
 * footnote-section, horizontal-rule, page-break, positioned-image, body, header-section).
 */
import { describe, expect, it } from 'vitest';
import type { BlockState, DocumentState } from '../model';
import { demoDoc, demoReport } from '../seed';
import { pngBlob } from '../slides/fixtures';
import { emptyUiLog } from '../world';
import { flowBlocks, sectionBlocks } from './flow';
import { createDocumentApp } from './index';

type Element = GoogleAppsScript.Document.Element;

/** DocumentApp's enums are strings here; @types declares them as TypeScript enums. */
const elementType = (name: string) => name as unknown as GoogleAppsScript.Document.ElementType;

function setup(doc: DocumentState = demoReport()) {
  const app = createDocumentApp({ document: doc, ui: emptyUiLog(), authMode: 'FULL' });
  return { doc, app, document: app.getActiveDocument(), body: app.getActiveDocument().getBody() };
}

function block(doc: DocumentState, id: string): BlockState {
  const found = [...sectionBlocks(doc, 'body'), ...sectionBlocks(doc, 'header')].find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}`);
  return found;
}

function tableIndex(doc: DocumentState): number {
  return doc.body.findIndex((item) => item.kind === 'table');
}

/** The types from an element up to its section, as getParent() climbs. */
function ancestry(element: Element): string[] {
  const types: string[] = [];
  let current: Element | null = element;
  while (current) {
    types.push(String(current.getType()));
    current = current.getParent() as Element | null;
  }
  return types;
}

describe('tables', () => {
  it('holds rows of cells of paragraphs, each with its parent, index and text', () => {
    const { doc, app, body } = setup();
    const index = tableIndex(doc);
    const table = body.getChild(index);
    expect(table.getType()).toBe(app.ElementType.TABLE);
    expect(body.getChildIndex(table)).toBe(index);
    const t = table.asTable();
    expect(t.getNumRows()).toBe(5);
    expect(t.getNumChildren()).toBe(5);
    expect(t.getRow(0).getNumCells()).toBe(4);
    expect(t.getRow(0).getType()).toBe(app.ElementType.TABLE_ROW);
    const cell = t.getCell(1, 0);
    expect(cell.getType()).toBe(app.ElementType.TABLE_CELL);
    expect(cell.getText()).toBe('North ridge');
    expect([cell.getColSpan(), cell.getRowSpan()]).toEqual([1, 1]);
    expect([cell.getWidth(), cell.getPaddingLeft(), cell.getPaddingRight()]).toEqual([null, null, null]);
    expect(cell.setWidth(150).getWidth()).toBe(150);
    expect(t.getChildIndex(cell.getParentRow())).toBe(1);
    expect(cell.getParentRow().getChildIndex(cell)).toBe(0);
    expect(cell.getParentTable().getNumRows()).toBe(5);
    const paragraph = cell.getChild(0).asParagraph();
    expect(cell.getChildIndex(paragraph)).toBe(0);
    expect(ancestry(paragraph.getChild(0))).toEqual([
      'TEXT',
      'PARAGRAPH',
      'TABLE_CELL',
      'TABLE_ROW',
      'TABLE',
      'BODY_SECTION',
    ]);
    expect(t.getRow(1).getText()).toBe('North ridge\n3,120\n6.8\n−24%');
    expect(t.getText().split('\n')).toHaveLength(20);
    expect(t.getNextSibling().asParagraph().getText()).toMatch(/^Table 1\./);
    expect(t.getPreviousSibling().asParagraph().getText()).toMatch(/^Every site/);
  });

  it('throws Google’s texts for a wrong cast, an index past the end and a stranger child', () => {
    const { doc, body } = setup();
    const table = body.getChild(tableIndex(doc));
    expect(() => table.asParagraph()).toThrow('Cannot cast an element of type TABLE to Paragraph.');
    expect(() => table.asTable().getRow(5)).toThrow(
      'Child index (5) must be less than the number of child elements (5).',
    );
    expect(() => table.asTable().getCell(0, 4)).toThrow(
      'Child index (4) must be less than the number of child elements (4).',
    );
    expect(() => table.asTable().getChildIndex(body.getChild(0))).toThrow(
      'Element does not contain the specified child element.',
    );
  });

  it('counts cell paragraphs and cell images among the body’s, and its tables', () => {
    const { doc, body } = setup();
    const cell = body.getTables()[0]?.getCell(2, 0);
    cell?.getChild(0).asParagraph().appendInlineImage(pngBlob(12, 8));
    expect(body.getTables()).toHaveLength(1);
    expect(body.getParagraphs()).toHaveLength(sectionBlocks(doc, 'body').length);
    expect(body.getImages().map((image) => image.getWidth())).toEqual([12, 320]);
    expect(body.getListItems()).toHaveLength(6);
  });

  it('adds paragraphs and images inside a cell, and takes them out again', () => {
    const { doc, app, body } = setup();
    const cell = body.getChild(tableIndex(doc)).asTable().getCell(3, 1);
    const added = cell.insertParagraph(1, 'measured in July');
    expect(added.getParent().getType()).toBe(app.ElementType.TABLE_CELL);
    expect(cell.getNumChildren()).toBe(2);
    expect(cell.getText()).toBe('3,950\nmeasured in July');
    const image = cell.appendImage(pngBlob(20, 10));
    expect(ancestry(image).slice(0, 3)).toEqual(['INLINE_IMAGE', 'PARAGRAPH', 'TABLE_CELL']);
    added.removeFromParent();
    expect(cell.getNumChildren()).toBe(2);
    expect(() => cell.insertParagraph(9, 'x')).toThrow(
      'Index (9) must be less than or equal to the number of child elements (2).',
    );
  });

  it('makes tables from rows of strings, with a paragraph after one appended last', () => {
    const { doc, app, body } = setup(demoDoc());
    const count = body.getNumChildren();
    const table = body.appendTable([
      ['Plants', 'Animals'],
      ['Ficus', 'Goat'],
    ]);
    expect(table.getCell(1, 1).getText()).toBe('Goat');
    expect(body.getNumChildren()).toBe(count + 2);
    const after = body.getChild(count + 1);
    expect(after.getType()).toBe(app.ElementType.PARAGRAPH);
    expect(after.asParagraph().getText()).toBe('');
    expect(() => after.asParagraph().removeFromParent()).toThrow(
      "Can't remove the last paragraph in a document section.",
    );
    const empty = body.insertTable(0);
    expect(empty.getNumRows()).toBe(0);
    expect(doc.body[0]?.kind).toBe('table');
    expect(() => body.insertTable(1, table)).toThrow('Element must be detached.');
    table.removeFromParent();
    const again = body.insertTable(1, table);
    expect(again.getCell(0, 0).getText()).toBe('Plants');
    again.getCell(0, 0).getChild(0).asParagraph().setText('Trees');
    expect(table.getCell(0, 0).getText()).toBe('Plants');
  });

  it('reads a body with a table as Apps Script does: children one per line, cells and rows one per line', () => {
    // The sequence and the answer are the ones brucemcpherson/gas-fakes checks against live Apps Script
    // (test/testdocsnext.js, "Body.getText() with mixed elements").
    const doc = demoDoc();
    doc.body = [{ id: 'only', kind: 'paragraph', heading: 'NORMAL', children: [], positionedImages: [] }];
    const { body } = setup(doc);
    body.appendParagraph('First paragraph.');
    body.appendTable([
      ['R1C1', 'R1C2'],
      ['R2C1', 'R2C2'],
    ]);
    body.appendListItem('A list item.');
    body.appendParagraph('Final paragraph.');
    expect(body.getText()).toBe('\nFirst paragraph.\nR1C1\nR1C2\nR2C1\nR2C2\n\nA list item.\nFinal paragraph.');
    expect(body.appendTable().getText()).toBe('');
  });

  it('puts the cursor in a table cell and an image at it', () => {
    const { doc, app, document } = setup();
    doc.selection = { cursor: { section: 'body', blockId: 'r-table-3-1', offset: 5 }, range: null, imageId: null };
    const position = document.getCursor();
    if (!position) throw new Error('no cursor');
    expect(position.getElement().getType()).toBe(app.ElementType.TEXT);
    expect(position.getOffset()).toBe(5);
    expect(ancestry(position.getElement())).toContain('TABLE_CELL');
    const image = position.insertInlineImage(pngBlob(16, 12));
    expect(image.getParent().getParent().getType()).toBe(app.ElementType.TABLE_CELL);
    expect(block(doc, 'r-table-3-1').children.map((c) => c.kind)).toEqual(['text', 'image', 'text']);
  });
});

describe('footnotes', () => {
  it('are Footnote elements in their paragraph, with their contents in a FootnoteSection', () => {
    const { app, document } = setup();
    const footnotes = document.getFootnotes();
    expect(footnotes).toHaveLength(3);
    const [first] = footnotes;
    if (!first) throw new Error('no footnote');
    expect(first.getType()).toBe(app.ElementType.FOOTNOTE);
    const paragraph = first.getParent().asParagraph();
    expect(paragraph.getText()).toBe(
      'Every site on the new schedules used less water than the year before, the most at the sandy southern sites.',
    );
    expect(paragraph.getNumChildren()).toBe(3);
    expect(paragraph.getChildIndex(first)).toBe(1);
    expect(paragraph.getChild(1).asFootnote().getFootnoteContents().getText()).toMatch(/^Compared with/);
    const contents = first.getFootnoteContents();
    expect(contents.getType()).toBe(app.ElementType.FOOTNOTE_SECTION);
    expect(contents.getNumChildren()).toBe(1);
    expect(contents.getParagraphs()[0]?.getText()).toMatch(/^Compared with/);
    expect(first.getPreviousSibling().asText().getText()).toMatch(/year before$/);
    expect(first.getNextSibling().asText().getText()).toMatch(/^, the most/);
  });

  it('count as one position, so a caret just after the mark is at the start of the next text', () => {
    const { doc, app, document } = setup();
    const before = 'Every site on the new schedules used less water than the year before';
    doc.selection = {
      cursor: { section: 'body', blockId: 'r-water', offset: before.length + 1 },
      range: null,
      imageId: null,
    };
    const position = document.getCursor();
    if (!position) throw new Error('no cursor');
    expect(position.getElement().asText().getText()).toMatch(/^, the most/);
    expect(position.getOffset()).toBe(0);
    expect(position.getSurroundingTextOffset()).toBe(before.length);
    const image = position.insertInlineImage(pngBlob(8, 8));
    expect(image.getPreviousSibling().getType()).toBe(app.ElementType.FOOTNOTE);
    expect(block(doc, 'r-water').children.map((c) => c.kind)).toEqual(['text', 'footnote', 'image', 'text']);
  });

  it('refuse images in their contents: null at a caret there, an exception directly', () => {
    const { doc, document } = setup();
    doc.selection = { cursor: { section: 'footnote', blockId: 'r-fn-2', offset: 4 }, range: null, imageId: null };
    expect(document.getCursor()?.insertInlineImage(pngBlob(8, 8))).toBeNull();
    const paragraph = document.getFootnotes()[1]?.getFootnoteContents().getChild(0).asParagraph();
    expect(() => paragraph?.appendInlineImage(pngBlob(8, 8))).toThrow(
      'Inline images cannot be inserted into a footnote.',
    );
  });

  it('go with their mark, and a document saved before marks were modelled keeps its footnotes', () => {
    const { doc, document } = setup();
    document.getFootnotes()[0]?.removeFromParent();
    expect(doc.footnotes.map((f) => f.id)).toEqual(['r-fn-2', 'r-fn-3']);
    expect(block(doc, 'r-water').children.map((c) => c.kind)).toEqual(['text', 'text']);
    const old = setup(demoDoc()).document.getFootnotes();
    expect(old).toHaveLength(1);
    expect(old[0]?.getParent()).toBeNull();
    expect(old[0]?.getFootnoteContents().getText()).toMatch(/^Measured weekly/);
  });
});

describe('headers and footers', () => {
  it('hold their own paragraphs and images, apart from the body’s', () => {
    const { doc, app, document, body } = setup();
    const header = document.getHeader();
    expect(header.getType()).toBe(app.ElementType.HEADER_SECTION);
    expect(header.getImages().map((image) => image.getAltTitle())).toEqual(['Northwind Research logo']);
    expect(header.getText()).toMatch(/Annual field report 2025$/);
    expect(body.getImages().map((image) => image.getAltTitle())).toEqual(['The test plots at sunrise']);
    expect(document.getFooter().getText()).toMatch(/^Northwind Research · Draft/);
    doc.selection = { cursor: { section: 'header', blockId: 'r-h-1', offset: 3 }, range: null, imageId: null };
    expect(ancestry(document.getCursor()?.getElement() as Element)).toEqual(['TEXT', 'PARAGRAPH', 'HEADER_SECTION']);
    expect(body.getText()).not.toContain('Northwind Research');
  });
});

describe('horizontal rules and page breaks', () => {
  it('are elements of a paragraph, found with findElement in document order', () => {
    const { doc, app, body } = setup();
    const rule = body.findElement(elementType('HORIZONTAL_RULE'));
    expect(rule.getElement().getType()).toBe(app.ElementType.HORIZONTAL_RULE);
    expect(rule.isPartial()).toBe(false);
    expect(rule.getElement().asHorizontalRule().getParent().getType()).toBe(app.ElementType.PARAGRAPH);
    expect(body.getChildIndex(rule.getElement().getParent())).toBe(doc.body.findIndex((b) => b.id === 'r-rule'));
    const pageBreak = body.findElement(elementType('PAGE_BREAK'));
    expect(pageBreak.getElement().asPageBreak().getParent().asParagraph().getText()).toBe('');
    expect(body.findElement(elementType('PAGE_BREAK'), pageBreak)).toBeNull();
    const cells = body.findElement(elementType('TABLE_CELL'));
    const next = body.findElement(elementType('TABLE_CELL'), cells);
    expect(next.getElement().asTableCell().getText()).toBe('Water (m³/ha)');
    expect(() => rule.getElement().asPageBreak()).toThrow(
      'Cannot cast an element of type HORIZONTAL_RULE to PageBreak.',
    );
  });

  it('are added in a paragraph of their own by the body', () => {
    const { doc, app, body } = setup(demoDoc());
    const rule = body.appendHorizontalRule();
    const pageBreak = body.insertPageBreak(1);
    expect(rule.getParent().getType()).toBe(app.ElementType.PARAGRAPH);
    expect(body.getChildIndex(pageBreak.getParent())).toBe(1);
    const last = doc.body.at(-1);
    expect(last?.kind !== 'table' && last?.children.map((c) => c.kind)).toEqual(['horizontalRule']);
    expect(pageBreak.getParent().asParagraph().getText()).toBe('');
  });
});

describe('positioned images', () => {
  it('give their offsets in points, layout and size, and are not elements', () => {
    const { app, body, doc } = setup();
    const summary = body.getChild(doc.body.findIndex((b) => b.id === 'r-summary')).asParagraph();
    const [image] = summary.getPositionedImages();
    if (!image) throw new Error('no positioned image');
    expect([image.getLeftOffset(), image.getTopOffset()]).toEqual([324, 6]);
    expect(image.getLayout()).toBe(app.PositionedLayout.WRAP_TEXT);
    expect([image.getWidth(), image.getHeight()]).toEqual([144, 108]);
    expect(image.getBlob().getContentType()).toBe('image/png');
    expect(image.getParagraph().getText()).toBe(summary.getText());
    expect('getType' in image).toBe(false);
    image
      .setLeftOffset(10)
      .setTopOffset(20)
      .setLayout('BREAK_BOTH' as unknown as GoogleAppsScript.Document.PositionedLayout);
    expect(summary.getPositionedImage(image.getId()).getLeftOffset()).toBe(10);
    const added = summary.addPositionedImage(pngBlob(30, 20));
    expect([added.getLeftOffset(), added.getTopOffset(), added.getWidth()]).toEqual([0, 0, 30]);
    expect(summary.removePositionedImage(added.getId())).toBe(true);
    expect(summary.removePositionedImage(added.getId())).toBe(false);
    expect(body.getImages().some((i) => i.getWidth() === 144)).toBe(false);
  });
});

describe('a selection across a table', () => {
  it('gives the whole table as one element between the partial texts', () => {
    const { doc, app, document } = setup();
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'r-water', offset: 6 },
        end: { section: 'body', blockId: 'r-table-caption', offset: 8 },
      },
      imageId: null,
    };
    const elements = document.getSelection().getRangeElements();
    const types = elements.map((e) => String(e.getElement().getType()));
    expect(types).toEqual(['TEXT', 'FOOTNOTE', 'TEXT', 'TABLE', 'TEXT']);
    expect(elements[0]?.isPartial()).toBe(true);
    expect(elements[3]?.getElement().asTable().getNumRows()).toBe(5);
    expect(elements[4]?.getEndOffsetInclusive()).toBe(7);
    expect(app.ElementType.TABLE).toBe('TABLE');
  });

  it('gives the cells’ paragraphs when it ends inside the table', () => {
    const { doc, document } = setup();
    doc.selection = {
      cursor: null,
      range: {
        start: { section: 'body', blockId: 'r-table-1-1', offset: 0 },
        end: { section: 'body', blockId: 'r-table-2-2', offset: 3 },
      },
      imageId: null,
    };
    const elements = document.getSelection().getRangeElements();
    expect(elements.map((e) => String(e.getElement().getType()))).toEqual([
      'PARAGRAPH',
      'PARAGRAPH',
      'PARAGRAPH',
      'PARAGRAPH',
      'PARAGRAPH',
      'TEXT',
    ]);
    expect(flowBlocks(doc.body).findIndex((b) => b.id === 'r-table-2-2')).toBeGreaterThan(0);
  });
});

describe('editAsText', () => {
  it('reads a section, a table or a paragraph as one Text', () => {
    const { doc, app, body } = setup();
    expect(body.editAsText().getType()).toBe(app.ElementType.TEXT);
    expect(body.editAsText().getText()).toBe(body.getText());
    const table = body.getChild(tableIndex(doc)).asTable();
    expect(table.editAsText().getText()).toBe(table.getText());
    expect(body.getChild(0).asParagraph().editAsText().getText()).toBe('Annual Field Report 2025');
  });
});
