/**
 * Authorization modes as the runtime's own services apply them. In AuthMode.NONE (onOpen in a file where the
 * add-on is installed but not yet used) nothing that needs authorization may run; LIMITED (onOpen once the
 * add-on is enabled) is a simple trigger, which may not call services needing the user's authorization, such
 * as UrlFetchApp. The SlidesApp/DocumentApp fakes apply the same rule to their own getters.
 */
import { ScriptException } from './utilities';

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';

export function requireAuthorization(authMode: AuthMode, call: string, allowLimited = true): void {
  if (authMode === 'NONE' || (authMode === 'LIMITED' && !allowLimited)) {
    throw new ScriptException(
      `You do not have permission to call ${call} in AuthMode.${authMode}. Authorization is required to perform that action.`,
    );
  }
}
