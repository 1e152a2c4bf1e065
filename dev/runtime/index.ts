/**
 * A local Apps Script runtime for Peel's development and tests (never part of the bundle): runs the built
 * `dist/Code.js` under Apps Script's rules against emulated documents.
 *
 * Each `run` is one execution, as each google.script.run call, menu click or trigger is in Apps Script: a
 * worker thread no execution has used, with a fresh `vm` context, `Code.js` read from disk and evaluated whole,
 * then the top-level function called by name. The worker may have been started ahead of time (warm.ts), which
 * takes its ~40 ms start off the execution; it still serves this one execution only. Shared state (the World)
 * stays in this thread; the worker's services call back synchronously (see protocol.ts). Rules enforced here: google.script.run's naming, copying and 10-call
 * concurrency; the 6-minute execution limit (30 s for simple triggers); locks released when an execution ends;
 * the authorization mode of triggers.
 */

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { receiveMessageOnPort } from 'node:worker_threads';
import { HandleTable } from './host';
import { hostFactories } from './hosts';
import { DEFAULT_LATENCY_PROFILE, type LatencyProfile } from './latency-profile';
import { type PlatformCost, PlatformMeter, payloadBytes } from './platform-cost';
import type {
  CallReply,
  CallRequest,
  HandleDescriptor,
  ReturnMode,
  WorkerEvent,
  WorkerMessage,
  WorkerStart,
} from './protocol';
import type { AuthMode } from './services/auth';
import { FakeCacheService } from './services/cache';
import { SCOPE } from './services/consent';
import { driveRoutes } from './services/drive';
import { FakeHtmlService } from './services/html';
import { FakeLockService } from './services/lock';
import { ExecutionPropertiesService } from './services/property-stores';
import { FakeScriptApp, FakeSession } from './services/script';
import { DEFAULT_DEADLINE_MS, FakeUrlFetchApp, type FetchRecord, type UrlRewrite } from './services/url-fetch';
import { CodeCache, type Preparation, WarmWorkers } from './warm';
import { WireError, wireCopy } from './wire';
import { workerSource } from './worker-bundle';
import type { World } from './world';

export type { Cost, LatencyProfile } from './latency-profile';
export { DEFAULT_LATENCY_PROFILE } from './latency-profile';
export type { PlatformCost } from './platform-cost';
export type { DriveFileRecord, DriveJSON } from './services/drive';
export type { FetchRecord, UrlRewrite } from './services/url-fetch';
export { geminiRewrites } from './services/url-fetch';
export type { HostContext, UiLog, WorldJSON } from './world';
export { emptyUiLog, World } from './world';

/** Apps Script's limit per execution. */
export const DEFAULT_EXECUTION_LIMIT_MS = 360_000;
/** Simple triggers (onOpen, onInstall) get 30 seconds. */
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
/** google.script.run runs at most this many calls at once; the rest wait in the client. */
export const SCRIPT_RUN_CONCURRENCY = 10;
export const TIMEOUT_MESSAGE = 'Exceeded maximum execution time';
export const DEFAULT_USER = 'newcomer@example.com';
/** Idle workers kept ready: two, so a pair of calls (the sidebar opening) both start warm. */
export const DEFAULT_WARM_WORKERS = 2;

export interface RuntimeOptions {
  /** The build output: Code.js, the HTML files, appsscript.json. */
  distDir: string;
  world: World;
  /** Default 360000 (6 minutes). */
  executionLimitMs?: number;
  /** UrlFetchApp's per-request deadline; default 60000. */
  fetchDeadlineMs?: number;
  /** Prefix rewrites applied to UrlFetchApp URLs (see geminiRewrites). */
  urlRewrites?: UrlRewrite[];
  /** The user's email; default 'newcomer@example.com'. */
  user?: string;
  /** Refuse URLs outside the manifest's urlFetchWhitelist, as versioned deployments do. Default true. */
  enforceAllowlist?: boolean;
  /**
   * Workers kept booted ahead of time, each for one execution (default 2). 0 starts a worker per execution
   * when it begins, which adds the ~40 ms start to every execution (for comparison).
   */
  warmWorkers?: number;
  /**
   * Utilities.sleep takes the requested time × this (default 1, real time). A test that drives many retries
   * (the fault matrix) passes a small one: every backoff still happens, in order, without its seconds.
   */
  sleepScale?: number;
  /**
   * What the real platform would charge (latency-profile.ts). Every execution's record gets the modelled time
   * (`platform`) whatever this says; `sleep: true` also waits that long (each call's reply, the start and the
   * evaluation before the script runs), so a person at the workbench feels it. Default: the default profile,
   * no waiting, so tests run at the runtime's own speed.
   */
  platformLatency?: { profile?: LatencyProfile; sleep?: boolean };
  /**
   * Where ScriptApp's authorization URL points (default Google's host): the workbench serves its stand-in of the
   * consent page there, which grants what the person declined (services/consent.ts).
   */
  authorizationBase?: string | (() => string);
}

