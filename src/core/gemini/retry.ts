/**
 * Decides whether a failed request is worth another try, and after how long. Pure: the caller owns the clock.
 *
 * The bounds come from Apps Script, not from Gemini: one execution may run 6 minutes, and one fetch can take
 * about a minute before UrlFetchApp gives up. A wait is only worth it if a whole fetch still fits afterwards.
 */
import type { Retry } from './failures';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest single backoff wait. */
  readonly maxDelayMs: number;
  /** Largest wait the service may ask for (RetryInfo) before Peel gives up and tells the user instead. */
  readonly maxRequestedDelayMs: number;
  /** All waits of one call together. */
  readonly maxTotalWaitMs: number;
  /** Time the call may take from its start, waits and fetches included. */
  readonly budgetMs: number;
  /** What one fetch may take (UrlFetchApp's fixed deadline), kept free after a wait. */
  readonly fetchAllowanceMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 20_000,
  maxRequestedDelayMs: 60_000,
  maxTotalWaitMs: 90_000,
  // 6 minutes less 30 s for the document work around the call.
  budgetMs: 330_000,
  fetchAllowanceMs: 60_000,
};

export interface RetryState {
  /** Attempts made so far for this request (1 after the first). */
  readonly attempts: number;
  /** Time already spent waiting in this call. */
  readonly waitedMs: number;
  /** Time since the call started. */
  readonly elapsedMs: number;
}

export type RetryDecision =
  | { readonly action: 'retry'; readonly waitMs: number }
  | {
      readonly action: 'stop';
      readonly why: 'not-retryable' | 'attempts' | 'requested-delay' | 'wait-budget' | 'time-budget';
    };

/** `random` returns a number in [0, 1), as Math.random does; tests pass a fixed one. */
export function planRetry(retry: Retry, state: RetryState, policy: RetryPolicy, random: () => number): RetryDecision {
  if (retry.kind === 'never') return { action: 'stop', why: 'not-retryable' };
  if (state.attempts >= policy.maxAttempts) return { action: 'stop', why: 'attempts' };
  let waitMs: number;
  if (retry.kind === 'after') {
    if (retry.delayMs > policy.maxRequestedDelayMs) return { action: 'stop', why: 'requested-delay' };
    waitMs = retry.delayMs;
  } else {
    // Full jitter: parallel variants that failed together must not come back together.
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (state.attempts - 1));
    waitMs = Math.floor(random() * ceiling);
  }
  if (state.waitedMs + waitMs > policy.maxTotalWaitMs) return { action: 'stop', why: 'wait-budget' };
  if (state.elapsedMs + waitMs + policy.fetchAllowanceMs > policy.budgetMs)
    return { action: 'stop', why: 'time-budget' };
  return { action: 'retry', waitMs };
}
