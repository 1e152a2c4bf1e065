import { describe, expect, it } from 'vitest';
import { markedCopy, outsideChange, regionPrompt } from '../../src/core/region';
import { decodeImage } from '../support/image';
import { Canvas, hsl } from './raster';
import { findMarkedRegion, markedRegionAsked, renderPicture } from './synth';

function source(): Canvas {
  const canvas = new Canvas(320, 240);
  canvas.verticalGradient(hsl(200, 0.6, 0.7), hsl(120, 0.5, 0.35));
  canvas.fillCircle(240, 80, 30, hsl(50, 0.9, 0.6));
  return canvas;
}

const region = { left: 40, top: 30, width: 100, height: 70 };

describe('the emulator asked to change only a marked region', () => {
  it('reads the words that name a marked region', () => {
    expect(markedRegionAsked(regionPrompt('add a boat', '#FF00FF', 'at the upper left'))).toBe(true);
    expect(markedRegionAsked('Make the sky more dramatic')).toBe(false);
  });

  it('finds the part the marked copy outlines', () => {
    const picture = source();
    const marked = { width: 320, height: 240, data: new Uint8Array(markedCopy(picture, region, '#FF00FF')) };
    expect(findMarkedRegion(picture, marked)).toEqual(region);
    expect(findMarkedRegion(picture, picture)).toBeNull();
  });

  it('finds it on a marked copy drawn smaller than the picture, in the picture’s pixels', () => {
    const picture = source();
    const small = new Canvas(160, 120);
    small.drawStretched(picture);
    const half = { left: 20, top: 15, width: 50, height: 35 };
    const marked = { width: 160, height: 120, data: new Uint8Array(markedCopy(small, half, '#FF00FF')) };
    expect(findMarkedRegion(picture, marked)).toEqual(region);
  });

  it('changes the region and, as Gemini does, some of the picture outside it too', () => {
    const picture = source();
    const marked = { width: 320, height: 240, data: new Uint8Array(markedCopy(picture, region, '#FF00FF')) };
    const answer = decodeImage(
      renderPicture({
        kind: 'edit',
        text: regionPrompt('add a boat', '#FF00FF', 'at the upper left'),
        seed: Buffer.from('a7'.repeat(16), 'hex'),
        width: 320,
        height: 240,
        mime: 'image/png',
        caption: 'x',
        source: picture,
        marked,
      }),
    );
    expect([answer.width, answer.height]).toEqual([320, 240]);
    const outside = outsideChange(picture, answer, region);
    expect(outside.share).toBeGreaterThan(0.01);
    expect(outside.share).toBeLessThan(0.5);
    // Inside the region nearly every pixel changed.
    let changedInside = 0;
    for (let y = region.top + 2; y < region.top + region.height - 2; y++) {
      for (let x = region.left + 2; x < region.left + region.width - 2; x++) {
        const i = (y * 320 + x) * 4;
        if ([0, 1, 2].some((c) => Math.abs((answer.data[i + c] ?? 0) - (picture.data[i + c] ?? 0)) > 24))
          changedInside++;
      }
    }
    expect(changedInside / ((region.width - 4) * (region.height - 4))).toBeGreaterThan(0.9);
  });
});
