/**
 * LockService with real mutual exclusion between overlapping executions. The table lives in the main thread
 * (in the World); a worker waiting for a lock is blocked in its synchronous call while the main thread keeps
 * serving the execution that holds it. A lock belongs to the execution that took it and is released when that
 * execution ends, however it ends (Apps Script releases locks at the end of an execution too).
 */
import type { OrNull, Remoted } from '../protocol';
import { type AuthMode, requireAuthorization } from './auth';
import { ScriptException } from './utilities';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

interface Waiter {
  readonly owner: string;
  readonly resolve: (granted: boolean) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface LockState {
  readonly key: string;
  readonly owner: string;
  readonly waiting: readonly string[];
}

export class LockTable {
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, Waiter[]>();

  holder(key: string): string | undefined {
    return this.holders.get(key);
  }

  /** Resolves true once `owner` holds `key`, false after `timeoutMs` without it. Re-entrant for the holder. */
  acquire(key: string, owner: string, timeoutMs: number): Promise<boolean> {
    const holder = this.holders.get(key);
    if (holder === undefined) {
      this.holders.set(key, owner);
      return Promise.resolve(true);
    }
    if (holder === owner) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const queue = this.queues.get(key) ?? [];
      this.queues.set(key, queue);
      const waiter: Waiter = {
        owner,
        resolve,
        timer: setTimeout(() => {
          this.dropWaiter(key, waiter);
          resolve(false);
        }, timeoutMs),
      };
      queue.push(waiter);
    });
  }

  release(key: string, owner: string): void {
    if (this.holders.get(key) !== owner) return;
    this.holders.delete(key);
    const next = this.queues.get(key)?.shift();
    if (!next) return;
    clearTimeout(next.timer);
    this.holders.set(key, next.owner);
    next.resolve(true);
  }

  /** The execution ended: free what it held and stop its waits. */
  releaseAll(owner: string): void {
    for (const [key, queue] of this.queues) {
      for (const waiter of queue.filter((w) => w.owner === owner)) {
        this.dropWaiter(key, waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(false);
      }
    }
    for (const [key, holder] of [...this.holders]) if (holder === owner) this.release(key, owner);
  }

  snapshot(): LockState[] {
    return [...this.holders].map(([key, owner]) => ({
      key,
      owner,
      waiting: (this.queues.get(key) ?? []).map((w) => w.owner),
    }));
  }

  private dropWaiter(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    const at = queue.indexOf(waiter);
    if (at >= 0) queue.splice(at, 1);
    if (queue.length === 0) this.queues.delete(key);
  }
}

function timeout(ms: unknown): number {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) throw new ScriptException('Invalid argument: timeoutInMillis');
  return n;
}

export class FakeLock
  implements Remoted<Pick<GoogleAppsScript.Lock.Lock, 'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'>>
{
  constructor(
    private readonly table: LockTable,
    private readonly key: string,
    private readonly owner: string,
  ) {}

  hasLock(): boolean {
    return this.table.holder(this.key) === this.owner;
  }

  releaseLock(): void {
    this.table.release(this.key, this.owner);
  }

  tryLock(timeoutInMillis: number): Promise<boolean> {
    return this.table.acquire(this.key, this.owner, timeout(timeoutInMillis));
  }

  async waitLock(timeoutInMillis: number): Promise<void> {
    if (!(await this.table.acquire(this.key, this.owner, timeout(timeoutInMillis)))) {
      throw new ScriptException(LOCK_TIMEOUT_MESSAGE);
    }
  }
}

export interface LockScope {
  readonly table: LockTable;
  /** The execution's id: locks belong to executions. */
  readonly owner: string;
  readonly documentId: string | null;
  readonly user: string;
  readonly authMode: AuthMode;
}

type Lock = GoogleAppsScript.Lock.Lock;

export class FakeLockService
  implements
    Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getUserLock'>,
    OrNull<Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'>>
{
  constructor(private readonly scope: LockScope) {}

  /** Null outside a document, as documented (@types declares it non-null). */
  getDocumentLock(): Lock | null {
    requireAuthorization(this.scope.authMode, 'LockService.getDocumentLock');
    return this.scope.documentId === null ? null : this.lock(`document:${this.scope.documentId}`);
  }

  getScriptLock(): Lock {
    requireAuthorization(this.scope.authMode, 'LockService.getScriptLock');
    return this.lock('script');
  }

  getUserLock(): Lock {
    requireAuthorization(this.scope.authMode, 'LockService.getUserLock');
    return this.lock(`user:${this.scope.user}`);
  }

  private lock(key: string): Lock {
    return new FakeLock(this.scope.table, key, this.scope.owner) as unknown as Lock;
  }
}
