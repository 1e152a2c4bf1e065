/**
 * Writing an image's thread: the one read-modify-write every turn goes through (Apply, Restore, a new image's
 * first turn). Under the document lock (DocumentStore.update) it reads the thread's key, appends after whatever
 * collaborators added meanwhile (a collaborator's turn is never overwritten; the turn id makes a retry a no-op),
 * keeps the replaced version, condenses under 8 KB, and writes only that key and `peel.last`, pruning whole
 * threads when Peel's keys would pass 256 KB (condense.ts).
 */

import { addToBin, binned } from '../../core/bin';
import type { Fitted } from '../../core/conversation/condense';
import { fitThread } from '../../core/conversation/condense';
import type { Thread, Turn, Version } from '../../core/conversation/thread';
import {
  addShown,
  addVersion,
  appendTurn,
  currentVersionId,
  LAST_THREAD_KEY,
  lastPlaced,
  newThread,
  nextVersionId,
  parseThread,
  serializeThread,
  threadKey,
} from '../../core/conversation/thread';
import {
  BIN_PROPERTY,
  PRUNE_AFTER_SECONDS,
  peelBytes,
  propertyBytes,
  roomLimit,
  STORE_MAX_BYTES,
  seenKey,
} from '../../core/store-budget';
import type { DocumentStore, Stored } from '../platform/document-store';

export interface TurnToRecord {
  readonly threadId: string;
  /** The image's ref, for a thread that starts here. */
  readonly ref: string;
  /** The turn without its version: `ver` is decided under the lock (the restored one for a restore). */
  readonly turn: Omit<Turn, 'ver'>;
  /** The version this turn produces when it is not a new one (a restore). */
  readonly produces?: string;
  /** The image the turn replaces, kept in Drive; its id is decided under the lock. */
  readonly kept?: Omit<Version, 'id'> | null;
  /** Whether a thread's image is still in the document; asked only when the store passes its bound. */
  readonly exists: (ref: string) => boolean;
  /**
   * The version the document must still show for this turn to be recorded (null: the image has no thread yet).
   * Left out, any is fine (a new image's first turn). Otherwise nothing is written and `changed` says what is.
   */
  readonly expect?: string | null;
}

export interface Recorded {
  /** False when the turn was already there (a retried execution), or the picture changed: nothing was written. */
  readonly added: boolean;
  readonly versionId: string;
  readonly fitted: Fitted;
  /** The turn that made the picture the document shows now, when it is not the expected one. */
  readonly changed?: { readonly version: string | null; readonly turn: Turn | null };
}

export function storedThread(properties: Stored, threadId: string): Thread | null {
  return parseThread(properties[threadKey(threadId)], threadId);
}

export { peelBytes };

/**
 * The `peel.seen.` key to write when a sidebar shows a thread, or null when the thread was touched or shown
 * recently enough: a sidebar polling the selection renews it at most hourly, so an open thread is never pruned.
 */
export function seenEntry(properties: Stored, threadId: string, now = Math.floor(Date.now() / 1000)): Stored | null {
  const thread = storedThread(properties, threadId);
  if (!thread) return null;
  const last = Math.max(thread.updated, Number(properties[seenKey(threadId)]) || 0);
  return now - last < SEEN_RENEW_SECONDS ? null : { [seenKey(threadId)]: String(now) };
}
/** Well inside PRUNE_AFTER_SECONDS, so a thread shown all afternoon stays. */
export const SEEN_RENEW_SECONDS = Math.floor(PRUNE_AFTER_SECONDS / 6);

/**
 * A sidebar is showing this thread (from a read made to show it): remembered, at most hourly, so no prune takes
 * it from under the person. Quietly: showing the thread matters more than the mark.
 */
