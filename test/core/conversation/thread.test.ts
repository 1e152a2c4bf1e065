import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addVersion,
  appendTurn,
  currentVersionId,
  MAX_INSTRUCTION_CHARS,
  MAX_MODEL_WORDS_CHARS,
  newThread,
  nextVersionId,
  normalizeTurn,
  parseThread,
  serializeThread,
  type Thread,
  threadIdOfKey,
  threadKey,
  turnBytes,
  userHash,
} from '../../../src/core/conversation/thread';
import { utf8Length } from '../../../src/core/gemini/request';
import { T0, thread, turn, version } from './fixtures';

describe('thread record', () => {
  it('reads back what it wrote', () => {
    const t = thread([turn(0, { k: 'new', w: 'Here is your landscape.' }), turn(1)], [version(1)], 'Before: a sketch.');
    expect(parseThread(serializeThread(t))).toEqual(t);
  });

  it('keys threads as peel.t.<id> and reads the id back only from such keys', () => {
    expect(threadKey('th1')).toBe('peel.t.th1');
    expect(threadIdOfKey('peel.t.th1')).toBe('th1');
    expect(threadIdOfKey('peel.last')).toBeNull();
    expect(threadIdOfKey('peel.t.bad id')).toBeNull();
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['not JSON', '{"v":1,'],
    ['an array', '[]'],
    ['a string', '"peel"'],
    ['another record version', JSON.stringify({ ...thread([]), v: 2 })],
    ['an id unfit for a key', JSON.stringify({ ...thread([]), id: 'a b' })],
    ['without its image', JSON.stringify({ ...thread([]), ref: '' })],
    ['with a non-numeric time', JSON.stringify({ ...thread([]), updated: 'yesterday' })],
  ])('reads a value that is %s as no thread', (_, value) => {
    expect(parseThread(value)).toBeNull();
  });

  it('reads another thread’s value as no thread when an id is expected', () => {
    expect(parseThread(serializeThread(thread([turn(0)])), 'other')).toBeNull();
    expect(parseThread(serializeThread(thread([turn(0)])), 'th1')).not.toBeNull();
  });

  it('drops a malformed turn or version and keeps the rest of the conversation', () => {
    const value = JSON.stringify({
      ...thread([turn(0), turn(1), turn(2)], [version(1), version(2)]),
      turns: [turn(0), { ...turn(1), m: 7 }, 'junk', turn(2), turn(2)],
      versions: [{ ...version(1), store: 'local' }, version(2), null],
    });
    const read = parseThread(value);
    expect(read?.turns.map((t) => t.id)).toEqual(['img0', 'img2']);
    expect(read?.versions.map((v) => v.id)).toEqual(['v2']);
  });

  it('reads a version written before the store was left implicit, and writes none', () => {
    const value = JSON.stringify({ ...thread([turn(0)]), versions: [{ ...version(1), store: 'drive' }, version(2)] });
    const read = parseThread(value);
    expect(read?.versions.map((v) => v.file)).toEqual([version(1).file, version(2).file]);
    expect(serializeThread(read as NonNullable<typeof read>)).not.toContain('"store"');
  });

  it('never throws on any JSON value or string, and what it reads is a well-formed thread', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (value) => {
          const read = parseThread(value);
          if (read !== null) expect(parseThread(serializeThread(read))).toEqual(read);
        },
      ),
    );
  });

  it('reads a thread whose turns carry fields it does not know (a newer Peel), keeping what it knows', () => {
    const value = JSON.stringify({ ...thread([]), extra: 1, turns: [{ ...turn(0), future: 'x' }] });
    expect(parseThread(value)?.turns).toEqual([turn(0)]);
  });
});

