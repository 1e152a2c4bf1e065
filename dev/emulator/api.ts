/**
 * The Gemini API surface: routes, authentication, model lookup, fault stages, validation and answers. Pure
 * request-in, reply-out; the HTTP plumbing (bodies, delays, recording) lives in server.ts.
 */
import { createHash } from 'node:crypto';
import {
  ApiFailure,
  badRequest,
  consumerSuspended,
  deadlineExceeded,
  freeTierUnavailable,
  internalError,
  invalidArgument,
  keyInvalid,
  keyLeaked,
  modelNotFound,
  payloadTooLarge,
  rateLimited,
  unavailable,
  unregisteredCaller,
  vertexModelNotFound,
  vertexUnauthenticated,
} from './errors';
import type { FaultQueue } from './faults';
import { type Stage, stageOf } from './faults';
import {
  answer,
  type Flavor,
  finishedWithout,
  type PictureCache,
  type Plan,
  planRequest,
  promptBlocked,
  textRefusal,
} from './generate';
import { findModel, MODELS, modelResource } from './models';
import type { Painter } from './painter';
import type { MinuteQuota } from './quota';
import { gfePage, jsonReply, type Reply, rawReply } from './reply';
import { checkRequest } from './rules';
import { type DiscoverySchema, loadDiscovery, overlay, SchemaValidator } from './schema';
import type { Fault } from './types';
import type { GenerateContentRequest } from './wire';

export type Route =
  | { readonly kind: 'list'; readonly version: string }
  | { readonly kind: 'get'; readonly version: string; readonly model: string }
  | {
      readonly kind: 'generate';
      readonly flavor: Flavor;
      readonly version: string;
      readonly model: string;
      readonly stream: boolean;
      readonly project?: string;
      readonly location?: string;
    };

export function matchRoute(method: string, pathname: string): Route | undefined {
  const decoded = safeDecode(pathname);
  let m = /^\/(v1|v1beta)\/models$/.exec(decoded);
  if (m !== null && method === 'GET') return { kind: 'list', version: m[1] ?? 'v1beta' };
  m = /^\/(v1|v1beta)\/models\/([^/:]+)$/.exec(decoded);
  if (m !== null && method === 'GET') return { kind: 'get', version: m[1] ?? 'v1beta', model: m[2] ?? '' };
  m = /^\/(v1|v1beta)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(decoded);
  if (m !== null && method === 'POST') {
    return {
      kind: 'generate',
      flavor: 'gemini',
      version: m[1] ?? '',
      model: m[2] ?? '',
      stream: m[3] !== 'generateContent',
    };
  }
  m =
    /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(
      decoded,
    );
  if (m !== null && method === 'POST') {
    return {
      kind: 'generate',
      flavor: 'vertex',
      version: m[1] ?? '',
      project: m[2] ?? '',
      location: m[3] ?? '',
      model: m[4] ?? '',
      stream: m[5] !== 'generateContent',
    };
  }
  return undefined;
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

export interface ApiRequest {
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Undefined when the body was larger than the limit and was not kept. */
  readonly body: string | undefined;
}

export interface ApiState {
  readonly faults: FaultQueue;
  readonly quota: MinuteQuota;
  /** The emulator's clock in ms; the quota window runs on it, so tests can move time instead of waiting. */
  readonly now: () => number;
  readonly cache: PictureCache;
  readonly painter: Painter;
  signatureBytes: number;
  readonly maxRequestBytes: number;
  nextResponseId(seed: Buffer): string;
}

const validators = (() => {
  let cached: Record<'v1beta' | 'v1' | 'vertex', SchemaValidator> | undefined;
  return () => {
    if (cached !== undefined) return cached;
    const { schemas } = loadDiscovery();
    const string: DiscoverySchema = { type: 'string' };
    cached = {
      v1beta: new SchemaValidator(schemas),
      // v1 rejects the image fields: `Unknown name "responseModalities" at 'generation_config'` (js-genai #1322).
      v1: new SchemaValidator(
        overlay(schemas, { GenerationConfig: { remove: ['responseModalities', 'imageConfig'] } }),
      ),
      vertex: new SchemaValidator(
        overlay(schemas, {
          ImageConfig: {
            add: {
              outputMimeType: string,
              outputCompressionQuality: { type: 'integer', format: 'int32' },
              imageOutputOptions: {
                type: 'object',
                id: 'ImageOutputOptions',
                properties: { mimeType: string, compressionQuality: { type: 'integer', format: 'int32' } },
              },
              personGeneration: {
                type: 'string',
                enum: ['PERSON_GENERATION_UNSPECIFIED', 'ALLOW_ALL', 'ALLOW_ADULT', 'ALLOW_NONE'],
              },
              prominentPeople: {
                type: 'string',
                enum: ['PROMINENT_PEOPLE_UNSPECIFIED', 'ALLOW_PROMINENT_PEOPLE', 'BLOCK_PROMINENT_PEOPLE'],
              },
            },
          },
          GenerateContentRequest: { add: { labels: { type: 'object', additionalProperties: string } } },
        }),
      ),
    };
    return cached;
  };
})();

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function apiKeyOf(request: ApiRequest): string | undefined {
  const key = header(request, 'x-goog-api-key') ?? request.query.get('key') ?? undefined;
  return key === '' ? undefined : key;
}

function bearerOf(request: ApiRequest): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(header(request, 'authorization') ?? '');
  return match?.[1];
}

