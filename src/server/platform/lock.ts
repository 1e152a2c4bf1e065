/**
 * The document lock: the one way Peel serialises what collaborators do to shared state (document properties,
 * and document edits that two people could race on). A small port over `LockService.getDocumentLock()`.
 *
 * The wait is bounded: holders keep the lock for one read-modify-write of the store (tens of milliseconds) or
 * one insert (a second or two), never across a Gemini fetch, so ten seconds without it means something is
 * stuck, and the user hears BUSY with a sentence rather than a spinner that runs into the 6-minute limit.
 *
 * Outside a document (getDocumentLock answers null: a standalone script or the editor's Run button) there is no
 * document store and no shared document either, so the work runs unlocked: there is nothing to serialise.
 */
import { detailOf, PeelError } from '../../core/errors';

export type LockPort = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'>;

export const LOCK_WAIT_MS = 10_000;
/**
 * A write that records what was just paid for (a job's proposal) waits longer: the execution has the time (its
 * Gemini call is done, Apps Script allows 6 minutes), and nobody could retry it without paying again.
 */
export const PAID_WRITE_WAIT_MS = 45_000;

export function busy(waitMs: number): PeelError {
  const seconds = Math.round(waitMs / 1000);
  return new PeelError('BUSY', `Document lock not acquired in ${waitMs} ms`, {
    ...detailOf('busyWaited', { seconds }),
  });
}

/** Null outside a document, as documented (@types declares it non-null). */
export function openDocumentLock(): LockPort | null {
  return (LockService.getDocumentLock() as GoogleAppsScript.Lock.Lock | null) ?? null;
}

/**
 * Runs `work` holding the document lock, and releases it however `work` ends. tryLock rather than waitLock:
 * a timeout is an answer (false) to turn into BUSY, not an exception whose text would have to be recognised.
 */
export function underDocumentLock<T>(work: () => T, lock: LockPort | null, waitMs: number = LOCK_WAIT_MS): T {
  if (!lock) return work();
  if (!lock.tryLock(waitMs)) throw busy(waitMs);
  let value: T;
  try {
    value = work();
  } catch (error) {
    releaseQuietly(lock);
    throw error;
  }
  // Apps Script releases every lock when the execution ends, so a failed release costs collaborators at most the
  // rest of this execution. Once the work is done it must not turn into a failure: the caller would undo (or, for
  // Apply, trash the version it kept) what is already written.
  releaseQuietly(lock);
  return value;
}

function releaseQuietly(lock: LockPort): void {
  try {
    lock.releaseLock();
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}
