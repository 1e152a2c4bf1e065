/**
 * Runs one image call per variant, in parallel, each with the waits the server hands back: shared by every
 * feature that asks for images (Generate now, edits next). Each call is its own Apps Script execution, so one
 * slow or failed variant costs the others nothing and each image is reported the moment it arrives.
 *
 * A call answers with an image, with a wait (`RetryLater`: Gemini asked Peel to wait, nothing was billed), or
 * fails. After a wait the same request goes again with the next attempt number; the server decides when to stop
 * (core/gemini/retry.ts, planWait), so the worst case is bounded there. Cancel cannot abort google.script.run:
 * once `live()` says no, no call is made again, and an image that still arrives is handed to `abandoned`, so
 * its preview can be freed.
 */
import type { ImageCallOutcome, ImageDelivered, RetryLater, UserFacingError, Wire } from '../src/shared/rpc';
import { toWireError } from './features/session/actions';

export interface ImageCallEvents {
  delivered(index: number, delivered: Wire<ImageDelivered>): void;
  waiting(index: number, wait: Wire<RetryLater>): void;
  /** The wait is over and the call goes again. */
  calling(index: number): void;
  failed(index: number, error: UserFacingError): void;
  /** An image that arrived after `live()` turned false: nobody shows it. */
  abandoned(delivered: Wire<ImageDelivered>): void;
}

export interface ImageCalls {
  readonly count: number;
  /** Call `attempt` (1-based) for variant `index`: the server function with the same request each time. */
  call(attempt: number, index: number): Promise<Wire<ImageCallOutcome>>;
  /** Resolves after `ms` (the sidebar's clock: a fake one in tests). */
  wait(ms: number): Promise<void>;
  /** False once the person cancelled or the run was superseded. */
  live(): boolean;
  on: ImageCallEvents;
}

async function runOne(calls: ImageCalls, index: number): Promise<void> {
  let attempt = 1;
  for (;;) {
    let outcome: Wire<ImageCallOutcome>;
    try {
      outcome = await calls.call(attempt, index);
    } catch (error) {
      if (calls.live()) calls.on.failed(index, toWireError(error));
      return;
    }
    if (outcome.kind === 'image') {
      if (calls.live()) calls.on.delivered(index, outcome);
      else calls.on.abandoned(outcome);
      return;
    }
    if (!calls.live()) return;
    // The server counts attempts; a next attempt that does not move on would loop, so it ends the variant.
    if (!(outcome.attempt > attempt)) {
      calls.on.failed(index, toWireError(undefined));
      return;
    }
    calls.on.waiting(index, outcome);
    await calls.wait(outcome.retryAfterSeconds * 1000);
    if (!calls.live()) return;
    attempt = outcome.attempt;
    calls.on.calling(index);
  }
}

/** Resolves when every variant has an image, has failed, or was left after Cancel. */
export async function runImageCalls(calls: ImageCalls): Promise<void> {
  await Promise.all(Array.from({ length: calls.count }, (_, index) => runOne(calls, index)));
}
