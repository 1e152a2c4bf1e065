import { describe, expect, it } from 'vitest';
import { modelSpec } from '../../../src/core/gemini/catalog';
import type { Endpoint } from '../../../src/core/gemini/endpoint';
import { converterFor } from '../../../src/core/gemini/endpoint';
import { MAX_REQUEST_BYTES, VERTEX_MAX_INLINE_BYTES } from '../../../src/core/gemini/limits';
import type { CheckedOptions } from '../../../src/core/gemini/options';
import { checkImageOptions } from '../../../src/core/gemini/options';
import type { ImageRequest } from '../../../src/core/gemini/request';
import {
  checkedRequest,
  DUMMY_THOUGHT_SIGNATURE,
  prepareRequest,
  reconstructedModelTurn,
  utf8Length,
  withPlaceholderSignatures,
} from '../../../src/core/gemini/request';
import type { Content } from '../../../src/core/gemini/wire';
import { codeOf } from '../../support/errors';
import { PNG_BASE64, SIGNATURE } from './fakes';

const NB21 = 'gemini-nano-banana-2.1';
const PRO = 'gemini-3-pro-image';
const FLASH31 = 'gemini-3.1-flash-image';
const LITE = 'gemini-3.1-flash-lite-image';
const FLASH25 = 'gemini-2.5-flash-image';

const GEMINI: Endpoint = { kind: 'gemini', apiKey: 'k' };
const VERTEX: Endpoint = { kind: 'vertex', project: 'acme', location: 'global', accessToken: 't' };

function prepared(request: ImageRequest) {
  return prepareRequest(checkedRequest(request));
}

function body(request: ImageRequest) {
  return prepared(request).body;
}

/** The HTTP request the endpoint's converter makes of a request. */
function sent(request: ImageRequest, endpoint: Endpoint = GEMINI) {
  return converterFor(endpoint).generateContent(prepared(request));
}

describe('request body', () => {
  it('sends a prompt as one user turn asking for text and image', () => {
    expect(body({ model: NB21, prompt: '  A lighthouse at dawn ' })).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'A lighthouse at dawn' }] }],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'] },
    });
  });

  it('puts reference images after the prompt as inlineData in the user turn', () => {
    const b = body({
      model: NB21,
      prompt: 'Make the sky a sunset',
      references: [
        { mimeType: 'image/png', base64: PNG_BASE64 },
        { mimeType: 'image/jpeg', base64: '/9j/AAAA' },
      ],
    });
    expect(b.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Make the sky a sunset' },
          { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
          { inlineData: { mimeType: 'image/jpeg', data: '/9j/AAAA' } },
        ],
      },
    ]);
  });

  it('never sends candidateCount', () => {
    const payload = sent({ model: NB21, prompt: 'x', aspectRatio: '16:9', imageSize: '2K' }).payload;
    expect(payload).not.toContain('candidateCount');
  });

  it('rejects an empty prompt, unreadable image types and data: URLs as bad input', () => {
    expect(codeOf(() => body({ model: NB21, prompt: '   ' }))).toBe('BAD_INPUT');
    expect(
      codeOf(() => body({ model: NB21, prompt: 'x', references: [{ mimeType: 'image/gif', base64: 'R0lG' }] })),
    ).toBe('BAD_INPUT');
    expect(
      codeOf(() =>
        body({ model: NB21, prompt: 'x', references: [{ mimeType: 'image/png', base64: 'data:image/png;base64,iV' }] }),
      ),
    ).toBe('BAD_INPUT');
  });
});

