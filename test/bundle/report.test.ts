/**
 * Peel on a document as real ones are (the long report: a table, footnotes, a header with a logo, a footer, a
 * rule, a page break, a positioned image), through the real dist/Code.js in the local runtime: an image inserted
 * at a cursor in a table cell, by a footnote mark or under a heading stays where the cursor was, in a paragraph
 * of its own beside the one clicked (never splitting its sentence); the header and
 * footnotes get a sentence and nothing billed; a selection across the table inserts after it and reads its
 * words; the pictures Peel offers are the body's, never the header's logo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionBlocks } from '../../dev/runtime/docs/flow';
import type { BlockState, DocPoint, DocumentState, InlineState, TableState } from '../../dev/runtime/model';
import { demoReport } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import type {
  ApplyDone,
  DocumentImage,
  IllustratePrompt,
  ImageDelivered,
  InsertResult,
  Target,
  ThreadView,
} from '../../src/shared/rpc';
import { documentShape } from './doc-shape';
import { type Bundle, scriptRun, startBundle } from './harness';

const USER = 'ada@example.com';
/** The report's table: four columns sharing the 468-point text column, 5 points of padding each side. */
const CELL_ROOM = 468 / 4 - 10;

let bundle: Bundle;
const { call, result } = scriptRun(() => bundle.runtime, USER);

beforeAll(async () => {
  bundle = await startBundle(demoReport());
  await call('saveApiKey', ['AIzaSyPeelReportKey0123456789abcdefghij']);
});

afterAll(async () => {
  await bundle?.close();
});

function live(): DocumentState {
  return bundle.runtime.world.document as DocumentState;
}

function block(id: string): BlockState {
  const found = [...sectionBlocks(live(), 'body'), ...sectionBlocks(live(), 'header')].find((b) => b.id === id);
  if (!found) throw new Error(`The report changed: no block ${id}`);
  return found;
}

function table(): TableState {
  const found = live().body.find((item) => item.kind === 'table');
  if (found?.kind !== 'table') throw new Error('The report changed: no table');
  return found;
}

function kinds(children: readonly InlineState[]): string[] {
  return children.map((child) => child.kind);
}

function textOf(b: BlockState): string {
  return b.children.map((child) => (child.kind === 'text' ? child.text : '')).join('');
}

function cursorAt(point: DocPoint): void {
  live().selection = { cursor: point, range: null, imageId: null };
}

function select(start: DocPoint, end: DocPoint): void {
  live().selection = { cursor: null, range: { start, end }, imageId: null };
}

function generateRequests(): number {
  return bundle.emulator.requests.filter((r) => r.path.includes(':generateContent')).length;
}

