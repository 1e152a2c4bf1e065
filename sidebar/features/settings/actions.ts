/** The settings' controller actions: the key (save, test, remove) and the default model. */
import { busy, type SharedAction, said } from '../../kernel/actions';
import type { Context } from '../../kernel/store';
import { t } from '../../kernel/words';
import type { SessionActions } from '../session/actions';
import type { SessionAction, SessionState } from '../session/state';
import { needsKey, type SettingsAction } from './state';

export function keyWorks(count: number): string {
  return count === 0 ? t('keyNoModels') : t('keyWorks', { n: count });
}

export function settingsActions(
  { server, store }: Context<{ session: SessionState }, SettingsAction | SessionAction | SharedAction>,
  { fail }: SessionActions,
  /** Reads the model menu again: the key's ListModels can offer models the catalog does not list. */
  refreshModels: () => Promise<unknown>,
) {
  const { dispatch, get } = store;

  function loadSettings(): Promise<void> {
    return server.getSettings().then((view) => {
      dispatch(
        { type: 'settingsLoaded', settings: view },
        // First run: explain keys before anything else.
        ...(needsKey(view) ? [{ type: 'showView', view: 'settings' } as const] : []),
      );
    }, fail);
  }

  /** Runs one settings call with the panel marked busy; false when it failed (the error is shown). */
  async function settingsCall(call: () => Promise<void>): Promise<boolean> {
    if (get().session.busy) return false;
    dispatch(busy('settings'));
    try {
      await call();
      dispatch(said({ busy: null }));
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  /** Saves, then tests at once: a key that Google rejects should say so now, not at the first Generate. */
  async function saveKey(key: string): Promise<boolean> {
    const saved = await settingsCall(async () => {
      const settings = await server.saveApiKey(key.trim());
      dispatch({ type: 'settingsLoaded', settings }, said({ notice: t('keySavedTesting') }));
    });
    if (!saved) return false;
    await settingsCall(async () => {
      const report = await server.testApiKey();
      dispatch(said({ notice: t('keySaved', { result: keyWorks(report.models.length) }) }));
    });
    await refreshModels();
    return true;
  }

  function testKey(): Promise<boolean> {
    return settingsCall(async () => {
      dispatch(said({ notice: t('testingKey') }));
      const report = await server.testApiKey();
      dispatch(said({ notice: keyWorks(report.models.length) }));
    });
  }

  function removeKey(): Promise<boolean> {
    return settingsCall(async () => {
      dispatch({ type: 'settingsLoaded', settings: await server.clearApiKey() }, said({ notice: t('keyRemoved') }));
    });
  }

  function saveModel(id: string): Promise<boolean> {
    return settingsCall(async () => {
      dispatch({ type: 'settingsLoaded', settings: await server.saveModel(id) }, said({ notice: t('modelSaved') }));
    });
  }

  return { loadSettings, saveKey, testKey, removeKey, saveModel };
}

export type SettingsActions = ReturnType<typeof settingsActions>;
