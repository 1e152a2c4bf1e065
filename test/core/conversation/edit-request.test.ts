import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildEditRequest,
  type EditInput,
  earlierText,
  hasModelTurn,
  isSignatureRefusal,
  MAX_EARLIER_CHARS,
  sendEdit,
} from '../../../src/core/conversation/edit-request';
import type { Thread } from '../../../src/core/conversation/thread';
import { PeelError } from '../../../src/core/errors';
import { modelSpec } from '../../../src/core/gemini/catalog';
import { httpFailure } from '../../../src/core/gemini/failures';
import { checkImageOptions } from '../../../src/core/gemini/options';
import type { CheckedImageRequest, ImageRequest } from '../../../src/core/gemini/request';
import { checkedRequest, DUMMY_THOUGHT_SIGNATURE, prepareRequest, utf8Length } from '../../../src/core/gemini/request';
import { thread, turn } from './fixtures';

const NB21 = modelSpec('gemini-nano-banana-2.1');
const FLASH25 = modelSpec('gemini-2.5-flash-image');
// About what a 1K JPEG from Gemini weighs; the same bytes for every edit, as the benchmark measures.
const IMAGE = { mimeType: 'image/jpeg', base64: randomBytes(150_000).toString('base64') };

function input(t: Thread | null, fields: Partial<EditInput> = {}): EditInput {
  return { thread: t, image: IMAGE, spec: NB21, instruction: 'Make the sky more dramatic', ...fields };
}

/** A thread made with a prompt and edited `edits` times. */
function edited(edits: number): Thread {
  return thread(
    Array.from({ length: edits + 1 }, (_, n) =>
      turn(n, {
        i: n === 0 ? 'A mountain landscape at dawn, painted in watercolour' : `Edit ${n}: add a lake in front`,
      }),
    ),
  );
}

function bodyOf(request: ImageRequest | CheckedImageRequest) {
  return prepareRequest(checkedRequest(request)).body;
}

function images(request: ImageRequest | CheckedImageRequest): number {
  const body = bodyOf(request);
  return body.contents.flatMap((c) => c.parts).filter((p) => p.inlineData !== undefined).length;
}

function payloadBytes(request: ImageRequest | CheckedImageRequest): number {
  // Peel sends the body as JSON.stringify makes it.
  return utf8Length(JSON.stringify(bodyOf(request)));
}

describe('buildEditRequest', () => {
  it('sends an image with no thread as one user turn: the instruction and the image as a reference', () => {
    const body = bodyOf(buildEditRequest(input(null)));
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [{ text: 'Make the sky more dramatic' }, { inlineData: { mimeType: 'image/jpeg', data: IMAGE.base64 } }],
      },
    ]);
  });

  it('sends a thread as earlier instructions, the current image as the model’s turn, then the new instruction', () => {
    const body = bodyOf(buildEditRequest(input(edited(2))));
    expect(body.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[0]?.parts).toEqual([
      {
        text:
          'Earlier instructions for this image, oldest first: A mountain landscape at dawn, painted in watercolour. ' +
          'Edit 1: add a lake in front. Edit 2: add a lake in front.',
      },
    ]);
    expect(body.contents[1]?.parts).toEqual([
      { inlineData: { mimeType: 'image/jpeg', data: IMAGE.base64 }, thoughtSignature: DUMMY_THOUGHT_SIGNATURE },
    ]);
    expect(body.contents[2]?.parts).toEqual([{ text: 'Make the sky more dramatic' }]);
  });

  it('sends exactly one image, and at most three turns, whatever the thread’s length', () => {
    for (const edits of [0, 1, 5, 40]) {
      const request = buildEditRequest(input(edited(edits)));
      expect(images(request)).toBe(1);
      expect(bodyOf(request).contents.length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps the 10th edit’s request within 1.15 of the 1st one’s bytes', () => {
    const first = payloadBytes(buildEditRequest(input(edited(0))));
    const tenth = payloadBytes(buildEditRequest(input(edited(9))));
    const fiftieth = payloadBytes(buildEditRequest(input(edited(49))));
    expect(tenth / first).toBeLessThanOrEqual(1.15);
    expect(fiftieth / first).toBeLessThanOrEqual(1.15);
    expect(tenth / payloadBytes(buildEditRequest(input(null)))).toBeLessThanOrEqual(1.15);
  });

  it('bounds the earlier instructions, keeping the summary’s start and the latest instruction', () => {
    const long = thread(
      Array.from({ length: 30 }, (_, n) => turn(n, { i: `Change number ${n} ${'x'.repeat(80)}` })),
      [],
      'Began as a pencil sketch.',
    );
    const text = earlierText(long);
    expect(text.length).toBeLessThanOrEqual(MAX_EARLIER_CHARS);
    expect(text).toContain('Began as a pencil sketch.');
    expect(text).toContain('Change number 29');
  });

  it('carries the real signature the user still holds for the current version', () => {
    const t = edited(2);
    const held = { versionId: 'v3', signature: 'c2lnbmF0dXJl' };
    const model = buildEditRequest(input(t, { held })).history?.[1];
    expect(model?.parts[0]?.thoughtSignature).toBe('c2lnbmF0dXJl');
  });

  it('uses the placeholder when the held signature belongs to another version', () => {
    const held = { versionId: 'v2', signature: 'c2lnbmF0dXJl' };
    const model = buildEditRequest(input(edited(2), { held })).history?.[1];
    expect(model?.parts[0]?.thoughtSignature).toBe(DUMMY_THOUGHT_SIGNATURE);
  });

  it('signs nothing for a model that does not think (2.5 Flash Image)', () => {
    const model = buildEditRequest(input(edited(1), { spec: FLASH25 })).history?.[1];
    expect(model?.parts[0]).not.toHaveProperty('thoughtSignature');
  });

  it('in the recovery form sends the image as a plain user reference, with the earlier instructions', () => {
    const request = buildEditRequest(input(edited(1), { plainReference: true }));
    expect(hasModelTurn(request)).toBe(false);
    expect(request.history).toBeUndefined();
    expect(request.references).toEqual([IMAGE]);
    expect(request.prompt).toMatch(/^Earlier instructions for this image.*\n\nNow: Make the sky more dramatic$/s);
  });

  it('passes the drawing options through', () => {
    const request = buildEditRequest(input(edited(1), { aspectRatio: '16:9', imageSize: '2K', thinkingLevel: 'HIGH' }));
    expect(bodyOf(request).generationConfig).toMatchObject({
      imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
      thinkingConfig: { thinkingLevel: 'HIGH' },
    });
  });

  it('carries options checked with the picture counted as a reference, unchanged, in both forms', () => {
    const options = checkImageOptions(NB21, { aspectRatio: '16:9', imageSize: '2K', references: 2 });
    const references = [{ mimeType: 'image/png', base64: 'iVBORw0K' }];
    const withTurn = buildEditRequest({ thread: edited(1), image: IMAGE, instruction: 'x', options, references });
    const plain = buildEditRequest({
      thread: edited(1),
      image: IMAGE,
      instruction: 'x',
      options,
      references,
      plainReference: true,
    });
    for (const request of [withTurn, plain]) {
      expect(checkedRequest(request)).toBe(request);
      expect(bodyOf(request).generationConfig.imageConfig).toEqual({ aspectRatio: '16:9', imageSize: '2K' });
    }
    expect(hasModelTurn(withTurn)).toBe(true);
    expect(plain.references).toEqual([IMAGE, ...references]);
  });
});

