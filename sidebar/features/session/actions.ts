/** The session's controller actions: reading the selection, and turning anything thrown into the user's words. */
import type { UserFacingError } from '../../../src/shared/rpc';
import { ServerError } from '../../rpc';
import type { Context } from '../../store';
import { failed } from './state';

/** Anything thrown becomes words for the user; a stack or a raw exception text is never shown. */
export function toWireError(error: unknown): UserFacingError {
  if (error instanceof ServerError) {
    return {
      code: error.code,
      message: error.message,
      action: error.action,
      ...(error.detail ? { detail: error.detail } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Peel.',
    action: 'Try again; if it keeps happening, reload the document.',
  };
}

export function sessionActions({ server, store }: Context) {
  let targetRequest: Promise<void> | null = null;

  const fail = (error: unknown) => store.dispatch(failed(toWireError(error)));

  /** Reads the selection again. One call; concurrent asks (focus, then Generate) share it. */
  function refreshTarget(options: { quiet?: boolean } = {}): Promise<void> {
    targetRequest ??= server
      .getTarget()
      .then(
        (target) => store.dispatch({ type: 'targetLoaded', target }),
        (error: unknown) => {
          if (!options.quiet) fail(error);
        },
      )
      .finally(() => {
        targetRequest = null;
      });
    return targetRequest;
  }

  return { fail, refreshTarget };
}

export type SessionActions = ReturnType<typeof sessionActions>;
