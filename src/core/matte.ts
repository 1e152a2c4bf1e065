/**
 * True transparency. Gemini's image models return opaque pictures ("The model does not support generating a
 * transparent background", ai.google.dev/gemini-api/docs/image-generation), so a cut-out is two steps: the model
 * is asked for the subject on one flat key colour chosen far from the picture's own colours (`chooseKey`), then
 * Peel computes the matte itself where the pixels are (the sidebar's canvas) with `matte`: each pixel's distance
 * to the key becomes its alpha, and where the model left the key in the subject the cut-out is refused with a
 * sentence, so the person keeps the opaque picture rather than one with holes.
 *
 * Pure: it takes and returns RGBA bytes, so node tests and the bench run exactly what the sidebar runs.
 */

export type Rgb = readonly [number, number, number];

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel, row by row (what a canvas's ImageData holds). */
  readonly data: ArrayLike<number>;
}

/** The key colours Peel may ask for, in order of preference when several are as far from the picture. */
export const KEY_COLOURS = ['#00FF00', '#FF00FF', '#0000FF', '#00FFFF', '#FF0000', '#FFFF00'] as const;
export type KeyColour = (typeof KEY_COLOURS)[number];

const KEY_NAMES: Readonly<Record<KeyColour, string>> = {
  '#00FF00': 'green',
  '#FF00FF': 'magenta',
  '#0000FF': 'blue',
  '#00FFFF': 'cyan',
  '#FF0000': 'red',
  '#FFFF00': 'yellow',
};

export function keyName(key: KeyColour): string {
  return KEY_NAMES[key];
}

export function isKeyColour(value: string): value is KeyColour {
  return (KEY_COLOURS as readonly string[]).includes(value);
}

export function hexRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function distance(r: number, g: number, b: number, key: Rgb): number {
  const dr = r - key[0];
  const dg = g - key[1];
  const db = b - key[2];
  return Math.sqrt(dr * dr + dg * dg + db * db);
}

/** About this many pixels are looked at to find a picture's colours: enough for its main ones, fast at 4K. */
const SAMPLES = 65_536;
/** A colour counts as the picture's when it covers at least this share of it. */
const DOMINANT_SHARE = 0.004;

/**
 * The picture's main colours: a histogram of 4 bits a channel over a sample of its opaque pixels, each bin
 * covering at least DOMINANT_SHARE of them given as its mean colour, most common first.
 */
export function dominantColours(picture: Pixels, most = 12): Rgb[] {
  const { width, height, data } = picture;
  const total = width * height;
  const step = Math.max(1, Math.floor(total / SAMPLES));
  const bins = new Map<number, [number, number, number, number]>();
  let seen = 0;
  for (let p = 0; p < total; p += step) {
    const i = p * 4;
    if ((data[i + 3] ?? 255) < 128) continue;
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const bin = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const sum = bins.get(bin) ?? [0, 0, 0, 0];
    sum[0] += r;
    sum[1] += g;
    sum[2] += b;
    sum[3]++;
    bins.set(bin, sum);
    seen++;
  }
  return [...bins.values()]
    .filter((sum) => sum[3] >= Math.max(1, seen * DOMINANT_SHARE))
    .sort((a, b) => b[3] - a[3])
    .slice(0, most)
    .map(([r, g, b, n]) => [Math.round(r / n), Math.round(g / n), Math.round(b / n)] as const);
}

/**
 * The key colour whose nearest dominant colour is farthest away: the one the subject is least likely to
 * contain, so the matte can tell them apart. Ties go to the earlier key (green, as in film).
 */
