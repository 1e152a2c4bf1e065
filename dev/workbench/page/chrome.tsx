/**
 * The editor's frame around the document: title bar with the document switch, the menu bar with
 * Extensions (the add-on menu onOpen built), and the banner that says where Gemini requests go.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendInfo, BrowserAccount, HostKind, MenuView } from '../protocol';

interface TitleBarProps {
  readonly host: HostKind;
  readonly name: string;
  readonly busy: boolean;
  readonly onSwitch: (host: HostKind) => void;
  readonly onReset: () => void;
  readonly demo: string;
  readonly demos: readonly { readonly name: string; readonly label: string }[];
  readonly onDemo: (demo: string) => void;
  readonly user: string;
  readonly users: readonly string[];
  readonly onUser: (user: string) => void;
  readonly account: BrowserAccount;
  readonly onAccount: (account: BrowserAccount) => void;
}

export function TitleBar(props: TitleBarProps) {
  const { host, name, busy, onSwitch, onReset, demo, demos, onDemo, user, users, onUser, account, onAccount } = props;
  return (
    <div class="titlebar">
      <span class={`app-icon app-${host}`} aria-hidden="true" />
      <div class="doc-title">
        <span class="doc-name">{name}</span>
        <span class="doc-sub">Peel workbench · emulated Google {host === 'deck' ? 'Slides' : 'Docs'}</span>
      </div>
      <fieldset class="host-switch" aria-label="Emulated editor">
        <button type="button" aria-pressed={host === 'deck'} disabled={busy} onClick={() => onSwitch('deck')}>
          Slides
        </button>
        <button type="button" aria-pressed={host === 'doc'} disabled={busy} onClick={() => onSwitch('doc')}>
          Docs
        </button>
      </fieldset>
      <button
        type="button"
        class="reset"
        title="Put both demo documents, the properties and the UI back as they were"
        disabled={busy}
        onClick={() => onReset()}
      >
        Reset demo
      </button>
      <label class="demo-switch" title="Start again from another demo's deck and document">
        Demo
        <select
          value={demo}
          disabled={busy}
          onChange={(event) => onDemo((event.currentTarget as HTMLSelectElement).value)}
        >
          {demos.map((d) => (
            <option key={d.name} value={d.name}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <UserSwitch user={user} users={users} busy={busy} onUser={onUser} />
      <AccountSwitch account={account} busy={busy} onAccount={onAccount} />
    </div>
  );
}

const ACCOUNT_CHOICES: readonly { readonly value: BrowserAccount; readonly label: string }[] = [
  { value: 'only', label: 'this account only' },
  { value: 'not-default', label: 'another account (Peel approved there)' },
  { value: 'not-default-unauthorized', label: 'another account (Peel never approved)' },
];

/**
 * Several Google accounts in one browser: when the document's account is not the default one, Apps Script runs
 * google.script.run as the default account and refuses the sidebar's calls (server.ts, OTHER_ACCOUNT_REFUSAL).
 */
function AccountSwitch({
  account,
  busy,
  onAccount,
}: {
  readonly account: BrowserAccount;
  readonly busy: boolean;
  readonly onAccount: (account: BrowserAccount) => void;
}) {
  return (
    <label
      class="user-switch"
      title="Which signed-in Google account the browser treats as its default; another one makes Apps Script refuse the sidebar's calls, as Google does"
    >
      Browser default
      <select
        value={account}
        disabled={busy}
        onChange={(event) => onAccount(event.currentTarget.value as BrowserAccount)}
      >
        {ACCOUNT_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

interface UserSwitchProps {
  readonly user: string;
  readonly users: readonly string[];
  readonly busy: boolean;
  readonly onUser: (user: string) => void;
}

/** Who this window is, where the editor shows its account; another window can act as someone else. */
function UserSwitch({ user, users, busy, onUser }: UserSwitchProps) {
  const choices = users.includes(user) ? users : [user, ...users];
  return (
    <label class="user-switch" title="Each user has their own key, user properties and cache, as in Apps Script">
      <span class="avatar" aria-hidden="true">
        {user.charAt(0).toUpperCase()}
      </span>
      Act as
      <select value={user} disabled={busy} onChange={(event) => onUser(event.currentTarget.value)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

interface MenuBarProps {
  readonly menus: readonly MenuView[];
  readonly onItem: (functionName: string) => void;
}

/** Only Extensions does anything here; the other menus are drawn so the bar reads like the editor's. */
export function MenuBar({ menus, onItem }: MenuBarProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const firstItem = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    firstItem.current?.focus();
    const away = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  let first = true;
  return (
    <nav class="menubar" aria-label="Menus">
      {['File', 'Edit', 'View', 'Insert', 'Format', 'Tools'].map((label) => (
        <span key={label} class="menu-dead" aria-hidden="true">
          {label}
        </span>
      ))}
      <div class="menu" ref={ref}>
        <button
          type="button"
          class="menu-button"
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          Extensions
        </button>
        {open && (
          <div class="menu-popup" role="menu" aria-label="Extensions">
            {menus.length === 0 && <p class="menu-empty">No add-on menu. onOpen added none; see Executions.</p>}
            {menus.map((menu, mi) => (
              // biome-ignore lint/a11y/useSemanticElements: ARIA menus group their items with role=group; a fieldset is for forms.
              <div key={`${menu.caption}${mi}`} role="group" aria-label={menu.caption}>
                <p class="menu-caption" aria-hidden="true">
                  {menu.caption}
                </p>
                {menu.items.map((item) => {
                  const isFirst = first;
                  first = false;
                  return (
                    <button
                      key={`${item.caption}${item.functionName}`}
                      type="button"
                      role="menuitem"
                      {...(isFirst ? { ref: firstItem } : {})}
                      onClick={() => {
                        setOpen(false);
                        onItem(item.functionName);
                      }}
                    >
                      {item.caption}
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
        )}
      </div>
      <span class="menu-dead" aria-hidden="true">
        Help
      </span>
    </nav>
  );
}

export function Banner({ backend }: { backend: BackendInfo }) {
  const latency =
    backend.latencyMs === undefined
      ? ''
      : ` · ${backend.latencyMs >= 1000 ? `${backend.latencyMs / 1000} s` : `${backend.latencyMs} ms`} latency`;
  const note =
    backend.kind === 'emulator'
      ? 'Images it returns are synthetic and marked “Emulator image”.'
      : backend.kind === 'gemini'
        ? 'Requests go to Google and are billed to your key.'
        : 'Requests to generativelanguage.googleapis.com go to this address instead.';
  return (
    <aside class={`banner banner-${backend.kind}`} aria-label="Gemini backend">
      <strong>{backend.kind === 'emulator' ? 'Emulator' : backend.label}</strong>
      <span>
        {backend.kind === 'emulator' ? `Gemini emulator at ${backend.target}${latency}. ` : `${backend.target}. `}
        {note}
      </span>
    </aside>
  );
}
