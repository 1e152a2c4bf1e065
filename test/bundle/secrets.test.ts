/**
 * The user's API key never leaves the server whole: not to the sidebar (every google.script.run answer), not to
 * the execution logs, not even when Google quotes it back in an error. Runs the real bundle against the
 * emulator, which quotes the key in its "consumer suspended" error as Google does.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../dev/emulator/index';
import { type ExecutionResult, geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import { demoDeck } from '../../dev/runtime/seed';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const KEY = 'AIzaSyPeelSecretKey0123456789abcdefghij';
const MASKED = 'AIza…ghij';
const LIGHTHOUSE = {
  prompt: 'A lighthouse',
  model: 'gemini-nano-banana-2.1',
  aspectRatio: '16:9',
  imageSize: '1K',
};

describe('the API key', () => {
  let emulator: Emulator;
  let runtime: Runtime;
  const results: ExecutionResult[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 0 });
    runtime = new Runtime({
      distDir: DIST,
      world: new World({ document: demoDeck() }),
      urlRewrites: geminiRewrites(emulator.url),
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await emulator?.close();
  });

  const call = async (name: string, ...args: unknown[]) => {
    const result = await runtime.run(name, args, { trigger: 'script.run' });
    results.push(result);
    return result;
  };

  it('reaches the sidebar only masked, and Google only in the request header', async () => {
    const saved = await call('saveApiKey', KEY);
    expect(JSON.stringify(saved.value)).toContain(MASKED);
    await call('getSettings');
    const generated = await call('generateImage', {
      prompt: 'A lighthouse',
      model: 'gemini-nano-banana-2.1',
      aspectRatio: '16:9',
      imageSize: '1K',
    });
    expect(generated.value).toMatchObject({ ok: true });
    const sent = emulator.requests.filter((r) => r.path.includes(':generateContent'));
    expect(sent.at(-1)?.headers['x-goog-api-key']).toBe(KEY);
    expect(sent.every((r) => !r.path.includes(KEY))).toBe(true);
  });

  it('is masked when Google quotes it back in an error', async () => {
    emulator.inject({ kind: 'key-suspended', times: 2 });
    // The error body really quotes the whole key, so the checks below are not vacuous.
    const quoted = await fetch(`${emulator.url}/v1beta/models/gemini-nano-banana-2.1:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }),
    });
    expect(await quoted.text()).toContain(KEY);
    const failed = await call('generateImage', {
      prompt: 'A lighthouse',
      model: 'gemini-nano-banana-2.1',
      aspectRatio: '16:9',
      imageSize: '1K',
    });
    expect(failed.value).toMatchObject({ ok: false, error: { code: 'KEY_SUSPENDED' } });
    expect(JSON.stringify(failed.value)).toContain(MASKED);
  });

  it('an AQ. auth key quoted back is masked too', async () => {
    const auth = 'AQ.Ab8RN6Lx2vQ9pTz-Kd3mWf7sYc1hJe5gBn0uVr4aXo_iE';
    const saved = await call('saveApiKey', auth);
    expect(JSON.stringify(saved.value)).toContain('AQ.A…o_iE');
    emulator.inject({ kind: 'key-suspended', times: 1 });
    const failed = await call('generateImage', LIGHTHOUSE);
    expect(failed.value).toMatchObject({ ok: false, error: { code: 'KEY_SUSPENDED' } });
    expect(emulator.requests.at(-1)?.headers['x-goog-api-key']).toBe(auth);
    expect(JSON.stringify(failed.value)).toContain('AQ.A…o_iE');
    expect(JSON.stringify(failed.value)).not.toContain(auth);
    await call('clearApiKey');
  });

  it('appears in no answer and no execution log', () => {
    expect(results.length).toBeGreaterThanOrEqual(4);
    for (const { value, record } of results) {
      expect(JSON.stringify(value ?? null)).not.toContain(KEY);
      expect(record.logs.join('\n')).not.toContain(KEY);
      expect(record.error ?? '').not.toContain(KEY);
    }
  });
});

describe('the organization key', () => {
  const ORG_KEY = 'AQ.OrgOrgOrgOrg7Qk-Kd3mWf7sYc1hJe5gBn0uVr4aXo_zZ9';

  it('never reaches a user in any form, not even masked, even when Google quotes it back', async () => {
    const emulator = await startEmulator({ latencyMs: 0 });
    const runtime = new Runtime({
      distDir: DIST,
      world: new World({ document: demoDeck(), properties: { script: { PEEL_ORG_API_KEY: ORG_KEY } } }),
      urlRewrites: geminiRewrites(emulator.url),
    });
    try {
      const results: ExecutionResult[] = [];
      const call = async (name: string, ...args: unknown[]) => {
        const result = await runtime.run(name, args, { trigger: 'script.run' });
        results.push(result);
        return result;
      };
      expect((await call('getSettings')).value).toMatchObject({
        ok: true,
        value: { connection: { key: { source: 'organization' } } },
      });
      emulator.inject({ kind: 'key-suspended', times: 1 });
      const failed = await call('generateImage', LIGHTHOUSE);
      expect(failed.value).toMatchObject({ ok: false, error: { code: 'KEY_SUSPENDED' } });
      // The emulator did quote the organization key, so the checks below are not vacuous.
      expect(emulator.requests.at(-1)?.headers['x-goog-api-key']).toBe(ORG_KEY);
      expect(JSON.stringify(failed.value)).toContain('[key hidden]');
      const masked = `${ORG_KEY.slice(0, 4)}…${ORG_KEY.slice(-4)}`;
      for (const { value, record } of results) {
        const seen = `${JSON.stringify(value ?? null)}\n${record.logs.join('\n')}\n${record.error ?? ''}`;
        expect(seen).not.toContain(ORG_KEY);
        expect(seen).not.toContain(masked);
        expect(seen).not.toContain(ORG_KEY.slice(-4));
      }
    } finally {
      await runtime.close();
      await emulator.close();
    }
  });
});
