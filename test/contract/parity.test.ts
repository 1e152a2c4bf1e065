/**
 * Request parity with the official SDK: for the same logical request, the JSON body Peel's client sends equals
 * the body `@google/genai` sends, both captured by one local server. Peel's client runs with its real
 * synchronous transport, so the server runs on a worker thread: the test's own thread is blocked while Peel waits.
 *
 * Deliberate differences, kept out of the comparison on purpose:
 * - `systemInstruction`: given a string, the SDK sends `{role: 'user', parts: [...]}`. Peel sends the REST
 *   docs' form without a role (a system instruction has no speaker), so the SDK is given the Content form here.
 * - Headers: the SDK adds `x-goog-api-client` and its user agent; Peel sends only the key and Content-Type.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Content as SdkContent } from '@google/genai';
import { GoogleGenAI, ThinkingLevel } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttpTransport } from '../../dev/support/sync-http';
import { GeminiClient } from '../../src/core/gemini/client';
import type { ImageRequest } from '../../src/core/gemini/request';
import type { Content } from '../../src/core/gemini/wire';
import { FakeClock, imageResponse, JPEG_BASE64, PNG_BASE64, SIGNATURE } from '../core/gemini/fakes';

interface Captured {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

// Records every request and answers with one image response; GET /__captures hands the records over.
const CAPTURE_SERVER = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let captures = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    if (req.url === '/__captures') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(captures));
      captures = [];
      return;
    }
    captures.push({ method: req.method, url: req.url, headers: req.headers, body });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(workerData.reply);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => { if (m === 'close') server.close(() => process.exit(0)); });
`;

const KEY = 'AIzaSyParityKey0123456789abcdefghijklm';
let worker: Worker;
let baseUrl: string;

beforeAll(async () => {
  worker = new Worker(CAPTURE_SERVER, { eval: true, workerData: { reply: JSON.stringify(imageResponse()) } });
  const [port] = await once(worker, 'message');
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  worker.postMessage('close');
  await once(worker, 'exit');
});

async function captures(): Promise<Captured[]> {
  return (await (await fetch(`${baseUrl}/__captures`)).json()) as Captured[];
}

function sdk(): GoogleGenAI {
  return new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl, apiVersion: 'v1beta' } });
}

function peel(): GeminiClient {
  return new GeminiClient({
    transport: new SyncHttpTransport({ timeoutMs: 10_000 }),
    clock: new FakeClock(),
    endpoint: { kind: 'gemini', apiKey: KEY, baseUrl },
  });
}

/** Sends with Peel, then with the SDK, and returns what each side sent, in order. */
async function exchange(
  send: (client: GeminiClient) => void,
  sendSdk: (ai: GoogleGenAI) => Promise<unknown>,
): Promise<{ ours: Captured[]; theirs: Captured[] }> {
  await captures();
  send(peel());
  const ours = await captures();
  await sendSdk(sdk());
  const theirs = await captures();
  return { ours, theirs };
}

function expectSame({ ours, theirs }: { ours: Captured[]; theirs: Captured[] }): void {
  expect(ours.length).toBeGreaterThan(0);
  expect(ours.map((r) => JSON.parse(r.body))).toEqual(theirs.map((r) => JSON.parse(r.body)));
  expect(ours.map((r) => [r.method, r.url])).toEqual(theirs.map((r) => [r.method, r.url]));
  for (const request of [...ours, ...theirs]) {
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.url).not.toContain(KEY);
  }
}

const PRO = 'gemini-3-pro-image';
const NB21 = 'gemini-nano-banana-2.1';
const modalities = { responseModalities: ['TEXT', 'IMAGE'] };

