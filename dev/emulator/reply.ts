/** What a handler hands to the HTTP layer: status, headers and bytes, plus an optional extra delay. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Held back this long before sending (the 'slow' fault); cancelled when the client or emulator goes away. */
  readonly delayMs?: number;
}

/** Headers Google's front end puts on every API answer (from a captured live response). */
const GOOGLE_HEADERS = {
  server: 'scaffolding on HTTPServer2',
  vary: 'Origin, X-Origin, Referer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'x-xss-protection': '0',
} as const;

export function jsonReply(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Reply {
  // Google pretty-prints with two spaces; clients must not depend on compact JSON.
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...GOOGLE_HEADERS, ...extraHeaders },
    body: JSON.stringify(body, null, 2),
  };
}

export function rawReply(status: number, contentType: string, body: string): Reply {
  return { status, headers: { 'content-type': contentType, ...GOOGLE_HEADERS }, body };
}

/** The HTML page Google's front end (GFE) serves before a request reaches the API, e.g. for 404 and 413. */
export function gfePage(status: 404 | 413, detail: string): Reply {
  const title = status === 404 ? 'Not Found' : 'Request Entity Too Large';
  const body = [
    '<!DOCTYPE html>',
    '<html lang=en>',
    '  <meta charset=utf-8>',
    '  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">',
    `  <title>Error ${status} (${title})!!1</title>`,
    '  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>',
    `  <p><b>${status}.</b> <ins>That’s an error.</ins>`,
    `  <p>${detail}  <ins>That’s all we know.</ins>`,
    '',
  ].join('\n');
  return rawReply(status, 'text/html; charset=UTF-8', body);
}
