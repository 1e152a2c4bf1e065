/**
 * The wrong-account sentence in English, apart from the server's catalog: the sidebar says it too, when Google
 * refuses a call before Peel runs (sidebar/kernel/rpc.ts), and must not carry every other server sentence.
 */
export const WRONG_ACCOUNT_EN = {
  message:
    'Several Google accounts are signed in to this browser, and Google ran Peel as the default one instead of the account this file is open with, so it refused the call.',
  action:
    'Open this file in a window signed in to that account only (a private or incognito window works), or sign out of the other accounts; then open Peel again.',
};
