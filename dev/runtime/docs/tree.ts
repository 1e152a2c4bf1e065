/**
 * Offsets and edits on the model's blocks. A block's offsets count characters across its children with an
 * inline image counting as one, as the model's DocPoint does.
 */
import type { BlockState, DocPoint, DocSection, DocumentState, InlineState, TableState, TextRun } from '../model';
import { newId } from '../slides/shared';
import { SECTIONS, sectionBlocks } from './flow';

/** A text run counts its characters; an image, a footnote reference, a rule or a page break one position. */
export function childSize(child: InlineState): number {
  return child.kind === 'text' ? child.text.length : 1;
}

export function blockLength(block: BlockState): number {
  return block.children.reduce((sum, child) => sum + childSize(child), 0);
}

/** The offset at which child `index` starts (the block's length past the last child). */
export function childStart(block: BlockState, index: number): number {
  let offset = 0;
  for (const child of block.children.slice(0, index)) offset += childSize(child);
  return offset;
}

/** The block's text as Paragraph.getText() gives it: text runs only. */
export function blockText(block: BlockState): string {
  return block.children.map((child) => (child.kind === 'text' ? child.text : '')).join('');
}

/** Characters of text before a block offset, images not counted (Position.getSurroundingTextOffset). */
export function textOffset(block: BlockState, offset: number): number {
  let remaining = offset;
  let count = 0;
  for (const child of block.children) {
    if (remaining <= 0) break;
    const size = Math.min(childSize(child), remaining);
    if (child.kind === 'text') count += size;
    remaining -= size;
  }
  return count;
}

export { SECTIONS, sectionBlocks, sectionFlow } from './flow';

export function findBlock(doc: DocumentState, section: DocSection, id: string): BlockState | undefined {
  return sectionBlocks(doc, section).find((block) => block.id === id);
}

export function newBlock(kind: BlockState['kind'], text: string): BlockState {
  return {
    id: newId('kix.'),
    kind,
    heading: 'NORMAL',
    children: text === '' ? [] : [{ kind: 'text', text }],
    positionedImages: [],
  };
}

/** A table of `cells[row][column]`, each cell one paragraph of that text, as Body.appendTable(cells) makes it. */
export function newTable(cells: readonly (readonly string[])[]): TableState {
  return {
    kind: 'table',
    id: newId('kix.'),
    rows: cells.map((row) => ({
      id: newId('kix.'),
      cells: row.map((text) => ({ id: newId('kix.'), blocks: [newBlock('paragraph', String(text))] })),
    })),
  };
}

/**
 * Puts an inline child at a block offset, splitting a text run when the offset falls inside one, and moves the
 * user's caret and selection past it as the editor does for content inserted where they are. Returns the
 * child's index.
 */
export function insertAt(doc: DocumentState, block: BlockState, offset: number, node: InlineState): number {
  let start = 0;
  let index = block.children.length;
  for (let i = 0; i < block.children.length; i++) {
    const child = block.children[i] as InlineState;
    const end = start + childSize(child);
    if (offset <= start) {
      index = i;
      break;
    }
    if (offset < end && child.kind === 'text') {
      const tail: TextRun = { kind: 'text', text: child.text.slice(offset - start) };
      child.text = child.text.slice(0, offset - start);
      block.children.splice(i + 1, 0, tail);
      index = i + 1;
      break;
    }
    start = end;
  }
  block.children.splice(index, 0, node);
  shiftPoints(doc, block, childStart(block, index), childSize(node));
  return index;
}

function points(doc: DocumentState): DocPoint[] {
  const selection = doc.selection;
  const all: DocPoint[] = [];
  if (selection.cursor) all.push(selection.cursor);
  if (selection.range) all.push(selection.range.start, selection.range.end);
  return all;
}

/** Content of `delta` characters appeared (or, negative, went) at `at` in the block. */
export function shiftPoints(doc: DocumentState, block: BlockState, at: number, delta: number): void {
  for (const point of points(doc)) {
    if (point.blockId !== block.id || point.offset < at) continue;
    point.offset = delta >= 0 ? point.offset + delta : Math.max(at, point.offset + delta);
  }
}

/**
 * After an edit: a selection whose block is gone is dropped, offsets past a block's end are pulled back, and a
 * selected image that no longer exists is deselected.
 */
export function settleSelection(doc: DocumentState): void {
  const selection = doc.selection;
  const valid = (point: DocPoint): boolean => {
    const block = findBlock(doc, point.section, point.blockId);
    if (!block) return false;
    point.offset = Math.min(point.offset, blockLength(block));
    return true;
  };
  if (selection.cursor && !valid(selection.cursor)) selection.cursor = null;
  if (selection.range && !(valid(selection.range.start) && valid(selection.range.end))) selection.range = null;
  if (selection.imageId !== null && !imageExists(doc, selection.imageId)) selection.imageId = null;
}

function imageExists(doc: DocumentState, id: string): boolean {
  return SECTIONS.some((section) =>
    sectionBlocks(doc, section).some(
      (block) =>
        block.children.some((child) => child.kind === 'image' && child.id === id) ||
        block.positionedImages.some((image) => image.id === id),
    ),
  );
}
