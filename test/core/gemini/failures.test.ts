import { describe, expect, it } from 'vitest';
import { describeError, duration, PeelError } from '../../../src/core/errors';
import { httpFailure, parseDuration, transportFailure } from '../../../src/core/gemini/failures';
import { errorBodies, NOW } from './fakes';

const context = { model: 'gemini-3-pro-image', nowMs: NOW };

function map(status: number, body: unknown, model = context.model) {
  return httpFailure(status, typeof body === 'string' ? body : JSON.stringify(body), { model, nowMs: NOW });
}

describe('HTTP errors', () => {
  it('invalid key: ErrorInfo API_KEY_INVALID, or the "API Key not found" wording', () => {
    const f = map(400, errorBodies.keyInvalid);
    expect(f.error.code).toBe('KEY_INVALID');
    expect(f.error.details).toMatchObject({ status: 400, detail: 'API key not valid. Please pass a valid API key.' });
    expect(f.retry.kind).toBe('never');
    expect(map(400, errorBodies.keyNotFound).error.code).toBe('KEY_INVALID');
  });

  it('leaked key', () => {
    expect(map(403, errorBodies.keyLeaked).error.code).toBe('KEY_LEAKED');
  });

  it('suspended consumer, without repeating the key Google quoted back', () => {
    const f = map(403, errorBodies.suspended);
    expect(f.error.code).toBe('KEY_SUSPENDED');
    // Nobody said whose key it is, so not even its masked form is shown.
    expect(f.error.details.detail).toBe("Permission denied: Consumer 'api_key:[key hidden]' has been suspended.");
    expect(f.error.message).not.toContain('AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW');
  });

  it('the key in effect: the user’s own is masked, the organization’s hidden, whatever its shape', () => {
    const key = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
    const body = JSON.stringify(errorBodies.suspended);
    const own = httpFailure(403, body, { ...context, secrets: [{ value: key, shown: 'masked' }] });
    expect(own.error.details.detail).toBe("Permission denied: Consumer 'api_key:AIza…tUvW' has been suspended.");
    const org = httpFailure(403, body, { ...context, secrets: [{ value: key, shown: 'hidden' }] });
    expect(org.error.details.detail).toBe("Permission denied: Consumer 'api_key:[key hidden]' has been suspended.");
    expect(`${org.error.message} ${org.error.details.detail}`).not.toContain('tUvW');
    const odd = 'org-secret-without-a-known-prefix';
    const network = transportFailure(
      { kind: 'failure', failure: 'network', message: `Address unavailable: https://proxy.example/${odd}` },
      { ...context, secrets: [{ value: odd, shown: 'hidden' }] },
    );
    expect(`${network.error.message} ${network.error.details.detail}`).not.toContain(odd);
  });

  it('billing: 400 FAILED_PRECONDITION, 402, and a 429 on the zero free-tier quota (never retried)', () => {
    expect(map(400, errorBodies.freeTierCountry).error.code).toBe('BILLING_REQUIRED');
    expect(map(402, errorBodies.prepaidDepleted).error.code).toBe('BILLING_REQUIRED');
    const f = map(429, errorBodies.freeTierZero);
    expect(f.error.code).toBe('BILLING_REQUIRED');
    expect(f.retry.kind).toBe('never');
  });

  it('per-minute 429: RATE_LIMITED, retry after RetryInfo.retryDelay', () => {
    const f = map(429, errorBodies.perMinute('33s'));
    expect(f.error.code).toBe('RATE_LIMITED');
    expect(f.retry).toEqual({ kind: 'after', delayMs: 33_000 });
    expect(f.error.details.retryAfterSeconds).toBe(33);
    expect(map(429, errorBodies.perMinute('1.5s')).retry).toEqual({ kind: 'after', delayMs: 1500 });
    expect(describeError(f.error).action).toBe('Wait about 33 seconds and try again.');
  });

  it('a 429 without RetryInfo falls back to the message, then to backoff', () => {
    const message = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Please retry in 7.2s.' } };
    expect(map(429, message).retry).toEqual({ kind: 'after', delayMs: 7200 });
    expect(map(429, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Slow down.' } }).retry).toEqual({
      kind: 'backoff',
    });
  });

  it('per-day 429: DAILY_QUOTA, never retried even though it carries a RetryInfo', () => {
    const f = map(429, errorBodies.perDay);
    expect(f.error.code).toBe('DAILY_QUOTA');
    expect(f.retry.kind).toBe('never');
  });

  it('404 for a retired model names the replacement from the catalog', () => {
    const f = map(404, errorBodies.notFound('gemini-3-pro-image-preview'), 'gemini-3-pro-image-preview');
    expect(f.error.code).toBe('MODEL_NOT_FOUND');
    expect(f.error.details).toMatchObject({ model: 'gemini-3-pro-image-preview', replacement: 'gemini-3-pro-image' });
    expect(describeError(f.error).action).toBe('Switch to gemini-3-pro-image in the model menu.');
  });

  it('404 follows replacements past ones that are shut down too', () => {
    const f = map(404, errorBodies.notFound('gemini-3.1-flash-image-preview'), 'gemini-3.1-flash-image-preview');
    expect(f.error.details.replacement).toBe('gemini-nano-banana-2.1');
    expect(map(404, errorBodies.notFound('gemini-7-image'), 'gemini-7-image').error.details).not.toHaveProperty(
      'replacement',
    );
  });

  it('too large: 413, or a 400 about the payload size', () => {
    expect(map(413, '<html>Request Entity Too Large</html>').error.code).toBe('REQUEST_TOO_LARGE');
    expect(map(400, errorBodies.payload).error.code).toBe('REQUEST_TOO_LARGE');
  });

  it('a 400 about thought signatures', () => {
    expect(map(400, errorBodies.signature).error.code).toBe('MISSING_THOUGHT_SIGNATURE');
  });

  it('other 400s are invalid requests, not retried', () => {
    const f = map(400, errorBodies.multipleCandidates);
    expect(f.error.code).toBe('INVALID_REQUEST');
    expect(f.retry.kind).toBe('never');
  });

  it('server side: 500, 502/503, 504 are retried with backoff', () => {
    expect(map(500, errorBodies.internal)).toMatchObject({
      error: { code: 'SERVER_ERROR' },
      retry: { kind: 'backoff' },
    });
    expect(map(503, errorBodies.unavailable)).toMatchObject({
      error: { code: 'UNAVAILABLE' },
      retry: { kind: 'backoff' },
    });
    expect(map(502, '<html>Bad Gateway</html>')).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    expect(map(504, errorBodies.deadline)).toMatchObject({ error: { code: 'DEADLINE' }, retry: { kind: 'backoff' } });
  });

  it('403 that is neither leaked nor suspended, and Vertex’s 401, are permission problems', () => {
    expect(
      map(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'Permission denied.' } }).error.code,
    ).toBe('PERMISSION_DENIED');
    expect(
      map(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid credentials.' } }).error
        .code,
    ).toBe('PERMISSION_DENIED');
  });

  it('an HTML body still maps by status, with readable text as the detail', () => {
    const f = map(500, '<html><body><h1>Error</h1> Server   Error</body></html>');
    expect(f.error.details.detail).toBe('Error Server Error');
  });
});

