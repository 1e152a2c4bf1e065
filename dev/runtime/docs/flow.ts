/**
 * Walking a section's flow: its paragraphs and list items, and the tables among them with their cells' own
 * flow. Pure functions of the model (no Apps Script, no ids made), so the workbench page draws with them too.
 */
import type {
  BlockState,
  DocSection,
  DocumentState,
  FlowState,
  TableCellState,
  TableRowState,
  TableState,
} from '../model';

export const SECTIONS: readonly DocSection[] = ['body', 'header', 'footer', 'footnote'];

/** A section's top-level flow; a footnote section is the one block of each footnote. */
export function sectionFlow(doc: DocumentState, section: DocSection): FlowState[] {
  switch (section) {
    case 'body':
      return doc.body;
    case 'header':
      return doc.header;
    case 'footer':
      return doc.footer;
    case 'footnote':
      return doc.footnotes;
  }
}

/** Every paragraph and list item of a flow in reading order, those in table cells row by row, cell by cell. */
export function flowBlocks(flow: readonly FlowState[]): BlockState[] {
  const out: BlockState[] = [];
  for (const item of flow) {
    if (item.kind === 'table') {
      for (const row of item.rows) for (const cell of row.cells) out.push(...flowBlocks(cell.blocks));
    } else out.push(item);
  }
  return out;
}

export function sectionBlocks(doc: DocumentState, section: DocSection): BlockState[] {
  return flowBlocks(sectionFlow(doc, section));
}

export function flowTables(flow: readonly FlowState[]): TableState[] {
  const out: TableState[] = [];
  for (const item of flow) {
    if (item.kind !== 'table') continue;
    out.push(item);
    for (const row of item.rows) for (const cell of row.cells) out.push(...flowTables(cell.blocks));
  }
  return out;
}

/** Where a flow item sits: the list that holds it, and the cell (with its row and table) when in a table. */
export interface Holder {
  readonly list: FlowState[];
  readonly cell: { readonly table: TableState; readonly row: TableRowState; readonly cell: TableCellState } | null;
}

export function holderIn(flow: FlowState[], item: FlowState, cell: Holder['cell'] = null): Holder | null {
  if (flow.includes(item)) return { list: flow, cell };
  for (const candidate of flow) {
    if (candidate.kind !== 'table') continue;
    for (const row of candidate.rows) {
      for (const c of row.cells) {
        const found = holderIn(c.blocks, item, { table: candidate, row, cell: c });
        if (found) return found;
      }
    }
  }
  return null;
}

export function holderOf(doc: DocumentState, section: DocSection, item: FlowState): Holder | null {
  return holderIn(sectionFlow(doc, section), item);
}

/** The top-level table of the section a block is in, or null for a block of the section itself. */
export function outerTable(doc: DocumentState, section: DocSection, block: BlockState): TableState | null {
  for (const item of sectionFlow(doc, section)) {
    if (item.kind === 'table' && flowBlocks([item]).includes(block)) return item;
  }
  return null;
}
