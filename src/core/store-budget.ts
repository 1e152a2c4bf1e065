/**
 * Peel's budget in a document's store, shared fairly. Apps Script gives a document 500 KB of properties (9 KB a
 * value) for every script that runs in it; Peel keeps to about half, and within that half each kind of key has
 * a share, so one kind cannot starve another: two long deck jobs once pushed every edit conversation out.
 *
 * - jobs, references, style and the ledger (costs, the last thread, the Docs width) have a fixed share each, and
 *   a write that would take one past it is refused (STORE_FULL) before anything is billed or placed;
 * - threads (edit conversations) have the rest, at least THREADS_FLOOR, and make room by pruning the least
 *   recently used among those nobody touched or looked at for PRUNE_AFTER_SECONDS (threads.ts);
 * - the ledger's unused share is kept free by every other write, because its entries (a cost, written with one
 *   setProperties, no read and no lock) cannot make room for themselves: so no write takes Peel past
 *   STORE_MAX_BYTES, ever.
 */
import { LAST_THREAD_KEY, THREAD_KEY_PREFIX } from './conversation/thread';
import { STYLE_PROPERTY } from './deck-style';
import { DOCS_WIDTH_PROPERTY } from './docs-width';
import { PeelError } from './errors';
import { utf8Length } from './gemini/request';

/** Peel's whole use of the document store: about half of Apps Script's 500 KB, leaving the rest to others. */
export const STORE_MAX_BYTES = 256 * 1024;
/** Apps Script's limit per value ("Property value size: 9 kB / val", Quotas for Google Services). */
export const VALUE_MAX_BYTES = 9 * 1024;

export const COST_ENTRY_PREFIX = 'PEEL_COST.';
/** The folded total (and, in documents from before the entries, the whole total). */
export const DOCUMENT_COST_PROPERTY = 'PEEL_DOCUMENT_COST_USD';
export const NAMED_REFERENCES_PROPERTY = 'peel.refs';
/** Deck jobs: `peel.job.<id>` and `peel.job.<id>.<i>` (jobs.ts). */
export const JOB_PREFIX = 'peel.job.';
/**
 * Version files whose thread let them go (pruned, or past a thread's 20 versions) and that only their owner can
 * trash (drive.file): each owner's Peel trashes its own when their sidebar opens (bin.ts).
 */
export const BIN_PROPERTY = 'peel.bin';
/** `peel.seen.<threadId>` = epoch seconds a sidebar last showed that thread: an open thread is not pruned. */
export const SEEN_PREFIX = 'peel.seen.';
export const seenKey = (threadId: string) => `${SEEN_PREFIX}${threadId}`;

export type Share = 'threads' | 'jobs' | 'references' | 'style' | 'ledger';
type Fixed = Exclude<Share, 'threads'>;

/**
 * Two 60-slide deck jobs with slide-length prompts take about 70 KB; the list of named references and the deck
 * style are one value each (under 9 KB); the ledger folds its cost entries past 200 (about 8 KB) and holds the bin (at most about 5 KB).
 */
export const SHARES: Readonly<Record<Fixed, number>> = {
  jobs: 96 * 1024,
  references: 10 * 1024,
  style: 10 * 1024,
  ledger: 16 * 1024,
};
/** What edit conversations always have: 124 KB, about sixty typical threads or fifteen full ones. */
export const THREADS_FLOOR = STORE_MAX_BYTES - Object.values(SHARES).reduce((a, b) => a + b, 0);
/** A thread untouched and unseen this long may be pruned; CacheService keeps a preview at most as long. */
export const PRUNE_AFTER_SECONDS = 6 * 60 * 60;

const FIXED_NAMES: Readonly<Record<Fixed, string>> = {
  jobs: 'deck jobs',
  references: 'named references',
  style: 'the document’s style',
  ledger: 'the cost record',
};

export type Stored = Readonly<Record<string, string>>;

