import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import { DocumentStore } from '../../src/server/platform/document-store';
import {
  COST_ENTRY_PREFIX,
  costInProperties,
  DOCUMENT_COST_PROPERTY,
  FOLD_AFTER_ENTRIES,
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
  it('adds one entry per Generate with one write under the lock and no read; nothing for what cost nothing', () => {
    const { properties, lock, store } = storeOf();
    recordCost(store, 0.0336, 'aaaa');
    recordCost(store, 0.1 + 0.2, 'bbbb');
    recordCost(store, 0, 'cccc');
    expect(properties.counts).toEqual({ reads: 0, writes: 2 });
    expect(lock.log).toEqual(['lock', 'release', 'lock', 'release']);
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

  it('folds the entries into the total under the lock once they pile up, keeping every other property', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, lock, store } = storeOf({
      ...entries,
      [DOCUMENT_COST_PROPERTY]: '1',
      SOMETHING_ELSE: 'kept',
    });
    expect(readDocumentCost(store)).toBe(3.01);
    expect(properties.snapshot()).toEqual({ [DOCUMENT_COST_PROPERTY]: '3.01', SOMETHING_ELSE: 'kept' });
    expect(lock.log).toEqual(['lock', 'release']);
    // Below the threshold the read is all there is, and no lock is taken.
    const small = storeOf({ 'PEEL_COST.x': '0.5' });
    expect(readDocumentCost(small.store)).toBe(0.5);
    expect(small.properties.counts).toEqual({ reads: 1, writes: 0 });
    expect(small.lock.log).toEqual([]);
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
    expect(properties.snapshot()).toEqual({ [DOCUMENT_COST_PROPERTY]: '7.01' });
  });

  it('a fold that cannot get the lock in time changes nothing and still answers the total', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const { properties, lock, store } = storeOf(entries);
    lock.heldElsewhere = true;
    expect(readDocumentCost(store)).toBe(2.01);
    expect(properties.snapshot()).toEqual(entries);
    expect(() => recordCost(store, 1, 'busy')).toThrow(expect.objectContaining({ code: 'BUSY' }));
    expect(properties.snapshot()).toEqual(entries);
  });
});
