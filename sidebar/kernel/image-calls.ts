/**
 * Image calls with the waits the server hands back, two ways: `runImageCalls` runs one call per variant, all at
 * once, each waiting its own delay (Generate, Edit); `createPacer` runs a deck job's items, a few at a time,
 * paced to Gemini's per-minute quota. Each call is its own Apps Script execution, so one slow or failed call
 * costs the others nothing and each image is reported the moment it arrives.
 *
 * A call answers with an image, with a wait (`RetryLater`: Gemini asked Peel to wait, nothing was billed), or
 * fails. After a wait the same request goes again with the next attempt number; the server decides when to stop
 * (core/gemini/retry.ts, planWait), so the worst case is bounded there. Cancel cannot abort google.script.run:
 * once `live()` says no, no call is made again, and an image that still arrives is handed to `abandoned`, so
 * its preview can be freed.
 *
 * No DOM and no timers of their own: `now` and `wait` are the sidebar's clock (a fake one in tests and in the
 * benchmark's time-lapse).
 */
import type { ImageCallOutcome, ImageDelivered, RetryLater, UserFacingError, Wire } from '../../src/shared/rpc';
import { toWireError } from './rpc';

export interface CallEvents {
  /** The call for `index` goes out again, after a wait. */
  calling(index: number): void;
  delivered(index: number, delivered: Wire<ImageDelivered>): void;
  /** Gemini asked to wait; the call goes again at `until` (the clock's ms) at the earliest. */
  waiting(index: number, wait: Wire<RetryLater>, until: number): void;
  failed(index: number, error: UserFacingError): void;
  /** An image that arrived after `live()` turned false: nobody shows it. */
  abandoned(delivered: Wire<ImageDelivered>): void;
}

export interface CallPorts {
  /** Call `attempt` (1-based) for `index`: the server function with the same request each time. */
  call(index: number, attempt: number): Promise<Wire<ImageCallOutcome>>;
  now(): number;
  wait(ms: number): Promise<void>;
  /** False once the person cancelled or the run was superseded: nothing more is started. */
  live(): boolean;
  on: CallEvents;
}

/** One call, its answer reported: the wait Gemini asked for when the call is to go again, else whether it delivered. */
async function callOnce(ports: CallPorts, index: number, attempt: number): Promise<Wire<RetryLater> | boolean> {
  let outcome: Wire<ImageCallOutcome>;
  try {
    outcome = await ports.call(index, attempt);
  } catch (error) {
    if (ports.live()) ports.on.failed(index, toWireError(error));
    return false;
  }
  if (outcome.kind === 'image') {
    if (!ports.live()) {
      ports.on.abandoned(outcome);
      return false;
    }
    ports.on.delivered(index, outcome);
    return true;
  }
  if (!ports.live()) return false;
  // The server counts attempts; a next attempt that does not move on would loop, so it ends the call.
  if (!(outcome.attempt > attempt)) {
    ports.on.failed(index, toWireError(undefined));
    return false;
  }
  return outcome;
}

/** Resolves when every variant has an image, has failed, or was left after Cancel. */
export async function runImageCalls(ports: CallPorts, count: number): Promise<void> {
  const runOne = async (index: number) => {
    for (let attempt = 1; ; ) {
      const retry = await callOnce(ports, index, attempt);
      if (typeof retry === 'boolean') return;
      const ms = retry.retryAfterSeconds * 1000;
      ports.on.waiting(index, retry, ports.now() + ms);
      await ports.wait(ms);
      if (!ports.live()) return;
      attempt = retry.attempt;
      ports.on.calling(index);
    }
  };
  await Promise.all(Array.from({ length: count }, (_, index) => runOne(index)));
}

export const MAX_PARALLEL = 4;

export interface Pacer {
  /** Queues items (already queued or running ones are ignored); the run goes on until the queue is empty. */
  add(indexes: readonly number[]): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** How many calls may run at once now. */
  readonly parallel: number;
}

/**
 * Runs items up to `parallel` at once. When a call answers RetryLater (Google's 429 with its retry delay), every
 * new start waits until that delay has passed, not just the item's: the quota is per key, so a call started
 * earlier would only be refused too (refused calls do not use the quota, but they cost a round trip and an
 * attempt). The parallelism is halved at each wait and grows back by one per image delivered by a call started
 * since (one already on its way says nothing about the quota now), so a quota that keeps refusing settles at one
 * call at a time and a passing blip costs little.
 */
export function createPacer(ports: CallPorts, max = MAX_PARALLEL): Pacer {
  const queue: { index: number; attempt: number }[] = [];
  const running = new Set<number>();
  let parallel = max;
  let holdUntil = 0;
  /** Counts the waits Gemini asked for: only a call started after the latest one shows the quota has room. */
  let waits = 0;
  let driving = false;
  let loop: Promise<void> = Promise.resolve();
  let wake: () => void = () => {};

  async function runOne(index: number, attempt: number): Promise<void> {
    const startedAfter = waits;
    const retry = await callOnce(ports, index, attempt);
    if (retry === true && startedAfter === waits) parallel = Math.min(max, parallel + 1);
    if (typeof retry === 'boolean') return;
    waits++;
    holdUntil = Math.max(holdUntil, ports.now() + retry.retryAfterSeconds * 1000);
    parallel = Math.max(1, Math.floor(parallel / 2));
    // First in line again: it has waited longest.
    queue.unshift({ index, attempt: retry.attempt });
    ports.on.waiting(index, retry, holdUntil);
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
          wake();
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
      if (driving) wake();
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
