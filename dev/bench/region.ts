/**
 * `region_outside_change` and `region_outside_change_before`: how much of a picture outside a marked region
 * differs from the original, after "Keep everything else exactly" (src/core/region.ts keepOutside) and before it.
 * Each synthetic case is an original (a gradient with shapes, a little grain) and a model's answer that does what
 * Gemini does with a region edit (it ignores masks): the region is redrawn, and the rest is redrawn too: a slight
 * shift in tone and grain everywhere, and a few things moved or added outside the region.
 */
import { keepOutside, outsideChange, type Region } from '../../src/core/region';
import { seededRandom as random } from '../../test/support/seeded';

export interface RegionCase {
  readonly width: number;
  readonly height: number;
  readonly before: Uint8ClampedArray;
  readonly after: Uint8ClampedArray;
  readonly region: Region;
}

/** One original, its region, and a model's answer that changed the region and, unasked, some of the rest. */
export function syntheticRegionEdit(seed: number, width = 320, height = 240): RegionCase {
  const rand = random(seed);
  const before = new Uint8ClampedArray(width * height * 4);
  const top: number[] = [rand() * 255, rand() * 255, rand() * 255];
  const bottom: number[] = [rand() * 255, rand() * 255, rand() * 255];
  const shapes = Array.from({ length: 5 }, () => ({
    x: rand() * width,
    y: rand() * height,
    r: 10 + rand() * 40,
    colour: [rand() * 255, rand() * 255, rand() * 255],
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const shape = shapes.find((s) => (x - s.x) ** 2 + (y - s.y) ** 2 <= s.r * s.r);
      for (let c = 0; c < 3; c++) {
        const base = shape ? (shape.colour[c] ?? 0) : (top[c] ?? 0) + ((bottom[c] ?? 0) - (top[c] ?? 0)) * (y / height);
        before[i + c] = base + (rand() * 2 - 1) * 3;
      }
      before[i + 3] = 255;
    }
  }
  const w = Math.round(width * (0.2 + rand() * 0.3));
  const h = Math.round(height * (0.2 + rand() * 0.3));
  const region = {
    left: Math.floor(rand() * (width - w)),
    top: Math.floor(rand() * (height - h)),
    width: w,
    height: h,
  };
  // The model's answer: a tone shift and fresh grain everywhere, the region repainted, and a few blobs outside.
  const after = new Uint8ClampedArray(before.length);
  const shift = [(rand() * 2 - 1) * 10, (rand() * 2 - 1) * 10, (rand() * 2 - 1) * 10];
  const paint = [rand() * 255, rand() * 255, rand() * 255];
  const blobs = Array.from({ length: 3 }, () => ({ x: rand() * width, y: rand() * height, r: 6 + rand() * 18 }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inRegion =
        x >= region.left && x < region.left + region.width && y >= region.top && y < region.top + region.height;
      const blob = blobs.some((b) => (x - b.x) ** 2 + (y - b.y) ** 2 <= b.r * b.r);
      for (let c = 0; c < 3; c++) {
        const was = before[i + c] ?? 0;
        after[i + c] = inRegion
          ? (paint[c] ?? 0) * 0.7 + was * 0.3
          : blob
            ? 255 - was
            : was + (shift[c] ?? 0) + (rand() * 2 - 1) * 6;
      }
      after[i + 3] = 255;
    }
  }
  return { width, height, before, after, region };
}

export interface RegionFigure {
  /** Share of the pixels outside the regions that differ from the original after compositing. */
  readonly after: number;
  /** The same share before compositing: what the model changed unasked. */
  readonly before: number;
  readonly pictures: number;
  readonly outside: number;
}

/** Both shares over `count` synthetic region edits from `seed`, pooled over every pixel compared. */
export function measureRegionOutsideChange(seed = 21, count = 8): RegionFigure {
  let outside = 0;
  let changedBefore = 0;
  let changedAfter = 0;
  for (let n = 0; n < count; n++) {
    const edit = syntheticRegionEdit(seed + n, n % 2 === 0 ? 320 : 256, n % 2 === 0 ? 240 : 256);
    const original = { width: edit.width, height: edit.height, data: edit.before };
    const answer = { width: edit.width, height: edit.height, data: edit.after };
    const kept = { width: edit.width, height: edit.height, data: keepOutside(original, answer, edit.region) };
    const was = outsideChange(original, answer, edit.region);
    const now = outsideChange(original, kept, edit.region);
    outside += was.outside;
    changedBefore += was.changed;
    changedAfter += now.changed;
  }
  return {
    after: outside > 0 ? changedAfter / outside : 0,
    before: outside > 0 ? changedBefore / outside : 0,
    pictures: count,
    outside,
  };
}
