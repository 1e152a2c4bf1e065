/**
 * Files from the computer as references, the browser part: read the file's header (a file refused there, such as
 * one claiming more pixels than Peel takes, never reaches the decoder), decode it (createImageBitmap, or an
 * <img> where that fails: older Safari decodes HEIC only there), scale it on a canvas so its long side is at
 * most MAX_REFERENCE_SIDE, and re-encode it. The decisions are in `files.ts`.
 */
import { HEADER_BYTES, readHeader } from '../../../src/core/image-info';
import type { UploadReferenceRequest } from '../../../src/shared/rpc';
import { t } from '../../kernel/words';
import { encodingFor, fileProblem, hasTransparency, JPEG_QUALITY, scaledSize, undecodableSentence } from './files';

/** A file ready for uploadReference, or the one sentence saying why it is not sent. */
export type Prepared =
  | { readonly ok: true; readonly request: UploadReferenceRequest }
  | { readonly ok: false; readonly sentence: string };

type Drawable = ImageBitmap | HTMLImageElement;

async function decode(file: Blob, mime: string): Promise<Drawable | null> {
  try {
    return await createImageBitmap(file);
  } catch {
    // Fall through to <img>, which some browsers decode more types with.
  }
  try {
    // A data: URL rather than an object URL: the sidebar loads nothing by address (test/build/sidebar-html).
    const img = new Image();
    img.src = `data:${mime};base64,${base64Of(new Uint8Array(await file.arrayBuffer()))}`;
    await img.decode();
    return img.naturalWidth > 0 ? img : null;
  } catch {
    return null;
  }
}

/** Plain numbers: a closed ImageBitmap reports 0 × 0. */
const sizeOf = (d: Drawable) =>
  d instanceof HTMLImageElement
    ? { width: d.naturalWidth, height: d.naturalHeight }
    : { width: d.width, height: d.height };

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short enough for any engine.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function canvasBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, JPEG_QUALITY));
}

export async function prepareFile(file: File): Promise<Prepared> {
  const name = file.name || t('theFile');
  const header = readHeader(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  const problem = fileProblem(name, file.size, header);
  if (problem || !header?.size) return { ok: false, sentence: problem ?? undecodableSentence(name, '') };
  const { mimeType } = header;
  const picture = await decode(file, mimeType);
  if (!picture) return { ok: false, sentence: undecodableSentence(name, mimeType) };
  const natural = sizeOf(picture);
  const { width, height } = scaledSize(natural.width, natural.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, sentence: undecodableSentence(name, mimeType) };
  context.drawImage(picture, 0, 0, width, height);
  if (!(picture instanceof HTMLImageElement)) picture.close();
  const transparent = hasTransparency(context.getImageData(0, 0, width, height).data);
  const encoding = encodingFor({
    mimeType,
    bytes: file.size,
    width: natural.width,
    height: natural.height,
    transparent,
  });
  const blob = encoding === 'original' ? file : await canvasBlob(canvas, encoding);
  if (!blob) return { ok: false, sentence: undecodableSentence(name, mimeType) };
  const bytes = new Uint8Array(await blob.arrayBuffer());
  // The file as it is goes with its header's size: the decoder turns a photo by its EXIF orientation, and the
  // server compares the size sent with the header.
  const sent = encoding === 'original' ? header.size : { width, height };
  return {
    ok: true,
    request: {
      mimeType: encoding === 'original' ? mimeType : encoding,
      base64: base64Of(bytes),
      pixelWidth: sent.width,
      pixelHeight: sent.height,
    },
  };
}
