/**
 * Cut-outs, the browser part (the sidebar's late part carries it): the pixels of a picture from a canvas, the key
 * colour chosen far from them, and the matte (src/core/matte.ts, pure) turned back into a PNG with a real alpha
 * channel. Apps Script cannot decode a PNG's pixels, so this is where they are.
 */
import { chooseKey, dominantColours, type KeyColour, matte } from '../../../src/core/matte';
import type { ThreadImage } from '../../../src/shared/rpc';
import { t } from '../../kernel/words';

type InlineImage = Pick<ThreadImage, 'mimeType' | 'base64'>;

/** What a cut-out gave: the PNG's base64, or the sentence saying why the picture keeps its background. */
export type CutOut = { readonly ok: true; readonly base64: string } | { readonly ok: false; readonly sentence: string };

/** The sidebar's port to the late part's cut-out code; tests give a fake. */
export interface Cutter {
  keyFor(picture: InlineImage): Promise<KeyColour>;
  cutOut(picture: InlineImage, key: KeyColour): Promise<CutOut>;
}

/** A picture's canvas and pixels, at its own size. */
export async function pixels(picture: InlineImage): Promise<{ canvas: HTMLCanvasElement; image: ImageData }> {
  const img = new Image();
  // A data: URL: the sidebar loads nothing by address (test/build/sidebar-html).
  img.src = `data:${picture.mimeType};base64,${picture.base64}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(img, 0, 0);
  return { canvas, image: context.getImageData(0, 0, canvas.width, canvas.height) };
}

export async function keyFor(picture: InlineImage): Promise<KeyColour> {
  return chooseKey(dominantColours((await pixels(picture)).image));
}

export async function cutOut(picture: InlineImage, key: KeyColour): Promise<CutOut> {
  let read: Awaited<ReturnType<typeof pixels>>;
  try {
    read = await pixels(picture);
  } catch {
    return { ok: false, sentence: t('pixelsUnreadable') };
  }
  const { canvas, image } = read;
  const result = matte(image, key);
  if (!result.ok) return { ok: false, sentence: matteRefusal(result.reason, key, result.bleed) };
  image.data.set(result.data);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  const url = canvas.toDataURL('image/png');
  return { ok: true, base64: url.slice(url.indexOf(',') + 1) };
}

/** Why a cut-out keeps its background (core/matte.ts), in the sidebar's language. */
export function matteRefusal(reason: 'border' | 'bleed' | 'empty', key: KeyColour, bleed = 0): string {
  const colour = t('keyColour', { name: colourName(key), hex: key });
  if (reason === 'border') return t('matteBorder', { colour });
  if (reason === 'empty') return t('matteEmpty', { colour });
  return t('matteBleed', { colour, percent: Math.round(bleed * 100) });
}

function colourName(key: KeyColour): string {
  switch (key) {
    case '#00FF00':
      return t('keyGreen');
    case '#FF00FF':
      return t('keyMagenta');
    case '#0000FF':
      return t('keyBlue');
    case '#00FFFF':
      return t('keyCyan');
    case '#FF0000':
      return t('keyRed');
    case '#FFFF00':
      return t('keyYellow');
  }
}
