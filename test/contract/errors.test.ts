/**
 * Every failure the emulator can produce, through Peel's real client and a real (synchronous) HTTP transport,
 * ends as the right PeelError and the user-facing words for it. Retries run against a fake clock: waits are
 * counted, never slept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../dev/emulator/index';
import type { EmulatorProcess } from '../../dev/emulator/process';
import { startEmulatorProcess } from '../../dev/emulator/process';
import { SyncHttpTransport } from '../../dev/support/sync-http';
import type { ErrorCode } from '../../src/core/errors';
import { describeError, isPeelError } from '../../src/core/errors';
import { modelSpec } from '../../src/core/gemini/catalog';
import { GeminiClient } from '../../src/core/gemini/client';
import type { Endpoint } from '../../src/core/gemini/endpoint';
import type { ImageRequest } from '../../src/core/gemini/request';
import { reconstructedModelTurn } from '../../src/core/gemini/request';
import { DEFAULT_RETRY_POLICY, planWait, SIDEBAR_WAIT_POLICY } from '../../src/core/gemini/retry';
import { FakeClock } from '../core/gemini/fakes';

const KEY = 'AIzaSyEmulatorKey0123456789abcdefghijk';
/** Room for the emulator to draw a 4K picture on a busy machine. */
const FETCH_TIMEOUT_MS = 30_000;
/** For the 'slow' fault: far shorter than UrlFetchApp's 60 s, so the deadline path runs without the wait. */
const SHORT_TIMEOUT_MS = 1500;
const PRO = 'gemini-3-pro-image';

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 60_000);

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.reset();
});

function setup(endpoint?: Endpoint, timeoutMs = FETCH_TIMEOUT_MS) {
  const clock = new FakeClock();
  const transport = new SyncHttpTransport({ timeoutMs });
  const client = new GeminiClient({
    transport,
    clock,
    endpoint: endpoint ?? { kind: 'gemini', apiKey: KEY, baseUrl: emulator.url },
    random: () => 0.5,
  });
  return { clock, transport, client };
}

function failureOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isPeelError(error)) return error;
    throw error;
  }
  throw new Error('expected a PeelError');
}

const request: ImageRequest = { model: PRO, prompt: 'A lighthouse on a cliff at dawn', aspectRatio: '16:9' };

/** Faults that end the call at once: one request, no wait, this code. */
const terminal: [FaultKind, ErrorCode, string?][] = [
  ['key-invalid', 'KEY_INVALID'],
  ['key-leaked', 'KEY_LEAKED'],
  ['key-suspended', 'KEY_SUSPENDED'],
  ['billing', 'BILLING_REQUIRED'],
  ['rate-day', 'DAILY_QUOTA'],
  ['too-large', 'REQUEST_TOO_LARGE'],
  ['malformed-json', 'MALFORMED_RESPONSE'],
  ['truncated-base64', 'MALFORMED_RESPONSE'],
  ['prompt-blocked', 'PROMPT_BLOCKED'],
  ['image-safety', 'IMAGE_BLOCKED', 'IMAGE_SAFETY'],
  ['image-prohibited', 'IMAGE_BLOCKED', 'IMAGE_PROHIBITED_CONTENT'],
  ['image-recitation', 'IMAGE_BLOCKED', 'IMAGE_RECITATION'],
  ['no-image', 'NO_IMAGE', 'NO_IMAGE'],
  ['text-refusal', 'MODEL_REFUSED'],
  ['missing-thought-signature', 'MISSING_THOUGHT_SIGNATURE', 'MISSING_THOUGHT_SIGNATURE'],
];

