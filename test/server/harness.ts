/**
 * Runs Peel's server functions in-process against the runtime's in-memory services: SlidesApp and DocumentApp
 * over a JSON document, PropertiesService, CacheService, Utilities, and a synchronous UrlFetchApp answering
 * with canned Gemini responses. Every service global is wrapped so that each method call counts for its
 * service, as the runtime's execution record counts them (Blob methods are values and do not count).
 */
import { vi } from 'vitest';
import { FakeDocumentApp } from '../../dev/runtime/docs';
import type { DeckState, HostDocument } from '../../dev/runtime/model';
import { demoDeck, demoDoc } from '../../dev/runtime/seed';
import { FakeBlob } from '../../dev/runtime/services/blob';
import { CacheStore, FakeCacheService } from '../../dev/runtime/services/cache';
import { DRIVE_PREFIX, DRIVE_UPLOAD_PREFIX, DriveStandIn } from '../../dev/runtime/services/drive';
import { FakePropertiesService } from '../../dev/runtime/services/properties';
import { FakeHTTPResponse } from '../../dev/runtime/services/url-fetch';
import { FakeUtilities } from '../../dev/runtime/services/utilities';
import { FakeSlidesApp } from '../../dev/runtime/slides';
import type { HostContext } from '../../dev/runtime/world';
import { emptyUiLog } from '../../dev/runtime/world';
import { encodePng } from '../../dev/support/image';
import type { ApplyDone, ApplyResult, GeneratedImage, ImageCallOutcome, Result } from '../../src/shared/rpc';
import { imageResponse } from '../core/gemini/fakes';
import { InProcessLockService } from './fake-lock';

export const TEST_KEY = `AIza${'x'.repeat(35)}`;

export type Responder = (
  request: GoogleAppsScript.URL_Fetch.URLFetchRequest,
  index: number,
) => {
  status: number;
  body: string;
};

export interface Harness {
  readonly ctx: HostContext;
  readonly properties: FakePropertiesService;
  readonly cache: CacheStore;
  readonly locks: InProcessLockService;
  /** The Drive stand-in UrlFetchApp.fetch reaches for versions, signed in as the harness's user. */
  readonly drive: DriveStandIn;
  /** Method calls per service global since the last `resetCounts()`. */
  readonly calls: Record<string, number>;
  readonly requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[];
  /** The size of each fetchAll, in order: variants share one round trip. */
  readonly batches: number[];
  totalCalls(): number;
  /** Property reads plus writes, all stores, since the last `resetCounts()`. */
  propertyOps(): number;
  resetCounts(): void;
  respondWith(responder: Responder): void;
  /** The document as JSON, for before/after comparisons. */
  snapshot(): string;
  /**
   * From now on, the `index`-th call (0-based) to any of `services` throws, as a failing Apps Script call
   * does; `faultLog()` lists those services' calls since. `index` past the end fails nothing.
   */
  failCall(index: number, services: readonly string[]): void;
  faultLog(): readonly string[];
}

/** Objects that are values in Apps Script (not service handles): passed through uncounted. */
function isValue(value: object): boolean {
  return value instanceof FakeBlob || value instanceof Uint8Array;
}

/** Every service call in order (`SlidesApp.insertImage`), and a call to fail: for fault injection. */
interface Faults {
  readonly log: string[];
  /** Fails the call whose position in `log` (0-based) this is, for the services listed. */
  failAt: { readonly index: number; readonly services: readonly string[] } | null;
  seen: number;
}

function counted<T extends object>(
  target: T,
  service: string,
  calls: Record<string, number>,
  raw: WeakMap<object, object>,
  faults: Faults,
): T {
  const wrap = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || isValue(value)) return value;
    if (Array.isArray(value)) return value.map(wrap);
    return counted(value, service, calls, raw, faults);
  };
  const unwrap = (value: unknown): unknown =>
    typeof value === 'object' && value !== null ? (raw.get(value) ?? value) : value;
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      const member = Reflect.get(object, key, receiver);
      if (typeof member !== 'function' || typeof key !== 'string' || key === 'constructor') return member;
      return (...args: unknown[]) => {
        calls[service] = (calls[service] ?? 0) + 1;
        const fail = faults.failAt;
        if (fail?.services.includes(service)) {
          faults.log.push(`${service}.${key}`);
          if (faults.seen++ === fail.index) throw new Error(`Injected failure: ${service}.${key}`);
        }
        return wrap((member as (...a: unknown[]) => unknown).apply(object, args.map(unwrap)));
      };
    },
  });
  raw.set(proxy, target);
  return proxy;
}

const USER = 'tester@example.com';

/** UrlFetchApp.fetch as Peel's Drive adapter calls it, answered by the stand-in (driveRoutes' job in the runtime). */
export function driveFetch(drive: DriveStandIn) {
  return (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) => {
    if (!url.startsWith(DRIVE_PREFIX) && !url.startsWith(DRIVE_UPLOAD_PREFIX)) {
      throw new Error(`The harness's UrlFetchApp.fetch answers only Drive, not ${url}`);
    }
    const headers = new Headers(params.headers as Record<string, string> | undefined);
    if (params.contentType) headers.set('content-type', params.contentType);
    const payload = params.payload;
    // A string, a Byte[] or a Blob, as UrlFetchApp takes them.
    const body =
      typeof payload === 'string'
        ? new TextEncoder().encode(payload)
        : Array.isArray(payload)
          ? Uint8Array.from(payload as number[], (b) => b & 0xff)
          : payload instanceof FakeBlob
            ? payload.rawBytes()
            : null;
    const answer = drive.handle({ method: params.method ?? 'get', url, headers, body });
    return new FakeHTTPResponse(answer.status, answer.headers, answer.body);
  };
}

