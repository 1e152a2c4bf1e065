/**
 * What Apps Script itself answers, outside Peel's code, when the browser is signed in to several Google accounts
 * and the document's account is not the default one. google.script.run then runs the call as the default account
 * (Google: "Won't Fix (Intended Behavior)", described under "Fix issues with multiple Google accounts",
 * https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts, as quoted in
 * https://github.com/googleapis/google-api-nodejs-client/issues/974), and the failure handler receives one of the
 * texts below, named `ScriptError`. The same text thrown inside a call (a service read failing mid-way) is
 * recognised at the server boundary too.
 */
import { PeelError } from './errors';

const WRONG_ACCOUNT_TEXTS: readonly RegExp[] = [
  // The default account has Peel authorized too, so the call runs as that account and fails on its storage:
  // "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED."
  // (https://github.com/enuchi/React-Google-Apps-Script/issues/46; the same words in the op.exec answer quoted in
  // https://github.com/mootoday/google-docs-addon-svelte-template/pull/3).
  /a server error occurred while reading from storage\. Error code PERMISSION_DENIED/i,
  // The default account never authorized Peel: "ScriptError: Authorization is required to perform that action."
  // (https://github.com/alexwforsythe/code-blocks/issues/53, "…this action." in issue 99 there; Google's account of
  // both cases: https://sites.google.com/site/scriptsexamples/home/announcements/multiple-accounts-issue-with-google-apps-script).
  /Authorization is required to perform (?:that|this) action/i,
];

/**
 * WRONG_ACCOUNT for a failure that is Apps Script running the call as another signed-in account, carrying
 * Google's own words as the detail (what a person quotes to support); null for anything else.
 */
export function wrongAccountFailure(error: unknown): PeelError | null {
  const message =
    typeof error === 'string'
      ? error
      : typeof (error as { message?: unknown } | null)?.message === 'string'
        ? (error as { message: string }).message
        : '';
  if (!WRONG_ACCOUNT_TEXTS.some((text) => text.test(message))) return null;
  return new PeelError('WRONG_ACCOUNT', 'Apps Script ran the call as another signed-in account', {
    detail: message.slice(0, 300),
  });
}
