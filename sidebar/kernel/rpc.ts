/**
 * The sidebar's client for the server, typed from the server's API module. `import type` keeps server code
 * out of the sidebar bundle; there is no string-index fallback, so calling a function the server does not
 * export fails `npm run typecheck`.
 */
import { WRONG_ACCOUNT_WORDS } from '../../src/core/errors';
import { wrongAccountText } from '../../src/core/script-run';
import type * as Api from '../../src/server/rpc/api';
import type { Result, UserFacingError, Wire } from '../../src/shared/rpc';
import { t } from './words';

type ApiModule = typeof Api;
type Callable = {
  [K in keyof ApiModule as ApiModule[K] extends (...args: never[]) => Result<unknown> ? K : never]: ApiModule[K];
};

type Value<R> = R extends { readonly ok: true; readonly value: infer T } ? Wire<T> : never;

export type Server = {
  readonly [K in keyof Callable]: (...args: Parameters<Callable[K]>) => Promise<Value<ReturnType<Callable[K]>>>;
};

/** A server failure as the sidebar sees it: a stable code and words meant for the user. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  readonly code: UserFacingError['code'];
  readonly action: string;
  readonly detail: string | undefined;
  readonly chargedUsd: number | undefined;
  readonly authorizationUrl: string | undefined;

  constructor(error: UserFacingError) {
    super(error.message);
    this.code = error.code;
    this.action = error.action;
    this.detail = error.detail;
    this.chargedUsd = error.chargedUsd;
    this.authorizationUrl = error.authorizationUrl;
  }
}

/** The part of google.script.run this client uses; a fake in tests and the workbench implements the same. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [functionName: string]: unknown;
}

function call(run: ScriptRun, name: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = run
      .withSuccessHandler((value) => {
        const result = value as Result<unknown> | null;
        if (result && typeof result === 'object' && 'ok' in result) {
          if (result.ok) resolve(result.value);
          else reject(new ServerError(result.error));
        } else {
          reject(
            new ServerError({
              code: 'INTERNAL',
              message: t('unexpectedAnswer'),
              action: t('reloadSidebar'),
            }),
          );
        }
      })
      .withFailureHandler((error) => {
        // Apps Script itself failed the call (another signed-in account, timeout, quota): its message is all there
        // is. Running as the wrong account has a fix the person can make, so it gets its sentence.
        const account = wrongAccountText(error);
        reject(
          new ServerError(
            account !== null
              ? { code: 'WRONG_ACCOUNT', ...WRONG_ACCOUNT_WORDS, detail: account }
              : {
                  code: 'INTERNAL',
                  message: error?.message || t('callFailed'),
                  action: t('callFailedDo'),
                },
          ),
        );
      });
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(
        new ServerError({
          code: 'INTERNAL',
          message: t('noFunction', { name }),
          action: t('reloadSidebar'),
        }),
      );
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** Anything thrown becomes words for the user; a stack or a raw exception text is never shown. */
export function toWireError(error: unknown): UserFacingError {
  if (error instanceof ServerError) {
    return {
      code: error.code,
      message: error.message,
      action: error.action,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.chargedUsd ? { chargedUsd: error.chargedUsd } : {}),
      ...(error.authorizationUrl ? { authorizationUrl: error.authorizationUrl } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: t('insideFailed'),
    action: t('insideFailedDo'),
  };
}

export function createServer(run: () => ScriptRun = () => google.script.run as unknown as ScriptRun): Server {
  return new Proxy({} as Server, {
    get: (_target, name) => (typeof name === 'string' ? (...args: unknown[]) => call(run(), name, args) : undefined),
  });
}
