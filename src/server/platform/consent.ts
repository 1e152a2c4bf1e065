/**
 * Google's own consent page for what a person has not granted yet: ScriptApp.getAuthorizationInfo(FULL)'s
 * authorization URL ("Gets the authorization URL that can be used to grant access to the script"; null when
 * nothing is missing). Asked only when a call was refused, so the usual path pays nothing for it.
 */
import { consentRefusal } from '../../core/consent';
import { isPeelError, PeelError } from '../../core/errors';

/**
 * A refused call as SCOPE_NOT_GRANTED (or the PeelError that already names its scope), with the page where the
 * person grants it; anything else unchanged.
 */
export function withConsentPage(error: unknown): unknown {
  const refused = isPeelError(error) ? error : consentRefusal(error instanceof Error ? error.message : String(error));
  if (!refused) return error;
  if (!refused.details.scope || refused.details.authorizationUrl) return refused;
  let url: string | null = null;
  try {
    url = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationUrl();
  } catch (failure) {
    console.error(failure instanceof Error ? failure.stack : String(failure));
  }
  return url ? new PeelError(refused.code, refused.message, { ...refused.details, authorizationUrl: url }) : refused;
}
