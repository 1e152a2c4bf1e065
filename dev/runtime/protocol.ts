/**
 * What the runtime's main thread and an execution's worker say to each other. Only types and tiny pure helpers
 * live here, because both sides import this file (the worker through its own esbuild bundle).
 *
 * A worker is spawned before it knows its execution (`WorkerBoot`, so it can wait warm in a pool), may get one
 * `WorkerPrepare` while it waits, then gets exactly one `WorkerStart` on its parentPort, runs it and ends: no
 * worker ever runs a second execution.
 *
 * The worker makes synchronous calls: it posts a `CallRequest`, blocks in `Atomics.wait` on the shared flag,
 * and reads the `CallReply` with `receiveMessageOnPort` once the main thread set the flag. Everything else the
 * worker posts (`WorkerEvent`) is fire-and-forget and arrives in order on the same port.
 */

import type { MessagePort } from 'node:worker_threads';

/** A main-thread object the script holds: calls on it travel back to the main thread. */
export interface HandleDescriptor {
  readonly __handle: number;
  /** The global the object came from (SlidesApp, UrlFetchApp, …), for the execution record's call counts. */
  readonly service: string;
  readonly methods: readonly string[];
  /** Enum objects and other plain data the object carries (ScriptApp.AuthMode, SlidesApp.PageElementType). */
  readonly props: Readonly<Record<string, unknown>>;
}

/** A handle passed back as an argument. */
export interface HandleRef {
  readonly __ref: number;
}

export interface CallRequest {
  readonly type: 'call';
  readonly handle: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type CallReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ErrorInfo };

export type WorkerEvent =
  | { readonly type: 'log'; readonly line: string }
  /** Code.js was compiled and its top-level code is about to run: the execution's startup is over. */
  | { readonly type: 'started' }
  /** V8's code cache for the Code.js text this execution ran, for the next executions of the same text. */
  | { readonly type: 'code-cache'; readonly data: Uint8Array }
  /** A call on a service that lives in the worker (Utilities, Logger), and the bytes it moved. */
  | { readonly type: 'count'; readonly service: string; readonly method: string; readonly bytes: number }
  | { readonly type: 'done'; readonly ok: true; readonly value: unknown }
  | { readonly type: 'done'; readonly ok: false; readonly error: ErrorInfo };

export type WorkerMessage = CallRequest | WorkerEvent;

/**
 * How the worker hands back the function's value. `wire`: google.script.run's copy rules (a Date fails the
 * call). `lenient`: best effort, for tests calling a function directly. `ignore`: triggers and menu items,
 * whose return value goes nowhere.
 */
export type ReturnMode = 'wire' | 'lenient' | 'ignore';

/** What a worker is spawned with, before any execution is assigned to it. */
export interface WorkerBoot {
  /** Int32Array over it: [0] is the reply flag. */
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

/**
 * Sent to an idle worker ahead of its execution: the Code.js text and service globals the last execution used,
 * which the next one will almost always use too. The worker compiles the text (compiling does not touch any
 * context) and builds the service facades in its new context without installing them; the execution's
 * `WorkerStart` then says whether they are current.
 */
export interface WorkerPrepare {
  readonly type: 'prepare';
  readonly code: string;
  /** As in WorkerStart: made from exactly `code`, or null. */
  readonly codeCache: Uint8Array | null;
  readonly globals: Readonly<Record<string, HandleDescriptor>>;
}

/** The one execution a worker runs, posted to its parentPort. */
export interface WorkerStart {
  readonly type: 'start';
  /** Code.js as read from disk for this execution; null when it is exactly the prepared text. */
  readonly code: string | null;
  /**
   * V8's code cache made by an earlier execution of exactly this text: compiling skips parsing and the
   * functions that execution used. Only ever paired with the text it was made from (the runtime keys caches
   * by the whole text), since V8's own check compares little more than the source's length.
   */
  readonly codeCache: Uint8Array | null;
  /** Send a `code-cache` event back (there was none for this text, or V8 rejected it). */
  readonly wantCodeCache: boolean;
  readonly functionName: string;
  readonly args: readonly unknown[];
  /** google.script.run refuses names ending in `_`. */
  readonly privateNamesCallable: boolean;
  readonly returnMode: ReturnMode;
  /** Utilities.sleep's scale for this execution (RuntimeOptions.sleepScale). */
  readonly sleepScale: number;
  /** The service globals that live in the main thread, by global name; null when they are the prepared ones. */
  readonly globals: Readonly<Record<string, HandleDescriptor>> | null;
}

/**
 * A service class as the main thread implements it: the Apps Script interface `T`, except that a method may
 * answer with a promise (a lock wait, an HTTP request); the script still sees a synchronous call.
 */
export type Remoted<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : T[K];
};

/** For methods @types declares non-null that Apps Script documents as returning null sometimes. */
export type OrNull<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | null : T[K];
};

export function isHandleDescriptor(value: unknown): value is HandleDescriptor {
  return typeof value === 'object' && value !== null && typeof (value as { __handle?: unknown }).__handle === 'number';
}

export function isHandleRef(value: unknown): value is HandleRef {
  return typeof value === 'object' && value !== null && typeof (value as { __ref?: unknown }).__ref === 'number';
}

/**
 * A plain object in any realm: the script's objects come from its own context, whose Object.prototype is not
 * ours, so `instanceof` and prototype identity cannot be used.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  return (
    Object.getPrototypeOf(proto) === null &&
    typeof (proto as { hasOwnProperty?: unknown }).hasOwnProperty === 'function'
  );
}
