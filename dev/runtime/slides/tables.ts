/**
 * A table's cells, rows and columns and a selection of cells (Selection.getTableCellRange). A merged block's
 * head cell carries its spans; the cells it covers report CellMergeState.MERGED and their head.
 */
import type { DeckState, SlideState, TableCellAddress, TableElement } from '../model';
import { headOf } from './merges';
import { parentTable } from './parents';
import { as, ScriptException } from './shared';
import { FakeTextRange, selectText } from './text';

type GTableCell = GoogleAppsScript.Slides.TableCell;

function isHead(table: TableElement, row: number, column: number): boolean {
  const cell = table.rows[row]?.[column];
  return (cell?.rowSpan ?? 1) > 1 || (cell?.columnSpan ?? 1) > 1;
}

function live(slide: SlideState, table: TableElement, deck: DeckState): void {
  const exists = (list: readonly unknown[]): boolean =>
    list.includes(table) ||
    list.some((e) => (e as { kind?: string }).kind === 'group' && exists((e as { children: unknown[] }).children));
  if (!deck.slides.includes(slide) || !exists(slide.elements)) {
    throw new ScriptException(`The object (${table.objectId}) has been deleted or is not accessible.`);
  }
}

export class FakeTableCell
  implements
    Pick<
      GTableCell,
      | 'getColumnIndex'
      | 'getColumnSpan'
      | 'getHeadCell'
      | 'getMergeState'
      | 'getParentColumn'
      | 'getParentRow'
      | 'getParentTable'
      | 'getRowIndex'
      | 'getRowSpan'
      | 'getText'
    >
{
  constructor(
    private readonly deck: DeckState,
    private readonly slide: SlideState,
    readonly table: TableElement,
    readonly row: number,
    readonly column: number,
  ) {}

  private _cell() {
    live(this.slide, this.table, this.deck);
    const cell = this.table.rows[this.row]?.[this.column];
    if (!cell) throw new ScriptException(`The table cell (${this.row}, ${this.column}) no longer exists.`);
    return cell;
  }

  getRowIndex(): number {
    this._cell();
    return this.row;
  }

  getColumnIndex(): number {
    this._cell();
    return this.column;
  }

  /**
   * A head cell's span; 1 for a cell that is not merged. A cell covered by a merge reports 0, as the Slides API
   * leaves a covered cell's span unset (unverified for Apps Script).
   */
  getRowSpan(): number {
    const cell = this._cell();
    if (headOf(this.table, this.row, this.column)) return 0;
    return cell.rowSpan ?? 1;
  }

  getColumnSpan(): number {
    const cell = this._cell();
    if (headOf(this.table, this.row, this.column)) return 0;
    return cell.columnSpan ?? 1;
  }

  getMergeState(): GoogleAppsScript.Slides.CellMergeState {
    this._cell();
    if (headOf(this.table, this.row, this.column)) return as('MERGED');
    return as(isHead(this.table, this.row, this.column) ? 'HEAD' : 'NORMAL');
  }

  /** "Returns the head cell of this table cell. Returns null if the cell is not merged or if it is the head cell." */
  getHeadCell(): GTableCell {
    this._cell();
    const head = headOf(this.table, this.row, this.column);
    return as(head ? new FakeTableCell(this.deck, this.slide, this.table, head.row, head.column) : null);
  }

  getParentTable(): GoogleAppsScript.Slides.Table {
    this._cell();
    return parentTable(this.deck, this.slide, this.table);
  }

  getParentRow(): GoogleAppsScript.Slides.TableRow {
    this._cell();
    return as(new FakeTableRow(this.deck, this.slide, this.table, this.row));
  }

  getParentColumn(): GoogleAppsScript.Slides.TableColumn {
    this._cell();
    return as(new FakeTableColumn(this.deck, this.slide, this.table, this.column));
  }

  getText(): GoogleAppsScript.Slides.TextRange {
    const cell = this._cell();
    const { deck, slide, table, row, column } = this;
    return as(
      new FakeTextRange({
        read: () => cell.text,
        write: (text) => {
          cell.text = text;
        },
        select: (start, end) => selectText(deck, slide, table.objectId, start, end, { row, column }),
      }),
    );
  }
}

/** The refusal of a cell index outside a row or column (the emulation's wording; Google documents none). */
function checkCell(cellIndex: number, count: number): void {
  if (!Number.isInteger(cellIndex) || cellIndex < 0 || cellIndex >= count) {
    throw new ScriptException(`Index ${cellIndex} is out of bounds for cellIndex (there are ${count} cells).`);
  }
}

/** What a row and a column share: an index in the table and the cells along it. */
abstract class TableLine {
  constructor(
    protected readonly deck: DeckState,
    protected readonly slide: SlideState,
    protected readonly table: TableElement,
    protected readonly index: number,
  ) {}

  protected abstract _count(): number;

  /** The table cell `cellIndex` along this row or column. */
  protected abstract _cell(cellIndex: number): FakeTableCell;

  getIndex(): number {
    live(this.slide, this.table, this.deck);
    return this.index;
  }

  getNumCells(): number {
    live(this.slide, this.table, this.deck);
    return this._count();
  }

  getCell(cellIndex: number): GTableCell {
    checkCell(cellIndex, this.getNumCells());
    return as(this._cell(cellIndex));
  }

  getParentTable(): GoogleAppsScript.Slides.Table {
    live(this.slide, this.table, this.deck);
    return parentTable(this.deck, this.slide, this.table);
  }
}

export class FakeTableRow
  extends TableLine
  implements Pick<GoogleAppsScript.Slides.TableRow, 'getCell' | 'getIndex' | 'getNumCells' | 'getParentTable'>
{
  protected _count(): number {
    return this.table.rows[this.index]?.length ?? 0;
  }

  protected _cell(cellIndex: number): FakeTableCell {
    return new FakeTableCell(this.deck, this.slide, this.table, this.index, cellIndex);
  }
}

export class FakeTableColumn
  extends TableLine
  implements
    Pick<GoogleAppsScript.Slides.TableColumn, 'getCell' | 'getIndex' | 'getNumCells' | 'getParentTable' | 'getWidth'>
{
  protected _count(): number {
    return this.table.rows.length;
  }

  protected _cell(cellIndex: number): FakeTableCell {
    return new FakeTableCell(this.deck, this.slide, this.table, cellIndex, this.index);
  }

  /** Columns share the table's width evenly in the model. */
  getWidth(): number {
    live(this.slide, this.table, this.deck);
    return this.table.width / Math.max(1, this.table.rows[0]?.length ?? 1);
  }
}

/** Selection.getTableCellRange: the selected cells, in the order they were selected. */
export class FakeTableCellRange implements Pick<GoogleAppsScript.Slides.TableCellRange, 'getTableCells'> {
  constructor(
    private readonly deck: DeckState,
    private readonly slide: SlideState,
    private readonly table: TableElement,
    private readonly cells: readonly TableCellAddress[],
  ) {}

  getTableCells(): GTableCell[] {
    return as(this.cells.map((c) => new FakeTableCell(this.deck, this.slide, this.table, c.row, c.column)));
  }
}
