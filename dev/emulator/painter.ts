/**
 * Draws pictures on a few worker threads. Drawing and encoding a picture in pure JavaScript takes most of a
 * second at 1K; on the server's own thread concurrent requests were drawn one after another, so the last of four
 * variants answered well after the configured latency, while Google draws concurrent requests side by side.
 * Workers also keep the event loop free for the control endpoints and other requests while a 4K picture draws.
 *
 * Workers start on the first drawing (most emulator tests draw nothing) and idle ones are unref'd, so an
 * emulator nobody closes does not keep the process alive; close() ends them all.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerBundle } from '../support/worker-bundle';
import type { PaintResult } from './paint-worker';
import type { PictureSpec } from './synth';

const paintSource = workerBundle(new URL('./paint-worker.ts', import.meta.url));

interface Job {
  readonly spec: PictureSpec;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

export class Painter {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private closed = false;

  /**
   * At least two threads even on one core, so one large picture never holds up a small one entirely; more than
   * four buys nothing for the sidebar's four variants.
   */
  constructor(private readonly size = Math.min(4, Math.max(2, availableParallelism()))) {}

  /** The bytes renderPicture(spec) returns, drawn on a worker thread. */
  async draw(spec: PictureSpec): Promise<Uint8Array> {
    const source = await paintSource();
    if (this.closed) throw new Error('The emulator closed before the picture was drawn');
    return new Promise((resolve, reject) => {
      this.queue.push({ spec, resolve, reject });
      this.pump(source);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The emulator closed before the picture was drawn'));
    const workers = [...this.idle.splice(0), ...this.busy.keys()];
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
  }

  private pump(source: string): void {
    while (!this.closed && this.queue.length > 0) {
      const worker =
        this.idle.pop() ?? (this.idle.length + this.busy.size < this.size ? this.spawn(source) : undefined);
      const job = worker === undefined ? undefined : this.queue.shift();
      if (worker === undefined || job === undefined) return;
      this.busy.set(worker, job);
      // Kept alive while it draws: the request waiting for it may be the only thing left to do.
      worker.ref();
      worker.postMessage(job.spec);
    }
  }

  private spawn(source: string): Worker {
    const worker = new Worker(source, { eval: true });
    worker.on('message', (result: PaintResult) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      if (!this.closed) this.idle.push(worker);
      if ('bytes' in result) job?.resolve(result.bytes);
      else job?.reject(new Error(`Drawing failed: ${result.error}`));
      this.pump(source);
    });
    // A worker that dies (a crash, or close()) fails the picture it was drawing; the next job spawns a new one.
    const lost = (error?: Error) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.reject(error ?? new Error('The drawing thread exited'));
      if (!this.closed) this.pump(source);
    };
    worker.on('error', lost);
    worker.on('exit', () => lost());
    return worker;
  }
}