describe('faults that are not retried', () => {
  for (const [kind, code, reason] of terminal) {
    it(`${kind} → ${code}`, async () => {
      await emulator.inject({ kind, times: Number.POSITIVE_INFINITY });
      const { clock, transport, client } = setup();
      const error = failureOf(() => client.generate(request));
      expect(error.code).toBe(code);
      if (reason) expect(error.details.reason).toBe(reason);
      const words = describeError(error);
      expect(words.code).toBe(code);
      expect(words.message.length).toBeGreaterThan(10);
      expect(JSON.stringify(words)).not.toContain(KEY);
      expect(transport.sent).toHaveLength(1);
      expect(clock.waits).toEqual([]);
    });
  }

  it('text-refusal carries the model’s own words as the detail', async () => {
    await emulator.inject({ kind: 'text-refusal' });
    const error = failureOf(() => setup().client.generate(request));
    expect(error.details.detail?.length).toBeGreaterThan(0);
    expect(describeError(error).detail).toBe(error.details.detail);
  });

  it('model-retired → MODEL_NOT_FOUND naming the catalog’s replacement', async () => {
    await emulator.inject({ kind: 'model-retired', times: Number.POSITIVE_INFINITY });
    const error = failureOf(() => setup().client.generate({ model: 'gemini-3.1-flash-image', prompt: 'x' }));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.details.replacement).toBe('gemini-nano-banana-2.1');
    expect(describeError(error).action).toBe('Switch to gemini-nano-banana-2.1 in the model menu.');
  });

  it('slow beyond the fetch deadline → DEADLINE, not retried, and the message suggests a smaller size', async () => {
    await emulator.inject({ kind: 'slow', delayMs: SHORT_TIMEOUT_MS * 4, times: Number.POSITIVE_INFINITY });
    const { clock, transport, client } = setup(undefined, SHORT_TIMEOUT_MS);
    const error = failureOf(() => client.generate(request));
    expect(error.code).toBe('DEADLINE');
    expect(describeError(error).action).toMatch(/smaller image size/);
    expect(transport.sent).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it('a bad key fails Test key (ListModels) the same way', async () => {
    await emulator.inject({ kind: 'key-invalid' });
    expect(failureOf(() => setup().client.listModels()).code).toBe('KEY_INVALID');
  });
});

describe('faults that are retried', () => {
  /** What the sidebar does with one variant: call, count down the wait the answer names, call again. */
  function asTheSidebarDoes(client: GeminiClient) {
    const countdowns: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const outcome = client.tryGenerate(request);
      if (outcome.ok) return { image: outcome.value, countdowns };
      const next = planWait(outcome.retry, attempt, () => 0.5);
      if (next.action === 'stop') return { error: outcome.error, countdowns };
      countdowns.push(next.seconds);
    }
  }

  it('rate-minute: no sleeping in the call; the sidebar counts RetryInfo.retryDelay down, then succeeds', async () => {
    await emulator.inject({ kind: 'rate-minute', retryDelaySeconds: 7, times: 2 });
    const { clock, transport, client } = setup();
    const run = asTheSidebarDoes(client);
    expect(run.image?.image.mimeType).toBe('image/jpeg');
    expect(run.countdowns).toEqual([7, 7]);
    expect(clock.waits).toEqual([]);
    expect(transport.sent).toHaveLength(3);
  });

  it('rate-minute without end: stops at the last attempt as RATE_LIMITED with the delay for the user', async () => {
    await emulator.inject({ kind: 'rate-minute', retryDelaySeconds: 5, times: Number.POSITIVE_INFINITY });
    const { clock, transport, client } = setup();
    const run = asTheSidebarDoes(client);
    expect(run.error?.code).toBe('RATE_LIMITED');
    expect(describeError(run.error).action).toBe('Wait about 5 seconds and try again.');
    expect(run.countdowns).toEqual([5, 5]);
    expect(transport.sent).toHaveLength(SIDEBAR_WAIT_POLICY.maxAttempts);
    expect(clock.waits).toEqual([]);
  });

  it('rate-minute asking for more than Peel may wait: stops at once', async () => {
    await emulator.inject({ kind: 'rate-minute', retryDelaySeconds: 600, times: Number.POSITIVE_INFINITY });
    const { clock, transport, client } = setup();
    const run = asTheSidebarDoes(client);
    expect(run.error?.code).toBe('RATE_LIMITED');
    expect(describeError(run.error).action).toBe('Wait about 10 minutes and try again.');
    expect(transport.sent).toHaveLength(1);
    expect(run.countdowns).toEqual([]);
    expect(clock.waits).toEqual([]);
  });

  const transient: [FaultKind, ErrorCode][] = [
    ['internal', 'SERVER_ERROR'],
    ['unavailable', 'UNAVAILABLE'],
    ['deadline', 'DEADLINE'],
  ];
  for (const [kind, code] of transient) {
    it(`${kind} once: one short jittered backoff inside the call, then the image`, async () => {
      await emulator.inject({ kind });
      const { clock, transport, client } = setup();
      expect(client.generate(request).image.base64.length).toBeGreaterThan(100);
      expect(clock.waits).toEqual([500]);
      expect(transport.sent).toHaveLength(2);
    });

    it(`${kind} without end → ${code} after bounded waits, the long ones counted down by the sidebar`, async () => {
      await emulator.inject({ kind, times: Number.POSITIVE_INFINITY });
      const { clock, transport, client } = setup();
      const run = asTheSidebarDoes(client);
      expect(run.error?.code).toBe(code);
      expect(run.countdowns).toEqual([4, 8]);
      expect(transport.sent).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts * SIDEBAR_WAIT_POLICY.maxAttempts);
      expect(clock.waits).toEqual([500, 500, 500]);
    });
  }

  it('a batch re-sends only the variant that failed', async () => {
    await emulator.inject({ kind: 'unavailable' });
    const { clock, transport, client } = setup();
    const outcomes = client.generateBatch([request, request, request]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(transport.rounds).toBe(2);
    expect(transport.sent).toHaveLength(4);
    expect(clock.waits).toEqual([500]);
  });
});

