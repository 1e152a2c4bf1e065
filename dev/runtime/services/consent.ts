/**
 * Granular consent: since 2025 a person may grant an add-on only some of the scopes its manifest lists
 * (developers.google.com/apps-script/concepts/scopes: "Granular OAuth permissions allow users to authorize
 * specific scopes, and scripts should be designed to handle these permissions"). The runtime keeps, per user, the
 * scopes they declined; every other scope of the manifest counts as granted.
 *
 * What a declined scope does here, each as Google's services answer it:
 * - UrlFetchApp refuses with Apps Script's permission text (consentRefusal), as SlidesApp and DocumentApp do for
 *   theirs.
 * - Drive's REST API answers the user's token 403 "Request had insufficient authentication scopes." (drive.ts).
 * - ScriptApp.getAuthorizationInfo(FULL, scopes) reports them as not authorized, with an authorization URL.
 * Whether every editor surface lets a person decline each of Peel's scopes is not documented (README).
 */
import { ScriptException } from './utilities';

export const SCOPE = {
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  cloudPlatform: 'https://www.googleapis.com/auth/cloud-platform',
  userEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

/** The workbench's stand-in for Google's consent page: opening it grants the scopes it names. */
export const AUTHORIZE_PATH = '/local-runtime/authorize';

export class Consent {
  private readonly declined = new Map<string, Set<string>>();

  decline(user: string, scope: string): void {
    const set = this.declined.get(user) ?? new Set<string>();
    set.add(scope);
    this.declined.set(user, set);
  }

  grant(user: string, scope: string): void {
    this.declined.get(user)?.delete(scope);
  }

  granted(user: string, scope: string): boolean {
    return !this.declined.get(user)?.has(scope);
  }

  declinedBy(user: string): string[] {
    return [...(this.declined.get(user) ?? [])];
  }
}

/** Apps Script's refusal of a call whose scope the user did not grant. */
export function consentRefusal(call: string, scope: string): ScriptException {
  return new ScriptException(`You do not have permission to call ${call}. Required permissions: ${scope}`);
}
