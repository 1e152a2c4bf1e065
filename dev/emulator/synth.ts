/**
 * Synthetic pictures that look derived from the request: colours and shapes come from the request hash, the
 * prompt's words are written on it, and an "EMULATOR" band makes sure nobody mistakes it for a model output.
 * An edit starts from the input picture (stretched, with a stripe down its left edge) and adds a labelled mark
 * for its instruction in the next free row, so edits accumulate the way a person expects of the real model:
 * after "add a lake" and then "make the sky more dramatic" both marks are on the picture, because the first is
 * in the pixels the second edit started from. Work happens at a low resolution and is upscaled, which keeps 4K
 * affordable. A request with several reference images (a blend, a style transfer) also gets a strip of
 * thumbnails, one per reference, so a person can see that the answer used each of them.
 */
import { encodeJpeg, encodePng, type Rgba } from '../support/image';
import { ADVANCE, drawText, LINE_HEIGHT, printable, wrap } from './font';
import type { OutputMime } from './models';
import { Canvas, hsl, type Rgb, upscale } from './raster';

export interface PictureSpec {
  readonly kind: 'fresh' | 'edit';
  /** The prompt, or the edit instruction. */
  readonly text: string;
  /** At least 16 bytes of request hash: everything random about the picture comes from it. */
  readonly seed: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly mime: OutputMime;
  /** Small footer, e.g. model id and size. */
  readonly caption: string;
  /** The picture an edit starts from; a grey placeholder when the input could not be decoded. */
  readonly source?: Rgba;
  /**
   * The user turn's reference images when there are several, in request order; undefined where one could not be
   * decoded (it then shows as a grey tile).
   */
  readonly references?: readonly (Rgba | undefined)[];
  /** An interim "thought image": greyscale and labelled, like a composition draft. */
  readonly draft?: boolean;
  /**
   * An edit kept to a marked region: the copy of `source` with the region outlined, sent after it (Peel's region
   * edits: src/core/region.ts).
   */
  readonly marked?: Rgba;
}

/** Longest side of the working canvas; everything finer is nearest-neighbour upscaling. */
const WORKING_SIZE = 480;

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const YELLOW: Rgb = [255, 214, 0];
const INK: Rgb = [24, 24, 32];

function workingCanvas(width: number, height: number): Canvas {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / WORKING_SIZE));
  return new Canvas(Math.max(8, Math.round(width / factor)), Math.max(8, Math.round(height / factor)));
}

function letterScale(canvas: Canvas): number {
  return Math.max(1, Math.floor(Math.min(canvas.width, canvas.height) / 120));
}

/**
 * The key colour an edit asks the subject to be put on (Peel's "Remove background": "a flat, even background of
 * exactly #00FF00"), or null.
 */
