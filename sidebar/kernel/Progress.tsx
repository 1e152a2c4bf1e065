import { useEffect, useRef, useState } from 'preact/hooks';
import { plural } from './format';
import { elapsedSeconds, type Generating, waitingLine } from './waits';

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
  const [now, setNow] = useState(Date.now);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
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
          {doing ?? `Generating ${plural(generating.variants, 'image', 'images')}`}…{' '}
          <span role="timer">{seconds} s</span>
        </p>
        <button type="button" class="button outlined" ref={cancel} data-refocus onClick={onCancel}>
          Cancel
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
