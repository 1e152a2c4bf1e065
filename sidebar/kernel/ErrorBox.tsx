import type { ErrorCode } from '../../src/core/errors';
import type { UserFacingError } from '../../src/shared/rpc';
import { t } from './words';

/** Failures the user fixes in Settings: the box offers the way there. */
const KEY_PROBLEMS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NO_KEY',
  'KEY_INVALID',
  'KEY_LEAKED',
  'KEY_SUSPENDED',
  'PERMISSION_DENIED',
  'BILLING_REQUIRED',
]);

export function needsSettings(code: ErrorCode): boolean {
  return KEY_PROBLEMS.has(code);
}

/** Google's page for a missing permission, only as a web address (never a `javascript:` one). */
function grantPage(error: UserFacingError): string | null {
  const url = error.authorizationUrl;
  return url && /^https?:\/\//.test(url) ? url : null;
}

interface Props {
  readonly error: UserFacingError | null;
  /** Present where Settings can be opened (the main view). */
  readonly onOpenSettings?: () => void;
}

/**
 * The one place errors are drawn: the sentence, the next step, and the service's or model's own words, all as
 * text. The alert region stays mounted so a screen reader announces each new error as it appears.
 */
export function ErrorBox({ error, onOpenSettings }: Props) {
  return (
    <div role="alert" class="alert-region">
      {error && (
        <div class="error-box">
          <p class="error-message">{error.message}</p>
          <p>{error.action}</p>
          {error.detail && (
            <p class="error-detail">
              <span class="muted">{t('details')}</span>
              {error.detail}
            </p>
          )}
          {/* Google's own consent page, in a window of its own: the sidebar's frame cannot show it. */}
          {grantPage(error) && (
            <a class="button outlined" href={grantPage(error) ?? ''} target="_blank" rel="noopener noreferrer">
              {t('grant')}
            </a>
          )}
          {onOpenSettings && needsSettings(error.code) && (
            <button type="button" class="button outlined" onClick={onOpenSettings}>
              {t('openSettings')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
