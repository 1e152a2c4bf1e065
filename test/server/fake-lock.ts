/**
 * LockService for in-process tests: one execution at a time, so a lock is either free, held by this execution,
 * or held by "someone else" (a test sets `heldElsewhere` to stand for a collaborator's execution). Apps Script's
 * semantics otherwise: tryLock answers false after its wait, waitLock throws Apps Script's timeout text, locks
 * are re-entrant for their holder, and releaseLock without the lock does nothing.
 */
import { LOCK_TIMEOUT_MESSAGE } from '../../dev/runtime/services/lock';

type Lock = GoogleAppsScript.Lock.Lock;

export class InProcessLock implements Pick<Lock, 'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'> {
  held = false;
  heldElsewhere = false;
  /** Every acquisition and release, for assertions on what ran under the lock. */
  readonly log: string[] = [];
  /** The longest wait asked for. */
  maxWaitMs = 0;

  hasLock(): boolean {
    return this.held;
  }

  tryLock(timeoutInMillis: number): boolean {
    this.maxWaitMs = Math.max(this.maxWaitMs, timeoutInMillis);
    if (this.heldElsewhere) return false;
    this.held = true;
    this.log.push('lock');
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    if (!this.held) return;
    this.held = false;
    this.log.push('release');
  }
}

export class InProcessLockService implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> {
  readonly lock = new InProcessLock();
  constructor(private readonly hasDocument: boolean) {}

  /** Null outside a document, as documented (@types declares it non-null). */
  getDocumentLock(): Lock {
    return (this.hasDocument ? this.lock : null) as unknown as Lock;
  }
}
