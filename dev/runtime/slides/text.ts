import type { DeckState, SlideState } from '../model';
import { as, ScriptException } from './shared';
import { findElement } from './tree';

type GTextRange = GoogleAppsScript.Slides.TextRange;

/** Where a range's text lives: a shape's `text`, a table cell's, or a slide's speaker notes. */
export interface TextTarget {
  read(): string;
  write(text: string): void;
  /** Makes these offsets the user's selection; absent where text cannot be selected (speaker notes). */
  select?(start: number, end: number): void;
}

/**
 * "The parent Page of the corresponding Shape or the TableCell is set as the current page selection. The Shape
 * or the TableCell is set as the selected page element": the text (a cursor when empty) becomes the selection.
 */
export function selectText(
  deck: DeckState,
  slide: SlideState,
  elementId: string,
  start: number,
  end: number,
  cell?: { row: number; column: number },
): void {
  if (!deck.slides.includes(slide) || !findElement(slide.elements, elementId)) {
    throw new ScriptException(`The object (${elementId}) has been deleted or is not accessible.`);
  }
  deck.selection.pageId = slide.objectId;
  deck.selection.elementIds = [elementId];
  deck.selection.text = { elementId, start, end, ...(cell ? { cell } : {}) };
  deck.selection.cells = null;
  delete deck.selection.pageIds;
}

/**
 * Slides ends every paragraph, the last one included, with a newline, so a non-empty shape's
 * `getText().asString()` is its text plus '\n'; the model stores the text without it. Offsets here count in
 * that rendered string, which matches the model's selection offsets.
 */
function rendered(text: string): string {
  return text === '' ? '' : `${text}\n`;
}

function stored(full: string): string {
  return full.endsWith('\n') ? full.slice(0, -1) : full;
}

export class FakeTextRange
  implements
    Pick<
      GTextRange,
      | 'appendText'
      | 'asRenderedString'
      | 'asString'
      | 'clear'
      | 'getEndIndex'
      | 'getLength'
      | 'getRange'
      | 'getStartIndex'
      | 'insertText'
      | 'isEmpty'
      | 'select'
      | 'setText'
    >
{
  constructor(
    private readonly target: TextTarget,
    /** Null: the whole text, however it changes. */
    private readonly bounds: { start: number; end: number } | null = null,
  ) {}

  private _span(): { start: number; end: number } {
    const length = rendered(this.target.read()).length;
    if (this.bounds === null) return { start: 0, end: length };
    const start = Math.min(this.bounds.start, length);
    return { start, end: Math.min(Math.max(this.bounds.end, start), length) };
  }

  asString(): string {
    const { start, end } = this._span();
    return rendered(this.target.read()).slice(start, end);
  }

  /** No auto text (slide numbers) is modelled, so rendering changes nothing. */
  asRenderedString(): string {
    return this.asString();
  }

  getStartIndex(): number {
    return this._span().start;
  }

  getEndIndex(): number {
    return this._span().end;
  }

  getLength(): number {
    const { start, end } = this._span();
    return end - start;
  }

  isEmpty(): boolean {
    return this.getLength() === 0;
  }

  getRange(startOffset: number, endOffset: number): GTextRange {
    const { start, end } = this._span();
    if (startOffset < 0 || endOffset < startOffset || start + endOffset > end) {
      throw new RangeError(`Invalid range ${startOffset}..${endOffset} in a text range of length ${end - start}.`);
    }
    return as(new FakeTextRange(this.target, { start: start + startOffset, end: start + endOffset }));
  }

  /** Returns the range of the new text, as Slides does. */
  setText(newText: string): GTextRange {
    const { start, end } = this._span();
    const full = rendered(this.target.read());
    this.target.write(stored(full.slice(0, start) + newText + full.slice(end)));
    return as(new FakeTextRange(this.target, { start, end: start + newText.length }));
  }

  insertText(startOffset: number, text: string): GTextRange {
    return this.getRange(startOffset, startOffset).setText(text);
  }

  /** Appends inside the range, before the closing newline a whole shape's range ends with. */
  appendText(text: string): GTextRange {
    const { start, end } = this._span();
    const full = rendered(this.target.read());
    const at = end === full.length && full.endsWith('\n') && end > start ? end - 1 : end;
    return as(new FakeTextRange(this.target, { start: at, end: at }).setText(text));
  }

  clear(): void {
    this.setText('');
  }

  /**
   * "Selects only the TextRange in the active presentation and removes any previous selection": a non-empty range
   * selects its characters, an empty one places the cursor. Google documents it for text in shapes and table
   * cells only; the refusal for speaker notes is the emulation's.
   */
  select(): void {
    if (!this.target.select) throw new ScriptException('This text range cannot be selected.');
    const { start, end } = this._span();
    this.target.select(start, end);
  }
}
