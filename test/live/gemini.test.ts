/**
 * The same client paths as the emulator contract tests, against the real Gemini API, when a key exists.
 * Each run makes two images on the cheapest current model (a few US cents). Without GEMINI_API_KEY these
 * tests skip and say so; nothing here can reach Google from the project's own CI.
 */
import { describe, expect, it } from 'vitest';
import { imageSize, sniffMime } from '../../dev/support/image';
import { SyncHttpTransport } from '../../dev/support/sync-http';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { GeminiClient } from '../../src/core/gemini/client';

const key = process.env.GEMINI_API_KEY;
const model = process.env.PEEL_LIVE_MODEL ?? DEFAULT_MODEL_ID;

if (!key) {
  console.warn(
    '\n*** Live Gemini checks SKIPPED: GEMINI_API_KEY is not set. Set it to run test/live against the real API. ***\n',
  );
}

function client(): GeminiClient {
  return new GeminiClient({
    // UrlFetchApp's deadline, so a live run meets the limits Apps Script will.
    transport: new SyncHttpTransport({ timeoutMs: 60_000 }),
    clock: { now: () => Date.now(), sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) },
    endpoint: {
      kind: 'gemini',
      apiKey: key ?? '',
      baseUrl: process.env.GOOGLE_GEMINI_BASE_URL ?? 'https://generativelanguage.googleapis.com',
    },
  });
}

describe.skipIf(!key)('the real Gemini API', () => {
  it('lists image models the key can use, including the one under test', () => {
    const models = client().listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(models.map((m) => m.id)).toContain(model);
  }, 60_000);

  it('generates an image, then edits it in a second turn that echoes the model’s signatures', () => {
    const gemini = client();
    const first = gemini.generate({
      model,
      prompt: 'A red apple on a white table, flat illustration',
      aspectRatio: '4:3',
    });
    const bytes = new Uint8Array(Buffer.from(first.image.base64, 'base64'));
    expect(sniffMime(bytes)).toBe(first.image.mimeType);
    const size = imageSize(bytes);
    expect(size && size.width / size.height).toBeCloseTo(4 / 3, 1);

    const second = gemini.generate({
      model,
      prompt: 'Make the apple green. Keep everything else the same.',
      aspectRatio: '4:3',
      history: [first.userTurn, first.modelTurn],
    });
    expect(second.image.base64.length).toBeGreaterThan(1000);
    expect(second.cost.totalUsd ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
