import { describe, expect, it } from 'vitest';
import { GeminiClient } from '../../../src/core/gemini/client';
import type { RetryPolicy } from '../../../src/core/gemini/retry';
import {
  DEFAULT_RETRY_POLICY,
  planRetry,
  planWait,
  SIDEBAR_WAIT_POLICY,
  worstCaseWaitMs,
} from '../../../src/core/gemini/retry';
import type { HttpResponse } from '../../../src/core/gemini/transport';
import { codeOf } from '../../support/errors';
import { errorBodies, FakeClock, imageResponse, ok, ScriptedTransport, status } from './fakes';

/** A long policy, so the mechanism shows; Peel's own (DEFAULT_RETRY_POLICY) is checked on its own below. */
const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 20_000,
  maxRequestedDelayMs: 60_000,
  maxTotalWaitMs: 90_000,
  budgetMs: 330_000,
  fetchAllowanceMs: 60_000,
};
const start = { attempts: 1, waitedMs: 0, elapsedMs: 0 };

describe('planRetry', () => {
  it('never retries what is not retryable', () => {
    expect(planRetry({ kind: 'never' }, start, policy, () => 0.5)).toEqual({ action: 'stop', why: 'not-retryable' });
  });

  it('waits exactly the delay the service asked for', () => {
    expect(planRetry({ kind: 'after', delayMs: 33_000 }, start, policy, () => 0.9)).toEqual({
      action: 'retry',
      waitMs: 33_000,
    });
  });

  it('gives up when the service asks for longer than Peel may wait', () => {
    expect(planRetry({ kind: 'after', delayMs: 61_000 }, start, policy, () => 0)).toEqual({
      action: 'stop',
      why: 'requested-delay',
    });
  });

  it('backs off exponentially with full jitter, capped', () => {
    const waits = [1, 2, 3].map((attempts) =>
      planRetry({ kind: 'backoff' }, { ...start, attempts }, policy, () => 0.999),
    );
    expect(waits).toEqual([
      { action: 'retry', waitMs: 1998 },
      { action: 'retry', waitMs: 3996 },
      { action: 'retry', waitMs: 7992 },
    ]);
    const capped = planRetry(
      { kind: 'backoff' },
      { ...start, attempts: 3 },
      { ...policy, maxDelayMs: 5000 },
      () => 0.5,
    );
    expect(capped).toEqual({ action: 'retry', waitMs: 2500 });
    expect(planRetry({ kind: 'backoff' }, start, policy, () => 0)).toEqual({ action: 'retry', waitMs: 0 });
  });

  it('stops after the last attempt', () => {
    expect(planRetry({ kind: 'backoff' }, { ...start, attempts: 4 }, policy, () => 0)).toEqual({
      action: 'stop',
      why: 'attempts',
    });
  });

  it('stops when the waits would exceed their budget', () => {
    const state = { attempts: 2, waitedMs: 80_000, elapsedMs: 90_000 };
    expect(planRetry({ kind: 'after', delayMs: 20_000 }, state, policy, () => 0)).toEqual({
      action: 'stop',
      why: 'wait-budget',
    });
  });

  it('stops when a whole fetch would no longer fit in the 6-minute execution', () => {
    const state = { attempts: 2, waitedMs: 10_000, elapsedMs: 250_000 };
    expect(planRetry({ kind: 'after', delayMs: 30_000 }, state, policy, () => 0)).toEqual({
      action: 'stop',
      why: 'time-budget',
    });
  });
});

const MODEL = 'gemini-nano-banana-2.1';
const endpoint = { kind: 'gemini', apiKey: 'AIzaSyTestKey0123456789abcdefghijklmno' } as const;

function client(respond: (attempt: number) => HttpResponse, fetchMs = 0, retry?: Partial<RetryPolicy>) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport((_r, attempt) => respond(attempt), clock, fetchMs);
  const gemini = new GeminiClient({ transport, clock, endpoint, random: () => 0.5, retry: { ...policy, ...retry } });
  return { clock, transport, gemini };
}

