import { describe, expect, it } from 'vitest';
import { edgePixels, syntheticCutout } from '../../dev/bench/matte';
import { chooseKey, dominantColours, hexRgb, KEY_COLOURS, matte, pngHasAlpha, type Rgb } from '../../src/core/matte';

/** A flat picture of one colour, with an optional square of another. */
function flat(width: number, height: number, colour: Rgb, square?: { colour: Rgb; size: number }): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSquare =
        square && Math.abs(x - width / 2) < square.size / 2 && Math.abs(y - height / 2) < square.size / 2;
      const c = inSquare ? square.colour : colour;
      data.set([c[0], c[1], c[2], 255], (y * width + x) * 4);
    }
  }
  return data;
}

describe('choosing the key colour', () => {
  it('picks green for a red and blue picture, and magenta for a green one', () => {
    expect(
      chooseKey([
        [200, 30, 30],
        [30, 40, 200],
      ]),
    ).toBe('#00FF00');
    expect(
      chooseKey([
        [40, 180, 60],
        [20, 120, 30],
      ]),
    ).toBe('#FF00FF');
  });

  it('takes the key whose nearest picture colour is farthest away', () => {
    const colours: Rgb[] = [
      [250, 0, 250],
      [0, 250, 0],
      [10, 10, 240],
    ];
    const key = chooseKey(colours);
    const gap = (hex: string) =>
      Math.min(...colours.map((c) => Math.hypot(...c.map((v, i) => v - (hexRgb(hex)[i] ?? 0)))));
    for (const other of KEY_COLOURS) expect(gap(key)).toBeGreaterThanOrEqual(gap(other));
  });

  it('finds a picture’s main colours, most common first', () => {
    const data = flat(100, 100, [20, 160, 40], { colour: [220, 30, 30], size: 40 });
    const colours = dominantColours({ width: 100, height: 100, data });
    expect(colours[0]).toEqual([20, 160, 40]);
    expect(colours[1]).toEqual([220, 30, 30]);
    expect(chooseKey(colours)).not.toBe('#00FF00');
  });
});

describe('the matte', () => {
  it('cuts known subjects out of every key colour, at most 2% of edge pixels wrong', () => {
    let edges = 0;
    let wrongEdge = 0;
    let wrongElsewhere = 0;
    let pixels = 0;
    for (const [i, key] of KEY_COLOURS.entries()) {
      for (const blocks of [1, 3]) {
        const seed = 100 + i * 2 + blocks;
        const known = syntheticCutout(seed, key, { blocks });
        const result = matte(known, key);
        if (!result.ok) throw new Error(`seed ${seed}: refused: ${result.reason}`);
        const edge = new Set(edgePixels(known));
        edges += edge.size;
        pixels += known.width * known.height;
        for (let p = 0; p < known.width * known.height; p++) {
          const off = Math.abs((result.data[p * 4 + 3] ?? 0) / 255 - (known.alpha[p] ?? 0)) > 0.1;
          if (off && edge.has(p)) wrongEdge++;
          else if (off) wrongElsewhere++;
        }
      }
    }
    expect(wrongEdge / edges).toBeLessThanOrEqual(0.02);
    // Away from the edge the subject is opaque and the background fully transparent, but where one of the
    // subject's colours lies on the line between the key and another of them, right beside the background:
    // colour alone cannot tell such a pixel from a mix.
    expect(wrongElsewhere / pixels).toBeLessThanOrEqual(0.002);
  });

  it('takes the key’s colour out of partly transparent pixels', () => {
    const key = '#00FF00';
    const subject: Rgb = [200, 40, 60];
    const known = syntheticCutout(7, key, { colours: [subject, subject], noise: 0 });
    const result = matte(known, key);
    if (!result.ok) throw new Error(result.reason);
    let checked = 0;
    for (let p = 0; p < known.width * known.height; p++) {
      const a = result.data[p * 4 + 3] ?? 0;
      if (a < 64 || a > 230) continue;
      checked++;
      // The green a half-covered pixel shows is the key's, not the subject's: it goes.
      expect(Math.abs((result.data[p * 4 + 1] ?? 0) - subject[1])).toBeLessThanOrEqual(24);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('refuses a subject the key bleeds into, with the share that would be see-through', () => {
    const key = '#00FF00';
    // Leaves of nearly the key's own green: the matte would make them see-through.
    const known = syntheticCutout(3, key, {
      colours: [
        [30, 225, 40],
        [50, 210, 30],
      ],
    });
    const result = matte(known, key);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('bleed');
    expect(result.bleed).toBeGreaterThan(0.02);
  });

  it('refuses a picture whose edge is not the key (the model ignored it)', () => {
    const data = flat(64, 48, [255, 255, 255], { colour: [200, 30, 30], size: 20 });
    const result = matte({ width: 64, height: 48, data }, '#00FF00');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('border');
  });

  it('refuses a picture with nothing but the key', () => {
    const data = flat(32, 32, [0, 255, 0]);
    const result = matte({ width: 32, height: 32, data }, '#00FF00');
    expect(result.ok ? 'ok' : result.reason).toBe('empty');
  });

  it('follows the background as the model drew it, a little off the key asked for', () => {
    const known = syntheticCutout(11, '#00FF00', { noise: 6 });
    const drifted = new Uint8ClampedArray(known.data);
    for (let p = 0; p < drifted.length; p += 4) {
      drifted[p] = (drifted[p] ?? 0) + Math.round(20 * (1 - (known.alpha[p / 4] ?? 0)));
      drifted[p + 1] = (drifted[p + 1] ?? 0) - Math.round(25 * (1 - (known.alpha[p / 4] ?? 0)));
    }
    const result = matte({ ...known, data: drifted }, '#00FF00');
    if (!result.ok) throw new Error(result.reason);
    expect(result.measuredKey[0]).toBeGreaterThan(15);
    const background = [...known.alpha].indexOf(0);
    expect(result.data[background * 4 + 3]).toBe(0);
  });
});

describe('pngHasAlpha', () => {
  const header = (type: number) => [
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    0,
    0,
    0,
    13,
    73,
    72,
    68,
    82,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    type,
  ];
  it('reads the colour type of the IHDR chunk', () => {
    expect(pngHasAlpha(header(6))).toBe(true);
    expect(pngHasAlpha(header(4))).toBe(true);
    expect(pngHasAlpha(header(2))).toBe(false);
    expect(pngHasAlpha([0xff, 0xd8, 0xff])).toBe(false);
  });
});
