import { describe, expect, it } from 'vitest';
import { createServer, type ScriptRun, ServerError } from '../../../sidebar/kernel/rpc';
import type { Result } from '../../../src/shared/rpc';

type Behaviour = { kind: 'return'; value: unknown } | { kind: 'throw'; message: string };

/**
 * google.script.run as Apps Script delivers it: each call takes a fresh runner; the handlers fire later,
 * asynchronously; a server exception reaches the failure handler as an Error with the message only.
 */
class FakeScriptRun {
  readonly calls: { name: string; args: unknown[] }[] = [];
  constructor(private readonly functions: Record<string, Behaviour>) {}

  runner(): ScriptRun {
    let onSuccess: (value: unknown) => void = () => {};
    let onFailure: (error: Error) => void = () => {};
    const runner: ScriptRun = new Proxy({} as ScriptRun, {
      get: (_t, key) => {
        if (key === 'withSuccessHandler') {
          return (handler: typeof onSuccess) => {
            onSuccess = handler;
            return runner;
          };
        }
        if (key === 'withFailureHandler') {
          return (handler: typeof onFailure) => {
            onFailure = handler;
            return runner;
          };
        }
        const behaviour = typeof key === 'string' ? this.functions[key] : undefined;
        if (!behaviour) return undefined;
        return (...args: unknown[]) => {
          this.calls.push({ name: key as string, args: JSON.parse(JSON.stringify(args)) });
          queueMicrotask(() =>
            behaviour.kind === 'return' ? onSuccess(behaviour.value) : onFailure(new Error(behaviour.message)),
          );
        };
      },
    });
    return runner;
  }
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

describe('the sidebar’s server client', () => {
  it('resolves with the value of an ok Result', async () => {
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'return', value: ok({ host: 'docs', version: '1' }) } });
    const server = createServer(() => run.runner());
    await expect(server.getSidebarContext()).resolves.toEqual({ host: 'docs', version: '1' });
    expect(run.calls).toEqual([{ name: 'getSidebarContext', args: [] }]);
  });

  it('rejects with the server’s code and words for a failed Result', async () => {
    const failure: Result<never> = {
      ok: false,
      error: { code: 'KEY_INVALID', message: 'Google did not accept this API key.', action: 'Check the key.' },
    };
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'return', value: failure } });
    const error = await createServer(() => run.runner())
      .getSidebarContext()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'KEY_INVALID', message: 'Google did not accept this API key.' });
  });

  it('rejects when Apps Script fails the call itself', async () => {
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'throw', message: 'Exceeded maximum execution time' } });
    const error = await createServer(() => run.runner())
      .getSidebarContext()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Exceeded maximum execution time' });
  });

  // The texts Apps Script's failure handler receives when the document's account is not the browser's default
  // (src/core/script-run.ts cites where each was reported).
  it.each([
    "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
    'Authorization is required to perform that action.',
    'ScriptError: Authorization is required to perform this action.',
  ])('turns the other-account refusal “%s” into a sentence with the way around it', async (message) => {
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'throw', message } });
    const error = (await createServer(() => run.runner())
      .getSidebarContext()
      .catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBe('WRONG_ACCOUNT');
    expect(error.message).toContain('Several Google accounts are signed in to this browser');
    expect(error.action).toContain('a window signed in to that account only');
    expect(error.action).toContain('private or incognito window');
    expect(error.action).toContain('sign out of the other accounts');
    expect(error.detail).toBe(message);
  });

  it('leaves a Gemini key refusal (PERMISSION_DENIED from Google’s API, in a Result) as the key’s problem', async () => {
    const failure: Result<never> = {
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: 'This key is not allowed to use the image model.', action: 'a' },
    };
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'return', value: failure } });
    const error = await createServer(() => run.runner())
      .getSidebarContext()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('rejects, without calling anything, a function google.script.run does not have', async () => {
    const run = new FakeScriptRun({});
    const error = await createServer(() => run.runner())
      .getSidebarContext()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(run.calls).toEqual([]);
  });

  it('rejects an answer that is not a Result', async () => {
    const run = new FakeScriptRun({ getSidebarContext: { kind: 'return', value: null } });
    await expect(createServer(() => run.runner()).getSidebarContext()).rejects.toBeInstanceOf(ServerError);
  });
});
