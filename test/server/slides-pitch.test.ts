/**
 * Peel on the pitch deck (dev/runtime/seed.ts pitchDeck), through the functions the sidebar calls: what a real
 * deck holds (a table, a grouped logo, a rotated callout, a chart with an arrow, a video) is never covered,
 * measured on each element's drawn bounds, and selecting a table cell, text in a cell, a group or a member of it
 * gives a Target that says what Insert and Replace will do.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeckState, PageElementState } from '../../dev/runtime/model';
import { pitchDeck } from '../../dev/runtime/seed';
import { drawnBounds } from '../../dev/runtime/slides/transform';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { overlaps } from '../../src/core/placement';
import { generateImage, getTarget, insertImage } from '../../src/server/rpc/api';
import type { ImageCallOutcome, InsertResult } from '../../src/shared/rpc';
import { type Harness, imageReply, installServices, pngBase64, value } from './harness';

let deck: DeckState;
let h: Harness;

beforeEach(() => {
  deck = pitchDeck();
  h = installServices(deck);
});

function generated(width = 160, height = 90): string {
  h.respondWith(imageReply(pngBase64(width, height)));
  const outcome: ImageCallOutcome = value(
    generateImage({ prompt: 'A refill station', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' }),
  );
  if (outcome.kind !== 'image') throw new Error(`expected an image, got ${outcome.kind}`);
  return outcome.image.id;
}

/** Every element a picture must not cover, members of groups counted on their own and with their group. */
function visible(elements: readonly PageElementState[]): PageElementState[] {
  return elements.flatMap((e) => (e.kind === 'group' ? [e, ...visible(e.children)] : [e]));
}

/** The inserted picture, and everything else on its slide as drawn. */
function placed(result: InsertResult) {
  const slide = deck.slides.find((s) => s.elements.some((e) => e.objectId === result.objectId));
  const image = slide?.elements.find((e) => e.objectId === result.objectId);
  if (!slide || image?.kind !== 'image') throw new Error(`no picture ${result.objectId}`);
  const others = visible(slide.elements).filter((e) => e !== image);
  return { slide, image, others };
}

describe('Insert on the pitch deck keeps clear of everything as drawn', () => {
  it.each(['pitch-1', 'pitch-2', 'pitch-3', 'pitch-4', 'pitch-5'])('%s', (pageId) => {
    deck.selection = { pageId, elementIds: [], text: null };
    const result = value(insertImage({ imageId: generated(), mode: 'insert', where: 'beside' }));
    const { image, others } = placed(result);
    for (const other of others) {
      const bounds = drawnBounds(other);
      // A line's box may be 0 thick; what it covers is its weight and arrowheads around that.
      const thick =
        other.kind === 'line'
          ? {
              ...bounds,
              top: bounds.top - 1,
              left: bounds.left - 1,
              width: bounds.width + 2,
              height: bounds.height + 2,
            }
          : bounds;
      expect(overlaps(image, thick), `${result.label} over ${other.objectId}`).toBe(false);
    }
  });

  it('keeps clear of the rotated callout’s corners, which stick out of its unrotated box', () => {
    // Without its rotation the callout's box ends at top 262; turned 10° its corner reaches about 246.
    const callout = deck.slides[2]?.elements.find((e) => e.objectId === 'p3-callout');
    if (!callout) throw new Error('no callout');
    expect(drawnBounds(callout).top).toBeLessThan(250);
    deck.selection = { pageId: 'pitch-3', elementIds: [], text: null };
    const { image } = placed(value(insertImage({ imageId: generated(160, 160), mode: 'insert', where: 'beside' })));
    expect(overlaps(image, drawnBounds(callout))).toBe(false);
  });

  it('keeps clear of a horizontal line 0 points high', () => {
    const slide = deck.slides[4];
    slide?.elements.push({
      kind: 'line',
      objectId: 'p5-rule',
      left: 450,
      top: 200,
      width: 234,
      height: 0,
      title: '',
      description: '',
      category: 'STRAIGHT',
    });
    deck.selection = { pageId: 'pitch-5', elementIds: [], text: null };
    const { image } = placed(value(insertImage({ imageId: generated(), mode: 'insert', where: 'beside' })));
    const crosses =
      image.left < 684 && image.left + image.width > 450 && image.top < 200 && image.top + image.height > 200;
    expect(crosses).toBe(false);
  });
});

