import { useState } from 'preact/hooks';
import type { JobItemView, JobView, Wire } from '../../../src/shared/rpc';
import { formatUsd } from '../../kernel/format';
import { Img } from '../../kernel/Picture';
import { useClock } from '../../kernel/Progress';
import { elapsedSeconds } from '../../kernel/waits';
import { t } from '../../kernel/words';
import { type JobProps, jobTitle } from './Entries';
import { duration, jobWords, type PlanDraft, planSummary, progress, secondsLeft, stateWord, unfinished } from './state';

type Props = JobProps;

/** Before anything is billed: which slides, each prompt, the number of images, the estimate and the cap. */
export function Plan({ state, controller, draft }: Props & { draft: PlanDraft }) {
  const { dispatch } = controller;
  const summary = planSummary(draft);
  const starting = state.session.busy === 'job';
  const words = jobWords(state.session.host);
  return (
    <section class="job-plan" aria-label={t('plan')}>
      {draft.plan.items.length === 0 && <p class="hint">{t(words.docs ? 'nothingToDoDocument' : 'nothingToDo')}</p>}
      <ul class="job-items">
        {draft.plan.items.map((item, i) => (
          <li key={item.key}>
            <label class="check">
              <input
                type="checkbox"
                checked={draft.chosen[i] === true}
                onChange={(e) => dispatch({ type: 'planItemToggled', index: i, chosen: e.currentTarget.checked })}
              />
              {item.label}
            </label>
            <details>
              <summary>{t('promptRatio', { ratio: item.aspectRatio })}</summary>
              <textarea
                aria-label={t(words.docs ? 'promptForSection' : 'promptForSlide', { n: item.slideNumber })}
                rows={3}
                value={draft.prompts[i] ?? ''}
                onInput={(e) => dispatch({ type: 'planPromptChanged', index: i, prompt: e.currentTarget.value })}
              />
            </details>
          </li>
        ))}
      </ul>
      <p class="estimate">{summary.words}</p>
      <label class="field-label" htmlFor="job-cap">
        {t('capLabel')}
      </label>
      <input
        id="job-cap"
        type="number"
        min="0"
        step="0.01"
        value={draft.capUsd}
        onChange={(e) => dispatch({ type: 'planCapChanged', capUsd: Number(e.currentTarget.value) })}
      />
      <p class="hint">{t('capHint')}</p>
      <div class="actions">
        <button
          type="button"
          class="button filled"
          disabled={summary.count === 0 || starting}
          onClick={() => void controller.job.start()}
        >
          {t('startImages', { n: summary.count })}
        </button>
        <button type="button" class="button text" onClick={() => dispatch({ type: 'planClosed' })}>
          {t('back')}
        </button>
      </div>
    </section>
  );
}

