import { describe, expect, it } from 'vitest';
import { measureRegionOutsideChange, syntheticRegionEdit } from '../../dev/bench/region';
import {
  CHANGE_TOLERANCE,
  clampRegion,
  keepOutside,
  keepWeight,
  MARKED_COPY_SIDE,
  markedCopy,
  markedCopySize,
  markWidth,
  outsideChange,
  regionPlace,
  regionProblem,
  regionPrompt,
  scaleRegion,
  seamWidth,
} from '../../src/core/region';

const size = { width: 300, height: 200 };

function flat(width: number, height: number, rgb: readonly [number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([rgb[0], rgb[1], rgb[2], 255], p * 4);
  return { width, height, data };
}

const at = (picture: { width: number; data: ArrayLike<number> }, x: number, y: number) => {
  const i = (y * picture.width + x) * 4;
  return [picture.data[i], picture.data[i + 1], picture.data[i + 2]];
};

describe('checking a region', () => {
  it('accepts whole pixels inside the picture, the whole picture included', () => {
    expect(regionProblem({ left: 10, top: 20, width: 50, height: 40 }, size)).toBeNull();
    expect(regionProblem({ left: 0, top: 0, width: 300, height: 200 }, size)).toBeNull();
  });

  it('refuses an empty region, one outside the picture and corners that are not numbers, each with its sentence', () => {
    // Its key and figures: the sentence is said where the reader's language is known (test/server/words.test.ts).
    const outside = { key: 'regionOutside', params: { width: '300', height: '200' } };
    expect(regionProblem({ left: 10, top: 20, width: 0, height: 40 }, size)).toEqual({ key: 'regionEmpty' });
    expect(regionProblem({ left: 10, top: 20, width: 40, height: -3 }, size)).toEqual({ key: 'regionEmpty' });
    expect(regionProblem({ left: 280, top: 20, width: 40, height: 40 }, size)).toEqual(outside);
    expect(regionProblem({ left: -1, top: 0, width: 4, height: 4 }, size)).toEqual(outside);
    expect(regionProblem({ left: Number.NaN, top: 0, width: 4, height: 4 }, size)).toEqual({ key: 'regionNoCorners' });
    expect(regionProblem({ left: 0, top: Number.POSITIVE_INFINITY, width: 4, height: 4 }, size)).toEqual({
      key: 'regionNoCorners',
    });
    expect(regionProblem({ left: 0.5, top: 0, width: 4, height: 4 }, size)).toEqual({ key: 'regionNotWhole' });
  });

  it('clamps a drag into the picture and scales a region to another size', () => {
    expect(clampRegion({ left: -20, top: 190.4, width: 50, height: 40 }, size)).toEqual({
      left: 0,
      top: 190,
      width: 30,
      height: 10,
    });
    expect(clampRegion({ left: 299.9, top: 10, width: 0, height: 0 }, size)).toEqual({
      left: 299,
      top: 10,
      width: 1,
      height: 1,
    });
    expect(scaleRegion({ left: 30, top: 20, width: 60, height: 40 }, size, { width: 600, height: 400 })).toEqual({
      left: 60,
      top: 40,
      width: 120,
      height: 80,
    });
  });
});

describe('naming a region', () => {
  it('says where it is by its centre, in thirds, or that it spans a side', () => {
    expect(regionPlace({ left: 0, top: 0, width: 60, height: 50 }, size)).toBe('at the upper left');
    expect(regionPlace({ left: 120, top: 80, width: 60, height: 40 }, size)).toBe('in the middle');
    expect(regionPlace({ left: 240, top: 150, width: 60, height: 50 }, size)).toBe('at the lower right');
    expect(regionPlace({ left: 0, top: 150, width: 300, height: 50 }, size)).toBe('across the bottom');
    expect(regionPlace({ left: 250, top: 0, width: 50, height: 200 }, size)).toBe('down the right side');
    expect(regionPlace({ left: 0, top: 0, width: 290, height: 190 }, size)).toBe('over most of the picture');
  });

  it('words the request with the colour, the place and the instruction', () => {
    const prompt = regionPrompt(' make it a lighthouse ', '#FF00FF', 'at the upper left');
    expect(prompt).toContain(
      'Change only the part inside the magenta rectangle, at the upper left; keep everything else exactly as it is.',
    );
    expect(prompt).toContain('do not draw the rectangle');
    expect(prompt.endsWith('The change: make it a lighthouse')).toBe(true);
  });
});

describe('the marked copy', () => {
  it('outlines the region just outside it in the colour, leaving the region and the rest as they were', () => {
    const picture = flat(300, 200, [10, 20, 30]);
    const region = { left: 100, top: 50, width: 80, height: 60 };
    const marked = { width: 300, height: 200, data: markedCopy(picture, region, '#FF00FF') };
    const line = markWidth(picture);
    expect(at(marked, 100 - line, 50 - line)).toEqual([255, 0, 255]);
    expect(at(marked, 100 - 1, 80)).toEqual([255, 0, 255]);
    expect(at(marked, 180 + line - 1, 80)).toEqual([255, 0, 255]);
    expect(at(marked, 140, 50 + 60 + line - 1)).toEqual([255, 0, 255]);
    expect(at(marked, 100, 50)).toEqual([10, 20, 30]);
    expect(at(marked, 100 - line - 1, 80)).toEqual([10, 20, 30]);
    expect(at(marked, 5, 5)).toEqual([10, 20, 30]);
  });

  it('is the picture’s size, or scaled to fit MARKED_COPY_SIDE for a large photo', () => {
    expect(markedCopySize({ width: 1024, height: 768 })).toEqual({ width: 1024, height: 768 });
    expect(markedCopySize({ width: 4000, height: 3000 })).toEqual({ width: MARKED_COPY_SIDE, height: 1152 });
    expect(markedCopySize({ width: 900, height: 6000 })).toEqual({ width: 230, height: MARKED_COPY_SIDE });
  });

  it('draws the line inside where the region touches the picture’s edge, so all four sides show', () => {
    const picture = flat(300, 200, [10, 20, 30]);
    const marked = {
      width: 300,
      height: 200,
      data: markedCopy(picture, { left: 0, top: 0, width: 50, height: 50 }, [0, 255, 0]),
    };
    expect(at(marked, 0, 25)).toEqual([0, 255, 0]);
    expect(at(marked, 25, 0)).toEqual([0, 255, 0]);
    expect(at(marked, 50, 25)).toEqual([0, 255, 0]);
    expect(at(marked, 25, 25)).toEqual([10, 20, 30]);
  });
});

describe('what changed outside, and keeping the rest', () => {
  it('counts the pixels outside the region that moved by more than the tolerance', () => {
    const before = flat(100, 100, [100, 100, 100]);
    const after = flat(100, 100, [100, 100, 100]);
    const region = { left: 0, top: 0, width: 50, height: 100 };
    // Inside the region: not counted. Outside: 10 pixels changed, 10 moved within the tolerance.
    after.data.set([0, 0, 0, 255], (10 * 100 + 10) * 4);
    for (let x = 60; x < 70; x++) after.data.set([0, 100, 100, 255], (5 * 100 + x) * 4);
    for (let x = 60; x < 70; x++) after.data.set([100 + CHANGE_TOLERANCE, 100, 100, 255], (6 * 100 + x) * 4);
    expect(outsideChange(before, after, region)).toEqual({ outside: 5000, changed: 10, share: 10 / 5000 });
    // With a margin, the band around the region is left out too.
    expect(outsideChange(before, after, region, 5).outside).toBe(100 * 100 - 55 * 100);
  });

  it('keeps the original outside the region exactly, the answer well inside it, and feathers a seam between', () => {
    const before = flat(120, 90, [200, 40, 40]);
    const after = flat(120, 90, [40, 40, 200]);
    const region = { left: 30, top: 20, width: 60, height: 50 };
    const kept = { width: 120, height: 90, data: keepOutside(before, after, region) };
    const seam = seamWidth(before);
    expect(outsideChange(before, kept, region)).toMatchObject({ changed: 0 });
    for (let y = 0; y < 90; y++) {
      for (let x = 0; x < 120; x++) {
        const inRegion = x >= 30 && x < 90 && y >= 20 && y < 70;
        if (!inRegion) expect(at(kept, x, y)).toEqual([200, 40, 40]);
      }
    }
    expect(at(kept, 60, 45)).toEqual([40, 40, 200]);
    // Across the seam the colour goes from the original's to the answer's, step by step.
    const row = Array.from({ length: seam + 1 }, (_, d) => at(kept, 30 + d, 45)[2] ?? 0);
    for (let d = 1; d < row.length; d++) expect(row[d]).toBeGreaterThanOrEqual(row[d - 1] ?? 0);
    expect(row[0]).toBeGreaterThan(40);
    expect(row[0]).toBeLessThan(200);
    expect(keepWeight(30, 45, region, seam)).toBeLessThan(0.5);
    expect(keepWeight(30 + seam, 45, region, seam)).toBe(1);
  });

  it('refuses pictures of two sizes rather than compare them wrongly', () => {
    expect(() =>
      outsideChange(flat(10, 10, [0, 0, 0]), flat(20, 10, [0, 0, 0]), { left: 0, top: 0, width: 5, height: 5 }),
    ).toThrow(/one size/);
  });

  it('on synthetic region edits, the model changed much outside the region and the kept picture nothing', () => {
    const figure = measureRegionOutsideChange(21, 4);
    expect(figure.before).toBeGreaterThan(0.02);
    expect(figure.after).toBe(0);
    const edit = syntheticRegionEdit(5);
    const original = { width: edit.width, height: edit.height, data: edit.before };
    const answer = { width: edit.width, height: edit.height, data: edit.after };
    // Inside the region (away from the seam), the kept picture is the model's.
    const kept = { width: edit.width, height: edit.height, data: keepOutside(original, answer, edit.region) };
    const cx = edit.region.left + Math.floor(edit.region.width / 2);
    const cy = edit.region.top + Math.floor(edit.region.height / 2);
    expect(at(kept, cx, cy)).toEqual(at(answer, cx, cy));
  });
});
