/**
 * The workbench page. It keeps no state of its own beyond what is on screen: the server's state is fetched
 * whenever the server says it changed, and every person's action is a POST whose answer is the new state.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BrowserAccount, HostKind, SelectionUpdate, WorkbenchState } from '../protocol';
import { api, subscribe } from './api';
import { Banner, MenuBar, TitleBar } from './chrome';
import { DocsEditor } from './docs';
import { Alerts, Dialog, Executions, Sidebar } from './panels';
import { relayRpc } from './relay';
import { SlidesEditor } from './slides';
import './styles.css';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function App() {
  const [state, setState] = useState<WorkbenchState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sidebarFrame = useRef<HTMLIFrameElement>(null);
  const dialogFrame = useRef<HTMLIFrameElement>(null);
  const editorRef = useRef<HTMLElement>(null);
  const shown = useRef<{ session: string; version: number } | null>(null);

  // Answers can arrive out of order (a slow POST after a newer event); only newer ones are drawn. A new
  // session (the server restarted) starts its count again, so it always wins.
  const accept = useCallback((next: WorkbenchState) => {
    const current = shown.current;
    if (current && current.session === next.session && next.version < current.version) return;
    shown.current = { session: next.session, version: next.version };
    setState(next);
  }, []);

  const refreshing = useRef(false);
  const again = useRef(false);
  const refresh = useCallback(async () => {
    if (refreshing.current) {
      again.current = true;
      return;
    }
    refreshing.current = true;
    try {
      do {
        again.current = false;
        accept(await api.state());
      } while (again.current);
    } catch (e) {
      setError(`Could not reach the workbench server: ${message(e)}`);
    } finally {
      refreshing.current = false;
    }
  }, [accept]);

  const act = useCallback(
    async (action: () => Promise<WorkbenchState>, blocking = true) => {
      if (blocking) setBusy(true);
      try {
        accept(await action());
        setError(null);
      } catch (e) {
        setError(message(e));
      } finally {
        if (blocking) setBusy(false);
      }
    },
    [accept],
  );

  useEffect(() => {
    // Loading the page is opening the file: the editor runs the add-on's onOpen, which builds its menu.
    void act(() => api.open());
    const unsubscribe = subscribe(() => void refresh());
    const frames = () => [sidebarFrame.current?.contentWindow, dialogFrame.current?.contentWindow];
    const onMessage = (event: MessageEvent<{ peelWorkbench?: string }>) => {
      // Only the add-on's frames speak to the editor; anything else posting here is ignored.
      if (!frames().includes(event.source as Window | null) || relayRpc(event, frames)) return;
      const what = event.data?.peelWorkbench;
      if (what === 'focus') editorRef.current?.focus();
      if (what !== 'close') return;
      if (event.source === sidebarFrame.current?.contentWindow) void act(() => api.close('sidebar'), false);
      if (event.source === dialogFrame.current?.contentWindow) void act(() => api.close('dialog'), false);
    };
    window.addEventListener('message', onMessage);
    return () => {
      unsubscribe();
      window.removeEventListener('message', onMessage);
    };
  }, [act, refresh]);

  const emulatorIds = useMemo(() => new Set(state?.emulatorImageIds ?? []), [state?.emulatorImageIds]);

  if (!state) {
    return (
      <p class="loading" role="status">
        {error ?? 'Opening the document…'}
      </p>
    );
  }

  const select = (update: SelectionUpdate) => {
    // Drawn at once; the server's answer (the same selection) follows.
    setState({ ...state, document: { ...state.document, selection: update.selection } as WorkbenchState['document'] });
    void act(() => api.select(update), false);
  };
  const doc = state.document;
  const switchHost = (host: HostKind) => void act(() => api.switchHost(host));
  // A new page load as that user: opening the file runs onOpen as them, and the URL says who this window is.
  const actAs = (user: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('user', user);
    window.location.assign(url.href);
  };
  // Signed in to several accounts is a property of the browser window, so it too is a new page load.
  const signInAs = (account: BrowserAccount) => {
    const url = new URL(window.location.href);
    if (account === 'only') url.searchParams.delete('account');
    else url.searchParams.set('account', account);
    window.location.assign(url.href);
  };

  return (
    <div class="workbench">
      <header class="top">
        <TitleBar
          host={state.host}
          name={doc.name}
          busy={busy}
          onSwitch={switchHost}
          onReset={() => void act(() => api.reset())}
          demo={state.demo}
          demos={state.demos}
          onDemo={(demo) => void act(() => api.reset(demo))}
          user={state.user}
          users={state.users}
          onUser={actAs}
          account={state.account}
          onAccount={signInAs}
        />
        <MenuBar menus={state.menus} onItem={(fn) => void act(() => api.menu(fn), false)} />
      </header>
      <Banner backend={state.backend} />
      {error && (
        <div class="page-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div class="workspace">
        <main
          class="editor"
          ref={editorRef}
          tabIndex={-1}
          aria-label={doc.kind === 'deck' ? `Slides: ${doc.name}` : `Docs: ${doc.name}`}
        >
          {doc.kind === 'deck' ? (
            <SlidesEditor
              deck={doc}
              emulatorIds={emulatorIds}
              onSelect={(selection) => select({ host: 'deck', selection })}
            />
          ) : (
            <DocsEditor
              doc={doc}
              emulatorIds={emulatorIds}
              onSelect={(selection) => select({ host: 'doc', selection })}
            />
          )}
        </main>
        {state.sidebar && (
          <Sidebar
            sidebar={state.sidebar}
            frameRef={sidebarFrame}
            onClose={() => void act(() => api.close('sidebar'), false)}
          />
        )}
      </div>
      <Executions executions={state.executions} documentStore={state.documentStore} />
      {state.dialog && (
        <Dialog
          dialog={state.dialog}
          frameRef={dialogFrame}
          onClose={() => void act(() => api.close('dialog'), false)}
        />
      )}
      <Alerts alerts={state.alerts} onDismiss={() => void act(() => api.dismissAlerts(), false)} />
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
