/**
 * google.script.run's copy rules, applied to arguments before an execution starts and to the value a function
 * returns. Apps Script documents what may cross: primitives, plain objects and arrays (of those). A Date, a
 * function, a DOM node or any other object fails the call; `undefined` inside an array arrives as null and an
 * object field holding `undefined` disappears.
 *
 * The real service is reported to hand the client `null` for some unsupported return values instead of
 * failing; failing loudly here is deliberate, so such a bug shows up in development.
 *
 * Works on values from any realm (the script's context has its own Object and Array).
 */
import { isPlainObject } from './protocol';

export class WireError extends Error {
  override readonly name = 'Exception';
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a BigInt';
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === 'Date') return 'a Date';
  const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof ctor === 'string' && ctor !== '' ? `a ${ctor}` : `a ${tag}`;
}

/**
 * Copies `value` as google.script.run would, or throws a WireError naming the first value that cannot cross.
 * `path` reads like `[0].items[2].created`.
 */
export function wireCopy(value: unknown, path = '', seen: Set<object> = new Set()): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON-style transport: NaN and the infinities have no representation and arrive as null.
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      throw illegal(value, path);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new WireError(`Failed due to illegal value in property: ${path || '(root)'} (a cycle)`);
  if (Array.isArray(obj)) {
    seen.add(obj);
    const out: unknown[] = [];
    for (let i = 0; i < obj.length; i++) {
      const item: unknown = obj[i];
      out.push(item === undefined ? null : wireCopy(item, `${path}[${i}]`, seen));
    }
    seen.delete(obj);
    return out;
  }
  if (!isPlainObject(obj)) throw illegal(obj, path);
  seen.add(obj);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const field = obj[key];
    if (field === undefined) continue;
    // Defined, not assigned: an own "__proto__" key (JSON.parse makes one) must arrive as that key, as it does
    // through google.script.run's JSON transport, not become the copy's prototype.
    Object.defineProperty(out, key, {
      value: wireCopy(field, path ? `${path}.${key}` : key, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  seen.delete(obj);
  return out;
}

function illegal(value: unknown, path: string): WireError {
  // The first sentence is what Apps Script's client says for an illegal argument; the rest says which value.
  return new WireError(
    `Failed due to illegal value in property: ${path || '(root)'} (${describe(value)} cannot cross google.script.run; ` +
      'only primitives, plain objects and arrays can)',
  );
}
