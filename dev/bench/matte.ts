/**
 * `matte_edge_error`: the share of edge pixels whose alpha Peel's matte (src/core/matte.ts) gets wrong, on
 * synthetic pictures whose true matte is known. Each picture is a subject (overlapping discs, a bar and a ring,
 * anti-aliased by 4×4 supersampling, in colours far from the key, striped) over a flat key colour with a little
 * noise, some of them upscaled by nearest neighbour (as a model's or the emulator's working size is). Edge pixels
 * are those partly covered, or beside a pixel on the other side of half coverage; a pixel is wrong when its
 * alpha is more than 0.1 off.
 */
import { hexRgb, KEY_COLOURS, type KeyColour, matte, type Rgb } from '../../src/core/matte';
import { seededRandom as random } from '../../test/support/seeded';

export interface KnownMatte {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
  /** The true coverage of each pixel, 0 to 1. */
  readonly alpha: Float32Array;
  readonly key: KeyColour;
}

const dist = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

type Shape = (x: number, y: number) => boolean;

export interface SyntheticOptions {
  readonly width?: number;
  readonly height?: number;
  /** Nearest-neighbour upscale factor from the drawing size (1: drawn at full size). */
  readonly blocks?: number;
  /** Largest noise added to each channel. */
  readonly noise?: number;
  /** Colours for the subject: by default far from the key (at least 180 away). */
  readonly colours?: readonly Rgb[];
}

/** A subject with a known matte over `key`. */
export function syntheticCutout(seed: number, key: KeyColour, options: SyntheticOptions = {}): KnownMatte {
  const rand = random(seed);
  const width = options.width ?? 384;
  const height = options.height ?? 288;
  const blocks = options.blocks ?? 1;
  const w = Math.ceil(width / blocks);
  const h = Math.ceil(height / blocks);
  const keyRgb = hexRgb(key);
  const colours: Rgb[] = [...(options.colours ?? [])];
  while (colours.length < 2) {
    const c: Rgb = [Math.floor(rand() * 256), Math.floor(rand() * 256), Math.floor(rand() * 256)];
    if (dist(c, keyRgb) >= 180) colours.push(c);
  }
  const shapes: Shape[] = [];
  const cx = w * (0.4 + rand() * 0.2);
  const cy = h * (0.4 + rand() * 0.2);
  const r = Math.min(w, h) * (0.18 + rand() * 0.08);
  shapes.push((x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
  const r2 = r * (0.5 + rand() * 0.3);
  const a2 = rand() * Math.PI * 2;
  shapes.push((x, y) => (x - cx - Math.cos(a2) * r) ** 2 + (y - cy - Math.sin(a2) * r) ** 2 <= r2 * r2);
  const tilt = (rand() - 0.5) * 0.8;
  shapes.push((x, y) => {
    const u = (x - cx) * Math.cos(tilt) + (y - cy) * Math.sin(tilt);
    const v = -(x - cx) * Math.sin(tilt) + (y - cy) * Math.cos(tilt);
    return Math.abs(u) <= r * 1.6 && Math.abs(v) <= r * 0.18;
  });
  const rx = cx + r * 1.2;
  const ry = cy - r * 0.9;
  shapes.push((x, y) => {
    const d = Math.hypot(x - rx, y - ry);
    return d <= r * 0.45 && d >= r * 0.25;
  });
  const stripe = 6 + Math.floor(rand() * 10);

  // Coverage at the drawing size, 4×4 samples a pixel.
  const small = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4;
          const py = y + (sy + 0.5) / 4;
          if (shapes.some((s) => s(px, py))) hits++;
        }
      }
      small[y * w + x] = hits / 16;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const alpha = new Float32Array(width * height);
  const noise = options.noise ?? 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w - 1, Math.floor(x / blocks));
      const sy = Math.min(h - 1, Math.floor(y / blocks));
      const a = small[sy * w + sx] ?? 0;
      const colour = colours[Math.floor((sx + sy) / stripe) % colours.length] as Rgb;
      const p = y * width + x;
      alpha[p] = a;
      for (let c = 0; c < 3; c++) {
        const grain = Math.round((rand() * 2 - 1) * noise);
        data[p * 4 + c] = Math.round(a * (colour[c] ?? 0) + (1 - a) * (keyRgb[c] ?? 0)) + grain;
      }
      data[p * 4 + 3] = 255;
    }
  }
  return { width, height, data, alpha, key };
}

/** Edge pixels of a known matte: partly covered, or beside a pixel on the other side of half coverage. */
export function edgePixels(known: Pick<KnownMatte, 'width' | 'height' | 'alpha'>): number[] {
  const { width, height, alpha } = known;
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const a = alpha[p] ?? 0;
      let edge = a > 0 && a < 1;
      for (let dy = -1; dy <= 1 && !edge; dy++) {
        for (let dx = -1; dx <= 1 && !edge; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          if ((alpha[yy * width + xx] ?? 0) >= 0.5 !== a >= 0.5) edge = true;
        }
      }
      if (edge) out.push(p);
    }
  }
  return out;
}

/** Alpha more than this off counts as wrong. */
export const ALPHA_TOLERANCE = 0.1;

export interface EdgeError {
  readonly edgePixels: number;
  readonly wrong: number;
  readonly share: number;
  /** Pictures the matte refused (none should be). */
  readonly refused: number;
  readonly pictures: number;
  /** Wrong pixels away from the edge (the subject or the background). */
  readonly wrongElsewhere: number;
}

/** The matte's edge error over `count` pictures from `seed`, every key colour in turn and two sizes of block. */
export function measureMatteEdgeError(seed = 21, count = 12): EdgeError {
  let edges = 0;
  let wrong = 0;
  let refused = 0;
  let wrongElsewhere = 0;
  for (let i = 0; i < count; i++) {
    const key = KEY_COLOURS[i % KEY_COLOURS.length] as KeyColour;
    const known = syntheticCutout(seed + i, key, { blocks: i % 3 === 2 ? 3 : 1 });
    const result = matte(known, key);
    const edge = edgePixels(known);
    edges += edge.length;
    if (!result.ok) {
      refused++;
      wrong += edge.length;
      continue;
    }
    const isEdge = new Uint8Array(known.width * known.height);
    for (const p of edge) isEdge[p] = 1;
    for (let p = 0; p < isEdge.length; p++) {
      const off = Math.abs((result.data[p * 4 + 3] ?? 0) / 255 - (known.alpha[p] ?? 0)) > ALPHA_TOLERANCE;
      if (!off) continue;
      if (isEdge[p]) wrong++;
      else wrongElsewhere++;
    }
  }
  return { edgePixels: edges, wrong, share: edges > 0 ? wrong / edges : 0, refused, pictures: count, wrongElsewhere };
}
