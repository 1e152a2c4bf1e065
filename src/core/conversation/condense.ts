/**
 * The bounds that keep Peel inside Apps Script's document store (9 KB per value, 500 KB per store) by design,
 * not by luck: every thread value is condensed under THREAD_MAX_BYTES before it is written, and when Peel's
 * keys together pass STORE_MAX_BYTES whole threads are pruned, those of deleted images first, and never one
 * touched or shown in a sidebar within PRUNE_AFTER_SECONDS (store-budget.ts).
 */
import { utf8Length } from '../gemini/request';
import {
  afterWrite,
  PRUNE_AFTER_SECONDS,
  peelBytes,
  propertyBytes,
  roomLimit,
  SEEN_PREFIX,
  STORE_MAX_BYTES,
  type Stored,
  seenKey,
  shareOf,
} from '../store-budget';
import type { Thread, Turn, Version } from './thread';
import { MAX_SUMMARY_CHARS, parseThread, THREAD_KEY_PREFIX, threadBytes, threadIdOfKey } from './thread';

/** Per thread value: 1 KB of headroom under Apps Script's 9 KB per value. */
export const THREAD_MAX_BYTES = 8 * 1024;
export { propertyBytes, STORE_MAX_BYTES } from '../store-budget';
export const MAX_VERSIONS = 20;
/** How short byte pressure may make the summary before old versions go instead. */
const MIN_SUMMARY_CHARS = 200;

export interface Fitted {
  readonly thread: Thread;
  /** Turns folded into the summary, oldest first. */
  readonly condensed: readonly Turn[];
  /** Versions no longer listed, oldest first: their Drive files are to be trashed by their owner. */
  readonly droppedVersions: readonly Version[];
}

/**
 * At most `max` characters: the beginning (the first instruction usually names the subject) and the end (the
 * latest ones) are kept, the middle gives way.
 */
export function capMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor((max - 3) * 0.4);
  const tail = max - 3 - head;
  return `${text.slice(0, head).trimEnd()} … ${text.slice(text.length - tail).trimStart()}`;
}

/** Instructions as one line, in order, each ending like a sentence. */
export function joinInstructions(instructions: readonly string[]): string {
  return instructions
    .map((i) => i.trim())
    .filter((i) => i !== '')
    .map((i) => (/[.!?…]$/.test(i) ? i : `${i}.`))
    .join(' ');
}

function withSummary(thread: Thread, summary: string): Thread {
  const { summary: _old, ...rest } = thread;
  return summary ? { ...rest, summary } : rest;
}

/**
 * The thread as it may be written: at most MAX_VERSIONS versions, and under THREAD_MAX_BYTES by folding the
 * oldest turns into the summary (their instructions joined, capped at MAX_SUMMARY_CHARS). The newest turn is
 * always kept: it names the current version. Should that not be enough (only with pathological text, such as
 * 500-character instructions of 3-byte characters), the summary is shortened to MIN_SUMMARY_CHARS and then the
 * oldest versions go.
 */
export function fitThread(thread: Thread, maxBytes = THREAD_MAX_BYTES): Fitted {
  const droppedVersions: Version[] = [];
  const condensed: Turn[] = [];
  const versions = [...thread.versions];
  if (versions.length > MAX_VERSIONS) droppedVersions.push(...versions.splice(0, versions.length - MAX_VERSIONS));
  let turns = [...thread.turns];
  let summary = thread.summary ?? '';
  const build = (): Thread => withSummary({ ...thread, turns, versions }, summary);

  let current = build();
  if (threadBytes(current) <= maxBytes) return { thread: current, condensed, droppedVersions };

  // Fold turns a few at a time: measuring after each is quadratic in the thread's length, and 8 KB holds ~20.
  while (turns.length > 1 && threadBytes(current) > maxBytes) {
    const fold = countToFree(turns, threadBytes(current) - maxBytes);
    if (fold === 0) break;
    const gone = turns.slice(0, fold);
    condensed.push(...gone);
    turns = turns.slice(fold);
    summary = capMiddle(joinInstructions([summary, ...gone.map((t) => t.i)]), MAX_SUMMARY_CHARS);
    current = build();
  }
  while (threadBytes(current) > maxBytes && summary.length > MIN_SUMMARY_CHARS) {
    summary = capMiddle(summary, Math.max(MIN_SUMMARY_CHARS, Math.floor(summary.length / 2)));
    current = build();
  }
  while (threadBytes(current) > maxBytes && versions.length > 0) {
    droppedVersions.push(...versions.splice(0, 1));
    current = build();
  }
  if (threadBytes(current) > maxBytes) {
    summary = '';
    current = build();
  }
  return { thread: current, condensed, droppedVersions };
}

/**
 * How many of the oldest turns free at least `bytes`: never the newest placed turn (it names the version the
 * document shows) nor the shown previews after it (the chain a person is in), and never the newest turn.
 */
