/** The session's controller actions: reading the selection, and saying what failed. */
import { failed, type SharedAction } from '../../kernel/actions';
import { toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';

export function sessionActions({ server, store }: Context<unknown, SharedAction>) {
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
