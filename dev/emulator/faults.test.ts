import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../support/image';
import { FAULT_KINDS } from './faults';
import { call, finalImage, generate, type JsonResponse, userText } from './helpers';
import type { Emulator, FaultKind } from './index';
import { startEmulator } from './index';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const MODEL = 'gemini-3.1-flash-image';
const body = userText('A lighthouse', { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512' } });
const RPC = 'type.googleapis.com/google.rpc.';

async function withFault(kind: FaultKind, extra: Record<string, unknown> = {}): Promise<JsonResponse> {
  emulator.inject({ kind, ...extra });
  return generate(emulator.url, MODEL, body, 'AIzaTestKey');
}

// biome-ignore lint/suspicious/noExplicitAny: error JSON.
function detail(response: JsonResponse, type: string): any {
  // biome-ignore lint/suspicious/noExplicitAny: error JSON.
  return response.json.error.details?.find((d: any) => d['@type'] === `${RPC}${type}`);
}

function expectError(response: JsonResponse, code: number, status: string): void {
  expect(response.status).toBe(code);
  expect(response.contentType).toBe('application/json; charset=UTF-8');
  expect(response.json.error.code).toBe(code);
  expect(response.json.error.status).toBe(status);
  expect(typeof response.json.error.message).toBe('string');
}

describe('HTTP error faults', () => {
  it('key-invalid: 400 with ErrorInfo API_KEY_INVALID', async () => {
    const response = await withFault('key-invalid');
    expectError(response, 400, 'INVALID_ARGUMENT');
    expect(response.json.error.message).toBe('API key not valid. Please pass a valid API key.');
    expect(detail(response, 'ErrorInfo')).toMatchObject({ reason: 'API_KEY_INVALID', domain: 'googleapis.com' });
    expect(detail(response, 'LocalizedMessage')).toMatchObject({ locale: 'en-US' });
  });

  it('key-leaked: 403 with Google message', async () => {
    const response = await withFault('key-leaked');
    expectError(response, 403, 'PERMISSION_DENIED');
    expect(response.json.error.message).toBe('Your API key was reported as leaked. Please use another API key.');
  });

  it('key-suspended: 403 with ErrorInfo CONSUMER_SUSPENDED', async () => {
    const response = await withFault('key-suspended');
    expectError(response, 403, 'PERMISSION_DENIED');
    expect(response.json.error.message).toBe("Permission denied: Consumer 'api_key:AIzaTestKey' has been suspended.");
    expect(detail(response, 'ErrorInfo').reason).toBe('CONSUMER_SUSPENDED');
  });

  it('billing: 429 on free-tier quotas of zero, still with a RetryInfo', async () => {
    const response = await withFault('billing');
    expectError(response, 429, 'RESOURCE_EXHAUSTED');
    expect(response.json.error.message).toContain(`generate_content_free_tier_requests, limit: 0, model: ${MODEL}`);
    const violations = detail(response, 'QuotaFailure').violations;
    expect(
      violations.every(
        (v: { quotaId: string; quotaValue: string }) => v.quotaId.endsWith('-FreeTier') && v.quotaValue === '0',
      ),
    ).toBe(true);
    expect(detail(response, 'RetryInfo').retryDelay).toBe('33s');
    expect(detail(response, 'Help').links[0].url).toBe('https://ai.google.dev/gemini-api/docs/rate-limits');
  });

  it('model-retired: 404 with the ListModels hint', async () => {
    const response = await withFault('model-retired');
    expectError(response, 404, 'NOT_FOUND');
    expect(response.json.error.message).toBe(
      `models/${MODEL} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    );
  });

  it('rate-minute: 429 per-minute quota with the asked retry delay', async () => {
    const response = await withFault('rate-minute', { retryDelaySeconds: 17.5 });
    expectError(response, 429, 'RESOURCE_EXHAUSTED');
    expect(detail(response, 'QuotaFailure').violations[0]).toMatchObject({
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
      quotaDimensions: { location: 'global', model: MODEL },
    });
    expect(detail(response, 'RetryInfo').retryDelay).toBe('17s');
    expect(response.json.error.message).toMatch(/Please retry in 17\.5s\.$/);
  });

  it('model-retired on Vertex AI: the publisher-model 404', async () => {
    emulator.inject({ kind: 'model-retired' });
    const response = await call(
      `${emulator.url}/v1beta1/projects/p/locations/global/publishers/google/models/${MODEL}:generateContent`,
      {
        body,
        headers: { authorization: 'Bearer t' },
      },
    );
    expectError(response, 404, 'NOT_FOUND');
    expect(response.json.error.message).toMatch(
      /^Publisher Model `projects\/p\/locations\/global\/publishers\/google\/models\//,
    );
  });

  it('rate-day: 429 per-day quota', async () => {
    const response = await withFault('rate-day');
    expectError(response, 429, 'RESOURCE_EXHAUSTED');
    expect(detail(response, 'QuotaFailure').violations[0].quotaId).toBe('GenerateRequestsPerDayPerProjectPerModel');
    expect(detail(response, 'RetryInfo')).toBeDefined();
  });

  it.each<[FaultKind, number, string]>([
    ['internal', 500, 'INTERNAL'],
    ['unavailable', 503, 'UNAVAILABLE'],
    ['deadline', 504, 'DEADLINE_EXCEEDED'],
  ])('%s: %i %s', async (kind, code, status) => {
    expectError(await withFault(kind), code, status);
  });

  it("too-large: 413 from the front end, as HTML rather than Google's JSON", async () => {
    const response = await withFault('too-large');
    expect(response.status).toBe(413);
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.text).toContain('Error 413 (Request Entity Too Large)!!1');
    expect(response.json).toBeUndefined();
  });
});

describe('broken 200 answers', () => {
  it('malformed-json: a 200 whose body is cut short', async () => {
    const response = await withFault('malformed-json');
    expect(response.status).toBe(200);
    expect(response.text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
  });

  it('truncated-base64: valid JSON, but the image data is cut and does not decode', async () => {
    const response = await withFault('truncated-base64');
    expect(response.status).toBe(200);
    const image = finalImage(response.json);
    expect(image?.mimeType).toBe('image/jpeg');
    expect((image?.data.length ?? 0) % 4).not.toBe(0);
    expect(() => decodeImage(Buffer.from(image?.data ?? '', 'base64'))).toThrow();
  });
});

describe('200 answers without an image', () => {
  it('prompt-blocked: promptFeedback.blockReason and no candidates', async () => {
    const response = await withFault('prompt-blocked');
    expect(response.status).toBe(200);
    expect(response.json.promptFeedback).toEqual({ blockReason: 'PROHIBITED_CONTENT' });
    expect(response.json.candidates).toBeUndefined();
    expect(response.json.usageMetadata.promptTokenCount).toBeGreaterThan(0);
  });

  it.each<[FaultKind, string]>([
    ['image-safety', 'IMAGE_SAFETY'],
    ['image-prohibited', 'IMAGE_PROHIBITED_CONTENT'],
    ['image-recitation', 'IMAGE_RECITATION'],
    ['no-image', 'NO_IMAGE'],
    ['missing-thought-signature', 'MISSING_THOUGHT_SIGNATURE'],
  ])('%s: finishReason %s with a finishMessage', async (kind, reason) => {
    const response = await withFault(kind);
    expect(response.status).toBe(200);
    const [candidate, ...others] = response.json.candidates;
    expect(others).toEqual([]);
    expect(candidate.finishReason).toBe(reason);
    expect(candidate.finishMessage.length).toBeGreaterThan(10);
    expect(finalImage(response.json)).toBeUndefined();
  });

  it('text-refusal: STOP with an apology and no image', async () => {
    const response = await withFault('text-refusal');
    expect(response.status).toBe(200);
    const candidate = response.json.candidates[0];
    expect(candidate.finishReason).toBe('STOP');
    expect(candidate.content.parts).toHaveLength(1);
    expect(candidate.content.parts[0].text).toMatch(/^I can't create that image/);
    expect(candidate.content.parts[0].thoughtSignature).toEqual(expect.any(String));
    expect(finalImage(response.json)).toBeUndefined();
  });
});

describe('slow answers', () => {
  it('arrive after delayMs, otherwise intact', async () => {
    emulator.inject({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const response = await generate(emulator.url, MODEL, body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.status).toBe(200);
    expect(finalImage(response.json)).toBeDefined();
  });

  it('are cancelled when the client gives up, and by close()', async () => {
    const local = await startEmulator();
    local.inject({ kind: 'slow', times: Number.POSITIVE_INFINITY });
    const aborted = fetch(`${local.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    await expect.poll(() => local.requests[0]?.status).toBe(499);

    const pending = generate(local.url, MODEL, body).then(
      () => 'answered',
      () => 'dropped',
    );
    await expect.poll(() => local.requests.length).toBe(2);
    const started = Date.now();
    await local.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBe('dropped');
  });
});

describe('fault mechanics', () => {
  it('covers every fault kind in the public type', () => {
    expect([...FAULT_KINDS].sort()).toEqual(
      [
        'key-invalid',
        'key-leaked',
        'key-suspended',
        'billing',
        'model-retired',
        'rate-minute',
        'rate-day',
        'internal',
        'unavailable',
        'deadline',
        'slow',
        'malformed-json',
        'truncated-base64',
        'prompt-blocked',
        'image-safety',
        'image-prohibited',
        'image-recitation',
        'no-image',
        'text-refusal',
        'missing-thought-signature',
        'too-large',
      ].sort(),
    );
  });

  it('applies a fault `times` times, in injection order, then recovers', async () => {
    emulator.inject([{ kind: 'unavailable', times: 2 }, { kind: 'internal' }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await generate(emulator.url, MODEL, body)).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
  });

  it('keeps an Infinity fault until reset', async () => {
    emulator.inject({ kind: 'rate-minute', times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) expect((await generate(emulator.url, MODEL, body)).status).toBe(429);
    emulator.reset();
    expect((await generate(emulator.url, MODEL, body)).status).toBe(200);
  });

  it('limits a fault to its model', async () => {
    emulator.inject({ kind: 'internal', model: 'models/gemini-3-pro-image' });
    expect((await generate(emulator.url, MODEL, body)).status).toBe(200);
    expect(
      (await generate(emulator.url, 'gemini-3-pro-image', userText('x', { responseModalities: ['TEXT'] }))).status,
    ).toBe(500);
  });

  it('is not used up by a request that fails before reaching it', async () => {
    emulator.inject({ kind: 'unavailable' });
    expect((await generate(emulator.url, MODEL, userText('x', { candidateCount: 3 }))).status).toBe(400);
    expect((await generate(emulator.url, MODEL, body)).status).toBe(503);
  });

  it('fails ListModels too for key faults, but not for model faults', async () => {
    emulator.inject({ kind: 'internal' });
    expect((await call(`${emulator.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'k' } })).status).toBe(200);
    emulator.reset();
    emulator.inject({ kind: 'key-invalid' });
    expect((await call(`${emulator.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'k' } })).status).toBe(400);
  });

  it('rejects unknown kinds and bad counts', () => {
    expect(() => emulator.inject({ kind: 'meteor' as FaultKind })).toThrow(/Unknown fault kind "meteor"/);
    expect(() => emulator.inject({ kind: 'internal', times: 0 })).toThrow(/times/);
  });
});

describe('control endpoints', () => {
  const control = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${emulator.url}/__emulator/${path}`, init);

  it('injects, lists and clears faults over HTTP', async () => {
    const injected = await control('faults', {
      body: { faults: [{ kind: 'deadline', times: 'Infinity' }, { kind: 'no-image' }] },
    });
    expect(injected.status).toBe(200);
    expect(injected.json.faults).toEqual([
      { kind: 'deadline', times: 'Infinity' },
      { kind: 'no-image', times: 1 },
    ]);
    expect((await generate(emulator.url, MODEL, body)).status).toBe(504);
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200);
    expect((await generate(emulator.url, MODEL, body)).status).toBe(200);
    const bad = await control('faults', { body: { faults: [{ kind: 'nope' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/Unknown fault kind/);
  });

  it('returns recorded requests without recording control calls', async () => {
    await generate(emulator.url, MODEL, body);
    const recorded = await control('requests');
    expect(recorded.json.requests).toHaveLength(1);
    expect(recorded.json.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1beta/models/${MODEL}:generateContent`,
      status: 200,
      body,
    });
    expect(emulator.requests).toHaveLength(1);
  });

  it('sets latency and signature size, and reports health', async () => {
    const config = await control('config', { body: { latencyMs: 250, signatureBytes: 200 } });
    expect(config.json).toEqual({ latencyMs: 250, signatureBytes: 200 });
    const started = Date.now();
    const response = await generate(emulator.url, MODEL, body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Buffer.from(finalImage(response.json)?.thoughtSignature ?? '', 'base64').length).toBe(200);
    const health = await control('health');
    expect(health.json).toMatchObject({ status: 'ok', latencyMs: 250, discoveryRevision: '20260325' });
    expect((await control('config', { body: { latencyMs: -1 } })).status).toBe(400);
  });

  it('setLatency delays answers programmatically', async () => {
    emulator.setLatency(200);
    const started = Date.now();
    await call(`${emulator.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'k' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