function countToFree(turns: readonly Turn[], bytes: number): number {
  let freed = 0;
  let count = 0;
  let keepFrom = turns.length - 1;
  while (keepFrom > 0 && turns[keepFrom]?.sh === 1) keepFrom--;
  while (count < keepFrom && freed < bytes) {
    freed += utf8Length(JSON.stringify(turns[count])) + 1;
    count++;
  }
  return count;
}

/** One of Peel's keys in the document store, as the caller measured it. */
export interface StoredKey {
  readonly key: string;
  /** UTF-8 bytes of the key and its value (Apps Script counts both against the 500 KB). */
  readonly bytes: number;
  /**
   * For a thread key: when it was last updated or shown in a sidebar, whichever is later (epoch seconds), and
   * whether its image is still in the document.
   */
  readonly thread?: { readonly updated: number; readonly imageExists: boolean };
}

/**
 * The thread keys to delete so that Peel's keys total at most `maxBytes`: threads whose image no longer exists
 * first, then the least recently updated. Keys that are not threads, the threads in `keep` (the one being
 * written), and threads touched or shown since `now - PRUNE_AFTER_SECONDS` are never chosen: someone may be in
 * the middle of them. Empty when the store is within its bound; short of it when recent work fills the store.
 */
export function planPrune(
  keys: readonly StoredKey[],
  keep: readonly string[] = [],
  maxBytes = STORE_MAX_BYTES,
  now = Math.floor(Date.now() / 1000),
): string[] {
  let total = keys.reduce((sum, k) => sum + k.bytes, 0);
  if (total <= maxBytes) return [];
  const candidates = keys
    .filter((k) => k.thread !== undefined && !keep.includes(k.key) && now - k.thread.updated >= PRUNE_AFTER_SECONDS)
    .sort((a, b) => {
      const ta = a.thread as NonNullable<StoredKey['thread']>;
      const tb = b.thread as NonNullable<StoredKey['thread']>;
      if (ta.imageExists !== tb.imageExists) return ta.imageExists ? 1 : -1;
      return ta.updated - tb.updated || a.key.localeCompare(b.key);
    });
  const prune: string[] = [];
  for (const candidate of candidates) {
    if (total <= maxBytes) break;
    prune.push(candidate.key);
    total -= candidate.bytes;
  }
  return prune;
}

/** Peel's keys in a store, measured; a thread's seen key counted with its thread and its time the later one. */
function measured(properties: Stored, exists: (ref: string) => boolean): StoredKey[] {
  const seen = new Map<string, number>();
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith(SEEN_PREFIX)) seen.set(key.slice(SEEN_PREFIX.length), Number(value) || 0);
  }
  return Object.entries(properties)
    .filter(([key]) => shareOf(key) !== null && !key.startsWith(SEEN_PREFIX))
    .map(([key, value]) => {
      const id = key.startsWith(THREAD_KEY_PREFIX) ? threadIdOfKey(key) : null;
      if (!id) return { key, bytes: propertyBytes(key, value) };
      const thread = parseThread(value, id);
      const seenAt = seen.get(id);
      return {
        key,
        bytes: propertyBytes(key, value) + (seenAt === undefined ? 0 : propertyBytes(seenKey(id), String(seenAt))),
        thread: {
          updated: Math.max(thread?.updated ?? 0, seenAt ?? 0),
          imageExists: thread ? exists(thread.ref) : false,
        },
      };
    });
}

/** What a write must also remove to keep Peel within its bound, and the threads that go. */
export interface Room {
  readonly remove: readonly string[];
  readonly pruned: readonly Thread[];
}

/**
 * The threads (with their seen keys) to prune so that this write leaves Peel's keys within their room (roomLimit:
 * STORE_MAX_BYTES less the ledger's unused share):
 * nothing when it fits; never a key the write sets, and never a thread touched or shown within
 * PRUNE_AFTER_SECONDS. Whether a thread's image still exists is asked only when a prune is needed (it costs
 * document calls); unasked, every image counts as there.
 */
export function makeRoom(
  current: Stored,
  set: Stored,
  remove: readonly string[],
  exists: (ref: string) => boolean = () => true,
  now = Math.floor(Date.now() / 1000),
): Room {
  const after = afterWrite(current, set, remove);
  const limit = roomLimit(after);
  if (peelBytes(after) <= limit) return { remove: [], pruned: [] };
  const keys = planPrune(measured(after, exists), Object.keys(set), limit, now);
  const gone: string[] = [];
  const pruned: Thread[] = [];
  for (const key of keys) {
    const id = threadIdOfKey(key);
    gone.push(key);
    if (!id) continue;
    if (seenKey(id) in after) gone.push(seenKey(id));
    const thread = parseThread(after[key], id);
    if (thread) pruned.push(thread);
  }
  return { remove: gone, pruned };
}
