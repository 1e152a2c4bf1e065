import { describe, expect, it } from 'vitest';
import { initialState, reducer } from '../../../sidebar/app/store';
import { needsKey } from '../../../sidebar/features/settings/state';
import { learnEnglish } from '../../../sidebar/kernel/words';
import { EN_PARTS } from '../../../src/core/i18n/en-parts';
import type { SettingsView } from '../../../src/shared/rpc';
import { named, SETTINGS, started, wire } from './fake-server';

// These actions run from the late part's views, whose English has arrived with them (sidebar/app/parts.ts).
learnEnglish(EN_PARTS);

const settings = (model: string): SettingsView => ({
  connection: { kind: 'gemini', key: { source: 'none' } },
  model,
  models: [],
});

describe('the settings slice', () => {
  it('holds what the server last reported', () => {
    expect(reducer(initialState, { type: 'settingsLoaded', settings: SETTINGS }).settings.view).toBe(SETTINGS);
  });

  it('knows a first run only by a Gemini connection without any key', () => {
    expect(needsKey(settings('wide'))).toBe(true);
    expect(needsKey({ ...settings('wide'), connection: { kind: 'gemini', key: { source: 'organization' } } })).toBe(
      false,
    );
    expect(needsKey({ ...settings('wide'), connection: { kind: 'vertex', project: 'p', location: 'global' } })).toBe(
      false,
    );
    expect(needsKey(null)).toBe(false);
  });
});

describe('the settings’ actions', () => {
  it('start on Settings when there is no key at all', async () => {
    const { state } = await started({
      getSettings: async () =>
        wire<SettingsView>({ ...SETTINGS, connection: { kind: 'gemini', key: { source: 'none' } } }),
    });
    expect(state().session.view).toBe('settings');
  });

  it('save a key, test it at once, and reload the models the key may use', async () => {
    const { controller, calls, state } = await started({
      saveApiKey: async () => wire(SETTINGS),
      testApiKey: async () => ({ models: [] }),
    });
    expect(await controller.settings.saveKey('  AIzaKEY  ')).toBe(true);
    expect(named(calls, 'saveApiKey')).toEqual([['AIzaKEY']]);
    expect(named(calls, 'getModels')).toHaveLength(2);
    expect(state().session).toMatchObject({
      busy: null,
      notice: 'Key saved. Google accepted the key, but it offers no image models to it.',
    });
  });
});
