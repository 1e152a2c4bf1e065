/**
 * UrlFetchApp: synchronous for the script, real HTTP underneath (Node's fetch, in the main thread), with Apps
 * Script's rules: 50 MB request and response, 2 KB URLs, a fixed per-request deadline (about 60 s in Apps
 * Script, configurable here), the manifest's `urlFetchWhitelist`, and HTTP errors thrown unless
 * `muteHttpExceptions`. `fetchAll` sends its requests in parallel.
 *
 * URL rewrites send a request meant for a Google host to a local emulator instead, so the unmodified bundle
 * can be exercised offline; the allowlist and error messages still see the URL the script asked for.
 *
 * Error texts follow Apps Script's where they are known ("Request failed for … returned code …", "Request to …
 * failed because the URL has not been whitelisted in the script manifest.", "Timeout: <url>"); the size-limit
 * wordings are inferred.
 */

import type { Remoted } from '../protocol';
import { type AuthMode, requireAuthorization } from './auth';
import { FakeBlob, fromByteArray, toSignedBytes } from './blob';
import { consentRefusal, SCOPE } from './consent';
import type { LocalRoute } from './drive';
import { ScriptException } from './utilities';

export const MAX_REQUEST_BYTES = 50 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
export const MAX_URL_LENGTH = 2 * 1024;
export const DEFAULT_DEADLINE_MS = 60_000;
/** How much of an error response the exception quotes (inferred). */
const TRUNCATE_AT = 200;

export interface UrlRewrite {
  /** A URL prefix, e.g. `https://generativelanguage.googleapis.com/`. */
  readonly from: string;
  /** What replaces it, e.g. `http://127.0.0.1:8787/`. */
  readonly to: string;
}

/** Gemini's hosts (AI Studio and the Vertex AI global endpoint) sent to one emulator base URL. */
export function geminiRewrites(base: string): UrlRewrite[] {
  const to = base.endsWith('/') ? base : `${base}/`;
  return [
    { from: 'https://generativelanguage.googleapis.com/', to },
    { from: 'https://aiplatform.googleapis.com/', to },
  ];
}

export interface FetchRecord {
  /** The URL the script asked for. */
  url: string;
  /** Where the request really went, when a rewrite applied. */
  sentTo?: string;
  method: string;
  /** Epoch ms when the request left. */
  startedAt: number;
  status: number | null;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

export interface UrlFetchScope {
  readonly authMode: AuthMode;
  readonly deadlineMs: number;
  readonly rewrites: readonly UrlRewrite[];
  /** Prefixes answered in this process (the Drive stand-in, driveRoutes); checked before rewrites. */
  readonly routes?: readonly LocalRoute[];
  /** URL prefixes from the manifest's urlFetchWhitelist; null when not enforced. */
  readonly allowlist: readonly string[] | null;
  /** Aborted when the execution ends: its requests stop with it. */
  readonly signal: AbortSignal;
  readonly scriptId: string;
  readonly record: (record: FetchRecord) => void;
  /** False when the user declined script.external_request (granular consent, consent.ts). */
  readonly externalRequestGranted?: boolean;
}

type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;
type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);

/** `content-type` → `Content-Type`: Node's fetch lowercases names, Apps Script reports them capitalized. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function mimeOf(contentType: string | null): string | null {
  return contentType?.split(';')[0]?.trim() || null;
}

function charsetOf(contentType: string | null): string | undefined {
  return /charset=([^;]+)/i
    .exec(contentType ?? '')?.[1]
    ?.trim()
    .replace(/^"|"$/g, '');
}

export class FakeHTTPResponse
  implements
    Pick<
      HTTPResponse,
      'getAllHeaders' | 'getAs' | 'getBlob' | 'getContent' | 'getContentText' | 'getHeaders' | 'getResponseCode'
    >
{
  constructor(
    private readonly status: number,
    private readonly headers: readonly (readonly [string, string])[],
    private readonly body: Uint8Array,
  ) {}

  getResponseCode(): number {
    return this.status;
  }

  getContent(): GoogleAppsScript.Byte[] {
    return toSignedBytes(this.body);
  }

  getContentText(charset?: string): string {
    const label = charset ?? charsetOf(this.header('content-type')) ?? 'utf-8';
    try {
      return new TextDecoder(label).decode(this.body);
    } catch {
      throw new ScriptException(`Invalid argument: charset (${label})`);
    }
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return new FakeBlob(this.body, mimeOf(this.header('content-type')), null) as unknown as GoogleAppsScript.Base.Blob;
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }

  /** One value per header; repeated headers joined as HTTP joins them. */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.headers) {
      const key = headerName(name);
      out[key] = key in out ? `${out[key]}, ${value}` : value;
    }
    return out;
  }

  /** Repeated headers (Set-Cookie) as arrays. */
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of this.headers) {
      const key = headerName(name);
      const known = out[key];
      out[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
    }
    return out;
  }

  private header(name: string): string | null {
    return this.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
  }
}

