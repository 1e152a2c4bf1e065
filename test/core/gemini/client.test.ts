import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/core/errors';
import { modelSpec } from '../../../src/core/gemini/catalog';
import { GeminiClient } from '../../../src/core/gemini/client';
import type { Endpoint } from '../../../src/core/gemini/endpoint';
import { checkImageOptions } from '../../../src/core/gemini/options';
import type { HttpRequest, HttpResponse } from '../../../src/core/gemini/transport';
import { errorBodies, FakeClock, imageResponse, JPEG_BASE64, ok, ScriptedTransport, SIGNATURE, status } from './fakes';

const KEY = 'AIzaSyTestKey0123456789abcdefghijklmno';
const endpoint: Endpoint = { kind: 'gemini', apiKey: KEY };

function make(respond: (request: HttpRequest, attempt: number) => HttpResponse, at?: Endpoint) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport(respond, clock);
  return {
    clock,
    transport,
    gemini: new GeminiClient({ transport, clock, endpoint: at ?? endpoint, random: () => 0 }),
  };
}

describe('generate', () => {
  it('posts the prepared body to the model URL and returns the parsed image', () => {
    const { transport, gemini } = make(() => ok(imageResponse({ mimeType: 'image/jpeg' })));
    const result = gemini.generate({ model: 'gemini-3-pro-image', prompt: 'A harbour', aspectRatio: '16:9' });
    expect(result.image).toEqual({ mimeType: 'image/jpeg', base64: JPEG_BASE64 });
    expect(result.cost).toEqual({ perImageUsd: 0.134, totalUsd: 0.134, basis: 'per-image' });
    const [request] = transport.requests;
    expect(request?.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-image:generateContent',
    );
    expect(JSON.parse(request?.payload ?? '')).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'A harbour' }] }],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    });
  });

  it('a follow-up sends the previous turns back with the model turn as received', () => {
    const { transport, gemini } = make(() => ok(imageResponse()));
    const first = gemini.generate({ model: 'gemini-3-pro-image', prompt: 'A harbour' });
    gemini.generate({ model: 'gemini-3-pro-image', prompt: 'At night', history: [first.userTurn, first.modelTurn] });
    const second = JSON.parse(transport.requests[1]?.payload ?? '');
    expect(second.contents).toHaveLength(3);
    expect(second.contents[1]).toEqual(
      (imageResponse() as { candidates: { content: unknown }[] }).candidates[0]?.content,
    );
    expect(second.contents[1].parts[3].thoughtSignature).toBe(`${SIGNATURE}x`);
  });

  it('validates before sending: nothing goes out for an unsupported option', () => {
    const { transport, gemini } = make(() => ok(imageResponse()));
    expect(() => gemini.generate({ model: 'gemini-3-pro-image', prompt: 'x', imageSize: '512' })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_OPTION' }),
    );
    expect(transport.requests).toHaveLength(0);
  });

  it('shape-checks the model id before anything goes out: no request, no retry, no 2 KB URL', () => {
    const { transport, gemini } = make(() => ok(imageResponse()));
    for (const model of ['x'.repeat(3000), 'gemini 3/../../evil', 'Gemini-3-Pro-Image', '']) {
      expect(() => gemini.generate({ model, prompt: 'x' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
      expect(() =>
        gemini.generateBatch([
          { model, prompt: 'x' },
          { model, prompt: 'x' },
        ]),
      ).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
    expect(transport.requests).toHaveLength(0);
  });

  it('sends a request whose options the caller checked, the same bytes as when it checks them itself', () => {
    const { transport, gemini } = make(() => ok(imageResponse()));
    const options = checkImageOptions(modelSpec('gemini-3-pro-image'), { aspectRatio: '16:9', imageSize: '2K' });
    gemini.generate({ options, prompt: 'A harbour' });
    gemini.generate({ model: 'gemini-3-pro-image', prompt: 'A harbour', aspectRatio: '16:9', imageSize: '2K' });
    const [checked, unchecked] = transport.requests;
    expect(checked).toEqual(unchecked);
    expect(checked?.url).toContain('/models/gemini-3-pro-image:generateContent');
  });

  it('goes to Vertex AI with a bearer token', () => {
    const vertex: Endpoint = { kind: 'vertex', project: 'acme', location: 'global', accessToken: 'ya29.t' };
    const { transport, gemini } = make(() => ok(imageResponse()), vertex);
    gemini.generate({ model: 'gemini-3-pro-image', prompt: 'x' });
    expect(transport.requests[0]?.url).toMatch(
      /^https:\/\/aiplatform\.googleapis\.com\/v1\/projects\/acme\/locations\/global\//,
    );
    expect(transport.requests[0]?.headers.Authorization).toBe('Bearer ya29.t');
  });
});

describe('batches', () => {
  it('sends N variants as N parallel requests in one round, none with candidateCount', () => {
    const { transport, gemini } = make(() => ok(imageResponse()));
    const outcomes = gemini.generateBatch([1, 2, 3].map(() => ({ model: 'gemini-nano-banana-2.1', prompt: 'x' })));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(transport.rounds.map((r) => r.length)).toEqual([1 * 3]);
    expect(transport.requests.every((r) => !r.payload?.includes('candidateCount'))).toBe(true);
  });

  it('re-sends only the failed request and keeps each outcome in its place', () => {
    const prompts = ['one', 'two', 'three'];
    const { clock, transport, gemini } = make((request, attempt) => {
      if (request.payload?.includes('"two"') && attempt === 1) return status(429, errorBodies.perMinute('2s'));
      if (request.payload?.includes('"three"')) return status(429, errorBodies.perDay);
      return ok(imageResponse({ text: JSON.parse(request.payload ?? '').contents[0].parts[0].text }));
    });
    const outcomes = gemini.generateBatch(prompts.map((prompt) => ({ model: 'gemini-nano-banana-2.1', prompt })));
    expect(transport.rounds.map((round) => round.length)).toEqual([3, 1]);
    expect(transport.rounds[1]?.[0]?.payload).toContain('"two"');
    expect(clock.waits).toEqual([2000]);
    expect(outcomes.map((o) => (o.ok ? o.value.commentary : o.error.code))).toEqual(['one', 'two', 'DAILY_QUOTA']);
  });

  it('waits once per round, as long as the longest requested delay', () => {
    const { clock, gemini } = make((request, attempt) => {
      if (attempt > 1) return ok(imageResponse());
      return status(429, errorBodies.perMinute(request.payload?.includes('"a"') ? '1s' : '2s'));
    });
    gemini.generateBatch([
      { model: 'gemini-nano-banana-2.1', prompt: 'a' },
      { model: 'gemini-nano-banana-2.1', prompt: 'b' },
    ]);
    expect(clock.waits).toEqual([2000]);
  });
});

describe('one image, tried once per call', () => {
  it('does not sleep through a long RetryInfo: the failure comes back with how it may be retried', () => {
    const { clock, transport, gemini } = make(() => status(429, errorBodies.perMinute('20s')));
    const outcome = gemini.tryGenerate({ model: 'gemini-nano-banana-2.1', prompt: 'x' });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
      retry: { kind: 'after', delayMs: 20_000 },
    });
    expect(clock.waits).toEqual([]);
    expect(transport.requests).toHaveLength(1);
  });

  it('marks the error with what the request carried, so the next step names only that', () => {
    const { gemini } = make(() => status(500, errorBodies.internal));
    const plain = gemini.tryGenerate({ model: 'gemini-nano-banana-2.1', prompt: 'x' });
    const withImage = gemini.tryGenerate({
      model: 'gemini-nano-banana-2.1',
      prompt: 'x',
      references: [{ mimeType: 'image/png', base64: 'iVBORw0KGgo=' }],
    });
    if (plain.ok || withImage.ok) throw new Error('expected failures');
    expect(plain.error.details.sent).toEqual({ references: false, conversation: false });
    expect(describeError(plain.error).action).not.toMatch(/reference|conversation/);
    expect(describeError(withImage.error).action).toMatch(/fewer reference images/);
  });
});

