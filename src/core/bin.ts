/**
 * The bin: version files that left their thread (the thread was pruned to make room, or the version fell past a
 * thread's MAX_VERSIONS) and wait for their owner to trash them. Under `drive.file` only the person whose Peel
 * made a file can trash it, so whoever lets a version go cannot trash a collaborator's; the entry names the
 * owner as the thread does (a per-thread hash, never an address), and each owner's Peel trashes its own when
 * their sidebar opens. One value, at most MAX_BIN entries: past that the oldest are dropped from the list, and
 * their files stay in their owner's "Peel versions" folder (README: limits).
 */
import type { Thread, Version } from './conversation/thread';

export interface Binned {
  /** The Drive file. */
  readonly x: string;
  /** Its owner, as the thread names them: userHash(owner id, thread id). */
  readonly u: string;
  /** The thread id the hash is salted with. */
  readonly h: string;
}

/** About 90 bytes each: 5 KB of the ledger's share. */
export const MAX_BIN = 56;

function isBinned(x: unknown): x is Binned {
  const b = x as Partial<Binned> | null;
  return (
    typeof b === 'object' && b !== null && typeof b.x === 'string' && typeof b.u === 'string' && typeof b.h === 'string'
  );
}

export function parseBin(text: string | undefined): Binned[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isBinned) : [];
  } catch {
    return [];
  }
}

/** The versions of a thread as bin entries. */
export function binned(thread: Pick<Thread, 'id'>, versions: readonly Version[]): Binned[] {
  return versions.map((v) => ({ x: v.file, u: v.o ?? v.u, h: thread.id }));
}

/** The bin with these entries added (newest last, the oldest dropped past MAX_BIN), or undefined when empty. */
export function addToBin(text: string | undefined, entries: readonly Binned[]): string | undefined {
  const all = [...parseBin(text), ...entries];
  const kept = all.filter((e, i) => all.findIndex((o) => o.x === e.x) === i).slice(-MAX_BIN);
  return kept.length > 0 ? JSON.stringify(kept) : undefined;
}
