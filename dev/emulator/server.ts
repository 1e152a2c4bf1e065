/**
 * HTTP plumbing: reads bodies (with Google's payload limit), records requests, applies latency and the
 * 'slow' delay (both cancelled when the client leaves or the emulator closes), and serves the control
 * endpoints under /__emulator/.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiState, handleApi, matchRoute, responseIdFactory } from './api';
import { internalError } from './errors';
import { checkFault, FaultQueue } from './faults';
import { PictureCache } from './generate';
import { MODELS } from './models';
import { Painter } from './painter';
import { checkQuota, MinuteQuota } from './quota';
import { gfePage, type Reply } from './reply';
import { loadDiscovery } from './schema';
import { DEFAULT_SIGNATURE_BYTES, MIN_SIGNATURE_BYTES } from './signatures';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types';

/** "The maximum payload size for inline data [is] 100MB" (Gemini API, January 2026). */
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export interface ServerOptions extends EmulatorOptions {
  /** Lets tests exercise the payload limit without sending 100 MB. */
  maxRequestBytes?: number;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-expose-headers': '*',
} as const;

export async function startServer(options: ServerOptions = {}): Promise<Emulator> {
  const initialLatency = checkLatency(options.latencyMs ?? 0);
  const initialSignature = checkSignatureBytes(options.signatureBytes ?? DEFAULT_SIGNATURE_BYTES);
  let latencyMs = initialLatency;
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const closing = new AbortController();
  const state: ApiState = {
    faults,
    quota: new MinuteQuota(options.requestsPerMinute),
    now: options.now ?? Date.now,
    cache: new PictureCache(),
    painter: new Painter(),
    signatureBytes: initialSignature,
    maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES,
    nextResponseId: responseIdFactory(),
  };
  // Load the discovery document up front, so a missing file fails the start rather than the first request.
  const discovery = loadDiscovery();

  const control = (req: http.IncomingMessage, pathname: string, body: string): Reply => {
    const route = `${req.method ?? 'GET'} ${pathname}`;
    switch (route) {
      case 'GET /__emulator/health':
        return plain(200, {
          status: 'ok',
          latencyMs,
          signatureBytes: state.signatureBytes,
          faults: showFaults(faults.active),
          requestsPerMinute: state.quota.perMinute ?? null,
          models: MODELS.map((m) => m.id),
          discoveryRevision: discovery.revision,
        });
      case 'GET /__emulator/faults':
        return plain(200, { faults: showFaults(faults.active) });
      case 'POST /__emulator/faults': {
        const parsed = parseJson(body) as { faults?: unknown } | unknown[] | undefined;
        const list = Array.isArray(parsed) ? parsed : parsed?.faults;
        if (!Array.isArray(list)) return plain(400, { error: 'Expected {"faults": [...]}' });
        faults.inject(list.map(checkFault));
        return plain(200, { faults: showFaults(faults.active) });
      }
      case 'DELETE /__emulator/faults':
        faults.reset();
        return plain(200, { faults: [] });
      case 'GET /__emulator/quota':
        return plain(200, { requestsPerMinute: state.quota.perMinute ?? null });
      case 'POST /__emulator/quota': {
        const parsed = (parseJson(body) ?? {}) as { requestsPerMinute?: unknown };
        state.quota.set(parsed.requestsPerMinute === null ? undefined : checkQuota(parsed.requestsPerMinute));
        return plain(200, { requestsPerMinute: state.quota.perMinute ?? null });
      }
      case 'DELETE /__emulator/quota':
        state.quota.set(undefined);
        return plain(200, { requestsPerMinute: null });
      case 'GET /__emulator/requests':
        return plain(200, { requests });
      case 'DELETE /__emulator/requests':
        requests.length = 0;
        return plain(200, { requests: [] });
      case 'POST /__emulator/config': {
        const parsed = (parseJson(body) ?? {}) as { latencyMs?: unknown; signatureBytes?: unknown };
        if (parsed.latencyMs !== undefined) latencyMs = checkLatency(parsed.latencyMs);
        if (parsed.signatureBytes !== undefined) state.signatureBytes = checkSignatureBytes(parsed.signatureBytes);
        return plain(200, { latencyMs, signatureBytes: state.signatureBytes });
      }
      case 'POST /__emulator/reset':
        reset();
        return plain(200, { status: 'ok' });
      default:
        return plain(404, { error: `No control endpoint ${route}` });
    }
  };

  const reset = () => {
    faults.reset();
    requests.length = 0;
    latencyMs = initialLatency;
    state.signatureBytes = initialSignature;
    state.quota.set(options.requestsPerMinute);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    if (req.method === 'OPTIONS') return send(res, { status: 204, headers: {}, body: '' });

    if (url.pathname.startsWith('/__emulator/')) {
      const body = (await readBody(req, MAX_REQUEST_BYTES)) ?? '';
      try {
        return send(res, control(req, url.pathname, body));
      } catch (error) {
        return send(res, plain(400, { error: error instanceof Error ? error.message : String(error) }));
      }
    }

    const route = matchRoute(req.method ?? 'GET', url.pathname);
    const body = await readBody(req, state.maxRequestBytes);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flattenHeaders(req.headers),
      body: body === undefined || body === '' ? undefined : (parseJson(body) ?? body),
      status: 0,
    };
    requests.push(record);
    if (route === undefined) {
      // Unknown paths never reach the API, so they get the front end's page and no latency.
      const page = gfePage(
        404,
        `The requested URL <code>${escapeHtml(url.pathname)}</code> was not found on this server.`,
      );
      record.status = page.status;
      return send(res, page);
    }

    let reply: Reply;
    try {
      reply = await handleApi(
        route,
        { pathname: url.pathname, query: url.searchParams, headers: req.headers, body },
        state,
      );
    } catch (error) {
      // Closing ends the drawing threads under requests still drawing; those clients are cut off anyway.
      if (!closing.signal.aborted) console.error('[emulator] request failed:', error);
      reply = internalError().toReply();
    }
    const signal = AbortSignal.any([gone.signal, closing.signal]);
    // Latency is the model's whole response time, drawing the picture included, so the wait tops the time
    // already spent up to it instead of adding to it (benchmarks divide by it).
    const spent = performance.now() - started;
    const completed = await wait(Math.max(0, latencyMs - spent) + (reply.delayMs ?? 0), signal);
    if (!completed) {
      record.status = 499;
      res.destroy();
      return;
    }
    record.status = reply.status;
    send(res, reply);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[emulator] request failed:', error);
      if (!res.headersSent) send(res, internalError().toReply());
      else res.destroy();
    });
  });
  // Drawing a large picture blocked the event loop for seconds (it now runs on worker threads, but decoding an
  // edit's input and serialising a 4K answer still happen here). With Node's 5 s keep-alive, the idle-socket timer
  // then fires just as a client reuses that socket, and the client sees "other side closed", so keep idle sockets
  // well past any such pause.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    requests,
    inject: (list: Fault | Fault[]) => faults.inject(list),
    reset,
    setLatency: (ms: number) => {
      latencyMs = checkLatency(ms);
    },
    setQuota: (perMinute: number | undefined) => state.quota.set(perMinute),
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, state.painter.close()]);
    },
  };
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, ...CORS, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** JSON has no Infinity; say it in words rather than letting it turn into null. */
function showFaults(list: readonly Fault[]): unknown[] {
  return list.map((fault) => (fault.times === Number.POSITIVE_INFINITY ? { ...fault, times: 'Infinity' } : fault));
}

function plain(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** The body as text, or undefined when it exceeded `limit` (the rest is drained so the client sees an answer). */
async function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) chunks.length = 0;
    else chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function checkLatency(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`latencyMs must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkSignatureBytes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_SIGNATURE_BYTES) {
    throw new TypeError(`signatureBytes must be a whole number ≥ ${MIN_SIGNATURE_BYTES}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