describe('requests the emulator accepts', () => {
  const options: ImageRequest[] = [
    { model: 'gemini-nano-banana-2.1', prompt: 'x', aspectRatio: '8:1', imageSize: '4K', thinkingLevel: 'MEDIUM' },
    { model: PRO, prompt: 'x', aspectRatio: '21:9', imageSize: '2K', rules: 'No text.' },
    { model: 'gemini-3.1-flash-image', prompt: 'x', aspectRatio: '1:4', imageSize: '512', thinkingLevel: 'HIGH' },
    {
      model: 'gemini-3.1-flash-lite-image',
      prompt: 'x',
      aspectRatio: '9:16',
      imageSize: '1K',
      thinkingLevel: 'MINIMAL',
    },
    { model: 'gemini-2.5-flash-image', prompt: 'x', aspectRatio: '3:2', imageSize: '1K', rules: 'No text.' },
  ];
  for (const r of options) {
    it(`${r.model} with every option it takes`, () => {
      const result = setup().client.generate(r);
      expect(result.image.mimeType).toBe(modelSpec(r.model).outputMime);
      expect(result.usage?.imageTokens).toBeGreaterThan(0);
    });
  }

  it('an edit conversation: the echoed model turn passes the signature check', () => {
    const { client } = setup();
    const first = client.generate({ model: PRO, prompt: 'A harbour at dusk' });
    const second = client.generate({ model: PRO, prompt: 'Now at night', history: [first.userTurn, first.modelTurn] });
    expect(second.image.base64).not.toBe(first.image.base64);
  });

  it('a reconstructed turn with the placeholder signature passes; one without signatures does not', () => {
    const { client } = setup();
    const first = client.generate({ model: PRO, prompt: 'A harbour at dusk' });
    const rebuilt = reconstructedModelTurn({ image: first.image, text: first.commentary || 'Here it is.' });
    expect(() =>
      client.generate({ model: PRO, prompt: 'Now at night', history: [first.userTurn, rebuilt] }),
    ).not.toThrow();
    const stripped = {
      role: 'model' as const,
      parts: first.modelTurn.parts.filter((p) => p.thought !== true).map(({ thoughtSignature: _s, ...p }) => p),
    };
    const error = failureOf(() =>
      client.generate({ model: PRO, prompt: 'Now at night', history: [first.userTurn, stripped] }),
    );
    expect(error.code).toBe('MISSING_THOUGHT_SIGNATURE');
  });

  it('Test key lists the image models the emulator serves', () => {
    const ids = setup()
      .client.listModels()
      .map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['gemini-nano-banana-2.1', 'gemini-3-pro-image']));
  });

  it('Vertex AI paths with a bearer token', () => {
    const { client } = setup({
      kind: 'vertex',
      project: 'acme',
      location: 'global',
      accessToken: 'ya29.test',
      baseUrl: emulator.url,
    });
    expect(client.generate(request).image.mimeType).toBe('image/jpeg');
  });
});