interface Prepared {
  readonly url: string;
  readonly target: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: Uint8Array | null;
  readonly mute: boolean;
  readonly followRedirects: boolean;
  readonly route: LocalRoute | null;
}

class DeadlineExceeded extends Error {}

export class FakeUrlFetchApp
  implements Remoted<Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'>>
{
  constructor(private readonly scope: UrlFetchScope) {}

  async fetch(url: string, params: Options = {}): Promise<HTTPResponse> {
    requireAuthorization(this.scope.authMode, 'UrlFetchApp.fetch', false);
    if (this.scope.externalRequestGranted === false) throw consentRefusal('UrlFetchApp.fetch', SCOPE.externalRequest);
    const prepared = await this.prepare(url, params);
    return this.check(prepared, await this.send(prepared));
  }

  /** In parallel, answers in request order; a failure without muteHttpExceptions fails the whole call. */
  async fetchAll(requests: (Request | string)[]): Promise<HTTPResponse[]> {
    requireAuthorization(this.scope.authMode, 'UrlFetchApp.fetchAll', false);
    if (this.scope.externalRequestGranted === false)
      throw consentRefusal('UrlFetchApp.fetchAll', SCOPE.externalRequest);
    if (!Array.isArray(requests)) throw new ScriptException('Invalid argument: requests');
    const prepared = await Promise.all(
      requests.map((r) => (typeof r === 'string' ? this.prepare(r, {}) : this.prepare(r?.url, r ?? {}))),
    );
    const responses = await Promise.all(prepared.map((p) => this.send(p)));
    return responses.map((response, i) => this.check(prepared[i] as Prepared, response));
  }

  getRequest(url: string, params: Options = {}): Request {
    const method = String(params.method ?? 'get').toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod;
    return {
      url,
      method,
      headers: { ...(params.headers ?? {}) },
      followRedirects: params.followRedirects ?? true,
      validateHttpsCertificates: params.validateHttpsCertificates ?? true,
      useIntranet: false,
      ...(params.contentType !== undefined ? { contentType: params.contentType } : {}),
      ...(params.payload !== undefined ? { payload: params.payload } : {}),
    };
  }

  private check(prepared: Prepared, response: FakeHTTPResponse): HTTPResponse {
    const code = response.getResponseCode();
    if (code >= 400 && !prepared.mute) {
      const text = response.getContentText();
      const truncated = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
      throw new ScriptException(
        `Request failed for ${originOf(prepared.url)} returned code ${code}. Truncated server response: ${truncated} ` +
          '(use muteHttpExceptions option to examine full response)',
      );
    }
    return response as unknown as HTTPResponse;
  }

  private async prepare(url: unknown, params: Options): Promise<Prepared> {
    if (typeof url !== 'string' || !/^https?:\/\/[^/]/i.test(url)) {
      throw new ScriptException(`Invalid argument: ${String(url)}`);
    }
    if (url.length > MAX_URL_LENGTH) throw new ScriptException('Limit Exceeded: URLFetch URL Length.');
    const allowlist = this.scope.allowlist;
    if (allowlist && !allowlist.some((prefix) => url.startsWith(prefix))) {
      throw new ScriptException(
        `Request to ${url} failed because the URL has not been whitelisted in the script manifest.`,
      );
    }
    const method = String(params.method ?? 'get').toLowerCase();
    if (!METHODS.has(method)) throw new ScriptException(`Invalid argument: method (${method})`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(params.headers ?? {})) headers.set(name, String(value));
    if (!headers.has('user-agent')) {
      headers.set(
        'User-Agent',
        `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${this.scope.scriptId})`,
      );
    }
    const { body, contentType } = await encodePayload(params.payload);
    if (body && method === 'get') {
      throw new ScriptException('Invalid argument: payload (a GET request cannot carry a payload)');
    }
    if (body && body.byteLength > MAX_REQUEST_BYTES) throw new ScriptException('Limit Exceeded: URLFetch POST Size.');
    const type = params.contentType ?? (headers.has('content-type') ? null : contentType);
    if (type) headers.set('Content-Type', type);
    const route = this.scope.routes?.find((r) => url.startsWith(r.from)) ?? null;
    const rewrite = route ? undefined : this.scope.rewrites.find((r) => url.startsWith(r.from));
    return {
      url,
      route,
      target: route ? `${route.name}: ${url}` : rewrite ? rewrite.to + url.slice(rewrite.from.length) : url,
      method: method.toUpperCase(),
      headers,
      body,
      mute: params.muteHttpExceptions === true,
      followRedirects: params.followRedirects !== false,
    };
  }

  private async send(p: Prepared): Promise<FakeHTTPResponse> {
    const started = performance.now();
    const record: FetchRecord = {
      url: p.url,
      ...(p.target !== p.url ? { sentTo: p.target } : {}),
      method: p.method,
      startedAt: Date.now(),
      status: null,
      durationMs: 0,
      requestBytes: p.body?.byteLength ?? 0,
      responseBytes: 0,
    };
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(new DeadlineExceeded()), this.scope.deadlineMs);
    const stop = () => controller.abort(this.scope.signal.reason);
    this.scope.signal.addEventListener('abort', stop);
    try {
      if (this.scope.signal.aborted) throw this.scope.signal.reason;
      if (p.route) {
        const answer = p.route.handle({ method: p.method, url: p.url, headers: p.headers, body: p.body });
        record.status = answer.status;
        record.responseBytes = answer.body.byteLength;
        return new FakeHTTPResponse(answer.status, answer.headers, answer.body);
      }
      const response = await fetch(p.target, {
        method: p.method,
        headers: p.headers,
        // Never backed by a SharedArrayBuffer, which is all the DOM typing rules out.
        ...(p.body ? { body: p.body as Uint8Array<ArrayBuffer> } : {}),
        redirect: p.followRedirects ? 'follow' : 'manual',
        signal: controller.signal,
      });
      record.status = response.status;
      const body = await readBody(response, controller);
      record.responseBytes = body.byteLength;
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') headers.push([name, value]);
      });
      for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
      return new FakeHTTPResponse(response.status, headers, body);
    } catch (error) {
      const failure = this.failure(p, error, controller.signal.reason);
      record.error = failure.message;
      throw failure;
    } finally {
      clearTimeout(deadline);
      this.scope.signal.removeEventListener('abort', stop);
      record.durationMs = Math.round(performance.now() - started);
      this.scope.record(record);
    }
  }

  private failure(p: Prepared, error: unknown, reason: unknown): Error {
    if (error instanceof ScriptException) return error;
    if (reason instanceof DeadlineExceeded) return new ScriptException(`Timeout: ${p.url}`);
    if (this.scope.signal.aborted) return new ScriptException('The execution ended before the request finished.');
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ScriptException(`DNS error: ${p.url}`);
    return new ScriptException(`Address unavailable: ${p.url}`);
  }
}

