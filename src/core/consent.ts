/**
 * Granular consent: a person may grant an add-on only some of its scopes, and Apps Script then refuses the calls
 * that need a missing one with "You do not have permission to call UrlFetchApp.fetch. Required permissions:
 * https://www.googleapis.com/auth/script.external_request" (the SlidesApp and DocumentApp getters say
 * "Required permissions: (a || b)"). Peel recognises that text, names the feature that needs the permission in the
 * words of Google's consent screen, and keeps working where it can.
 */
import { detailOf, PeelError } from './errors';
import type { ServerKey, Words } from './i18n';

export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const USER_EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

/** What each scope lets Peel do, and the line the consent screen shows for it (i18n/en-server.ts). */
const NEEDED_FOR: Readonly<Record<string, ServerKey>> = {
  [EXTERNAL_REQUEST_SCOPE]: 'needsExternal',
  [DRIVE_FILE_SCOPE]: 'needsDrive',
  [CLOUD_PLATFORM_SCOPE]: 'needsCloud',
  [USER_EMAIL_SCOPE]: 'needsEmail',
};

/** The sentence saying which feature needs `scope`, for a scope Peel asks for; a generic one otherwise. */
export function neededFor(scope: string): { detail: string; words: Words } {
  return detailOf(NEEDED_FOR[scope] ?? 'needsOther');
}

const REFUSAL = /You do not have permission to call ([\w.]+)\. Required permissions: \(?([^)\s]+)/;

/** Apps Script's refusal of a call for a scope the person did not grant, as SCOPE_NOT_GRANTED; else null. */
export function consentRefusal(message: string): PeelError | null {
  const found = REFUSAL.exec(message);
  if (!found) return null;
  const [, call, scope] = found;
  return new PeelError('SCOPE_NOT_GRANTED', `Scope not granted for ${call}: ${scope}`, {
    scope: scope ?? '',
    ...neededFor(scope ?? ''),
  });
}
