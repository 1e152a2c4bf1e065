/** The session's controller actions: the sidebar's context, reading the selection, and saying what failed. */
import { failed, type SharedAction } from '../../kernel/actions';
import { toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import { setLanguage } from '../../kernel/words';
import type { SessionAction } from './state';

/**
 * `shown` names the picture whose thread the sidebar shows: a reading of the selection that finds another picture
 * brings that picture's thread with it, so selecting a picture is one call.
 */
export function sessionActions(
  { server, store }: Context<unknown, SharedAction | SessionAction>,
  shown: () => string | null = () => null,
) {
  let targetRequest: Promise<void> | null = null;
  /** How many times the person left for the editor: a reading begun before the last time names no place. */
  let left = 0;

  const fail = (error: unknown) => store.dispatch(failed(toWireError(error)));

  /**
   * Reads the selection again. One call; concurrent asks (focus, then Generate) share it. A reading the person
   * left the sidebar during may be of a selection they have changed since: its place is shown, but Generate and
   * Insert have the server read the selection instead of naming it.
   */
  function refreshTarget(options: { quiet?: boolean } = {}): Promise<void> {
    const begun = left;
    targetRequest ??= server
      .getTarget(shown())
      .then(
        (target) => {
          store.dispatch({ type: 'targetLoaded', target });
          if (begun !== left) store.dispatch({ type: 'placeLeft' });
        },
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

  /** The pointer or the focus went to the editor: the place shown may not be where the person is any more. */
  function leftSidebar(): void {
    left++;
    store.dispatch({ type: 'placeLeft' });
  }

  return { fail, refreshTarget, settled, loadContext, leftSidebar };
}

/** What the other features lean on. */
export type SessionActions = Pick<ReturnType<typeof sessionActions>, 'fail' | 'refreshTarget' | 'settled'>;
