/**
 * Synthetic pictures that look derived from the request: colours and shapes come from the request hash, the
 * prompt's words are written on it, and an "EMULATOR" band makes sure nobody mistakes it for a model output.
 * An edit starts from the input picture (stretched, tinted, with a stripe), so tests can tell edits from fresh
 * generations by their pixels. Work happens at a low resolution and is upscaled, which keeps 4K affordable.
 */
import { encodeJpeg, encodePng, type Rgba } from '../support/image';
import { ADVANCE, drawText, LINE_HEIGHT, wrap } from './font';
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
  /** An interim "thought image": greyscale and labelled, like a composition draft. */
  readonly draft?: boolean;
}

/** Longest side of the working canvas; everything finer is nearest-neighbour upscaling. */
const WORKING_SIZE = 480;

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const YELLOW: Rgb = [255, 214, 0];
const INK: Rgb = [24, 24, 32];

export function renderPicture(spec: PictureSpec): Uint8Array {
  const factor = Math.max(1, Math.ceil(Math.max(spec.width, spec.height) / WORKING_SIZE));
  const canvas = new Canvas(
    Math.max(8, Math.round(spec.width / factor)),
    Math.max(8, Math.round(spec.height / factor)),
  );
  const byte = (i: number) => spec.seed[i % spec.seed.length] ?? 0;
  const accent = hsl((byte(0) * 360) / 256, 0.75, 0.5);
  const scale = Math.max(1, Math.floor(Math.min(canvas.width, canvas.height) / 120));

  if (spec.kind === 'edit') paintEdit(canvas, spec.source, accent, scale);
  else paintFresh(canvas, byte);
  paintText(canvas, spec.text, scale, spec.kind === 'edit' ? 'EDIT: ' : '');
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

function paintEdit(canvas: Canvas, source: Rgba | undefined, accent: Rgb, scale: number): void {
  if (source === undefined) canvas.fillRect(0, 0, canvas.width, canvas.height, [128, 128, 128]);
  else canvas.drawStretched(source);
  canvas.fillRect(0, 0, canvas.width, canvas.height, accent, 0.2);
  // A solid stripe down the left edge: the tell-tale of an edit, easy to check from pixels.
  canvas.fillRect(0, 0, Math.max(2, Math.round(canvas.width / 24)), canvas.height, accent, 0.9);
  const stripe = Math.max(2, Math.round(canvas.width / 24)) + 2 * scale;
  drawText(canvas, 'EDIT', canvas.width - 4 * ADVANCE * scale - stripe / 4, LINE_HEIGHT * scale + 4, scale, WHITE);
}

function paintText(canvas: Canvas, text: string, scale: number, prefix: string): void {
  const margin = 2 + Math.round(canvas.width / 24) + scale;
  const columns = Math.max(4, Math.floor((canvas.width - 2 * margin) / (ADVANCE * scale)));
  const room = Math.floor((canvas.height * 0.45) / (LINE_HEIGHT * scale));
  const lines = wrap(`${prefix}${text}`, columns, Math.max(1, Math.min(6, room)));
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
