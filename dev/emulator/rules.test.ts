import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, finalImage, generate, quadrantPng, userText } from './helpers';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { startServer } from './server';
import { DUMMY_SIGNATURES } from './signatures';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const RED = [220, 30, 30] as const;
const png = quadrantPng(16, 16, [RED, RED, RED, RED]);
const image = { inlineData: { mimeType: 'image/png', data: png } };

function expectInvalid(response: { status: number; json: unknown }, message: string | RegExp): void {
  expect(response.status).toBe(400);
  const error = (response.json as { error: { code: number; status: string; message: string } }).error;
  expect(error.code).toBe(400);
  expect(error.status).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

describe('schema violations over HTTP', () => {
  it('rejects an unknown field with a BadRequest detail', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', userText('x', { foo: true }));
    expectInvalid(
      response,
      `Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field.`,
    );
    expect(response.json.error.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [
          {
            field: 'generation_config',
            description: `Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field.`,
          },
        ],
      },
    ]);
  });

  it('rejects a wrong type', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', userText('x', { candidateCount: 'many' }));
    expectInvalid(response, `Invalid value at 'generation_config.candidate_count' (TYPE_INT32), "many"`);
  });

  it('rejects a wrong enum value', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('x', { responseModalities: ['PICTURE'] }),
    );
    expectInvalid(
      response,
      /^Invalid value at 'generation_config.response_modalities\[0\]' \(type.googleapis.com\/google.ai.generativelanguage.v1beta.GenerationConfig.Modality\), "PICTURE"$/,
    );
  });

  it('lists every violation, one per line', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', { contents: [], foo: 1, bar: 2 });
    expect(response.json.error.message.split('\n')).toHaveLength(2);
    expect(response.json.error.details[0].fieldViolations).toHaveLength(2);
  });

  it('accepts snake_case field names like the real API', async () => {
    const response = await generate(emulator.url, 'gemini-3.1-flash-image', {
      contents: [{ role: 'user', parts: [{ text: 'edit' }, { inline_data: { mime_type: 'image/png', data: png } }] }],
      generation_config: { response_modalities: ['IMAGE'], image_config: { aspect_ratio: '1:1', image_size: '512' } },
    });
    expect(response.status).toBe(200);
    expect(finalImage(response.json)?.mimeType).toBe('image/jpeg');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', '{"contents": [}');
    expectInvalid(response, /^Invalid JSON payload received\. Unexpected token\./);
  });

  it('rejects undecodable base64 in inline data', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', {
      contents: [{ parts: [{ inlineData: { mimeType: 'image/png', data: '***' } }] }],
    });
    expectInvalid(response, /Base64 decoding failed for "\*\*\*"/);
  });
});

describe('request structure', () => {
  it('requires contents', async () => {
    expectInvalid(
      await generate(emulator.url, 'gemini-3-pro-image', {}),
      '* GenerateContentRequest.contents: contents is not specified\n',
    );
  });

  it('requires parts with exactly one kind of data', async () => {
    const empty = await generate(emulator.url, 'gemini-3-pro-image', { contents: [{ role: 'user', parts: [] }] });
    expectInvalid(empty, /contents\[0\]\.parts: contents\.parts must not be empty/);
    const none = await generate(emulator.url, 'gemini-3-pro-image', { contents: [{ parts: [{ thought: true }] }] });
    expectInvalid(none, /required oneof field 'data' must have one initialized field/);
    const both = await generate(emulator.url, 'gemini-3-pro-image', {
      contents: [{ parts: [{ text: 'a', ...image }] }],
    });
    expectInvalid(both, /oneof field 'data' is already set/);
  });

  it('allows only the user and model roles', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', {
      contents: [{ role: 'assistant', parts: [{ text: 'x' }] }],
    });
    expectInvalid(response, 'Please use a valid role: user, model.');
  });

  it('rejects input images it cannot read or does not support', async () => {
    const garbage = await generate(emulator.url, 'gemini-3-pro-image', {
      contents: [{ parts: [{ text: 'x' }, { inlineData: { mimeType: 'image/png', data: 'aGVsbG8gd29ybGQ=' } }] }],
    });
    expectInvalid(garbage, /^Unable to process input image/);
    const gif = await generate(emulator.url, 'gemini-3-pro-image', {
      contents: [{ parts: [{ text: 'x' }, { inlineData: { mimeType: 'image/gif', data: 'R0lGODlh' } }] }],
    });
    expectInvalid(gif, 'Unsupported MIME type: image/gif');
  });
});

