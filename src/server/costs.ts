/**
 * What Peel's images have cost in this document, kept in document properties so every collaborator sees the
 * same total.
 *
 * Property reads and writes count against a daily quota and each is a round trip, so the total is also
 * mirrored in the document cache beside the stashed images: a Generate normally READS the mirror (a cache
 * entry that Generate's one putAll refreshes anyway) and makes a single property WRITE. Only when the mirror is
 * gone (30 minutes without a Generate in this document, or an eviction) does it read the property first.
 *
 * Two collaborators generating in the same second may lose one increment: the total is an estimate shown to
 * users, and a document lock would add three service calls to every Generate.
 */

type DocumentStore = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

export const DOCUMENT_COST_PROPERTY = 'PEEL_DOCUMENT_COST_USD';
export const COST_MIRROR_KEY = 'peel.documentCostUsd';

function parseUsd(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Micro-dollars: enough for per-image prices, and no 0.30000000000000004 in the sidebar. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export interface CostUpdate {
  readonly total: number;
  /** The cache entry to write with the stash (the mirror), or none when nothing changed and it is fresh. */
  readonly mirror: Readonly<Record<string, string>>;
}

/**
 * Adds `costUsd` to the document's total: one property write, plus one read only when `mirrored` (the cache
 * entry) is missing. Without document properties (no document context) the total is just this cost.
 */
export function addDocumentCost(costUsd: number, mirrored: string | null, store: DocumentStore | null): CostUpdate {
  if (!store) return { total: roundUsd(costUsd), mirror: {} };
  const previous = parseUsd(mirrored) ?? parseUsd(store.getProperty(DOCUMENT_COST_PROPERTY)) ?? 0;
  const total = roundUsd(previous + costUsd);
  if (costUsd > 0) store.setProperty(DOCUMENT_COST_PROPERTY, String(total));
  return { total, mirror: { [COST_MIRROR_KEY]: String(total) } };
}
