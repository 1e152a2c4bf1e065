/**
 * One Apps Script execution, inside its own worker thread (bundled by worker-bundle.ts and started by Runtime).
 *
 * The script runs in a fresh `vm` context that holds only what Apps Script's V8 offers: the ECMAScript
 * built-ins and the service globals. Services whose state lives in the main thread are facades whose methods
 * make synchronous calls over the message port (see protocol.ts); Utilities, Logger, console, MimeType and
 * Blob are computed here, since they share no state.
 *
 * Every object and function the script can reach is created inside its context (through the small bridge
 * compiled there), so `e instanceof Error`, `x instanceof Array` and other prototype checks in the bundle
 * behave as they do in Apps Script.
 *
 * A worker may be spawned ahead of time and wait in the Runtime's pool (see warm.ts): everything up to the
 * context with its local globals is prepared at boot, since none of it depends on the execution; a
 * `WorkerPrepare` may then have it compile the likely Code.js and build the likely service facades; then
 * exactly one `WorkerStart` arrives, and the worker runs it and ends. The context is therefore still new for
 * every execution, nothing is installed in it before the execution starts, and Code.js is evaluated whole in
 * it every time.
 */
import { format, inspect } from 'node:util';
import vm from 'node:vm';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { payloadBytes } from './platform-cost';
import type {
  CallReply,
  ErrorInfo,
  HandleDescriptor,
  WorkerBoot,
  WorkerEvent,
  WorkerPrepare,
  WorkerStart,
} from './protocol';
import { isHandleDescriptor } from './protocol';
import { FakeBlob, type FakeBlobApi, setByteArrayBuilder, toSignedBytes } from './services/blob';
import { MIME_TYPE } from './services/mime';
import { FakeUtilities, ScriptException } from './services/utilities';
import { wireCopy } from './wire';

const boot = workerData as WorkerBoot;
const flag = new Int32Array(boot.flag);
const port = boot.port;

function post(event: WorkerEvent): void {
  port.postMessage(event);
}

/** A call the script waits for: the main thread may take its time (an HTTP request, a lock). */
function rpc(handle: number, method: string, args: readonly unknown[]): CallReply {
  Atomics.store(flag, 0, 0);
  port.postMessage({ type: 'call', handle, method, args });
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0);
  const reply = receiveMessageOnPort(port);
  if (!reply) throw new Error('runtime: the main thread signalled a reply but none arrived');
  return reply.message as CallReply;
}

