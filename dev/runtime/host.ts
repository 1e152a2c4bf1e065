/**
 * The main thread's side of object remoting, one table per execution. A service method's result that is a
 * class instance stays here and the script gets a handle (id, method names, enum-like data); primitives,
 * arrays and plain objects are copied; Blobs always travel as BlobData. Handles die with the execution.
 *
 * Contract for service classes (ours and the SlidesApp/DocumentApp fakes): every method not starting with `_`
 * is callable by the script; own properties whose names start with an upper-case letter and hold plain data
 * (the enums: `ScriptApp.AuthMode`, `SlidesApp.PageElementType`) are copied to the script; a method may return
 * a promise, which the script sees as a synchronous result.
 */
import type { CallReply, CallRequest, ErrorInfo, HandleDescriptor } from './protocol';
import { isHandleRef, isPlainObject } from './protocol';
import { FakeBlob } from './services/blob';

interface Entry {
  readonly object: object;
  readonly service: string;
  readonly methods: readonly string[];
}

const methodCache = new WeakMap<object, readonly string[]>();

/** Callable names: the prototype chain's methods below Object.prototype, plus own function-valued fields. */
export function methodNames(object: object): readonly string[] {
  const proto: unknown = Object.getPrototypeOf(object);
  const own = Object.keys(object).filter(
    (key) => !key.startsWith('_') && typeof (object as Record<string, unknown>)[key] === 'function',
  );
  let inherited = proto && typeof proto === 'object' ? methodCache.get(proto) : undefined;
  if (!inherited) {
    const names = new Set<string>();
    let p: unknown = proto;
    while (p && p !== Object.prototype) {
      for (const key of Object.getOwnPropertyNames(p)) {
        const d = Object.getOwnPropertyDescriptor(p, key);
        if (key !== 'constructor' && !key.startsWith('_') && typeof d?.value === 'function') names.add(key);
      }
      p = Object.getPrototypeOf(p);
    }
    inherited = [...names];
    if (proto && typeof proto === 'object') methodCache.set(proto, inherited);
  }
  return own.length === 0 ? inherited : [...new Set([...inherited, ...own])];
}

function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  return isPlainObject(value) && Object.values(value).every((v) => isPlainData(v, depth + 1));
}

/** Enum-like data a service object carries. */
function dataProps(object: object): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    if (/^[A-Z]/.test(key) && isPlainData(value)) props[key] = value;
  }
  return props;
}

/**
 * What the script sees when a service throws. Apps Script's service errors are named `Exception`; anything
 * else thrown by a fake is a bug in the fake, reported with its stack through `onInternalError`.
 */
export function scriptError(error: unknown, onInternalError?: (error: Error) => void): ErrorInfo {
  if (error instanceof Error) {
    if (error.name === 'Error' || error.name === 'Exception') return { name: 'Exception', message: error.message };
    onInternalError?.(error);
    return { name: 'Exception', message: `${error.name}: ${error.message}` };
  }
  return { name: 'Exception', message: String(error) };
}

function primitives(array: readonly unknown[]): boolean {
  for (const item of array) {
    if ((typeof item === 'object' && item !== null) || typeof item === 'function') return false;
  }
  return true;
}

export class HandleTable {
  private readonly entries = new Map<number, Entry>();
  private readonly ids = new Map<object, number>();
  private next = 1;
  private closed = false;

  constructor(
    /** Called for every method call the script makes on a handle, with the service it belongs to. */
    private readonly onCall: (service: string, method: string) => void,
    private readonly onInternalError: (error: Error) => void = () => {},
  ) {}

  /** Registers a service global. */
  root(service: string, object: object): HandleDescriptor {
    return this.register(object, service);
  }

  async dispatch(request: CallRequest): Promise<CallReply> {
    const entry = this.entries.get(request.handle);
    if (!entry || this.closed) {
      return { ok: false, error: { name: 'Exception', message: 'This object is no longer valid.' } };
    }
    if (!entry.methods.includes(request.method)) {
      return { ok: false, error: { name: 'TypeError', message: `${request.method} is not a function` } };
    }
    this.onCall(entry.service, request.method);
    try {
      const args = request.args.map((arg) => this.decode(arg));
      const fn = (entry.object as Record<string, unknown>)[request.method] as (...a: unknown[]) => unknown;
      const result = await fn.apply(entry.object, args);
      return { ok: true, value: this.encode(result, entry.service) };
    } catch (error) {
      return { ok: false, error: scriptError(error, this.onInternalError) };
    }
  }

  /** A result on its way to the script. */
  encode(value: unknown, service: string): unknown {
    if (typeof value === 'function') throw new TypeError(`${service} returned a function, which cannot be remoted`);
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof FakeBlob) return value.toData();
    // An array of primitives (a Byte[] of an image has millions) crosses as it is: structured cloning copies it.
    if (Array.isArray(value)) return primitives(value) ? value : value.map((item) => this.encode(item, service));
    if (value instanceof Date || value instanceof Uint8Array) return value;
    if (FakeBlob.isData(value)) return value;
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.encode(item, service);
      return out;
    }
    return this.register(value, service);
  }

  /** An argument from the script: references become the objects again, Blob data becomes a FakeBlob. */
  decode(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (isHandleRef(value)) {
      const entry = this.entries.get(value.__ref);
      if (!entry) throw new Error('Invalid argument: the object is no longer valid.');
      return entry.object;
    }
    if (FakeBlob.isData(value)) return FakeBlob.fromData(value);
    if (Array.isArray(value)) return value.map((item) => this.decode(item));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.decode(item);
      return out;
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The execution ended: nothing it held may be used again. */
  close(): void {
    this.closed = true;
    this.entries.clear();
    this.ids.clear();
  }

  private register(object: object, service: string): HandleDescriptor {
    let id = this.ids.get(object);
    let entry = id === undefined ? undefined : this.entries.get(id);
    if (id === undefined || !entry) {
      id = this.next++;
      entry = { object, service, methods: methodNames(object) };
      this.ids.set(object, id);
      this.entries.set(id, entry);
    }
    return { __handle: id, service: entry.service, methods: entry.methods, props: dataProps(object) };
  }
}
