/**
 * What makes an execution cheap to start without making it less fresh.
 *
 * Starting a worker thread and evaluating the worker bundle costs about 40 ms, which dominated an execution's
 * overhead. None of it depends on the execution, so `WarmWorkers` keeps a few workers spawned ahead of time
 * (booted, their new context prepared) and hands each to exactly one execution, spawning a replacement in the
 * background. A worker that has run an execution is never handed out again, however the execution ended;
 * idle workers are only ever ones that have run nothing.
 *
 * A warm worker is also sent what the last execution used (Code.js text, service globals) to compile and build
 * ahead, unused until its execution's start message says they are still current (see WorkerPrepare).
 *
 * `CodeCache` keeps V8's code cache per Code.js text: compiling is the same for every context, so an
 * execution may skip it, while evaluating the compiled script still happens in each execution's new context.
 * It is keyed by the whole text, never by path or mtime: V8 accepts a cache for any source of the same length,
 * and a rebuild that changes one digit must not run the old code.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { WorkerBoot, WorkerPrepare } from './protocol';

/** A worker that has not run anything yet, with the channel its execution will use. */
export interface Spare {
  readonly worker: Worker;
  /** The main thread's end of the execution's channel. */
  readonly port: MessagePort;
  /** Int32Array over it: [0] is the reply flag. */
  readonly flag: SharedArrayBuffer;
  /** Spawned ahead of time (true) or for this execution (false). */
  readonly warm: boolean;
  /** What the worker was sent to prepare, if anything. */
  readonly prepared: Preparation | null;
}

/** A WorkerPrepare and the key its service globals were serialized to, for comparing with an execution's. */
export interface Preparation {
  readonly message: WorkerPrepare;
  readonly globalsKey: string;
}

interface Idle {
  readonly spare: Spare;
  /** Drops the spare from the pool if it dies while idle. */
  readonly forget: () => void;
}

export class WarmWorkers {
  private readonly idle: Idle[] = [];
  private closed = false;
  /** The worker bundle, once a take() has had it: replenishing then needs no await. */
  private known: string | null = null;

  /**
   * `size` idle workers are kept once the first execution asked for one; 0 spawns a worker per execution, as
   * the runtime used to (kept for comparison).
   */
  constructor(
    private readonly size: number,
    private readonly source: () => Promise<string>,
    /** What the next execution will probably use: the last one's Code.js and globals (null before any). */
    private readonly preparation: () => Preparation | null,
  ) {}

  /**
   * A worker no execution has used: an idle warm one if there is one, else a new one. The caller calls
   * replenish() once its execution has started.
   */
  async take(): Promise<Spare> {
    const source = await this.source();
    this.known = source;
    const idle = this.idle.shift();
    if (!idle) return spawn(source, false, null);
    idle.forget();
    // From now on the execution owns it and keeps the process alive while it runs.
    idle.spare.worker.ref();
    return idle.spare;
  }

  /** Ends the idle workers; executions already under way keep theirs. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    for (const { forget, spare } of idle) {
      forget();
      spare.port.close();
    }
    await Promise.allSettled(idle.map(({ spare }) => spare.worker.terminate()));
  }

  /**
   * Spawns replacements up to the pool's size, at once. Called once an execution has started rather than when
   * it takes its worker: a cold execution's own boot then does not share two cores with its replacements', and
   * the spawns land while the script runs (mostly blocked on services).
   *
   * At once, not on a later turn: on a loaded machine the worker's 'started' and 'done' can reach the main
   * thread together, and the next execution then takes its worker in the same turn; a refill deferred with
   * setImmediate came after it, and that execution started cold (the warm-worker test failed 2 runs in 5).
   */
  replenish(): void {
    if (this.closed || this.size <= 0) return;
    if (this.known !== null) {
      this.fill(this.known);
      return;
    }
    this.source().then(
      (source) => this.fill(source),
      () => undefined, // The next take reports why.
    );
  }

  private fill(source: string): void {
    while (!this.closed && this.idle.length < this.size) {
      this.idle.push(this.keep(spawn(source, true, this.preparation())));
    }
  }

  private keep(spare: Spare): Idle {
    // An idle worker must not keep the process alive (a Runtime nobody closes, a test that ends).
    spare.worker.unref();
    const idle = this.idle;
    // A worker that fails to boot is dropped, not respawned here: a broken bundle would otherwise spawn forever.
    function drop(): void {
      const at = idle.findIndex((entry) => entry.spare === spare);
      if (at >= 0) idle.splice(at, 1);
      forget();
      spare.port.close();
    }
    function forget(): void {
      spare.worker.off('error', drop);
      spare.worker.off('exit', drop);
    }
    spare.worker.on('error', drop);
    spare.worker.on('exit', drop);
    return { spare, forget };
  }
}

function spawn(source: string, warm: boolean, ahead: Preparation | null): Spare {
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const boot: WorkerBoot = { flag, port: port2 };
  const worker = new Worker(source, { eval: true, workerData: boot, transferList: [port2], stdout: false });
  // Queued until the worker has booted and listens; plain data, so it cannot fail to clone.
  if (ahead) worker.postMessage(ahead.message);
  return { worker, port: port1, flag, warm, prepared: ahead };
}

/** V8 code caches by Code.js text; a few texts (the workbench rebuilds, tests use many tiny projects). */
export class CodeCache {
  private readonly entries = new Map<string, Uint8Array>();

  constructor(private readonly limit = 4) {}

  get(code: string): Uint8Array | null {
    return this.entries.get(code) ?? null;
  }

  set(code: string, data: Uint8Array): void {
    this.entries.delete(code);
    this.entries.set(code, data);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
