/**
 * A cut-out: after "Remove the background" the model's picture (the subject on a flat key colour) waits as a
 * pending image; the sidebar computes its matte where the pixels are (core/matte.ts, in its canvas; Apps Script
 * has no way to decode a PNG's pixels) and sends back the PNG with a real alpha channel. Kept here as a pending
 * image of its own, with the same record, so Apply (or Insert) places the transparent picture through the one
 * `place` and the thread records it. Nothing is billed: the image was paid for when it was made, and its turn id
 * is the made image's, so placing the cut-out or the opaque picture is the same turn.
 */
import { PeelError } from '../../core/errors';
import { decodeBase64Head } from '../../core/gemini/base64';
import { base64Header } from '../../core/image-info';
import { pngHasAlpha } from '../../core/matte';
import type { CutoutRequest } from '../../shared/requests';
import { newImageId, openStash, randomPart } from '../platform/stash';
import { recordEntries } from '../spine/pending';
import { takePending } from '../spine/place';

/** The instruction a placed cut-out's turn shows, so the thread says the picture went in transparent. */
export const CUT_OUT_NOTE = ' (cut out: transparent background)';

function refused(why: string): PeelError {
  return new PeelError('BAD_INPUT', `Cut-out refused: ${why}`, {
    detail: `${why} The picture keeps its background.`,
  });
}

/** Keeps the sidebar's cut-out of a made image for placing; its id replaces the made image's in Apply or Insert. */
export function keepCutout(request: CutoutRequest): { imageId: string } {
  const { image, record } = takePending(request.imageId);
  if (!record.key || record.cut === 1) {
    throw refused('Only a picture Peel asked for on a key colour (Remove background) can be cut out.');
  }
  const header = base64Header(request.base64);
  if (header?.mimeType !== 'image/png' || !pngHasAlpha(decodeBase64Head(request.base64, 64))) {
    throw refused('The cut-out is not a PNG with an alpha channel.');
  }
  const size = header?.size;
  if (!size || size.width !== image.pixelWidth || size.height !== image.pixelHeight) {
    throw refused(
      `The cut-out is ${size ? `${size.width}×${size.height}` : 'of no readable size'}, not ${image.pixelWidth}×${image.pixelHeight} as the picture it was cut from.`,
    );
  }
  // The same first ten characters: the turn placing it is the made image's (place.ts turnIdOf).
  const id = newImageId(request.base64.length, `${request.imageId.slice(0, 10)}${randomPart().slice(0, 10)}`);
  const cut = { id, mimeType: 'image/png', base64: request.base64, pixelWidth: size.width, pixelHeight: size.height };
  const { key: _key, ...rest } = record;
  openStash().put([cut], recordEntries(id, { ...rest, i: `${record.i}${CUT_OUT_NOTE}`, cut: 1 }, null));
  return { imageId: id };
}