describe('model rules', () => {
  it('rejects more than one candidate', async () => {
    const response = await generate(emulator.url, 'gemini-3-pro-image', userText('x', { candidateCount: 2 }));
    expectInvalid(response, 'Multiple candidates is not enabled for models/gemini-3-pro-image');
  });

  it.each([
    ['gemini-3-pro-image', { imageSize: '1k' }, /Unsupported image_size "1k".*uppercase "K"/],
    [
      'gemini-3-pro-image',
      { imageSize: '512' },
      /Unsupported image_size "512" for models\/gemini-3-pro-image\. Supported values: 1K, 2K, 4K\./,
    ],
    ['gemini-3.1-flash-lite-image', { imageSize: '2K' }, /Unsupported image_size "2K"/],
    ['gemini-nano-banana-2.1', { imageSize: '512' }, /Unsupported image_size "512"/],
    ['gemini-2.5-flash-image', { imageSize: '1K' }, /image_size is not supported for models\/gemini-2.5-flash-image/],
    ['gemini-3-pro-image', { aspectRatio: '4:1' }, /Unsupported aspect_ratio "4:1" for models\/gemini-3-pro-image/],
    ['gemini-2.5-flash-image', { aspectRatio: '1:8' }, /Unsupported aspect_ratio "1:8"/],
    ['gemini-3.1-flash-lite-image', { aspectRatio: '8:1' }, /Unsupported aspect_ratio "8:1"/],
  ])('%s rejects imageConfig %j', async (model, imageConfig, message) => {
    expectInvalid(await generate(emulator.url, model, userText('x', { imageConfig })), message);
  });

  it.each([
    ['gemini-3.1-flash-image', { imageSize: '512', aspectRatio: '4:1' }],
    ['gemini-nano-banana-2.1', { imageSize: '1K', aspectRatio: '1:8' }],
    ['gemini-2.5-flash-image', { aspectRatio: '21:9' }],
  ])('%s accepts imageConfig %j', async (model, imageConfig) => {
    const response = await generate(emulator.url, model, userText('x', { responseModalities: ['IMAGE'], imageConfig }));
    expect(response.status).toBe(200);
  });

  it.each([
    [
      'gemini-2.5-flash-image',
      { includeThoughts: false },
      /Thinking is not enabled for models\/gemini-2.5-flash-image/,
    ],
    ['gemini-3-pro-image', { thinkingLevel: 'HIGH' }, /thinking_level is not supported for models\/gemini-3-pro-image/],
    ['gemini-3.1-flash-image', { thinkingLevel: 'LOW' }, /Unsupported thinking_level "LOW".*MINIMAL, HIGH/],
    ['gemini-3.1-flash-lite-image', { thinkingLevel: 'MEDIUM' }, /Unsupported thinking_level "MEDIUM"/],
  ])('%s rejects thinkingConfig %j', async (model, thinkingConfig, message) => {
    expectInvalid(await generate(emulator.url, model, userText('x', { thinkingConfig })), message);
  });

  it('accepts the thinking levels each model documents', async () => {
    const medium = await generate(
      emulator.url,
      'gemini-nano-banana-2.1',
      userText('x', { responseModalities: ['TEXT'], thinkingConfig: { thinkingLevel: 'MEDIUM' } }),
    );
    expect(medium.status).toBe(200);
    const pro = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('x', { responseModalities: ['TEXT'], thinkingConfig: { includeThoughts: true } }),
    );
    expect(pro.status).toBe(200);
  });

  it('rejects audio output', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('x', { responseModalities: ['AUDIO'] }),
    );
    expectInvalid(response, 'Model does not support the requested response modalities: audio');
  });

  it('limits reference images per model', async () => {
    const withImages = (n: number) => ({
      contents: [{ role: 'user', parts: [{ text: 'combine' }, ...Array.from({ length: n }, () => image)] }],
      generationConfig: { responseModalities: ['TEXT'] },
    });
    expectInvalid(
      await generate(emulator.url, 'gemini-3-pro-image', withImages(15)),
      'Please use fewer than 14 images in your request to models/gemini-3-pro-image',
    );
    expect((await generate(emulator.url, 'gemini-3-pro-image', withImages(14))).status).toBe(200);
    expectInvalid(
      await generate(emulator.url, 'gemini-2.5-flash-image', withImages(4)),
      'Please use fewer than 3 images in your request to models/gemini-2.5-flash-image',
    );
    expect((await generate(emulator.url, 'gemini-2.5-flash-image', withImages(3))).status).toBe(200);
  });
});