describe('the status, asked only when the body does not settle it', () => {
  /** A response whose status, like an HTTPResponse's getResponseCode, is fetched each time it is read. */
  const counted = (code: number, body: unknown) => {
    const reads = { n: 0 };
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const response: HttpResponse = {
      kind: 'response',
      body: text,
      get status() {
        reads.n++;
        return code;
      },
    };
    return { response, reads };
  };

  it('takes an image answer without asking its status: only a 200 carries one', () => {
    const answer = counted(200, imageResponse());
    const { gemini } = make(() => answer.response);
    expect(gemini.tryGenerate({ model: 'gemini-nano-banana-2.1', prompt: 'x' })).toMatchObject({ ok: true });
    expect(answer.reads.n).toBe(0);
  });

  it('judges any other body by its status, as before: an error, a cut-off 200, a 200 without an image', () => {
    const cases = [
      { answer: counted(500, errorBodies.internal), code: 'SERVER_ERROR' },
      { answer: counted(503, '<html>Service Unavailable</html>'), code: 'UNAVAILABLE' },
      { answer: counted(200, JSON.stringify(imageResponse()).slice(0, 80)), code: 'MALFORMED_RESPONSE' },
      { answer: counted(200, { candidates: [{ finishReason: 'STOP' }] }), code: 'NO_IMAGE' },
    ];
    for (const { answer, code } of cases) {
      const { gemini } = make(() => answer.response);
      const outcome = gemini.tryGenerate({ model: 'gemini-nano-banana-2.1', prompt: 'x' });
      expect(outcome).toMatchObject({ ok: false, error: { code } });
      expect(answer.reads.n).toBeGreaterThan(0);
    }
  });
});

