/**
 * The pending image: what Peel made and has not placed yet. Every image Peel makes (generate, edit, blend, quick
 * edit, job item) is stashed in its maker's user cache with one complete record, written in the same putAll as
 * its bytes and read in the same getAll by `place`. So Insert, Apply and Accept send only the image's id: the
 * prompt, the model's words, the target, the thread and the version the edit started from are all here, and
 * nothing the server knows travels down to the sidebar and back.
 *
 * Beside it, the real thought signatures a user holds for a thread's current version (`peel.sig.<thread>.<ver>`):
 * written when an edit is placed, read by the next edit of that version, for 6 hours. Signatures are opaque and
 * can reach megabytes, so they are cut into chunks under CacheService's 100 KB per value; a chunk missing
 * means "not held", never a corrupt signature. Only the same user reads them: another person's edit rebuilds the
 * model turn (core/conversation/edit-request.ts).
 */
import type { HeldSignature } from '../../core/conversation/edit-request';
import type { TurnKind } from '../../core/conversation/thread';
import { parseSlideLayout, type SlideLayout } from '../../core/placement';
import type { ImageRef } from '../../shared/rpc';
import { CHUNK_CHARS, userCache } from '../platform/stash';

export const SIGNATURE_HOURS = 6;
/** A signature over 5 MB is not kept: the next edit rebuilds the model turn instead. */
const MAX_SIGNATURE_CHUNKS = 50;

/** What an edit started from: the image it changes and the version the document showed when it was read. */
export interface Base {
  readonly ref: ImageRef;
  /** The image's thread, or null for a Docs image Peel did not track yet. */
  readonly thread: string | null;
  /** The thread's current version when the edit read the image; null when the image had no thread yet. */
  readonly version: string | null;
}

/** Everything `place` needs to put a made image where it belongs and record it. Keys are short: it is cached. */
export interface PendingRecord {
  /** What kind of turn placing it records. */
  readonly k: Exclude<TurnKind, 'restore'>;
  /** The words the thread shows: the prompt of a new image, the instruction (or quick edit's short form) of an edit. */
  readonly i: string;
  /** The model's own words, for the alt text and the thread. */
  readonly w: string;
  /** The model id, aspect ratio and size it was drawn with. */
  readonly m: string;
  readonly r: string;
  readonly s: string;
  /** USD, or null when Peel has no price for that model and size. */
  readonly c: number | null;
  /** The references it was made with (names, or roles for unnamed ones). */
  readonly refs?: readonly string[];
  /** Edits: what they started from. */
  readonly base?: Base;
  /** The maker's random user id (PEEL_USER_ID), so placing needs no read of their user properties. */
  readonly u: string;
  /** Bytes of Peel's keys in the document store when it was made (read then anyway), for starting its thread. */
  readonly sb?: number;
  /** Slides: the slide's layout Generate read for the ratio, so that Insert need not walk the slide again. */
  readonly l?: SlideLayout;
  /** 0: the organization does not mark AI pictures, so the alt text does not begin with ALT_LEAD (core/policy.ts). */
  readonly ai?: 0;
  /** "Remove the background": the key colour (#RRGGBB) the subject was asked on, which a cut-out takes out. */
  readonly key?: string;
  /** 1: a cut-out (a PNG with alpha the sidebar matted from the image made), placed instead of that image. */
  readonly cut?: 1;
  /**
   * An edit kept to a marked part: its left, top, width and height, and the width and height of the picture it
   * started from, which "Keep everything else exactly" must match.
   */
  readonly rg?: readonly [number, number, number, number, number, number];
  /** A chained edit: the image id of the preview it continued from (which has the same `base`). */
  readonly f?: string;
  /** A chained edit: the chain's instructions before this one, oldest first (what the next link sends as history). */
  readonly ch?: readonly string[];
}

type Entries = Record<string, string>;

/**
 * A layout rides in the record's one cache value (CacheService takes 100 KB a value) only while it stays well
 * under that: a slide with hundreds of elements leaves it out, and Insert walks the slide instead.
 */
