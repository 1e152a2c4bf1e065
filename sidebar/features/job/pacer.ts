/**
 * Runs a deck job's items, one server call each, up to `parallel` at once, paced to Gemini's per-minute quota.
 *
 * Apps Script gives an add-on no background work, so the sidebar drives the job (design: issue 13). Each item is
 * its own execution, well inside the 6-minute limit. When a call answers RetryLater (Google's 429 with its retry
 * delay), every new start waits until that delay has passed, not just the item's: the quota is per key, so a
 * call started earlier would only be refused too (refused calls do not use the quota, but they cost a round
 * trip and an attempt). The parallelism is halved at each wait and grows back by one per image delivered by a
 * call started since (one already on its way says nothing about the quota now), so a
 * quota that keeps refusing settles at one call at a time and a passing blip costs little.
 *
 * No DOM and no timers of its own: `now` and `wait` are the sidebar's clock (a fake one in tests and in the
 * benchmark's time-lapse).
 */
import type { ImageCallOutcome, ImageDelivered, RetryLater, UserFacingError, Wire } from '../../../src/shared/rpc';
import { toWireError } from '../session/actions';

export const MAX_PARALLEL = 4;

export interface PacerEvents {
  /** The call for `index` goes out (again, after a wait). */
  calling(index: number): void;
  delivered(index: number, delivered: Wire<ImageDelivered>): void;
  /** Gemini asked to wait; nothing starts before `until` (the clock's ms). */
  waiting(index: number, wait: Wire<RetryLater>, until: number): void;
  failed(index: number, error: UserFacingError): void;
  /** An image that arrived after `live()` turned false (Cancel): nobody shows it. */
  abandoned(delivered: Wire<ImageDelivered>): void;
}

export interface PacerPorts {
  /** Call `attempt` (1-based) of item `index`: runJobItem. */
  call(index: number, attempt: number): Promise<Wire<ImageCallOutcome>>;
  now(): number;
  wait(ms: number): Promise<void>;
  /** False once the job was cancelled or the sidebar moved on: nothing more is started. */
  live(): boolean;
  on: PacerEvents;
}

export interface Pacer {
  /** Queues items (already queued or running ones are ignored); the run goes on until the queue is empty. */
  add(indexes: readonly number[]): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** How many calls may run at once now. */
  readonly parallel: number;
}

export function createPacer(ports: PacerPorts, max = MAX_PARALLEL): Pacer {
  const queue: { index: number; attempt: number }[] = [];
  const running = new Set<number>();
  let parallel = max;
  let holdUntil = 0;
  /** Counts the waits Gemini asked for: only a call started after the latest one shows the quota has room. */
  let waits = 0;
  let driving = false;
  let loop: Promise<void> = Promise.resolve();
  let wake: () => void = () => {};

  function nudge(): void {
    wake();
  }

  async function runOne(index: number, attempt: number): Promise<void> {
    const startedAfter = waits;
    let outcome: Wire<ImageCallOutcome>;
    try {
      outcome = await ports.call(index, attempt);
    } catch (error) {
      if (ports.live()) ports.on.failed(index, toWireError(error));
      return;
    }
    if (outcome.kind === 'image') {
      if (!ports.live()) {
        ports.on.abandoned(outcome);
        return;
      }
      if (startedAfter === waits) parallel = Math.min(max, parallel + 1);
      ports.on.delivered(index, outcome);
      return;
    }
    if (!ports.live()) return;
    // The server counts attempts; one that does not move on would loop, so it ends the item.
    if (!(outcome.attempt > attempt)) {
      ports.on.failed(index, toWireError(undefined));
      return;
    }
    waits++;
    holdUntil = Math.max(holdUntil, ports.now() + outcome.retryAfterSeconds * 1000);
    parallel = Math.max(1, Math.floor(parallel / 2));
    // First in line again: it has waited longest.
    queue.unshift({ index, attempt: outcome.attempt });
    ports.on.waiting(index, outcome, holdUntil);
  }

  async function drive(): Promise<void> {
    for (;;) {
      if (!ports.live()) queue.length = 0;
      if (queue.length === 0 && running.size === 0) {
        // Cleared here, not in a later callback: an add() in between would otherwise find no loop to wake.
        driving = false;
        return;
      }
      const changed = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const held = holdUntil - ports.now();
      if (held > 0 && queue.length > 0) {
        // Either the hold passes or a running call ends (it may lengthen the hold).
        await Promise.race([changed, ports.wait(held)]);
        continue;
      }
      while (queue.length > 0 && running.size < parallel && holdUntil <= ports.now() && ports.live()) {
        const next = queue.shift();
        if (!next) break;
        running.add(next.index);
        if (next.attempt > 1) ports.on.calling(next.index);
        void runOne(next.index, next.attempt).finally(() => {
          running.delete(next.index);
          nudge();
        });
      }
      await changed;
    }
  }

  return {
    add(indexes) {
      for (const index of indexes) {
        if (running.has(index) || queue.some((q) => q.index === index)) continue;
        queue.push({ index, attempt: 1 });
      }
      if (driving) nudge();
      else {
        driving = true;
        loop = drive();
      }
    },
    idle: () => loop,
    get parallel() {
      return parallel;
    },
  };
}
