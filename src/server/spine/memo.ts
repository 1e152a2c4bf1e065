/**
 * What an image Peel made carries from Generate or Edit to Insert or Apply, and the real thought signatures a
 * user holds for a thread's current version, all in that user's own cache (design-10, "The request").
 *
 * - The memo (`peel.memo.<imageId>`): model, ratio, size and cost, which a thread's turn records, and the
 *   signature Gemini put on the image. It is written in the same putAll as the stashed image and read in the
 *   same getAll, so it costs no call of its own.
 * - The held signature (`peel.sig.<threadId>.<versionId>`): written by Apply, read by the next edit of that
 *   version, for 6 hours. Signatures are opaque and can be megabytes (research §1.1), so they are cut into
 *   chunks under CacheService's 100 KB per value; a chunk missing means "not held", never a corrupt signature.
 *   Only the same user reads it: another person's edit rebuilds the model turn (edit-request.ts).
 */
import type { HeldSignature } from '../../core/conversation/edit-request';
import { CHUNK_CHARS } from '../platform/stash';

export const SIGNATURE_HOURS = 6;
/** A signature over 5 MB is not kept: the next edit rebuilds the model turn instead. */
const MAX_SIGNATURE_CHUNKS = 50;

export interface Memo {
  readonly m: string;
  readonly r: string;
  readonly s: string;
  readonly c: number | null;
  /** The references the image was made with (names, or roles for unnamed ones): its thread's first turn records them. */
  readonly refs?: readonly string[];
}

type Entries = Record<string, string>;

function chunkKeys(base: string): string[] {
  return [base, ...Array.from({ length: MAX_SIGNATURE_CHUNKS }, (_, i) => `${base}.${i}`)];
}

/** The header (JSON with `n`, the chunk count) and the chunks, or none when the text is too long to keep. */
function chunked(base: string, header: object, text: string | null): Entries {
  const n = text ? Math.ceil(text.length / CHUNK_CHARS) : 0;
  const keep = n <= MAX_SIGNATURE_CHUNKS;
  const entries: Entries = { [base]: JSON.stringify({ ...header, n: keep ? n : 0 }) };
  if (text && keep) {
    for (let i = 0; i < n; i++) entries[`${base}.${i}`] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  }
  return entries;
}

function unchunked(
  found: Readonly<Entries>,
  base: string,
): { header: Record<string, unknown>; text: string | null } | null {
  const raw = found[base];
  if (raw === undefined) return null;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const n = typeof header.n === 'number' && Number.isInteger(header.n) ? header.n : 0;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const part = found[`${base}.${i}`];
    if (part === undefined) return { header, text: null };
    parts.push(part);
  }
  return { header, text: n > 0 ? parts.join('') : null };
}

const memoBase = (imageId: string) => `peel.memo.${imageId}`;
const signatureBase = (threadId: string, versionId: string) => `peel.sig.${threadId}.${versionId}`;

/** The image's model signature, if Gemini signed it (thinking models do). */
export function signatureOf(parts: readonly { inlineData?: unknown; thoughtSignature?: string }[]): string | null {
  return parts.find((part) => part.inlineData && part.thoughtSignature)?.thoughtSignature ?? null;
}

export function memoEntries(imageId: string, memo: Memo, signature: string | null): Entries {
  return chunked(memoBase(imageId), memo, signature);
}

export function memoKeys(imageId: string): string[] {
  return chunkKeys(memoBase(imageId));
}

/** The memo of an image, or null when the cache no longer has it. */
export function readMemo(found: Readonly<Entries>, imageId: string): { memo: Memo; signature: string | null } | null {
  const read = unchunked(found, memoBase(imageId));
  if (!read) return null;
  const { m, r, s, c, refs } = read.header;
  if (typeof m !== 'string' || typeof r !== 'string' || typeof s !== 'string') return null;
  const names = Array.isArray(refs) ? refs.filter((x): x is string => typeof x === 'string') : [];
  return {
    memo: { m, r, s, c: typeof c === 'number' ? c : null, ...(names.length > 0 ? { refs: names } : {}) },
    signature: read.text,
  };
}

type CachePort = Pick<GoogleAppsScript.Cache.Cache, 'getAll' | 'putAll'>;

/** The caller's held signatures (their user cache). */
export class HeldSignatures {
  constructor(private readonly cache: CachePort = CacheService.getUserCache()) {}

  get(threadId: string, versionId: string): HeldSignature | null {
    const base = signatureBase(threadId, versionId);
    const read = unchunked(this.cache.getAll(chunkKeys(base)), base);
    return read?.text ? { versionId, signature: read.text } : null;
  }

  put(threadId: string, versionId: string, signature: string): void {
    this.cache.putAll(chunked(signatureBase(threadId, versionId), {}, signature), SIGNATURE_HOURS * 3600);
  }
}
