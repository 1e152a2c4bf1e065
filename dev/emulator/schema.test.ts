import { describe, expect, it } from 'vitest';
import { isBase64, loadDiscovery, overlay, SchemaValidator } from './schema';

const discovery = loadDiscovery();
const validator = new SchemaValidator(discovery.schemas);
const check = (body: unknown) => validator.validate(body, 'GenerateContentRequest');

describe('discovery document', () => {
  it('is the revision the research describes', () => {
    expect(discovery.id).toBe('generativelanguage:v1beta');
    expect(discovery.revision).toBe('20260325');
    expect(Object.keys(discovery.schemas.ImageConfig?.properties ?? {})).toEqual(['aspectRatio', 'imageSize']);
  });
});

describe('SchemaValidator', () => {
  it('accepts a well-formed image request and follows $ref through nested messages', () => {
    const result = check({
      contents: [
        { role: 'user', parts: [{ text: 'hi' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
      ],
      generationConfig: {
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
        thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true },
        temperature: 0.5,
      },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      tools: [{ googleSearch: {} }],
    });
    expect(result.violations).toEqual([]);
  });

  it('reports an unknown nested field with ESF wording and the snake_case parent path', () => {
    const { violations } = check({ contents: [], generationConfig: { foo: 1 } });
    expect(violations).toEqual([
      {
        field: 'generation_config',
        description: `Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field.`,
      },
    ]);
  });

  it('reports an unknown top-level field without a location', () => {
    expect(check({ contentz: [] }).violations).toEqual([
      { description: 'Invalid JSON payload received. Unknown name "contentz": Cannot find field.' },
    ]);
  });

  it('reports wrong scalar types with the proto type name', () => {
    const { violations } = check({
      contents: [{ parts: [{ text: 5 }] }],
      generationConfig: { candidateCount: 'two', temperature: true, imageConfig: { imageSize: 2 } },
    });
    expect(violations.map((v) => v.description)).toEqual([
      `Invalid value at 'contents[0].parts[0].text' (TYPE_STRING), 5`,
      `Invalid value at 'generation_config.candidate_count' (TYPE_INT32), "two"`,
      `Invalid value at 'generation_config.temperature' (TYPE_FLOAT), true`,
      `Invalid value at 'generation_config.image_config.image_size' (TYPE_STRING), 2`,
    ]);
    expect(violations[1]?.field).toBe('generation_config.candidate_count');
  });

  it('rejects out-of-range int32 and fractional integers', () => {
    expect(check({ generationConfig: { candidateCount: 2 ** 31 } }).violations).toHaveLength(1);
    expect(check({ generationConfig: { seed: 1.5 } }).violations).toHaveLength(1);
  });

  it('reports a bad enum value with the enum type name', () => {
    const { violations } = check({
      generationConfig: { responseModalities: ['IMAGE', 'PICTURE'], thinkingConfig: { thinkingLevel: 'EXTREME' } },
    });
    expect(violations.map((v) => v.description)).toEqual([
      `Invalid value at 'generation_config.response_modalities[1]' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.Modality), "PICTURE"`,
      `Invalid value at 'generation_config.thinking_config.thinking_level' (type.googleapis.com/google.ai.generativelanguage.v1beta.ThinkingConfig.ThinkingLevel), "EXTREME"`,
    ]);
  });

  it('reports objects, lists and scalars in the wrong places', () => {
    const { violations } = check({
      generationConfig: 'fast',
      systemInstruction: [{ parts: [] }],
      contents: [{ parts: [{ text: { value: 'x' } }] }],
    });
    expect(violations.map((v) => v.description)).toEqual([
      `Invalid value at 'generation_config' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig), "fast"`,
      'Invalid JSON payload received. Unknown name "systemInstruction": Proto field is not repeating, cannot start list.',
      `Invalid JSON payload received. Unknown name "text" at 'contents[0].parts[0]': Starting an object on a scalar field.`,
    ]);
  });

  it('checks format byte as base64, accepting URL-safe and unpadded forms', () => {
    const part = (data: string) => ({ contents: [{ parts: [{ inlineData: { mimeType: 'image/png', data } }] }] });
    expect(check(part('aGVsbG8=')).violations).toEqual([]);
    expect(check(part('aGVsbG8')).violations).toEqual([]);
    expect(check(part('skip_thought_signature_validator')).violations).toEqual([]);
    expect(check(part('not base64!')).violations.map((v) => v.description)).toEqual([
      `Invalid value at 'contents[0].parts[0].inline_data.data' (TYPE_BYTES), Base64 decoding failed for "not base64!"`,
    ]);
    expect(isBase64('abcde')).toBe(false);
  });

  it('accepts snake_case names and normalises them to camelCase', () => {
    const { value, violations } = check({
      contents: [
        { role: 'user', parts: [{ inline_data: { mime_type: 'image/png', data: 'AAAA' }, thought_signature: 'AAAA' }] },
      ],
      generation_config: { response_modalities: ['IMAGE'], image_config: { aspect_ratio: '1:1', image_size: '1K' } },
    });
    expect(violations).toEqual([]);
    expect(value).toEqual({
      contents: [
        { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' }, thoughtSignature: 'AAAA' }] },
      ],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '1:1', imageSize: '1K' } },
    });
  });

  it('accepts proto3 JSON leniencies: numbers as strings, enum numbers, null as absent', () => {
    const { value, violations } = check({
      generationConfig: { candidateCount: '1', responseModalities: [2], temperature: '0.4', seed: null },
    });
    expect(violations).toEqual([]);
    expect(value).toEqual({ generationConfig: { candidateCount: 1, responseModalities: ['IMAGE'], temperature: 0.4 } });
  });

  it('passes free-form "any" fields and maps through', () => {
    const { violations } = check({
      contents: [{ parts: [{ text: 'x', partMetadata: { anything: [1, { deep: true }] } }] }],
      generationConfig: { responseJsonSchema: { type: 'object' } },
    });
    expect(violations).toEqual([]);
  });

  it('rejects a body that is not a JSON object', () => {
    expect(check([]).violations).toEqual([
      { description: 'Invalid JSON payload received. Root element must be a message.' },
    ]);
  });

  it('builds variants with fields removed or added', () => {
    const v1 = new SchemaValidator(
      overlay(discovery.schemas, { GenerationConfig: { remove: ['responseModalities'] } }),
    );
    expect(
      v1.validate({ generationConfig: { responseModalities: ['IMAGE'] } }, 'GenerateContentRequest').violations,
    ).toEqual([
      {
        field: 'generation_config',
        description: `Invalid JSON payload received. Unknown name "responseModalities" at 'generation_config': Cannot find field.`,
      },
    ]);
  });
});