/** Generate (reading the selection itself, as the sidebar asks) and Insert, as the sidebar does. */
async function generateAndInsert(): Promise<InsertResult> {
  const made = await call<ImageDelivered>('generateImage', [
    { prompt: 'Rows of crops at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K', selection: 'fit' },
  ]);
  return call<InsertResult>('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
}

describe('Docs inserts on a real report', () => {
  /** The picture in the paragraph a cursor's insert added to the first cell of the table's row `row`. */
  const cellPicture = (row: number) => {
    const added = table().rows[row]?.cells[0]?.blocks[1];
    const image = added?.kind !== 'table' ? added?.children.find((c) => c.kind === 'image') : undefined;
    if (image?.kind !== 'image') throw new Error('No picture in the cell');
    return image;
  };

  it('puts the image at a cursor in a table cell inside that cell, after the words clicked, not between them', async () => {
    const rows = table().rows.length;
    cursorAt({ section: 'body', blockId: 'r-table-3-1', offset: 5 });
    const target = await call<Target>('getTarget', []);
    expect(target).toMatchObject({ kind: 'cursor', label: 'After this paragraph', canInsert: true });
    const inserted = await generateAndInsert();
    expect(inserted.label).toBe('After this paragraph');
    const cell = block('r-table-3-1');
    expect(kinds(cell.children)).toEqual(['text']);
    expect(textOf(cell)).toBe('River flats');
    expect(table().rows).toHaveLength(rows);
    const blocks = table().rows[2]?.cells[0]?.blocks ?? [];
    expect(blocks.map((b) => b.kind !== 'table' && kinds(b.children))).toEqual([['text'], ['image']]);
    // As wide as the cell's room (a quarter of the 468-point column, less 5 points of padding a side), no wider.
    expect(cellPicture(2).width).toBe(CELL_ROOM);
  });

  it('never splits a sentence: a cursor mid-sentence leaves the paragraph’s words whole, the picture after it', async () => {
    const intro = block('r-intro');
    const words = textOf(intro);
    cursorAt({ section: 'body', blockId: 'r-intro', offset: words.indexOf('measured') });
    const inserted = await generateAndInsert();
    expect(inserted.label).toBe('After this paragraph');
    expect(kinds(block('r-intro').children)).toEqual(['text']);
    expect(textOf(block('r-intro'))).toBe(words);
    const next = live().body[live().body.findIndex((b) => b.id === 'r-intro') + 1];
    expect(next?.kind !== 'table' && kinds(next?.children ?? [])).toEqual(['image']);
    expect(next?.kind !== 'table' && next?.alignment).toBe('CENTER');
    expect(live().body[live().body.findIndex((b) => b.id === 'r-intro') + 2]?.id).toBe('r-summary-h');
  });

  it('puts the image in an empty paragraph the cursor is in: a line left for it', async () => {
    const index = live().body.findIndex((b) => b.id === 'r-appendix');
    live().body.splice(index + 1, 0, {
      id: 'r-blank',
      kind: 'paragraph',
      heading: 'NORMAL',
      children: [],
      positionedImages: [],
    });
    cursorAt({ section: 'body', blockId: 'r-blank', offset: 0 });
    const count = live().body.length;
    const inserted = await generateAndInsert();
    expect(inserted.label).toBe('At the cursor');
    expect(live().body).toHaveLength(count);
    expect(kinds(block('r-blank').children)).toEqual(['image']);
  });

  it('puts the image after a paragraph selected in a cell in a new paragraph of that cell', async () => {
    select(
      { section: 'body', blockId: 'r-table-4-1', offset: 0 },
      { section: 'body', blockId: 'r-table-4-1', offset: 5 },
    );
    const inserted = await generateAndInsert();
    expect(inserted.label).toBe('After the selected paragraph');
    const cell = table().rows[3]?.cells[0];
    expect(cell?.blocks.map((b) => b.kind !== 'table' && kinds(b.children))).toEqual([['text'], ['image']]);
    const added = cell?.blocks[1];
    expect(added?.kind !== 'table' && added?.alignment).toBe('CENTER');
    const image = added?.kind !== 'table' ? added?.children[0] : undefined;
    expect(image?.kind === 'image' && image.width).toBe(CELL_ROOM);
  });

  it('puts the image after the paragraph of a cursor by a footnote mark and keeps every footnote with its mark', async () => {
    const before = 'Every site on the new schedules used less water than the year before';
    cursorAt({ section: 'body', blockId: 'r-water', offset: before.length + 1 });
    await generateAndInsert();
    expect(kinds(block('r-water').children)).toEqual(['text', 'footnote', 'text']);
    expect(textOf(block('r-water'))).toBe(`${before}, the most at the sandy southern sites.`);
    const next = live().body[live().body.findIndex((b) => b.id === 'r-water') + 1];
    expect(next?.kind !== 'table' && kinds(next?.children ?? [])).toEqual(['image']);
    expect(live().footnotes.map((f) => f.id)).toEqual(['r-fn-1', 'r-fn-2', 'r-fn-3']);
    const marks = sectionBlocks(live(), 'body').flatMap((b) =>
      b.children.flatMap((c) => (c.kind === 'footnote' ? [c.footnoteId] : [])),
    );
    expect(marks).toEqual(['r-fn-1', 'r-fn-2', 'r-fn-3']);
  });

  it('puts the image before the paragraph whose start the cursor is at, under the heading, not in either', async () => {
    cursorAt({ section: 'body', blockId: 'r-soil', offset: 0 });
    expect((await generateAndInsert()).label).toBe('Before this paragraph');
    expect(kinds(block('r-soil').children)).toEqual(['text', 'footnote', 'text']);
    expect(kinds(block('r-soil-h').children)).toEqual(['text']);
    const heading = live().body.findIndex((b) => b.id === 'r-soil-h');
    const between = live().body[heading + 1];
    expect(between?.kind !== 'table' && kinds(between?.children ?? [])).toEqual(['image']);
    expect(live().body[heading + 2]?.id).toBe('r-soil');
  });

  it.each([
    ['the header', { section: 'header', blockId: 'r-h-1', offset: 4 }, /header or footer/],
    ['the footer', { section: 'footer', blockId: 'r-f-1', offset: 4 }, /header or footer/],
    ['a footnote', { section: 'footnote', blockId: 'r-fn-2', offset: 4 }, /footnote/],
  ] as const)('says why no image goes in %s, and sends and bills nothing', async (_where, point, sentence) => {
    const made = await call<ImageDelivered>('generateImage', [
      { prompt: 'A map', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K' },
    ]);
    cursorAt({ ...point });
    const target = await call<Target>('getTarget', []);
    expect(target.canInsert).toBe(false);
    expect(target.problem).toMatch(sentence);
    const sent = generateRequests();
    const refused = await result('generateImage', [
      { prompt: 'A map', model: DEFAULT_MODEL_ID, aspectRatio: '4:3', imageSize: '1K', selection: 'fit' },
    ]);
    expect(refused.ok ? null : refused.error.code).toBe('UNSUPPORTED_SELECTION');
    expect(generateRequests()).toBe(sent);
    const before = documentShape(live());
    const insert = await result('insertImage', [{ imageId: made.image.id, mode: 'insert' }]);
    expect(insert.ok ? null : insert.error.code).toBe('UNSUPPORTED_SELECTION');
    expect(insert.ok ? '' : insert.error.detail).toMatch(sentence);
    expect(documentShape(live())).toEqual(before);
  });

  it('reads the words of a selection across the table, never the header’s or footer’s', async () => {
    select(
      { section: 'body', blockId: 'r-water-h', offset: 0 },
      { section: 'body', blockId: 'r-table-caption', offset: 8 },
    );
    const prompt = await call<IllustratePrompt>('composeIllustratePrompt', [{ includeNotes: false }]);
    expect(prompt.prompt).toContain('Water use');
    expect(prompt.prompt).toContain('North ridge');
    expect(prompt.prompt).toContain('East terraces');
    expect(prompt.prompt).toContain('Table 1.');
    expect(prompt.prompt).not.toContain('Northwind');
    expect(prompt.prompt).not.toContain('Compared with');
  });

  it('inserts after a table the selection ends with, in the body, as a centred paragraph of its own', async () => {
    const lastCell = table().rows.at(-1)?.cells.at(-1)?.blocks[0];
    if (!lastCell || lastCell.kind === 'table') throw new Error('The report changed: no last cell');
    select(
      { section: 'body', blockId: 'r-water', offset: 0 },
      { section: 'body', blockId: lastCell.id, offset: textOf(lastCell).length },
    );
    const target = await call<Target>('getTarget', []);
    expect(target.label).toBe('After the selected table');
    const inserted = await generateAndInsert();
    expect(inserted.label).toBe('After the selected table');
    const index = live().body.indexOf(table());
    const after = live().body[index + 1];
    expect(after?.kind !== 'table' && kinds(after?.children ?? [])).toEqual(['image']);
    expect(after?.kind !== 'table' && after?.alignment).toBe('CENTER');
    const image = after?.kind !== 'table' ? after?.children[0] : undefined;
    expect(image?.kind === 'image' && image.width).toBe(468);
    expect(live().body[index + 2]?.id).toBe('r-table-caption');
  });

  it('edits the picture in a table cell in place: it stays in its cell, at its width, on its thread', async () => {
    const before = cellPicture(2);
    const holder = table().rows[2]?.cells[0]?.blocks[1];
    if (!holder || holder.kind === 'table') throw new Error('The first test put no picture in the cell');
    live().selection = { cursor: null, range: null, imageId: before.id };
    const target = await call<Target>('getTarget', []);
    expect(target).toMatchObject({ kind: 'image', canReplace: true });
    const ref = target.image?.ref ?? '';
    const edited = await call<ImageDelivered>('editImage', [
      { ref, instruction: 'Make it dusk', model: DEFAULT_MODEL_ID, aspectRatio: null, imageSize: '1K', quick: null },
    ]);
    const applied = await call<ApplyDone>('applyEdit', [{ imageId: edited.image.id, keepAltDescription: true }]);
    const after = block(holder.id).children.filter((c) => c.kind === 'image');
    expect(after).toHaveLength(1);
    expect(after[0]?.kind === 'image' && after[0].width).toBe(CELL_ROOM);
    expect(after[0]?.kind === 'image' && after[0].image.base64).not.toBe(before.image.base64);
    expect(kinds(block('r-table-3-1').children)).toEqual(['text']);
    expect(table().rows[2]?.cells[0]?.blocks[1]?.id).toBe(holder.id);
    const thread = await call<ThreadView>('getThread', [applied.ref]);
    expect(thread.turns.map((t) => t.kind)).toEqual(['new', 'edit']);
  });

  it('offers the body’s pictures, those in table cells included, never the header logo or a floating one', async () => {
    const images = await call<DocumentImage[]>('listDocumentImages', []);
    const ids = sectionBlocks(live(), 'body').flatMap((b) =>
      b.children.flatMap((c) => (c.kind === 'image' ? [c.id] : [])),
    );
    expect(images).toHaveLength(ids.length);
    expect(images.map((i) => i.altTitle)).toContain('The test plots at sunrise');
    expect(images.map((i) => i.altTitle)).not.toContain('Northwind Research logo');
    // The picture inserted in a table cell is reachable by its ref, through the table's rows and cells.
    const inCell = images[ids.indexOf(cellPicture(2).id)];
    expect(inCell?.ref).toMatch(/^d:/);
    const taken = await result('takeDocumentImage', [inCell?.ref]);
    expect(taken.ok).toBe(true);
  });
});
