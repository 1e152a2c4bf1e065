import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capMiddle,
  fitThread,
  MAX_VERSIONS,
  planPrune,
  propertyBytes,
  STORE_MAX_BYTES,
  type StoredKey,
  THREAD_MAX_BYTES,
} from '../../../src/core/conversation/condense';
import { MAX_SUMMARY_CHARS, parseThread, type Thread, threadBytes } from '../../../src/core/conversation/thread';
import { arbPieces, thread, turn, version } from './fixtures';

/** Pieces as a stored value read back: normalized as every thread Peel holds is. */
function read(p: { turns: Thread['turns']; versions: Thread['versions']; summary: string; ref: string }): Thread {
  const value = JSON.stringify({ ...thread(p.turns, p.versions, p.summary), ref: p.ref });
  return parseThread(value) as Thread;
}

describe('fitThread', () => {
  it('leaves a small thread as it is', () => {
    const t = thread([turn(0), turn(1)], [version(1)]);
    const fitted = fitThread(t);
    expect(fitted.thread).toEqual(t);
    expect(fitted.condensed).toEqual([]);
    expect(fitted.droppedVersions).toEqual([]);
  });

  it('keeps every thread under 8 KB, the newest turn and at most 20 versions, losing nothing unaccounted', () => {
    fc.assert(
      fc.property(arbPieces, (pieces) => {
        const t = read(pieces);
        const { thread: fitted, condensed, droppedVersions } = fitThread(t);
        expect(threadBytes(fitted)).toBeLessThanOrEqual(THREAD_MAX_BYTES);
        expect(fitted.versions.length).toBeLessThanOrEqual(MAX_VERSIONS);
        expect((fitted.summary ?? '').length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
        // Oldest first: what was condensed or dropped, followed by what is kept, is what there was.
        expect([...condensed, ...fitted.turns]).toEqual(t.turns);
        expect([...droppedVersions, ...fitted.versions]).toEqual(t.versions);
        if (t.turns.length > 0) expect(fitted.turns.at(-1)).toEqual(t.turns.at(-1));
      }),
      { numRuns: 150 },
    );
  });

  it('fits even the worst thread the record allows, by shortening the summary and then dropping old versions', () => {
    const wide = (n: number) => `${n}`.padEnd(64, 'x');
    const worst = read({
      turns: [
        turn(0, {
          id: wide(0),
          i: '€'.repeat(500),
          w: '€'.repeat(60),
          m: 'm'.repeat(100),
          u: wide(1),
          ver: wide(2),
          refs: Array.from({ length: 14 }, (_, n) => wide(n)),
        }),
      ],
      versions: Array.from({ length: 20 }, (_, n) =>
        version(n, { id: wide(n), u: wide(99), file: 'f'.repeat(100), mime: 'm'.repeat(40) }),
      ),
      summary: '€'.repeat(1000),
      ref: '€'.repeat(200),
    });
    expect(threadBytes(worst)).toBeGreaterThan(THREAD_MAX_BYTES);
    const { thread: fitted, droppedVersions } = fitThread(worst);
    expect(threadBytes(fitted)).toBeLessThanOrEqual(THREAD_MAX_BYTES);
    expect(fitted.summary?.length).toBe(200);
    expect(droppedVersions.length).toBeGreaterThan(0);
    expect(fitted.turns).toEqual(worst.turns);
  });

  it('folds the oldest turns into the summary, first instruction first', () => {
    const long = (n: number) => turn(n, { i: `Step ${n}: ${'detail '.repeat(50)}`.trim(), w: 'w'.repeat(60) });
    const t = thread(
      Array.from({ length: 30 }, (_, n) => long(n)),
      [],
    );
    const { thread: fitted, condensed } = fitThread(t);
    expect(condensed.length).toBeGreaterThan(0);
    expect(condensed.map((c) => c.id)).toEqual(t.turns.slice(0, condensed.length).map((c) => c.id));
    expect(fitted.summary?.startsWith('Step 0:')).toBe(true);
    expect(fitted.turns[0]?.id).toBe(`img${condensed.length}`);
  });

  it('adds condensed instructions after an existing summary', () => {
    const t = thread(
      Array.from({ length: 40 }, (_, n) => turn(n, { i: `Change ${n} ${'x'.repeat(150)}` })),
      [],
      'Made as a watercolour.',
    );
    expect(fitThread(t).thread.summary?.startsWith('Made as a watercolour. Change 0')).toBe(true);
  });

  it('drops the oldest versions past 20 and returns them for trashing', () => {
    const t = thread(
      [turn(0)],
      Array.from({ length: 23 }, (_, n) => version(n)),
    );
    const { thread: fitted, droppedVersions } = fitThread(t);
    expect(droppedVersions.map((v) => v.id)).toEqual(['v0', 'v1', 'v2']);
    expect(fitted.versions[0]?.id).toBe('v3');
  });
});

describe('capMiddle', () => {
  it('keeps the start and the end of a long text', () => {
    const text = `First. ${'middle '.repeat(300)}Last.`;
    const capped = capMiddle(text, 100);
    expect(capped.length).toBeLessThanOrEqual(100);
    expect(capped.startsWith('First.')).toBe(true);
    expect(capped.endsWith('Last.')).toBe(true);
    expect(capMiddle('short', 100)).toBe('short');
  });
});

describe('planPrune', () => {
  const key = (id: string, bytes: number, updated: number, imageExists: boolean): StoredKey => ({
    key: `peel.t.${id}`,
    bytes,
    thread: { updated, imageExists },
  });

  it('prunes nothing within the bound', () => {
    expect(planPrune([key('a', 1000, 1, false), { key: 'peel.last', bytes: 20 }])).toEqual([]);
  });

  it('prunes threads of deleted images first, then the least recently updated, until under 256 KB', () => {
    const keys = [
      { key: 'peel.last', bytes: 20 },
      key('fresh', 8000, 900, true),
      key('old', 8000, 100, true),
      key('gone-new', 8000, 800, false),
      key('gone-old', 8000, 200, false),
      key('older', 8000, 50, true),
      ...Array.from({ length: 40 }, (_, n) => key(`mid${n}`, 8000, 500 + n, true)),
    ];
    const total = keys.reduce((s, k) => s + k.bytes, 0);
    const prune = planPrune(keys);
    expect(prune.slice(0, 4)).toEqual(['peel.t.gone-old', 'peel.t.gone-new', 'peel.t.older', 'peel.t.old']);
    const left = total - keys.filter((k) => prune.includes(k.key)).reduce((s, k) => s + k.bytes, 0);
    expect(left).toBeLessThanOrEqual(STORE_MAX_BYTES);
    // Minimal: keeping the last one chosen would leave the store over its bound.
    expect(left + 8000).toBeGreaterThan(STORE_MAX_BYTES);
  });

  it('never prunes the thread being written or keys that are not threads', () => {
    const keys = [{ key: 'peel.settings', bytes: 200_000 }, key('mine', 8000, 1, false), key('other', 60_000, 5, true)];
    expect(planPrune(keys, ['peel.t.mine'])).toEqual(['peel.t.other']);
  });

  it('counts a property as its key plus its value in UTF-8', () => {
    expect(propertyBytes('peel.t.a', 'é')).toBe(10);
  });
});
