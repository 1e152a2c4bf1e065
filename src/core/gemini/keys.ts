/**
 * API keys never leave the server whole: the sidebar and the logs see the user's own key masked, and any other
 * key (the organization's, or one Peel cannot attribute) not at all.
 */

/** `AQ.A…x7Qk`: enough for users to recognise their own key, too little to use it. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '…';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** What replaces a key that is not the user's own: even its masked form would tell part of it. */
export const HIDDEN_KEY = '[key hidden]';

/**
 * Every shape Google's keys take: standard keys `AIza` + 35 characters,
 * and the auth keys AI Studio issues since 2026, `AQ.` (and, reported, `IQ.`) followed by URL-safe characters
 * that may include dots. The lookbehind keeps a key from starting inside a longer token; the last character is
 * not a dot so a key that ends a sentence keeps its full stop. Lengths are lower bounds only: a longer run is
 * redacted whole.
 */
const KEY_SHAPES = /(?<![A-Za-z0-9_-])(?:AIza[0-9A-Za-z_-]{20,}|[AI]Q\.[0-9A-Za-z_-][0-9A-Za-z_.-]{14,}[0-9A-Za-z_-])/g;

/** A secret in effect for this call: the user's own key is shown masked, anything else hidden. */
export interface Secret {
  readonly value: string;
  readonly shown: 'masked' | 'hidden';
}

function replaceAll(text: string, find: string, by: string): string {
  return find.length === 0 ? text : text.split(find).join(by);
}

/**
 * Removes the secrets in effect wherever they appear (whatever their shape, so an unusual organization key or a
 * Vertex access token is caught too), then anything else shaped like a Google key. Google quotes keys back in
 * some errors ("Consumer 'api_key:…' has been suspended").
 */
export function redactKeys(text: string, secrets: readonly Secret[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    const value = secret.value.trim();
    if (value.length < 8) continue;
    out = replaceAll(out, value, secret.shown === 'masked' ? maskKey(value) : HIDDEN_KEY);
  }
  return out.replace(KEY_SHAPES, HIDDEN_KEY);
}
