/**
 * The document store's two kinds of write (platform/document-store.ts) against the runtime's FakeProperties:
 * a key added without the lock that lands inside a locked read-modify-write (after its read, before its write,
 * or before its rollback) is still there afterwards, whether the update sets keys, removes keys or is rolled back
 * after a failed commit or a failed delete; and the update changes exactly the keys it planned.
 */
import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { DocumentStore } from '../../src/server/platform/document-store';
import {
  COST_ENTRY_PREFIX,
  costInProperties,
  FOLD_AFTER_ENTRIES,
  readDocumentCost,
  recordCost,
} from '../../src/server/spine/costs';
import { InProcessLock } from './fake-lock';

/** A store whose next getProperties lets a collaborator act right after it answers (inside a locked update). */
class Interleaved extends FakeProperties {
  afterRead: (() => void) | null = null;
  failDeleteOf: string | null = null;

  override getProperties(): { [key: string]: string } {
    const answer = super.getProperties();
    const act = this.afterRead;
    this.afterRead = null;
    act?.();
    return answer;
  }

  override deleteProperty(key: string): this {
    // Apps Script's daily quota text (Quotas for Google Services), as a delete half way through would meet it.
    if (key === this.failDeleteOf) throw new Error('Service invoked too many times for one day: properties.');
    super.deleteProperty(key);
    return this;
  }
}

function open(initial: Record<string, string>) {
  const properties = new Interleaved(initial);
  const lock = new InProcessLock();
  const store = new DocumentStore(properties, () => lock);
  // A collaborator's execution: the same store, its own (unused) lock, since an add takes none.
  const collaborator = new DocumentStore(properties, () => new InProcessLock());
  return { properties, lock, store, collaborator };
}

const ENTRY = `${COST_ENTRY_PREFIX}theirs.2026-12`;

describe('an add without the lock, inside a locked update', () => {
  it('takes no lock and no read: one setProperties, even while someone holds the lock', () => {
    const { properties, lock, store } = open({});
    lock.heldElsewhere = true;
    store.add({ [ENTRY]: '0.04' });
    expect(properties.snapshot()).toEqual({ [ENTRY]: '0.04' });
    expect(properties.counts).toEqual({ reads: 0, writes: 1 });
    expect(lock.log).toEqual([]);
  });

  it('survives an update that sets keys, which writes only those', () => {
    const { properties, store, collaborator } = open({ 'peel.style': 'old', OTHER: 'x' });
    properties.afterRead = () => collaborator.add({ [ENTRY]: '0.04' });
    store.update(() => ({ change: { set: { 'peel.style': 'new' } }, result: null }));
    expect(properties.snapshot()).toEqual({ 'peel.style': 'new', OTHER: 'x', [ENTRY]: '0.04' });
  });

  it('survives an update that removes keys: one deleteProperty per key it read, nothing else deleted', () => {
    const job = { 'peel.job.j1': 'header', 'peel.job.j1.0': 'item 0', 'peel.job.j1.1': 'item 1' };
    const { properties, lock, store, collaborator } = open({ ...job, OTHER: 'x' });
    properties.afterRead = () => collaborator.add({ [ENTRY]: '0.04', 'peel.job.j1.2': 'not read' });
    const before = { ...properties.counts };
    store.update(() => ({ change: { set: { 'peel.refs': '[]' }, remove: Object.keys(job) }, result: null }));
    expect(properties.snapshot()).toEqual({
      OTHER: 'x',
      'peel.refs': '[]',
      [ENTRY]: '0.04',
      // A key the update did not read is not its to delete, whatever its name.
      'peel.job.j1.2': 'not read',
    });
    // The read, the collaborator's add, one setProperties, three deletes.
    expect(properties.counts.reads - before.reads).toBe(1);
    expect(properties.counts.writes - before.writes).toBe(1 + 1 + 3);
    expect(lock.log).toEqual(['lock', 'release']);
  });

  it('survives a fold of the cost record, and counts once', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, store, collaborator } = open(entries);
    // The fold's first read is the snapshot; the second is the locked one, after which the collaborator pays.
    properties.afterRead = () => {
      properties.afterRead = () => recordCost(collaborator, 5, 'late');
    };
    expect(readDocumentCost(store)).toBe(2.01);
    const after = properties.snapshot();
    expect(after[`${COST_ENTRY_PREFIX}late`]).toBe('5');
    expect(costInProperties(after).total).toBe(7.01);
  });

  it('survives a failed commit’s rollback, which puts back exactly the keys the update changed', () => {
    const { properties, store, collaborator } = open({ 'peel.t.a': 'thread a', 'peel.t.gone': 'old', OTHER: 'x' });
    properties.afterRead = () => collaborator.add({ [ENTRY]: '0.04' });
    expect(() =>
      store.update(
        () => ({
          change: { set: { 'peel.t.a': 'thread a, turn 2', 'peel.t.new': 'new' }, remove: ['peel.t.gone'] },
          result: null,
        }),
        () => {
          // A second collaborator adds while the document change is failing.
          collaborator.add({ 'peel.t.theirs': 'their new picture' });
          throw new Error('the document refused');
        },
      ),
    ).toThrow('the document refused');
    expect(properties.snapshot()).toEqual({
      'peel.t.a': 'thread a',
      'peel.t.gone': 'old',
      OTHER: 'x',
      [ENTRY]: '0.04',
      'peel.t.theirs': 'their new picture',
    });
  });

  it('survives a delete that fails half way: the update puts back what it did and says STORE_FULL', () => {
    const { properties, store, collaborator } = open({ 'peel.job.j1': 'h', 'peel.job.j1.0': 'i0', OTHER: 'x' });
    properties.failDeleteOf = 'peel.job.j1.0';
    properties.afterRead = () => collaborator.add({ [ENTRY]: '0.04' });
    expect(() =>
      store.update(() => ({
        change: { set: { 'peel.last': 'sabc' }, remove: ['peel.job.j1', 'peel.job.j1.0'] },
        result: null,
      })),
    ).toThrow(expect.objectContaining({ code: 'STORE_FULL' }));
    expect(properties.snapshot()).toEqual({ 'peel.job.j1': 'h', 'peel.job.j1.0': 'i0', OTHER: 'x', [ENTRY]: '0.04' });
  });
});

