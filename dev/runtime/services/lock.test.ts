import { describe, expect, it } from 'vitest';
import { FakeLock, LOCK_TIMEOUT_MESSAGE, LockTable } from './lock';

describe('LockTable between overlapping executions', () => {
  it('hands a released lock to the waiters in the order they asked, and each sees hasLock', async () => {
    const table = new LockTable();
    const [a, b, c] = ['exec-a', 'exec-b', 'exec-c'].map((owner) => new FakeLock(table, 'document:d1', owner)) as [
      FakeLock,
      FakeLock,
      FakeLock,
    ];
    expect(await a.tryLock(0)).toBe(true);
    expect(await a.tryLock(0)).toBe(true); // re-entrant for its holder
    expect(await b.tryLock(0)).toBe(false);
    const order: string[] = [];
    const waitB = b.waitLock(10_000).then(() => order.push('b'));
    const waitC = c.tryLock(10_000).then((got) => order.push(`c:${got}`));
    expect(table.snapshot()).toEqual([{ key: 'document:d1', owner: 'exec-a', waiting: ['exec-b', 'exec-c'] }]);
    expect([a.hasLock(), b.hasLock(), c.hasLock()]).toEqual([true, false, false]);
    a.releaseLock();
    await waitB;
    expect([a.hasLock(), b.hasLock()]).toEqual([false, true]);
    b.releaseLock();
    await waitC;
    expect(order).toEqual(['b', 'c:true']);
    expect(c.hasLock()).toBe(true);
  });

  it("gives up with Apps Script's message, and frees the lock of an execution that ended", async () => {
    const table = new LockTable();
    const holder = new FakeLock(table, 'script', 'exec-a');
    const other = new FakeLock(table, 'script', 'exec-b');
    await holder.waitLock(0);
    await expect(other.waitLock(1)).rejects.toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(LOCK_TIMEOUT_MESSAGE).toBe('Lock timeout: another process was holding the lock for too long.');
    const pending = other.tryLock(10_000);
    table.releaseAll('exec-a');
    expect(await pending).toBe(true);
    expect(() => other.tryLock(-1)).toThrow('Invalid argument: timeoutInMillis');
  });
});
