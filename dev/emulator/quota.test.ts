import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from './env';
import { call, generate, type JsonResponse, userText } from './helpers';
import type { Emulator } from './index';
import { startEmulator } from './index';

const MODEL = 'gemini-3.1-flash-image';
// Text only, so no picture is drawn: these tests make many calls and only the quota matters.
const body = userText('A lighthouse', { responseModalities: ['TEXT'] });
const RPC = 'type.googleapis.com/google.rpc.';
const T0 = 1_800_000_000_000;

/** The quota's clock: tests move it instead of waiting. */
let now = T0;
let emulator: Emulator;
let plain: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ requestsPerMinute: 10, now: () => now });
  plain = await startEmulator({ now: () => now });
});
afterAll(async () => {
  await emulator.close();
  await plain.close();
});
afterEach(() => {
  emulator.reset();
  plain.reset();
  now = T0;
});

// biome-ignore lint/suspicious/noExplicitAny: error JSON.
function detail(response: JsonResponse, type: string): any {
  // biome-ignore lint/suspicious/noExplicitAny: error JSON.
  return response.json.error.details?.find((d: any) => d['@type'] === `${RPC}${type}`);
}

/** What a client honouring RetryInfo waits, in ms. */
function retryDelayMs(response: JsonResponse): number {
  const delay = String(detail(response, 'RetryInfo')?.retryDelay);
  const match = /^(\d+)s$/.exec(delay);
  if (match === null) throw new Error(`RetryInfo.retryDelay is not whole seconds: ${delay}`);
  return Number(match[1]) * 1000;
}

/** Ten calls 3 s apart from 0.4 s past T0, so the window's oldest call leaves it at T0 + 60.4 s. */
async function useTheMinute(target: Emulator, key: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    now = T0 + 400 + i * 3000;
    expect((await generate(target.url, MODEL, body, key)).status).toBe(200);
  }
}

describe('quota mode', () => {
  it('is off by default: a burst past ten a minute all goes through', async () => {
    for (let i = 0; i < 12; i++) expect((await generate(plain.url, MODEL, body, 'k')).status).toBe(200);
  });

  it("answers the 11th call in a minute with Google's 429 and a retry delay that lets the call through", async () => {
    await useTheMinute(emulator, 'AIzaKeyA');
    now = T0 + 30_000;
    const refused = await generate(emulator.url, MODEL, body, 'AIzaKeyA');
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(refused.json.error.message).toContain(
      `generativelanguage.googleapis.com/generate_requests_per_model, limit: 10, model: ${MODEL}`,
    );
    // 30.4 s remain in the window; RetryInfo has whole seconds, so the delay rounds up rather than arriving early.
    expect(refused.json.error.message).toMatch(/Please retry in 31s\.$/);
    expect(detail(refused, 'QuotaFailure').violations[0]).toEqual({
      quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model',
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
      quotaDimensions: { location: 'global', model: MODEL },
      quotaValue: '10',
    });
    expect(detail(refused, 'Help')).toBeDefined();
    const delay = retryDelayMs(refused);
    expect(delay).toBe(31_000);

    // A second short of the delay the oldest call is still in the window.
    now = T0 + 30_000 + delay - 1000;
    expect((await generate(emulator.url, MODEL, body, 'AIzaKeyA')).status).toBe(429);
    now = T0 + 30_000 + delay;
    expect((await generate(emulator.url, MODEL, body, 'AIzaKeyA')).status).toBe(200);
    // The window slides: only the oldest call left it, so the next slot opens when the second call (T0 + 3.4 s)
    // leaves it, 2.4 s from now, which RetryInfo rounds up.
    const next = await generate(emulator.url, MODEL, body, 'AIzaKeyA');
    expect(next.status).toBe(429);
    expect(retryDelayMs(next)).toBe(3000);
  });

  it('counts each key separately', async () => {
    await useTheMinute(emulator, 'AIzaKeyA');
    expect((await generate(emulator.url, MODEL, body, 'AIzaKeyA')).status).toBe(429);
    expect((await generate(emulator.url, MODEL, body, 'AIzaKeyB')).status).toBe(200);
    expect((await generate(emulator.url, MODEL, body, 'AIzaKeyA')).status).toBe(429);
  });

  it('counts streaming calls, but not the calls it refused', async () => {
    const stream = (key: string) =>
      call(`${emulator.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, {
        body,
        headers: { 'x-goog-api-key': key },
      });
    emulator.setQuota(2);
    expect((await stream('k')).status).toBe(200);
    expect((await generate(emulator.url, MODEL, body, 'k')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await stream('k')).status).toBe(429);
    now = T0 + 60_000;
    expect((await generate(emulator.url, MODEL, body, 'k')).status).toBe(200);
  });

  it('is set, read and turned off through the control endpoint, and reset restores the starting quota', async () => {
    const control = (init: Parameters<typeof call>[1] = {}) => call(`${plain.url}/__emulator/quota`, init);
    expect((await control()).json).toEqual({ requestsPerMinute: null });
    expect((await control({ body: { requestsPerMinute: 2 } })).json).toEqual({ requestsPerMinute: 2 });
    expect((await call(`${plain.url}/__emulator/health`)).json.requestsPerMinute).toBe(2);
    expect((await generate(plain.url, MODEL, body, 'k')).status).toBe(200);
    expect((await generate(plain.url, MODEL, body, 'k')).status).toBe(200);
    expect((await generate(plain.url, MODEL, body, 'k')).status).toBe(429);
    expect((await control({ method: 'DELETE' })).json).toEqual({ requestsPerMinute: null });
    expect((await generate(plain.url, MODEL, body, 'k')).status).toBe(200);
    const bad = await control({ body: { requestsPerMinute: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/requestsPerMinute must be a whole number ≥ 1/);

    plain.setQuota(1);
    plain.reset();
    expect((await control()).json).toEqual({ requestsPerMinute: null });
    emulator.setQuota(undefined);
    emulator.reset();
    expect((await call(`${emulator.url}/__emulator/quota`)).json).toEqual({ requestsPerMinute: 10 });
  });

  it('is read from EMULATOR_QUOTA_PER_MINUTE, off when unset', () => {
    expect(configFromEnv({}).options.requestsPerMinute).toBeUndefined();
    expect(configFromEnv({ EMULATOR_QUOTA_PER_MINUTE: '10' }).options.requestsPerMinute).toBe(10);
    expect(() => configFromEnv({ EMULATOR_QUOTA_PER_MINUTE: 'ten' })).toThrow(/EMULATOR_QUOTA_PER_MINUTE/);
    expect(() => configFromEnv({ EMULATOR_QUOTA_PER_MINUTE: '0' })).toThrow(/EMULATOR_QUOTA_PER_MINUTE/);
  });
});