describe('keys that leave after the lock', () => {
  const JOB = 'peel.job.abcdefgh12345678';
  /** Each deleteProperty with whether the lock was held for it. */
  function recorded(initial: Record<string, string>) {
    const opened = open(initial);
    const deletes: { key: string; locked: boolean }[] = [];
    const remove = opened.properties.deleteProperty.bind(opened.properties);
    opened.properties.deleteProperty = (key: string) => {
      deletes.push({ key, locked: opened.lock.held });
      return remove(key);
    };
    return { ...opened, deletes };
  }

  it('are deleted once the lock is released, only those read, and a failure stops the sweep quietly', () => {
    const { properties, store, collaborator, deletes } = recorded({
      [JOB]: 'h',
      [`${JOB}.0`]: 'i0',
      [`${JOB}.1`]: 'i1',
    });
    properties.afterRead = () => collaborator.add({ [`${JOB}.2`]: 'not read' });
    properties.failDeleteOf = `${JOB}.1`;
    store.update(() => ({
      change: { remove: [JOB], drop: [`${JOB}.0`, `${JOB}.1`, `${JOB}.2`] },
      result: null,
    }));
    expect(deletes).toEqual([
      { key: JOB, locked: true },
      { key: `${JOB}.0`, locked: false },
      { key: `${JOB}.1`, locked: false },
    ]);
    // The failed one is left as garbage: an item whose job has no header.
    expect(properties.snapshot()).toEqual({ [`${JOB}.1`]: 'i1', [`${JOB}.2`]: 'not read' });
  });

  it('go under the lock when a write needs their room; a live job’s items are not garbage', () => {
    const item = 'x'.repeat(8_000);
    const items = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${JOB}.${i}`, item]));
    // 21 new threads of 8 KB: they fit Peel's part of the store (240 KB with the ledger's share kept) only
    // without the 86 KB of job items.
    const threads = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`peel.t.s${i}`, 'y'.repeat(8_000)]));
    const write = () => ({ change: { set: threads }, result: null });

    const live = recorded({ [JOB]: 'h', ...items });
    expect(() => live.store.update(write)).toThrow(expect.objectContaining({ code: 'STORE_FULL' }));
    expect(live.deletes).toEqual([]);

    const orphaned = recorded(items);
    orphaned.store.update(write);
    expect(orphaned.deletes.map((d) => d.key).sort()).toEqual(Object.keys(items).sort());
    expect(orphaned.deletes.every((d) => d.locked)).toBe(true);
    expect(Object.keys(orphaned.properties.snapshot()).sort()).toEqual(Object.keys(threads).sort());
  });
});
