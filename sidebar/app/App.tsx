import { useEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller';
import type { SessionState } from '../features/session/state';
import { styleTitle } from '../features/style/state';
import { shownThread } from '../features/thread/state';
import { formatUsd } from '../format';
import type { State, Store } from '../store';
import { Compose } from './Compose';
import { ErrorBox } from './ErrorBox';
import { useFocusKeeper } from './focus';
import { BackIcon, SettingsIcon } from './icons';
import { Job, jobTitle, Plan } from './Job';
import { Results } from './Results';
import { Settings } from './Settings';
import { StyleEditor } from './Style';
import { Thread } from './Thread';

function useStoreState(store: Store): State {
  const [state, setState] = useState(store.get);
  useEffect(() => {
    setState(store.get());
    return store.subscribe(() => setState(store.get()));
  }, [store]);
  return state;
}

export function App({ controller }: { controller: Controller }) {
  const state = useStoreState(controller.store);
  const heading = useRef<HTMLHeadingElement>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const { session } = state;
  const inSettings = session.view === 'settings';
  const thread = shownThread(state.thread);
  const { draft: styleDraft } = state.style;
  const { draft: plan, view: job } = state.job;
  const jobKind = plan?.plan.kind ?? job?.kind;
  const show = (view: SessionState['view']) => controller.dispatch({ type: 'showView', view });

  const firstView = useRef(true);
  useEffect(() => {
    // Switching views replaces the content under the keyboard focus: put focus where the user can go on.
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    (inSettings ? heading.current : settingsButton.current)?.focus();
  }, [inSettings]);
  useFocusKeeper(root, heading);

  const alertRegion = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // An error below the fold is as good as none: bring it into view (the alert role already announces it).
    if (session.error) alertRegion.current?.scrollIntoView?.({ block: 'nearest' });
  }, [session.error]);

  return (
    <div class="peel" ref={root}>
      <header class="bar">
        {inSettings && (
          <button type="button" class="icon-button" aria-label="Back" onClick={() => show('main')}>
            <BackIcon />
          </button>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {inSettings
            ? 'Settings'
            : styleDraft
              ? styleTitle(session.host)
              : jobKind
                ? jobTitle(jobKind)
                : thread
                  ? 'Edit an image'
                  : 'Generate an image'}
        </h1>
        {!inSettings && (
          <button
            type="button"
            class="icon-button"
            ref={settingsButton}
            aria-label="Settings"
            title="Settings"
            onClick={() => show('settings')}
          >
            <SettingsIcon />
          </button>
        )}
      </header>

      <main>
        {inSettings ? (
          <Settings state={state} controller={controller} />
        ) : (
          <>
            {styleDraft ? (
              <StyleEditor state={state} controller={controller} draft={styleDraft} />
            ) : plan ? (
              <Plan state={state} controller={controller} draft={plan} />
            ) : job ? (
              <Job state={state} controller={controller} view={job} />
            ) : thread ? (
              <Thread state={state} view={thread} controller={controller} />
            ) : (
              <Compose state={state} controller={controller} />
            )}
            {/* While waiting, the progress panel says the same thing on screen: the region is for screen readers. */}
            <p role="status" class={state.results.generating || state.thread.editing ? 'status sr-only' : 'status'}>
              {session.notice}
            </p>
            <div ref={alertRegion}>
              <ErrorBox error={session.error} onOpenSettings={() => show('settings')} />
            </div>
            {!thread && !styleDraft && !jobKind && state.results.shown && (
              <Results state={state} results={state.results.shown} controller={controller} />
            )}
          </>
        )}
      </main>

      <footer class="footer">
        {session.documentCostUsd !== null && <span>This document so far: {formatUsd(session.documentCostUsd)}</span>}
        {session.version && <span>Peel {session.version}</span>}
      </footer>
    </div>
  );
}
