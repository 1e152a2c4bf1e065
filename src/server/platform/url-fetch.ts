/**
 * The Gemini client's ports on Apps Script: UrlFetchApp for the Transport, Date and Utilities.sleep for the
 * Clock. Thin on purpose; what the answers mean is decided in core.
 */
import type { Clock, HttpRequest, HttpResponse, Transport, TransportFailure } from '../../core/gemini/transport';

type FetchApi = Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetchAll'>;

/** Utilities.sleep refuses more than 5 minutes. */
const MAX_SLEEP_MS = 300_000;

function toFetchRequest(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    // UrlFetchApp sets Content-Type from its own option and would send a string payload as a form otherwise.
    if (name.toLowerCase() === 'content-type') contentType = value;
    else headers[name] = value;
  }
  return {
    url: request.url,
    method: request.method,
    headers,
    // Error statuses come back as responses to map, not as exceptions that lose the body.
    muteHttpExceptions: true,
    followRedirects: true,
    ...(contentType ? { contentType } : {}),
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  };
}

/**
 * UrlFetchApp's exceptions, by Apps Script's own wording: "Timeout: <url>" at its fixed deadline (about 60 s),
 * "Request to <url> failed because the URL has not been whitelisted in the script manifest.", "Limit Exceeded:
 * URLFetch URL Length." past 2 KB, "Invalid argument: <url>". Anything else (DNS, TLS, "Address unavailable")
 * is the network. Without the external_request grant: "You do not have permission to call UrlFetchApp.fetch.
 * Required permissions: https://www.googleapis.com/auth/script.external_request".
 */
export function classifyFetchError(message: string): TransportFailure {
  if (/You do not have permission to call UrlFetchApp/i.test(message)) return 'not-granted';
  if (/has not been whitelisted|not allowed by the script/i.test(message)) return 'refused';
  if (/Limit Exceeded: URLFetch URL Length/i.test(message)) return 'url-too-long';
  if (/^(Exception: )?Invalid argument/i.test(message)) return 'invalid-url';
  if (/time(d)? ?out/i.test(message)) return 'deadline';
  return 'network';
}

function failureOf(error: unknown): HttpResponse {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'failure', failure: classifyFetchError(message), message };
}

export class UrlFetchTransport implements Transport {
  private readonly api: FetchApi;

  constructor(api: FetchApi = UrlFetchApp) {
    this.api = api;
  }

  fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    if (requests.length === 0) return [];
    try {
      return this.api.fetchAll(requests.map(toFetchRequest)).map((response): HttpResponse => {
        // Each HTTPResponse getter is a service call: the status is asked once, and only by a reader whose body
        // did not already settle it (an image answer is a 200; transport.ts).
        let status: number | undefined;
        return {
          kind: 'response',
          body: response.getContentText(),
          get status() {
            status ??= response.getResponseCode();
            return status;
          },
        };
      });
    } catch (error) {
      // fetchAll throws for the whole batch when any request gets no answer, and does not say which. Sending the
      // others again one by one would pay for their images twice, so every request reports the failure.
      const failure = failureOf(error);
      return requests.map(() => failure);
    }
  }
}

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.min(MAX_SLEEP_MS, Math.round(ms)))),
};
