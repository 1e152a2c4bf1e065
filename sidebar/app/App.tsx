import { useEffect, useRef, useState } from 'preact/hooks';
import type { Target } from '../../src/shared/rpc';
import { Compose } from '../features/compose/View';
import { DocsWidthPicker } from '../features/insert/View';
import { DeckEntries, jobTitle } from '../features/job/Entries';
import { References } from '../features/references/View';
import { Results } from '../features/results/View';
import type { SessionState } from '../features/session/state';
import { StyleChip } from '../features/style/Chip';
import { styleTitle } from '../features/style/state';
import { shownThread } from '../features/thread/state';
import { Thread } from '../features/thread/View';
import { ErrorBox } from '../kernel/ErrorBox';
import { useFocusKeeper } from '../kernel/focus';
import { formatUsd } from '../kernel/format';
import { Later } from '../kernel/Later';
import { t } from '../kernel/words';
import type { Controller } from './controller';
import { BackIcon, SettingsIcon } from './icons';
import type { State, Store } from './store';

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
  const { parts } = controller;
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
  const styleChip = <StyleChip state={state} controller={controller} />;
  // With references in the tray, the words as they will be sent, under the prompt or the instruction.
  const wording = (mode: 'generate' | 'edit') =>
    state.references.tray.length > 0 && (
      <Later late={parts} render={(p) => <p.Wording mode={mode} state={state} controller={controller} />} />
    );
  const later = (mode: 'generate' | 'edit') => (view: 'picker' | 'style') => (
    <Later
      late={parts}
      render={(p) =>
        view === 'picker' ? (
          <p.DocumentPicker state={state} controller={controller} />
        ) : (
          <p.StyleButtons state={state} controller={controller} mode={mode} />
        )
      }
    />
  );

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
          <button type="button" class="icon-button" aria-label={t('back')} onClick={() => show('main')}>
            <BackIcon />
          </button>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {inSettings
            ? t('settings')
            : styleDraft
              ? styleTitle(session.host)
              : jobKind
                ? jobTitle(jobKind, session.host)
                : thread
                  ? t('editTitle')
                  : t('generateTitle')}
        </h1>
        {!inSettings && (
          <button
            type="button"
            class="icon-button"
            ref={settingsButton}
            aria-label={t('settings')}
            title={t('settings')}
            onClick={() => show('settings')}
          >
            <SettingsIcon />
          </button>
        )}
      </header>

      <main>
        {inSettings ? (
          <Later late={parts} render={(p) => <p.Settings state={state} controller={controller} />} />
        ) : (
          <>
            {styleDraft ? (
              <Later
                late={parts}
                render={(p) => <p.StyleEditor state={state} controller={controller} draft={styleDraft} />}
              />
            ) : plan ? (
              <Later late={parts} render={(p) => <p.Plan state={state} controller={controller} draft={plan} />} />
            ) : job ? (
              <Later late={parts} render={(p) => <p.Job state={state} controller={controller} view={job} />} />
            ) : thread ? (
              <Thread
                state={state}
                view={thread}
                controller={controller}
                style={
                  <>
                    {wording('edit')}
                    {styleChip}
                  </>
                }
                references={<References state={state} controller={controller} mode="edit" later={later('edit')} />}
                extras={(busy, at) => (
                  <Later
                    late={parts}
                    render={(p) => <p.Extras at={at} busy={busy} state={state} view={thread} controller={controller} />}
                  />
                )}
              />
            ) : (
              <Compose
                state={state}
                controller={controller}
                docsWidth={<DocsWidthPicker width={state.insert.docsWidth} insert={controller.insert} />}
                deck={
                  <>
                    {session.target?.offers && !session.target.problem && (
                      <Later
                        late={parts}
                        render={(p) => <p.PlaceChoices target={session.target as Target} controller={controller} />}
                      />
                    )}
                    {session.host && <DeckEntries state={state.job} host={session.host} controller={controller} />}
                  </>
                }
                style={
                  <>
                    {wording('generate')}
                    {styleChip}
                  </>
                }
                references={
                  <References state={state} controller={controller} mode="generate" later={later('generate')} />
                }
              />
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
        {session.documentCostUsd !== null && <span>{t('soFar', { usd: formatUsd(session.documentCostUsd) })}</span>}
        {session.version && <span>{t('version', { version: session.version })}</span>}
      </footer>
    </div>
  );
}