export function installServices(
  document: HostDocument | null,
  options: { userProperties?: Record<string, string>; documentProperties?: Record<string, string> } = {},
): Harness {
  const ctx: HostContext = { document, ui: emptyUiLog(), authMode: 'FULL' };
  const properties = new FakePropertiesService({
    user: options.userProperties ?? { PEEL_API_KEY: TEST_KEY },
    ...(options.documentProperties ? { document: options.documentProperties } : {}),
  });
  const cache = new CacheStore();
  const locks = new InProcessLockService(document !== null);
  const calls: Record<string, number> = {};
  const requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[] = [];
  const batches: number[] = [];
  let responder: Responder = () => ({ status: 500, body: '{"error":{"code":500,"message":"no responder"}}' });
  const drive = new DriveStandIn();
  const token = drive.signIn(USER);
  const urlFetch = {
    fetch: driveFetch(drive),
    fetchAll(list: GoogleAppsScript.URL_Fetch.URLFetchRequest[]) {
      batches.push(list.length);
      return list.map((request) => {
        requests.push(request);
        const { status, body } = responder(request, requests.length - 1);
        return new FakeHTTPResponse(
          status,
          [['content-type', 'application/json; charset=utf-8']],
          new TextEncoder().encode(body),
        );
      });
    },
  };
  const raw = new WeakMap<object, object>();
  const faults: Faults = { log: [], failAt: null, seen: 0 };
  const services: Record<string, object> = {
    SlidesApp: new FakeSlidesApp(ctx),
    DocumentApp: new FakeDocumentApp(ctx),
    PropertiesService: properties,
    LockService: locks,
    CacheService: new FakeCacheService({
      store: cache,
      documentId: document?.id ?? null,
      user: USER,
      authMode: 'FULL',
    }),
    Utilities: new FakeUtilities(),
    UrlFetchApp: urlFetch,
    ScriptApp: { getOAuthToken: () => token },
  };
  for (const [name, service] of Object.entries(services))
    vi.stubGlobal(name, counted(service, name, calls, raw, faults));
  vi.stubGlobal('PEEL_VERTEX', false);
  vi.stubGlobal('PEEL_VERTEX_LOCATION', '');
  vi.stubGlobal('PEEL_VERSION', '0.0.0-test');

  const counts = () => properties.counts();
  let base = counts();
  return {
    ctx,
    properties,
    cache,
    locks,
    drive,
    calls,
    requests,
    batches,
    totalCalls: () => Object.values(calls).reduce((sum, n) => sum + n, 0),
    propertyOps() {
      const now = counts();
      let total = 0;
      for (const store of ['document', 'user', 'script'] as const) {
        total += now[store].reads - base[store].reads + now[store].writes - base[store].writes;
      }
      return total;
    },
    resetCounts() {
      for (const key of Object.keys(calls)) delete calls[key];
      base = counts();
    },
    respondWith(next) {
      responder = next;
    },
    snapshot: () => JSON.stringify(ctx.document),
    failCall(index, services) {
      faults.log.length = 0;
      faults.seen = 0;
      faults.failAt = { index, services };
    },
    faultLog: () => [...faults.log],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Canned Gemini answers

export function pngBase64(width: number, height: number): string {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([30 + (i % 200), 120, 200, 255], i);
  return Buffer.from(encodePng({ width, height, data })).toString('base64');
}

/**
 * A PNG that claims `width` × `height` in its header and ends properly, without the pixels: enough for the
 * client's integrity check and Peel's size check, never decoded (it must not reach an insert call).
 */
export function hugePngBase64(width: number, height: number): string {
  const bytes = new Uint8Array(8 + 25 + 12);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  bytes.set([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], 33);
  return Buffer.from(bytes).toString('base64');
}

/** Every generateContent answers with this image and caption. */
export function imageReply(base64: string, text = 'Here is your picture.', mimeType = 'image/png'): Responder {
  return () => ({ status: 200, body: JSON.stringify(imageResponse({ mimeType, data: base64, text })) });
}

/** What an Apply or Restore placed, or a failure saying what came instead (an error, or `changed`). */
export function applied(result: Result<ApplyResult>): ApplyDone {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  if (result.value.kind === 'changed') throw new Error(`expected it applied, got ${JSON.stringify(result.value)}`);
  return result.value;
}

/** The image a generateImage call brought, or a failure saying what came instead. */
export function imageOf(result: Result<ImageCallOutcome>): GeneratedImage {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  if (result.value.kind !== 'image') throw new Error(`expected an image, got ${JSON.stringify(result.value)}`);
  return result.value.image;
}

/** A call's value, or the error's code, message and detail as the test's failure. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  return result.value;
}

/** The demo deck with slide 3's picture selected. */
export function selectedDeck(): DeckState {
  const deck = demoDeck();
  deck.selection = { pageId: 'slide-3', elementIds: ['s3-image'], text: null };
  return deck;
}

/** The demo document with its sunrise picture selected. */
export function selectedDoc(): HostDocument {
  const doc = demoDoc();
  doc.selection = { cursor: null, range: null, imageId: 'img-sunrise' };
  return doc;
}
