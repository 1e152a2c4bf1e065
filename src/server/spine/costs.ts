/**
 * What Peel's images have cost in this document, kept in document properties so every collaborator sees the
 * same total.
 *
 * The record is append-only: each Generate that cost something adds an entry of its own
 * (`PEEL_COST.<random>` = USD) with one setProperties, no lock and no read of the total. Property reads and
 * writes count against a daily quota and each is a round trip, and since no Generate rewrites another's number,
 * two collaborators generating at the same moment both count. No lock is needed because nothing that rewrites the
 * store deletes a key it did not read (document-store.ts): the fold below, under the lock, leaves an entry added
 * meanwhile as it was. The total, the entries plus what earlier folds left in PEEL_DOCUMENT_COST_USD, is read
 * with one getProperties when the sidebar opens.
 */

import { monthOf } from '../../core/policy';
import { COST_ENTRY_PREFIX, DOCUMENT_COST_PROPERTY, propertyBytes, STORE_MAX_BYTES } from '../../core/store-budget';
import type { DocumentStore, Stored } from '../platform/document-store';

export { COST_ENTRY_PREFIX, DOCUMENT_COST_PROPERTY };
/**
 * What earlier folds left of the current month (`2026-12=4.5`): an organization's monthly budget per document
 * (core/policy.ts) counts it with the entries that name the month.
 */
export const MONTH_COST_PROPERTY = 'peel.month';

/** A cost entry's key: the bill's id (the image's), then the calendar month it was billed in. */
export function costEntryKey(bill: string, nowMs: number = Date.now()): string {
  return `${COST_ENTRY_PREFIX}${bill}.${monthOf(nowMs)}`;
}

/** What the document has spent in `month` (`2026-12`): this month's entries and what folds kept of them. */
export function monthInProperties(properties: Readonly<Record<string, string>>, month: string): number {
  const [foldedMonth, folded] = (properties[MONTH_COST_PROPERTY] ?? '').split('=');
  let total = foldedMonth === month ? (parseUsd(folded) ?? 0) : 0;
  const suffix = `.${month}`;
  for (const [key, text] of Object.entries(properties)) {
    if (key.startsWith(COST_ENTRY_PREFIX) && key.endsWith(suffix)) total += parseUsd(text) ?? 0;
  }
  return roundUsd(total);
}

/** An entry is about 40 bytes: folding past 200 keeps Peel's share of the 500 KB store under 10 KB. */
export const FOLD_AFTER_ENTRIES = 200;
/**
 * The most entries one fold takes. Each leaves with a deleteProperty of its own (about 63 ms, under the document
 * lock: 40 hold it about 2.5 s, well inside the 10 s a collaborator waits for it), since a rewrite of the whole
 * store would drop entries added meanwhile. Past FOLD_AFTER_ENTRIES every read of the total folds again, so the
 * record shrinks faster than a sitting adds to it.
 */
export const FOLD_AT_MOST = 40;

/** Oldest month first (entries from before the month was in the key first of all). */
function foldOrder(keys: readonly string[]): string[] {
  const month = (key: string) => /\.(\d{4}-\d{2})$/.exec(key)?.[1] ?? '';
  return [...keys].sort((a, b) => month(a).localeCompare(month(b)));
}

