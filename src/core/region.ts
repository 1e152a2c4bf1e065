/**
 * Edits kept to a marked region. Gemini's image models take no mask: asked to change one part, they redraw the
 * whole picture and edits land outside a mask or a box (public reports: lbjlaq/Antigravity-Manager #2226,
 * Anionex/banana-slides PR #528, whose region edits had to be documented as not repainting only inside the box).
 * So the region travels as a picture and as words: a marked copy (the same picture with the region outlined in a
 * colour far from the picture's own, picked as a cut-out's key is: core/matte.ts) and a sentence naming it. What
 * the model changed outside is then measured where the pixels are (the sidebar's canvas), and the person may keep
 * the original outside the region, joined to the model's part by a feathered seam.
 *
 * Pure: it takes and returns RGBA bytes, so node tests and the bench run exactly what the sidebar runs.
 */
import type { Words } from './i18n';
import { hexRgb, isKeyColour, keyName, type Pixels, type Rgb } from './matte';

/** A rectangle on a picture, in its pixels: left and top from its upper left corner. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Why a region cannot be used on a picture of `size`, as the sentence a person reads (its key in the server's
 * catalog, said where the reader's language is known), or null when it can. A region is whole pixels inside the
 * picture, at least one pixel wide and high.
 */
export function regionProblem(region: Region, size: Size): Words | null {
  const { left, top, width, height } = region;
  if (![left, top, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return { key: 'regionNoCorners' };
  }
  if (![left, top, width, height].every(Number.isInteger)) return { key: 'regionNotWhole' };
  if (width < 1 || height < 1) return { key: 'regionEmpty' };
  if (left < 0 || top < 0 || left + width > size.width || top + height > size.height) {
    return { key: 'regionOutside', params: { width: String(size.width), height: String(size.height) } };
  }
  return null;
}

/** The region moved and clamped into a picture of `size` (what a drag gives), at least one pixel. */
export function clampRegion(region: Region, size: Size): Region {
  const left = Math.min(Math.max(0, Math.round(region.left)), size.width - 1);
  const top = Math.min(Math.max(0, Math.round(region.top)), size.height - 1);
  const right = Math.min(size.width, Math.max(left + 1, Math.round(region.left + region.width)));
  const bottom = Math.min(size.height, Math.max(top + 1, Math.round(region.top + region.height)));
  return { left, top, width: right - left, height: bottom - top };
}

/** The same region on the picture drawn at another size (the model's answer may be larger or smaller). */
export function scaleRegion(region: Region, from: Size, to: Size): Region {
  const fx = to.width / from.width;
  const fy = to.height / from.height;
  return clampRegion(
    { left: region.left * fx, top: region.top * fy, width: region.width * fx, height: region.height * fy },
    to,
  );
}

/**
 * Where the region lies, in words a model reads as a person would say them: by its centre in thirds of the
 * picture ("at the upper left", "in the middle"), or "across" / "down" when it spans most of one side.
 */
export function regionPlace(region: Region, size: Size): string {
  const wide = region.width > (size.width * 2) / 3;
  const tall = region.height > (size.height * 2) / 3;
  if (wide && tall) return 'over most of the picture';
  const third = (centre: number, length: number) => (centre < length / 3 ? 0 : centre > (length * 2) / 3 ? 2 : 1);
  const column = third(region.left + region.width / 2, size.width);
  const row = third(region.top + region.height / 2, size.height);
  if (wide) return (['across the top', 'across the middle', 'across the bottom'] as const)[row];
  if (tall) return (['down the left side', 'down the middle', 'down the right side'] as const)[column];
  const places = [
    ['at the upper left', 'at the top', 'at the upper right'],
    ['on the left', 'in the middle', 'on the right'],
    ['at the lower left', 'at the bottom', 'at the lower right'],
  ] as const;
  return places[row][column];
}

/** A marking colour's name as the words say it ("magenta"), or its hex when it is not one of the key colours. */
export function markName(colour: string): string {
  return isKeyColour(colour) ? keyName(colour) : colour;
}

/** The sentence that names the region, as the brief for the model's change begins. */
export function regionSentence(colour: string, place: string): string {
  const name = markName(colour);
  return `Change only the part inside the ${name} rectangle, ${place}; keep everything else exactly as it is.`;
}

/**
 * What Gemini reads for an edit kept to a region: the sentence naming it, what the marked copy is for (a guide,
 * never to be drawn), then the person's instruction.
 */
export function regionPrompt(instruction: string, colour: string, place: string): string {
  const name = markName(colour);
  return (
    `${regionSentence(colour, place)} The copy of the picture with a ${name} rectangle only shows where that part ` +
    `is: do not draw the rectangle. The change: ${instruction.trim()}`
  );
}

/** What the thread shows for a region edit, so its conversation says the change was kept to a part. */
export function regionNote(place: string): string {
  return ` (in the marked part, ${place})`;
}

/**
 * The longest side of a marked copy. It only shows the model where the part is, and Gemini reads every input
 * image as about a thousand tokens whatever its size, so a large photo's copy is scaled to this (the sidebar
 * scales references likewise) rather than crossing google.script.run at full size with every variant.
 */
export const MARKED_COPY_SIDE = 1536;

/** The size the sidebar draws a picture's marked copy at: the picture's, scaled to fit MARKED_COPY_SIDE. */
export function markedCopySize(picture: Size): Size {
  const scale = Math.min(1, MARKED_COPY_SIDE / Math.max(picture.width, picture.height));
  return {
    width: Math.max(1, Math.round(picture.width * scale)),
    height: Math.max(1, Math.round(picture.height * scale)),
  };
}

/** The outline's width: visible at a model's working size (a few pixels at 1K), never thicker than 1/64 of it. */
export function markWidth(size: Size): number {
  return Math.max(3, Math.round(Math.max(size.width, size.height) / 256));
}

/**
 * The marked copy: the picture with an outline `markWidth` pixels wide drawn just outside the region (inside it
 * where the picture's edge leaves no room), so the region's own pixels show unchanged.
 */
export function markedCopy(picture: Pixels, region: Region, colour: Rgb | string): Uint8ClampedArray {
  const { width, height, data } = picture;
  const rgb = typeof colour === 'string' ? hexRgb(colour) : colour;
  const out = Uint8ClampedArray.from(data as ArrayLike<number>);
  const line = markWidth(picture);
  const right = region.left + region.width;
  const bottom = region.top + region.height;
  // Outside where there is room; against the picture's edge the line steps inside so all four sides show.
  const outer = {
    left: region.left - line >= 0 ? region.left - line : region.left,
    top: region.top - line >= 0 ? region.top - line : region.top,
    right: right + line <= width ? right + line : right,
    bottom: bottom + line <= height ? bottom + line : bottom,
  };
  const inner = {
    left: outer.left + line,
    top: outer.top + line,
    right: outer.right - line,
    bottom: outer.bottom - line,
  };
  for (let y = Math.max(0, outer.top); y < Math.min(height, outer.bottom); y++) {
    for (let x = Math.max(0, outer.left); x < Math.min(width, outer.right); x++) {
      if (x >= inner.left && x < inner.right && y >= inner.top && y < inner.bottom) continue;
      const i = (y * width + x) * 4;
      out[i] = rgb[0];
      out[i + 1] = rgb[1];
      out[i + 2] = rgb[2];
      out[i + 3] = 255;
    }
  }
  return out;
}

/** The seam's width: a feathered band a few pixels wide, wider on larger pictures. */
export function seamWidth(size: Size): number {
  return Math.max(3, Math.round(Math.max(size.width, size.height) / 200));
}

/**
 * How much of the model's picture each pixel keeps when the original is kept outside the region: 1 well inside
 * it, 0 outside it, and a smooth ramp over the `seam` pixels just inside its edge. The seam lies inside so that
 * nothing outside the region differs from the original, not even a copy of the outline the model may have drawn.
 */
export function keepWeight(x: number, y: number, region: Region, seam: number): number {
  const inside = Math.min(
    x - region.left + 0.5,
    region.left + region.width - x - 0.5,
    y - region.top + 0.5,
    region.top + region.height - y - 0.5,
  );
  if (inside <= 0) return 0;
  if (inside >= seam) return 1;
  const t = inside / seam;
  return t * t * (3 - 2 * t);
}

/** A pixel counts as changed when one of its channels moved by more than this (well above JPEG's noise). */
export const CHANGE_TOLERANCE = 24;

export interface OutsideChange {
  /** Pixels compared: those outside the region and the band around it. */
  readonly outside: number;
  /** Of those, the ones whose colour moved by more than CHANGE_TOLERANCE. */
  readonly changed: number;
  /** changed ÷ outside (0 when nothing is outside). */
  readonly share: number;
}

/**
 * How much of the picture outside the region the model changed: `after` against `before`, both the same size,
 * counting the pixels outside the region grown by `margin` (0: everything outside it).
 */
export function outsideChange(before: Pixels, after: Pixels, region: Region, margin = 0): OutsideChange {
  const { width, height } = before;
  if (after.width !== width || after.height !== height) {
    throw new Error(`Compare pictures of one size: ${width}×${height} and ${after.width}×${after.height}`);
  }
  const left = region.left - margin;
  const top = region.top - margin;
  const right = region.left + region.width + margin;
  const bottom = region.top + region.height + margin;
  let outside = 0;
  let changed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= left && x < right && y >= top && y < bottom) continue;
      outside++;
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        if (Math.abs((after.data[i + c] ?? 0) - (before.data[i + c] ?? 0)) > CHANGE_TOLERANCE) {
          changed++;
          break;
        }
      }
    }
  }
  return { outside, changed, share: outside > 0 ? changed / outside : 0 };
}

/**
 * "Keep everything else exactly": the original outside the region, the model's picture inside it, joined by a
 * feathered seam (`keepWeight`). Both pictures are the same size; the result is opaque RGBA of that size.
 */
export function keepOutside(before: Pixels, after: Pixels, region: Region): Uint8ClampedArray {
  const { width, height } = before;
  if (after.width !== width || after.height !== height) {
    throw new Error(`Composite pictures of one size: ${width}×${height} and ${after.width}×${after.height}`);
  }
  const seam = seamWidth(before);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const w = keepWeight(x, y, region, seam);
      for (let c = 0; c < 3; c++) {
        const a = before.data[i + c] ?? 0;
        out[i + c] =
          w === 0 ? a : w === 1 ? (after.data[i + c] ?? 0) : Math.round(a + ((after.data[i + c] ?? 0) - a) * w);
      }
      out[i + 3] = 255;
    }
  }
  return out;
}
