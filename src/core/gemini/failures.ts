/**
 * Turns what went wrong on the wire into a PeelError and whether trying again can help. The mapping follows Google's
 * troubleshooting table (https://ai.google.dev/gemini-api/docs/troubleshooting): the error body names the cause in `status`, `details[].reason` and the
 * QuotaFailure ids more reliably than the HTTP code alone.
 */

import { EXTERNAL_REQUEST_SCOPE, neededFor } from '../consent';
import { detailOf, type ErrorCode, type ErrorDetails, PeelError } from '../errors';
import { replacementFor } from './catalog';
import type { Secret } from './keys';
import { redactKeys } from './keys';
import type { HttpResponse } from './transport';
import type { ErrorBody, ErrorDetail } from './wire';

export type Retry =
  | { readonly kind: 'never' }
  /** Transient: exponential backoff with jitter. */
  | { readonly kind: 'backoff' }
  /** The service said when (RetryInfo). */
  | { readonly kind: 'after'; readonly delayMs: number };

export interface Failure {
  readonly error: PeelError;
  readonly retry: Retry;
}

export interface FailureContext {
  /** The model asked for; absent for calls about no model (ListModels). */
  readonly model?: string;
  readonly nowMs: number;
  /** The key (or token) the request carried, removed from anything Google quotes back. */
  readonly secrets?: readonly Secret[];
}

const NEVER: Retry = { kind: 'never' };
const BACKOFF: Retry = { kind: 'backoff' };

function failure(code: ErrorCode, message: string, details: ErrorDetails, retry: Retry = NEVER): Failure {
  return { error: new PeelError(code, message, details), retry };
}

/** "33s", "1.5s", "0.250s" (protobuf Duration in JSON). */
export function parseDuration(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function typeOf(detail: ErrorDetail): string {
  return detail['@type'] ?? '';
}

function parseErrorBody(body: string): ErrorBody['error'] | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) return (parsed as ErrorBody).error;
  } catch {
    // Proxies and load balancers answer with HTML; the status code alone has to do.
  }
  return undefined;
}

function snippet(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

function modelOf(context: FailureContext): { model?: string } {
  return context.model ? { model: context.model } : {};
}

export function httpFailure(status: number, body: string, context: FailureContext): Failure {
  const error = parseErrorBody(body);
  const text = redactKeys(error?.message ?? snippet(body), context.secrets);
  const canonical = error?.status ?? '';
  const details = error?.details ?? [];
  const reasons = details.filter((d) => typeOf(d).endsWith('ErrorInfo')).map((d) => d.reason ?? '');
  const violations = details.filter((d) => typeOf(d).endsWith('QuotaFailure')).flatMap((d) => d.violations ?? []);
  const base: ErrorDetails = { status, ...modelOf(context), ...(text ? { detail: text } : {}) };
  const summary = `Gemini answered ${status}${canonical ? ` ${canonical}` : ''}: ${text}`;

  if (reasons.includes('API_KEY_INVALID') || /api key (not valid|not found|expired)/i.test(text)) {
    return failure('KEY_INVALID', summary, base);
  }
  if (/reported as leaked/i.test(text)) return failure('KEY_LEAKED', summary, base);
  if (reasons.includes('CONSUMER_SUSPENDED') || /has been suspended/i.test(text)) {
    return failure('KEY_SUSPENDED', summary, base);
  }
  if (status === 402 || (status === 400 && canonical === 'FAILED_PRECONDITION')) {
    return failure('BILLING_REQUIRED', summary, base);
  }
  if (status === 429) {
    const freeTier = violations.some((v) => /free_?tier/i.test(`${v.quotaId ?? ''} ${v.quotaMetric ?? ''}`));
    const zeroLimit = violations.some((v) => v.quotaValue === '0') || /limit: 0(?![\d.])/.test(text);
    // Image models have no free tier: its quota is 0, so the first request of a key without billing lands here.
    if ((freeTier || /free_tier/i.test(text)) && zeroLimit) return failure('BILLING_REQUIRED', summary, base);
    const perDay = violations.some((v) => /PerDay/i.test(v.quotaId ?? ''));
    if (perDay) return failure('DAILY_QUOTA', summary, { ...base, reason: 'PerDay' });
    const retryInfo = details.find((d) => typeOf(d).endsWith('RetryInfo'));
    const fromMessage = /retry in (\d+(?:\.\d+)?)s/i.exec(text)?.[1];
    const delayMs = parseDuration(retryInfo?.retryDelay) ?? parseDuration(fromMessage ? `${fromMessage}s` : undefined);
    if (delayMs === undefined) return failure('RATE_LIMITED', summary, base, BACKOFF);
    return failure('RATE_LIMITED', summary, { ...base, retryAfterSeconds: delayMs / 1000 }, { kind: 'after', delayMs });
  }
  if (status === 404) {
    const replacement = context.model ? replacementFor(context.model, context.nowMs) : undefined;
    return failure('MODEL_NOT_FOUND', summary, { ...base, ...(replacement ? { replacement } : {}) });
  }
  if (status === 413 || (status === 400 && /payload size|request (payload|entity) (is )?too large/i.test(text))) {
    return failure('REQUEST_TOO_LARGE', summary, base);
  }
  if (status === 400 && /thought[_ ]?signature/i.test(text)) return failure('MISSING_THOUGHT_SIGNATURE', summary, base);
  if (status === 401 || status === 403) return failure('PERMISSION_DENIED', summary, base);
  if (status === 408 || status === 504) return failure('DEADLINE', summary, base, BACKOFF);
  if (status === 499) return failure('NETWORK', summary, base);
  if (status === 502 || status === 503) return failure('UNAVAILABLE', summary, base, BACKOFF);
  if (status >= 500) return failure('SERVER_ERROR', summary, base, BACKOFF);
  return failure('INVALID_REQUEST', summary, base);
}

export function transportFailure(
  response: Extract<HttpResponse, { kind: 'failure' }>,
  context: FailureContext,
): Failure {
  const said = redactKeys(response.message, context.secrets);
  const details: ErrorDetails = { ...modelOf(context), detail: said };
  switch (response.failure) {
    // A request that ran into the fetch deadline would run into it again: the cure is a smaller or faster job.
    case 'deadline':
      return failure('DEADLINE', `Fetch deadline: ${said}`, details);
    // The platform refused to send it; the same request would be refused again, so none of these is retried.
    case 'refused':
      return failure('FETCH_NOT_ALLOWED', `Fetch refused by the allowlist: ${said}`, details);
    case 'url-too-long':
      return failure('BAD_INPUT', `Fetch URL too long: ${said}`, {
        ...details,
        ...detailOf('addressTooLong'),
      });
    case 'invalid-url':
      return failure('BAD_INPUT', `Fetch URL invalid: ${said}`, details);
    // Nothing was sent: the same call fails until the person grants the permission.
    case 'not-granted':
      return failure('SCOPE_NOT_GRANTED', `Fetch not granted: ${said}`, {
        ...details,
        scope: EXTERNAL_REQUEST_SCOPE,
        ...neededFor(EXTERNAL_REQUEST_SCOPE),
      });
    default:
      return failure('NETWORK', `Network failure: ${said}`, details, BACKOFF);
  }
}
