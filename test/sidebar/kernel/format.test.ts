import { describe, expect, it } from 'vitest';
import { totalAfter } from '../../../sidebar/kernel/format';

const answer = (costUsd: number | null, documentCostUsd: number) => ({ image: { costUsd }, documentCostUsd });

describe('the document’s running total in the sidebar', () => {
  it('counts every one of six parallel job items, each of which saw the total from before the others', () => {
    // Each execution read $0.05 at its start and answered $0.05 + its own cost.
    const answers = Array.from({ length: 6 }, () => answer(0.0336, 0.05 + 0.0336));
    const total = answers.reduce<number | null>((known, a) => totalAfter(known, a), 0.05);
    expect(total).toBeCloseTo(0.05 + 6 * 0.0336, 6);
  });

  it('takes the server’s figure when the sidebar knows no total, or the image has no price', () => {
    expect(totalAfter(null, answer(0.04, 1.24))).toBe(1.24);
    expect(totalAfter(0.5, answer(null, 0.7))).toBe(0.7);
    expect(totalAfter(0.9, answer(null, 0.7))).toBe(0.9);
  });
});