describe('image options per model', () => {
  const cases: { model: string; ratios: string[]; badRatios: string[]; sizes: string[]; badSizes: string[] }[] = [
    {
      model: NB21,
      ratios: ['16:9', '1:8', '8:1'],
      badRatios: ['7:5'],
      sizes: ['1K', '2K', '4K'],
      badSizes: ['512', '1k', '8K'],
    },
    { model: PRO, ratios: ['16:9', '21:9'], badRatios: ['1:4', '8:1'], sizes: ['1K', '2K', '4K'], badSizes: ['512'] },
    { model: FLASH31, ratios: ['4:1', '1:8'], badRatios: ['2:1'], sizes: ['512', '1K', '4K'], badSizes: ['1k'] },
    { model: LITE, ratios: ['9:16'], badRatios: ['1:4'], sizes: ['1K'], badSizes: ['2K', '4K', '512'] },
    { model: FLASH25, ratios: ['3:2'], badRatios: ['4:1'], sizes: ['1K'], badSizes: ['2K'] },
  ];

  for (const c of cases) {
    it(`${c.model}: accepts ${c.ratios.join(' ')} and ${c.sizes.join(' ')}, rejects the rest before sending`, () => {
      for (const aspectRatio of c.ratios) {
        expect(body({ model: c.model, prompt: 'x', aspectRatio }).generationConfig.imageConfig).toEqual({
          aspectRatio,
        });
      }
      for (const aspectRatio of c.badRatios) {
        expect(codeOf(() => body({ model: c.model, prompt: 'x', aspectRatio }))).toBe('UNSUPPORTED_OPTION');
      }
      for (const imageSize of c.sizes)
        expect(codeOf(() => body({ model: c.model, prompt: 'x', imageSize }))).toBeUndefined();
      for (const imageSize of c.badSizes) {
        expect(codeOf(() => body({ model: c.model, prompt: 'x', imageSize }))).toBe('UNSUPPORTED_OPTION');
      }
    });
  }

  it('sends imageSize to models that take one, and not to 2.5 Flash, whose size is fixed', () => {
    expect(
      body({ model: PRO, prompt: 'x', aspectRatio: '16:9', imageSize: '2K' }).generationConfig.imageConfig,
    ).toEqual({
      aspectRatio: '16:9',
      imageSize: '2K',
    });
    expect(body({ model: FLASH25, prompt: 'x', imageSize: '1K' }).generationConfig).not.toHaveProperty('imageConfig');
  });

  it('treats an unknown model conservatively: the ten common ratios, 1K only, no size sent, no thinking', () => {
    const model = 'gemini-9-ultra-image';
    expect(body({ model, prompt: 'x', aspectRatio: '21:9', imageSize: '1K' }).generationConfig).toEqual({
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: '21:9' },
    });
    expect(codeOf(() => body({ model, prompt: 'x', aspectRatio: '1:8' }))).toBe('UNSUPPORTED_OPTION');
    expect(codeOf(() => body({ model, prompt: 'x', imageSize: '2K' }))).toBe('UNSUPPORTED_OPTION');
    expect(codeOf(() => body({ model, prompt: 'x', thinkingLevel: 'HIGH' }))).toBe('UNSUPPORTED_OPTION');
  });

  it('limits reference images per model', () => {
    const refs = (n: number) => Array.from({ length: n }, () => ({ mimeType: 'image/png', base64: PNG_BASE64 }));
    expect(codeOf(() => body({ model: FLASH25, prompt: 'x', references: refs(3) }))).toBeUndefined();
    expect(codeOf(() => body({ model: FLASH25, prompt: 'x', references: refs(4) }))).toBe('UNSUPPORTED_OPTION');
    expect(codeOf(() => body({ model: PRO, prompt: 'x', references: refs(14) }))).toBeUndefined();
    expect(codeOf(() => body({ model: PRO, prompt: 'x', references: refs(15) }))).toBe('UNSUPPORTED_OPTION');
  });
});