function errorInfo(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(error),
      ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

// ---------------------------------------------------------------------------------------------------------
// The script's context

const context = vm.createContext({}, { name: 'Apps Script execution', codeGeneration: { strings: true, wasm: true } });
// A fresh context starts with V8's own console (which writes to the inspector); Apps Script has its own.
vm.runInContext('delete globalThis.console;', context);

type Impl = (args: unknown[]) => { value: unknown } | { error: ErrorInfo };

interface Bridge {
  readonly Object: ObjectConstructor;
  readonly Array: ArrayConstructor;
  readonly Date: DateConstructor;
  readonly Uint8Array: Uint8ArrayConstructor;
  method(name: string, impl: Impl): (...args: unknown[]) => unknown;
  freeze<T>(value: T): T;
  /** A copy in the script's realm of an array of primitives; null if it holds an object. */
  copyFlat(source: ArrayLike<unknown>): unknown[] | null;
  /** A Byte[] in the script's realm, of the signed bytes at `offset` in `buffer`. */
  bytes(buffer: ArrayBufferLike, offset: number, length: number): number[];
}

/**
 * Compiled inside the context, so the functions it makes and the errors it throws belong to the script's
 * realm. A service error becomes an `Error` named `Exception`, as Apps Script's do (`String(e)` reads
 * "Exception: …").
 */
const bridge = vm.runInContext(
  `(() => {
    'use strict';
    const fail = (info) => {
      const error = new Error(info.message);
      error.name = info.name;
      throw error;
    };
    return {
      Object, Array, Date, Uint8Array,
      method(name, impl) {
        const holder = {
          [name](...args) {
            const result = impl(args);
            if (result.error) fail(result.error);
            return result.value;
          },
        };
        return holder[name];
      },
      freeze: (value) => Object.freeze(value),
      copyFlat(source) {
        const out = new Array(source.length);
        for (let i = 0; i < source.length; i++) {
          const item = source[i];
          if (typeof item === 'object' && item !== null) return null;
          out[i] = item;
        }
        return out;
      },
      // The view is made here: reading another realm's typed array element by element took twice as long.
      bytes(buffer, offset, length) {
        const source = new Int8Array(buffer, offset, length);
        const out = new Array(length);
        for (let i = 0; i < length; i++) out[i] = source[i];
        return out;
      },
    };
  })()`,
  context,
  { filename: 'apps-script-runtime' },
) as Bridge;

/**
 * Byte[] results of the services in this thread (base64Decode, getBytes, digests) are built in the script's
 * realm at once, instead of in this realm and then copied. Each such array is new, made for one return value,
 * so importValue hands it over as it is (once).
 */
const realmByteArrays = new WeakSet<object>();
setByteArrayBuilder((signed) => {
  const bytes = bridge.bytes(signed.buffer, signed.byteOffset, signed.length);
  realmByteArrays.add(bytes);
  return bytes;
});

type Target =
  | { readonly kind: 'remote'; readonly id: number }
  | { readonly kind: 'blob'; readonly blob: FakeBlob }
  | { readonly kind: 'local'; readonly object: object };

/** Facade → what it stands for. */
const targets = new WeakMap<object, Target>();
const remoteFacades = new Map<number, object>();
/** Local object (FakeBlob, Utilities, Logger) → its facade, so a method returning `this` returns the facade. */
const localFacades = new WeakMap<object, object>();

function methodNames(object: object): string[] {
  const names = new Set<string>();
  let proto: unknown = Object.getPrototypeOf(object);
  while (proto && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (key !== 'constructor' && !key.startsWith('_') && typeof d?.value === 'function') names.add(key);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return [...names];
}

function remoteFacade(desc: HandleDescriptor): object {
  const known = remoteFacades.get(desc.__handle);
  if (known) return known;
  const facade = new bridge.Object() as Record<string, unknown>;
  for (const name of desc.methods) {
    facade[name] = bridge.method(name, (args) => callRemote(desc.__handle, name, args));
  }
  for (const [key, value] of Object.entries(desc.props)) facade[key] = importValue(value);
  targets.set(facade, { kind: 'remote', id: desc.__handle });
  remoteFacades.set(desc.__handle, facade);
  return facade;
}

/** A facade over an object that lives in this thread; `service` names it in the record's call counts. */
function localFacade(
  object: object,
  service: string | null,
  target: Target = { kind: 'local', object },
  names: readonly string[] = methodNames(object),
): object {
  const known = localFacades.get(object);
  if (known) return known;
  const facade = new bridge.Object() as Record<string, unknown>;
  const record = object as Record<string, unknown>;
  for (const name of names) {
    facade[name] = bridge.method(name, (args) => {
      let local: unknown[] = [];
      let result: unknown;
      try {
        local = args.map(exportLocal);
        const fn = record[name] as (...a: unknown[]) => unknown;
        result = fn.apply(object, local);
      } catch (error) {
        if (service) post({ type: 'count', service, method: name, bytes: payloadBytes(local) });
        return { error: errorInfo(error) };
      }
      if (service) post({ type: 'count', service, method: name, bytes: payloadBytes(local) + payloadBytes(result) });
      return { value: importValue(result) };
    });
  }
  for (const key of Object.keys(object)) {
    if (/^[A-Z]/.test(key)) facade[key] = bridge.freeze(importValue(record[key]));
  }
  targets.set(facade, target);
  localFacades.set(object, facade);
  return facade;
}

/** Apps Script's Blob methods; FakeBlob's own helpers (toData, rawBytes) stay out of the script's reach. */
const BLOB_METHODS: readonly (keyof FakeBlobApi)[] = [
  'copyBlob',
  'getAs',
  'getBlob',
  'getBytes',
  'getContentType',
  'getDataAsString',
  'getName',
  'isGoogleType',
  'setBytes',
  'setContentType',
  'setDataFromString',
  'setName',
];

/** Blobs are values: their methods run here and are not counted as service calls. */
function blobFacade(blob: FakeBlob): object {
  return localFacade(blob, null, { kind: 'blob', blob }, BLOB_METHODS);
}

function callRemote(handle: number, method: string, args: unknown[]): { value: unknown } | { error: ErrorInfo } {
  let reply: CallReply;
  try {
    reply = rpc(handle, method, args.map(exportRemote));
  } catch (error) {
    return { error: errorInfo(error) };
  }
  return reply.ok ? { value: importValue(reply.value) } : { error: reply.error };
}

/** True for arrays holding only primitives: copied in one step (a Byte[] of an image has millions). */
function flat(array: readonly unknown[]): boolean {
  for (const item of array) if (typeof item === 'object' && item !== null) return false;
  return true;
}

/** A value from this thread or the main thread, rebuilt inside the script's realm. */
function importValue(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof FakeBlob) return blobFacade(value);
  const local = localFacades.get(value);
  if (local) return local;
  if (isHandleDescriptor(value)) return remoteFacade(value);
  if (FakeBlob.isData(value)) return blobFacade(FakeBlob.fromData(value));
  if (Array.isArray(value)) {
    if (realmByteArrays.delete(value)) return value;
    const copy = bridge.copyFlat(value);
    if (copy) return copy;
    const out = new bridge.Array();
    for (const item of value) out.push(importValue(item));
    return out;
  }
  if (value instanceof Date) return new bridge.Date(value.getTime());
  if (value instanceof Uint8Array) return bridge.Uint8Array.from(value);
  const out = new bridge.Object() as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    // Defined, not assigned: an own "__proto__" key from the sidebar stays a key, as in Apps Script.
    Object.defineProperty(out, key, { value: importValue(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isDate(value: object): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** An argument for a main-thread service: facades become references, Blobs travel as data. */
function exportRemote(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw new ScriptException(`Invalid argument: ${typeof value} values cannot be passed to Apps Script services`);
  }
  const object = value as object;
  const target = targets.get(object);
  if (target?.kind === 'remote') return { __ref: target.id };
  if (target?.kind === 'blob') return target.blob.toData();
  if (target) throw new ScriptException('Invalid argument: this object cannot be passed to Apps Script services');
  // Structured cloning copies arrays of any realm, so a Byte[] goes as it is.
  if (Array.isArray(object)) return flat(object) ? object : object.map(exportRemote);
  if (isDate(object)) return new Date(object.getTime());
  if (ArrayBuffer.isView(object)) return new Uint8Array(object.buffer.slice(0));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) out[key] = exportRemote((object as Record<string, unknown>)[key]);
  return out;
}

/** An argument for a service in this thread: only facades need unwrapping, arrays are read in place. */
function exportLocal(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const target = targets.get(value);
  if (!target) return value;
  if (target.kind === 'blob') return target.blob;
  if (target.kind === 'local') return target.object;
  throw new ScriptException('Invalid argument: this object cannot be passed here');
}

/** For `direct` runs (tests): anything structured-clone can carry, Blobs as data, service objects named. */
function lenientCopy(value: unknown, seen = new Set<object>()): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  const target = targets.get(value);
  if (target?.kind === 'blob') return target.blob.toData();
  if (target) return '[Apps Script object]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => lenientCopy(item, seen));
  if (isDate(value)) return new Date(value.getTime());
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(0));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = lenientCopy((value as Record<string, unknown>)[key], seen);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Local services

function render(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 6, breakLength: Number.POSITIVE_INFINITY });
}