describe('the Target for what real decks let a person select', () => {
  it('a table cell: the slide takes the picture clear of the table; Replace says a cell can’t hold one', () => {
    deck.selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: null,
      cells: { elementId: 'p2-table', cells: [{ row: 1, column: 1 }] },
    };
    const target = value(getTarget());
    expect(target).toMatchObject({ kind: 'slide', canInsert: true, canReplace: false });
    expect(target.label).toMatch(/ \(a table cell is selected\)$/);
    // The space clear of the table is small: offered, and placed there below because the person chose it.
    expect(target.offers?.choices[0]?.label).toMatch(/^Free space at the .+, smaller/);
    const id = generated();
    const before = h.snapshot();
    const refused = insertImage({ imageId: id, mode: 'replace' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('UNSUPPORTED_SELECTION');
      expect(refused.error.detail).toBe(
        'Google Slides can’t put a picture inside a table. Insert puts it on the slide, clear of the table; to ' +
          'replace something, select a picture, a shape or a picture placeholder.',
      );
    }
    expect(h.snapshot()).toBe(before);
    const { image } = placed(value(insertImage({ imageId: id, mode: 'insert', where: 'beside' })));
    const table = deck.slides[1]?.elements.find((e) => e.objectId === 'p2-table');
    if (!table) throw new Error('no table');
    expect(overlaps(image, drawnBounds(table))).toBe(false);
  });

  it('text being edited in a cell, and the whole table: the same, said as it is', () => {
    deck.selection = {
      pageId: 'pitch-2',
      elementIds: [],
      text: { elementId: 'p2-table', start: 0, end: 3, cell: { row: 2, column: 0 } },
    };
    expect(value(getTarget()).label).toMatch(/\(you are editing a table cell\)$/);
    deck.selection = { pageId: 'pitch-2', elementIds: ['p2-table'], text: null };
    expect(value(getTarget())).toMatchObject({
      canReplace: false,
      label: expect.stringMatching(/\(a table is selected\)$/),
    });
  });

  it('a group: Insert keeps clear of it; Replace asks for one of its members', () => {
    deck.selection = { pageId: 'pitch-3', elementIds: ['p3-logo'], text: null };
    const target = value(getTarget());
    expect(target).toMatchObject({ kind: 'slide', canReplace: false });
    expect(target.label).toMatch(/\(a group is selected\)$/);
    const refused = insertImage({ imageId: generated(), mode: 'replace' });
    expect(refused.ok ? null : refused.error.detail).toBe(
      'A group can’t be replaced as a whole. Click into the group and select the picture or shape to replace, ' +
        'or insert the picture on the slide.',
    );
  });

  it('a picture inside a group: Replace swaps it where it is, and it stays in the group', () => {
    deck.selection = { pageId: 'pitch-3', elementIds: ['p3-logo-mark'], text: null };
    const target = value(getTarget());
    expect(target).toMatchObject({ kind: 'image', canReplace: true });
    expect(target.ratio).toBeCloseTo(48 / 30);
    const result = value(insertImage({ imageId: generated(160, 100), mode: 'replace' }));
    expect(result.objectId).toBe('p3-logo-mark');
    const logo = deck.slides[2]?.elements.find((e) => e.objectId === 'p3-logo');
    if (logo?.kind !== 'group') throw new Error('the logo is no longer a group');
    expect(logo.children.map((c) => c.objectId)).toEqual(['p3-logo-mark', 'p3-logo-word']);
    const mark = logo.children[0];
    expect(mark && [mark.left, mark.top, mark.width, mark.height]).toEqual([560, 30, 48, 30]);
  });
});
