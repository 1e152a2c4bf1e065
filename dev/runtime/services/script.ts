/** ScriptApp and Session: who runs the execution and how far it is authorized. */
import { createHash } from 'node:crypto';
import { type AuthMode, requireAuthorization } from './auth';
import { AUTHORIZE_PATH, consentRefusal, SCOPE } from './consent';

export const AUTH_MODE = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});
export const AUTHORIZATION_STATUS = Object.freeze({ REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' });

export interface ScriptIdentity {
  readonly scriptId: string;
  readonly user: string;
  readonly authMode: AuthMode;
  readonly timeZone: string;
  /** The manifest's oauthScopes, and whether the user granted each (granular consent, consent.ts). */
  readonly scopes?: readonly string[];
  readonly granted?: (scope: string) => boolean;
  readonly authorizationBase?: string;
  /** The user's editor language (World.locales); 'en' when absent. */
  readonly locale?: string;
}

/** A stand-in OAuth token: stable per user, recognizably fake, never valid at Google. */
export function fakeOAuthToken(user: string): string {
  return `ya29.local-runtime.${createHash('sha256').update(user).digest('hex').slice(0, 24)}`;
}

/**
 * getAuthorizedScopes and the scopes argument are newer than @types/google-apps-script, which also types
 * getAuthorizationUrl as never null although Google documents null when nothing is missing.
 */
class FakeAuthorizationInfo
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationStatus' | 'getAuthorizationUrl'>
{
  /** `missing`: the asked scopes not granted; `authorized`: those granted. */
  constructor(
    private readonly missing: readonly string[],
    private readonly authorized: readonly string[],
    private readonly page: { readonly base: string; readonly user: string },
  ) {}

  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    const status = this.missing.length > 0 ? AUTHORIZATION_STATUS.REQUIRED : AUTHORIZATION_STATUS.NOT_REQUIRED;
    return status as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }

  /**
   * "This method returns null if no authorization is required." The workbench answers this path with its stand-in
   * of Google's consent page, which grants the scopes named.
   */
  getAuthorizationUrl(): string {
    if (this.missing.length === 0) return null as unknown as string;
    const query = new URLSearchParams({ scope: this.missing.join(' '), user: this.page.user });
    return `${this.page.base}${AUTHORIZE_PATH}?${query}`;
  }

  /** "If authorization information is requested for a specified list of scopes, returns the authorized scopes from the specified list." */
  getAuthorizedScopes(): string[] {
    return [...this.authorized];
  }
}

export class FakeScriptApp
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      'AuthMode' | 'AuthorizationStatus' | 'getAuthorizationInfo' | 'getOAuthToken' | 'getScriptId'
    >
{
  readonly AuthMode = AUTH_MODE as unknown as typeof GoogleAppsScript.Script.AuthMode;
  readonly AuthorizationStatus = AUTHORIZATION_STATUS as unknown as typeof GoogleAppsScript.Script.AuthorizationStatus;

  constructor(private readonly identity: ScriptIdentity) {}

  /**
   * In AuthMode.NONE nothing is authorized; otherwise each scope asked about (default: the manifest's) is
   * authorized unless the user declined it.
   */
  getAuthorizationInfo(
    _authMode: GoogleAppsScript.Script.AuthMode,
    oAuthScopes?: string[],
  ): GoogleAppsScript.Script.AuthorizationInfo {
    const asked = oAuthScopes ?? [...(this.identity.scopes ?? [])];
    const none = this.identity.authMode === 'NONE';
    const granted = (scope: string) => !none && (this.identity.granted?.(scope) ?? true);
    const authorized = asked.filter(granted);
    const missing = asked.filter((scope) => !granted(scope));
    // Asked about nothing in AuthMode.NONE, authorization is still required.
    const page = { base: this.identity.authorizationBase ?? 'https://script.google.com', user: this.identity.user };
    const info = new FakeAuthorizationInfo(none && missing.length === 0 ? ['(all)'] : missing, authorized, page);
    return info as unknown as GoogleAppsScript.Script.AuthorizationInfo;
  }

  getOAuthToken(): string {
    requireAuthorization(this.identity.authMode, 'ScriptApp.getOAuthToken');
    return fakeOAuthToken(this.identity.user);
  }

  getScriptId(): string {
    return this.identity.scriptId;
  }
}

class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }
}

export class FakeSession
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      'getActiveUser' | 'getActiveUserLocale' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly identity: ScriptIdentity) {}

  /**
   * The email only where the user authorized this execution; simple triggers (LIMITED, NONE) get an empty
   * string, as Apps Script gives them. The call needs userinfo.email
   * (developers.google.com/apps-script/reference/base/session#getActiveUser(), "Authorization"): a manifest that
   * lists its scopes without it, or a person who declined it, gets Apps Script's permission refusal. A manifest
   * with no list has its scopes detected from the code, so the call works.
   */
  getActiveUser(): GoogleAppsScript.Base.User {
    const listed = this.identity.scopes ?? [];
    if (
      listed.length > 0 &&
      (!listed.includes(SCOPE.userEmail) || this.identity.granted?.(SCOPE.userEmail) === false)
    ) {
      throw consentRefusal('Session.getActiveUser', SCOPE.userEmail);
    }
    return this.user(this.identity.authMode === 'FULL' ? this.identity.user : '');
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return this.user(this.identity.authMode === 'FULL' ? this.identity.user : '');
  }

  /**
   * The user's language as Apps Script gives it: a language code, with the region after an underscore where
   * it matters ("en", "de", "pt_BR"; developers.google.com/apps-script/reference/base/session#getActiveUserLocale()).
   */
  getActiveUserLocale(): string {
    return this.identity.locale ?? 'en';
  }

  getScriptTimeZone(): string {
    return this.identity.timeZone;
  }

  /** Stable per user and script, and not the email. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this.identity.scriptId}\n${this.identity.user}`)
      .digest('base64url')
      .slice(0, 32);
  }

  private user(email: string): GoogleAppsScript.Base.User {
    return new FakeUser(email) as unknown as GoogleAppsScript.Base.User;
  }
}