export async function handleApi(route: Route, request: ApiRequest, state: ApiState): Promise<Reply> {
  try {
    if (route.kind === 'generate') return await generate(route, request, state);
    return models(route, request, state);
  } catch (error) {
    if (error instanceof ApiFailure) return error.toReply();
    throw error;
  }
}

/** What a fault's error needs to know about the request it breaks. */
interface Caller {
  readonly model: string;
  readonly key: string | undefined;
  /** The 404 this surface gives for a model it does not serve. */
  readonly notFound: () => ApiFailure;
}

/** Applies and uses up the pending fault if it strikes at `stage`. */
function strike(state: ApiState, fault: Fault | undefined, stage: Stage, caller: Caller): void {
  if (fault === undefined || stageOf(fault.kind) !== stage) return;
  const failure = httpFault(fault, caller);
  if (failure === undefined) return;
  state.faults.consume(fault);
  throw failure;
}

function httpFault(fault: Fault, { model, key, notFound }: Caller): ApiFailure | undefined {
  switch (fault.kind) {
    case 'key-invalid':
      return keyInvalid();
    case 'key-leaked':
      return keyLeaked();
    case 'key-suspended':
      return consumerSuspended(key ?? 'unknown');
    case 'model-retired':
      return notFound();
    case 'billing':
      return freeTierUnavailable(model, fault.retryDelaySeconds ?? 33.7);
    case 'rate-minute':
      return rateLimited(model, 'minute', fault.retryDelaySeconds ?? 20);
    case 'rate-day':
      return rateLimited(model, 'day', fault.retryDelaySeconds ?? 33);
    case 'internal':
      return internalError();
    case 'unavailable':
      return unavailable();
    case 'deadline':
      return deadlineExceeded();
    default:
      return undefined;
  }
}

