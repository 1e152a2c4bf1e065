/** The settings slice: the connection and default model as the server reports them (never the key itself). */
import type { SettingsView } from '../../../src/shared/rpc';
import type { Reducer } from '../../kernel/store';

export interface SettingsState {
  readonly view: SettingsView | null;
}

export const settingsInitial: SettingsState = { view: null };

export type SettingsAction = { readonly type: 'settingsLoaded'; readonly settings: SettingsView };

/** First run: no personal key, no organization key, no Vertex AI. Settings opens first and explains keys. */
export function needsKey(settings: SettingsView | null): boolean {
  return settings?.connection.kind === 'gemini' && settings.connection.key.source === 'none';
}

export const reduceSettings: Reducer<SettingsState, SettingsAction> = (state, action) =>
  action.type === 'settingsLoaded' ? { view: action.settings } : state;
