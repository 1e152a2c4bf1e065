/** A RangeElement: one element of a Range, whole or (for Text) part of it. */
import { as } from '../slides/shared';

type GRangeElement = GoogleAppsScript.Document.RangeElement;
type GElement = GoogleAppsScript.Document.Element;

export class FakeRangeElement
  implements Pick<GRangeElement, 'getElement' | 'getEndOffsetInclusive' | 'getStartOffset' | 'isPartial'>
{
  constructor(
    private readonly element: unknown,
    private readonly partial: boolean,
    private readonly start: number,
    private readonly endInclusive: number,
  ) {}

  getElement(): GElement {
    return as(this.element);
  }

  isPartial(): boolean {
    return this.partial;
  }

  /** -1 unless this is part of a Text element, as documented. */
  getStartOffset(): number {
    return this.partial ? this.start : -1;
  }

  getEndOffsetInclusive(): number {
    return this.partial ? this.endInclusive : -1;
  }
}
