/**
 * Small fakes of the Gemini client's ports and realistic wire bodies, shared by the client's unit and contract
 * tests. The bodies follow research §3 and §5 (captured shapes), images are real PNG/JPEG bytes.
 */

import { encodeJpeg, encodePng } from '../../../dev/support/image';
import type { Clock, HttpRequest, HttpResponse, Transport } from '../../../src/core/gemini/transport';

/** 2026-11-24, when the catalog's dates were last checked. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

export class FakeClock implements Clock {
  readonly waits: number[] = [];
  private time: number;

  constructor(start = NOW) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): void {
    this.waits.push(ms);
    this.time += ms;
  }

  /** Lets time pass as if a fetch had taken it. */
  advance(ms: number): void {
    this.time += ms;
  }
}

export type Responder = (request: HttpRequest, attempt: number) => HttpResponse;

/**
 * Answers each request with the responder; `attempt` counts calls per URL+body so retries can be scripted.
 * `fetchMs` is how long every round of fetchAll takes on the clock.
 */
export class ScriptedTransport implements Transport {
  readonly rounds: HttpRequest[][] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly respond: Responder,
    private readonly clock?: FakeClock,
    private readonly fetchMs = 0,
  ) {}

  get requests(): HttpRequest[] {
    return this.rounds.flat();
  }

  fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    this.rounds.push([...requests]);
    this.clock?.advance(this.fetchMs);
    return requests.map((request) => {
      const key = `${request.url}\n${request.payload ?? ''}`;
      const attempt = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, attempt);
      return this.respond(request, attempt);
    });
  }
}

function rgba(width: number, height: number): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([200, (i * 7) & 0xff, 40, 255], i);
  return { width, height, data };
}

export const PNG_BASE64 = Buffer.from(encodePng(rgba(4, 3))).toString('base64');
export const JPEG_BASE64 = Buffer.from(encodeJpeg(rgba(8, 8))).toString('base64');
export const SIGNATURE = 'Q2lRQnlqL0FBQUE9PQ==';

export function ok(body: unknown): HttpResponse {
  return { kind: 'response', status: 200, body: JSON.stringify(body) };
}

export function status(code: number, body: unknown): HttpResponse {
  return { kind: 'response', status: code, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** An image answer as Gemini 3 models send it: thinking first, then a signed caption and a signed image. */
export function imageResponse(
  options: { mimeType?: string; data?: string; text?: string; modelStatus?: object; imageTokens?: number } = {},
): object {
  const mimeType = options.mimeType ?? 'image/png';
  const data = options.data ?? (mimeType === 'image/jpeg' ? JPEG_BASE64 : PNG_BASE64);
  return {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Composing a wide shot of the harbour…', thought: true },
            { inlineData: { mimeType: 'image/png', data: PNG_BASE64 }, thought: true },
            { text: options.text ?? 'Here is the harbour at dusk.', thoughtSignature: SIGNATURE },
            { inlineData: { mimeType, data }, thoughtSignature: `${SIGNATURE}x` },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: 15,
      candidatesTokenCount: 1318,
      thoughtsTokenCount: 210,
      totalTokenCount: 1543,
      candidatesTokensDetails: [
        { modality: 'TEXT', tokenCount: 28 },
        { modality: 'IMAGE', tokenCount: options.imageTokens ?? 1290 },
      ],
    },
    modelVersion: 'test-model-001',
    responseId: 'r-1',
    ...(options.modelStatus ? { modelStatus: options.modelStatus } : {}),
  };
}

const RPC = 'type.googleapis.com/google.rpc.';

/** Error bodies as captured in the research (§5) and its cited issues. */
export const errorBodies = {
  keyInvalid: {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [
        {
          '@type': `${RPC}ErrorInfo`,
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
        {
          '@type': `${RPC}LocalizedMessage`,
          locale: 'en-US',
          message: 'API key not valid. Please pass a valid API key.',
        },
      ],
    },
  },
  keyNotFound: {
    error: { code: 400, message: 'API Key not found. Please pass a valid API key.', status: 'INVALID_ARGUMENT' },
  },
  keyLeaked: {
    error: {
      code: 403,
      message: 'Your API key was reported as leaked. Please use another API key.',
      status: 'PERMISSION_DENIED',
    },
  },
  suspended: {
    error: {
      code: 403,
      message: "Permission denied: Consumer 'api_key:AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW' has been suspended.",
      status: 'PERMISSION_DENIED',
      details: [{ '@type': `${RPC}ErrorInfo`, reason: 'CONSUMER_SUSPENDED', domain: 'googleapis.com' }],
    },
  },
  freeTierCountry: {
    error: {
      code: 400,
      message:
        'Gemini API free tier is not available in your country. Please enable billing on your project in Google AI Studio.',
      status: 'FAILED_PRECONDITION',
    },
  },
  prepaidDepleted: {
    error: {
      code: 402,
      message: 'Your prepaid credit balance is depleted. Do not retry.',
      status: 'RESOURCE_EXHAUSTED',
    },
  },
  freeTierZero: {
    error: {
      code: 429,
      message:
        'You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-flash-preview-image\nPlease retry in 33.7s.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': `${RPC}QuotaFailure`,
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
              quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
            },
          ],
        },
        { '@type': `${RPC}RetryInfo`, retryDelay: '33s' },
      ],
    },
  },
  perMinute: (retryDelay = '33s') => ({
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details. Please retry in 33.7s.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        { '@type': `${RPC}Help`, links: [{ url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
        {
          '@type': `${RPC}QuotaFailure`,
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model',
              quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
              quotaValue: '20',
            },
          ],
        },
        { '@type': `${RPC}RetryInfo`, retryDelay },
      ],
    },
  }),
  perDay: {
    error: {
      code: 429,
      message: 'You exceeded your current quota. Please retry in 20h3m.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': `${RPC}QuotaFailure`,
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model_per_day',
              quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
              quotaValue: '250',
            },
          ],
        },
        { '@type': `${RPC}RetryInfo`, retryDelay: '20s' },
      ],
    },
  },
  notFound: (model: string) => ({
    error: {
      code: 404,
      message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      status: 'NOT_FOUND',
    },
  }),
  internal: { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } },
  unavailable: {
    error: { code: 503, message: 'This model is currently experiencing high demand.', status: 'UNAVAILABLE' },
  },
  deadline: {
    error: { code: 504, message: 'Deadline expired before operation could complete.', status: 'DEADLINE_EXCEEDED' },
  },
  signature: {
    error: {
      code: 400,
      message: 'Unable to submit request because it has an invalid thought signature for content at index 1.',
      status: 'INVALID_ARGUMENT',
    },
  },
  payload: {
    error: {
      code: 400,
      message: 'Request payload size exceeds the limit: 20971520 bytes.',
      status: 'INVALID_ARGUMENT',
    },
  },
  multipleCandidates: {
    error: {
      code: 400,
      message: 'Multiple candidates is not enabled for models/gemini-2.5-flash-image-preview',
      status: 'INVALID_ARGUMENT',
    },
  },
};
