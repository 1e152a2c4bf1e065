/**
 * Utilities, run inside the execution's worker: it is pure computation (no shared state), and remoting
 * base64 of a multi-megabyte image as a number array would cost more than the work itself.
 *
 * Enums are strings, as the other fakes' enums are: `Utilities.Charset.UTF_8 == 'UTF_8'` is enough for code
 * that passes them back unchanged.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FakeBlob, fromByteArray, toSignedBytes } from './blob';

type U = GoogleAppsScript.Utilities.Utilities;
type Byte = GoogleAppsScript.Byte;
type Blob = GoogleAppsScript.Base.Blob;

export const CHARSET = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export const DIGEST_ALGORITHM = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MAC_ALGORITHM = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Utilities.sleep's documented maximum. */
export const MAX_SLEEP_MS = 300_000;

/** An error the script sees as Apps Script's `Exception`. */
export class ScriptException extends Error {
  override readonly name = 'Exception';
}

function encoding(charset: unknown): BufferEncoding {
  if (charset === undefined || charset === null || String(charset) === 'UTF_8') return 'utf8';
  if (String(charset) === 'US_ASCII') return 'ascii';
  throw new ScriptException(`Invalid argument: charset (${String(charset)})`);
}

function bytesOf(data: unknown, charset?: unknown): Uint8Array {
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, encoding(charset)));
  if (Array.isArray(data)) return fromByteArray(data as Byte[]);
  if (data instanceof Uint8Array) return data;
  throw new ScriptException(`Invalid argument: expected a string or a Byte[], got ${typeof data}`);
}

/** Characters outside each alphabet (padding included): a search for one is several times faster on a
 * multi-megabyte image than matching the whole string against an anchored pattern. */
const NOT_STANDARD = /[^A-Za-z0-9+/=]/;
const NOT_WEB_SAFE = /[^A-Za-z0-9_\-=]/;

/** The same strings as `^[alphabet]*={0,2}$`: only alphabet characters, then at most two `=` at the end. */
function wellFormed(text: string, outside: RegExp): boolean {
  if (outside.test(text)) return false;
  const pad = text.indexOf('=');
  return pad === -1 || (pad >= text.length - 2 && /^=+$/.test(text.slice(pad)));
}

function decode(encoded: unknown, outside: RegExp): Byte[] {
  // Apps Script tolerates line breaks (MIME-style base64) but nothing else outside the alphabet.
  const text = String(encoded).replace(/[\r\n]/g, '');
  if (!wellFormed(text, outside)) throw new ScriptException('Could not decode string.');
  // Node's base64 decoder reads both alphabets, and the text holds only one of them (checked above).
  return toSignedBytes(new Uint8Array(Buffer.from(text, 'base64')));
}

export type UtilitiesApi = Pick<
  U,
  | 'Charset'
  | 'DigestAlgorithm'
  | 'MacAlgorithm'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'formatString'
  | 'getUuid'
  | 'gzip'
  | 'newBlob'
  | 'sleep'
  | 'ungzip'
>;

export class FakeUtilities implements UtilitiesApi {
  readonly Charset = CHARSET as unknown as typeof GoogleAppsScript.Utilities.Charset;
  readonly DigestAlgorithm = DIGEST_ALGORITHM as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly MacAlgorithm = MAC_ALGORITHM as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  /** What one requested millisecond of sleep really takes (RuntimeOptions.sleepScale). */
  sleepScale = 1;

  base64Encode(data: Byte[] | string, charset?: unknown): string {
    return Buffer.from(bytesOf(data, charset)).toString('base64');
  }

  /** Web-safe alphabet, padding kept (as Java's URL-safe encoder, which Apps Script uses, keeps it). */
  base64EncodeWebSafe(data: Byte[] | string, charset?: unknown): string {
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string, _charset?: unknown): Byte[] {
    return decode(encoded, NOT_STANDARD);
  }

  base64DecodeWebSafe(encoded: string, _charset?: unknown): Byte[] {
    return decode(encoded, NOT_WEB_SAFE);
  }

  computeDigest(algorithm: unknown, value: Byte[] | string, charset?: unknown): Byte[] {
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw new ScriptException(`Invalid argument: algorithm (${String(algorithm)})`);
    return toSignedBytes(new Uint8Array(createHash(name).update(bytesOf(value, charset)).digest()));
  }

  computeHmacSignature(algorithm: unknown, value: Byte[] | string, key: Byte[] | string, charset?: unknown): Byte[] {
    const name = NODE_DIGEST[String(algorithm).replace(/^HMAC_/, '')];
    if (!name) throw new ScriptException(`Invalid argument: algorithm (${String(algorithm)})`);
    const mac = createHmac(name, bytesOf(key, charset)).update(bytesOf(value, charset));
    return toSignedBytes(new Uint8Array(mac.digest()));
  }

  computeHmacSha256Signature(value: Byte[] | string, key: Byte[] | string, charset?: unknown): Byte[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }

  /** Java's String.format for the common %s/%d cases. */
  formatString(template: string, ...args: unknown[]): string {
    return format(template, ...args);
  }

  getUuid(): string {
    return randomUUID();
  }

  newBlob(data: Byte[] | string, contentType?: string, name?: string): Blob {
    return new FakeBlob(bytesOf(data), contentType ?? null, name ?? null) as unknown as Blob;
  }

  gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): Blob {
    const source = asFakeBlob(blob);
    const out = gzipSync(source.rawBytes());
    return new FakeBlob(
      new Uint8Array(out),
      'application/x-gzip',
      name ?? `${source.getName() ?? 'archive'}.gz`,
    ) as unknown as Blob;
  }

  ungzip(blob: GoogleAppsScript.Base.BlobSource): Blob {
    const source = asFakeBlob(blob);
    let out: Buffer;
    try {
      out = gunzipSync(source.rawBytes());
    } catch {
      throw new ScriptException('Could not decompress gzip.');
    }
    return new FakeBlob(new Uint8Array(out), null, source.getName()?.replace(/\.gz$/, '') ?? null) as unknown as Blob;
  }

  /** Blocks the thread for real: the time counts against the execution's limit, as in Apps Script. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw new ScriptException('Invalid argument: milliseconds');
    if (ms > MAX_SLEEP_MS) {
      throw new ScriptException(`Invalid argument: milliseconds (the maximum is ${MAX_SLEEP_MS})`);
    }
    Atomics.wait(this.sleeper, 0, 0, ms * this.sleepScale);
  }
}

function asFakeBlob(source: unknown): FakeBlob {
  if (source instanceof FakeBlob) return source;
  throw new ScriptException('Invalid argument: blob');
}
