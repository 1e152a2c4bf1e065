import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { monthOf } from '../../src/core/policy';
import { DocumentStore } from '../../src/server/platform/document-store';
import {
  COST_ENTRY_PREFIX,
  costInProperties,
  DOCUMENT_COST_PROPERTY,
  FOLD_AFTER_ENTRIES,
  FOLD_AT_MOST,
  MONTH_COST_PROPERTY,
  monthInProperties,
  readDocumentCost,
  recordCost,
} from '../../src/server/spine/costs';
import { InProcessLock } from './fake-lock';

function storeOf(initial: Record<string, string> = {}) {
  const properties = new FakeProperties(initial);
  const lock = new InProcessLock();
  return { properties, lock, store: new DocumentStore(properties, () => lock) };
}

describe('the document’s cost record', () => {
  it('adds one entry per Generate with one write, no read and no lock; nothing for what cost nothing', () => {
    const { properties, lock, store } = storeOf();
    recordCost(store, 0.0336, 'aaaa');
    recordCost(store, 0.1 + 0.2, 'bbbb');
    recordCost(store, 0, 'cccc');
    expect(properties.counts).toEqual({ reads: 0, writes: 2 });
    expect(lock.log).toEqual([]);
    expect(properties.snapshot()).toEqual({ 'PEEL_COST.aaaa': '0.0336', 'PEEL_COST.bbbb': '0.3' });
  });

  it('totals the entries and an earlier folded total, skipping what is not an amount', () => {
    expect(
      costInProperties({
        [DOCUMENT_COST_PROPERTY]: '1.5',
        'PEEL_COST.a': '0.0336',
        'PEEL_COST.b': 'junk',
        'PEEL_COST.c': '-4',
        OTHER: '100',
      }),
    ).toEqual({ total: 1.5336, entries: 3 });
    expect(readDocumentCost(null)).toBe(0);
  });

  it('folds at most FOLD_AT_MOST entries under the lock once they pile up, one delete each, keeping the rest', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, lock, store } = storeOf({
      ...entries,
      [DOCUMENT_COST_PROPERTY]: '1',
      SOMETHING_ELSE: 'kept',
    });
    expect(readDocumentCost(store)).toBe(3.01);
    const after = properties.snapshot();
    expect(after[DOCUMENT_COST_PROPERTY]).toBe(String(1 + FOLD_AT_MOST * 0.01));
    expect(after.SOMETHING_ELSE).toBe('kept');
    expect(costInProperties(after)).toEqual({ total: 3.01, entries: FOLD_AFTER_ENTRIES + 1 - FOLD_AT_MOST });
    // The snapshot, the locked read; the total in one setProperties, and one deleteProperty per folded entry.
    expect(properties.counts).toEqual({ reads: 2, writes: 1 + FOLD_AT_MOST });
    expect(lock.log).toEqual(['lock', 'release']);
    // Back under the threshold the read is all there is, and no lock is taken.
    expect(readDocumentCost(store)).toBe(3.01);
    expect(lock.log).toEqual(['lock', 'release']);
    const small = storeOf({ 'PEEL_COST.x': '0.5' });
    expect(readDocumentCost(small.store)).toBe(0.5);
    expect(small.properties.counts).toEqual({ reads: 1, writes: 0 });
    expect(small.lock.log).toEqual([]);
  });

  it('folds older months first, and this month’s folded entries into peel.month, so its sum stays the same', () => {
    const month = monthOf(Date.now());
    const old = Array.from({ length: 30 }, (_, i) => [`${COST_ENTRY_PREFIX}o${i}.2000-01`, '0.5']);
    const recent = Array.from({ length: FOLD_AFTER_ENTRIES - 20 }, (_, i) => [
      `${COST_ENTRY_PREFIX}n${i}.${month}`,
      '0.01',
    ]);
    const initial = { ...Object.fromEntries([...recent, ...old]), [MONTH_COST_PROPERTY]: `${month}=1` };
    const { properties, store } = storeOf(initial);
    const total = costInProperties(initial).total;
    expect(readDocumentCost(store)).toBe(total);
    const after = properties.snapshot();
    expect(Object.keys(after).filter((key) => key.endsWith('.2000-01'))).toEqual([]);
    expect(after[MONTH_COST_PROPERTY]).toBe(`${month}=${1 + (FOLD_AT_MOST - 30) * 0.01}`);
    expect(monthInProperties(after, month)).toBe(monthInProperties(initial, month));
    expect(costInProperties(after).total).toBe(total);
  });

  it('plans the fold from the read under the lock, so an entry added after the first read is folded too', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, store } = storeOf(entries);
    // A collaborator's entry lands between the sidebar's snapshot and its locked read.
    const read = store.read.bind(store);
    store.read = () => {
      const snapshot = read();
      properties.setProperty(`${COST_ENTRY_PREFIX}late`, '5');
      return snapshot;
    };
    expect(readDocumentCost(store)).toBe(7.01);
    expect(costInProperties(properties.snapshot()).total).toBe(7.01);
  });

  it('a fold that cannot get the lock in time changes nothing and still answers the total; an entry still goes in', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, lock, store } = storeOf(entries);
    lock.heldElsewhere = true;
    expect(readDocumentCost(store)).toBe(2.01);
    expect(properties.snapshot()).toEqual(entries);
    recordCost(store, 1, 'busy');
    expect(properties.snapshot()).toEqual({ ...entries, [`${COST_ENTRY_PREFIX}busy`]: '1' });
  });
});
