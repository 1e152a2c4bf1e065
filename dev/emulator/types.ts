/**
 * The emulator's public shapes. They live apart from index.ts so that the modules the entry point starts
 * (server, api, faults) can name them without importing the entry point back.
 */
export type FaultKind =
  | 'key-invalid'
  | 'key-leaked'
  | 'key-suspended'
  | 'billing'
  | 'model-retired'
  | 'rate-minute'
  | 'rate-day'
  | 'internal'
  | 'unavailable'
  | 'deadline'
  | 'slow'
  | 'malformed-json'
  | 'truncated-base64'
  | 'prompt-blocked'
  | 'image-safety'
  | 'image-prohibited'
  | 'image-recitation'
  | 'no-image'
  | 'text-refusal'
  | 'missing-thought-signature'
  | 'too-large';

export interface Fault {
  kind: FaultKind;
  /** How many matching requests fail; default 1; Infinity = until reset. */
  times?: number;
  /** For 'rate-minute', 'rate-day' and 'billing': the RetryInfo delay. */
  retryDelaySeconds?: number;
  /** For 'slow': how long the answer is held back; default 70 s, beyond UrlFetchApp's ~60 s. */
  delayMs?: number;
  /** Only requests for this model (with or without "models/"). */
  model?: string;
}

export interface EmulatorOptions {
  /** 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Added to every API answer; default 0. */
  latencyMs?: number;
  /** Raw size of each thought signature; default 4096 (real ones reach megabytes). */
  signatureBytes?: number;
  /**
   * Quota mode: at most this many generateContent calls (streaming included) per key in any 60 s, the rest
   * answered 429 RESOURCE_EXHAUSTED with a RetryInfo delay after which the call goes through. Default off.
   */
  requestsPerMinute?: number;
  /** The clock the quota window runs on, in ms; default Date.now. Tests pass a fake one and move it. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, as on the request line. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it did not parse, undefined without a body. */
  body: unknown;
  /** The status sent; 0 while pending, 499 when the client went away first. */
  status: number;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  inject(faults: Fault | Fault[]): void;
  /** Clears faults and recorded requests and restores the starting latency, signature size and quota. */
  reset(): void;
  setLatency(ms: number): void;
  /** Turns the quota mode on at `perMinute` calls per key, or off with undefined; either way counts restart. */
  setQuota(perMinute: number | undefined): void;
  readonly requests: readonly RecordedRequest[];
}