export type Trigger = 'script.run' | 'menu' | 'onOpen' | 'onInstall' | 'direct';

export interface ExecutionRecord {
  id: string;
  functionName: string;
  trigger: Trigger;
  authMode: AuthMode;
  user: string;
  /** Epoch ms when the execution started (after any wait for a google.script.run slot). */
  startedAt: number;
  /** Time spent waiting for one of the 10 google.script.run slots. */
  queuedMs: number;
  durationMs: number;
  /**
   * From the start until Code.js began evaluating (getting a worker, the services, compiling); null if it never
   * did. The rest of durationMs is the script's own time, including its service calls.
   */
  startupMs: number | null;
  /** Whether the execution got a worker started ahead of time ('warm') or had to start one ('cold'). */
  worker: 'warm' | 'cold' | null;
  status: 'ok' | 'error' | 'timeout';
  /** Remoted method calls per service global (handles count for the service they came from). */
  serviceCalls: Record<string, number>;
  /**
   * The platform time this execution would have taken on Google (latency-profile.ts): its start (the
   * google.script.run round trip or a trigger's start), evaluating Code.js, its service calls and the Google
   * services it reached over UrlFetchApp. Not the time it took here, and not a remote model's answer time.
   */
  platform: PlatformCost;
  fetches: FetchRecord[];
  logs: string[];
  /** `Name: message`, as Apps Script's execution log shows it. */
  error?: string;
}

export interface ExecutionResult {
  record: ExecutionRecord;
  /** The function's value: google.script.run's copy for 'script.run', undefined for triggers and menus. */
  value?: unknown;
  error?: { name: string; message: string };
}

export interface RunOptions {
  trigger?: Trigger;
  /** Default: LIMITED for onOpen, FULL otherwise. */
  authMode?: AuthMode;
  /** Run as another user than the runtime's. */
  user?: string;
  /**
   * This execution's limit instead of the runtime's: a test stops one script early without giving the others
   * (whose fresh worker may still be booting on a loaded machine) a limit they can meet only by timing.
   */
  executionLimitMs?: number;
}

interface Manifest {
  urlFetchWhitelist?: string[];
  oauthScopes?: string[];
  timeZone?: string;
}

function authorizationBase(option: RuntimeOptions['authorizationBase']): string {
  return (typeof option === 'function' ? option() : option) ?? 'https://script.google.com';
}

/** Code caches are per Code.js text and the same for every Runtime, so one cache serves the process. */
const codeCache = new CodeCache();

type Outcome =
  | { kind: 'done'; event: Extract<WorkerEvent, { type: 'done' }> }
  | { kind: 'timeout' }
  | { kind: 'crash'; message: string };

