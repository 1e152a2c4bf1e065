/**
 * The bounds that keep Peel inside Apps Script's document store (9 KB per value, 500 KB per store) by design,
 * not by luck: every thread value is condensed under THREAD_MAX_BYTES before it is written, and when Peel's
 * keys together pass STORE_MAX_BYTES whole threads are pruned, those of deleted images first, and never one
 * touched or shown in a sidebar within PRUNE_AFTER_SECONDS (store-budget.ts).
 */
import { utf8Length } from '../gemini/request';
import { PRUNE_AFTER_SECONDS, STORE_MAX_BYTES } from '../store-budget';
import type { Thread, Turn, Version } from './thread';
import { MAX_SUMMARY_CHARS, threadBytes } from './thread';

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
    const fold = Math.max(1, countToFree(turns, threadBytes(current) - maxBytes));
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

/** How many of the oldest turns (never the newest) free at least `bytes`. */
function countToFree(turns: readonly Turn[], bytes: number): number {
  let freed = 0;
  let count = 0;
  while (count < turns.length - 1 && freed < bytes) {
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
