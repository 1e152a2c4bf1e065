import { useState } from 'preact/hooks';
import type { OfferedModel, SettingsView } from '../../../src/shared/rpc';
import { ErrorBox } from '../../kernel/ErrorBox';
import { Select } from '../../kernel/Select';
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
      <h2>Get a Gemini API key</h2>
      <p>Peel makes images with your own key from Google AI Studio.</p>
      <ol>
        <li>
          Open{' '}
          <a href={KEY_PAGE} target="_blank" rel="noopener noreferrer">
            aistudio.google.com/apikey
          </a>{' '}
          and create a key.
        </li>
        <li>Turn on billing for the key’s project: Gemini image models have no free tier.</li>
        <li>Paste the key below.</li>
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
        Gemini API key
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
        New keys start with <code>AQ.</code>, older ones with <code>AIza</code>.
      </p>
      <button type="submit" class="button filled" disabled={busy || !key.trim()}>
        Save key
      </button>
    </form>
  );
}

function modelLabel(option: OfferedModel): string {
  return option.lifecycle === 'deprecated' && option.shutdown
    ? `${option.displayName} (retires ${option.shutdown})`
    : option.displayName;
}

/** The key part of Settings, by where images come from: Vertex AI, the user's key, the organization's, or none. */
function KeySection({ settings, controller, busy }: { settings: SettingsView; controller: Controller; busy: boolean }) {
  const connection = settings.connection;
  if (connection.kind === 'vertex') {
    return (
      <p>
        Peel uses Vertex AI in the Google Cloud project <code>{connection.project}</code> ({connection.location}) with
        your Google account. There is no API key to manage.
      </p>
    );
  }
  const key = connection.key;
  if (key.source === 'user') {
    return (
      <div class="saved-key">
        <p>
          <span class="muted">Your key: </span>
          <code>{key.masked}</code>
        </p>
        {key.organizationKey && <p class="hint">Without it, Peel uses your organization’s key.</p>}
        <div class="row">
          <button
            type="button"
            class="button outlined"
            data-refocus
            disabled={busy}
            onClick={controller.settings.testKey}
          >
            Test key
          </button>
          <button type="button" class="button text" disabled={busy} onClick={controller.settings.removeKey}>
            Remove
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      {key.source === 'organization' && key.forEveryone ? (
        <p>Your organization’s key is used for everyone.</p>
      ) : (
        <>
          {key.source === 'organization' && (
            <p>Your organization provides a key, so Peel works without one. To use your own instead, paste it here.</p>
          )}
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
    <section class="settings" aria-label="Settings">
      {needsKey(settings) && <GettingStarted />}

      <h2>API key</h2>
      {settings ? <KeySection settings={settings} controller={controller} busy={busy} /> : <p>Loading…</p>}

      <h2>Default model</h2>
      <Select
        id="default-model"
        label="Model for new images"
        value={settings?.model ?? ''}
        disabled={busy || !settings}
        options={settings?.models.map((m) => [m.id, modelLabel(m)] as const) ?? []}
        onChange={(id) => void controller.settings.saveModel(id)}
      />

      {settings?.policy && (
        <>
          <h2>Your organization</h2>
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
