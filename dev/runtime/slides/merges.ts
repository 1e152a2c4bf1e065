/**
 * Which cell of a table heads the merged block covering another: pure, so the workbench page that draws a table
 * and the runtime's TableCell answer from the same rule.
 */
import type { TableCellAddress, TableElement } from '../model';

/** The head of the merged block covering a cell, or null when no other cell's spans cover it. */
export function headOf(table: TableElement, row: number, column: number): TableCellAddress | null {
  for (let r = 0; r <= row; r++) {
    const cells = table.rows[r] ?? [];
    for (let c = 0; c <= column; c++) {
      if (r === row && c === column) continue;
      const cell = cells[c];
      if (!cell) continue;
      const rows = cell.rowSpan ?? 1;
      const columns = cell.columnSpan ?? 1;
      if (r + rows > row && c + columns > column) return { row: r, column: c };
    }
  }
  return null;
}
