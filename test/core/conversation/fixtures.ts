/** Threads, turns and versions shaped like the ones Peel writes, for the conversation tests. */
import fc from 'fast-check';
import type { Thread, Turn, Version } from '../../../src/core/conversation/thread';

export const T0 = 1_764_000_000;

export function turn(n: number, fields: Partial<Turn> = {}): Turn {
  return {
    id: `img${n}`,
    i: `Instruction number ${n}`,
    m: 'gemini-nano-banana-2.1',
    r: '16:9',
    s: '1K',
    c: 0.0336,
    t: T0 + n,
    u: 'a1b2c3d4e5',
    ver: `v${n + 1}`,
    ...fields,
  };
}

export function version(n: number, fields: Partial<Version> = {}): Version {
  return {
    id: `v${n}`,
    t: T0 + n,
    u: 'a1b2c3d4e5',
    file: `1AbCdEfGhIjKlMnOpQrStUvWxYz${String(n).padStart(6, '0')}`,
    mime: 'image/jpeg',
    w: 1376,
    h: 768,
    ...fields,
  };
}

export function thread(turns: readonly Turn[], versions: readonly Version[] = [], summary?: string): Thread {
  return {
    v: 1,
    id: 'th1',
    ref: 's:g1234abcd_0',
    created: T0,
    updated: T0 + turns.length,
    turns,
    ...(summary ? { summary } : {}),
    versions,
  };
}

/** Any text a person or a model might write, including 3-byte characters, emoji, quotes and control characters. */
const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });

const arbTurnFields = fc.record({
  i: text(600),
  w: text(400),
  m: fc.constantFrom('gemini-nano-banana-2.1', 'gemini-3-pro-image', 'x'.repeat(100)),
  c: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
  refs: fc.array(fc.string({ minLength: 1, maxLength: 64 }), { maxLength: 20 }),
});

const arbVersionFields = fc.record({
  file: fc.string({ minLength: 1, maxLength: 100 }),
  u: fc.string({ minLength: 1, maxLength: 64 }),
});

/** Raw material for a thread: 0–60 turns and 0–40 versions with arbitrary text, a summary and a long ref. */
export const arbPieces = fc.record({
  turns: fc.array(arbTurnFields, { maxLength: 60 }).map((all) => all.map((f, n) => turn(n, f))),
  versions: fc.array(arbVersionFields, { maxLength: 40 }).map((all) => all.map((f, n) => version(n, f))),
  summary: text(1200),
  ref: fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }),
});
