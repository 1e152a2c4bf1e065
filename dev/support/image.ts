/**
 * PNG and JPEG in Node, for the dev tools only (emulator, runtime, workbench): sniffing, sizes, decoding to
 * RGBA and encoding. Pure JavaScript codecs, so nothing native has to install.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif';

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row-major RGBA. */
  readonly data: Uint8Array;
}

export function sniffMime(bytes: Uint8Array): ImageMime | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return 'image/png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'image/gif';
  return null;
}

/** Pixel size read from the header, without decoding. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const mime = sniffMime(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (mime === 'image/gif' && bytes.length >= 10) {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (mime === 'image/jpeg') {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1] ?? 0;
      const length = view.getUint16(i + 2);
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}

export function decodeImage(bytes: Uint8Array): Rgba {
  const mime = sniffMime(bytes);
  if (mime === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
  }
  if (mime === 'image/jpeg') {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: img.data };
  }
  throw new Error(`Cannot decode ${mime ?? 'unknown'} image data`);
}

export function encodePng(image: Rgba): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return new Uint8Array(PNG.sync.write(png, { colorType: 6 }));
}

export function encodeJpeg(image: Rgba, quality = 85): Uint8Array {
  const out = jpeg.encode({ data: image.data, width: image.width, height: image.height }, quality);
  return new Uint8Array(out.data);
}

/** Converts between PNG and JPEG as `Blob.getAs` does; the same type returns the bytes unchanged. */
export function convertImage(bytes: Uint8Array, to: 'image/png' | 'image/jpeg'): Uint8Array {
  if (sniffMime(bytes) === to) return bytes;
  const rgba = decodeImage(bytes);
  return to === 'image/png' ? encodePng(rgba) : encodeJpeg(rgba);
}