describe('client retries', () => {
  it('honours retryDelay on a per-minute 429, then succeeds', () => {
    const { clock, transport, gemini } = client((n) =>
      n === 1 ? status(429, errorBodies.perMinute('33s')) : ok(imageResponse()),
    );
    expect(gemini.generate({ model: MODEL, prompt: 'x' }).image.mimeType).toBe('image/png');
    expect(clock.waits).toEqual([33_000]);
    expect(transport.requests).toHaveLength(2);
  });

  it('backs off on 500 and 503 with jittered, growing waits', () => {
    const { clock, gemini } = client((n) =>
      n === 1
        ? status(500, errorBodies.internal)
        : n === 2
          ? status(503, errorBodies.unavailable)
          : ok(imageResponse()),
    );
    gemini.generate({ model: MODEL, prompt: 'x' });
    expect(clock.waits).toEqual([1000, 2000]);
  });

  it('does not retry a per-day quota, billing or other 4xx', () => {
    for (const [code, body, expected] of [
      [429, errorBodies.perDay, 'DAILY_QUOTA'],
      [429, errorBodies.freeTierZero, 'BILLING_REQUIRED'],
      [400, errorBodies.keyInvalid, 'KEY_INVALID'],
      [400, errorBodies.multipleCandidates, 'INVALID_REQUEST'],
    ] as const) {
      const { clock, transport, gemini } = client(() => status(code, body));
      expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).toBe(expected);
      expect(clock.waits).toEqual([]);
      expect(transport.requests).toHaveLength(1);
    }
  });

  it('gives up after maxAttempts and reports the last error', () => {
    const { clock, transport, gemini } = client(() => status(503, errorBodies.unavailable));
    expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).toBe('UNAVAILABLE');
    expect(transport.requests).toHaveLength(policy.maxAttempts);
    expect(clock.waits).toHaveLength(policy.maxAttempts - 1);
  });

  it('stops retrying when slow fetches use up the execution budget', () => {
    // Each fetch takes 55 s: after four of them there is no room for a fifth before the 330 s budget.
    const { transport, gemini } = client(() => status(429, errorBodies.perMinute('20s')), 55_000, { maxAttempts: 10 });
    expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).toBe('RATE_LIMITED');
    expect(transport.requests).toHaveLength(4);
  });

  it('does not retry what the platform refused to send (allowlist, URL length)', () => {
    for (const failure of ['refused', 'url-too-long', 'invalid-url'] as const) {
      const { transport, gemini } = client(() => ({ kind: 'failure', failure, message: 'refused' }));
      expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).not.toBe('NETWORK');
      expect(transport.requests).toHaveLength(1);
    }
  });

  it('still retries a network failure (the control for the case above)', () => {
    const { transport, gemini } = client(() => ({ kind: 'failure', failure: 'network', message: 'DNS error' }));
    expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).toBe('NETWORK');
    expect(transport.requests).toHaveLength(4);
  });

  it('does not retry a fetch deadline', () => {
    const { transport, gemini } = client(() => ({ kind: 'failure', failure: 'deadline', message: 'Timeout' }));
    expect(codeOf(() => gemini.generate({ model: MODEL, prompt: 'x' }))).toBe('DEADLINE');
    expect(transport.requests).toHaveLength(1);
  });
});

describe('inside one execution (Peel’s own policy)', () => {
  it('rides out a blip with one retry after at most a second', () => {
    const gemini = (respond: (n: number) => HttpResponse) => {
      const clock = new FakeClock();
      const transport = new ScriptedTransport((_r, n) => respond(n), clock, 0);
      return { clock, transport, gemini: new GeminiClient({ transport, clock, endpoint, random: () => 0.999 }) };
    };
    const blip = gemini((n) => (n === 1 ? status(503, errorBodies.unavailable) : ok(imageResponse())));
    expect(blip.gemini.tryGenerate({ model: MODEL, prompt: 'x' }).ok).toBe(true);
    expect(blip.clock.waits).toEqual([999]);

    const lasting = gemini(() => status(503, errorBodies.unavailable));
    expect(lasting.gemini.tryGenerate({ model: MODEL, prompt: 'x' })).toMatchObject({
      ok: false,
      retry: { kind: 'backoff' },
    });
    expect(lasting.transport.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(lasting.clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000);
  });

  it('sleeps a RetryInfo of up to 2 s, and hands anything longer back without sleeping', () => {
    for (const [delay, waits] of [
      ['2s', [2000]],
      ['3s', []],
      ['20s', []],
    ] as const) {
      const clock = new FakeClock();
      const transport = new ScriptedTransport(() => status(429, errorBodies.perMinute(delay)), clock, 0);
      new GeminiClient({ transport, clock, endpoint }).tryGenerate({ model: MODEL, prompt: 'x' });
      expect(clock.waits).toEqual(waits);
    }
  });
});

describe('planWait: the waits the sidebar counts down', () => {
  it('waits what Google asked for, in whole seconds, and names the next attempt', () => {
    expect(planWait({ kind: 'after', delayMs: 19_200 }, 1, () => 0)).toEqual({
      action: 'wait',
      seconds: 20,
      attempt: 2,
      maxAttempts: 3,
    });
    expect(planWait({ kind: 'after', delayMs: 200 }, 2, () => 0)).toMatchObject({ seconds: 1, attempt: 3 });
  });

  it('backs off with equal jitter when no delay was named: never 0 s, never past the cap', () => {
    expect(planWait({ kind: 'backoff' }, 1, () => 0)).toMatchObject({ seconds: 3 });
    expect(planWait({ kind: 'backoff' }, 1, () => 0.999)).toMatchObject({ seconds: 5 });
    expect(planWait({ kind: 'backoff' }, 2, () => 0.999)).toMatchObject({ seconds: 10 });
  });

  it('stops after the last attempt, for a wait past a minute, and for what retrying cannot cure', () => {
    expect(planWait({ kind: 'after', delayMs: 1000 }, SIDEBAR_WAIT_POLICY.maxAttempts, () => 0)).toEqual({
      action: 'stop',
    });
    expect(planWait({ kind: 'after', delayMs: 61_000 }, 1, () => 0)).toEqual({ action: 'stop' });
    expect(planWait({ kind: 'never' }, 1, () => 0)).toEqual({ action: 'stop' });
  });

  it('bounds the worst case: two countdowns of at most a minute (the README states it)', () => {
    expect(worstCaseWaitMs()).toBe(120_000);
  });
});