export function markSeen(store: DocumentStore, properties: Stored, threadId: string | null): void {
  const entry = threadId ? seenEntry(properties, threadId) : null;
  // Written without a read, so only where the store has room for it (a full store's threads are all recent).
  if (!entry || peelBytes({ ...properties, ...entry }) > roomLimit(properties)) return;
  try {
    store.add(entry);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/** Versions a thread let go (past MAX_VERSIONS, or to fit 8 KB) go to the bin, for their owners to trash. */
function leftBehind(current: Stored, fitted: Fitted): Stored {
  if (fitted.droppedVersions.length === 0) return {};
  const bin = addToBin(current[BIN_PROPERTY], binned(fitted.thread, fitted.droppedVersions));
  return bin === undefined ? {} : { [BIN_PROPERTY]: bin };
}

/** The planning half, pure: what to write for this turn given what the store holds now. */
export function planTurn(
  current: Stored,
  input: TurnToRecord,
): {
  set: Stored;
  remove: string[];
  exists?: (ref: string) => boolean;
  result: Recorded;
} {
  const stored = storedThread(current, input.threadId);
  let thread = stored ?? newThread(input.threadId, input.ref, input.turn.t);
  const unchanged = { thread, condensed: [], droppedVersions: [] };
  if (thread.turns.some((t) => t.id === input.turn.id && t.sh !== 1)) {
    return {
      set: {},
      remove: [],
      result: { added: false, versionId: currentVersionId(thread) ?? '', fitted: unchanged },
    };
  }
  const showing = stored ? currentVersionId(stored) : null;
  if (input.expect !== undefined && showing !== input.expect) {
    const changed = { version: showing, turn: lastPlaced(thread) ?? null };
    return { set: {}, remove: [], result: { added: false, versionId: showing ?? '', fitted: unchanged, changed } };
  }
  if (input.kept) {
    // The image shown is the newest turn's version, unless a collaborator's apply already kept it under that id.
    const showing = currentVersionId(thread);
    const id = showing !== null && !thread.versions.some((v) => v.id === showing) ? showing : nextVersionId(thread);
    thread = addVersion(thread, { ...input.kept, id });
  }
  const versionId = input.produces ?? nextVersionId(thread);
  const fitted = fitThread(appendTurn(thread, { ...input.turn, ver: versionId }).thread);
  const key = threadKey(input.threadId);
  const set = {
    [key]: serializeThread(fitted.thread),
    [LAST_THREAD_KEY]: input.threadId,
    ...leftBehind(current, fitted),
  };
  // Room is made by the store (DocumentStore.update prunes what no one touched for 6 hours); recent work is never
  // pruned, so a store full of it refuses the turn, and an Insert then takes its picture back (place.ts).
  return {
    set,
    remove: [],
    exists: input.exists,
    result: { added: true, versionId, fitted },
  };
}

/**
 * Records the turn under the lock; `commit` (the document change the turn describes) runs after the write,
 * still under the lock, and a failure there sets the keys it wrote back to what was read (DocumentStore.update).
 */
export function recordTurn(store: DocumentStore, input: TurnToRecord, commit?: (recorded: Recorded) => void): Recorded {
  return store.update(
    (current) => {
      const { set, remove, exists, result } = planTurn(current, input);
      return {
        change: { set, remove, ...(exists ? { exists } : {}) },
        result,
      };
    },
    commit ? (recorded) => (recorded.added ? commit(recorded) : undefined) : undefined,
  );
}

/**
 * Notes previews in a picture's conversation that a person saw and continued from (a chained edit): under the
 * lock, each once, after whatever collaborators wrote; the version the document shows is untouched, so an Apply's
 * check against it is too. `peel.last` names the thread, so a sidebar reopened with nothing selected finds it.
 */
export function recordShown(
  store: DocumentStore,
  input: {
    readonly threadId: string;
    readonly ref: string;
    readonly shown: readonly Turn[];
    readonly exists: (ref: string) => boolean;
  },
): Thread {
  return store.update((current) => {
    const stored = storedThread(current, input.threadId);
    const start = stored ?? newThread(input.threadId, input.ref, input.shown[0]?.t ?? 0);
    const fitted = fitThread(addShown(start, input.shown));
    return {
      change: {
        set: {
          [threadKey(input.threadId)]: serializeThread(fitted.thread),
          [LAST_THREAD_KEY]: input.threadId,
          ...leftBehind(current, fitted),
        },
        exists: input.exists,
      },
      result: fitted.thread,
    };
  });
}

/**
 * Keeps a picture in the thread as a version without showing it (the person left a collaborator's newer picture
 * in place): under the lock, and only while the document still shows `expect`. The version's id is decided here.
 */
export function recordKept(
  store: DocumentStore,
  input: {
    readonly threadId: string;
    readonly ref: string;
    readonly kept: Omit<Version, 'id'>;
    readonly expect: string | null;
  },
): { versionId: string; changed: boolean; thread: Thread | null } {
  return store.update<{ versionId: string; changed: boolean; thread: Thread | null }>((current) => {
    const stored = storedThread(current, input.threadId);
    const showing = stored ? currentVersionId(stored) : null;
    if (showing !== input.expect) return { change: {}, result: { versionId: '', changed: true, thread: stored } };
    const thread = stored ?? newThread(input.threadId, input.ref, input.kept.t);
    const versionId = nextVersionId(thread);
    const fitted = fitThread(addVersion(thread, { ...input.kept, id: versionId }));
    return {
      change: { set: { [threadKey(input.threadId)]: serializeThread(fitted.thread), ...leftBehind(current, fitted) } },
      result: { versionId, changed: false, thread: fitted.thread },
    };
  });
}

/**
 * How far below the store's bound a new picture's first turn is written without reading the store: a new
 * thread's key is new (nobody else writes it) and `peel.last` is anyone's to overwrite, so only the bound needs
 * the store, and a store this far below it cannot reach it by the thread starts of one sitting.
 */
export const START_WITHOUT_READ_MARGIN = 32 * 1024;

/**
 * A new picture's first turn. When the store was well below its bound at the Generate that made the picture
 * (`storeBytes`, read then anyway), one add without the lock (nobody else writes a new picture's thread);
 * otherwise the locked read-modify-write that may prune, which a busy document refuses (BUSY).
 */
export function startThread(store: DocumentStore, input: TurnToRecord, storeBytes: number | undefined): Thread {
  const thread = newThread(input.threadId, input.ref, input.turn.t);
  const fitted = fitThread(appendTurn(thread, { ...input.turn, ver: nextVersionId(thread) }).thread).thread;
  const set = { [threadKey(input.threadId)]: serializeThread(fitted), [LAST_THREAD_KEY]: input.threadId };
  const adds = Object.entries(set).reduce((sum, [key, value]) => sum + propertyBytes(key, value), 0);
  if (storeBytes !== undefined && storeBytes + adds < STORE_MAX_BYTES - START_WITHOUT_READ_MARGIN) {
    store.add(set);
    return fitted;
  }
  return recordTurn(store, input).fitted.thread;
}
