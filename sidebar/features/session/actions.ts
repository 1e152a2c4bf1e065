/** The session's controller actions: the sidebar's context, reading the selection, and saying what failed. */
import { failed, type SharedAction } from '../../kernel/actions';
import { toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { setLanguage } from '../../kernel/words';

/**
 * `shown` names the picture whose thread the sidebar shows: a reading of the selection that finds another picture
 * brings that picture's thread with it, so selecting a picture is one call.
 */
export function sessionActions(
  { server, store }: Context<unknown, SharedAction>,
  shown: () => string | null = () => null,
) {
  let targetRequest: Promise<void> | null = null;

  const fail = (error: unknown) => store.dispatch(failed(toWireError(error)));

  /** Reads the selection again. One call; concurrent asks (focus, then Generate) share it. */
  function refreshTarget(options: { quiet?: boolean } = {}): Promise<void> {
    targetRequest ??= server
      .getTarget(shown())
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

  /** Waits for a reading of the selection already under way (the pointer or focus came back); starts none. */
  function settled(): Promise<void> {
    return targetRequest ?? Promise.resolve();
  }

  /** The host, version, running cost and remembered model menu; false when the call failed (the error is shown). */
  function loadContext(): Promise<boolean> {
    return server.getSidebarContext().then(
      (context) => {
        // Before the context is drawn, so the sidebar's first full drawing is already in the person's language.
        setLanguage(context.locale, context.words, context.serverWords);
        store.dispatch({ type: 'started', context });
        return true;
      },
      (error: unknown) => {
        fail(error);
        return false;
      },
    );
  }

  return { fail, refreshTarget, settled, loadContext };
}

/** What the other features lean on. */
export type SessionActions = Pick<ReturnType<typeof sessionActions>, 'fail' | 'refreshTarget' | 'settled'>;
