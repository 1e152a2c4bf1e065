import { describeError } from '../core/errors';
import { redactKeys } from '../core/gemini/keys';
import type { Result, WireSafe } from '../shared/rpc';

/**
 * The one boundary between Peel and the sidebar: a server function's value or error becomes a Result.
 * Expected errors (PeelError) keep their code; anything else becomes INTERNAL with its stack logged here
 * and never shown. The `WireSafe` bound makes returning a Date or a function a compile error.
 */
export function expose<A extends unknown[], R>(fn: (...args: A) => R & WireSafe<R>): (...args: A) => Result<R> {
  return (...args: A): Result<R> => {
    try {
      return { ok: true, value: fn(...args) };
    } catch (error) {
      const described = describeError(error);
      if (described.code === 'INTERNAL')
        console.error(redactKeys(error instanceof Error ? `${error.stack}` : String(error)));
      return { ok: false, error: described };
    }
  };
}
