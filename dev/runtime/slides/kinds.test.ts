/**
 * What real decks hold beyond shapes and pictures, against Google's reference: transforms (the box "when the
 * element has no rotation", the AffineTransform and inherent size), tables and their merged cells, groups and
 * their members, lines, charts, videos, word art, fills, outlines and links, and the selections a person makes
 * among them (table cells, text in a cell, a group's member).
 */
import { describe, expect, it } from 'vitest';
import type { DeckState, PageElementState } from '../model';
import { pitchDeck, shape } from '../seed';
import { emptyUiLog } from '../world';
import { createSlidesApp } from './index';
import { drawnBounds } from './transform';

function setup(deck: DeckState = pitchDeck()) {
  const app = createSlidesApp({ document: deck, ui: emptyUiLog(), authMode: 'FULL' });
  return { deck, app, presentation: app.getActivePresentation() };
}

function element(presentation: GoogleAppsScript.Slides.Presentation, id: string): GoogleAppsScript.Slides.PageElement {
  const found = presentation.getPageElementById(id);
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

function stored(deck: DeckState, id: string): PageElementState {
  const walk = (list: readonly PageElementState[]): PageElementState | undefined =>
    list.reduce<PageElementState | undefined>(
      (hit, e) => hit ?? (e.objectId === id ? e : e.kind === 'group' ? walk(e.children) : undefined),
      undefined,
    );
  const hit = deck.slides.map((s) => walk(s.elements)).find(Boolean);
  if (!hit) throw new Error(`no element ${id}`);
  return hit;
}

const numbers = (t: GoogleAppsScript.Slides.AffineTransform) =>
  [t.getScaleX(), t.getShearX(), t.getShearY(), t.getScaleY(), t.getTranslateX(), t.getTranslateY()].map(
    (n) => Math.round(n * 1e6) / 1e6 + 0,
  );

describe('transforms: the box when the element has no rotation, and the AffineTransform', () => {
  it('keeps left, top, width and height through a rotation, as the guide logs them', () => {
    // The guide's example: setLeft(100).setTop(200).setWidth(50).setHeight(60).setRotation(90) logs
    // "Left: 100pt; Top: 200pt; Width: 50pt; Height: 60pt; Rotation: 90 degrees."
    const { deck, presentation } = setup();
    deck.slides[0]?.elements.push(shape('rect', 'NONE', [0, 0, 10, 10], '', 'RECTANGLE'));
    const rect = element(presentation, 'rect').asShape();
    rect.setLeft(100).setTop(200).setWidth(50).setHeight(60).setRotation(90);
    expect([rect.getLeft(), rect.getTop(), rect.getWidth(), rect.getHeight(), rect.getRotation()]).toEqual([
      100, 200, 50, 60, 90,
    ]);
    // Its inherent size was 10 × 10: scaled 5 × 6, then turned a quarter clockwise about (125, 230).
    expect(rect.getInherentWidth()).toBe(10);
    expect(numbers(rect.getTransform())).toEqual([0, -6, 5, 0, 155, 205]);
    // As drawn it covers 60 × 50 about the same centre.
    expect(drawnBounds(stored(deck, 'rect'))).toEqual({ left: 95, top: 205, width: 60, height: 50 });
  });

  it('answers an element inserted at its size with scale 1 and its position as the translation', () => {
    const { presentation } = setup();
    const title = element(presentation, 'p2-title');
    expect(numbers(title.getTransform())).toEqual([1, 0, 0, 1, 36, 22]);
    expect(title.getRotation()).toBe(0);
  });

  it('sets a transform and reads the same one back, a flip as a negative scale', () => {
    const { app, presentation } = setup();
    const callout = element(presentation, 'p3-callout').asShape();
    expect(callout.getRotation()).toBe(350);
    const before = numbers(callout.getTransform());
    callout.setTransform(callout.getTransform());
    expect(numbers(callout.getTransform())).toEqual(before);

    const mirror = app
      .newAffineTransformBuilder()
      .setScaleX(-2)
      .setScaleY(1)
      .setTranslateX(300)
      .setTranslateY(50)
      .build();
    callout.setTransform(mirror);
    // Inherent 190 × 70, scaled by 2 and mirrored: x runs from 300 leftwards to -80.
    expect([callout.getLeft(), callout.getTop(), callout.getWidth(), callout.getHeight()]).toEqual([-80, 50, 380, 70]);
    expect(callout.getRotation()).toBe(0);
    expect(numbers(callout.getTransform())).toEqual([-2, 0, 0, 1, 300, 50]);
  });

  it('mirrors with a negative scaleWidth and keeps the box', () => {
    const { presentation } = setup();
    const video = element(presentation, 'p5-video').asVideo();
    video.scaleWidth(-1);
    expect([video.getLeft(), video.getWidth()]).toEqual([36, 400]);
    expect(numbers(video.getTransform())).toEqual([-1, 0, 0, 1, 436, 92]);
    video.scaleHeight(0.5);
    expect(video.getHeight()).toBe(112.5);
  });

  it('gives a picture its pixels at 96 per inch as its inherent size', () => {
    const { presentation } = setup();
    const mark = element(presentation, 'p3-logo-mark').asImage();
    expect([mark.getInherentWidth(), mark.getInherentHeight()]).toEqual([120, 75]);
    expect(numbers(mark.getTransform()).slice(0, 4)).toEqual([0.4, 0, 0, 0.4]);
  });
});

describe('tables', () => {
  it('reads rows, columns and cells, and refuses a cell outside the table', () => {
    const { presentation } = setup();
    const table = element(presentation, 'p2-table').asTable();
    expect(String(element(presentation, 'p2-table').getPageElementType())).toBe('TABLE');
    expect([table.getNumRows(), table.getNumColumns()]).toEqual([5, 4]);
    expect(table.getCell(1, 3).getText().asString()).toBe('9,300\n');
    expect(table.getRow(2).getCell(0).getText().asString()).toBe('Revenue\n');
    expect(table.getColumn(1).getWidth()).toBe(100);
    expect(() => table.getCell(5, 0)).toThrow(/out of bounds/);
    expect(() => element(presentation, 'p2-title').asTable()).toThrow('The page element is not a table.');
  });

  it('reports merged cells: the head, the cells it covers, and their head cell', () => {
    const { presentation } = setup();
    const table = element(presentation, 'p2-table').asTable();
    const head = table.getCell(4, 0);
    const covered = table.getCell(4, 2);
    const plain = table.getCell(1, 1);
    expect(String(head.getMergeState())).toBe('HEAD');
    expect(String(covered.getMergeState())).toBe('MERGED');
    expect(String(plain.getMergeState())).toBe('NORMAL');
    expect(head.getColumnSpan()).toBe(4);
    // "Returns null if the cell is not merged or if it is the head cell."
    expect(head.getHeadCell()).toBeNull();
    expect(plain.getHeadCell()).toBeNull();
    expect([covered.getHeadCell()?.getRowIndex(), covered.getHeadCell()?.getColumnIndex()]).toEqual([4, 0]);
    expect(covered.getParentTable().getObjectId()).toBe('p2-table');
  });

  it('hands back what holds a view: a table’s page, and the table of a cell, a row and a column', () => {
    const { presentation } = setup();
    const table = element(presentation, 'p2-table').asTable();
    const page = table.getParentPage();
    expect(page.getObjectId()).toBe('pitch-2');
    expect(page.getTables().map((t) => t.getObjectId())).toEqual(['p2-table']);
    const cell = table.getCell(1, 3);
    const parents = [cell.getParentTable(), table.getRow(2).getParentTable(), table.getColumn(1).getParentTable()];
    expect(parents.map((t) => [t.getObjectId(), t.getNumRows(), t.getCell(1, 3).getText().asString()])).toEqual([
      ['p2-table', 5, '9,300\n'],
      ['p2-table', 5, '9,300\n'],
      ['p2-table', 5, '9,300\n'],
    ]);
    expect(cell.getParentRow().getParentTable().getParentPage().getObjectId()).toBe('pitch-2');
  });

  it('selects cells (TABLE_CELL) with the table as the selected page element', () => {
    const { deck, presentation } = setup();
    deck.selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: null,
      cells: {
        elementId: 'p2-table',
        cells: [
          { row: 1, column: 1 },
          { row: 1, column: 2 },
        ],
      },
    };
    const selection = presentation.getSelection();
    expect(String(selection.getSelectionType())).toBe('TABLE_CELL');
    expect(
      selection
        .getTableCellRange()
        .getTableCells()
        .map((c) => c.getText().asString()),
    ).toEqual(['2,100\n', '4,800\n']);
    expect(
      selection
        .getPageElementRange()
        .getPageElements()
        .map((e) => e.getObjectId()),
    ).toEqual(['p2-table']);
    expect(selection.getTextRange()).toBeNull();
  });

  it('selects text in a cell (TEXT), and TextRange.select puts the cursor there', () => {
    const { deck, presentation } = setup();
    deck.selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: { elementId: 'p2-table', start: 0, end: 3, cell: { row: 2, column: 0 } },
    };
    const selection = presentation.getSelection();
    expect(String(selection.getSelectionType())).toBe('TEXT');
    expect(selection.getTextRange().asString()).toBe('Rev');
    expect(selection.getTableCellRange().getTableCells()[0]?.getRowIndex()).toBe(2);
    expect(selection.getPageElementRange().getPageElements()[0]?.getObjectId()).toBe('p2-table');

    const cell = element(presentation, 'p2-table').asTable().getCell(3, 3);
    cell.getText().getRange(1, 2).select();
    expect(deck.selection.text).toEqual({ elementId: 'p2-table', start: 1, end: 2, cell: { row: 3, column: 3 } });
    expect(presentation.getSelection().getTextRange().asString()).toBe('0');
  });
});