describe('request parity with @google/genai', () => {
  it('prompt only', async () => {
    const request: ImageRequest = { model: PRO, prompt: 'A lighthouse at dawn' };
    expectSame(
      await exchange(
        (c) => c.generate(request),
        (ai) => ai.models.generateContent({ model: PRO, contents: 'A lighthouse at dawn', config: modalities }),
      ),
    );
  });

  it('prompt and reference images', async () => {
    const references = [
      { mimeType: 'image/png', base64: PNG_BASE64 },
      { mimeType: 'image/jpeg', base64: JPEG_BASE64 },
    ];
    expectSame(
      await exchange(
        (c) => c.generate({ model: PRO, prompt: 'Put the logo on the mug', references }),
        (ai) =>
          ai.models.generateContent({
            model: PRO,
            contents: [
              'Put the logo on the mug',
              ...references.map((r) => ({ inlineData: { mimeType: r.mimeType, data: r.base64 } })),
            ],
            config: modalities,
          }),
      ),
    );
  });

  it('aspect ratio and size', async () => {
    expectSame(
      await exchange(
        (c) => c.generate({ model: PRO, prompt: 'A wide slide background', aspectRatio: '16:9', imageSize: '2K' }),
        (ai) =>
          ai.models.generateContent({
            model: PRO,
            contents: 'A wide slide background',
            config: { ...modalities, imageConfig: { aspectRatio: '16:9', imageSize: '2K' } },
          }),
      ),
    );
  });

  it('thinking level, where the model takes one', async () => {
    expectSame(
      await exchange(
        (c) => c.generate({ model: NB21, prompt: 'An infographic of the water cycle', thinkingLevel: 'HIGH' }),
        (ai) =>
          ai.models.generateContent({
            model: NB21,
            contents: 'An infographic of the water cycle',
            config: { ...modalities, thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH } },
          }),
      ),
    );
  });

  it('standing rules as systemInstruction', async () => {
    const rules = 'Flat illustration style. Never draw text or letters.';
    expectSame(
      await exchange(
        (c) => c.generate({ model: NB21, prompt: 'A team at work', rules }),
        (ai) =>
          ai.models.generateContent({
            model: NB21,
            contents: 'A team at work',
            config: { ...modalities, systemInstruction: { parts: [{ text: rules }] } },
          }),
      ),
    );
  });

  it('history with a model turn carrying thought signatures (chats.create with history)', async () => {
    const history: Content[] = [
      { role: 'user', parts: [{ text: 'A harbour at dusk' }] },
      {
        role: 'model',
        parts: [
          { text: 'Here it is.', thoughtSignature: SIGNATURE },
          { inlineData: { mimeType: 'image/png', data: PNG_BASE64 }, thoughtSignature: `${SIGNATURE}2` },
        ],
      },
    ];
    expectSame(
      await exchange(
        (c) => c.generate({ model: PRO, prompt: 'Now at night', history }),
        (ai) =>
          ai.chats
            .create({ model: PRO, config: modalities, history: history as unknown as SdkContent[] })
            .sendMessage({ message: 'Now at night' }),
      ),
    );
  });

  it('a conversation: the second request echoes the first answer as the SDK’s chat does', async () => {
    const second = { prompt: 'Now at night', image: { mimeType: 'image/jpeg', base64: JPEG_BASE64 } };
    const sent = await exchange(
      (c) => {
        const first = c.generate({ model: PRO, prompt: 'A harbour at dusk' });
        c.generate({
          model: PRO,
          prompt: second.prompt,
          references: [second.image],
          history: [first.userTurn, first.modelTurn],
        });
      },
      async (ai) => {
        const chat = ai.chats.create({ model: PRO, config: modalities });
        await chat.sendMessage({ message: 'A harbour at dusk' });
        await chat.sendMessage({
          message: [second.prompt, { inlineData: { mimeType: second.image.mimeType, data: second.image.base64 } }],
        });
      },
    );
    expect(sent.ours).toHaveLength(2);
    expectSame(sent);
    const echoed = JSON.parse(sent.ours[1]?.body ?? '{}').contents[1] as Content;
    expect(echoed.parts.map((p) => [p.thought, p.thoughtSignature])).toEqual([
      [true, undefined],
      [true, undefined],
      [undefined, SIGNATURE],
      [undefined, `${SIGNATURE}x`],
    ]);
  });
});