describe('listModels', () => {
  const page1 = {
    models: [
      {
        name: 'models/gemini-2.5-flash',
        displayName: 'Gemini 2.5 Flash',
        supportedGenerationMethods: ['generateContent'],
      },
      {
        name: 'models/gemini-3-pro-image',
        displayName: 'Nano Banana Pro',
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      },
      { name: 'models/imagen-4.0-generate-001', displayName: 'Imagen 4', supportedGenerationMethods: ['predict'] },
    ],
    nextPageToken: 'page-2',
  };
  const page2 = {
    models: [
      {
        name: 'models/gemini-nano-banana-2.1',
        displayName: 'Nano Banana 2.1',
        supportedGenerationMethods: ['generateContent'],
      },
      {
        name: 'models/gemini-4-flash-image',
        displayName: 'Gemini 4 Flash Image',
        supportedGenerationMethods: ['generateContent'],
      },
      { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
    ],
  };

  it('follows nextPageToken and keeps only image-capable generateContent models', () => {
    const { transport, gemini } = make((request) => ok(request.url.includes('pageToken=page-2') ? page2 : page1));
    expect(gemini.listModels()).toEqual([
      {
        id: 'gemini-3-pro-image',
        displayName: 'Nano Banana Pro (Gemini 3 Pro Image)',
        known: true,
        lifecycle: 'current',
      },
      { id: 'gemini-nano-banana-2.1', displayName: 'Nano Banana 2.1', known: true, lifecycle: 'current' },
      { id: 'gemini-4-flash-image', displayName: 'Gemini 4 Flash Image', known: false, lifecycle: 'current' },
    ]);
    expect(transport.requests.map((r) => [r.method, r.headers['x-goog-api-key']])).toEqual([
      ['get', KEY],
      ['get', KEY],
    ]);
    expect(transport.requests.every((r) => !r.url.includes(KEY))).toBe(true);
  });

  it('maps a bad key to KEY_INVALID', () => {
    const { gemini } = make(() => status(400, errorBodies.keyInvalid));
    expect(() => gemini.listModels()).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it('stops following a page token that never ends', () => {
    const { transport, gemini } = make(() => ok({ models: [], nextPageToken: 'again' }));
    gemini.listModels();
    expect(transport.requests).toHaveLength(10);
  });
});
