/** A minimal RGBA raster: just the drawing operations the synthetic pictures need, in pure JavaScript. */
import type { Rgba } from '../support/image';

export type Rgb = readonly [number, number, number];

export class Canvas implements Rgba {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  /** Blends `color` over the rectangle, clipped to the canvas. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) this.blend((py * this.width + px) * 4, color, alpha);
    }
  }

  fillCircle(cx: number, cy: number, r: number, color: Rgb, alpha = 1): void {
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(this.height, Math.ceil(cy + r));
    for (let py = y0; py < y1; py++) {
      const dy = py + 0.5 - cy;
      const half = Math.sqrt(Math.max(0, r * r - dy * dy));
      const x0 = Math.max(0, Math.floor(cx - half));
      const x1 = Math.min(this.width, Math.ceil(cx + half));
      for (let px = x0; px < x1; px++) this.blend((py * this.width + px) * 4, color, alpha);
    }
  }

  verticalGradient(top: Rgb, bottom: Rgb): void {
    for (let y = 0; y < this.height; y++) {
      const t = this.height > 1 ? y / (this.height - 1) : 0;
      const color: Rgb = [mix(top[0], bottom[0], t), mix(top[1], bottom[1], t), mix(top[2], bottom[2], t)];
      this.fillRect(0, y, this.width, 1, color);
    }
  }

  /** Stretches `source` over the rectangle (the whole canvas by default) with nearest-neighbour sampling. */
  drawStretched(source: Rgba, x = 0, y = 0, w = this.width, h = this.height): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let py = y0; py < y1; py++) {
      const sy = Math.min(source.height - 1, Math.floor(((py - y0 + 0.5) * source.height) / (y1 - y0)));
      for (let px = x0; px < x1; px++) {
        const sx = Math.min(source.width - 1, Math.floor(((px - x0 + 0.5) * source.width) / (x1 - x0)));
        const from = (sy * source.width + sx) * 4;
        const to = (py * this.width + px) * 4;
        this.data[to] = source.data[from] ?? 0;
        this.data[to + 1] = source.data[from + 1] ?? 0;
        this.data[to + 2] = source.data[from + 2] ?? 0;
        this.data[to + 3] = 255;
      }
    }
  }

  toGrey(): void {
    for (let i = 0; i < this.data.length; i += 4) {
      const grey = Math.round(
        0.3 * (this.data[i] ?? 0) + 0.59 * (this.data[i + 1] ?? 0) + 0.11 * (this.data[i + 2] ?? 0),
      );
      this.data[i] = grey;
      this.data[i + 1] = grey;
      this.data[i + 2] = grey;
    }
  }

  private blend(i: number, color: Rgb, alpha: number): void {
    this.data[i] = mix(this.data[i] ?? 0, color[0], alpha);
    this.data[i + 1] = mix(this.data[i + 1] ?? 0, color[1], alpha);
    this.data[i + 2] = mix(this.data[i + 2] ?? 0, color[2], alpha);
    this.data[i + 3] = 255;
  }
}

function mix(a: number, b: number, t: number): number {
  return Math.round(a + (b - a) * t);
}

/**
 * Nearest-neighbour upscale to the output size, with a little deterministic grain so encoded sizes land
 * nearer real ones (a real 1K PNG is about a megabyte; a flat synthetic one would be a few kilobytes).
 */
export function upscale(source: Rgba, width: number, height: number, seed: number, grain = true): Rgba {
  const out = new Uint8Array(width * height * 4);
  const columns = new Uint32Array(width);
  for (let x = 0; x < width; x++) columns[x] = Math.min(source.width - 1, Math.floor((x * source.width) / width)) * 4;
  let state = seed >>> 0 || 1;
  for (let y = 0; y < height; y++) {
    const row = Math.min(source.height - 1, Math.floor((y * source.height) / height)) * source.width * 4;
    let i = y * width * 4;
    for (let x = 0; x < width; x++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = grain ? state & 3 : 0;
      const from = row + (columns[x] ?? 0);
      out[i] = (source.data[from] ?? 0) ^ noise;
      out[i + 1] = (source.data[from + 1] ?? 0) ^ noise;
      out[i + 2] = (source.data[from + 2] ?? 0) ^ noise;
      out[i + 3] = 255;
      i += 4;
    }
  }
  return { width, height, data: out };
}

export function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
