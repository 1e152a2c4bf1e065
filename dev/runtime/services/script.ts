/** ScriptApp and Session: who runs the execution and how far it is authorized. */
import { createHash } from 'node:crypto';
import { type AuthMode, requireAuthorization } from './auth';

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
}

/** A stand-in OAuth token: stable per user, recognizably fake, never valid at Google. */
export function fakeOAuthToken(user: string): string {
  return `ya29.local-runtime.${createHash('sha256').update(user).digest('hex').slice(0, 24)}`;
}

class FakeAuthorizationInfo
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationStatus' | 'getAuthorizationUrl'>
{
  constructor(private readonly required: boolean) {}

  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    const status = this.required ? AUTHORIZATION_STATUS.REQUIRED : AUTHORIZATION_STATUS.NOT_REQUIRED;
    return status as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }

  getAuthorizationUrl(): string {
    return this.required ? 'https://script.google.com/macros/local-runtime/authorize' : '';
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

  /** The user authorized the add-on unless this execution runs in AuthMode.NONE. */
  getAuthorizationInfo(_authMode: GoogleAppsScript.Script.AuthMode): GoogleAppsScript.Script.AuthorizationInfo {
    const info = new FakeAuthorizationInfo(this.identity.authMode === 'NONE');
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
   * string, as Apps Script gives them.
   */
  getActiveUser(): GoogleAppsScript.Base.User {
    return this.user(this.identity.authMode === 'FULL' ? this.identity.user : '');
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return this.user(this.identity.authMode === 'FULL' ? this.identity.user : '');
  }

  getActiveUserLocale(): string {
    return 'en';
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
