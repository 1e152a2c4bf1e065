/** Compose's controller actions: the model menu and a prompt written from the document's content. */
import { busy, failed, type SharedAction, said } from '../../kernel/actions';
import { toWireError } from '../../kernel/rpc';
import type { Context } from '../../kernel/store';
import type { SessionActions } from '../session/actions';
import type { SessionState } from '../session/state';
import { type ComposeAction, type ComposeState, illustratedNotice, illustratedPrompt } from './state';

export function composeActions(
  { server, store }: Context<{ session: SessionState; compose: ComposeState }, ComposeAction | SharedAction>,
  { fail }: SessionActions,
) {
  const { dispatch, get } = store;
  let modelsRequest: Promise<boolean> | null = null;

  /** Reads the model menu; false when the call failed (the error is shown). Concurrent asks share one call. */
  function refreshModels(): Promise<boolean> {
    if (!modelsRequest) {
      dispatch({ type: 'modelsRequested' });
      modelsRequest = server
        .getModels()
        .then(
          (models) => {
            dispatch({ type: 'modelsLoaded', models });
            return true;
          },
          (error: unknown) => {
            dispatch({ type: 'modelsFailed' }, failed(toWireError(error)));
            return false;
          },
        )
        .finally(() => {
          modelsRequest = null;
        });
    }
    return modelsRequest;
  }

  async function illustrate(): Promise<void> {
    const { session, compose } = get();
    if (session.busy) return;
    dispatch(busy('illustrate'));
    try {
      const composed = await server.composeIllustratePrompt({
        includeNotes: session.host === 'slides' && compose.includeNotes,
      });
      // The person may have typed while Peel was writing: what the prompt holds now is what is kept.
      const kept = illustratedPrompt(get().compose, composed).promptBeforeIllustrate !== null;
      dispatch({ type: 'illustrated', composed }, said({ busy: null, notice: illustratedNotice(kept) }));
    } catch (error) {
      fail(error);
    }
  }

  return { refreshModels, illustrate, undoIllustrate: () => dispatch({ type: 'illustrateUndone' }) };
}

export type ComposeActions = ReturnType<typeof composeActions>;