describe('groups', () => {
  it('holds its members, is sized to them, and each member knows its group', () => {
    const { presentation } = setup();
    const logo = element(presentation, 'p3-logo');
    expect(String(logo.getPageElementType())).toBe('GROUP');
    const group = logo.asGroup();
    expect(group.getChildren().map((c) => c.getObjectId())).toEqual(['p3-logo-mark', 'p3-logo-word']);
    expect([group.getLeft(), group.getTop(), group.getWidth(), group.getHeight()]).toEqual([560, 26, 124, 38]);
    expect(group.getChildren()[1]?.getParentGroup().getObjectId()).toBe('p3-logo');
    expect(logo.getParentGroup()).toBeNull();
    // The slide's own elements do not list the members.
    const slide = presentation.getSlideById('pitch-3');
    expect(slide?.getPageElements().map((e) => e.getObjectId())).not.toContain('p3-logo-mark');
  });

  it('covers a turned member as drawn, and follows a member that moves', () => {
    const { deck, presentation } = setup();
    const word = element(presentation, 'p3-logo-word');
    word.asShape().setRotation(90);
    // 70 × 38 about (649, 45) turned a quarter: 38 × 70.
    expect(drawnBounds(stored(deck, 'p3-logo-word'))).toEqual({ left: 630, top: 10, width: 38, height: 70 });
    const group = element(presentation, 'p3-logo').asGroup();
    expect([group.getLeft(), group.getTop(), group.getWidth(), group.getHeight()]).toEqual([560, 10, 108, 70]);
    // The JSON the workbench draws carries the same box.
    expect(stored(deck, 'p3-logo')).toMatchObject({ left: 560, top: 10, width: 108, height: 70 });
  });

  it('moves its members when it moves', () => {
    const { presentation } = setup();
    const group = element(presentation, 'p3-logo').asGroup();
    group.setLeft(500).setTop(300);
    const mark = element(presentation, 'p3-logo-mark');
    expect([mark.getLeft(), mark.getTop()]).toEqual([500, 304]);
    expect([group.getLeft(), group.getTop()]).toEqual([500, 300]);
  });

  it('selects a member on its own (PAGE_ELEMENT), as a click into the group does', () => {
    const { deck, presentation } = setup();
    element(presentation, 'p3-logo-mark').select();
    expect(deck.selection).toMatchObject({ pageId: 'pitch-3', elementIds: ['p3-logo-mark'] });
    const selection = presentation.getSelection();
    expect(String(selection.getSelectionType())).toBe('PAGE_ELEMENT');
    const [picked] = selection.getPageElementRange().getPageElements();
    expect(String(picked?.getPageElementType())).toBe('IMAGE');
    expect(picked?.getParentGroup().getObjectId()).toBe('p3-logo');
  });
});