function JobProgress({ state, controller, view }: Props & { view: Wire<JobView> }) {
  const { run, holdUntil } = state.job;
  const now = useClock(run !== null);
  const { total, done, failed } = progress(view);
  const left = secondsLeft(state.job, now);
  const held = holdUntil !== null && holdUntil > now ? Math.ceil((holdUntil - now) / 1000) : 0;
  return (
    <div class="progress">
      <div
        class="progress-bar determinate"
        role="progressbar"
        aria-label={t('jobProgress')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <span style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      </div>
      <div class="progress-row">
        <p>
          {t('drawn', { done, total })}
          {failed ? ` ${t('failedCount', { n: failed })}` : ''}
          {run && (
            <>
              {' '}
              · <span role="timer">{duration(elapsedSeconds(run.startedAt, now))}</span>
              {left !== null && <> · {t('aboutLeft', { time: duration(left) })}</>}
            </>
          )}
        </p>
        {!view.cancelled && view.items.some((i) => i.state === 'waiting' || i.state === 'working') && (
          <button type="button" class="button outlined" onClick={() => void controller.job.cancel()}>
            {t('cancelJob')}
          </button>
        )}
      </div>
      {held > 0 && (
        <p class="waiting" role="timer">
          {t('perMinute', { s: held })}
        </p>
      )}
      <p class="muted">{t('spentOf', { spent: formatUsd(view.spentUsd), cap: formatUsd(view.capUsd) })}</p>
    </div>
  );
}

function Item({
  state,
  controller,
  item,
  index,
  price,
}: Props & { item: Wire<JobItemView>; index: number; price: number | null }) {
  const [prompt, setPrompt] = useState<string | null>(null);
  const picture = state.job.pictures[index];
  const busy = state.session.busy !== null;
  const docs = jobWords(state.session.host).docs;
  const name = t(docs ? 'sectionN' : 'slideN', { n: item.slideNumber });
  const review = (action: 'accept' | 'skip' | 'regenerate') => void controller.job.review(index, action);
  const lost = item.state === 'lost';
  const redo = item.state === 'proposed' || item.state === 'failed' || lost;
  // Said before anything is billed: a lost proposal is drawn again only on this button, at this price.
  const cost = price === null ? t('priceUnknownJob') : t('about', { usd: formatUsd(price) });
  return (
    <li class={`job-item ${item.state}`}>
      <p>
        <strong>{item.label}</strong> · {stateWord(item.state)}
        {item.costUsd !== null && item.state !== 'waiting' ? ` · ${formatUsd(item.costUsd)}` : ''}
      </p>
      {item.state === 'failed' && item.error && <p class="warning">{item.error}</p>}
      {lost && <p class="warning">{t('lostHint', { cost })}</p>}
      {item.state === 'proposed' &&
        (picture ? (
          <Img class="proposal" picture={picture} alt={t('proposalFor', { name, prompt: item.prompt })} />
        ) : (
          <p class="hint">{t('notShown')}</p>
        ))}
      {prompt !== null ? (
        <div>
          <textarea
            aria-label={t('newPromptFor', { name })}
            rows={3}
            value={prompt}
            onInput={(e) => setPrompt(e.currentTarget.value)}
          />
          <div class="row">
            <button
              type="button"
              class="button tonal"
              disabled={!prompt.trim()}
              onClick={() => {
                void controller.job.review(index, 'prompt', prompt.trim());
                setPrompt(null);
              }}
            >
              {t('drawWithPrompt')}
            </button>
            <button type="button" class="button text" onClick={() => setPrompt(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        redo && (
          <div class="row">
            {item.state === 'proposed' && (
              <button type="button" class="button filled" disabled={busy} onClick={() => review('accept')}>
                {t('accept')}
              </button>
            )}
            <button type="button" class="button outlined" disabled={busy} onClick={() => review('regenerate')}>
              {lost ? t('drawAgain', { cost }) : t('regenerate')}
            </button>
            <button type="button" class="button text" disabled={busy} onClick={() => setPrompt(item.prompt)}>
              {t('editPrompt')}
            </button>
            <button type="button" class="button text" disabled={busy} onClick={() => review('skip')}>
              {t('skip')}
            </button>
          </div>
        )
      )}
    </li>
  );
}

/** The running job and its review list. */
export function Job({ state, controller, view }: Props & { view: Wire<JobView> }) {
  const { proposed } = progress(view);
  const docsJob = jobWords(state.session.host).docs;
  return (
    <section class="job" aria-label={jobTitle(view.kind, state.session.host)}>
      <JobProgress state={state} controller={controller} view={view} />
      {proposed > 0 && (
        <button
          type="button"
          class="button filled wide"
          disabled={state.session.busy !== null}
          onClick={() => void controller.job.acceptAll()}
        >
          {t('acceptAll', { n: proposed })}
        </button>
      )}
      <ul class="job-items" aria-label={t(docsJob ? 'sections' : 'slides')}>
        {view.items.map((item, i) => (
          <Item
            key={item.key}
            state={state}
            controller={controller}
            item={item}
            index={i}
            price={view.perImageUsd ?? null}
          />
        ))}
      </ul>
      {!unfinished(view) && (
        <button type="button" class="button outlined wide" onClick={controller.job.close}>
          {t('done')}
        </button>
      )}
    </section>
  );
}