function line(args: readonly unknown[]): string {
  const [first, ...rest] = args;
  return typeof first === 'string' && rest.length > 0 ? format(first, ...rest) : args.map(render).join(' ');
}

class FakeLogger implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'clear' | 'getLog'> {
  private lines: string[] = [];

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const text = line([data, ...values]);
    this.lines.push(text);
    post({ type: 'log', line: `INFO ${text}` });
    return this as unknown as GoogleAppsScript.Base.Logger;
  }

  clear(): void {
    this.lines = [];
  }

  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

function makeConsole(): object {
  const out = new bridge.Object() as Record<string, unknown>;
  const timers = new Map<string, number>();
  const level = (name: string, tag: string) =>
    bridge.method(name, (args) => {
      post({ type: 'log', line: `${tag} ${line(args)}` });
      return { value: undefined };
    });
  out.log = level('log', 'INFO');
  out.info = level('info', 'INFO');
  out.warn = level('warn', 'WARNING');
  out.error = level('error', 'ERROR');
  out.debug = level('debug', 'DEBUG');
  out.time = bridge.method('time', ([label]) => {
    timers.set(String(label ?? 'default'), performance.now());
    return { value: undefined };
  });
  out.timeEnd = bridge.method('timeEnd', ([label]) => {
    const key = String(label ?? 'default');
    const started = timers.get(key);
    timers.delete(key);
    if (started !== undefined) post({ type: 'log', line: `INFO ${key}: ${Math.round(performance.now() - started)}ms` });
    return { value: undefined };
  });
  return out;
}

