/** Image bytes for the SlidesApp and DocumentApp tests. */
import { encodePng } from '../../support/image';
import { FakeBlob } from '../services/blob';

export function png(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4).fill(200);
  return encodePng({ width, height, data });
}

export function pngBlob(width: number, height: number): GoogleAppsScript.Base.Blob {
  return new FakeBlob(png(width, height), 'image/png', 'test.png') as unknown as GoogleAppsScript.Base.Blob;
}

/** A PNG signature and IHDR claiming a size, without pixel data: enough for the limits, which read the header. */
export function pngHeader(width: number, height: number, totalBytes = 64): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** The classic 1×1 transparent GIF. */
export const GIF_1X1 = Uint8Array.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
  0x02, 0x44, 0x01, 0x00, 0x3b,
]);

/** A RIFF/WEBP header: a format the editors refuse. */
export const WEBP = Uint8Array.from([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 '), 0, 0, 0, 0]);

export function blob(bytes: Uint8Array, contentType: string | null = null): GoogleAppsScript.Base.Blob {
  return new FakeBlob(bytes, contentType) as unknown as GoogleAppsScript.Base.Blob;
}
