/**
 * Pictures the sidebar makes from a made image where the pixels are (Apps Script has no way to decode a PNG's
 * pixels), kept here as a pending image of their own with the made image's record, so Apply (or Insert) places
 * them through the one `place` and the thread records it:
 * - a cut-out: after "Remove the background" the model's picture (the subject on a flat key colour) is matted in
 *   the sidebar's canvas (core/matte.ts) and comes back as a PNG with a real alpha channel;
 * - after an edit kept to a marked part, "Keep everything else exactly": the original outside the part and the
 *   model's picture inside it, with a feathered seam (core/region.ts keepOutside), as a PNG the size of the
 *   picture the edit started from.
 * Nothing is billed: the image was paid for when it was made, and its turn id is the made image's, so placing
 * the sidebar's picture or the model's is the same turn.
 */
import { detailOf, PeelError } from '../../core/errors';
import { decodeBase64Head } from '../../core/gemini/base64';
import type { ServerKey, Words } from '../../core/i18n';
import { base64Header } from '../../core/image-info';
import { pngHasAlpha } from '../../core/matte';
import type { CutoutRequest } from '../../shared/requests';
import { newImageId, openStash, randomPart } from '../platform/stash';
import { recordEntries } from '../spine/pending';
import { takePending } from '../spine/place';

/** The instruction a placed cut-out's turn shows, so the thread says the picture went in transparent. */
export const CUT_OUT_NOTE = ' (cut out: transparent background)';
/** The same for a region edit whose rest was kept: the thread says nothing outside the part changed. */
export const KEPT_OUTSIDE_NOTE = ' (everything else kept exactly)';

function refused(why: Words): PeelError {
  return new PeelError('BAD_INPUT', `Cut-out refused: ${why.key}`, detailOf('cutoutRefused', { why }));
}

function keptRefused(why: Words): PeelError {
  return new PeelError('BAD_INPUT', `Keeping the rest refused: ${why.key}`, detailOf('keptRefused', { why }));
}

/**
 * Keeps the sidebar's picture made from a made image (a cut-out, or a region edit with the rest kept) for
 * placing; its id replaces the made image's in Apply or Insert.
 */
export function keepCutout(request: CutoutRequest): { imageId: string } {
  const { image, record } = takePending(request.imageId);
  const region = record.rg;
  if (record.cut === 1 || (!record.key && !region)) {
    throw refused({ key: 'cutoutWhich' });
  }
  const header = base64Header(request.base64);
  const size = header?.size;
  // Sizes as text: a header's figures are not numbers to write in the reader's way ("4,096").
  const sizeText = size ? `${size.width}×${size.height}` : '';
  let expected: { readonly width: number; readonly height: number };
  let note: string;
  if (region) {
    expected = { width: region[4], height: region[5] };
    if (header?.mimeType !== 'image/png') throw keptRefused({ key: 'keptNotPng' });
    if (size?.width !== expected.width || size.height !== expected.height) {
      throw keptRefused(wrongSize(size ? 'keptSize' : 'keptNoSize', sizeText, expected));
    }
    note = KEPT_OUTSIDE_NOTE;
  } else {
    expected = { width: image.pixelWidth, height: image.pixelHeight };
    if (header?.mimeType !== 'image/png' || !pngHasAlpha(decodeBase64Head(request.base64, 64))) {
      throw refused({ key: 'cutoutNotAlpha' });
    }
    if (size?.width !== expected.width || size.height !== expected.height) {
      throw refused(wrongSize(size ? 'cutoutSize' : 'cutoutNoSize', sizeText, expected));
    }
    note = CUT_OUT_NOTE;
  }
  // The same first ten characters: the turn placing it is the made image's (place.ts turnIdOf).
  const id = newImageId(request.base64.length, `${request.imageId.slice(0, 10)}${randomPart().slice(0, 10)}`);
  const kept = { id, mimeType: 'image/png', base64: request.base64, ...pixelsOf(expected) };
  const { key: _key, rg: _rg, ...rest } = record;
  openStash().put([kept], recordEntries(id, { ...rest, i: `${record.i}${note}`, cut: 1 }, null));
  return { imageId: id };
}

const wrongSize = (key: ServerKey, sent: string, expected: { readonly width: number; readonly height: number }) => ({
  key,
  params: { size: sent, width: String(expected.width), height: String(expected.height) },
});

const pixelsOf = (size: { readonly width: number; readonly height: number }) => ({
  pixelWidth: size.width,
  pixelHeight: size.height,
});
