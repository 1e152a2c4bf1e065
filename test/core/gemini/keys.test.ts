import { describe, expect, it } from 'vitest';
import { describeError, PeelError } from '../../../src/core/errors';
import { converterFor } from '../../../src/core/gemini/endpoint';
import { HIDDEN_KEY, maskKey, redactKeys } from '../../../src/core/gemini/keys';

// Synthetic keys of each shape Google issues (https://ai.google.dev/gemini-api/docs/api-key); none is real.
const STANDARD = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW';
const AUTH = 'AQ.Ab8RN6Lx2vQ9pTz-Kd3mWf7sYc1hJe5gBn0uVr4aXo_iE';
const AUTH_IQ = 'IQ.Bc9SO7My3wR0qUa-Le4nXg8tZd2iKf6hCo1vWs5bYp_jF';

describe('key redaction', () => {
  for (const [shape, key] of [
    ['AIza…', STANDARD],
    ['AQ.…', AUTH],
    ['IQ.…', AUTH_IQ],
  ] as const) {
    it(`removes a ${shape} key wherever it appears, even when nobody said it was in use`, () => {
      const text = `Consumer 'api_key:${key}' has been suspended. key=${key}; "${key}".`;
      const out = redactKeys(text);
      expect(out).not.toContain(key);
      expect(out).not.toContain(key.slice(-4));
      expect(out).toBe(`Consumer 'api_key:${HIDDEN_KEY}' has been suspended. key=${HIDDEN_KEY}; "${HIDDEN_KEY}".`);
    });

    it(`shows the user's own ${shape} key masked`, () => {
      const out = redactKeys(`API key ${key} expired.`, [{ value: key, shown: 'masked' }]);
      expect(out).toBe(`API key ${maskKey(key)} expired.`);
      expect(out).not.toContain(key);
    });

    it(`never shows an organization's ${shape} key, not even masked`, () => {
      const out = redactKeys(`API key ${key} expired.`, [{ value: key, shown: 'hidden' }]);
      expect(out).toBe(`API key ${HIDDEN_KEY} expired.`);
      expect(out).not.toContain(maskKey(key));
    });
  }

  it('removes the key in effect whatever its shape (a proxy key, a Vertex token)', () => {
    const token = 'ya29.a0AfB_byC-some-access-token';
    const odd = 'org-key-with-no-known-prefix-123';
    const out = redactKeys(`Bearer ${token} / ${odd}`, [
      { value: token, shown: 'hidden' },
      { value: odd, shown: 'hidden' },
    ]);
    expect(out).toBe(`Bearer ${HIDDEN_KEY} / ${HIDDEN_KEY}`);
  });

  it('leaves ordinary text alone, including words that merely start like a key', () => {
    const text = 'IQ. tests, AQ.short, AIzaShort, the model gemini-3-pro-image at 16:9.';
    expect(redactKeys(text)).toBe(text);
  });

  it('is idempotent: a masked key or the placeholder is not redacted again', () => {
    const once = redactKeys(`${STANDARD} ${AUTH}`, [{ value: AUTH, shown: 'masked' }]);
    expect(once).toBe(`${HIDDEN_KEY} ${maskKey(AUTH)}`);
    expect(redactKeys(once)).toBe(once);
  });

  it('the endpoint says how its secret may be shown: masked only for the user’s own key', () => {
    expect(converterFor({ kind: 'gemini', apiKey: AUTH, keySource: 'user' }).secrets).toEqual([
      { value: AUTH, shown: 'masked' },
    ]);
    expect(converterFor({ kind: 'gemini', apiKey: AUTH, keySource: 'organization' }).secrets[0]?.shown).toBe('hidden');
    expect(converterFor({ kind: 'gemini', apiKey: AUTH }).secrets[0]?.shown).toBe('hidden');
    expect(
      converterFor({ kind: 'vertex', project: 'p', location: 'global', accessToken: 'ya29.token-value' }).secrets,
    ).toEqual([{ value: 'ya29.token-value', shown: 'hidden' }]);
  });

  it('describeError removes any key shape from the detail the sidebar sees', () => {
    const described = describeError(new PeelError('INVALID_REQUEST', 'x', { detail: `bad key ${AUTH}` }));
    expect(described.detail).toBe(`bad key ${HIDDEN_KEY}`);
  });
});