function google400(message: string): PeelError {
  const body = JSON.stringify({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });
  return httpFailure(400, body, { model: NB21.id, nowMs: 0 }).error;
}

describe('isSignatureRefusal', () => {
  it.each([
    'Image part is missing a thought_signature in content position 2, part position 1. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior',
    'Text part is missing a thought_signature in content position 2, part position 1.',
    'Unable to submit request because it has an invalid thought signature for content at index 1',
  ])('recognises Google’s 400: %s', (message) => {
    expect(isSignatureRefusal(google400(message))).toBe(true);
    expect(isSignatureRefusal(new Error(message))).toBe(true);
  });

  it('recognises a response that finished for a missing signature', () => {
    expect(isSignatureRefusal(new PeelError('MISSING_THOUGHT_SIGNATURE', 'finished'))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isSignatureRefusal(google400('Unsupported aspect ratio 7:3'))).toBe(false);
    expect(isSignatureRefusal(new PeelError('RATE_LIMITED', 'thought signature', { status: 429 }))).toBe(false);
    expect(isSignatureRefusal('Image part is missing a thought_signature')).toBe(false);
  });
});

describe('sendEdit', () => {
  const refusal = google400('Image part is missing a thought_signature in content position 2, part position 1.');

  it('retries once with the image as a plain user reference when the signature is refused', () => {
    const sent: (ImageRequest | CheckedImageRequest)[] = [];
    const result = sendEdit(input(edited(2)), (request) => {
      sent.push(request);
      if (sent.length === 1) throw refusal;
      return 'image';
    });
    expect(result).toBe('image');
    expect(sent.map(hasModelTurn)).toEqual([true, false]);
    expect(sent[1]?.references).toEqual([IMAGE]);
  });

  it('gives up after the one retry', () => {
    let calls = 0;
    const send = () => {
      calls++;
      throw refusal;
    };
    expect(() => sendEdit(input(edited(2)), send)).toThrow(refusal);
    expect(calls).toBe(2);
  });

  it('does not retry other failures, nor a request that had no model turn', () => {
    const other = google400('Unsupported aspect ratio 7:3');
    let calls = 0;
    expect(() =>
      sendEdit(input(edited(2)), () => {
        calls++;
        throw other;
      }),
    ).toThrow(other);
    expect(() =>
      sendEdit(input(null), () => {
        calls++;
        throw refusal;
      }),
    ).toThrow(refusal);
    expect(calls).toBe(2);
  });
});
