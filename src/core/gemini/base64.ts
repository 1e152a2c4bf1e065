/**
 * Checks that an image arrived whole without decoding it: Apps Script has no atob, and decoding megabytes in
 * plain JavaScript only to re-encode them would waste the execution's time. The alphabet, the length and the
 * few bytes at each end that PNG and JPEG fix are enough to catch a cut or garbled transfer.
 */
import type { Words } from '../i18n';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/**
 * Each ASCII code's value in the alphabet, -1 outside it. Indexed by char code: a JPEG's header read decodes
 * thousands of characters, and looking each one up as a property name took milliseconds per image. Pure, so a
 * bundle that reads no base64 (the sidebar's) drops the table.
 */
const VALUES: readonly number[] = /* @__PURE__ */ (() => {
  const values = new Array<number>(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) values[ALPHABET.charCodeAt(i)] = i;
  return values;
})();

/** The character's value, or -1 when it is padding or outside the alphabet. */
function valueAt(data: string, i: number): number {
  return VALUES[data.charCodeAt(i)] ?? -1;
}
/** A character outside the alphabet and its padding. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * Whole four-character groups of the alphabet, the last ending in at most two `=`. A search for one character
 * outside the alphabet, then for the first `=`, is several times faster on an image's megabytes than matching
 * the whole text against one anchored pattern, and accepts the same texts.
 */
export function isStandardBase64(data: string): boolean {
  if (data.length === 0 || data.length % 4 !== 0 || NOT_BASE64.test(data)) return false;
  const pad = data.indexOf('=');
  const last = data.length - 1;
  return pad < 0 || pad === last || (pad === last - 1 && data.charAt(last) === '=');
}

/**
 * The bytes of the first `maxChars` characters of standard base64, whole four-character groups only (padding
 * yields fewer bytes). Peel's one decoder, for the few bytes that say whether an image is whole and how large
 * it is: everything else stays base64 until Utilities.base64Decode.
 */
export function decodeBase64Head(data: string, maxChars = data.length): number[] {
  const end = Math.min(data.length, maxChars) - (Math.min(data.length, maxChars) % 4);
  const bytes: number[] = [];
  for (let i = 0; i < end; i += 4) {
    const a = Math.max(0, valueAt(data, i));
    const b = Math.max(0, valueAt(data, i + 1));
    const c = valueAt(data, i + 2);
    const d = valueAt(data, i + 3);
    bytes.push(((a << 2) | (b >> 4)) & 0xff);
    if (c >= 0) bytes.push((((b & 0x0f) << 4) | (c >> 2)) & 0xff);
    if (c >= 0 && d >= 0) bytes.push((((c & 0x03) << 6) | d) & 0xff);
  }
  return bytes;
}

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk: zero length, type, and its fixed CRC. */
const PNG_TAIL = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const JPEG_HEAD = [0xff, 0xd8, 0xff];
const JPEG_TAIL = [0xff, 0xd9];

function startsWith(bytes: readonly number[], prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function endsWith(bytes: readonly number[], suffix: readonly number[]): boolean {
  const offset = bytes.length - suffix.length;
  return offset >= 0 && suffix.every((b, i) => bytes[offset + i] === b);
}

/** Why `data` is not a complete image of type `mimeType` (words of the server's catalog), or null when it looks whole. */
export function imageDataProblem(mimeType: string, data: string): Words | null {
  if (data.length === 0) return { key: 'dataEmpty' };
  if (!isStandardBase64(data)) return { key: 'dataNotBase64' };
  const head = decodeBase64Head(data, 12);
  const tail = decodeBase64Head(data.slice(-24));
  if (mimeType === 'image/png') {
    if (!startsWith(head, PNG_HEAD)) return { key: 'dataNotStart', params: { type: 'PNG' } };
    if (!endsWith(tail, PNG_TAIL)) return { key: 'dataCutShort', params: { type: 'PNG' } };
  } else if (mimeType === 'image/jpeg') {
    if (!startsWith(head, JPEG_HEAD)) return { key: 'dataNotStart', params: { type: 'JPEG' } };
    // Some encoders pad after the end-of-image marker; zero bytes there are harmless.
    let end = tail.length;
    while (end > 0 && tail[end - 1] === 0) end--;
    if (!endsWith(tail.slice(0, end), JPEG_TAIL)) return { key: 'dataCutShort', params: { type: 'JPEG' } };
  }
  return null;
}

/** Bytes the base64 text decodes to, without decoding it. */
export function decodedLength(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}