export function keyColourAsked(text: string): Rgb | null {
  const match = /background of exactly #([0-9a-f]{6})/i.exec(text);
  if (!match) return null;
  const n = Number.parseInt(match[1] as string, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * A subject on a flat key colour, as "Remove background" asks: the input picture inside an ellipse with
 * anti-aliased edges (4×4 samples a pixel) over exactly the key colour, edge to edge, with no grain, and the
 * EMULATOR label in a box of its own inside the frame. Google documents no alpha output ("The model does not
 * support generating a transparent background", ai.google.dev/gemini-api/docs/image-generation), so the answer
 * is opaque as a real one is; that a real model paints the hex colour it is asked for exactly is not documented
 * (README: things to verify), and Peel's matte measures the background it got rather than trusting it.
 */
function renderOnKey(spec: PictureSpec, key: Rgb): Uint8Array {
  const canvas = workingCanvas(spec.width, spec.height);
  canvas.fillRect(0, 0, canvas.width, canvas.height, key);
  const subject = new Canvas(canvas.width, canvas.height);
  if (spec.source === undefined) subject.fillRect(0, 0, canvas.width, canvas.height, [128, 128, 128]);
  else subject.drawStretched(spec.source);
  const cx = canvas.width / 2;
  const cy = canvas.height * 0.54;
  const rx = canvas.width * 0.34;
  const ry = canvas.height * 0.36;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      let hits = 0;
      for (let s = 0; s < 16; s++) {
        const dx = (x + ((s % 4) + 0.5) / 4 - cx) / rx;
        const dy = (y + (Math.floor(s / 4) + 0.5) / 4 - cy) / ry;
        if (dx * dx + dy * dy <= 1) hits++;
      }
      if (hits === 0) continue;
      const i = (y * canvas.width + x) * 4;
      canvas.fillRect(
        x,
        y,
        1,
        1,
        [subject.data[i] ?? 0, subject.data[i + 1] ?? 0, subject.data[i + 2] ?? 0],
        hits / 16,
      );
    }
  }
  const scale = letterScale(canvas);
  const label = 'EMULATOR';
  const top = Math.round(canvas.height * 0.06);
  canvas.fillRect(
    cx - (label.length * ADVANCE * scale) / 2 - scale,
    top,
    label.length * ADVANCE * scale + 2 * scale,
    LINE_HEIGHT * scale + 2,
    BLACK,
  );
  drawText(canvas, label, cx - (label.length * ADVANCE * scale) / 2, top + 1, scale, YELLOW);
  const full = upscale(canvas, spec.width, spec.height, 0, false);
  return spec.mime === 'image/png' ? encodePng(full) : encodeJpeg(full, 90);
}

/** Whether an edit's words name a marked region ("Change only the part inside the magenta rectangle, …"). */
export function markedRegionAsked(text: string): boolean {
  return /\bchange only the part inside the [a-z]+ rectangle\b/i.test(text);
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The part a marked copy outlines, in `picture`'s pixels: the pixels that differ from the picture make the
 * outline; what lies inside it is the part. Null when nothing was drawn.
 */
export function findMarkedRegion(picture: Rgba, marked: Rgba): Box | null {
  if (marked.width !== picture.width || marked.height !== picture.height) {
    // A copy drawn smaller (Peel scales a large photo's): compare it with the picture at its size, then scale back.
    const small = new Canvas(marked.width, marked.height);
    small.drawStretched(picture);
    const found = findMarkedRegion(small, marked);
    if (!found) return null;
    const fx = picture.width / marked.width;
    const fy = picture.height / marked.height;
    return {
      left: Math.round(found.left * fx),
      top: Math.round(found.top * fy),
      width: Math.round(found.width * fx),
      height: Math.round(found.height * fy),
    };
  }
  const { width, height } = picture;
  const differs = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    return [0, 1, 2].some((c) => Math.abs((marked.data[i + c] ?? 0) - (picture.data[i + c] ?? 0)) > 60);
  };
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!differs(x, y)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  // The outline's thickness: the run of differing pixels from its left edge, along its middle row.
  const middle = Math.round((top + bottom) / 2);
  let line = 0;
  while (left + line <= right && differs(left + line, middle)) line++;
  const inner = { left: left + line, top: top + line, right: right + 1 - line, bottom: bottom + 1 - line };
  if (inner.right <= inner.left || inner.bottom <= inner.top) return null;
  return { left: inner.left, top: inner.top, width: inner.right - inner.left, height: inner.bottom - inner.top };
}

/**
 * An edit kept to a marked region, as Gemini does one: the region changes (tinted with the accent and labelled
 * with the instruction), and so does some of the rest, because the image models take no mask and redraw the whole
 * picture (edits landing outside a mask or box: lbjlaq/Antigravity-Manager #2226; Anionex/banana-slides PR #528).
 * Outside it: the EMULATOR band, the edit stripe down the left edge, and the grain of a picture drawn again.
 * Whether Gemini keeps pixels outside a marked region at all is not documented (README: things to verify).
 */
function renderRegionEdit(spec: PictureSpec, source: Rgba, box: Box, accent: Rgb): Uint8Array {
  const canvas = workingCanvas(spec.width, spec.height);
  canvas.drawStretched(source);
  const fx = canvas.width / source.width;
  const fy = canvas.height / source.height;
  const x = box.left * fx;
  const y = box.top * fy;
  const w = box.width * fx;
  const h = box.height * fy;
  canvas.fillRect(x, y, w, h, accent, 0.6);
  const scale = letterScale(canvas);
  const letters = Math.max(1, Math.min(scale, Math.floor(h / (LINE_HEIGHT + 2))));
  const columns = Math.floor((w - 2 * letters) / (ADVANCE * letters));
  if (columns >= 4) {
    const [line = ''] = wrap(`EDIT: ${spec.text.replace(/^.*The change: /, '')}`, columns, 1);
    drawText(canvas, line, x + letters, y + letters, letters, INK);
  }
  canvas.fillRect(0, 0, stripeWidth(canvas), canvas.height, accent, 0.9);
  paintBand(canvas, scale, 'EMULATOR');
  const seedWord = (spec.seed[4] ?? 0) | ((spec.seed[5] ?? 0) << 8) | ((spec.seed[6] ?? 0) << 16);
  const full = upscale(canvas, spec.width, spec.height, seedWord);
  return spec.mime === 'image/png' ? encodePng(full) : encodeJpeg(full, 90);
}

export function renderPicture(spec: PictureSpec): Uint8Array {
  const key = spec.kind === 'edit' && spec.draft !== true ? keyColourAsked(spec.text) : null;
  if (key) return renderOnKey(spec, key);
  const region =
    spec.kind === 'edit' && spec.draft !== true && spec.source && spec.marked && markedRegionAsked(spec.text)
      ? findMarkedRegion(spec.source, spec.marked)
      : null;
  if (region && spec.source) {
    return renderRegionEdit(spec, spec.source, region, hsl(((spec.seed[0] ?? 0) * 360) / 256, 0.75, 0.5));
  }
  const canvas = workingCanvas(spec.width, spec.height);
  const byte = (i: number) => spec.seed[i % spec.seed.length] ?? 0;
  const accent = hsl((byte(0) * 360) / 256, 0.75, 0.5);
  const scale = letterScale(canvas);

  if (spec.kind === 'edit') {
    paintEdit(canvas, spec.source, accent);
    paintEditMark(canvas, spec.text, scale);
  } else {
    paintFresh(canvas, byte);
    paintText(canvas, spec.text, scale);
  }
  if ((spec.references?.length ?? 0) > 1) paintReferences(canvas, spec.references ?? [], scale);
  paintBand(canvas, scale, spec.draft === true ? 'EMULATOR DRAFT' : 'EMULATOR');
  drawText(canvas, spec.caption, 2, canvas.height - LINE_HEIGHT, 1, WHITE);
  if (spec.draft === true) canvas.toGrey();

  const seedWord = byte(4) | (byte(5) << 8) | (byte(6) << 16) | (byte(7) << 24);
  const full = upscale(canvas, spec.width, spec.height, seedWord);
  return spec.mime === 'image/png' ? encodePng(full) : encodeJpeg(full, 90);
}

function paintFresh(canvas: Canvas, byte: (i: number) => number): void {
  const hue = (byte(0) * 360) / 256;
  canvas.verticalGradient(hsl(hue, 0.6, 0.55), hsl((hue + 40 + byte(1)) % 360, 0.7, 0.3));
  const shapes = 3 + (byte(2) % 4);
  for (let s = 0; s < shapes; s++) {
    const b = (k: number) => byte(8 + s * 5 + k);
    const color = hsl((b(0) * 360) / 256, 0.8, 0.45 + (b(1) % 30) / 100);
    const x = (b(2) / 255) * canvas.width;
    const y = (b(3) / 255) * canvas.height;
    const size = ((16 + (b(4) % 48)) / 100) * Math.min(canvas.width, canvas.height) * 0.5;
    if (b(1) % 2 === 0) canvas.fillCircle(x, y, size, color, 0.85);
    else canvas.fillRect(x - size, y - size / 2, size * 2, size, color, 0.85);
  }
}

function stripeWidth(canvas: Canvas): number {
  return Math.max(2, Math.round(canvas.width / 24));
}

function paintEdit(canvas: Canvas, source: Rgba | undefined, accent: Rgb): void {
  if (source === undefined) canvas.fillRect(0, 0, canvas.width, canvas.height, [128, 128, 128]);
  else canvas.drawStretched(source);
  // A solid stripe down the left edge: the tell-tale of an edit, easy to check from pixels. No overall tint:
  // it would compound over a thread of edits and wash out the marks of the earlier ones.
  canvas.fillRect(0, 0, stripeWidth(canvas), canvas.height, accent, 0.9);
}

/** One row per edit below the band: a ring marker (how the next edit finds the row taken) and the instruction. */
interface MarkRow {
  readonly top: number;
  readonly left: number;
  /** Marker side; the row is this plus a `pad` above and below. */
  readonly marker: number;
  readonly pad: number;
}

function markRows(canvas: Canvas, scale: number): MarkRow[] {
  const pad = scale;
  const marker = LINE_HEIGHT * scale;
  const left = stripeWidth(canvas) + 2 * pad;
  const rows: MarkRow[] = [];
  // Rows fill the upper half; the lower part keeps the prompt's own panel readable.
  for (let top = LINE_HEIGHT * scale + 2 + pad; top + marker + 2 * pad <= canvas.height * 0.55; ) {
    rows.push({ top, left, marker, pad });
    top += marker + 3 * pad;
  }
  return rows;
}

function mean(canvas: Canvas, x: number, y: number, w: number, h: number): Rgb {
  const sum = [0, 0, 0];
  let n = 0;
  for (let yy = Math.round(y); yy < Math.round(y + h); yy++) {
    for (let xx = Math.round(x); xx < Math.round(x + w); xx++) {
      const i = (yy * canvas.width + xx) * 4;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (canvas.data[i + c] ?? 0);
      n++;
    }
  }
  return [(sum[0] ?? 0) / Math.max(1, n), (sum[1] ?? 0) / Math.max(1, n), (sum[2] ?? 0) / Math.max(1, n)];
}

/**
 * A dark ring with a white core survives JPEG re-encoding and the stretch to another size, and is unlikely in a
 * photograph, so a row is taken when its marker place shows one.
 */
function hasMarker(canvas: Canvas, row: MarkRow): boolean {
  const { left, marker } = row;
  const top = row.top + row.pad;
  const ring = Math.max(1, Math.floor(marker / 4));
  const core = mean(canvas, left + marker * 0.375, top + marker * 0.375, marker / 4, marker / 4);
  const sides = [
    mean(canvas, left, top + marker * 0.375, ring / 2 + 0.5, marker / 4),
    mean(canvas, left + marker - ring / 2 - 0.5, top + marker * 0.375, ring / 2 + 0.5, marker / 4),
    mean(canvas, left + marker * 0.375, top, marker / 4, ring / 2 + 0.5),
  ];
  return core.every((c) => c > 190) && sides.every((side) => side.every((c) => c < 90));
}

/**
 * How many edit rows a picture shows, read the way the next edit reads them (at the working size). Tests use it
 * to check from pixels alone that edits accumulate.
 */
export function countEditMarks(picture: Rgba): number {
  const canvas = workingCanvas(picture.width, picture.height);
  canvas.drawStretched(picture);
  return markRows(canvas, letterScale(canvas)).filter((row) => hasMarker(canvas, row)).length;
}

function paintEditMark(canvas: Canvas, text: string, scale: number): void {
  const rows = markRows(canvas, scale);
  const taken = rows.findIndex((row) => !hasMarker(canvas, row));
  // With every row taken the newest edit writes over the last row, so it is still the one that shows.
  const index = taken < 0 ? rows.length - 1 : taken;
  const row = rows[index];
  if (row === undefined) return;
  const { left, marker, pad } = row;
  const textLeft = left + marker + 2 * pad;
  const label = `EDIT ${index + 1}: ${text}`;
  const fits = (s: number) => Math.max(4, Math.floor((canvas.width - textLeft - 2 * pad) / (ADVANCE * s)));
  // A long instruction gets smaller letters rather than losing its end; the row and its marker keep their place.
  const letters = printable(label).length > fits(scale) && scale > 1 ? scale - 1 : scale;
  const [line = ''] = wrap(label, fits(letters), 1);
  const width = textLeft + line.length * ADVANCE * letters + pad - (left - pad);
  canvas.fillRect(left - pad, row.top, Math.min(width, canvas.width - left + pad), marker + 2 * pad, WHITE, 0.9);
  const ring = Math.max(1, Math.floor(marker / 4));
  canvas.fillRect(left, row.top + pad, marker, marker, INK);
  canvas.fillRect(left + ring, row.top + pad + ring, marker - 2 * ring, marker - 2 * ring, WHITE);
  drawText(canvas, line, textLeft, row.top + pad + ((LINE_HEIGHT - 2) * (scale - letters)) / 2 + letters, letters, INK);
}

function paintText(canvas: Canvas, text: string, scale: number): void {
  const margin = 2 + Math.round(canvas.width / 24) + scale;
  const columns = Math.max(4, Math.floor((canvas.width - 2 * margin) / (ADVANCE * scale)));
  const room = Math.floor((canvas.height * 0.45) / (LINE_HEIGHT * scale));
  const lines = wrap(text, columns, Math.max(1, Math.min(6, room)));
  const panelHeight = lines.length * LINE_HEIGHT * scale + 2 * scale;
  const top = Math.max(0, canvas.height - panelHeight - LINE_HEIGHT - 2);
  canvas.fillRect(0, top, canvas.width, panelHeight, WHITE, 0.88);
  for (const [i, line] of lines.entries())
    drawText(canvas, line, margin, top + scale + i * LINE_HEIGHT * scale, scale, INK);
  canvas.fillRect(0, canvas.height - LINE_HEIGHT - 2, canvas.width, LINE_HEIGHT + 2, BLACK, 0.7);
}

function paintBand(canvas: Canvas, scale: number, label: string): void {
  const height = LINE_HEIGHT * scale + 2;
  canvas.fillRect(0, 0, canvas.width, height, BLACK, 0.85);
  drawText(canvas, label, 2 + scale, 1 + scale, scale, YELLOW);
}

export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The tiles of the reference strip on the working canvas: the lower part, between the edit rows (upper 55%) and
 * the caption, in one row, or two from eight references on, since up to 14 are allowed.
 */
function tiles(canvas: Canvas, scale: number, count: number): Tile[] {
  const pad = scale;
  const left = stripeWidth(canvas) + 2 * pad;
  const top = Math.ceil(canvas.height * 0.6);
  const bottom = canvas.height - LINE_HEIGHT - 2 - pad;
  const rows = count > 7 ? 2 : 1;
  const columns = Math.ceil(count / rows);
  const cellWidth = (canvas.width - pad - left) / columns;
  const cellHeight = (bottom - top) / rows;
  return Array.from({ length: count }, (_, i) => ({
    x: Math.round(left + (i % columns) * cellWidth),
    y: Math.round(top + Math.floor(i / columns) * cellHeight),
    width: Math.max(2, Math.round(cellWidth - pad)),
    height: Math.max(2, Math.round(cellHeight - pad)),
  }));
}

/** Where each reference's thumbnail is on a picture of this size (its frame included): tests read them back. */
export function referenceTiles(width: number, height: number, count: number): Tile[] {
  const canvas = workingCanvas(width, height);
  const fx = width / canvas.width;
  const fy = height / canvas.height;
  return tiles(canvas, letterScale(canvas), count).map((t) => ({
    x: t.x * fx,
    y: t.y * fy,
    width: t.width * fx,
    height: t.height * fy,
  }));
}

/**
 * Each reference stretched into its own framed tile and numbered in request order, like a contact sheet. Whole
 * thumbnails rather than averaged colours: two references with the same palette still look different.
 */
function paintReferences(canvas: Canvas, references: readonly (Rgba | undefined)[], scale: number): void {
  const frame = Math.max(1, Math.floor(scale / 2));
  for (const [i, tile] of tiles(canvas, scale, references.length).entries()) {
    const { x, y, width, height } = tile;
    canvas.fillRect(x, y, width, height, INK);
    const inner = [x + frame, y + frame, width - 2 * frame, height - 2 * frame] as const;
    const reference = references[i];
    if (reference === undefined) canvas.fillRect(...inner, [128, 128, 128]);
    else canvas.drawStretched(reference, ...inner);
    // The number only where it leaves most of the thumbnail visible.
    const label = String(i + 1);
    const boxWidth = label.length * ADVANCE + 2;
    if (width >= 3 * boxWidth && height >= 3 * (LINE_HEIGHT + 1)) {
      canvas.fillRect(x, y, boxWidth + frame, LINE_HEIGHT + 1 + frame, INK);
      drawText(canvas, label, x + frame + 1, y + frame + 1, 1, WHITE);
    }
  }
}
