/**
 * What an edit kept to a marked part resolves to (core/region.ts says why it travels as a picture and words): the
 * region checked against the picture the edit starts from, the marked copy checked to be drawn from it, the
 * words Gemini reads, and what the pending image records so that "Keep everything else exactly" can be checked.
 * Everything here is checked before anything is sent: a bad region sends nothing and bills nothing.
 */
import { detailOf, PeelError } from '../../core/errors';
import type { ReferenceImage } from '../../core/gemini/request';
import type { Words } from '../../core/i18n';
import { base64Header } from '../../core/image-info';
import { markedCopySize, regionNote, regionPlace, regionProblem, regionPrompt } from '../../core/region';
import type { RegionRequest } from '../../shared/requests';

/** The picture's pixel size as the document holds it now. */
interface Picture {
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

export interface ResolvedRegion {
  /** What Gemini reads: the region named, then the instruction. */
  readonly prompt: (instruction: string) => string;
  /** The marked copy, sent right after the picture being edited. */
  readonly marked: ReferenceImage;
  /** Added to the instruction the thread shows. */
  readonly note: string;
  /** Kept with the made image: left, top, width, height, and the picture's width and height. */
  readonly record: readonly [number, number, number, number, number, number];
}

function refused(why: Words): PeelError {
  return new PeelError('BAD_INPUT', `Region refused: ${why.key}`, detailOf(why.key, why.params));
}

export function resolveRegion(region: RegionRequest, picture: Picture): ResolvedRegion {
  const size = { width: picture.pixelWidth, height: picture.pixelHeight };
  const problem = regionProblem(region, size);
  if (problem) throw refused(problem);
  const header = base64Header(region.marked);
  const type = header?.mimeType;
  if (type !== 'image/png' && type !== 'image/jpeg') {
    throw refused({ key: 'markedNotPicture' });
  }
  const copy = markedCopySize(size);
  if (header?.size?.width !== copy.width || header.size.height !== copy.height) {
    throw refused({ key: 'markedNotDrawn', params: { width: String(size.width), height: String(size.height) } });
  }
  const place = regionPlace(region, size);
  return {
    prompt: (instruction) => regionPrompt(instruction, region.colour, place),
    marked: { mimeType: type, base64: region.marked },
    note: regionNote(place),
    record: [region.left, region.top, region.width, region.height, size.width, size.height],
  };
}