// The globals computed in this thread are ready at boot; the main thread's services arrive with the execution.
const globals = context as Record<string, unknown>;
const utilities = new FakeUtilities();
globals.Utilities = localFacade(utilities, 'Utilities');
globals.Logger = localFacade(new FakeLogger(), 'Logger');
globals.console = makeConsole();
globals.MimeType = bridge.freeze(importValue(MIME_TYPE));

// ---------------------------------------------------------------------------------------------------------
// The execution

/** Names the script did not declare (built-ins and services are not script functions); set at start. */
let predeclared: ReadonlySet<string> = new Set();

function findFunction(name: string, privateNamesCallable: boolean): ((...args: unknown[]) => unknown) | null {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || predeclared.has(name)) return null;
  if (!privateNamesCallable && name.endsWith('_')) return null;
  try {
    // Also finds top-level `const f = function () {}`, which Apps Script recognizes too.
    const fn: unknown = vm.runInContext(`typeof ${name} === 'function' ? ${name} : undefined`, context);
    return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : null;
  } catch {
    return null;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

process.on('unhandledRejection', (reason) => {
  post({ type: 'log', line: `ERROR Unhandled promise rejection: ${errorInfo(reason).message}` });
});

/** Code.js compiled for this execution, kept to hand its code cache back once the function has run. */
let compiled: vm.Script | null = null;

function compile(code: string, codeCache: Uint8Array | null): vm.Script {
  return new vm.Script(code, { filename: 'Code.js', ...(codeCache ? { cachedData: codeCache } : {}) });
}

/** What a WorkerPrepare made ready: the compiled text (or the error compiling it threw) and unused facades. */
let prepared: { script: vm.Script | null; error: unknown; globals: Record<string, object> } | null = null;

function prepare(message: WorkerPrepare): void {
  let script: vm.Script | null = null;
  let error: unknown = null;
  try {
    script = compile(message.code, message.codeCache);
  } catch (e) {
    // A syntax error: the execution reports it when it starts, as if it had compiled then.
    error = e;
  }
  const globals: Record<string, object> = {};
  for (const [name, desc] of Object.entries(message.globals)) globals[name] = remoteFacade(desc);
  prepared = { script, error, globals };
}

async function main(start: WorkerStart): Promise<void> {
  let serviceGlobals: Record<string, object>;
  if (start.globals === null) {
    if (!prepared) throw new Error('runtime: no service globals were sent to the worker');
    serviceGlobals = prepared.globals;
  } else {
    // Facades the prepare built for other handles must not answer for this execution's.
    remoteFacades.clear();
    serviceGlobals = {};
    for (const [name, desc] of Object.entries(start.globals)) serviceGlobals[name] = remoteFacade(desc);
  }
  Object.assign(globals, serviceGlobals);
  predeclared = new Set(vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]);
  // Apps Script loads the whole project for every execution: top-level code runs each time, in this context.
  // Only the compilation may be done ahead or come from a cache (it is the same for every context).
  if (start.code !== null) {
    compiled = compile(start.code, start.codeCache);
  } else if (prepared?.script) {
    compiled = prepared.script;
  } else {
    throw prepared ? prepared.error : new Error('runtime: no Code.js was sent to the worker');
  }
  utilities.sleepScale = start.sleepScale;
  post({ type: 'started' });
  compiled.runInContext(context);
  const fn = findFunction(start.functionName, start.privateNamesCallable);
  if (!fn) throw new ScriptException(`Script function not found: ${start.functionName}`);
  const self = vm.runInContext('globalThis', context) as object;
  let value = fn.apply(self, importValue(start.args) as unknown[]);
  // Services are synchronous, so an async entry point settles once its microtasks have run.
  if (isThenable(value)) value = await value;
  // Promise callbacks the script left pending still run before its execution ends.
  await new Promise((resolve) => setImmediate(resolve));
  switch (start.returnMode) {
    case 'wire':
      return finish(start, { type: 'done', ok: true, value: wireCopy(value) });
    case 'lenient':
      return finish(start, { type: 'done', ok: true, value: lenientCopy(value) });
    default:
      return finish(start, { type: 'done', ok: true, value: undefined });
  }
}

