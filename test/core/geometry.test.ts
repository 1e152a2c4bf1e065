import { describe, expect, it } from 'vitest';
import { COMMON_ASPECT_RATIOS } from '../../src/core/gemini/catalog';
import {
  backgroundPlacement,
  cover,
  DOCS_DEFAULT_RATIO,
  docsContentWidth,
  docsImageSize,
  fitInside,
  nearestAspectRatio,
  parseAspectRatio,
  slideMargin,
  slidePlacement,
} from '../../src/core/geometry';

const DECK = { width: 720, height: 405 };
const LETTER = { pageWidth: 612, pageHeight: 792, marginLeft: 72, marginRight: 72, marginTop: 72, marginBottom: 72 };

describe('parseAspectRatio', () => {
  it('reads W:H and refuses anything else', () => {
    expect(parseAspectRatio('16:9')).toBeCloseTo(16 / 9);
    expect(parseAspectRatio(' 4 : 3 ')).toBeCloseTo(4 / 3);
    expect(parseAspectRatio('0:1')).toBeNull();
    expect(parseAspectRatio('wide')).toBeNull();
    expect(parseAspectRatio('16/9')).toBeNull();
  });
});

describe('nearestAspectRatio', () => {
  it('picks exact matches and the closest ratio in log space', () => {
    expect(nearestAspectRatio(16 / 9, COMMON_ASPECT_RATIOS)).toBe('16:9');
    expect(nearestAspectRatio(720 / 405, COMMON_ASPECT_RATIOS)).toBe('16:9');
    // 4:3 slides (10 × 7.5 in).
    expect(nearestAspectRatio(720 / 540, COMMON_ASPECT_RATIOS)).toBe('4:3');
    // The demo's picture placeholder, 420 × 290 (1.448): 3:2 (1.5) is nearer than 4:3 (1.333) in log space.
    expect(nearestAspectRatio(420 / 290, COMMON_ASPECT_RATIOS)).toBe('3:2');
  });

  it('treats too wide and too tall alike (log space, not linear)', () => {
    // Linear distance would call 2.0 nearer to 16:9 (1.78) than 0.5 is to 9:16 (0.5625); in log space they mirror.
    const wide = nearestAspectRatio(2, COMMON_ASPECT_RATIOS);
    const tall = nearestAspectRatio(0.5, COMMON_ASPECT_RATIOS);
    expect(`${wide}|${tall}`).toBe('16:9|9:16');
    // Between 1:1 and 5:4 the geometric midpoint is sqrt(1.25) ≈ 1.118, not the arithmetic 1.125.
    expect(nearestAspectRatio(1.12, ['1:1', '5:4'])).toBe('5:4');
    expect(nearestAspectRatio(1.116, ['1:1', '5:4'])).toBe('1:1');
  });

  it('uses the extreme ratios only when offered', () => {
    expect(nearestAspectRatio(8, COMMON_ASPECT_RATIOS)).toBe('21:9');
    expect(nearestAspectRatio(8, [...COMMON_ASPECT_RATIOS, '8:1', '4:1'])).toBe('8:1');
  });

  it('skips malformed entries and refuses unusable input', () => {
    expect(nearestAspectRatio(1, ['wide', '1:1'])).toBe('1:1');
    expect(() => nearestAspectRatio(Number.NaN, ['1:1'])).toThrow(RangeError);
    expect(() => nearestAspectRatio(0, ['1:1'])).toThrow(RangeError);
    expect(() => nearestAspectRatio(1, ['wide'])).toThrow(RangeError);
  });
});

describe('slide placement', () => {
  it('fits inside the margins at the image’s own ratio, centred', () => {
    const margin = slideMargin(DECK);
    expect(margin).toBeCloseTo(20.25);
    const square = slidePlacement(DECK, 1);
    expect(square.height).toBeCloseTo(405 - 2 * margin);
    expect(square.width).toBeCloseTo(square.height);
    expect(square.left + square.width / 2).toBeCloseTo(360);
    expect(square.top).toBeCloseTo(margin);

    const wide = slidePlacement(DECK, 21 / 9);
    expect(wide.width).toBeCloseTo(720 - 2 * margin);
    expect(wide.width / wide.height).toBeCloseTo(21 / 9);
    expect(wide.top + wide.height / 2).toBeCloseTo(202.5);
  });

  it('fitInside and cover keep the ratio and the centre', () => {
    const box = { left: 10, top: 20, width: 300, height: 100 };
    const inside = fitInside(box, 1);
    expect(inside).toEqual({ left: 110, top: 20, width: 100, height: 100 });
    const over = cover(box, 1);
    expect(over).toEqual({ left: 10, top: -80, width: 300, height: 300 });
  });

  it('a background covers the whole slide and only overflows on one axis', () => {
    const exact = backgroundPlacement(DECK, 16 / 9);
    expect(exact.left).toBeCloseTo(0);
    expect(exact.top).toBeCloseTo(0);
    expect(exact.width).toBeCloseTo(720);
    expect(exact.height).toBeCloseTo(405);
    const square = backgroundPlacement(DECK, 1);
    expect(square.width).toBe(720);
    expect(square.height).toBe(720);
    expect(square.top).toBeCloseTo(-157.5);
    expect(square.left).toBe(0);
  });
});

describe('Docs sizes', () => {
  it('the text column is the page less its side margins', () => {
    expect(docsContentWidth(LETTER)).toBe(468);
    expect(docsContentWidth({ pageWidth: 100, marginLeft: 60, marginRight: 60 })).toBe(1);
  });

  it('an image is as wide as the column at its ratio, in whole units (1 unit per point)', () => {
    expect(docsImageSize(LETTER, 4 / 3)).toEqual({ width: 468, height: 351 });
    expect(docsImageSize(LETTER, 16 / 9)).toEqual({ width: 468, height: 263 });
  });

  it('in a table cell an image is as wide as the room it is given, not the page’s column', () => {
    expect(docsImageSize(LETTER, 4 / 3, 107)).toEqual({ width: 107, height: 80 });
  });

  it('a tall image is shrunk to fit between the top and bottom margins', () => {
    const tall = docsImageSize(LETTER, 1 / 8);
    expect(tall.height).toBeLessThanOrEqual(792 - 144);
    expect(tall.width / tall.height).toBeCloseTo(1 / 8, 1);
  });

  it('suggests 4:3 where nothing has a shape yet', () => {
    expect(DOCS_DEFAULT_RATIO).toBeCloseTo(4 / 3);
  });
});