describe('thinking', () => {
  it('sends thinkingConfig only with a level the model offers', () => {
    expect(body({ model: NB21, prompt: 'x', thinkingLevel: 'MEDIUM' }).generationConfig.thinkingConfig).toEqual({
      thinkingLevel: 'MEDIUM',
    });
    expect(body({ model: FLASH31, prompt: 'x', thinkingLevel: 'HIGH' }).generationConfig.thinkingConfig).toEqual({
      thinkingLevel: 'HIGH',
    });
    expect(codeOf(() => body({ model: FLASH31, prompt: 'x', thinkingLevel: 'MEDIUM' }))).toBe('UNSUPPORTED_OPTION');
  });

  it('never sends thinkingConfig to 3 Pro (always thinks, no levels) or 2.5 Flash (no thinking)', () => {
    expect(codeOf(() => body({ model: PRO, prompt: 'x', thinkingLevel: 'HIGH' }))).toBe('UNSUPPORTED_OPTION');
    expect(codeOf(() => body({ model: FLASH25, prompt: 'x', thinkingLevel: 'MINIMAL' }))).toBe('UNSUPPORTED_OPTION');
    expect(body({ model: PRO, prompt: 'x' }).generationConfig).not.toHaveProperty('thinkingConfig');
  });
});

describe('standing rules', () => {
  it('go into systemInstruction where the model takes one', () => {
    const b = body({ model: NB21, prompt: 'A chart', rules: 'No lettering in images.' });
    expect(b.systemInstruction).toEqual({ parts: [{ text: 'No lettering in images.' }] });
    expect(b.contents[0]?.parts[0]).toEqual({ text: 'A chart' });
  });

  it('go into the user turn for models without one', () => {
    const b = body({ model: FLASH25, prompt: 'A chart', rules: 'No lettering in images.' });
    expect(b).not.toHaveProperty('systemInstruction');
    expect(b.contents[0]?.parts[0]).toEqual({ text: 'A chart\n\nNo lettering in images.' });
  });
});

describe('history', () => {
  const received: Content = {
    role: 'model',
    parts: [
      { text: 'Drafting…', thought: true },
      { inlineData: { mimeType: 'image/png', data: PNG_BASE64 }, thought: true },
      { text: 'Here it is.', thoughtSignature: SIGNATURE },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/BBBB' }, thoughtSignature: `${SIGNATURE}2` },
    ],
  };
  const firstUser: Content = { role: 'user', parts: [{ text: 'A harbour' }] };

  it('sends earlier turns first and echoes model parts exactly, signatures and thoughts included', () => {
    const b = body({ model: PRO, prompt: 'Now at night', history: [firstUser, received] });
    expect(b.contents).toEqual([firstUser, received, { role: 'user', parts: [{ text: 'Now at night' }] }]);
    expect(JSON.stringify(b.contents[1])).toBe(JSON.stringify(received));
  });

  it('rebuilds a model turn with the documented placeholder signature', () => {
    expect(DUMMY_THOUGHT_SIGNATURE).toBe('skip_thought_signature_validator');
    expect(
      reconstructedModelTurn({ text: 'Here it is.', image: { mimeType: 'image/png', base64: PNG_BASE64 } }),
    ).toEqual({
      role: 'model',
      parts: [
        { text: 'Here it is.', thoughtSignature: 'skip_thought_signature_validator' },
        {
          inlineData: { mimeType: 'image/png', data: PNG_BASE64 },
          thoughtSignature: 'skip_thought_signature_validator',
        },
      ],
    });
  });

  it('adds placeholders only where Google wants a signature and none is present', () => {
    const unsigned: Content = {
      role: 'model',
      parts: [
        { text: 'thinking', thought: true },
        { text: 'Caption' },
        { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } },
        { text: 'Follow-up' },
        { inlineData: { mimeType: 'image/png', data: PNG_BASE64 }, thoughtSignature: SIGNATURE },
      ],
    };
    expect(withPlaceholderSignatures(unsigned).parts.map((p) => p.thoughtSignature)).toEqual([
      undefined,
      DUMMY_THOUGHT_SIGNATURE,
      DUMMY_THOUGHT_SIGNATURE,
      undefined,
      SIGNATURE,
    ]);
    expect(withPlaceholderSignatures(firstUser)).toBe(firstUser);
  });

  it('rejects turns with a foreign role or no parts', () => {
    const bad = { role: 'assistant', parts: [{ text: 'x' }] } as unknown as Content;
    expect(codeOf(() => body({ model: NB21, prompt: 'x', history: [bad] }))).toBe('BAD_INPUT');
    expect(codeOf(() => body({ model: NB21, prompt: 'x', history: [{ role: 'model', parts: [] }] }))).toBe('BAD_INPUT');
  });
});

