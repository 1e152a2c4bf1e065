import { describe, expect, it } from 'vitest';
import { createController } from '../../../sidebar/app/controller';
import { initialState, reducer } from '../../../sidebar/app/store';
import { failed, said } from '../../../sidebar/kernel/actions';
import { needsSettings } from '../../../sidebar/kernel/ErrorBox';
import { createServer, type ScriptRun } from '../../../sidebar/kernel/rpc';
import type { Wire } from '../../../src/shared/rpc';
import { SLIDE, started } from './fake-server';

describe('the session slice', () => {
  it('takes the host, version and running cost from the context, ignoring a cost that is not an amount', () => {
    const context = { host: 'docs', version: '7', documentCostUsd: 1.5 } as const;
    expect(reducer(initialState, { type: 'started', context }).session).toMatchObject(context);
    const odd = { host: 'docs', version: '7', documentCostUsd: Number.NaN } as const;
    expect(reducer(initialState, { type: 'started', context: odd }).session.documentCostUsd).toBeNull();
  });

  it('ends the busy call on a failure and drops a notice that belonged to another view', () => {
    const error = { code: 'NETWORK', message: 'm', action: 'a' } as const;
    const busy = reducer(initialState, said({ busy: 'insert', notice: 'Inserting…' }));
    expect(reducer(busy, failed(error)).session).toMatchObject({ busy: null, error, notice: '' });
    expect(reducer(busy, { type: 'showView', view: 'settings' }).session).toMatchObject({
      view: 'settings',
      notice: '',
    });
  });

  it('leaves the state itself unchanged when no slice changes', () => {
    expect(reducer(initialState, { type: 'dismissError' })).toBe(initialState);
  });
});

describe('the session’s actions', () => {
  it('show a server error in the user’s words, never a raw exception', async () => {
    const { controller, state } = await started({
      generateImage: async () => {
        throw new TypeError('Cannot read properties of undefined (reading "x")\n    at foo (bar.js:1:2)');
      },
    });
    controller.dispatch({ type: 'promptChanged', prompt: 'a cat' });
    await controller.results.generate();
    expect(state().session.error).toEqual({
      code: 'INTERNAL',
      message: 'Something went wrong inside Peel.',
      action: 'Try again; if it keeps happening, reload the document.',
    });
  });

  it('share one getTarget between concurrent asks', async () => {
    const { controller, calls, state } = await started({});
    const before = calls.length;
    await Promise.all([controller.session.refreshTarget(), controller.session.refreshTarget({ quiet: true })]);
    expect(calls.slice(before).map((c) => c.name)).toEqual(['getTarget']);
    expect(state().session.target).toEqual(SLIDE as Wire<typeof SLIDE>);
  });

  it('show the document’s cost from the start; a context without one (an older server) shows none', async () => {
    expect((await started({})).state().session.documentCostUsd).toBe(0.25);
    const older = await started({ getSidebarContext: async () => ({ host: 'slides', version: '1' }) as never });
    expect(older.state().session.documentCostUsd).toBeNull();
  });
});

/**
 * google.script.run when the document's account is not the browser's default: Apps Script refuses every call
 * before Peel's code answers, and the failure handler gets Google's text as a ScriptError.
 */
function otherAccountRun(message: string): { run: () => ScriptRun; calls: string[] } {
  const calls: string[] = [];
  const run = (): ScriptRun => {
    let onFailure: (error: Error) => void = () => {};
    const runner: ScriptRun = new Proxy({} as ScriptRun, {
      get: (_t, key) => {
        if (key === 'withSuccessHandler') return () => runner;
        if (key === 'withFailureHandler') {
          return (handler: typeof onFailure) => {
            onFailure = handler;
            return runner;
          };
        }
        return () => {
          calls.push(String(key));
          const error = new Error(message);
          error.name = 'ScriptError';
          setTimeout(() => onFailure(error), 0);
        };
      },
    });
    return runner;
  };
  return { run, calls };
}

describe('a sidebar opened in a browser whose default Google account is another one', () => {
  it('says why every call fails and how to get round it, never a generic error or Settings', async () => {
    const storage = "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.";
    const { run, calls } = otherAccountRun(storage);
    const controller = createController(createServer(run));
    await controller.start();
    const { error } = controller.store.get().session;
    expect(calls).toEqual(['getSidebarContext']);
    expect(error?.code).toBe('WRONG_ACCOUNT');
    expect(error?.message).toMatch(/^Several Google accounts are signed in to this browser/);
    expect(error?.action).toBe(
      'Open this file in a window signed in to that account only (a private or incognito window works), or sign out of the other accounts; then open Peel again.',
    );
    expect(error?.detail).toBe(storage);
    // The key is not the problem: the box offers no way to Settings.
    expect(needsSettings('WRONG_ACCOUNT')).toBe(false);
    expect(needsSettings('PERMISSION_DENIED')).toBe(true);
  });
});
