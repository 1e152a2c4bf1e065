import { describe, expect, it } from 'vitest';
import { makeRoom } from '../../src/core/conversation/condense';
import { newThread, serializeThread, threadKey } from '../../src/core/conversation/thread';
import {
  checkWrite,
  PRUNE_AFTER_SECONDS,
  peelBytes,
  roomLimit,
  SEEN_PREFIX,
  SHARES,
  STORE_MAX_BYTES,
  shareOf,
  THREADS_FLOOR,
} from '../../src/core/store-budget';

const NOW = 2_000_000_000;
/** A thread value of about `bytes`, last changed at `updated`. */
function threadOf(id: string, updated: number, bytes = 8000): string {
  const t = { ...newThread(id, `s:${id}`, updated), summary: 'x'.repeat(bytes - 200) };
  return serializeThread(t);
}
function storeOf(count: number, updated: (i: number) => number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [threadKey(`t${i}`), threadOf(`t${i}`, updated(i))] as const),
  );
}

describe('Peel’s budget in the document store', () => {
  it('gives each kind of key a share, and threads at least the rest', () => {
    expect(shareOf('peel.job.abc.3')).toBe('jobs');
    expect(shareOf(threadKey('x'))).toBe('threads');
    expect(shareOf(`${SEEN_PREFIX}x`)).toBe('threads');
    expect(shareOf('peel.refs')).toBe('references');
    expect(shareOf('peel.style')).toBe('style');
    expect(shareOf('PEEL_COST.abc')).toBe('ledger');
    expect(shareOf('SOMEONE_ELSES')).toBeNull();
    expect(THREADS_FLOOR).toBe(124 * 1024);
  });

  it('refuses a write that takes a share past its size, with the share named', () => {
    const big = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`peel.job.j.${i}`, 'x'.repeat(8000)]));
    expect(() => checkWrite({}, big)).toThrow(expect.objectContaining({ code: 'STORE_FULL' }));
    try {
      checkWrite({}, big);
    } catch (error) {
      expect((error as { details: { detail: string } }).details.detail).toMatch(/deck jobs .* 96 KB/);
    }
    // Shrinking a share that is over (written before the budget) is always allowed.
    const over = { ...big };
    expect(() => checkWrite(over, {}, ['peel.job.j.0'])).not.toThrow();
    expect(SHARES.jobs).toBe(96 * 1024);
  });

  it('refuses a value over Apps Script’s 9 KB', () => {
    expect(() => checkWrite({}, { 'peel.style': 'x'.repeat(9 * 1024 + 1) })).toThrow(
      expect.objectContaining({ code: 'STORE_FULL' }),
    );
  });

  it('keeps the ledger’s unused share free of every other write, so a cost entry never passes the total', () => {
    const store = storeOf(30, () => NOW);
    const free = STORE_MAX_BYTES - peelBytes(store);
    // A thread that would fit the total but eat into the ledger's room is refused; a cost entry is not.
    const thread = { [threadKey('new')]: threadOf('new', NOW, free - SHARES.ledger + 2000) };
    expect(peelBytes({ ...store, ...thread })).toBeLessThan(STORE_MAX_BYTES);
    expect(() => checkWrite(store, thread)).toThrow(expect.objectContaining({ code: 'STORE_FULL' }));
    expect(roomLimit(store)).toBe(STORE_MAX_BYTES - SHARES.ledger);
    const cost = { 'PEEL_COST.abc': '0.039' };
    expect(() => checkWrite(store, cost)).not.toThrow();
  });

  it('makes room from threads untouched for 6 hours only, least recent first, with their seen keys', () => {
    // 20 recent threads and 20 old ones: 320 KB, past the bound.
    const store = {
      ...storeOf(40, (i) => (i < 20 ? NOW - 60 : NOW - PRUNE_AFTER_SECONDS - i)),
      [`${SEEN_PREFIX}t39`]: String(NOW - 60),
    };
    const write = { [threadKey('t0')]: threadOf('t0', NOW) };
    const room = makeRoom(store, write, [], () => true, NOW);
    const gone = room.remove.filter((k) => k.startsWith('peel.t.'));
    expect(gone.length).toBeGreaterThan(0);
    for (const key of gone) {
      const i = Number(key.replace(/^peel\.t\.t/, ''));
      expect(i).toBeGreaterThanOrEqual(20);
      // t39 was shown in a sidebar a minute ago: it stays.
      expect(i).not.toBe(39);
    }
    // Oldest first: t38 (NOW - 6h - 38) before t20.
    expect(gone[0]).toBe(threadKey('t38'));
    expect(room.pruned.map((t) => threadKey(t.id))).toEqual(gone);
  });

  it('prunes nothing when only recent work fills the store: the write is refused instead', () => {
    const store = storeOf(40, () => NOW - 60);
    const write = { [threadKey('t0')]: threadOf('t0', NOW, 8100) };
    const room = makeRoom(store, write, [], () => true, NOW);
    expect(room.remove).toEqual([]);
  });
});