function parseUsd(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Micro-dollars: enough for per-image prices, and no 0.30000000000000004 in the sidebar. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The total in one getProperties' answer, and how many entries made it. */
export function costInProperties(properties: Readonly<Record<string, string>>): { total: number; entries: number } {
  let total = parseUsd(properties[DOCUMENT_COST_PROPERTY]) ?? 0;
  let entries = 0;
  for (const [key, text] of Object.entries(properties)) {
    if (!key.startsWith(COST_ENTRY_PREFIX)) continue;
    total += parseUsd(text) ?? 0;
    entries++;
  }
  return { total: roundUsd(total), entries };
}

/** Adds what one Generate cost to the record: one write under a key of its own, no read, no lock. */
export function recordCost(store: DocumentStore, usd: number, key: string): void {
  if (usd > 0) store.add({ [`${COST_ENTRY_PREFIX}${key}`]: String(roundUsd(usd)) });
}

/** Where a user's owed entries wait: their own properties (Settings), read with their key. */
export interface OwedLedger {
  owed(): Record<string, Record<string, string>>;
  saveOwed(owed: Record<string, Record<string, string>>): void;
}

/**
 * Records a billed image exactly once, whatever the store does. The entry's key is the image's own id, so writing
 * it twice is writing it once. It goes with whatever this user still owes this document, in one write without
 * the lock; when the store refuses it, or a store at its bound needs the locked write and the lock does not come
 * (a collaborator's long write), it waits in the user's own properties and goes with their next image in this
 * document. True when written now.
 *
 * The document's id costs a service call or two, so it is asked only when something is owed or must be.
 */
export function recordBilled(
  store: DocumentStore,
  usd: number,
  key: string,
  ledger: OwedLedger,
  documentId: () => string,
  /** Peel's bytes in the store as last read, when known: a store at its bound gets a read-modify-write. */
  storeBytes?: number,
): boolean {
  const entry: Record<string, string> = usd > 0 ? { [costEntryKey(key)]: String(roundUsd(usd)) } : {};
  const owed = ledger.owed();
  let id: string | null = null;
  const here = () => {
    id ??= documentId();
    return id;
  };
  // Only cost entries are ever carried: whatever else the user's store might hold never reaches the document's.
  const carried = Object.fromEntries(
    Object.entries(Object.keys(owed).length > 0 ? (owed[here()] ?? {}) : {}).filter(
      ([k, v]) => k.startsWith(COST_ENTRY_PREFIX) && parseUsd(v) !== null,
    ),
  );
  const entries = { ...carried, ...entry };
  try {
    // Written without a read into the ledger's share, which every other write keeps free (store-budget.ts); a
    // store already at its bound (filled before that rule) makes room first, as any planned write does.
    const bytes = Object.entries(entries).reduce((sum, [k, v]) => sum + propertyBytes(k, v), 0);
    if (storeBytes !== undefined && storeBytes + bytes > STORE_MAX_BYTES) {
      store.update(() => ({ change: { set: entries }, result: null }));
    } else store.add(entries);
  } catch (error) {
    if (Object.keys(entry).length === 0) throw error;
    ledger.saveOwed({ ...owed, [here()]: { ...carried, ...entry } });
    return false;
  }
  if (Object.keys(carried).length > 0) {
    const { [here()]: _settled, ...rest } = owed;
    ledger.saveOwed(rest);
  }
  return true;
}

/**
 * The document's total: one getProperties, and 0 outside a document. Past FOLD_AFTER_ENTRIES entries, up to
 * FOLD_AT_MOST of them are folded into PEEL_DOCUMENT_COST_USD (this month's also into peel.month) by a
 * read-modify-write under the lock, planned from what that locked read finds (not from the snapshot above), so an
 * entry a collaborator adds meanwhile is either folded or kept, never lost.
 */
export function readDocumentCost(store: DocumentStore | null, snapshot?: Stored): number {
  if (!store) return 0;
  // A caller that read the store already for something else passes that read: one getProperties, not two.
  const { total, entries } = costInProperties(snapshot ?? store.read());
  if (entries <= FOLD_AFTER_ENTRIES) return total;
  try {
    return store.update((current) => {
      const now = costInProperties(current);
      const entries = Object.keys(current).filter((key) => key.startsWith(COST_ENTRY_PREFIX));
      const remove = foldOrder(entries).slice(0, FOLD_AT_MOST);
      const folding = Object.fromEntries(remove.map((key) => [key, current[key] ?? '']));
      const month = monthOf(Date.now());
      const [foldedMonth, folded] = (current[MONTH_COST_PROPERTY] ?? '').split('=');
      // What folds kept of this month and this month's entries folded now; the rest still count as entries.
      const thisMonth = roundUsd(
        (foldedMonth === month ? (parseUsd(folded) ?? 0) : 0) + monthInProperties(folding, month),
      );
      const before = parseUsd(current[DOCUMENT_COST_PROPERTY]) ?? 0;
      const set = {
        [DOCUMENT_COST_PROPERTY]: String(roundUsd(before + costInProperties(folding).total)),
        ...(thisMonth > 0 ? { [MONTH_COST_PROPERTY]: `${month}=${thisMonth}` } : {}),
      };
      return { change: { set, remove }, result: now.total };
    });
  } catch (error) {
    // The total read is right either way; the fold is tried again at the next read.
    console.error(error instanceof Error ? error.stack : String(error));
    return total;
  }
}