/** FIFO slots: the 11th google.script.run call waits for one of the first ten to finish. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

function defaultAuthMode(trigger: Trigger): AuthMode {
  return trigger === 'onOpen' ? 'LIMITED' : 'FULL';
}

function returnMode(trigger: Trigger): ReturnMode {
  if (trigger === 'script.run') return 'wire';
  if (trigger === 'direct') return 'lenient';
  return 'ignore';
}

export class Runtime {
  private readonly records: ExecutionRecord[] = [];
  private readonly listeners = new Set<(record: ExecutionRecord) => void>();
  private readonly slots = new Slots(SCRIPT_RUN_CONCURRENCY);
  /** Stops for the executions under way. */
  private readonly running = new Map<string, () => void>();
  private readonly inflight = new Set<Promise<ExecutionResult>>();
  private readonly workers: WarmWorkers;
  /** The last execution's Code.js and service globals, which warm workers prepare. */
  private preparation: Preparation | null = null;
  private readonly runtimeId = randomUUID().slice(0, 8);
  private counter = 0;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    this.workers = new WarmWorkers(options.warmWorkers ?? DEFAULT_WARM_WORKERS, workerSource, () => this.preparation);
  }

  get world(): World {
    return this.options.world;
  }

  get executions(): readonly ExecutionRecord[] {
    return this.records;
  }

  /** Called after every execution; returns the unsubscribe function. */
  onExecution(listener: (record: ExecutionRecord) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async run(functionName: string, args: unknown[] = [], options: RunOptions = {}): Promise<ExecutionResult> {
    if (this.closed) throw new Error('This Runtime is closed.');
    const trigger = options.trigger ?? 'direct';
    const queued = performance.now();
    const release = trigger === 'script.run' ? await this.slots.acquire() : () => {};
    if (this.closed) {
      release();
      throw new Error('This Runtime is closed.');
    }
    const execution = this.execute(functionName, args, trigger, options, performance.now() - queued);
    this.inflight.add(execution);
    try {
      return await execution;
    } finally {
      this.inflight.delete(execution);
      release();
    }
  }

  /** Stops running executions (they fail) and refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of [...this.running.values()]) stop();
    await Promise.allSettled([...this.inflight]);
    await this.workers.close();
  }

  private async execute(
    functionName: string,
    args: unknown[],
    trigger: Trigger,
    options: RunOptions,
    queuedMs: number,
  ): Promise<ExecutionResult> {
    const authMode = options.authMode ?? defaultAuthMode(trigger);
    const meter = new PlatformMeter(this.options.platformLatency?.profile ?? DEFAULT_LATENCY_PROFILE);
    const record: ExecutionRecord = {
      id: `${this.runtimeId}-${++this.counter}`,
      functionName,
      trigger,
      authMode,
      user: options.user ?? this.options.user ?? DEFAULT_USER,
      startedAt: Date.now(),
      queuedMs: Math.round(queuedMs),
      durationMs: 0,
      startupMs: null,
      worker: null,
      status: 'ok',
      serviceCalls: {},
      platform: meter.cost,
      fetches: [],
      logs: [],
    };
    const started = performance.now();
    let result: ExecutionResult;
    try {
      result = await this.launch(record, meter, args, started, options.executionLimitMs);
    } catch (error) {
      // The runtime itself failed (no Code.js, a broken host fake): still an execution on the record.
      const message = error instanceof Error ? error.message : String(error);
      result = this.fail(record, 'error', { name: 'Error', message: `runtime: ${message}` });
    }
    record.durationMs = Math.round(performance.now() - started);
    this.records.push(record);
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (error) {
        console.error('Runtime execution listener failed:', error);
      }
    }
    return result;
  }

  private fail(
    record: ExecutionRecord,
    status: 'error' | 'timeout',
    error: { name: string; message: string },
  ): ExecutionResult {
    record.status = status;
    record.error = `${error.name}: ${error.message}`;
    return { record, error };
  }

  private async launch(
    record: ExecutionRecord,
    meter: PlatformMeter,
    rawArgs: unknown[],
    started: number,
    executionLimitMs?: number,
  ): Promise<ExecutionResult> {
    const { trigger, authMode, user } = record;
    let args = rawArgs;
    if (trigger === 'script.run') {
      try {
        args = wireCopy(rawArgs) as unknown[];
      } catch (error) {
        // google.script.run refuses such arguments in the client: the server function never starts.
        if (error instanceof WireError) return this.fail(record, 'error', { name: 'Error', message: error.message });
        throw error;
      }
    } else if (args.length === 0 && (trigger === 'onOpen' || trigger === 'onInstall')) {
      args = [{ authMode }];
    }

    const distDir = this.options.distDir;
    // Read for every execution, so a rebuild is picked up by the next one. Synchronously: a read of ~200 KB
    // blocks this thread for a fraction of a millisecond, while fs/promises' open, stat, read and close each
    // wait for a thread-pool turn, about a millisecond more per execution.
    const code = readCode(path.join(distDir, 'Code.js'));
    const manifest = readManifest(distDir);
    const hosts = await hostFactories();

    const world = this.options.world;
    const documentId = world.document?.id ?? null;
    const abort = new AbortController();
    const count = (service: string) => {
      record.serviceCalls[service] = (record.serviceCalls[service] ?? 0) + 1;
    };
    // The remote call under way: the worker waits for each reply, so there is at most one.
    let calling: { service: string; method: string } | null = null;
    const table = new HandleTable(
      (service, method) => {
        count(service);
        calling = { service, method };
      },
      (error) => {
        record.logs.push(`RUNTIME ${error.stack ?? error.message}`);
      },
    );
    const sleep = this.options.platformLatency?.sleep === true;
    /** Charges a remote call once it answered (the per-KB figures need its result), and any Drive it reached. */
    const charged = async (request: CallRequest, answer: CallReply, fetchesBefore: number): Promise<CallReply> => {
      let ms = 0;
      const call = calling;
      if (call) {
        ms += meter.call(
          call.service,
          call.method,
          () => payloadBytes(request.args) + (answer.ok ? payloadBytes(answer.value) : 0),
        );
      }
      for (const fetch of record.fetches.slice(fetchesBefore)) ms += meter.remote(fetch);
      if (sleep && ms > 0) await delay(ms);
      return answer;
    };
    const ctx = world.hostContext(authMode);
    // The user's fake token (ScriptApp.getOAuthToken) opens their Drive in the stand-in.
    world.drive.signIn(user);
    const identity = {
      scriptId: world.scriptId,
      user,
      authMode,
      timeZone: manifest.timeZone ?? 'Etc/UTC',
      scopes: manifest.oauthScopes ?? [],
      granted: (scope: string) => world.consent.granted(user, scope),
      authorizationBase: authorizationBase(this.options.authorizationBase),
      locale: world.locales.get(user) ?? 'en',
    };
    const services: Record<string, object> = {
      SlidesApp: hosts.slides(ctx),
      DocumentApp: hosts.docs(ctx),
      PropertiesService: new ExecutionPropertiesService({ stores: world.properties, documentId, user, authMode }),
      LockService: new FakeLockService({ table: world.locks, owner: record.id, documentId, user, authMode }),
      CacheService: new FakeCacheService({ store: world.cache, documentId, user, authMode }),
      UrlFetchApp: new FakeUrlFetchApp({
        authMode,
        deadlineMs: this.options.fetchDeadlineMs ?? DEFAULT_DEADLINE_MS,
        rewrites: this.options.urlRewrites ?? [],
        routes: driveRoutes(world.drive),
        allowlist: this.options.enforceAllowlist === false ? null : (manifest.urlFetchWhitelist ?? null),
        signal: abort.signal,
        scriptId: world.scriptId,
        record: (fetch) => record.fetches.push(fetch),
        externalRequestGranted: world.consent.granted(user, SCOPE.externalRequest),
      }),
      HtmlService: new FakeHtmlService(distDir),
      ScriptApp: new FakeScriptApp(identity),
      Session: new FakeSession(identity),
    };
    const globals: Record<string, HandleDescriptor> = {};
    for (const [name, service] of Object.entries(services)) globals[name] = table.root(name, service);

    const cached = codeCache.get(code);
    const globalsKey = JSON.stringify(globals);
    // What the workers spawned from now on get to prepare: this execution's text and globals.
    this.preparation = {
      message: { type: 'prepare', code, codeCache: cached, globals },
      globalsKey,
    };
    const { worker, port: port1, flag, warm, prepared } = await this.workers.take();
    record.worker = warm ? 'warm' : 'cold';
    // Compared with what the worker prepared: the text read from disk now is the one that runs.
    const codeReady = prepared?.message.code === code;
    const start: WorkerStart = {
      type: 'start',
      code: codeReady ? null : code,
      codeCache: codeReady ? null : cached,
      wantCodeCache: cached === null,
      functionName: record.functionName,
      args,
      privateNamesCallable: trigger !== 'script.run',
      returnMode: returnMode(trigger),
      sleepScale: this.options.sleepScale ?? 1,
      globals: prepared?.globalsKey === globalsKey ? null : globals,
    };
    const flagView = new Int32Array(flag);
    // Apps Script starts an execution and evaluates the whole of Code.js before the function runs.
    const startMs = meter.start(trigger === 'script.run' ? 'script.run' : 'server') + meter.evaluate(code.length);
    if (sleep) await delay(startMs);
    try {
      worker.postMessage(start);
    } catch (error) {
      // Arguments structured cloning cannot carry (a function passed to a direct run). The worker got nothing,
      // but it is not put back: a worker handed to an execution is never handed out again.
      port1.close();
      this.workers.retire(worker);
      throw error;
    }
    const simpleTrigger = trigger === 'onOpen' || trigger === 'onInstall';
    const limitMs = Math.min(
      executionLimitMs ?? this.options.executionLimitMs ?? DEFAULT_EXECUTION_LIMIT_MS,
      simpleTrigger ? SIMPLE_TRIGGER_LIMIT_MS : Number.POSITIVE_INFINITY,
    );

    const outcome = await new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (o: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.running.delete(record.id);
        resolve(o);
      };
      const timer = setTimeout(() => settle({ kind: 'timeout' }), limitMs);
      this.running.set(record.id, () => settle({ kind: 'crash', message: 'runtime: the Runtime was closed' }));

      const reply = (message: CallReply) => {
        if (settled) return;
        try {
          port1.postMessage(message);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          port1.postMessage({ ok: false, error: { name: 'Exception', message: `runtime: ${text}` } });
        }
        Atomics.store(flagView, 0, 1);
        Atomics.notify(flagView, 0);
      };
      const handle = (message: WorkerMessage) => {
        this.workers.activity();
        switch (message.type) {
          case 'call': {
            calling = null;
            const fetchesBefore = record.fetches.length;
            table
              .dispatch(message)
              .then((answer) => charged(message, answer, fetchesBefore))
              .then(reply, (error: unknown) =>
                reply({ ok: false, error: { name: 'Exception', message: `runtime: ${String(error)}` } }),
              );
            break;
          }
          case 'log':
            record.logs.push(message.line);
            break;
          case 'count':
            count(message.service);
            meter.call(message.service, message.method, () => message.bytes);
            break;
          case 'started':
            record.startupMs = Math.round(performance.now() - started);
            this.workers.replenish();
            break;
          case 'code-cache':
            codeCache.set(code, message.data);
            if (this.preparation?.message.code === code) {
              this.preparation = {
                ...this.preparation,
                message: { ...this.preparation.message, codeCache: message.data },
              };
            }
            break;
          case 'done':
            settle({ kind: 'done', event: message });
            break;
        }
      };
      port1.on('message', handle);
      worker.on('error', (error) => settle({ kind: 'crash', message: `runtime: worker failed: ${error.message}` }));
      worker.on('exit', (code) => {
        // Messages posted just before the worker ended may not have been delivered yet.
        for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
          handle(m.message as WorkerMessage);
        }
        settle({ kind: 'crash', message: `runtime: the worker exited (code ${code}) without finishing` });
      });
    });

    // However the execution ended: its requests stop, its locks and handles go.
    abort.abort(new Error('execution ended'));
    world.locks.releaseAll(record.id);
    table.close();
    port1.close();
    // For executions that never got as far as 'started' (a syntax error, a crash); a no-op when the pool is full.
    this.workers.replenish();
    if (outcome.kind === 'done') {
      // The script has finished: the answer need not wait for its thread to end (warm.ts ends it when quiet).
      this.workers.retire(worker);
    } else {
      // A timed-out or stopped script may still be running: it must be gone before the execution is over.
      await worker.terminate();
    }

    switch (outcome.kind) {
      case 'timeout':
        return this.fail(record, 'timeout', { name: 'Exception', message: TIMEOUT_MESSAGE });
      case 'crash':
        return this.fail(record, 'error', { name: 'Error', message: outcome.message });
      default: {
        const event = outcome.event;
        if (event.ok) return { record, value: event.value };
        record.logs.push(`ERROR ${scriptTrace(event.error)}`);
        return this.fail(record, 'error', { name: event.error.name, message: event.error.message });
      }
    }
  }
}

/** The error as Apps Script's log shows it: its name and message, then only the script's own frames. */
function scriptTrace(error: { name: string; message: string; stack?: string }): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => line.includes('Code.js'));
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}

/** The last Code.js read: its path, its bytes and their text. */
let lastCode: { readonly file: string; readonly bytes: Buffer; readonly text: string } | null = null;

/**
 * Code.js's text, from bytes read now. When they are the bytes the last execution read, its text is reused:
 * decoding ~200 KB of UTF-8 took about a millisecond of every execution, comparing the bytes takes microseconds.
 * Compared whole, never by size or mtime, as the code cache is (warm.ts): a rebuild within the same second that
 * changes one digit must run.
 */
function readCode(file: string): string {
  const bytes = readFileSync(file);
  if (lastCode?.file === file && lastCode.bytes.equals(bytes)) return lastCode.text;
  const text = bytes.toString('utf8');
  lastCode = { file, bytes, text };
  return text;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readManifest(distDir: string): Manifest {
  try {
    return JSON.parse(readFileSync(path.join(distDir, 'appsscript.json'), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return {};
    throw error;
  }
}
