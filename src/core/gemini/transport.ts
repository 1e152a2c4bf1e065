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
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  /**
   * The request got no HTTP answer. Reported per request, so one stuck variant does not cost the others:
   * `deadline` when the platform gave up waiting (UrlFetchApp: about 60 s), `network` for DNS, TLS and the like.
   */
  | { readonly kind: 'failure'; readonly failure: 'deadline' | 'network'; readonly message: string };

export interface Transport {
  /** One response per request, in the same order. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[];
}

export interface Clock {
  now(): number;
  sleep(ms: number): void;
}
