import { number } from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { PeelError } from '../../src/core/errors';
import { expose } from '../../src/server/rpc/boundary';
import { type GenerateRequest, generateRequest } from '../../src/shared/requests';

describe('expose (the server boundary)', () => {
  it('wraps a value in an ok Result', () => {
    expect(expose([number()], (n) => n * 2)(21)).toEqual({ ok: true, value: 42 });
  });

  it('turns a PeelError into its code and user-facing words, keeping the model’s words as detail', () => {
    const fn = expose([], (): string => {
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
    const result = expose([], (): string => {
      throw new TypeError('secret internals at line 12');
    })();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret internals');
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('gives the other-account refusal Apps Script throws inside a call its sentence, not INTERNAL', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    log.mockClear();
    const result = expose([], (): string => {
      throw new Error("We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.");
    })();
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_ACCOUNT' } });
    expect(result.ok ? '' : result.error.action).toContain('signed in to that account only');
    expect(log).not.toHaveBeenCalled();
    // A Peel error keeps its own code whatever its internal message says.
    const peel = expose([], (): string => {
      throw new PeelError('DRIVE_NOT_AUTHORIZED', 'Authorization is required to perform that action.');
    })();
    expect(peel).toMatchObject({ error: { code: 'DRIVE_NOT_AUTHORIZED' } });
  });

  it('names the replacement for a retired model and the wait for a rate limit', () => {
    const retired = expose([], (): string => {
      throw new PeelError('MODEL_NOT_FOUND', '404', { replacement: 'Nano Banana 2.1' });
    })();
    expect(retired).toMatchObject({ error: { action: 'Switch to Nano Banana 2.1 in the model menu.' } });
    const limited = expose([], (): string => {
      throw new PeelError('RATE_LIMITED', '429', { retryAfterSeconds: 32.4 });
    })();
    expect(limited).toMatchObject({
      error: { action: 'Wait about 33 seconds and try again.', retryAfterSeconds: 32.4 },
    });
  });
});

describe('expose checks arguments against their schemas before the function starts', () => {
  const ran = vi.fn((req: GenerateRequest) => req.prompt);
  const generate = expose([generateRequest], ran);
  const request = { prompt: 'A lighthouse', model: 'm', aspectRatio: '1:1', imageSize: '1K', attempt: 1 };
  const call = (...args: unknown[]) => (generate as (...a: unknown[]) => ReturnType<typeof generate>)(...args);
  const detailOf = (...args: unknown[]) => {
    const result = call(...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    return result.ok ? '' : (result.error.detail ?? '');
  };

  it('passes a well-formed request through', () => {
    expect(call(request)).toEqual({ ok: true, value: 'A lighthouse' });
  });

  it('says what to fix for each kind of bad input, and never runs the function', () => {
    ran.mockClear();
    expect(detailOf({ ...request, prompt: 42 })).toBe('Send the prompt as text.');
    expect(detailOf({ ...request, prompt: '   ' })).toBe('Describe the image first (the prompt is empty).');
    expect(detailOf({ ...request, prompt: 'x'.repeat(10_001) })).toBe(
      'Shorten the prompt to at most 10,000 characters.',
    );
    expect(detailOf({ ...request, attempt: Number.NaN })).toBe('Send the attempt as a number.');
    expect(detailOf({ ...request, attempt: 1.5 })).toBe('Send the attempt as a whole number.');
    expect(detailOf({ ...request, attempt: 4 })).toBe('Peel makes at most 3 attempts.');
    // Variants are separate calls now: a request that still asks for several is told so, not half-served.
    expect(detailOf({ ...request, variants: 2 })).toMatch(/^Remove the field variants from the generate request/);
    expect(detailOf({ ...request, documentCostUsd: Number.POSITIVE_INFINITY })).toMatch(/not an amount/);
    expect(detailOf({ ...request, imageSize: { toString: 1 } })).toBe('Pick an image size: 512, 1K, 2K, 4K.');
    expect(detailOf({ ...request, extra: 1 })).toMatch(/^Remove the field extra from the generate request/);
    const polluted = JSON.parse(`{"__proto__": {"attempt": 2}, ${JSON.stringify(request).slice(1, -1)}}`);
    expect(detailOf(polluted)).toBe(
      'Remove the field __proto__ from the generate request: it takes prompt, aspectRatio, model, imageSize, attempt, documentCostUsd, references, style, selection, where, placeId.',
    );
    const { prompt: _, ...noPrompt } = request;
    expect(detailOf(noPrompt)).toBe('Add the field "prompt" to the generate request.');
    expect(detailOf('A lighthouse')).toMatch(/^Send the generate request as an object with prompt, aspectRatio, model/);
    expect(detailOf(request, 'extra')).toBe('Send at most 1 argument.');
    expect(ran).not.toHaveBeenCalled();
  });

  it('rejects any argument to a function that takes none', () => {
    const none = expose([], () => 'ran') as (...a: unknown[]) => unknown;
    expect(none()).toEqual({ ok: true, value: 'ran' });
    expect(none(null)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', detail: 'Call this without arguments.' },
    });
  });
});
