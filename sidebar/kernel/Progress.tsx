import { useEffect, useRef, useState } from 'preact/hooks';
import { elapsedSeconds, type Generating, waitingLine } from './waits';
import { t } from './words';

/** The time now, again every second while `ticking`: what countdowns and elapsed times are drawn from. */
export function useClock(ticking = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

interface Props {
  readonly generating: Generating;
  readonly onCancel: () => void;
  /** What is being waited for, e.g. "Editing 2 variants"; Generate's words by default. */
  readonly doing?: string;
}

/**
 * Shown while Peel waits for Gemini: how long it has been, and, while Gemini has asked Peel to wait, the
 * countdown to the next try ("Gemini is busy; trying again in 20 s, attempt 2 of 3"). The seconds tick in
 * `timer` regions, which screen readers do not read out every second; the sentences themselves go through the
 * sidebar's status region once.
 */
export function Progress({ generating, onCancel, doing }: Props) {
  const now = useClock();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Generate was clicked and has been swapped for this panel: keep keyboard focus on a control.
    if (document.activeElement === document.body || document.activeElement === null) cancel.current?.focus();
  }, []);
  const seconds = elapsedSeconds(generating.startedAt, now);
  const waiting = waitingLine(generating, now);
  return (
    <div class="progress">
      <div class="progress-bar" aria-hidden="true">
        <span />
      </div>
      <div class="progress-row">
        <p>
          {doing ?? t('generating', { n: generating.variants })}…{' '}
          <span role="timer">{t('seconds', { n: seconds })}</span>
        </p>
        <button type="button" class="button outlined" ref={cancel} data-refocus onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {waiting && (
        <p class="waiting" role="timer">
          {waiting}
        </p>
      )}
    </div>
  );
}
