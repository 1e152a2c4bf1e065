/**
 * Granular consent: a person may grant an add-on only some of its scopes, and Apps Script then refuses the calls
 * that need a missing one with "You do not have permission to call UrlFetchApp.fetch. Required permissions:
 * https://www.googleapis.com/auth/script.external_request" (the SlidesApp and DocumentApp getters say
 * "Required permissions: (a || b)"). Peel recognises that text, names the feature that needs the permission in the
 * words of Google's consent screen, and keeps working where it can.
 */
import { PeelError } from './errors';

export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** What each scope lets Peel do, and the line the consent screen shows for it. */
const NEEDED_FOR: Readonly<Record<string, string>> = {
  [EXTERNAL_REQUEST_SCOPE]:
    'Making and editing pictures needs the permission “Connect to an external service”: Peel sends your request to Google’s Gemini API.',
  [DRIVE_FILE_SCOPE]:
    'Keeping the version a change replaces needs the permission “See, edit, create and delete only the specific Google Drive files you use with this app”. Inserting new pictures works without it.',
  [CLOUD_PLATFORM_SCOPE]:
    'Vertex AI needs the permission “See, edit, configure and delete your Google Cloud data”, which your organization’s Peel uses to reach its Google Cloud project.',
};

/** The sentence saying which feature needs `scope`, for a scope Peel asks for; a generic one otherwise. */
export function neededFor(scope: string): string {
  return NEEDED_FOR[scope] ?? 'This needs a permission you have not given Peel yet.';
}

const REFUSAL = /You do not have permission to call ([\w.]+)\. Required permissions: \(?([^)\s]+)/;

/** Apps Script's refusal of a call for a scope the person did not grant, as SCOPE_NOT_GRANTED; else null. */
export function consentRefusal(message: string): PeelError | null {
  const found = REFUSAL.exec(message);
  if (!found) return null;
  const [, call, scope] = found;
  return new PeelError('SCOPE_NOT_GRANTED', `Scope not granted for ${call}: ${scope}`, {
    scope: scope ?? '',
    detail: neededFor(scope ?? ''),
  });
}
