import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface Choice {
  readonly label: string;
  readonly onClick: () => void;
}

/**
 * Someone changed what the person's action started from, so nothing was overwritten: the sentence saying so,
 * what it is now (`children`), and two choices. It answers the button just pressed, so it comes into view with
 * the first choice focused.
 */
export function ChangedChoice({
  message,
  hint,
  busy,
  first,
  second,
  children,
}: {
  message: string;
  hint: string;
  busy: boolean;
  first: Choice;
  second: Choice;
  children?: ComponentChildren;
}) {
  const focused = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'nearest' });
    focused.current?.focus();
  }, []);
  return (
    <div class="changed" role="alert">
      <p class="warning">{message}</p>
      {children}
      <p class="hint">{hint}</p>
      <div class="actions" aria-busy={busy}>
        <button ref={focused} type="button" class="button filled" disabled={busy} onClick={first.onClick}>
          {first.label}
        </button>
        <button type="button" class="button outlined" disabled={busy} onClick={second.onClick}>
          {second.label}
        </button>
      </div>
    </div>
  );
}