function models(route: Exclude<Route, { kind: 'generate' }>, request: ApiRequest, state: ApiState): Reply {
  const key = apiKeyOf(request);
  if (key === undefined && bearerOf(request) === undefined) throw unregisteredCaller();
  const model = route.kind === 'get' ? route.model : undefined;
  const caller: Caller = {
    model: model ?? '',
    key,
    notFound: () => modelNotFound(model ?? '', route.version, 'getModel'),
  };
  strike(state, state.faults.peek('models', model), 'key', caller);
  const available = MODELS.filter((spec) => spec.apiVersions.includes(route.version));
  if (route.kind === 'get') {
    const spec = findModel(route.model, route.version);
    if (spec === undefined) {
      throw new ApiFailure(
        404,
        'NOT_FOUND',
        `Model is not found: models/${route.model} for api version ${route.version}`,
      );
    }
    return jsonReply(200, modelResource(spec));
  }
  const pageSizeText = request.query.get('pageSize');
  const pageSize = pageSizeText === null ? 50 : Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw badRequest([
      { field: 'page_size', description: `Invalid value at 'page_size' (TYPE_INT32), "${pageSizeText}"` },
    ]);
  }
  const size = Math.min(pageSize === 0 ? 50 : pageSize, 1000);
  const token = request.query.get('pageToken');
  let start = 0;
  if (token !== null && token !== '') {
    const after = decodePageToken(token);
    const index = available.findIndex((spec) => `models/${spec.id}` === after);
    if (index < 0) throw invalidArgument('Invalid page token.');
    start = index + 1;
  }
  const page = available.slice(start, start + size);
  const last = page[page.length - 1];
  const more = start + size < available.length && last !== undefined;
  return jsonReply(200, {
    models: page.map(modelResource),
    ...(more ? { nextPageToken: encodePageToken(`models/${last.id}`) } : {}),
  });
}

/** Google's tokens are a serialised proto holding the last name (field 1); this mimics that shape. */
function encodePageToken(name: string): string {
  return Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]).toString('base64');
}

function decodePageToken(token: string): string | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes[0] !== 0x0a || bytes[1] !== bytes.length - 2) return undefined;
  return bytes.subarray(2).toString();
}

async function generate(
  route: Extract<Route, { kind: 'generate' }>,
  request: ApiRequest,
  state: ApiState,
): Promise<Reply> {
  const method = route.stream ? 'streamGenerateContent' : 'generateContent';
  const fault = state.faults.peek('generate', route.model);
  if (fault?.kind === 'too-large') {
    state.faults.consume(fault);
    return gfePage(413, 'Your client issued a request that was too large.');
  }
  const key = apiKeyOf(request);
  if (route.flavor === 'vertex') {
    if (bearerOf(request) === undefined)
      throw vertexUnauthenticated(`google.cloud.aiplatform.${route.version}.PredictionService.GenerateContent`);
  } else if (key === undefined && bearerOf(request) === undefined) {
    throw unregisteredCaller();
  }
  const caller: Caller = {
    model: route.model,
    key,
    notFound: () =>
      route.flavor === 'vertex'
        ? vertexModelNotFound(route.project ?? '', route.location ?? '', route.model)
        : modelNotFound(route.model, route.version, method === 'generateContent' ? method : 'StreamGenerateContent'),
  };
  strike(state, fault, 'key', caller);
  const model = findModel(route.model, route.flavor === 'vertex' ? 'v1beta' : route.version);
  if (model === undefined) throw caller.notFound();
  strike(state, fault, 'model', caller);
  strike(state, fault, 'quota', caller);
  admit(state, key ?? `bearer:${bearerOf(request) ?? ''}`, route.model);

  const parsed = parseBody(request, state.maxRequestBytes);
  const validator = validators()[route.flavor === 'vertex' ? 'vertex' : route.version === 'v1' ? 'v1' : 'v1beta'];
  const { value, violations } = validator.validate(parsed, 'GenerateContentRequest');
  if (violations.length > 0) throw badRequest(violations);
  const body = value as GenerateContentRequest;
  const ruleFailure = checkRequest(model, body, route.flavor);
  if (ruleFailure !== undefined) throw ruleFailure;

  const plan = planRequest(model, body, route.flavor);
  strike(state, fault, 'serve', caller);
  const served = fault !== undefined && stageOf(fault.kind) === 'serve' ? fault : undefined;
  if (served !== undefined) state.faults.consume(served);
  return respond(plan, served, state, route.stream, request.query.get('alt') === 'sse');
}

/**
 * The quota mode's check, at the quota stage. Google counts per project; here each key (or bearer token)
 * stands for its own project.
 */