describe('size limits', () => {
  it('counts UTF-8 bytes without TextEncoder', () => {
    for (const text of ['abc', 'é', '€', '😀', 'a😀é€']) expect(utf8Length(text)).toBe(Buffer.byteLength(text));
  });

  it('counts what follows a long ASCII run, wherever the first other character is', () => {
    const ascii = 'QUJD'.repeat(5000);
    for (const text of ['', ascii, `${ascii}é`, `é${ascii}`, `${ascii}😀${ascii}€`, `{"a":"${ascii}","b":"Café"}`]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    }
    // A lone surrogate, as Buffer counts it: the replacement character's 3 bytes.
    expect(utf8Length(`${ascii}\ud83d`)).toBe(Buffer.byteLength(`${ascii}\ud83d`));
  });

  it('refuses a request over UrlFetchApp’s 50 MB before sending', () => {
    const big = 'A'.repeat(MAX_REQUEST_BYTES);
    const request = { model: NB21, prompt: 'x', references: [{ mimeType: 'image/png', base64: big }] };
    for (const endpoint of [GEMINI, VERTEX]) expect(codeOf(() => sent(request, endpoint))).toBe('REQUEST_TOO_LARGE');
  });

  it('refuses an inline image over 7 MB on Vertex AI only, wherever in the conversation it is', () => {
    const base64 = (bytes: number) => 'A'.repeat(Math.ceil((bytes * 4) / 3));
    const eightMb = base64(8 * 1024 * 1024);
    const request = { model: NB21, prompt: 'x', references: [{ mimeType: 'image/png', base64: eightMb }] };
    expect(codeOf(() => sent(request, VERTEX))).toBe('REQUEST_TOO_LARGE');
    expect(codeOf(() => sent(request, GEMINI))).toBeUndefined();
    const inHistory = {
      model: NB21,
      prompt: 'x',
      history: [reconstructedModelTurn({ image: { mimeType: 'image/png', base64: eightMb } })],
    };
    expect(codeOf(() => sent(inHistory, VERTEX))).toBe('REQUEST_TOO_LARGE');
    const atLimit = base64(VERTEX_MAX_INLINE_BYTES - 2);
    const fits = { model: NB21, prompt: 'x', references: [{ mimeType: 'image/png', base64: atLimit }] };
    expect(codeOf(() => sent(fits, VERTEX))).toBeUndefined();
  });
});

