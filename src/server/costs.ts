/**
 * What Peel's images have cost in this document, kept in document properties so every collaborator sees the
 * same total.
 *
 * The record is append-only: each Generate that cost something writes an entry of its own
 * (`PEEL_COST.<random>` = USD) with one setProperty and never reads the total back. Property reads and writes
 * count against a daily quota and each is a round trip; and since no Generate rewrites another's number, two
 * collaborators generating at the same moment both count (a read-modify-write of one total would lose one, and
 * a document lock would add three service calls to every Generate). The total, the entries plus what earlier
 * folds left in PEEL_DOCUMENT_COST_USD, is read with one getProperties when the sidebar opens.
 */

type DocumentStore = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperty' | 'setProperties'>;

/** The folded total (and, in documents from before the entries, the whole total). */
export const DOCUMENT_COST_PROPERTY = 'PEEL_DOCUMENT_COST_USD';
export const COST_ENTRY_PREFIX = 'PEEL_COST.';
/** An entry is about 40 bytes: folding past 200 keeps Peel's share of the 500 KB store under 10 KB. */
export const FOLD_AFTER_ENTRIES = 200;

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

/** Adds what one Generate cost to the record: one setProperty under a key of its own, no read. */
export function recordCost(store: DocumentStore, usd: number, key: string): void {
  if (usd > 0) store.setProperty(`${COST_ENTRY_PREFIX}${key}`, String(roundUsd(usd)));
}

/**
 * The document's total: one getProperties, and 0 outside a document. Past FOLD_AFTER_ENTRIES entries one
 * setProperties folds them into PEEL_DOCUMENT_COST_USD, rewriting the store without them (every other property
 * kept). An entry a collaborator writes between the read and the fold is lost with it: a window of milliseconds
 * once in hundreds of Generates, on a figure that is an estimate.
 */
export function readDocumentCost(store: DocumentStore | null): number {
  if (!store) return 0;
  const properties = store.getProperties();
  const { total, entries } = costInProperties(properties);
  if (entries > FOLD_AFTER_ENTRIES) {
    const others = Object.entries(properties).filter(([key]) => !key.startsWith(COST_ENTRY_PREFIX));
    try {
      store.setProperties({ ...Object.fromEntries(others), [DOCUMENT_COST_PROPERTY]: String(total) }, true);
    } catch (error) {
      // The total read is right either way; the fold is tried again at the next read.
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }
  return total;
}
