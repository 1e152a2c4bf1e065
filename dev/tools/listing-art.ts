/**
 * The Marketplace listing's own pictures (docs/publishing.md, Assets), drawn in code so they can be made again on
 * a clean clone: the icon (a picture card with its corner peeled back, on Peel's yellow) at any size, and the
 * 220 × 140 card banner. Shapes are sampled 4 × 4 times per pixel, so the 32 px icon has smooth edges.
 */
import { drawText } from '../emulator/font';
import { Canvas, type Rgb } from '../emulator/raster';
import type { Rgba } from '../support/image';

type Paint = readonly [r: number, g: number, b: number, a: number];
/** What covers a point of the unit square (x right, y down), or null where nothing does. */
type Shader = (x: number, y: number) => Paint | null;

const SAMPLES = 4;

const YELLOW_TOP: Rgb = [255, 214, 79];
const YELLOW_BOTTOM: Rgb = [244, 163, 0];
const CARD: Rgb = [255, 255, 255];
const FLAP: Rgb = [226, 232, 236];
const SUN: Rgb = [244, 163, 0];
const HILL_FAR: Rgb = [58, 163, 154];
const HILL_NEAR: Rgb = [14, 110, 110];
const BANNER_TOP: Rgb = [14, 79, 92];
const BANNER_BOTTOM: Rgb = [14, 110, 110];

function mix(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Inside the triangle with corners (ax, ay), (bx, by), (cx, cy), whichever way round they go. */
function inTriangle(x: number, y: number, [ax, ay, bx, by, cx, cy]: readonly number[]): boolean {
  const side = (px: number, py: number, qx: number, qy: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
  const d1 = side(ax ?? 0, ay ?? 0, bx ?? 0, by ?? 0);
  const d2 = side(bx ?? 0, by ?? 0, cx ?? 0, cy ?? 0);
  const d3 = side(cx ?? 0, cy ?? 0, ax ?? 0, ay ?? 0);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

const opaque = ([r, g, b]: Rgb): Paint => [r, g, b, 255];

/**
 * Peel's icon in the unit square: a rounded yellow tile, a white picture card (sun and two hills) whose top-right
 * corner is peeled back as a folded flap. Transparent outside the tile.
 */
export const iconShader: Shader = (x, y) => {
  if (!inRoundedRect(x, y, 0, 0, 1, 1, 0.2)) return null;
  const tile = opaque([
    mix(YELLOW_TOP[0], YELLOW_BOTTOM[0], y),
    mix(YELLOW_TOP[1], YELLOW_BOTTOM[1], y),
    mix(YELLOW_TOP[2], YELLOW_BOTTOM[2], y),
  ]);
  const [left, top, right, bottom, fold] = [0.17, 0.2, 0.83, 0.8, 0.24];
  // The peeled corner: the card is gone above the fold, and the flap is its mirror image across the fold line.
  const cut = right - x + (y - top) < fold;
  const flap = x >= right - fold && y <= top + fold && x - (right - fold) <= y - top;
  if (flap) {
    const shade = Math.min(1, (x - (right - fold) + (top + fold - y)) / fold);
    return opaque([mix(FLAP[0], 190, shade * 0.35), mix(FLAP[1], 198, shade * 0.35), mix(FLAP[2], 204, shade * 0.35)]);
  }
  if (cut || !inRoundedRect(x, y, left, top, right, bottom, 0.06)) {
    // A soft shadow under the card's lower edge lifts it off the tile.
    const shadow = x > left + 0.02 && x < right && y > bottom && y < bottom + 0.035;
    return shadow ? opaque([tile[0] * 0.82, tile[1] * 0.82, tile[2] * 0.82]) : tile;
  }
  const inner = y < bottom - 0.06;
  if (inner && (x - 0.37) ** 2 + (y - 0.4) ** 2 < 0.075 ** 2) return opaque(SUN);
  if (inner && inTriangle(x, y, [0.6, 0.74, 0.72, 0.5, 0.83, 0.74])) return opaque(HILL_FAR);
  if (inner && inTriangle(x, y, [0.17, 0.74, 0.42, 0.46, 0.67, 0.74])) return opaque(HILL_NEAR);
  return opaque(CARD);
};

/** Renders a shader over a width × height raster, averaging SAMPLES² points per pixel (alpha-weighted). */
export function render(shader: Shader, width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const paint = shader((px + (sx + 0.5) / SAMPLES) / width, (py + (sy + 0.5) / SAMPLES) / height);
          if (!paint) continue;
          const weight = paint[3] / 255;
          r += paint[0] * weight;
          g += paint[1] * weight;
          b += paint[2] * weight;
          a += weight;
        }
      }
      const i = (py * width + px) * 4;
      data[i] = a > 0 ? Math.round(r / a) : 0;
      data[i + 1] = a > 0 ? Math.round(g / a) : 0;
      data[i + 2] = a > 0 ? Math.round(b / a) : 0;
      data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return { width, height, data };
}

export function drawIcon(size: number): Rgba {
  return render(iconShader, size, size);
}

export const BANNER_WIDTH = 220;
export const BANNER_HEIGHT = 140;

/** The 220 × 140 card banner: the icon on a teal ground, Peel's name and what it does. */
export function drawBanner(): Rgba {
  const [w, h] = [BANNER_WIDTH, BANNER_HEIGHT];
  const icon = { x: 16, y: 36, size: 68 };
  const banner = render(
    (x, y) => {
      const [px, py] = [x * w, y * h];
      const inIcon =
        px >= icon.x && px < icon.x + icon.size && py >= icon.y && py < icon.y + icon.size
          ? iconShader((px - icon.x) / icon.size, (py - icon.y) / icon.size)
          : null;
      if (inIcon) return inIcon;
      return opaque([
        mix(BANNER_TOP[0], BANNER_BOTTOM[0], y),
        mix(BANNER_TOP[1], BANNER_BOTTOM[1], y),
        mix(BANNER_TOP[2], BANNER_BOTTOM[2], y),
      ]);
    },
    w,
    h,
  );
  // The emulator's 5 × 7 font: "PEEL" at 4× (24 px per letter), the line under it at 1×.
  const canvas = new Canvas(w, h);
  canvas.data.set(banner.data);
  drawText(canvas, 'Peel', 100, 44, 4, [255, 255, 255]);
  drawText(canvas, 'Pictures from', 101, 82, 1, [255, 236, 179]);
  drawText(canvas, 'a prompt, in place', 101, 92, 1, [255, 236, 179]);
  return canvas;
}
