/**
 * Placement around what real slides hold: rotated, stretched and grouped elements and lines 0 points thick.
 * Slides reports an element's box "when it has no rotation" and its rotation; placement keeps clear of the box
 * the element covers as drawn (drawnBox). The property draws seeded random slides with fast-check and checks
 * every image box against each element's corners turned independently here; a failure prints its seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rect } from '../../src/core/geometry';
import { slideMargin } from '../../src/core/geometry';
import {
  drawnBox,
  imageBox,
  LINE_MIN_THICKNESS,
  overlaps,
  placeOnSlide,
  type SlideItem,
} from '../../src/core/placement';

const PAGE = { width: 720, height: 405 };
const SEED = Number(process.env.PEEL_PLACEMENT_SEED ?? 20261206);

/** The bounds of a box's corners turned `degrees` clockwise about its centre, computed point by point. */
function turnedCorners(box: Rect, degrees: number): Rect {
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const r = (degrees * Math.PI) / 180;
  const points = [
    [box.left, box.top],
    [box.left + box.width, box.top],
    [box.left, box.top + box.height],
    [box.left + box.width, box.top + box.height],
  ].map(([x = 0, y = 0]) => [
    cx + (x - cx) * Math.cos(r) - (y - cy) * Math.sin(r),
    cy + (x - cx) * Math.sin(r) + (y - cy) * Math.cos(r),
  ]);
  const xs = points.map(([x = 0]) => x);
  const ys = points.map(([, y = 0]) => y);
  return {
    left: Math.min(...xs),
    top: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

const contains = (outer: Rect, inner: Rect) =>
  inner.left >= outer.left - 1e-6 &&
  inner.top >= outer.top - 1e-6 &&
  inner.left + inner.width <= outer.left + outer.width + 1e-6 &&
  inner.top + inner.height <= outer.top + outer.height + 1e-6;

describe('drawnBox', () => {
  it('leaves an unturned box as it is, and turns a quarter turn into its transpose', () => {
    const box = { left: 100, top: 200, width: 50, height: 60 };
    expect(drawnBox(box, 0)).toBe(box);
    expect(drawnBox(box, 360)).toBe(box);
    expect(drawnBox(box, 90)).toEqual({ left: 95, top: 205, width: 60, height: 50 });
    expect(drawnBox(box, -90)).toEqual(drawnBox(box, 270));
  });

  it('gives a line 0 points high its minimum thickness about its centre', () => {
    expect(drawnBox({ left: 36, top: 360, width: 600, height: 0 }, 0, LINE_MIN_THICKNESS)).toEqual({
      left: 36,
      top: 360 - LINE_MIN_THICKNESS / 2,
      width: 600,
      height: LINE_MIN_THICKNESS,
    });
  });

  it('a turned box covers its corners turned one by one (1,000 cases)', () => {
    const box = fc.record({
      left: fc.double({ min: -100, max: 700, noNaN: true }),
      top: fc.double({ min: -100, max: 400, noNaN: true }),
      width: fc.double({ min: 0, max: 600, noNaN: true }),
      height: fc.double({ min: 0, max: 400, noNaN: true }),
    });
    fc.assert(
      fc.property(box, fc.double({ min: -720, max: 720, noNaN: true }), (b, degrees) => {
        const drawn = drawnBox(b, degrees);
        const exact = turnedCorners(b, degrees);
        if (!contains(drawn, exact) || !contains(exact, drawn)) {
          throw new Error(`seed ${SEED}: ${JSON.stringify({ b, degrees, drawn, exact })}`);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

/** One element as a slide holds it: its unrotated box, its rotation, and what it is. */
interface Element {
  readonly box: Rect;
  readonly rotation: number;
  readonly kind: 'text' | 'picture' | 'other' | 'line' | 'group';
  /** A group's members. */
  readonly members: readonly Element[];
}

const position = fc.record({
  left: fc.integer({ min: -40, max: 680 }),
  top: fc.integer({ min: -40, max: 380 }),
});
const rotation = fc.oneof(fc.constant(0), fc.constantFrom(90, 180, 270, 350, 15), fc.integer({ min: 0, max: 359 }));
/** Stretched by a scale: the same inherent box drawn wider or taller, which is all Slides reports of a scale. */
const stretched = fc.record({
  width: fc.integer({ min: 20, max: 200 }),
  height: fc.integer({ min: 20, max: 160 }),
  scaleX: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
  scaleY: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
});

const leaf: fc.Arbitrary<Element> = fc
  .record({ at: position, size: stretched, rotation, kind: fc.constantFrom('text', 'picture', 'other', 'line') })
  .map(({ at, size, rotation: degrees, kind }) => ({
    box: {
      ...at,
      width: size.width * size.scaleX,
      // A line is often straight across: 0 high, whatever its scale.
      height: kind === 'line' && size.height < 60 ? 0 : size.height * size.scaleY,
    },
    rotation: degrees,
    kind: kind as Element['kind'],
    members: [],
  }));

const group: fc.Arbitrary<Element> = fc.array(leaf, { minLength: 2, maxLength: 3 }).map((members) => {
  const bounds = members.map(oracle);
  const left = Math.min(...bounds.map((b) => b.left));
  const top = Math.min(...bounds.map((b) => b.top));
  const right = Math.max(...bounds.map((b) => b.left + b.width));
  const bottom = Math.max(...bounds.map((b) => b.top + b.height));
  // Slides sizes a group to its members as drawn, and reports no rotation of its own for it here.
  return { box: { left, top, width: right - left, height: bottom - top }, rotation: 0, kind: 'group', members };
});

/** What an element covers, worked out from its corners (a line drawn 1 point thick). */
function oracle(element: Element): Rect {
  const exact = turnedCorners(element.box, element.rotation);
  if (element.kind !== 'line') return exact;
  return { left: exact.left - 0.5, top: exact.top - 0.5, width: exact.width + 1, height: exact.height + 1 };
}

/** The item Peel's reading of the slide gives for an element (src/server/platform/slides.ts readItem). */
function item(element: Element, index: number): SlideItem {
  const kind = element.kind === 'line' || element.kind === 'group' ? 'other' : element.kind;
  const thickness = element.kind === 'line' ? LINE_MIN_THICKNESS : 0;
  return { id: String(index), kind, box: drawnBox(element.box, element.rotation, thickness) };
}

describe('placement around turned, stretched and grouped elements', () => {
  it('property: no image box overlaps what any element or group member covers as drawn', () => {
    const counts = { free: 0, turned: 0, grouped: 0, noRoom: 0 };
    const margin = slideMargin(PAGE);
    const usable = { left: margin, top: margin, width: PAGE.width - 2 * margin, height: PAGE.height - 2 * margin };
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: group }), { maxLength: 6 }),
        (elements) => {
          const placement = placeOnSlide({ page: PAGE, items: elements.map(item) });
          if (placement.kind !== 'free') {
            counts.noRoom++;
            return;
          }
          counts.free++;
          if (elements.some((e) => e.rotation % 90 !== 0)) counts.turned++;
          if (elements.some((e) => e.kind === 'group')) counts.grouped++;
          const covered = elements.flatMap((e) => [e, ...e.members]);
          for (const ratio of [1, 16 / 9, 9 / 16, 4 / 3, 21 / 9]) {
            const image = imageBox(placement.area, ratio);
            if (!contains(usable, image)) throw new Error(`seed ${SEED}: ${JSON.stringify(image)} leaves the margins`);
            for (const element of covered) {
              if (overlaps(image, oracle(element))) {
                throw new Error(`seed ${SEED}: the image ${JSON.stringify(image)} covers ${JSON.stringify(element)}`);
              }
            }
          }
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
    // Not vacuous: pictures found room beside turned elements and groups, and some slides had none.
    expect(counts.turned).toBeGreaterThan(100);
    expect(counts.grouped).toBeGreaterThan(100);
    expect(counts.noRoom).toBeGreaterThan(20);
  });

  it('the same slides placed on the unrotated boxes do cover turned corners: the property above can fail', () => {
    const outcome = fc.check(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 6 }), (elements) => {
        const naive = elements.map((e, i) => ({ ...item({ ...e, rotation: 0 }, i) }));
        const placement = placeOnSlide({ page: PAGE, items: naive });
        if (placement.kind !== 'free') return;
        const image = imageBox(placement.area, 1);
        for (const element of elements) if (overlaps(image, oracle(element))) throw new Error('covered');
      }),
      { seed: SEED, numRuns: 1500 },
    );
    expect(outcome.failed).toBe(true);
  });
});
