/**
 * Every failure Peel knows about has a stable code. Code below the server boundary throws a PeelError with a
 * code and the facts the message needs; `describeError` (the one boundary) turns it into the sentence and the
 * next step a presenter reads. Codes are part of the sidebar contract: rename one only with its tests.
 */
import { redactKeys } from './gemini/keys';
import { type Message, type Say, type ServerKey, speaker, type Words } from './i18n';
import { WRONG_ACCOUNT_EN } from './i18n/en-account';
import { EN_SERVER } from './i18n/en-server';

export type ErrorCode =
  // Key and account
  | 'NO_KEY'
  | 'KEY_INVALID'
  | 'KEY_LEAKED'
  | 'KEY_SUSPENDED'
  | 'PERMISSION_DENIED'
  | 'BILLING_REQUIRED'
  | 'WRONG_ACCOUNT'
  // Model
  | 'MODEL_NOT_FOUND'
  | 'UNSUPPORTED_OPTION'
  // Quota and availability
  | 'RATE_LIMITED'
  | 'DAILY_QUOTA'
  | 'SERVER_ERROR'
  | 'UNAVAILABLE'
  | 'DEADLINE'
  // Content
  | 'PROMPT_BLOCKED'
  | 'IMAGE_BLOCKED'
  | 'MODEL_REFUSED'
  | 'NO_IMAGE'
  | 'MISSING_THOUGHT_SIGNATURE'
  // Request and response
  | 'REQUEST_TOO_LARGE'
  | 'INVALID_REQUEST'
  | 'MALFORMED_RESPONSE'
  | 'NETWORK'
  | 'FETCH_NOT_ALLOWED'
  // Input and document
  | 'BAD_INPUT'
  | 'UNSUPPORTED_HOST'
  | 'UNSUPPORTED_SELECTION'
  | 'NO_TEXT_SELECTED'
  | 'IMAGE_TOO_LARGE'
  | 'PREVIEW_EXPIRED'
  | 'BUSY'
  | 'STORE_FULL'
  | 'IMAGE_GONE'
  // Versions (kept in the user's Google Drive)
  | 'VERSION_UNAVAILABLE'
  | 'DRIVE_FULL'
  | 'DRIVE_UNAVAILABLE'
  | 'DRIVE_NOT_AUTHORIZED'
  // Reference images
  | 'REFERENCE_EXPIRED'
  | 'REFERENCE_UNAVAILABLE'
  | 'REFERENCE_TOO_LARGE'
  | 'REFERENCE_UNREADABLE'
  // Deck jobs
  | 'JOB_CAP'
  | 'SECTION_GONE'
  // An organization's policy (script properties)
  | 'POLICY'
  // A permission the person did not grant (granular consent)
  | 'SCOPE_NOT_GRANTED'
  | 'INTERNAL';

export interface ErrorDetails {
  /** What the service or the model said, shown as plain text (never as HTML). */
  readonly detail?: string;
  /** Seconds until a retry may succeed (RetryInfo.retryDelay). */
  readonly retryAfterSeconds?: number;
  /** A model id the user can switch to. */
  readonly replacement?: string;
  /** The model involved. */
  readonly model?: string;
  /** The HTTP status that produced the error, when there was one. */
  readonly status?: number;
  /** The finish or block reason reported by the API. */
  readonly reason?: string;
  /**
   * What the request that failed carried (gemini/client.ts), so the next step names only what the person sent:
   * no reference images or conversations for a plain generate.
   */
  readonly sent?: { readonly references: boolean; readonly conversation: boolean };
  /**
   * What Peel counted as spent for a failed call all the same: Gemini answered (and, as far as Peel can know,
   * billed) but the answer could not be used. Peel errs towards counting it.
   */
  readonly chargedUsd?: number;
  /** The OAuth scope a refused call needed (core/consent.ts): the boundary adds Google's consent page for it. */
  readonly scope?: string;
  /** Google's page where the person grants what is missing (ScriptApp.getAuthorizationInfo). */
  readonly authorizationUrl?: string;
  /** The detail as a sentence of Peel's own (detailOf): said in the reader's language instead of `detail`. */
  readonly words?: Words;
}

export class PeelError extends Error {
  override readonly name = 'PeelError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** `instanceof` fails across JavaScript realms (the runtime's contexts), so check the shape. */
export function isPeelError(value: unknown): value is PeelError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'PeelError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