export function chooseKey(colours: readonly Rgb[]): KeyColour {
  let best: KeyColour = KEY_COLOURS[0];
  let bestGap = -1;
  for (const key of KEY_COLOURS) {
    const rgb = hexRgb(key);
    const gap = colours.reduce((min, c) => Math.min(min, distance(c[0], c[1], c[2], rgb)), Number.POSITIVE_INFINITY);
    if (gap > bestGap + 1e-9) {
      best = key;
      bestGap = gap;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// The matte

export type MatteResult =
  | {
      readonly ok: true;
      /** RGBA with a real alpha channel; the key's colour is taken out of partly transparent pixels. */
      readonly data: Uint8ClampedArray;
      /** The background colour as the model drew it (near the key asked for). */
      readonly measuredKey: Rgb;
      /** Share of the subject's inner pixels that came out partly transparent. */
      readonly bleed: number;
    }
  | {
      readonly ok: false;
      /** Why the picture keeps its background; the sidebar says it (features/thread/cutout.ts). */
      readonly reason: 'border' | 'bleed' | 'empty';
      /** For `bleed`: the share of the subject that would come out see-through. */
      readonly bleed?: number;
    };

/** A border pixel this near the key asked for counts as background (the model's own key drifts a little). */
const KEY_TOLERANCE = 110;
/** Share of the picture's edge that must be background: a subject on the key touches it only here and there. */
const MIN_BORDER_SHARE = 0.5;
/** Share of the subject's inner pixels that may come out partly transparent before the matte is refused. */
const MAX_BLEED = 0.02;
/** Above the background's noise by this much, a pixel away from any edge is fully the subject. */
const RAMP = 64;
/**
 * An edge pixel is a mix of the key and a subject colour when it lies this near the line between them (a share of
 * its own distance from the key, plus the background's noise); otherwise it is the subject's own colour.
 */
const MIX_SLACK = 0.08;
/** An edge pixel whose colour covers more than this share of its neighbourhood is not a mix but the subject. */
const FLAT_SHARE = 0.4;

function smoothstep(t: number): number {
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t;
  return x * x * (3 - 2 * x);
}

/**
 * A colour with the key's cast taken out: each channel the key is full in (green's G; magenta's R and B) is held
 * to the strongest channel the key has none of, as keyers despill green.
 */
function despilled(colour: Rgb, key: Rgb): Rgb {
  const others = [0, 1, 2].filter((c) => (key[c] ?? 0) < 128).map((c) => colour[c] ?? 0);
  if (others.length === 0 || others.length === 3) return colour;
  const cap = Math.max(...others);
  return colour.map((v, c) => ((key[c] ?? 0) >= 128 ? Math.min(v, cap) : v)) as unknown as Rgb;
}

/** Chebyshev distance (in pixels, capped at `cap`) from each pixel to the nearest pixel where `mask` is set. */
function distanceTo(mask: Uint8Array, width: number, height: number, cap: number): Uint8Array {
  const out = new Uint8Array(mask.length).fill(cap);
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[i] = 0;
  const relax = (i: number, j: number) => {
    const via = (out[j] ?? cap) + 1;
    if (via < (out[i] ?? cap)) out[i] = via;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x > 0) relax(i, i - 1);
      if (y > 0) {
        relax(i, i - width);
        if (x > 0) relax(i, i - width - 1);
        if (x < width - 1) relax(i, i - width + 1);
      }
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (x < width - 1) relax(i, i + 1);
      if (y < height - 1) {
        relax(i, i + width);
        if (x < width - 1) relax(i, i + width + 1);
        if (x > 0) relax(i, i + width - 1);
      }
    }
  }
  return out;
}

function borderIndices(width: number, height: number): number[] {
  const out: number[] = [];
  for (let x = 0; x < width; x++) out.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) out.push(y * width, y * width + width - 1);
  return out;
}

/**
 * Cuts the subject out of a picture drawn on `key` (`#RRGGBB`). The background's colour and noise are measured
 * on the picture's edge; each pixel's distance to that colour becomes alpha. Next to the background a pixel is
 * taken as a mix of the key and the nearest subject colour and unmixed (its alpha is where it lies between the
 * two, its colour the subject's: the key's spill is taken out); elsewhere a smooth ramp from the background's
 * noise to RAMP above it. Refused when the edge is not mostly the key (the model did not put the subject on
 * it) or when the key shows through the subject (too many partly transparent pixels inside it).
 */
