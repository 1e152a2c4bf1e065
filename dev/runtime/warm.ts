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
 * ahead, unused until its execution's start message says they are still current (see WorkerPrepare). It then
 * runs the runtime's own Byte[] conversions once on throwaway bytes, so a picture's megabytes meet optimized
 * loops rather than cold ones (worker.ts, warmConversions).
 *
 * Booting a replacement takes ~80 ms of CPU, and ending a used worker's thread takes some too. While spares are
 * left, both wait for a quiet moment (no execution has said anything for QUIET_MS: they are waiting on a fetch, or
 * none is running), so they do not compete for the cores with executions running their script. An empty pool is
 * refilled at once, and past MAX_RETIRING used workers the oldest is ended at once, so memory stays bounded.
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

/**
 * How long no execution may have posted anything before spares are started in the background. An execution
 * running its script posts every service call (a few per millisecond); one waiting on UrlFetchApp posts nothing
 * for the fetch's whole time, and that is when the CPU is free.
 */
export const QUIET_MS = 50;
/** Used workers kept until a quiet moment; each holds its execution's heap. */
export const MAX_RETIRING = 4;

interface Idle {
  readonly spare: Spare;
  /** Drops the spare from the pool if it dies while idle. */
  readonly forget: () => void;
}

export class WarmWorkers {
  private readonly idle: Idle[] = [];
  private closed = false;
  /** Set when a refill or a retired worker waits for a quiet moment (see activity()). */
  private quiet: NodeJS.Timeout | null = null;
  private refillWhenQuiet = false;
  /** Workers whose execution is over, ended at the next quiet moment. */
  private readonly retiring: Worker[] = [];
  /** Their endings under way, which close() waits for. */
  private readonly ending = new Set<Promise<unknown>>();
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

  /** Workers waiting for an execution, and used ones waiting to be ended (for tests). */
  get counts(): { readonly idle: number; readonly retiring: number } {
    return { idle: this.idle.length, retiring: this.retiring.length };
  }

  /**
   * A worker no execution has used: an idle warm one if there is one, else a new one. The caller calls
   * replenish() once its execution has started; taking the last spare refills at once, so an execution that
   * comes before this one's start (concurrent calls, a job's items) does not find the pool empty.
   */
  async take(): Promise<Spare> {
    const source = await this.source();
    this.known = source;
    const idle = this.idle.shift();
    if (!idle) return spawn(source, false, null);
    idle.forget();
    // From now on the execution owns it and keeps the process alive while it runs.
    idle.spare.worker.ref();
    if (this.idle.length === 0) this.refill();
    return idle.spare;
  }

  /** Ends the idle and retired workers; executions already under way keep theirs. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = null;
    const idle = this.idle.splice(0);
    for (const { forget, spare } of idle) {
      forget();
      spare.port.close();
    }
    this.endRetired();
    await Promise.allSettled([...idle.map(({ spare }) => spare.worker.terminate()), ...this.ending]);
  }

  /**
   * Brings the pool back to its size: at once when it is empty, else once the executions are quiet. Called once
   * an execution has started rather than when it takes its worker: a cold execution's own boot then does not
   * share two cores with its replacements'.
   *
   * An empty pool is refilled at once, not on a later turn: on a loaded machine the worker's 'started' and
   * 'done' can reach the main thread together, and the next execution then takes its worker in the same turn; a
   * refill deferred with setImmediate came after it, and that execution started cold (the warm-worker test
   * failed 2 runs in 5).
   */
  replenish(): void {
    if (this.closed || this.size <= 0 || this.idle.length >= this.size) return;
    if (this.idle.length === 0) {
      this.refill();
      return;
    }
    this.refillWhenQuiet = true;
    this.waitForQuiet();
  }

  /**
   * A worker whose execution has finished: it is never handed out again, and its thread is ended at the next
   * quiet moment (at once when closed, or for the oldest past MAX_RETIRING).
   */
  retire(worker: Worker): void {
    // Waiting to be ended must not keep the process alive.
    worker.unref();
    if (this.closed) {
      this.end(worker);
      return;
    }
    this.retiring.push(worker);
    while (this.retiring.length > MAX_RETIRING) this.end(this.retiring.shift() as Worker);
    this.waitForQuiet();
  }

  /** An execution posted something (a call, a log, its start or end): what waits for a quiet moment waits on. */
  activity(): void {
    this.quiet?.refresh();
  }

  private waitForQuiet(): void {
    if (this.quiet || this.closed) return;
    this.quiet = setTimeout(() => {
      this.quiet = null;
      this.endRetired();
      if (this.refillWhenQuiet) this.refill();
    }, QUIET_MS);
    // Nobody waits for it: it must not keep the process alive.
    this.quiet.unref();
  }

  private endRetired(): void {
    for (const worker of this.retiring.splice(0)) this.end(worker);
  }

  private end(worker: Worker): void {
    const ended = worker.terminate().catch(() => undefined);
    this.ending.add(ended);
    void ended.finally(() => this.ending.delete(ended));
  }

  private refill(): void {
    this.refillWhenQuiet = false;
    if (this.closed) return;
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
