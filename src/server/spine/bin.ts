/**
 * Emptying the caller's part of the bin (core/bin.ts): version files their Peel made that left their threads.
 * When the sidebar opens, from the read it makes anyway: nothing more is asked of the store or Drive unless the
 * bin holds something, and only the caller's own files are trashed (the only ones drive.file lets them touch).
 */
import { type Binned, parseBin } from '../../core/bin';
import { userHash } from '../../core/conversation/thread';
import { BIN_PROPERTY } from '../../core/store-budget';
import type { VersionStore } from '../../core/versions';
import type { DocumentStore, Stored } from '../platform/document-store';

/** Trashes at most this many files per opening: each is a fetch of its own. */
export const MAX_TRASHED_PER_OPEN = 10;

export function emptyMyBin(
  store: DocumentStore,
  snapshot: Stored,
  me: () => string,
  versions: () => VersionStore,
): number {
  const bin = parseBin(snapshot[BIN_PROPERTY]);
  if (bin.length === 0) return 0;
  const id = me();
  const mine = bin.filter((e) => userHash(id, e.h) === e.u).slice(0, MAX_TRASHED_PER_OPEN);
  if (mine.length === 0) return 0;
  const drive = versions();
  const trashed: Binned[] = [];
  for (const entry of mine) {
    try {
      drive.trash(entry.x);
      trashed.push(entry);
    } catch (error) {
      // Left in the bin: the next opening tries again.
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }
  if (trashed.length === 0) return 0;
  const gone = new Set(trashed.map((e) => e.x));
  store.update((current) => {
    const left = parseBin(current[BIN_PROPERTY]).filter((e) => !gone.has(e.x));
    return {
      change: left.length > 0 ? { set: { [BIN_PROPERTY]: JSON.stringify(left) } } : { remove: [BIN_PROPERTY] },
      result: null,
    };
  });
  return trashed.length;
}
