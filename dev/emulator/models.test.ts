import { spawn } from 'node:child_process';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelSpec } from '../../src/core/gemini/catalog';
import { configFromEnv } from './env';
import { call } from './helpers';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { MODELS } from './models';
import { repoRoot } from './schema';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const key = { 'x-goog-api-key': 'k' };

describe('ListModels and GetModel', () => {
  it('lists the image models with realistic fields', async () => {
    const response = await call(`${emulator.url}/v1beta/models`, { headers: key });
    expect(response.status).toBe(200);
    expect(response.json.models.map((m: { name: string }) => m.name)).toEqual([
      'models/gemini-2.5-flash-image',
      'models/gemini-3-pro-image',
      'models/gemini-3.1-flash-image',
      'models/gemini-3.1-flash-lite-image',
      'models/gemini-nano-banana-2.1',
    ]);
    expect(response.json.models[1]).toEqual({
      name: 'models/gemini-3-pro-image',
      version: '3.0',
      displayName: 'Nano Banana Pro',
      description: 'Gemini 3 Pro Image',
      inputTokenLimit: 131072,
      outputTokenLimit: 32768,
      supportedGenerationMethods: ['generateContent', 'countTokens', 'batchGenerateContent'],
      temperature: 1,
      topP: 0.95,
      topK: 64,
      maxTemperature: 1,
      thinking: true,
    });
    expect(response.json.models[0].thinking).toBeUndefined();
    expect(response.json.nextPageToken).toBeUndefined();
  });

  it('pages with pageSize and pageToken', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `pageSize=2${token === undefined ? '' : `&pageToken=${encodeURIComponent(token)}`}`;
      const page = await call(`${emulator.url}/v1beta/models?${query}`, { headers: key });
      expect(page.json.models.length).toBeLessThanOrEqual(2);
      names.push(...page.json.models.map((m: { name: string }) => m.name));
      token = page.json.nextPageToken;
      pages++;
    } while (token !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(names).toHaveLength(5);
    const bad = await call(`${emulator.url}/v1beta/models?pageToken=garbage`, { headers: key });
    expect(bad.status).toBe(400);
  });

  it('pages through the SDK as well', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: emulator.url } });
    const names: string[] = [];
    for await (const model of await ai.models.list({ config: { pageSize: 2 } })) names.push(model.name ?? '');
    expect(names).toHaveLength(5);
  });

  it('gets one model, and 404s on retired ones', async () => {
    const one = await call(`${emulator.url}/v1beta/models/gemini-nano-banana-2.1`, { headers: key });
    expect(one.json).toMatchObject({ name: 'models/gemini-nano-banana-2.1', displayName: 'Nano Banana 2.1' });
    const retired = await call(`${emulator.url}/v1beta/models/gemini-3-pro-image-preview`, { headers: key });
    expect(retired.status).toBe(404);
    expect(retired.json.error.status).toBe('NOT_FOUND');
  });

  it('needs a key', async () => {
    const response = await call(`${emulator.url}/v1beta/models`);
    expect(response.status).toBe(403);
    expect(response.json.error.status).toBe('PERMISSION_DENIED');
  });
});

describe("Peel's catalog", () => {
  // Kept apart on purpose, so they must be compared: a limit Peel enforces before sending has to be Google's.
  it('agrees with the emulator on each model and its reference-image limit', () => {
    const peel = MODELS.map((model) => {
      const spec = modelSpec(model.id);
      return [model.id, spec.known, spec.maxReferenceImages];
    });
    expect(peel).toEqual(MODELS.map((model) => [model.id, true, model.maxReferenceImages]));
  });
});

describe('npm run emulator', () => {
  it('reads its configuration from the environment', () => {
    expect(configFromEnv({})).toEqual({ options: { port: 8787, latencyMs: 0 }, faults: [] });
    const config = configFromEnv({
      PORT: '9000',
      EMULATOR_LATENCY_MS: '1500',
      EMULATOR_FAULTS: '[{"kind":"rate-minute","times":"Infinity","retryDelaySeconds":5}]',
    });
    expect(config.options).toEqual({ port: 9000, latencyMs: 1500 });
    expect(config.faults).toEqual([{ kind: 'rate-minute', times: Number.POSITIVE_INFINITY, retryDelaySeconds: 5 }]);
    expect(() => configFromEnv({ EMULATOR_FAULTS: '[{"kind":"typo"}]' })).toThrow(/Unknown fault kind/);
    expect(() => configFromEnv({ EMULATOR_LATENCY_MS: 'fast' })).toThrow(/EMULATOR_LATENCY_MS/);
  });

  it('starts on PORT and prints its URL and latency', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'dev/emulator/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', EMULATOR_LATENCY_MS: '5', EMULATOR_FAULTS: '[{"kind":"internal"}]' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(output.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
      });
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(latency 5 ms\)/.exec(line);
      expect(match).not.toBeNull();
      const health = await call(`${match?.[1]}/__emulator/health`);
      expect(health.json).toMatchObject({ status: 'ok', latencyMs: 5, faults: [{ kind: 'internal', times: 1 }] });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