describe('lines, charts, videos and word art', () => {
  it('runs a mirrored line from its box’s top-right corner to its bottom-left one', () => {
    const { presentation } = setup();
    const arrow = element(presentation, 'p4-arrow').asLine();
    expect(String(arrow.getLineCategory())).toBe('STRAIGHT');
    expect(String(arrow.getEndArrow())).toBe('FILL_ARROW');
    expect(String(arrow.getStartArrow())).toBe('NONE');
    expect([arrow.getStart().getX(), arrow.getStart().getY()]).toEqual([556, 130]);
    expect([arrow.getEnd().getX(), arrow.getEnd().getY()]).toEqual([420, 180]);
    expect(arrow.getWeight()).toBe(2);
    expect(arrow.getLineFill().getSolidFill().getColor().asRgbColor().asHexString()).toBe('#e4572e');
  });

  it('gives a horizontal line a height of 0', () => {
    const { deck, presentation } = setup();
    deck.slides[3]?.elements.push({
      kind: 'line',
      objectId: 'rule',
      left: 36,
      top: 360,
      width: 600,
      height: 0,
      title: '',
      description: '',
      category: 'STRAIGHT',
    });
    const rule = element(presentation, 'rule').asLine();
    expect([rule.getHeight(), rule.getEnd().getY(), rule.getInherentHeight()]).toEqual([0, 360, 0]);
    expect(numbers(rule.getTransform())).toEqual([1, 0, 0, 1, 36, 360]);
  });

  it('reads a chart’s ids, a video’s source and word art’s text', () => {
    const { presentation } = setup();
    const chart = element(presentation, 'p4-chart').asSheetsChart();
    expect([chart.getChartId(), chart.getSpreadsheetId(), String(chart.getEmbedType())]).toEqual([
      1843290,
      '1LoopFinanceModel',
      'IMAGE',
    ]);
    const video = element(presentation, 'p5-video').asVideo();
    expect([String(video.getSource()), video.getVideoId()]).toEqual(['YOUTUBE', 'dQw4w9WgXcQ']);
    expect(video.getUrl()).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(element(presentation, 'p1-wordart').asWordArt().getRenderedText()).toBe('LOOP');
    expect(String(element(presentation, 'p5-video').getPageElementType())).toBe('VIDEO');
    expect(() => element(presentation, 'p5-video').asImage()).toThrow('The page element is not an image.');
  });
});

