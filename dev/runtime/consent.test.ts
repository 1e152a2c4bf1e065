/**
 * Granular consent in the runtime's services, each answering as Google's does for a scope the user declined.
 */
import { describe, expect, it } from 'vitest';
import { AUTHORIZE_PATH, Consent, SCOPE } from './services/consent';
import { DriveStandIn } from './services/drive';
import { FakeScriptApp, fakeOAuthToken } from './services/script';
import { FakeUrlFetchApp } from './services/url-fetch';

const USER = 'dee@example.com';
const MANIFEST = [SCOPE.externalRequest, SCOPE.driveFile];

function fetchApp(granted: boolean) {
  return new FakeUrlFetchApp({
    authMode: 'FULL',
    deadlineMs: 1000,
    rewrites: [],
    allowlist: null,
    signal: new AbortController().signal,
    scriptId: 's',
    record: () => {},
    externalRequestGranted: granted,
  });
}

describe('UrlFetchApp without script.external_request', () => {
  it('refuses with Apps Script’s permission text, naming the scope, before anything is sent', async () => {
    await expect(fetchApp(false).fetch('https://example.com/')).rejects.toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    await expect(fetchApp(false).fetchAll(['https://example.com/'])).rejects.toThrow(
      /^You do not have permission to call UrlFetchApp\.fetchAll\. Required permissions: /,
    );
  });
});

describe('ScriptApp.getAuthorizationInfo', () => {
  const consent = new Consent();
  consent.decline(USER, SCOPE.driveFile);
  const app = (authMode: 'FULL' | 'NONE') =>
    new FakeScriptApp({
      scriptId: 's',
      user: USER,
      authMode,
      timeZone: 'Etc/UTC',
      scopes: MANIFEST,
      granted: (scope) => consent.granted(USER, scope),
      authorizationBase: 'http://localhost:9',
    });

  it('reports what is missing, with a page that grants it; nothing missing, no page', () => {
    const info = app('FULL').getAuthorizationInfo(app('FULL').AuthMode.FULL) as unknown as {
      getAuthorizationStatus(): string;
      getAuthorizationUrl(): string | null;
      getAuthorizedScopes(): string[];
    };
    expect(String(info.getAuthorizationStatus())).toBe('REQUIRED');
    expect(info.getAuthorizedScopes()).toEqual([SCOPE.externalRequest]);
    const url = new URL(info.getAuthorizationUrl() ?? '');
    expect(url.pathname).toBe(AUTHORIZE_PATH);
    expect(url.searchParams.get('scope')).toBe(SCOPE.driveFile);
    // "If authorization information is requested for a specified list of scopes, returns the authorized scopes from the specified list."
    const asked = app('FULL').getAuthorizationInfo(app('FULL').AuthMode.FULL, [SCOPE.externalRequest]) as unknown as {
      getAuthorizationStatus(): string;
      getAuthorizationUrl(): string | null;
    };
    expect(String(asked.getAuthorizationStatus())).toBe('NOT_REQUIRED');
    // "This method returns null if no authorization is required."
    expect(asked.getAuthorizationUrl()).toBeNull();
  });

  it('in AuthMode.NONE requires authorization', () => {
    const info = app('NONE').getAuthorizationInfo(app('NONE').AuthMode.FULL);
    expect(String(info.getAuthorizationStatus())).toBe('REQUIRED');
  });
});

describe('Drive with a token whose grant lacks drive.file', () => {
  it('answers 403 “Request had insufficient authentication scopes.” and creates nothing', () => {
    let granted = false;
    const drive = new DriveStandIn(undefined, Date.now, () => granted);
    const token = drive.signIn(USER);
    expect(token).toBe(fakeOAuthToken(USER));
    const call = {
      method: 'GET',
      url: 'https://www.googleapis.com/drive/v3/files',
      headers: new Headers({ authorization: `Bearer ${token}` }),
      body: null,
    };
    const refused = drive.handle(call);
    expect(refused.status).toBe(403);
    const body = JSON.parse(new TextDecoder().decode(refused.body));
    expect(body.error).toMatchObject({
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      status: 'PERMISSION_DENIED',
      details: [expect.objectContaining({ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' })],
    });
    granted = true;
    expect(drive.handle(call).status).toBe(200);
  });
});
