import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UserFacingError } from '../../src/shared/rpc';
import { ErrorBox } from './ErrorBox';
import type { Late } from './late';
import { toWireError } from './rpc';
import { t } from './words';

/**
 * Draws what a late part holds: a short wait the first time, then the part's view. If the part cannot be
 * fetched, the sentence says why and Try again asks once more; the rest of the sidebar keeps working.
 */
export function Later<T>({ late, render }: { late: Late<T>; render: (part: T) => ComponentChildren }) {
  const [, arrived] = useState(0);
  const [error, setError] = useState<UserFacingError | null>(null);
  const part = late.now();
  useEffect(() => {
    if (part || error) return;
    let live = true;
    late.load().then(
      () => live && arrived((n) => n + 1),
      (reason: unknown) => live && setError(toWireError(reason)),
    );
    return () => {
      live = false;
    };
  }, [part, error, late]);
  if (part) return <>{render(part)}</>;
  if (!error) return <p class="hint">{t('loading')}</p>;
  return (
    <>
      <ErrorBox error={error} />
      <button type="button" class="button outlined" onClick={() => setError(null)}>
        {t('tryAgain')}
      </button>
    </>
  );
}
