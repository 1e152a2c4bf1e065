/**
 * What crosses google.script.run, in both directions, as it arrives on the other side.
 *
 * google.script.run copies arguments and return values: primitives, plain objects and arrays only. A Date, a
 * function or a Blob makes the call fail, and `undefined` inside an array arrives as null. `Wire<T>` is the
 * type of a T after that copy; `WireSafe<T>` is `never` wherever T holds something that cannot cross, so a
 * server function that returns a Date fails to compile.
 */
import type { ErrorCode } from '../core/errors';

type Primitive = string | number | boolean | null;
// biome-ignore lint/complexity/noBannedTypes: Function is exactly the type that cannot cross.
type Uncopyable = Date | Function | bigint | symbol | RegExp | Map<unknown, unknown> | Set<unknown> | Uint8Array;

export type WireSafe<T> = T extends Primitive
  ? T
  : T extends undefined
    ? undefined
    : T extends Uncopyable
      ? never
      : T extends readonly (infer U)[]
        ? readonly WireSafe<U>[]
        : T extends object
          ? { [K in keyof T]: WireSafe<T[K]> }
          : never;

/** A T after google.script.run copied it. */
export type Wire<T> = T extends Primitive
  ? T
  : T extends readonly (infer U)[]
    ? (U extends undefined ? null : Wire<U>)[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** An error as the sidebar receives it: a stable code and words for the user. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly action: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
}

/**
 * Every sidebar-callable server function returns a Result. Failures Peel expects travel as values, because
 * google.script.run hands the failure handler only an Error's message.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

export type Host = 'slides' | 'docs';

/** What the sidebar needs to draw itself when it opens. */
export interface SidebarContext {
  readonly host: Host;
  readonly version: string;
}
