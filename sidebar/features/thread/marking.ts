/**
 * Edits kept to a marked part, the browser part (the sidebar's late part carries it): the marked copy drawn in a
 * canvas, what the model changed outside the part measured against the picture, and "Keep everything else exactly"
 * made where the pixels are (src/core/region.ts, pure), as the cut-out is (cutout.ts).
 */
import { chooseKey, dominantColours } from '../../../src/core/matte';
import {
  keepOutside,
  markedCopy,
  markedCopySize,
  outsideChange,
  type Region,
  type Size,
  scaleRegion,
} from '../../../src/core/region';
import type { RegionRequest, ThreadImage } from '../../../src/shared/rpc';
import { t } from '../../kernel/words';
import { pixels } from './cutout';

type InlineImage = Pick<ThreadImage, 'mimeType' | 'base64'>;

const base64Of = (canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg') => {
  const url = canvas.toDataURL(type, 0.9);
  return url.slice(url.indexOf(',') + 1);
};

/** A canvas of `size` with the picture drawn over it, and its pixels. */
function drawnAt(source: HTMLCanvasElement, size: Size): { canvas: HTMLCanvasElement; image: ImageData } {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(source, 0, 0, size.width, size.height);
  return { canvas, image: context.getImageData(0, 0, size.width, size.height) };
}

/**
 * The marked part as an edit request carries it: the rectangle, a colour far from the picture's own (chosen as a
 * cut-out's key is) and the picture with the rectangle outlined in it, at most MARKED_COPY_SIDE pixels long and
 * as a JPEG: it only shows the model where the part is, so it need not be lossless or full size, and it crosses
 * google.script.run with every variant.
 */
export async function markRegion(picture: InlineImage, region: Region): Promise<RegionRequest> {
  const read = await pixels(picture);
  const size = { width: read.image.width, height: read.image.height };
  const copy = markedCopySize(size);
  const { canvas, image } =
    copy.width === size.width && copy.height === size.height ? read : drawnAt(read.canvas, copy);
  const colour = chooseKey(dominantColours(image));
  image.data.set(markedCopy(image, scaleRegion(region, size, copy), colour));
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  return { ...region, colour, marked: base64Of(canvas, 'image/jpeg') };
}

/** The model's answer drawn at the picture's size, or a sentence when it came back another shape. */
async function answerAt(answer: InlineImage, width: number, height: number): Promise<ImageData> {
  const drawn = await pixels(answer);
  const shape = drawn.image.width / drawn.image.height;
  if (Math.abs(shape / (width / height) - 1) > 0.02) {
    throw new Error(t('otherShape', { size: `${drawn.image.width}×${drawn.image.height}` }));
  }
  if (drawn.image.width === width && drawn.image.height === height) return drawn.image;
  return drawnAt(drawn.canvas, { width, height }).image;
}

/** The share of the picture outside the part that the model changed (0 to 1). */
export async function outsideShare(picture: InlineImage, answer: InlineImage, region: Region): Promise<number> {
  const { image } = await pixels(picture);
  return outsideChange(image, await answerAt(answer, image.width, image.height), region).share;
}

/**
 * "Keep everything else exactly": the picture as it was outside the part and the model's inside it, with a
 * feathered seam, as a PNG the picture's size (keepCutout keeps it as the variant's bytes).
 */
export async function keepRest(picture: InlineImage, answer: InlineImage, region: Region): Promise<string> {
  const { canvas, image } = await pixels(picture);
  image.data.set(keepOutside(image, await answerAt(answer, image.width, image.height), region));
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  return base64Of(canvas, 'image/png');
}
