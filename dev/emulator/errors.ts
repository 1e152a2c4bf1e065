/**
 * Google's error envelope, `{"error":{"code","message","status","details":[{"@type":...}]}}` (google.rpc.Status
 * rendered as JSON), and the concrete bodies the emulator returns. Wording follows real captured bodies where
 * the research found one; the rest is marked as the emulator's own wording.
 */
import { jsonReply, type Reply } from './reply';

export interface FieldViolation {
  readonly field?: string;
  readonly description: string;
}

/** A request that ends in a Google error; thrown or returned by handlers and turned into a reply at the edge. */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
    readonly details: readonly Record<string, unknown>[] = [],
  ) {
    super(message);
  }

  toReply(): Reply {
    const error: Record<string, unknown> = { code: this.code, message: this.message, status: this.status };
    if (this.details.length > 0) error.details = this.details;
    return jsonReply(this.code, { error });
  }
}

const TYPE = 'type.googleapis.com/google.rpc.';

export function invalidArgument(message: string): ApiFailure {
  return new ApiFailure(400, 'INVALID_ARGUMENT', message);
}

/** Schema violations carry a BadRequest detail listing every offending field, as ESF reports them. */
export function badRequest(violations: readonly FieldViolation[]): ApiFailure {
  return new ApiFailure(400, 'INVALID_ARGUMENT', violations.map((v) => v.description).join('\n'), [
    { '@type': `${TYPE}BadRequest`, fieldViolations: violations },
  ]);
}

export function unregisteredCaller(): ApiFailure {
  return new ApiFailure(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

export function vertexUnauthenticated(method: string): ApiFailure {
  return new ApiFailure(
    401,
    'UNAUTHENTICATED',
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    [
      {
        '@type': `${TYPE}ErrorInfo`,
        reason: 'CREDENTIALS_MISSING',
        domain: 'googleapis.com',
        metadata: { method, service: 'aiplatform.googleapis.com' },
      },
    ],
  );
}

export function modelNotFound(model: string, apiVersion: string, method: string): ApiFailure {
  return new ApiFailure(
    404,
    'NOT_FOUND',
    `models/${model} is not found for API version ${apiVersion}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  );
}

export function vertexModelNotFound(project: string, location: string, model: string): ApiFailure {
  return new ApiFailure(
    404,
    'NOT_FOUND',
    `Publisher Model \`projects/${project}/locations/${location}/publishers/google/models/${model}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
  );
}

export function keyInvalid(): ApiFailure {
  const message = 'API key not valid. Please pass a valid API key.';
  return new ApiFailure(400, 'INVALID_ARGUMENT', message, [
    {
      '@type': `${TYPE}ErrorInfo`,
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    { '@type': `${TYPE}LocalizedMessage`, locale: 'en-US', message },
  ]);
}

export function keyLeaked(): ApiFailure {
  return new ApiFailure(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked. Please use another API key.');
}

export function consumerSuspended(key: string): ApiFailure {
  const message = `Permission denied: Consumer 'api_key:${key}' has been suspended.`;
  return new ApiFailure(403, 'PERMISSION_DENIED', message, [
    {
      '@type': `${TYPE}ErrorInfo`,
      reason: 'CONSUMER_SUSPENDED',
      domain: 'googleapis.com',
      metadata: { consumer: 'projects/123456789012', service: 'generativelanguage.googleapis.com' },
    },
    { '@type': `${TYPE}LocalizedMessage`, locale: 'en-US', message },
  ]);
}

const QUOTA_PREAMBLE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit. ';

interface QuotaViolation {
  readonly metric: string;
  readonly quotaId: string;
  readonly limit: number;
}

function quotaExceeded(model: string, violations: readonly QuotaViolation[], retrySeconds: number): ApiFailure {
  const lines = violations.map((v) => `\n* Quota exceeded for metric: ${v.metric}, limit: ${v.limit}, model: ${model}`);
  const message = `${QUOTA_PREAMBLE}${lines.join('')}\nPlease retry in ${retrySeconds}s.`;
  return new ApiFailure(429, 'RESOURCE_EXHAUSTED', message, [
    {
      '@type': `${TYPE}Help`,
      links: [
        { description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' },
      ],
    },
    {
      '@type': `${TYPE}QuotaFailure`,
      violations: violations.map((v) => ({
        quotaMetric: v.metric,
        quotaId: v.quotaId,
        quotaDimensions: { location: 'global', model },
        quotaValue: String(v.limit),
      })),
    },
    // RetryInfo carries whole seconds while the message keeps the fraction, as in captured bodies.
    { '@type': `${TYPE}RetryInfo`, retryDelay: `${Math.floor(retrySeconds)}s` },
  ]);
}

export function rateLimited(
  model: string,
  window: 'minute' | 'day',
  retrySeconds: number,
  limit = window === 'minute' ? 20 : 250,
): ApiFailure {
  return quotaExceeded(
    model,
    [
      window === 'minute'
        ? {
            metric: 'generativelanguage.googleapis.com/generate_requests_per_model',
            quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
            limit,
          }
        : {
            metric: 'generativelanguage.googleapis.com/generate_requests_per_model_per_day',
            quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
            limit,
          },
    ],
    retrySeconds,
  );
}

/**
 * An image model called with a key whose project has no billing: image models have no free tier, so the
 * free-tier quotas are zero. This 429 is what a typical user without billing sees (googleapis/js-genai #1322);
 * the 400 FAILED_PRECONDITION "free tier is not available in your country" only hits unsupported regions.
 * It still carries a RetryInfo, which is the trap: retrying never helps.
 */
export function freeTierUnavailable(model: string, retrySeconds: number): ApiFailure {
  return quotaExceeded(
    model,
    [
      {
        metric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
        quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
        limit: 0,
      },
      {
        metric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
        quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
        limit: 0,
      },
      {
        metric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count',
        quotaId: 'GenerateContentInputTokensPerModelPerMinute-FreeTier',
        limit: 0,
      },
    ],
    retrySeconds,
  );
}

export function internalError(): ApiFailure {
  return new ApiFailure(
    500,
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  );
}

export function unavailable(): ApiFailure {
  return new ApiFailure(
    503,
    'UNAVAILABLE',
    'This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later.',
  );
}

export function deadlineExceeded(): ApiFailure {
  return new ApiFailure(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.');
}

export function payloadTooLarge(limit: number): ApiFailure {
  return invalidArgument(`Request payload size exceeds the limit: ${limit} bytes.`);
}
