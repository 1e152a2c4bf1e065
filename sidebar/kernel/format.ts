/** Words and numbers as the sidebar says them, shared by every feature. */

/** Dollars as people read them: cents for sums, a tenth of a cent for the small per-image prices. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
