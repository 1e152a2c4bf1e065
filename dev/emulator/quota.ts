/**
 * The per-minute quota mode: at most N generateContent calls per key in any 60 seconds, the rest answered
 * with Google's 429 and a retry delay.
 *
 * The window slides (a log of the admitted calls' times) rather than resetting on the minute. Google's
 * captured delays are fractional and unaligned ("Please retry in 33.7s"), which a minute-aligned counter would
 * not give, and a fixed window lets a client burst 2N across the boundary: a pacer that passes here is
 * conservative against either. It also makes the delay exact, since the next slot opens when the oldest
 * admitted call leaves the window.
 */

export const QUOTA_WINDOW_MS = 60_000;

export class MinuteQuota {
  /** Admission times per caller, oldest first, never more than `limit` of them. */
  private readonly admitted = new Map<string, number[]>();
  private limit: number | undefined;

  constructor(perMinute: number | undefined) {
    this.limit = perMinute === undefined ? undefined : checkQuota(perMinute);
  }

  get perMinute(): number | undefined {
    return this.limit;
  }

  /** Undefined turns the quota off; any change forgets what was counted. */
  set(perMinute: number | undefined): void {
    this.limit = perMinute === undefined ? undefined : checkQuota(perMinute);
    this.admitted.clear();
  }

  /**
   * Counts a call by `caller` at `now` (ms) and returns undefined, or, past the quota, returns how many ms
   * until a slot opens without counting it: a rejected call does not use the quota, as at Google, so a client
   * that retries early is not pushed further back.
   */
  admit(caller: string, now: number): number | undefined {
    if (this.limit === undefined) return undefined;
    const times = (this.admitted.get(caller) ?? []).filter((t) => t > now - QUOTA_WINDOW_MS);
    const oldest = times[0];
    if (times.length >= this.limit && oldest !== undefined) {
      this.admitted.set(caller, times);
      return oldest + QUOTA_WINDOW_MS - now;
    }
    times.push(now);
    this.admitted.set(caller, times);
    return undefined;
  }
}

/** A quota from code or JSON: a whole number of calls per minute, at least 1 (0 is the 'billing' fault). */
export function checkQuota(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`requestsPerMinute must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  }
  return value;
}
