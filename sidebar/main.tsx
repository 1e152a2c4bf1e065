import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SidebarContext } from '../src/shared/rpc';
import { createServer, ServerError } from './rpc';
import './styles.css';

const server = createServer();

type State = { kind: 'loading' } | { kind: 'ready'; context: SidebarContext } | { kind: 'error'; error: ServerError };

function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    server.getSidebarContext().then(
      (context) => setState({ kind: 'ready', context }),
      (error: unknown) =>
        setState({
          kind: 'error',
          error:
            error instanceof ServerError
              ? error
              : new ServerError({ code: 'INTERNAL', message: 'Peel could not start.', action: 'Reload the sidebar.' }),
        }),
    );
  }, []);

  return (
    <main class="peel">
      <h1>Peel</h1>
      {state.kind === 'loading' && <p role="status">Loading…</p>}
      {state.kind === 'ready' && (
        <p role="status">
          Ready in Google {state.context.host === 'slides' ? 'Slides' : 'Docs'} (Peel {state.context.version}).
        </p>
      )}
      {state.kind === 'error' && (
        <div role="alert" class="error">
          <p>{state.error.message}</p>
          <p>{state.error.action}</p>
        </div>
      )}
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
