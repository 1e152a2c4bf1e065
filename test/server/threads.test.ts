/**
 * The thread write (server/threads.ts) against the runtime's FakeProperties (Apps Script's limits) and an
 * in-process lock: turns append after a collaborator's, a retried Apply adds nothing, the replaced image is kept
 * under the id the document showed, a restore produces the restored version, the 256 KB bound prunes a thread
 * whose image is gone first, and a failing document change leaves the store as it was read.
 */
import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { STORE_MAX_BYTES } from '../../src/core/conversation/condense';
import { LAST_THREAD_KEY, parseThread, threadKey } from '../../src/core/conversation/thread';
import { DocumentStore } from '../../src/server/platform/document-store';
import { recordTurn, type TurnToRecord } from '../../src/server/spine/threads';
import { InProcessLock } from './fake-lock';

function open(initial: Record<string, string> = {}) {
  const properties = new FakeProperties(initial);
  const lock = new InProcessLock();
  return { properties, lock, store: new DocumentStore(properties, () => lock) };
}

const kept = { t: 100, u: 'me', file: 'file-1', mime: 'image/png', w: 8, h: 8 } as const;

function turn(id: string, u = 'me', extra: Partial<TurnToRecord> = {}): TurnToRecord {
  return {
    threadId: 'sabc',
    ref: 's:img',
    turn: { id, i: `Instruction ${id}`, m: 'gemini-nano-banana-2.1', r: '16:9', s: '1K', c: 0.04, t: 100, u },
    kept,
    exists: () => true,
    ...extra,
  };
}

const stored = (properties: FakeProperties) => parseThread(properties.snapshot()[threadKey('sabc')], 'sabc');

describe('recordTurn', () => {
  it('appends after a collaborator and keeps each replaced image once, under the version it was', () => {
    const { properties, store } = open();
    recordTurn(store, { ...turn('new'), kept: null, turn: { ...turn('new').turn, k: 'new' } });
    recordTurn(store, turn('a', 'me'));
    recordTurn(store, turn('b', 'them'));
    const thread = stored(properties);
    expect(thread?.turns.map((t) => [t.id, t.u, t.ver])).toEqual([
      ['new', 'me', 'v1'],
      ['a', 'me', 'v2'],
      ['b', 'them', 'v3'],
    ]);
    expect(thread?.versions.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(properties.snapshot()[LAST_THREAD_KEY]).toBe('sabc');
  });

  it('adds nothing when the same turn is recorded again (a retried execution), and skips the commit', () => {
    const { properties, store } = open();
    recordTurn(store, turn('a'));
    const before = properties.snapshot();
    let committed = 0;
    const again = recordTurn(store, turn('a'), () => committed++);
    expect(again.added).toBe(false);
    expect(committed).toBe(0);
    expect(properties.snapshot()).toEqual(before);
  });

  it('a restore produces the restored version and keeps the image it replaces', () => {
    const { properties, store } = open();
    recordTurn(store, turn('a'));
    recordTurn(store, turn('b'));
    const restored = recordTurn(store, { ...turn('r'), produces: 'v1' });
    expect(restored.versionId).toBe('v1');
    const thread = stored(properties);
    expect(thread?.turns.at(-1)?.ver).toBe('v1');
    expect(thread?.versions.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
  });

  it('a failing document change rewrites the store to what was read', () => {
    const { properties, store } = open({ other: 'kept' });
    recordTurn(store, turn('a'));
    const before = properties.snapshot();
    expect(() =>
      recordTurn(store, turn('b'), () => {
        throw new Error('replace failed');
      }),
    ).toThrow('replace failed');
    expect(properties.snapshot()).toEqual(before);
  });

  it('past 256 KB, prunes the thread whose image is gone before older ones', () => {
    const filler = (id: string, t: number) =>
      JSON.stringify({
        v: 1,
        id,
        ref: `s:${id}`,
        created: t,
        updated: t,
        turns: [],
        versions: [],
        summary: 'x'.repeat(900),
      });
    const initial: Record<string, string> = {};
    // Enough threads to pass the bound: the oldest still has its image, a newer one does not.
    const count = Math.ceil(STORE_MAX_BYTES / 900) + 2;
    for (let n = 0; n < count; n++) initial[threadKey(`t${n}`)] = filler(`t${n}`, 10 + n);
    const { properties, store } = open(initial);
    const gone = `t${count - 1}`;
    recordTurn(store, { ...turn('a'), exists: (ref) => ref !== `s:${gone}` });
    const keys = Object.keys(properties.snapshot());
    expect(keys).not.toContain(threadKey(gone));
    expect(keys).toContain(threadKey('sabc'));
  });
});