describe('transport failures', () => {
  it('the fetch deadline is DEADLINE, not retried, and the user is told to pick a smaller size', () => {
    const f = transportFailure({ kind: 'failure', failure: 'deadline', message: 'Timeout: https://x' }, context);
    expect(f.error.code).toBe('DEADLINE');
    expect(f.retry.kind).toBe('never');
    expect(describeError(f.error).action).toMatch(/smaller image size/);
  });

  it('a network failure is retried with backoff', () => {
    const f = transportFailure({ kind: 'failure', failure: 'network', message: 'DNS error' }, context);
    expect(f).toMatchObject({ error: { code: 'NETWORK' }, retry: { kind: 'backoff' } });
  });

  it('what the platform refuses to send is named for what it is and never retried', () => {
    const refused = transportFailure(
      {
        kind: 'failure',
        failure: 'refused',
        message:
          'Request to https://europe-west4-aiplatform.googleapis.com/v1/x failed because the URL has not been whitelisted in the script manifest.',
      },
      context,
    );
    expect(refused).toMatchObject({ error: { code: 'FETCH_NOT_ALLOWED' }, retry: { kind: 'never' } });
    expect(describeError(refused.error).message).toMatch(/allowlist/);
    const long = transportFailure(
      { kind: 'failure', failure: 'url-too-long', message: 'Limit Exceeded: URLFetch URL Length.' },
      context,
    );
    expect(long).toMatchObject({ error: { code: 'BAD_INPUT' }, retry: { kind: 'never' } });
    expect(long.error.details.detail).toMatch(/2 KB/);
    const invalid = transportFailure(
      { kind: 'failure', failure: 'invalid-url', message: 'Invalid argument: https://x y' },
      context,
    );
    expect(invalid).toMatchObject({ error: { code: 'BAD_INPUT' }, retry: { kind: 'never' } });
    expect(describeError(invalid.error).code).not.toBe('NETWORK');
  });
});

describe('durations', () => {
  it('parses protobuf durations', () => {
    expect(parseDuration('33s')).toBe(33_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('0.250s')).toBe(250);
    expect(parseDuration('20h')).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
  });
});

describe('the words for a failure', () => {
  it('say seconds with the right plural, and minutes for long waits', () => {
    const wait = (s: number) => describeError(new PeelError('RATE_LIMITED', '429', { retryAfterSeconds: s })).action;
    expect(wait(0.4)).toBe('Wait about 1 second and try again.');
    expect(wait(1)).toBe('Wait about 1 second and try again.');
    expect(wait(1.2)).toBe('Wait about 2 seconds and try again.');
    expect(wait(600)).toBe('Wait about 10 minutes and try again.');
    expect(duration(59)).toBe('59 seconds');
  });

  it('name reference images or conversations only when the request carried them', () => {
    const words = (
      code: 'SERVER_ERROR' | 'PROMPT_BLOCKED' | 'REQUEST_TOO_LARGE',
      references: boolean,
      conversation: boolean,
    ) => describeError(new PeelError(code, 'x', { sent: { references, conversation } })).action;
    for (const code of ['SERVER_ERROR', 'PROMPT_BLOCKED', 'REQUEST_TOO_LARGE'] as const) {
      expect(words(code, false, false)).not.toMatch(/reference|conversation/);
      // Without knowing what was sent (an error from elsewhere), the plain words too.
      expect(describeError(new PeelError(code, 'x')).action).not.toMatch(/reference|conversation/);
    }
    expect(words('PROMPT_BLOCKED', true, false)).toBe('Rephrase the prompt or use other reference images.');
    expect(words('REQUEST_TOO_LARGE', true, true)).toMatch(/start a new conversation/);
    expect(words('REQUEST_TOO_LARGE', true, false)).not.toMatch(/conversation/);
  });
});
