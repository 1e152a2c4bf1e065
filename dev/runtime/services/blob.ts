/**
 * Apps Script's Blob as a value: bytes, a content type and a name. It crosses between the runtime's threads
 * as `BlobData` and is rebuilt on the other side, since a Blob holds no reference to any document.
 */
import { convertImage, sniffMime } from '../../support/image';

type Blob = GoogleAppsScript.Base.Blob;

export type FakeBlobApi = Pick<
  Blob,
  | 'copyBlob'
  | 'getAs'
  | 'getBlob'
  | 'getBytes'
  | 'getContentType'
  | 'getDataAsString'
  | 'getName'
  | 'isGoogleType'
  | 'setBytes'
  | 'setContentType'
  | 'setDataFromString'
  | 'setName'
>;

export interface BlobData {
  readonly __blob: true;
  readonly bytes: Uint8Array;
  readonly contentType: string | null;
  readonly name: string | null;
}

/**
 * Builds a Byte[] from signed bytes. Plain indexed loop: images make arrays of millions of bytes, and Array.from
 * and mapping Uint8Array.from are several times slower. The execution's worker swaps in a builder that makes
 * the array directly in the script's realm (see setByteArrayBuilder), saving a second copy of every byte.
 */
let buildByteArray = (signed: Int8Array): number[] => {
  const out = new Array<number>(signed.length);
  for (let i = 0; i < signed.length; i++) out[i] = signed[i] as number;
  return out;
};

export function setByteArrayBuilder(build: (signed: Int8Array) => number[]): void {
  buildByteArray = build;
}

/** Apps Script's Byte[] holds signed bytes, -128 to 127. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return buildByteArray(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Typed-array assignment wraps modulo 256, as `b & 0xff` does for Byte[] values. */
export function fromByteArray(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] as number;
  return out;
}

const convertible = new Set(['image/png', 'image/jpeg']);

export class FakeBlob implements FakeBlobApi {
  private bytes: Uint8Array;
  private contentType: string | null;
  private name: string | null;

  constructor(bytes: Uint8Array, contentType: string | null = null, name: string | null = null) {
    this.bytes = bytes;
    this.contentType = contentType;
    this.name = name;
  }

  static fromData(data: BlobData): FakeBlob {
    return new FakeBlob(data.bytes, data.contentType, data.name);
  }

  static isData(value: unknown): value is BlobData {
    return typeof value === 'object' && value !== null && (value as { __blob?: unknown }).__blob === true;
  }

  toData(): BlobData {
    return { __blob: true, bytes: this.bytes, contentType: this.contentType, name: this.name };
  }

  /** The raw bytes, for the runtime's own services (not part of Apps Script's interface). */
  rawBytes(): Uint8Array {
    return this.bytes;
  }

  copyBlob(): Blob {
    return new FakeBlob(this.bytes.slice(), this.contentType, this.name) as unknown as Blob;
  }

  getAs(contentType: string): Blob {
    const from = this.contentType ?? sniffMime(this.bytes);
    if (contentType === from) return this.copyBlob();
    if (!from || !convertible.has(from) || !convertible.has(contentType)) {
      throw new Error(`Converting from ${from ?? 'unknown'} to ${contentType} is not supported.`);
    }
    const converted = convertImage(this.bytes, contentType as 'image/png' | 'image/jpeg');
    const base = this.name?.replace(/\.[^.]*$/, '') ?? null;
    const ext = contentType === 'image/png' ? 'png' : 'jpg';
    return new FakeBlob(converted, contentType, base === null ? null : `${base}.${ext}`) as unknown as Blob;
  }

  getBlob(): Blob {
    return this as unknown as Blob;
  }

  getBytes(): GoogleAppsScript.Byte[] {
    return toSignedBytes(this.bytes);
  }

  getContentType(): string | null {
    return this.contentType;
  }

  getDataAsString(charset?: string): string {
    return Buffer.from(this.bytes).toString(charset?.toLowerCase() === 'iso-8859-1' ? 'latin1' : 'utf8');
  }

  getName(): string | null {
    return this.name;
  }

  isGoogleType(): boolean {
    return false;
  }

  setBytes(data: GoogleAppsScript.Byte[]): Blob {
    this.bytes = fromByteArray(data);
    return this as unknown as Blob;
  }

  setContentType(contentType: string | null): Blob {
    this.contentType = contentType;
    return this as unknown as Blob;
  }

  setDataFromString(value: string): Blob {
    this.bytes = new Uint8Array(Buffer.from(value, 'utf8'));
    return this as unknown as Blob;
  }

  setName(name: string): Blob {
    this.name = name;
    return this as unknown as Blob;
  }
}