describe('options are checked once', () => {
  it('checks a request that arrives unchecked, counting its references', () => {
    const refs = (n: number) => Array.from({ length: n }, () => ({ mimeType: 'image/png', base64: PNG_BASE64 }));
    const checked = checkedRequest({ model: PRO, prompt: 'x', imageSize: '2K', references: refs(2) });
    expect(checked.options).toMatchObject({ imageSize: '2K', size: '2K', references: 2 });
    expect(checked).not.toHaveProperty('model');
  });

  it('takes checked options as they are: the same request back, nothing checked again', () => {
    const options = checkImageOptions(modelSpec(PRO), { aspectRatio: '16:9', references: 1 });
    const request = { options, prompt: 'x' };
    expect(checkedRequest(request)).toBe(request);
    // Only checkImageOptions makes a CheckedOptions; this forged one would fail it (3 Pro has no 512), and
    // prepareRequest sends it anyway, which shows it checks nothing.
    const forged = { spec: modelSpec(PRO), imageSize: '512', size: '512', references: 0 } as unknown as CheckedOptions;
    expect(prepareRequest({ options: forged, prompt: 'x' }).body.generationConfig.imageConfig).toEqual({
      imageSize: '512',
    });
  });

  it('refuses more reference images than the options were checked for', () => {
    const options = checkImageOptions(modelSpec(PRO), { references: 1 });
    const references = [PNG_BASE64, PNG_BASE64].map((base64) => ({ mimeType: 'image/png', base64 }));
    expect(codeOf(() => prepareRequest({ options, prompt: 'x', references }))).toBe('INTERNAL');
  });

  it('the size to draw is the model’s default when none is asked for, and then none is sent', () => {
    const options = checkImageOptions(modelSpec(PRO), {});
    expect(options.size).toBe('1K');
    expect(prepareRequest({ options, prompt: 'x' }).body.generationConfig).not.toHaveProperty('imageConfig');
  });
});

describe('endpoints', () => {
  it('sends the same payload to both: the prepared body as JSON', () => {
    const request = { model: PRO, prompt: 'A harbour', aspectRatio: '16:9', imageSize: '2K' };
    const payload = JSON.stringify(body(request));
    expect(sent(request, GEMINI).payload).toBe(payload);
    expect(sent(request, VERTEX).payload).toBe(payload);
  });

  it('Gemini API: v1beta URL, key in the x-goog-api-key header and never in the URL', () => {
    const key = 'AIzaSyTestKey0123456789abcdefghijklmno';
    const request = sent({ model: NB21, prompt: 'x' }, { kind: 'gemini', apiKey: key });
    expect(request.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-nano-banana-2.1:generateContent',
    );
    expect(request.method).toBe('post');
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', 'x-goog-api-key': key });
    expect(request.url).not.toContain(key);
  });

  it('uses a configured base URL, with or without a trailing slash', () => {
    const a = sent({ model: PRO, prompt: 'x' }, { kind: 'gemini', apiKey: 'k', baseUrl: 'http://127.0.0.1:9/proxy/' });
    expect(a.url).toBe('http://127.0.0.1:9/proxy/v1beta/models/gemini-3-pro-image:generateContent');
  });

  it('Vertex AI: global host without a region prefix, regional hosts with one, bearer token', () => {
    const global = sent(
      { model: PRO, prompt: 'x' },
      { kind: 'vertex', project: 'acme-slides', location: 'global', accessToken: 'ya29.token' },
    );
    expect(global.url).toBe(
      'https://aiplatform.googleapis.com/v1/projects/acme-slides/locations/global/publishers/google/models/gemini-3-pro-image:generateContent',
    );
    expect(global.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer ya29.token' });
    const regional = converterFor({
      kind: 'vertex',
      project: 'acme',
      location: 'europe-west4',
      accessToken: 't',
    }).generateContentUrl(PRO);
    expect(regional).toBe(
      'https://europe-west4-aiplatform.googleapis.com/v1/projects/acme/locations/europe-west4/publishers/google/models/gemini-3-pro-image:generateContent',
    );
  });

  it('refuses a model id of the wrong shape on either endpoint', () => {
    for (const endpoint of [GEMINI, VERTEX]) {
      expect(codeOf(() => converterFor(endpoint).generateContentUrl('gemini 3/../x'))).toBe('BAD_INPUT');
    }
  });

  it('ListModels: GET with the key header and the page token in the query; Vertex AI has none', () => {
    const list = converterFor(GEMINI).listModels;
    expect(list?.(1000)).toEqual({
      url: 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000',
      method: 'get',
      headers: { 'x-goog-api-key': 'k' },
    });
    expect(list?.(50, 'a b/c').url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models?pageSize=50&pageToken=a%20b%2Fc',
    );
    expect(converterFor(VERTEX).listModels).toBeUndefined();
  });
});
