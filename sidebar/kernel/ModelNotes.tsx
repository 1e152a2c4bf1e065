import type { UserFacingError } from '../../src/shared/rpc';
import { t } from './words';

interface Props {
  readonly text: string;
  readonly warnings: readonly string[];
  readonly failures: readonly UserFacingError[];
}

/** Under a set of variants: the model's own words (as text), warnings, and the variants that failed. */
export function ModelNotes({ text, warnings, failures }: Props) {
  const [first] = failures;
  return (
    <>
      {text && (
        <p class="model-text">
          <span class="muted">Gemini: </span>
          {text}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} class="warning">
          {w}
        </p>
      ))}
      {first && (
        <p class="warning">
          {t('variantFailed', { n: failures.length })}
          {first.message} {first.action}
        </p>
      )}
    </>
  );
}
