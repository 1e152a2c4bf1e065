/**
 * Acceptance through the official SDK: if @google/genai is happy with the emulator, Peel's own client is
 * tested against Google's shapes rather than against its own assumptions.
 */
import { ApiError, GoogleGenAI, type Part } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, imageSize, sniffMime } from '../support/image';
import { meanDifference } from './helpers';
import type { Emulator, FaultKind } from './index';
import { startEmulator } from './index';

let emulator: Emulator;
let ai: GoogleGenAI;
beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: 0 });
  ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url } });
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const textOf = (parts: Part[] | undefined) => (parts ?? []).map((p) => p.text ?? '').join('');
const imageParts = (parts: Part[] | undefined) =>
  (parts ?? []).filter((p) => p.inlineData !== undefined && p.thought !== true);

describe('generate and edit through the SDK chat', () => {
  it('generates, then edits with the first answer signatures sent back', async () => {
    const chat = ai.chats.create({
      model: 'gemini-3.1-flash-image',
      // Seeded, as the fresh picture below: unseeded calls are sampled, and two samples can happen to look alike.
      config: {
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '16:9', imageSize: '1K' },
        seed: 1,
      },
    });
    const first = await chat.sendMessage({ message: 'A banana surfing a wave at sunset' });
    const firstParts = first.candidates?.[0]?.content?.parts;
    const [firstImage] = imageParts(firstParts);
    expect(first.candidates?.[0]?.finishReason).toBe('STOP');
    expect(textOf(firstParts)).toContain('A banana surfing a wave at sunset');
    expect(firstImage?.inlineData?.mimeType).toBe('image/jpeg');
    const firstBytes = Buffer.from(firstImage?.inlineData?.data ?? '', 'base64');
    expect(sniffMime(firstBytes)).toBe('image/jpeg');
    expect(imageSize(firstBytes)).toEqual({ width: 1376, height: 768 });
    expect(firstImage?.thoughtSignature?.length).toBeGreaterThan(4000);
    expect(first.usageMetadata).toMatchObject({
      candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1120 }],
      promptTokensDetails: [{ modality: 'TEXT' }],
    });
    const usage = first.usageMetadata ?? {};
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(
      (usage.promptTokenCount ?? 0) + (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    );
    expect(first.modelVersion).toBe('gemini-3.1-flash-image');
    expect(first.responseId).toMatch(/^[\w-]{20,}$/);

    const second = await chat.sendMessage({ message: 'Make it night time' });
    const [secondImage] = imageParts(second.candidates?.[0]?.content?.parts);
    const secondBytes = Buffer.from(secondImage?.inlineData?.data ?? '', 'base64');
    expect(imageSize(secondBytes)).toEqual({ width: 1376, height: 768 });
    expect(textOf(second.candidates?.[0]?.content?.parts)).toContain('Make it night time');

    // The second request resent the first answer as the model turn, signatures on the same parts.
    expect(emulator.requests).toHaveLength(2);
    const sent = emulator.requests[1]?.body as { contents: { role: string; parts: Part[] }[] };
    expect(sent.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(sent.contents[1]?.parts.map((p) => p.thoughtSignature)).toEqual(firstParts?.map((p) => p.thoughtSignature));
    expect(emulator.requests[1]?.headers['x-goog-api-key']).toBe('test-key');

    // The edit starts from the first picture; an unrelated fresh picture does not.
    const fresh = await ai.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'A lighthouse in a storm',
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9', imageSize: '1K' }, seed: 2 },
    });
    const [freshImage] = imageParts(fresh.candidates?.[0]?.content?.parts);
    const one = decodeImage(firstBytes);
    const edited = decodeImage(secondBytes);
    const other = decodeImage(Buffer.from(freshImage?.inlineData?.data ?? '', 'base64'));
    expect(meanDifference(one, edited)).toBeLessThan(60);
    expect(meanDifference(one, other)).toBeGreaterThan(60);
  });

  it('returns PNG at 2.5 Flash sizes, without signatures, with the deprecation status', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'A slide background with mountains',
      config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    });
    const [image] = imageParts(response.candidates?.[0]?.content?.parts);
    expect(image?.inlineData?.mimeType).toBe('image/png');
    expect(imageSize(Buffer.from(image?.inlineData?.data ?? '', 'base64'))).toEqual({ width: 1344, height: 768 });
    expect(image?.thoughtSignature).toBeUndefined();
    expect(response.usageMetadata?.candidatesTokensDetails).toEqual([{ modality: 'IMAGE', tokenCount: 1290 }]);
    expect(response.usageMetadata?.thoughtsTokenCount).toBeUndefined();
    expect(response.modelStatus).toMatchObject({ modelStage: 'LEGACY', retirementTime: '2026-10-02T00:00:00Z' });
  });

  it('streams the same parts through streamGenerateContent', async () => {
    const stream = await ai.models.generateContentStream({
      model: 'gemini-3.1-flash-image',
      contents: 'A tiny robot',
      config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { imageSize: '512' } },
    });
    const parts: Part[] = [];
    let finish: string | undefined;
    for await (const chunk of stream) {
      parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(parts.map((p) => (p.text === undefined ? 'image' : 'text'))).toEqual(['text', 'image']);
    expect(finish).toBe('STOP');
    expect(emulator.requests[0]?.path).toBe('/v1beta/models/gemini-3.1-flash-image:streamGenerateContent?alt=sse');
  });
});

describe('HTTP faults surface as ApiError with the right status', () => {
  it.each<[FaultKind, number, string]>([
    ['key-invalid', 400, 'INVALID_ARGUMENT'],
    ['key-leaked', 403, 'PERMISSION_DENIED'],
    ['key-suspended', 403, 'PERMISSION_DENIED'],
    ['billing', 429, 'RESOURCE_EXHAUSTED'],
    ['model-retired', 404, 'NOT_FOUND'],
    ['rate-minute', 429, 'RESOURCE_EXHAUSTED'],
    ['rate-day', 429, 'RESOURCE_EXHAUSTED'],
    ['internal', 500, 'INTERNAL'],
    ['unavailable', 503, 'UNAVAILABLE'],
    ['deadline', 504, 'DEADLINE_EXCEEDED'],
    ['too-large', 413, 'Request Entity Too Large'],
  ])('%s → %i', async (kind, status, marker) => {
    emulator.inject({ kind });
    const error = await ai.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x', config: { responseModalities: ['TEXT'] } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).message).toContain(marker);
  });

  it('rejects a schema violation as ApiError 400', async () => {
    const error = await ai.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x', config: { candidateCount: 2 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('Multiple candidates is not enabled for models/gemini-3-pro-image');
  });

  it("gives up on a 'slow' answer at the caller's deadline", async () => {
    emulator.inject({ kind: 'slow', delayMs: 60_000 });
    const impatient = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: emulator.url, timeout: 200 } });
    const started = Date.now();
    await expect(
      impatient.models.generateContent({
        model: 'gemini-3-pro-image',
        contents: 'x',
        config: { responseModalities: ['TEXT'] },
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => emulator.requests[0]?.status).toBe(499);
  });
});