function finish(start: WorkerStart, event: WorkerEvent): void {
  // Made after the run, so the cache also holds the functions this execution compiled lazily; only the first
  // execution of a given Code.js text pays for it (under a millisecond).
  if (compiled && (start.wantCodeCache || compiled.cachedDataRejected === true)) {
    try {
      post({ type: 'code-cache', data: compiled.createCachedData() });
    } catch {
      // A cache is an optimization: the next execution compiles from source.
    }
  }
  post(event);
  port.close();
}

/** Bytes each conversion is warmed on: enough for V8 to optimize its loop, few enough to take about a millisecond. */
const WARM_BYTES = 32 * 1024;

/**
 * Runs the Byte[] conversions a picture takes (getBytes, base64Encode, base64Decode, newBlob) on throwaway
 * bytes, in a worker waiting for its execution (only those get a WorkerPrepare). A worker's code starts cold, and
 * these loops over a picture's megabytes then ran in V8's interpreter until it optimized them partway through,
 * taking twice as long in every execution that reads or writes a picture: the runtime's cost, not Apps Script's.
 * Nothing the script can reach is touched: the helpers are the runtime's own, no call is counted or charged,
 * and what they make is garbage.
 */
function warmConversions(): void {
  const sample = new Uint8Array(WARM_BYTES);
  for (let i = 0; i < sample.length; i++) sample[i] = (i * 151) & 0xff;
  for (let round = 0; round < 3; round++) {
    const bytes = importValue(toSignedBytes(sample)) as GoogleAppsScript.Byte[];
    importValue(utilities.base64Decode(utilities.base64Encode(bytes)));
    utilities.newBlob(bytes, 'image/png');
    bridge.copyFlat(bytes);
  }
}

// Exactly one execution per worker: after the start message, nothing posted to it is read. It still listens, so
// its thread stays until the main thread ends it at a quiet moment (warm.ts): ending a thread takes CPU that the
// next execution would otherwise share.
function onMessage(message: WorkerPrepare | WorkerStart): void {
  if (message.type === 'prepare') {
    prepare(message);
    warmConversions();
    return;
  }
  parentPort?.off('message', onMessage);
  parentPort?.on('message', () => {});
  main(message).catch((error: unknown) => finish(message, { type: 'done', ok: false, error: errorInfo(error) }));
}
parentPort?.on('message', onMessage);
