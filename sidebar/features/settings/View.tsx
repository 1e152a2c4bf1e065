import { useState } from 'preact/hooks';
import type { OfferedModel, SettingsView } from '../../../src/shared/rpc';
import { ErrorBox } from '../../kernel/ErrorBox';
import { Select } from '../../kernel/Select';
import { t, tWith } from '../../kernel/words';
import type { SessionState } from '../session/state';
import type { SettingsActions } from './actions';
import { needsKey, type SettingsState } from './state';

interface Props {
  readonly state: { readonly settings: SettingsState; readonly session: SessionState };
  readonly controller: { readonly settings: SettingsActions };
}

type Controller = Props['controller'];

const KEY_PAGE = 'https://aistudio.google.com/apikey';

/** First run only: where a key comes from and why it needs billing. */
function GettingStarted() {
  return (
    <div class="intro">
      <h2>{t('getKey')}</h2>
      <p>{t('ownKey')}</p>
      <ol>
        <li>
          {tWith('keyStep1', {
            link: (
              <a href={KEY_PAGE} target="_blank" rel="noopener noreferrer">
                aistudio.google.com/apikey
              </a>
            ),
          })}
        </li>
        <li>{t('keyStep2')}</li>
        <li>{t('keyStep3')}</li>
      </ol>
    </div>
  );
}

function KeyForm({ controller, busy }: { controller: Controller; busy: boolean }) {
  // The key lives only in this field until it is sent; it never enters the sidebar's state.
  const [key, setKey] = useState('');
  return (
    <form
      class="key-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!key.trim()) return;
        void controller.settings.saveKey(key).then((saved) => saved && setKey(''));
      }}
    >
      <label class="field-label" htmlFor="api-key">
        {t('apiKeyLabel')}
      </label>
      <input
        id="api-key"
        data-refocus
        type="password"
        autocomplete="off"
        spellcheck={false}
        aria-describedby="api-key-hint"
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <p id="api-key-hint" class="hint">
        {tWith('keyHint', { new: <code>AQ.</code>, old: <code>AIza</code> })}
      </p>
      <button type="submit" class="button filled" disabled={busy || !key.trim()}>
        {t('saveKey')}
      </button>
    </form>
  );
}

function modelLabel(option: OfferedModel): string {
  return option.lifecycle === 'deprecated' && option.shutdown
    ? t('retires', { name: option.displayName, date: option.shutdown })
    : option.displayName;
}

/** The key part of Settings, by where images come from: Vertex AI, the user's key, the organization's, or none. */
function KeySection({ settings, controller, busy }: { settings: SettingsView; controller: Controller; busy: boolean }) {
  const connection = settings.connection;
  if (connection.kind === 'vertex') {
    return <p>{tWith('vertex', { project: <code>{connection.project}</code>, location: connection.location })}</p>;
  }
  const key = connection.key;
  if (key.source === 'user') {
    return (
      <div class="saved-key">
        <p>
          <span class="muted">{t('yourKey')}</span>
          <code>{key.masked}</code>
        </p>
        {key.organizationKey && <p class="hint">{t('orgFallback')}</p>}
        <div class="row">
          <button
            type="button"
            class="button outlined"
            data-refocus
            disabled={busy}
            onClick={controller.settings.testKey}
          >
            {t('testKey')}
          </button>
          <button type="button" class="button text" disabled={busy} onClick={controller.settings.removeKey}>
            {t('remove')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      {key.source === 'organization' && key.forEveryone ? (
        <p>{t('orgForEveryone')}</p>
      ) : (
        <>
          {key.source === 'organization' && <p>{t('orgProvides')}</p>}
          <KeyForm controller={controller} busy={busy} />
        </>
      )}
    </>
  );
}

export function Settings({ state, controller }: Props) {
  const settings = state.settings.view;
  const busy = state.session.busy === 'settings';

  return (
    <section class="settings" aria-label={t('settings')}>
      {needsKey(settings) && <GettingStarted />}

      <h2>{t('apiKey')}</h2>
      {settings ? <KeySection settings={settings} controller={controller} busy={busy} /> : <p>{t('loading')}</p>}

      <h2>{t('defaultModel')}</h2>
      <Select
        id="default-model"
        label={t('modelForNew')}
        value={settings?.model ?? ''}
        disabled={busy || !settings}
        options={settings?.models.map((m) => [m.id, modelLabel(m)] as const) ?? []}
        onChange={(id) => void controller.settings.saveModel(id)}
      />

      {settings?.policy && (
        <>
          <h2>{t('yourOrganization')}</h2>
          <ul class="hint">
            {settings.policy.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}

      <p role="status" class="status">
        {state.session.notice}
      </p>
      <ErrorBox error={state.session.error} />
    </section>
  );
}
