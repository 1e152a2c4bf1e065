import { describe, expect, it } from 'vitest';
import { FakeProperties } from '../../dev/runtime/services/properties';
import {
  COST_ENTRY_PREFIX,
  costInProperties,
  DOCUMENT_COST_PROPERTY,
  FOLD_AFTER_ENTRIES,
  readDocumentCost,
  recordCost,
} from '../../src/server/costs';

describe('the document’s cost record', () => {
  it('adds one entry per Generate with one write and no read; nothing for what cost nothing', () => {
    const store = new FakeProperties();
    recordCost(store, 0.0336, 'aaaa');
    recordCost(store, 0.1 + 0.2, 'bbbb');
    recordCost(store, 0, 'cccc');
    expect(store.counts).toEqual({ reads: 0, writes: 2 });
    expect(store.getProperties()).toEqual({ 'PEEL_COST.aaaa': '0.0336', 'PEEL_COST.bbbb': '0.3' });
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

  it('folds the entries into the total once they pile up, keeping every other property', () => {
    const entries = Object.fromEntries(
      Array.from({ length: FOLD_AFTER_ENTRIES + 1 }, (_, i) => [`${COST_ENTRY_PREFIX}${i}`, '0.01']),
    );
    const store = new FakeProperties({ ...entries, [DOCUMENT_COST_PROPERTY]: '1', SOMETHING_ELSE: 'kept' });
    expect(readDocumentCost(store)).toBe(3.01);
    expect(store.getProperties()).toEqual({ [DOCUMENT_COST_PROPERTY]: '3.01', SOMETHING_ELSE: 'kept' });
    // Below the threshold the read is all there is.
    const small = new FakeProperties({ 'PEEL_COST.x': '0.5' });
    expect(readDocumentCost(small)).toBe(0.5);
    expect(small.counts).toEqual({ reads: 1, writes: 0 });
  });
});