const MAX_LAYOUT_CHARS = 40_000;

export function layoutToKeep(layout: SlideLayout | null | undefined): SlideLayout | undefined {
  return layout && JSON.stringify(layout).length <= MAX_LAYOUT_CHARS ? layout : undefined;
}

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

const recordBase = (imageId: string) => `peel.memo.${imageId}`;
const signatureBase = (threadId: string, versionId: string) => `peel.sig.${threadId}.${versionId}`;

/** The image's model signature, if Gemini signed it (thinking models do). */
export function signatureOf(parts: readonly { inlineData?: unknown; thoughtSignature?: string }[]): string | null {
  return parts.find((part) => part.inlineData && part.thoughtSignature)?.thoughtSignature ?? null;
}

export function recordEntries(imageId: string, record: PendingRecord, signature: string | null): Entries {
  return chunked(recordBase(imageId), { p: record }, signature);
}

export function recordKeys(imageId: string): string[] {
  return chunkKeys(recordBase(imageId));
}

const str = (x: unknown): x is string => typeof x === 'string';
const KINDS: readonly string[] = ['new', 'edit', 'quick'];

function parseBase(raw: unknown): Base | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { ref, thread, version } = raw as Record<string, unknown>;
  if (!str(ref) || !(thread === null || str(thread)) || !(version === null || str(version))) return undefined;
  return { ref, thread, version };
}

/** The record of an image, or null when the cache no longer has it (or it is not one this code wrote). */
export function readRecord(
  found: Readonly<Entries>,
  imageId: string,
): { record: PendingRecord; signature: string | null } | null {
  const read = unchunked(found, recordBase(imageId));
  const p = read?.header.p as Record<string, unknown> | undefined;
  if (!read || typeof p !== 'object' || p === null) return null;
  const { k, i, w, m, r, s, c, refs, base, u, sb, l, ai, key, cut, rg, f, ch } = p;
  if (!str(k) || !KINDS.includes(k) || ![i, w, m, r, s, u].every(str)) return null;
  const names = Array.isArray(refs) ? refs.filter(str) : [];
  const started = parseBase(base);
  const layout = l === undefined ? null : parseSlideLayout(l);
  return {
    record: {
      k: k as PendingRecord['k'],
      i: i as string,
      w: w as string,
      m: m as string,
      r: r as string,
      s: s as string,
      c: typeof c === 'number' ? c : null,
      ...(names.length > 0 ? { refs: names } : {}),
      ...(started ? { base: started } : {}),
      u: u as string,
      ...(typeof sb === 'number' && Number.isFinite(sb) && sb >= 0 ? { sb } : {}),
      ...(layout ? { l: layout } : {}),
      ...(ai === 0 ? { ai: 0 as const } : {}),
      ...(str(key) && /^#[0-9A-F]{6}$/.test(key) ? { key } : {}),
      ...(cut === 1 ? { cut: 1 as const } : {}),
      ...(isRegionRecord(rg) ? { rg } : {}),
      ...(str(f) ? { f } : {}),
      ...(Array.isArray(ch) ? { ch: ch.filter(str) } : {}),
    },
    signature: read.text,
  };
}

function isRegionRecord(raw: unknown): raw is NonNullable<PendingRecord['rg']> {
  return Array.isArray(raw) && raw.length === 6 && raw.every((n) => Number.isInteger(n) && n >= 0);
}

type CachePort = Pick<GoogleAppsScript.Cache.Cache, 'getAll' | 'putAll'>;

/** The caller's held signatures (their user cache). */
export class HeldSignatures {
  constructor(private readonly cache: CachePort = userCache()) {}

  get(threadId: string, versionId: string): HeldSignature | null {
    const base = signatureBase(threadId, versionId);
    const read = unchunked(this.cache.getAll(chunkKeys(base)), base);
    return read?.text ? { versionId, signature: read.text } : null;
  }

  put(threadId: string, versionId: string, signature: string): void {
    this.cache.putAll(chunked(signatureBase(threadId, versionId), {}, signature), SIGNATURE_HOURS * 3600);
  }
}