/** Which share a key counts against, or null for a key that is not Peel's. */
export function shareOf(key: string): Share | null {
  if (key.startsWith(THREAD_KEY_PREFIX) || key.startsWith(SEEN_PREFIX)) return 'threads';
  if (key.startsWith(JOB_PREFIX)) return 'jobs';
  if (key === NAMED_REFERENCES_PROPERTY) return 'references';
  if (key === STYLE_PROPERTY) return 'style';
  if (
    key.startsWith('peel.') ||
    key.startsWith(COST_ENTRY_PREFIX) ||
    key === DOCUMENT_COST_PROPERTY ||
    key === LAST_THREAD_KEY ||
    key === DOCS_WIDTH_PROPERTY
  ) {
    return 'ledger';
  }
  return null;
}

/** Bytes of one property as the store counts them: key and value, UTF-8. */
export function propertyBytes(key: string, value: string): number {
  return utf8Length(key) + utf8Length(value);
}

export type Usage = Record<Share, number> & { readonly total: number };

/** Bytes of Peel's keys in a read of the store, by share and in total. */
export function usage(properties: Stored): Usage {
  const by: Record<Share, number> = { threads: 0, jobs: 0, references: 0, style: 0, ledger: 0 };
  let total = 0;
  for (const [key, value] of Object.entries(properties)) {
    const share = shareOf(key);
    if (!share) continue;
    const bytes = propertyBytes(key, value);
    by[share] += bytes;
    total += bytes;
  }
  return { ...by, total };
}

/** Bytes of Peel's keys and values in a read of the store, against STORE_MAX_BYTES. */
export function peelBytes(properties: Stored): number {
  return usage(properties).total;
}

/** The store after a write, as Apps Script applies it. */
export function afterWrite(current: Stored, set: Stored, remove: readonly string[] = []): Stored {
  const next: Record<string, string> = { ...current, ...set };
  for (const key of remove) if (!(key in set)) delete next[key];
  return next;
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

export function storeFull(message: string, detail: string): PeelError {
  return new PeelError('STORE_FULL', message, { detail });
}

/**
 * How far a write other than the ledger's may fill Peel's part of the store: all of it but what the ledger has
 * not used of its share, which is kept for entries written without a read (costs).
 */
export function roomLimit(properties: Stored): number {
  return STORE_MAX_BYTES - Math.max(0, SHARES.ledger - usage(properties).ledger);
}

/**
 * Refuses (STORE_FULL) a write that breaks the budget: a value over Apps Script's 9 KB, a fixed share passed by a
 * write that grows it, or Peel's total passed by a write that grows it (for any share but the ledger, the total
 * less the ledger's unused share). A write that shrinks or keeps what it touches is always allowed, so a full
 * store can still be tidied.
 */
export function checkWrite(current: Stored, set: Stored, remove: readonly string[] = []): void {
  for (const [key, value] of Object.entries(set)) {
    if (shareOf(key) && utf8Length(value) > VALUE_MAX_BYTES) {
      throw storeFull(`Value over 9 KB: ${key}`, 'One piece of what Peel keeps is larger than a document can hold.');
    }
  }
  const before = usage(current);
  const next = afterWrite(current, set, remove);
  const after = usage(next);
  for (const share of Object.keys(SHARES) as Fixed[]) {
    if (after[share] > SHARES[share] && after[share] > before[share]) {
      throw storeFull(
        `Share passed: ${share} ${after[share]} > ${SHARES[share]}`,
        `This would take ${FIXED_NAMES[share]} to ${kb(after[share])} of the ${kb(SHARES[share])} Peel keeps for them in this document.`,
      );
    }
  }
  // The ledger alone is bounded by its share: what it records (what was paid for) is never refused for room
  // that others took, and others leave its share free.
  const grows = (['threads', 'jobs', 'references', 'style'] as const).some((share) => after[share] > before[share]);
  if (grows && after.total > roomLimit(next) && after.total > before.total) {
    const limit = roomLimit(next);
    throw storeFull(
      `Store passed: ${after.total} > ${limit}`,
      `Edit conversations from the last ${PRUNE_AFTER_SECONDS / 3600} hours fill the ${kb(STORE_MAX_BYTES)} Peel keeps in this document, and Peel never removes recent work.`,
    );
  }
}

/** The bytes a share has left in a read of the store: its own share's room, and never more than the total's. */
export function roomFor(share: Share, properties: Stored): number {
  const now = usage(properties);
  const total = STORE_MAX_BYTES - now.total;
  return share === 'threads' ? total : Math.min(SHARES[share] - now[share], total);
}
