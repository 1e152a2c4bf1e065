/**
 * Decides whether a failed request is worth another try, and after how long. Pure: the caller owns the clock.
 *
 * Two kinds of wait. Inside one execution (`planRetry`) Peel only rides out a short blip: a second or two, which
 * the person would not notice. Anything longer (a 429 whose RetryInfo asks for 20 s, an overloaded model) is not
 * slept through in Apps Script, where the sidebar could only show "Generating… 72 s" and Cancel could not stop
 * it: the execution ends and hands the wait back (`planWait`), and the sidebar counts it down with Cancel and calls
 * again. The bounds of the first come from Apps Script: one execution may run 6 minutes, one fetch about a minute.
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

/** Within one execution: one more try after at most a second, or after a RetryInfo of at most 2 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 1_000,
  maxRequestedDelayMs: 2_000,
  maxTotalWaitMs: 2_000,
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

// ---------------------------------------------------------------------------------------------------------
// Waits the sidebar shows

export interface WaitPolicy {
  /** Calls per image, the first included. */
  readonly maxAttempts: number;
  /** Longest wait Peel counts down for; Google asking for more is told to the person instead. */
  readonly maxWaitMs: number;
  /** First backoff for a failure that names no delay; doubles per attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const SIDEBAR_WAIT_POLICY: WaitPolicy = {
  maxAttempts: 3,
  maxWaitMs: 60_000,
  baseDelayMs: 5_000,
  maxDelayMs: 20_000,
};

export type WaitDecision =
  | {
      readonly action: 'wait';
      /** Whole seconds, as the countdown shows them. */
      readonly seconds: number;
      /** The call the sidebar makes when the wait is over (2 after the first call failed). */
      readonly attempt: number;
      readonly maxAttempts: number;
    }
  | { readonly action: 'stop' };

/**
 * After call `attempt` (1-based) of an image ended with a failure worth retrying: how long the sidebar waits
 * before the next call, or stop (the failure is then the answer). `random` is in [0, 1).
 */
export function planWait(
  retry: Retry,
  attempt: number,
  random: () => number,
  policy: WaitPolicy = SIDEBAR_WAIT_POLICY,
): WaitDecision {
  if (retry.kind === 'never' || attempt >= policy.maxAttempts) return { action: 'stop' };
  let waitMs: number;
  if (retry.kind === 'after') {
    if (retry.delayMs > policy.maxWaitMs) return { action: 'stop' };
    waitMs = retry.delayMs;
  } else {
    // Equal jitter: variants that failed together spread out, and a countdown never reads 0 s.
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    waitMs = ceiling / 2 + random() * (ceiling / 2);
  }
  return {
    action: 'wait',
    seconds: Math.max(1, Math.ceil(waitMs / 1000)),
    attempt: attempt + 1,
    maxAttempts: policy.maxAttempts,
  };
}

/** The most one image can spend in sidebar countdowns: every wait at its longest (README: visible waiting). */
export function worstCaseWaitMs(policy: WaitPolicy = SIDEBAR_WAIT_POLICY): number {
  return (policy.maxAttempts - 1) * Math.max(policy.maxWaitMs, policy.maxDelayMs);
}