function originOf(url: string): string {
  return /^[a-z]+:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
}

/** Reads the body, refusing one over the response limit without buffering the rest. */
async function readBody(response: Response, controller: AbortController): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      controller.abort();
      throw new ScriptException('Limit Exceeded: URLFetch response size.');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** A payload as Apps Script sends it, with the content type it implies when the script names none. */
async function encodePayload(payload: unknown): Promise<{ body: Uint8Array | null; contentType: string | null }> {
  const form = 'application/x-www-form-urlencoded';
  if (payload === undefined || payload === null) return { body: null, contentType: null };
  if (typeof payload === 'string') return { body: new Uint8Array(Buffer.from(payload, 'utf8')), contentType: form };
  if (Array.isArray(payload)) return { body: fromByteArray(payload as number[]), contentType: form };
  if (payload instanceof FakeBlob) {
    return { body: payload.rawBytes(), contentType: payload.getContentType() ?? 'application/octet-stream' };
  }
  if (typeof payload === 'object') {
    const fields = Object.entries(payload as Record<string, unknown>);
    if (fields.some(([, v]) => v instanceof FakeBlob)) {
      // A form with a file is sent as multipart/form-data.
      const data = new FormData();
      for (const [name, value] of fields) {
        if (value instanceof FakeBlob) {
          const file = new Blob([value.rawBytes() as Uint8Array<ArrayBuffer>], {
            type: value.getContentType() ?? 'application/octet-stream',
          });
          data.append(name, file, value.getName() ?? name);
        } else {
          data.append(name, String(value));
        }
      }
      const encoded = new Response(data);
      return {
        body: new Uint8Array(await encoded.arrayBuffer()),
        contentType: encoded.headers.get('content-type'),
      };
    }
    const query = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return { body: new Uint8Array(Buffer.from(query, 'utf8')), contentType: form };
  }
  throw new ScriptException('Invalid argument: payload');
}