describe('fills, outlines, links and text selection', () => {
  it('reads a solid fill and an outline; a text box has neither', () => {
    const { presentation } = setup();
    const callout = element(presentation, 'p3-callout').asShape();
    expect(String(callout.getFill().getType())).toBe('SOLID');
    expect(callout.getFill().getSolidFill().getColor().asRgbColor().asHexString()).toBe('#f3a712');
    expect(callout.getFill().getSolidFill().getAlpha()).toBe(1);
    expect([callout.getBorder().isVisible(), callout.getBorder().getWeight()]).toEqual([true, 2]);
    const title = element(presentation, 'p3-title').asShape();
    expect(String(title.getFill().getType())).toBe('NONE');
    // "Get the solid fill of this background, or null if the fill type is not FillType.SOLID."
    expect(title.getFill().getSolidFill()).toBeNull();
    expect(title.getBorder().isVisible()).toBe(false);
  });

  it('links a shape to a URL and removes the link', () => {
    const { presentation } = setup();
    const callout = element(presentation, 'p3-callout').asShape();
    expect(callout.getLink()?.getUrl()).toBe('https://example.com/pricing');
    expect(String(callout.getLink()?.getLinkType())).toBe('URL');
    callout.removeLink();
    expect(callout.getLink()).toBeNull();
    expect(callout.setLinkUrl('https://example.com/').getUrl()).toBe('https://example.com/');
    expect(() => callout.setLinkUrl('')).toThrow('Invalid argument: url');
  });

  it('selects a shape’s text with TextRange.select, making its slide current', () => {
    const { deck, presentation } = setup();
    element(presentation, 'p3-body').asShape().getText().getRange(0, 6).select();
    expect(deck.selection).toMatchObject({
      pageId: 'pitch-3',
      elementIds: ['p3-body'],
      text: { elementId: 'p3-body', start: 0, end: 6 },
    });
    expect(presentation.getSelection().getTextRange().asString()).toBe('Single');
    const notes = presentation.getSlideById('pitch-3')?.getNotesPage().getSpeakerNotesShape().getText();
    expect(() => notes?.select()).toThrow();
  });
});