describe('thought signatures in Gemini 3 edit history', () => {
  const history = (modelParts: unknown[]) => ({
    contents: [
      { role: 'user', parts: [{ text: 'a red square' }] },
      { role: 'model', parts: modelParts },
      { role: 'user', parts: [{ text: 'make it blue' }] },
    ],
    generationConfig: { responseModalities: ['IMAGE'], imageConfig: { imageSize: '512' } },
  });

  it('rejects a model image without its signature', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      history([{ text: 'Here it is.', thoughtSignature: DUMMY_SIGNATURES[0] }, image]),
    );
    // Google's own text, word for word (archestra-ai/archestra #2548, langchain-google #1837).
    expectInvalid(
      response,
      'Image part is missing a thought_signature in content position 2, part position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior',
    );
  });

  it('returns signatures on every Gemini 3 image model and none on 2.5 Flash Image', async () => {
    for (const model of [
      'gemini-3-pro-image',
      'gemini-3.1-flash-image',
      'gemini-3.1-flash-lite-image',
      'gemini-nano-banana-2.1',
    ]) {
      const response = await generate(
        emulator.url,
        model,
        userText('a red square', { responseModalities: ['TEXT', 'IMAGE'] }),
      );
      const parts = response.json.candidates[0].content.parts;
      expect(
        parts.map((p: { thoughtSignature?: string }) => typeof p.thoughtSignature),
        model,
      ).toEqual(['string', 'string']);
    }
    const flash25 = await generate(
      emulator.url,
      'gemini-2.5-flash-image',
      userText('a red square', { responseModalities: ['TEXT', 'IMAGE'] }),
    );
    expect(
      flash25.json.candidates[0].content.parts.some(
        (p: { thoughtSignature?: string }) => p.thoughtSignature !== undefined,
      ),
    ).toBe(false);
  });

  it("lets Vertex AI's Gemini 3 Pro Image take a history without signatures, as Vertex documents, but not Flash", async () => {
    const vertex = (model: string) =>
      `${emulator.url}/v1/projects/peel-dev/locations/global/publishers/google/models/${model}:generateContent`;
    const headers = { authorization: 'Bearer ya29.token' };
    const body = { ...history([{ text: 'Here it is.' }, image]), generationConfig: { responseModalities: ['IMAGE'] } };
    expect((await call(vertex('gemini-3-pro-image'), { body, headers })).status).toBe(200);
    expectInvalid(
      await call(vertex('gemini-3.1-flash-image'), { body, headers }),
      /^Text part is missing a thought_signature/,
    );
    expectInvalid(
      await generate(emulator.url, 'gemini-3-pro-image', body),
      /^Text part is missing a thought_signature/,
    );
  });

  it('rejects a leading model text part without its signature', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      history([{ text: 'Here it is.' }, { ...image, thoughtSignature: DUMMY_SIGNATURES[0] }]),
    );
    expectInvalid(response, /^Text part is missing a thought_signature in content position 2, part position 1\./);
  });

  it('rejects a signature the API never issued', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      history([{ ...image, thoughtSignature: 'AAAAAAAAAAAAAAAA' }]),
    );
    expectInvalid(
      response,
      'Unable to submit request because it has an invalid thought signature for content at index 1',
    );
  });

  it.each(DUMMY_SIGNATURES)('accepts the documented dummy signature %s', async (dummy) => {
    const response = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      history([
        { text: 'Here.', thoughtSignature: dummy },
        { ...image, thoughtSignature: dummy },
      ]),
    );
    expect(response.status).toBe(200);
  });

  it('accepts a real signature echoed back, and rejects it once altered', async () => {
    const first = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      userText('a red square', { responseModalities: ['IMAGE'], imageConfig: { imageSize: '512' } }),
    );
    const parts = first.json.candidates[0].content.parts;
    expect((await generate(emulator.url, 'gemini-3.1-flash-image', history(parts))).status).toBe(200);
    const signature: string = parts[0].thoughtSignature;
    const altered = [
      {
        ...parts[0],
        thoughtSignature: `${signature.slice(0, 100)}${signature[100] === 'A' ? 'B' : 'A'}${signature.slice(101)}`,
      },
    ];
    expectInvalid(
      await generate(emulator.url, 'gemini-3.1-flash-image', history(altered)),
      /invalid thought signature/,
    );
    const cut = [{ ...parts[0], thoughtSignature: signature.slice(0, 400) }];
    expectInvalid(await generate(emulator.url, 'gemini-3.1-flash-image', history(cut)), /invalid thought signature/);
  });

  it('accepts a continued conversation that carries an earlier answer’s image part alone, with its own signature', async () => {
    // What a chained edit sends (src/core/conversation/edit-request.ts): the preview's part as it came, without
    // the answer's text part. zeveck/nanogen checked this shape live on Gemini 3.1 Flash Image (2026-04-17,
    // reports/nanogen-verification.md); the same signature on a sibling part is refused (checked above).
    const first = await generate(
      emulator.url,
      'gemini-3.1-flash-image',
      userText('a red square', { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512' } }),
    );
    const parts: { inlineData?: { data: string }; thoughtSignature?: string }[] =
      first.json.candidates[0].content.parts;
    const preview = parts.find((p) => p.inlineData);
    const continued = {
      contents: [
        { role: 'user', parts: [{ text: 'Earlier instructions for this image, oldest first: a red square.' }] },
        { role: 'model', parts: [preview] },
        { role: 'user', parts: [{ text: 'add a blue circle' }] },
      ],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512' } },
    };
    const second = await generate(emulator.url, 'gemini-3.1-flash-image', continued);
    expect(second.status).toBe(200);
    // It edits the picture it was given: a new picture, not the preview again.
    expect(finalImage(second.json)?.data).not.toBe(preview?.inlineData?.data);
  });

  it('does not require signatures for user images, thought parts, or on 2.5 Flash Image', async () => {
    const thoughtOnly = history([
      { text: 'thinking', thought: true },
      { ...image, thought: true },
      { ...image, thoughtSignature: DUMMY_SIGNATURES[1] },
    ]);
    expect((await generate(emulator.url, 'gemini-3.1-flash-image', thoughtOnly)).status).toBe(200);
    const flash25 = { ...history([{ text: 'Here.' }, image]), generationConfig: { responseModalities: ['IMAGE'] } };
    expect((await generate(emulator.url, 'gemini-2.5-flash-image', flash25)).status).toBe(200);
  });
});

