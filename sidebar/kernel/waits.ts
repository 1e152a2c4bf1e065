/**
 * Waiting for Gemini, as the sidebar keeps it: a run of calls (one per variant of a Generate or an Edit), where
 * each call stands (calling, waiting with its countdown, done, failed), and the line that says why it waits.
 */
import type { RetryLater, UserFacingError, Wire } from '../../src/shared/rpc';
import { t } from './words';

/** Where one variant's call stands. */
export type Variant =
  | { readonly state: 'calling' }
  | {
      readonly state: 'waiting';
      /** When the sidebar calls again (the clock's ms), counted down on screen. */
      readonly retryAt: number;
      readonly attempt: number;
      readonly maxAttempts: number;
      readonly reason: RetryLater['reason'];
    }
  | { readonly state: 'done' }
  | { readonly state: 'failed'; readonly error: UserFacingError };

/** A run of calls (generate's and an edit's alike). */
export interface Generating {
  /** Identifies this request: a result carrying another token arrived after Cancel and is thrown away. */
  readonly token: number;
  readonly startedAt: number;
  readonly variants: number;
  /** One per variant, in the order they were asked for. */
  readonly calls: readonly Variant[];
}

/** A new run of `variants` calls under the next token, every one calling (generate's and an edit's alike). */
export function newRun(lastToken: number, variants: number, now: number): Generating {
  const calls = Array.from({ length: variants }, (): Variant => ({ state: 'calling' }));
  return { token: lastToken + 1, startedAt: now, variants, calls };
}

/** A variant Gemini asked to wait: when the sidebar calls again (the clock's ms), counted down on screen. */
export function waitingFor(wait: Wire<RetryLater>, now: number): Variant {
  const { retryAfterSeconds, attempt, maxAttempts, reason } = wait;
  return { state: 'waiting', retryAt: now + retryAfterSeconds * 1000, attempt, maxAttempts, reason };
}

/** The same run with variant `index` in a new state (generate's and the edit thread's runs alike). */
export function withCall<G extends Generating>(generating: G, index: number, call: Variant): G {
  if (index < 0 || index >= generating.calls.length) return generating;
  return { ...generating, calls: generating.calls.map((c, i) => (i === index ? call : c)) };
}

/** What is happening, in words that fit the failure the server reported. */
function whatHappened(reason: RetryLater['reason']): string {
  switch (reason) {
    case 'RATE_LIMITED':
    case 'UNAVAILABLE':
      return t('busy');
    case 'SERVER_ERROR':
      return t('serverError');
    case 'DEADLINE':
      return t('tooLong');
    case 'NETWORK':
      return t('unreachable');
    default:
      return t('noAnswer');
  }
}

/**
 * "Gemini is busy; trying again in 20 s, attempt 2 of 3" while any variant waits, or null. With several waiting,
 * the one that waits longest speaks for them (it is when the last of them is tried again).
 */
export function waitingLine(generating: Generating | null, now: number): string | null {
  const waiting = (generating?.calls ?? []).filter((c) => c.state === 'waiting');
  if (waiting.length === 0) return null;
  const last = waiting.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  const seconds = Math.max(0, Math.ceil((last.retryAt - now) / 1000));
  const who = waiting.length > 1 ? `${t('imagesWait', { n: waiting.length })} ` : '';
  const what = whatHappened(last.reason);
  return who + t('tryingAgain', { what, s: seconds, attempt: last.attempt, max: last.maxAttempts });
}

export function elapsedSeconds(startedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}
