/**
 * Named ranges: the one way to give a Docs inline image an identity that survives sessions, since inline images
 * have no id (research editing-and-memory.md §4). A named range follows its elements, not their positions: it
 * stays on an image that text moves around, and leaves with it. Copying an image (`inlineImageFrom`) makes a
 * new element, so a copy is outside the range, as a pasted copy is in Docs.
 */
import type {
  BlockState,
  DocSection,
  DocumentState,
  InlineImageState,
  NamedRangeState,
  NamedRangeTarget,
} from '../model';
import { as, newId, ScriptException } from '../slides/shared';
import { BlockView, FakeInlineImage, wrapBlock } from './elements';
import { FakeRangeElement } from './range-element';
import { SECTIONS, sectionBlocks } from './tree';

export { FakeRangeElement };

type GRange = GoogleAppsScript.Document.Range;
type GRangeElement = GoogleAppsScript.Document.RangeElement;
type GElement = GoogleAppsScript.Document.Element;

export class FakeRange implements Pick<GRange, 'getRangeElements'> {
  constructor(readonly elements: readonly FakeRangeElement[]) {}

  getRangeElements(): GRangeElement[] {
    return as([...this.elements]);
  }
}

export function findInlineImage(
  doc: DocumentState,
  id: string,
): { section: DocSection; block: BlockState; image: InlineImageState } | null {
  for (const section of SECTIONS) {
    for (const block of sectionBlocks(doc, section)) {
      const image = block.children.find((child) => child.kind === 'image' && child.id === id);
      if (image?.kind === 'image') return { section, block, image };
    }
  }
  return null;
}

function targetOf(element: unknown): NamedRangeTarget {
  if (element instanceof FakeInlineImage) return { kind: 'image', id: element.state.id };
  if (element instanceof BlockView) return { kind: 'block', section: element.section, id: element.block.id };
  // Text runs have no identity in this emulation; Peel names images, so ranges stop at whole elements.
  throw new ScriptException('The local runtime keeps named ranges over inline images, paragraphs and list items only.');
}

/** The live elements a named range still covers; gone ones drop out. */
function resolve(doc: DocumentState, targets: readonly NamedRangeTarget[]): FakeRangeElement[] {
  const elements: FakeRangeElement[] = [];
  for (const target of targets) {
    if (target.kind === 'image') {
      const found = findInlineImage(doc, target.id);
      if (found) {
        const view = new FakeInlineImage(doc, found.section, found.block, found.image);
        elements.push(new FakeRangeElement(view, false, -1, -1));
      }
    } else {
      const block = sectionBlocks(doc, target.section).find((b) => b.id === target.id);
      if (block) elements.push(new FakeRangeElement(wrapBlock(doc, target.section, block), false, -1, -1));
    }
  }
  return elements;
}

export class FakeRangeBuilder
  implements Pick<GoogleAppsScript.Document.RangeBuilder, 'addElement' | 'addRange' | 'build' | 'getRangeElements'>
{
  private readonly elements: FakeRangeElement[] = [];

  addElement(
    element: GElement,
    startOffset?: number,
    endOffsetInclusive?: number,
  ): GoogleAppsScript.Document.RangeBuilder {
    if (startOffset !== undefined || endOffsetInclusive !== undefined) {
      throw new ScriptException('The local runtime builds ranges of whole elements only.');
    }
    targetOf(element);
    this.elements.push(new FakeRangeElement(element, false, -1, -1));
    return as(this);
  }

  addRange(range: GRange): GoogleAppsScript.Document.RangeBuilder {
    if (!(range instanceof FakeRange)) throw new ScriptException('Invalid argument: range');
    this.elements.push(...range.elements);
    return as(this);
  }

  getRangeElements(): GRangeElement[] {
    return as([...this.elements]);
  }

  build(): GRange {
    return as(new FakeRange([...this.elements]));
  }
}

export class FakeNamedRange
  implements Pick<GoogleAppsScript.Document.NamedRange, 'getId' | 'getName' | 'getRange' | 'remove'>
{
  constructor(
    private readonly doc: DocumentState,
    private readonly state: NamedRangeState,
  ) {}

  getId(): string {
    return this.state.id;
  }

  getName(): string {
    return this.state.name;
  }

  getRange(): GRange {
    return as(new FakeRange(resolve(this.doc, this.state.targets)));
  }

  remove(): void {
    this.doc.namedRanges = (this.doc.namedRanges ?? []).filter((r) => r !== this.state);
  }
}

/** Docs API limit on a named range's name (NamedRange.name: 1 to 256 UTF-16 code units). */
export const MAX_NAMED_RANGE_NAME = 256;

export function addNamedRange(doc: DocumentState, name: string, range: GRange): FakeNamedRange {
  const text = String(name ?? '');
  if (text.length < 1 || text.length > MAX_NAMED_RANGE_NAME) {
    throw new ScriptException(
      `Invalid argument: name. A named range's name must be 1 to ${MAX_NAMED_RANGE_NAME} characters.`,
    );
  }
  if (!(range instanceof FakeRange)) throw new ScriptException('Invalid argument: range');
  const targets = range.elements.map((element) => targetOf(element.getElement()));
  if (targets.length === 0) throw new ScriptException('Invalid argument: range');
  const state: NamedRangeState = { id: newId('kix.'), name: text, targets };
  doc.namedRanges = [...(doc.namedRanges ?? []), state];
  return new FakeNamedRange(doc, state);
}

/**
 * The document's named ranges, optionally those of one name. A range whose elements have all been deleted is
 * gone, as Docs drops a named range whose content is deleted [inferred from the Docs API: a range with no
 * content cannot exist].
 */
export function namedRanges(doc: DocumentState, name?: string): FakeNamedRange[] {
  const live = (doc.namedRanges ?? []).filter((r) => resolve(doc, r.targets).length > 0);
  if (live.length !== (doc.namedRanges ?? []).length) doc.namedRanges = live;
  return live.filter((r) => name === undefined || r.name === name).map((r) => new FakeNamedRange(doc, r));
}