describe('models, paths and authentication', () => {
  it('answers 404 with Google message for unknown and retired models', async () => {
    for (const model of ['gemini-9-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image-preview']) {
      const response = await generate(emulator.url, model, userText('x'));
      expect(response.status).toBe(404);
      expect(response.json.error).toEqual({
        code: 404,
        status: 'NOT_FOUND',
        message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      });
    }
  });

  it('answers 403 PERMISSION_DENIED without an API key and accepts ?key=', async () => {
    const url = `${emulator.url}/v1beta/models/gemini-3-pro-image:generateContent`;
    const anonymous = await call(url, { body: userText('x', { responseModalities: ['TEXT'] }) });
    expect(anonymous.status).toBe(403);
    expect(anonymous.json.error.status).toBe('PERMISSION_DENIED');
    expect(anonymous.json.error.message).toMatch(/^Method doesn't allow unregistered callers/);
    const withQueryKey = await call(`${url}?key=abc`, { body: userText('x', { responseModalities: ['TEXT'] }) });
    expect(withQueryKey.status).toBe(200);
  });

  it('serves the Vertex AI path with a bearer token and answers 401 without one', async () => {
    const url = `${emulator.url}/v1/projects/peel-dev/locations/global/publishers/google/models/gemini-3-pro-image:generateContent`;
    const body = userText('x', { responseModalities: ['IMAGE'], imageConfig: { outputMimeType: 'image/png' } });
    const anonymous = await call(url, { body, headers: { 'x-goog-api-key': 'ignored-on-vertex' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.status).toBe('UNAUTHENTICATED');
    expect(anonymous.json.error.details[0].reason).toBe('CREDENTIALS_MISSING');
    const ok = await call(url, { body, headers: { authorization: 'Bearer ya29.token' } });
    expect(ok.status).toBe(200);
    expect(finalImage(ok.json)?.mimeType).toBe('image/png');
    expect(ok.json.usageMetadata.trafficType).toBe('ON_DEMAND');
    const beta = await call(
      url.replace('/v1/', '/v1beta1/').replace('gemini-3-pro-image', 'gemini-3-pro-image-preview'),
      {
        body,
        headers: { authorization: 'Bearer ya29.token' },
      },
    );
    expect(beta.status).toBe(404);
    expect(beta.json.error.message).toMatch(
      /^Publisher Model `projects\/peel-dev\/locations\/global\/publishers\/google\/models\/gemini-3-pro-image-preview` was not found/,
    );
  });

  it('keeps the Vertex-only image options off the Gemini API', async () => {
    const response = await generate(
      emulator.url,
      'gemini-3-pro-image',
      userText('x', { imageConfig: { outputMimeType: 'image/png' } }),
    );
    expectInvalid(
      response,
      `Invalid JSON payload received. Unknown name "outputMimeType" at 'generation_config.image_config': Cannot find field.`,
    );
  });

  it('behaves like v1 on the v1 path: no image fields, no Gemini 3 models', async () => {
    const url = (model: string) => `${emulator.url}/v1/models/${model}:generateContent`;
    const fields = await call(url('gemini-2.5-flash-image'), {
      body: userText('x', { responseModalities: ['IMAGE'] }),
      headers: { 'x-goog-api-key': 'k' },
    });
    expectInvalid(
      fields,
      `Invalid JSON payload received. Unknown name "responseModalities" at 'generation_config': Cannot find field.`,
    );
    const gemini3 = await call(url('gemini-3-pro-image'), { body: userText('x'), headers: { 'x-goog-api-key': 'k' } });
    expect(gemini3.status).toBe(404);
    expect(gemini3.json.error.message).toMatch(/for API version v1,/);
  });

  it('serves unknown paths the front end HTML 404', async () => {
    const response = await call(`${emulator.url}/v1beta/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.text).toContain('<title>Error 404 (Not Found)!!1</title>');
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1beta/nothing-here', status: 404 });
  });

  it('rejects a request over the payload limit', async () => {
    const small = await startServer({ maxRequestBytes: 2048 });
    try {
      const response = await generate(small.url, 'gemini-3-pro-image', userText('x'.repeat(4096)));
      expectInvalid(response, 'Request payload size exceeds the limit: 2048 bytes.');
      expect(small.requests[0]?.body).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});
