/** google.script.run's copy rules on values from any realm (the script's context is another realm). */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WireError, wireCopy } from './wire';

describe('wireCopy', () => {
  it('copies plain data made in another realm', () => {
    const foreign = vm.runInNewContext(
      '({ a: [1, undefined, { b: "c", d: undefined }], e: null, f: Object.create(null) })',
    );
    expect(wireCopy(foreign)).toEqual({ a: [1, null, { b: 'c' }], e: null, f: {} });
  });

  it.each([
    ['a Date', { x: [new Date()] }, 'x[0]', 'a Date'],
    ['a function', { x: () => 1 }, 'x', 'a function'],
    ['a class instance', { x: new (class Point {})() }, 'x', 'a Point'],
    ['a Uint8Array', [new Uint8Array(2)], '[0]', 'a Uint8Array'],
    ['a foreign Date', vm.runInNewContext('({ when: new Date() })'), 'when', 'a Date'],
  ])('fails on %s and names where it is', (_label, value, where, what) => {
    expect(() => wireCopy(value)).toThrow(WireError);
    expect(() => wireCopy(value)).toThrow(`Failed due to illegal value in property: ${where} (${what}`);
  });

  it('fails on cycles instead of looping', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => wireCopy(a)).toThrow(/self \(a cycle\)/);
  });

  it('sends numbers JSON can carry and null for the others', () => {
    expect(wireCopy([1.5, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([1.5, null, null]);
  });

  it('keeps an own __proto__ key as a key, never as the copy’s prototype', () => {
    const copy = wireCopy(JSON.parse('{"__proto__": {"admin": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { admin?: unknown }).admin).toBeUndefined();
  });
});
