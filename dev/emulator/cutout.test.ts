import { describe, expect, it } from 'vitest';
import { matte } from '../../src/core/matte';
import { quickInstruction } from '../../src/core/quick-edits';
import { decodeImage } from '../support/image';
import { Canvas, hsl } from './raster';
import { keyColourAsked, renderPicture } from './synth';

/** A source picture of warm colours, as a slide's photo might be. */
function source(): Canvas {
  const canvas = new Canvas(160, 120);
  canvas.verticalGradient(hsl(20, 0.7, 0.6), hsl(40, 0.6, 0.35));
  canvas.fillCircle(80, 60, 30, hsl(0, 0.8, 0.5));
  return canvas;
}

describe('the emulator asked for a subject on a key colour', () => {
  it('reads the key colour Peel’s “Remove background” names', () => {
    const { prompt } = quickInstruction({ kind: 'remove-background', key: '#FF00FF' });
    expect(keyColourAsked(prompt)).toEqual([255, 0, 255]);
    expect(keyColourAsked('Make the sky more dramatic')).toBeNull();
  });

  it('paints the subject on exactly that colour, with anti-aliased edges, and Peel’s matte cuts it out', () => {
    const { prompt } = quickInstruction({ kind: 'remove-background', key: '#00FF00' });
    const picture = decodeImage(
      renderPicture({
        kind: 'edit',
        text: prompt,
        seed: Buffer.from('d4'.repeat(16), 'hex'),
        width: 1024,
        height: 768,
        mime: 'image/png',
        caption: 'x',
        source: source(),
      }),
    );
    const { width, height, data } = picture;
    const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
    // The whole edge is the key, exactly: no grain.
    for (let x = 0; x < width; x += 7) {
      expect(at(x, 0)).toEqual([0, 255, 0]);
      expect(at(x, height - 1)).toEqual([0, 255, 0]);
    }
    // Along a row through the middle: key, then mixed pixels (neither key nor subject), then the subject.
    const row = Array.from({ length: width / 2 }, (_, x) => at(x, Math.round(height * 0.54)));
    const mixed = row.filter(([, g = 0]) => g > 40 && g < 250);
    expect(mixed.length).toBeGreaterThan(0);
    const result = matte(picture, '#00FF00');
    if (!result.ok) throw new Error(result.reason);
    expect(result.data[3]).toBe(0);
    const centre = (Math.round(height * 0.54) * width + width / 2) * 4 + 3;
    expect(result.data[centre]).toBe(255);
  });
});
