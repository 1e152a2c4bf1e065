/**
 * The thread write (server/threads.ts) against the runtime's FakeProperties (Apps Script's limits) and an
 * in-process lock: turns append after a collaborator's, a retried Apply adds nothing, the replaced image is kept
 * under the id the document showed, a restore produces the restored version, the 256 KB bound prunes a thread
 * whose image is gone first, and a failing document change leaves the store as it was read.
 */
import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { fitThread, STORE_MAX_BYTES, THREAD_MAX_BYTES } from '../../src/core/conversation/condense';
import {
  addShown,
  appendTurn,
  currentVersionId,
  LAST_THREAD_KEY,
  lineage,
  MAX_SHOWN,
  parseThread,
  type Thread,
  threadBytes,
  threadKey,
} from '../../src/core/conversation/thread';
import { DocumentStore } from '../../src/server/platform/document-store';
import { recordShown, recordTurn, type TurnToRecord } from '../../src/server/spine/threads';
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

describe('shown previews (chained edits)', () => {
  const shownTurn = (id: string, f?: string, u = 'me') => ({
    ...turn(id, u).turn,
    ver: `${id}-image.1`,
    sh: 1 as const,
    ...(f ? { f } : {}),
  });

  it('keeps what was shown beside what was placed, so a reopened thread reads the same, and names the placed version', () => {
    const { properties, store } = open();
    recordTurn(store, { ...turn('new'), kept: null, turn: { ...turn('new').turn, k: 'new' } });
    recordShown(store, {
      threadId: 'sabc',
      ref: 's:img',
      shown: [shownTurn('a'), shownTurn('b', 'a')],
      exists: () => true,
    });
    // Written again (a retried execution, the next link noting its parent): each preview once.
    recordShown(store, {
      threadId: 'sabc',
      ref: 's:img',
      shown: [shownTurn('b', 'a'), shownTurn('c', 'b')],
      exists: () => true,
    });
    // Reopening reads the stored value back: the same turns, the shown ones marked, the document's version the placed one's.
    const reopened = stored(properties);
    expect(reopened?.turns.map((t) => [t.id, t.sh ?? 0, t.f ?? ''])).toEqual([
      ['new', 0, ''],
      ['a', 1, ''],
      ['b', 1, 'a'],
      ['c', 1, 'b'],
    ]);
    expect(reopened && currentVersionId(reopened)).toBe('v1');
    // A later edit of the document's picture hears only of what the picture comes from.
    expect(reopened && lineage(reopened).map((t) => t.id)).toEqual(['new']);

    // Applying the chain's second preview places it where it stood; the one after stays shown.
    const done = recordTurn(store, { ...turn('b'), expect: 'v1' });
    expect(done.added).toBe(true);
    const after = stored(properties);
    expect(after?.turns.map((t) => [t.id, t.sh ?? 0, t.ver])).toEqual([
      ['new', 0, 'v1'],
      ['a', 1, 'a-image.1'],
      ['b', 0, 'v2'],
      ['c', 1, 'c-image.1'],
    ]);
    expect(after && currentVersionId(after)).toBe('v2');
    expect(after && lineage(after).map((t) => t.id)).toEqual(['new', 'a', 'b']);
    // A retried Apply adds nothing; the first preview, applied now, is over a picture changed since.
    expect(recordTurn(store, { ...turn('b'), expect: 'v1' }).added).toBe(false);
    expect(recordTurn(store, { ...turn('a'), expect: 'v1' }).changed?.version).toBe('v2');
  });

  it('never folds away the placed turn a chain of shown previews follows', () => {
    const long = (n: number) => `${'x'.repeat(400)} ${n}`;
    let thread: Thread = { v: 1, id: 'sabc', ref: 's:img', created: 1, updated: 1, turns: [], versions: [] };
    for (let n = 0; n < 12; n++)
      thread = appendTurn(thread, { ...turn(`p${n}`).turn, i: long(n), ver: `v${n + 1}` }).thread;
    thread = addShown(
      thread,
      Array.from({ length: 14 }, (_, n) => ({ ...shownTurn(`s${n}`), i: long(n) })),
    );
    const fitted = fitThread(thread).thread;
    expect(currentVersionId(fitted)).toBe('v12');
    expect(fitted.turns.filter((t) => t.sh === 1)).toHaveLength(MAX_SHOWN);
    expect(threadBytes(fitted)).toBeLessThanOrEqual(THREAD_MAX_BYTES);
  });
});