function admit(state: ApiState, caller: string, model: string): void {
  const waitMs = state.quota.admit(caller, state.now());
  const limit = state.quota.perMinute;
  if (waitMs === undefined || limit === undefined) return;
  // Whole seconds, rounded up: RetryInfo drops the fraction, so a client that waits exactly retryDelay must
  // find the slot already open.
  throw rateLimited(model, 'minute', Math.ceil(waitMs / 1000), limit);
}

function parseBody(request: ApiRequest, limit: number): unknown {
  if (request.body === undefined) throw payloadTooLarge(limit);
  if (request.body.trim() === '') return {};
  try {
    return JSON.parse(request.body);
  } catch {
    const snippet = request.body.slice(0, 60);
    const message = `Invalid JSON payload received. Unexpected token.\n${snippet}\n^`;
    throw badRequest([{ description: message }]);
  }
}

async function respond(
  plan: Plan,
  fault: Fault | undefined,
  state: ApiState,
  stream: boolean,
  sse: boolean,
): Promise<Reply> {
  const responseId = state.nextResponseId(plan.hash);
  const ok = (body: Record<string, unknown>) =>
    stream ? streamReply(body, sse) : jsonReply(200, body, { 'x-gemini-service-tier': 'standard' });
  switch (fault?.kind) {
    case 'prompt-blocked':
      return ok(promptBlocked(plan, responseId));
    case 'image-safety':
      return ok(finishedWithout(plan, 'IMAGE_SAFETY', responseId));
    case 'image-prohibited':
      return ok(finishedWithout(plan, 'IMAGE_PROHIBITED_CONTENT', responseId));
    case 'image-recitation':
      return ok(finishedWithout(plan, 'IMAGE_RECITATION', responseId));
    case 'no-image':
      return ok(finishedWithout(plan, 'NO_IMAGE', responseId));
    case 'missing-thought-signature':
      return ok(finishedWithout(plan, 'MISSING_THOUGHT_SIGNATURE', responseId));
    case 'text-refusal':
      return ok(textRefusal(plan, responseId, state.signatureBytes));
    default:
      break;
  }
  const result = await answer(plan, {
    signatureBytes: state.signatureBytes,
    responseId,
    cache: state.cache,
    painter: state.painter,
  });
  if (fault?.kind === 'truncated-base64' && result.imagePart !== undefined) {
    // Cut mid-stream and off the 4-character grid, as when a proxy or a size limit truncates the body.
    const data = result.imagePart.data;
    result.imagePart.data = data.slice(0, Math.floor(data.length / 2) - 1);
  }
  const reply = ok(result.body);
  if (fault?.kind === 'malformed-json')
    return { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length * 0.6)) };
  if (fault?.kind === 'slow') return { ...reply, delayMs: fault.delayMs ?? 70_000 };
  return reply;
}

/**
 * streamGenerateContent: one chunk per part, the last one with finishReason and usage. With `alt=sse` each is
 * a server-sent event; without it the answer is one JSON array, as Google does.
 */
function streamReply(body: Record<string, unknown>, sse: boolean): Reply {
  const candidates = body.candidates as { content?: { parts?: unknown[]; role?: string } }[] | undefined;
  const candidate = candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const { candidates: _ignored, usageMetadata, ...meta } = body;
  const chunks: Record<string, unknown>[] =
    candidate === undefined || parts.length <= 1
      ? [body]
      : parts.map((part, i) => {
          const last = i === parts.length - 1;
          const { content: _content, ...finish } = candidate;
          return {
            candidates: [{ content: { parts: [part], role: 'model' }, ...(last ? finish : { index: 0 }) }],
            ...(last ? { usageMetadata } : {}),
            ...meta,
          };
        });
  if (!sse) return jsonReply(200, chunks);
  return rawReply(200, 'text/event-stream', chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join(''));
}

/** Response ids look like Google's (base64url, 22–23 characters) and differ per call. */
export function responseIdFactory(): (seed: Buffer) => string {
  let counter = 0;
  return (seed) => {
    counter++;
    return createHash('sha256').update(seed).update(String(counter)).digest('base64url').slice(0, 23);
  };
}
