/**
 * The ports through which the Gemini client reaches the world. Apps Script is synchronous, so both are: a
 * batch of requests goes out in parallel (UrlFetchApp.fetchAll) and the call returns when all have answered.
 */

export interface HttpRequest {
  readonly url: string;
  readonly method: 'get' | 'post';
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, for POST. */
  readonly payload?: string;
}

export type HttpResponse =
  /**
   * `status` may be fetched when first read (on Apps Script it is one more service call), so a reader whose
   * body settles the outcome, such as a whole image answer, which only a 200 carries, need not read it.
   */
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  /**
   * The request got no HTTP answer. Reported per request, so one stuck variant does not cost the others:
   * `deadline` when the platform gave up waiting (UrlFetchApp: about 60 s), `network` for DNS, TLS and the like.
   * The platform may also refuse to send it: `refused` when the URL is outside the manifest's allowlist,
   * `url-too-long` past its URL length limit, `invalid-url` when it is not a URL it accepts. Those three fail
   * the same way every time.
   */
  | { readonly kind: 'failure'; readonly failure: TransportFailure; readonly message: string };

/** `not-granted`: the person did not give Peel the permission to connect to external services (granular consent). */
export type TransportFailure = 'deadline' | 'network' | 'refused' | 'url-too-long' | 'invalid-url' | 'not-granted';

export interface Transport {
  /** One response per request, in the same order. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[];
}

export interface Clock {
  now(): number;
  sleep(ms: number): void;
}