describe('turn encoding', () => {
  it('keeps a typical turn and the version it replaced within 400 bytes', () => {
    const t = turn(3, {
      id: 'k3j9x2ab1c4d',
      i: 'Make the sky more dramatic and stormy',
      w: 'I have made the sky darker and more dramatic, with heavy storm clouds rolling in over the mountains and a hint of light.',
    });
    const stored = normalizeTurn(t);
    const v = version(3, { file: '1Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba' });
    const added = turnBytes(stored as NonNullable<typeof stored>) + utf8Length(JSON.stringify(v)) + 1;
    expect(added).toBeLessThanOrEqual(400);
  });

  it('shortens the model’s words and the instruction, removes control characters and rounds the cost', () => {
    const stored = normalizeTurn(
      turn(0, { i: `a\u0000b\n${'x'.repeat(900)}`, w: 'y '.repeat(300), c: 0.0336123, k: 'edit' }),
    );
    expect(stored?.i.length).toBeLessThanOrEqual(MAX_INSTRUCTION_CHARS);
    expect(stored?.i.startsWith('a b ')).toBe(true);
    expect(stored?.w?.length).toBeLessThanOrEqual(MAX_MODEL_WORDS_CHARS);
    expect(stored?.c).toBe(0.0336);
    expect(stored).not.toHaveProperty('k');
  });

  it('counts a turn’s bytes as UTF-8, including the comma that joins it', () => {
    const t = turn(0, { i: 'é' });
    expect(turnBytes(t)).toBe(utf8Length(JSON.stringify(t)) + 1);
    expect(turnBytes(t) - turnBytes(turn(0, { i: 'e' }))).toBe(1);
  });
});

describe('appendTurn and addVersion', () => {
  it('appends after the turns already there and moves `updated`', () => {
    const start = newThread('th1', 's:img', T0);
    const { thread: one, added } = appendTurn(start, turn(5));
    expect(added).toBe(true);
    expect(one.turns).toEqual([turn(5)]);
    expect(one.updated).toBe(T0 + 5);
    expect(currentVersionId(one)).toBe('v6');
  });

  it('ignores a turn it already holds (a retried execution)', () => {
    const once = appendTurn(thread([turn(0)]), turn(1)).thread;
    const again = appendTurn(once, { ...turn(1), i: 'retried' });
    expect(again.added).toBe(false);
    expect(again.thread).toBe(once);
  });

  it('never loses or duplicates a turn when 5 collaborators append at once, with retries', () => {
    // Each collaborator's execution reads the latest value under the lock, appends and writes: any interleaving is
    // a sequence of appends, and a retried execution repeats one of them.
    const collaborator = fc.integer({ min: 0, max: 4 });
    const op = fc.record({ who: collaborator, retry: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        let stored = serializeThread(newThread('th1', 's:img', T0));
        const expected: string[] = [];
        const made = [0, 0, 0, 0, 0];
        let last: ReturnType<typeof turn> | undefined;
        for (const { who, retry } of ops) {
          let t: ReturnType<typeof turn>;
          if (retry && last) t = last;
          else {
            made[who] = (made[who] ?? 0) + 1;
            t = turn(0, { id: `u${who}-${made[who]}`, u: `user${who}`, t: T0 + expected.length });
            expected.push(t.id);
          }
          const current = parseThread(stored, 'th1') as Thread;
          const { thread: next, added } = appendTurn(current, t);
          if (added) stored = serializeThread(next);
          last = t;
        }
        expect((parseThread(stored) as Thread).turns.map((t) => t.id)).toEqual(expected);
      }),
    );
  });

  it('keeps a version once, whatever the retries', () => {
    const t = addVersion(addVersion(thread([turn(0)]), version(1)), version(1));
    expect(t.versions).toEqual([version(1)]);
  });

  it('numbers versions after the highest recorded, also after a restore of an old one', () => {
    expect(nextVersionId(newThread('th1', 's:x', T0))).toBe('v1');
    const restored = thread([turn(0, { ver: 'v1' }), turn(1, { ver: 'v4', k: 'restore' })], [version(2), version(7)]);
    expect(nextVersionId(restored)).toBe('v8');
  });
});

describe('userHash', () => {
  it('is short, opaque and stable for one person in one thread', () => {
    const h = userHash('3f9c2a51-77b4-4a0e-9b0d-2d1f0c8e6a11', 'th1');
    expect(h).toMatch(/^[0-9a-z]{10}$/);
    expect(h).toBe(userHash('3f9c2a51-77b4-4a0e-9b0d-2d1f0c8e6a11', 'th1'));
    expect(h).not.toContain('3f9c');
  });

  it('differs between people and between threads', () => {
    const ids = Array.from({ length: 2000 }, (_, n) => `user-${n}`);
    expect(new Set(ids.map((id) => userHash(id, 'th1'))).size).toBe(ids.length);
    expect(userHash('user-1', 'th1')).not.toBe(userHash('user-1', 'th2'));
  });
});
