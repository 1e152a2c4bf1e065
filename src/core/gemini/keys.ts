/** API keys never leave the server whole: the sidebar and the logs see them masked. */

/** `AIza…x7Qk`: enough to recognise a key, too little to use it. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '…';
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

// Google quotes the key back in some errors ("Consumer 'api_key:AIza…' has been suspended").
const GOOGLE_API_KEY = /AIza[0-9A-Za-z_-]{20,}/g;

export function redactKeys(text: string): string {
  return text.replace(GOOGLE_API_KEY, (key) => maskKey(key));
}