export interface UserFacingError {
  readonly code: ErrorCode;
  /** One plain sentence: what went wrong. */
  readonly message: string;
  /** What to do next. */
  readonly action: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
  /** Added to the document's total although the call failed (ErrorDetails.chargedUsd). */
  readonly chargedUsd?: number;
  /** Where the person grants a missing permission: the sidebar offers it as "Grant permission". */
  readonly authorizationUrl?: string;
}

/** Apart from the server's catalog, so the sidebar can say it (sidebar/kernel/rpc.ts) without carrying every sentence. */
export const WRONG_ACCOUNT_WORDS = WRONG_ACCOUNT_EN;

/** Every code has its sentence and its next step in the server's catalog, or the typecheck fails here. */
const SAID: Readonly<Record<ErrorCode | `${ErrorCode}_do`, Message>> = EN_SERVER;

/** The server's sentences in English: what a boundary says when it does not know the reader's language. */
export const inEnglish: Say = speaker(EN_SERVER);

/** A detail Peel wrote itself: English for the log, and its key so the boundary says it in the reader's language. */
export function detailOf(key: ServerKey, params: Words['params'] = {}): { detail: string; words: Words } {
  const words = { key, params };
  return { detail: said(words, inEnglish), words };
}

/**
 * A sentence of Peel's own the sidebar shows from a call that reads no language (where a picture goes or went):
 * `field` in English, and `fieldWords` for the sidebar to say it in its own (shared/rpc.ts Words).
 */
export function toldAs<F extends string>(field: F, words: Words): { [K in F]: string } & { [K in `${F}Words`]: Words } {
  return { [field]: said(words, inEnglish), [`${field}Words`]: words } as { [K in F]: string } & {
    [K in `${F}Words`]: Words;
  };
}

/** Words said in one language, the sentences inside them too. */
export function said(words: Words, say: Say): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.params ?? {})) {
    params[name] = typeof value === 'object' ? said(value, say) : value;
  }
  return say(words.key, params);
}

/** "1 second", "20 seconds", "2 minutes": never "1 seconds". */
export function duration(seconds: number, say: Say = inEnglish): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 120) return say('seconds', { n: whole });
  return say('minutes', { n: Math.ceil(whole / 60) });
}

/** Next steps that name what the request carried (`_refs`, `_talk`); the code's own fit a plain generate. */
function nextStep(code: ErrorCode, sent: ErrorDetails['sent']): ServerKey {
  const refs = `${code}_refs`;
  const talk = `${code}_talk`;
  const has = (key: string): key is ServerKey => key in EN_SERVER;
  if (sent?.conversation && has(talk)) return talk;
  if ((sent?.conversation || sent?.references) && has(refs)) return refs;
  return `${code}_do` as ServerKey;
}

function actionFor(error: PeelError, say: Say): string {
  const { retryAfterSeconds, replacement, sent } = error.details;
  if (error.code === 'MODEL_NOT_FOUND' && replacement) return say('switchModel', { model: replacement });
  // Google's consent page reached: granting there is the whole fix, whatever the code.
  if (error.details.authorizationUrl) return say('SCOPE_NOT_GRANTED_do');
  if (error.code === 'RATE_LIMITED' && retryAfterSeconds !== undefined) {
    return say('waitAbout', { time: duration(retryAfterSeconds, say) });
  }
  return say(nextStep(error.code, sent));
}

/**
 * The one place an error becomes words for the user, in the reader's language (`say`; English unless the
 * boundary knows better). Unknown errors never leak their stack or text.
 */
export function describeError(error: unknown, say: Say = inEnglish): UserFacingError {
  if (!isPeelError(error) || !(error.code in SAID)) {
    return { code: 'INTERNAL', message: say('INTERNAL'), action: say('INTERNAL_do') };
  }
  const { retryAfterSeconds, chargedUsd, authorizationUrl, words } = error.details;
  // An unexpected failure's detail is whatever the code below had at hand (a platform's raw answer): never shown.
  const detail = error.code === 'INTERNAL' ? undefined : words ? said(words, say) : error.details.detail;
  const charge = chargedUsd === undefined ? '' : ` ${say('charged', { usd: `$${chargedUsd.toFixed(3)}` })}`;
  return {
    code: error.code,
    message: say(error.code),
    action: `${actionFor(error, say)}${charge}`,
    // Whatever built the detail, nothing shaped like a key crosses to the sidebar (the keys in effect were
    // already removed where the request was sent: gemini/client.ts).
    ...(detail ? { detail: redactKeys(detail) } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(chargedUsd !== undefined ? { chargedUsd } : {}),
    ...(authorizationUrl ? { authorizationUrl } : {}),
  };
}
