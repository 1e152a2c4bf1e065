import { describe, expect, it, vi } from 'vitest';
import { PeelError } from '../../src/core/errors';
import { expose } from '../../src/server/boundary';

describe('expose (the server boundary)', () => {
  it('wraps a value in an ok Result', () => {
    expect(expose((n: number) => n * 2)(21)).toEqual({ ok: true, value: 42 });
  });

  it('turns a PeelError into its code and user-facing words, keeping the model’s words as detail', () => {
    const fn = expose((): string => {
      throw new PeelError('MODEL_REFUSED', 'STOP without image', { detail: 'I can’t draw that.' });
    });
    expect(fn()).toEqual({
      ok: false,
      error: {
        code: 'MODEL_REFUSED',
        message: 'Gemini answered with words instead of an image.',
        action: 'Read its answer below, then rephrase the prompt.',
        detail: 'I can’t draw that.',
      },
    });
  });

  it('never shows an unexpected error’s text or stack, and logs it on the server', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = expose((): string => {
      throw new TypeError('secret internals at line 12');
    })();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret internals');
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('names the replacement for a retired model and the wait for a rate limit', () => {
    const retired = expose((): string => {
      throw new PeelError('MODEL_NOT_FOUND', '404', { replacement: 'Nano Banana 2.1' });
    })();
    expect(retired).toMatchObject({ error: { action: 'Switch to Nano Banana 2.1 in the model menu.' } });
    const limited = expose((): string => {
      throw new PeelError('RATE_LIMITED', '429', { retryAfterSeconds: 32.4 });
    })();
    expect(limited).toMatchObject({
      error: { action: 'Wait about 33 seconds and try again.', retryAfterSeconds: 32.4 },
    });
  });
});