export function matte(picture: Pixels, keyHex: string): MatteResult {
  const { width, height, data } = picture;
  const n = width * height;
  const asked = hexRgb(keyHex);

  // 1. The background as drawn: the edge pixels near the key asked for, their mean and their spread.
  const edge = borderIndices(width, height);
  const near = edge.filter(
    (p) => distance(data[p * 4] ?? 0, data[p * 4 + 1] ?? 0, data[p * 4 + 2] ?? 0, asked) <= KEY_TOLERANCE,
  );
  if (near.length < edge.length * MIN_BORDER_SHARE) {
    return { ok: false, reason: 'border' };
  }
  const sum = [0, 0, 0];
  for (const p of near) for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (data[p * 4 + c] ?? 0);
  const key: Rgb = [(sum[0] ?? 0) / near.length, (sum[1] ?? 0) / near.length, (sum[2] ?? 0) / near.length];
  const spreads = near.map((p) => distance(data[p * 4] ?? 0, data[p * 4 + 1] ?? 0, data[p * 4 + 2] ?? 0, key));
  spreads.sort((a, b) => a - b);
  const noise = spreads[Math.floor(spreads.length * 0.95)] ?? 0;
  const low = Math.min(80, Math.max(16, noise * 1.5 + 6));
  const high = low + RAMP;
  // A subject colour an edge pixel mixes with is at least this much farther from the key than the pixel.
  const margin = Math.max(8, noise * 2);

  // 2. Distance to the key, and which pixels are background.
  const dist = new Float32Array(n);
  const background = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const d = distance(data[p * 4] ?? 0, data[p * 4 + 1] ?? 0, data[p * 4 + 2] ?? 0, key);
    dist[p] = d;
    if (d <= low) background[p] = 1;
  }
  // Edges are a pixel or two wide at a model's own size, wider where it drew smaller and scaled up.
  const reach = Math.max(3, Math.round(Math.max(width, height) / 256));
  const inner = Math.max(reach * 2, 6);
  const fromBackground = distanceTo(background, width, height, 255);

  // 3. Alpha: unmixed next to the background, a smooth ramp elsewhere.
  const out = new Uint8ClampedArray(n * 4);
  let insidePixels = 0;
  let insideMixed = 0;
  let opaque = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * 4;
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      const d = dist[p] ?? 0;
      let alpha = smoothstep((d - low) / (high - low));
      let colour: Rgb = [r, g, b];
      const near = fromBackground[p] ?? 255;
      if (near > 0 && near <= reach) {
        // A mix of the key and a subject colour nearby: the one (farther from the key than the ramp's top and
        // than this pixel) that explains it best, i.e. that it lies nearest the line between.
        const pr = r - key[0];
        const pg = g - key[1];
        const pb = b - key[2];
        // Noise, and a share of the pixel's own distance for the subject's texture, may lie off the line.
        const tolerance = 2 * noise + 6 + MIX_SLACK * d;
        let span = 0;
        let mixed = -1;
        let alike = 0;
        let around = 0;
        for (let yy = Math.max(0, y - reach - 1); yy <= Math.min(height - 1, y + reach + 1); yy++) {
          for (let xx = Math.max(0, x - reach - 1); xx <= Math.min(width - 1, x + reach + 1); xx++) {
            const q = yy * width + xx;
            const dq = dist[q] ?? 0;
            around++;
            if (distance(data[q * 4] ?? 0, data[q * 4 + 1] ?? 0, data[q * 4 + 2] ?? 0, [r, g, b]) <= tolerance) alike++;
            // The purest candidate wins: a neighbour that is itself a mix would make this pixel look opaquer.
            if (dq < Math.max(high, d + margin) || dq <= span) continue;
            const fr = (data[q * 4] ?? 0) - key[0];
            const fg = (data[q * 4 + 1] ?? 0) - key[1];
            const fb = (data[q * 4 + 2] ?? 0) - key[2];
            const t = Math.min(1, Math.max(0, (pr * fr + pg * fg + pb * fb) / (dq * dq)));
            if (distance(pr, pg, pb, [t * fr, t * fg, t * fb]) > tolerance) continue;
            span = dq;
            mixed = t;
          }
        }
        // A mix is a thin band along the edge; a colour that fills much of the neighbourhood is the subject's own.
        if (mixed >= 0 && alike <= around * FLAT_SHARE) {
          alpha = d <= low ? 0 : mixed;
          // Despill: the pixel's colour without the key's share, as the subject would show it.
          if (alpha > 0) colour = [key[0] + pr / alpha, key[1] + pg / alpha, key[2] + pb / alpha];
        } else {
          // Not a clean mix (JPEG ringing, the model's own glow): the key's channels are held to the others, so
          // no fringe of the key's colour is left around the subject.
          colour = despilled(colour, asked);
        }
      }
      if (near > inner) {
        insidePixels++;
        if (alpha < 0.95) insideMixed++;
      }
      if (alpha >= 0.5) opaque++;
      out[i] = colour[0];
      out[i + 1] = colour[1];
      out[i + 2] = colour[2];
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  if (opaque === 0) {
    return { ok: false, reason: 'empty' };
  }
  const bleed = insidePixels > 0 ? insideMixed / insidePixels : 0;
  if (bleed > MAX_BLEED) {
    return { ok: false, reason: 'bleed', bleed };
  }
  return { ok: true, data: out, measuredKey: key, bleed };
}

/** Whether PNG bytes (from their start) declare an alpha channel: colour type 4 (grey + alpha) or 6 (RGBA). */
export function pngHasAlpha(head: ArrayLike<number>): boolean {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((byte, i) => head[i] === byte)) return false;
  const ihdr = String.fromCharCode(head[12] ?? 0, head[13] ?? 0, head[14] ?? 0, head[15] ?? 0);
  const type = head[25];
  return ihdr === 'IHDR' && (type === 4 || type === 6);
}
