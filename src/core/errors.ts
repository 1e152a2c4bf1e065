/**
 * Every failure Peel knows about has a stable code. Code below the server boundary throws a PeelError with a
 * code and the facts the message needs; `describeError` (the one boundary) turns it into the sentence and the
 * next step a presenter reads. Codes are part of the sidebar contract: rename one only with its tests.
 */
import { redactKeys } from './gemini/keys';

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

/** Apart from the table, so the sidebar can say it (sidebar/kernel/rpc.ts) without carrying every sentence. */
export const WRONG_ACCOUNT_WORDS = {
  message:
    'Several Google accounts are signed in to this browser, and Google ran Peel as the default one instead of the account this file is open with, so it refused the call.',
  action:
    'Open this file in a window signed in to that account only (a private or incognito window works), or sign out of the other accounts; then open Peel again.',
};

const fixed: Record<ErrorCode, { message: string; action: string }> = {
  NO_KEY: {
    message: 'Peel needs a Gemini API key before it can make images.',
    action: 'Open Settings and paste a key from Google AI Studio (aistudio.google.com/apikey).',
  },
  KEY_INVALID: {
    message: 'Google did not accept this API key.',
    action: 'Check the key in Settings, or create a new one in Google AI Studio.',
  },
  KEY_LEAKED: {
    message: 'Google blocked this API key because it was reported as leaked.',
    action: 'Create a new key in Google AI Studio and replace it in Settings.',
  },
  KEY_SUSPENDED: {
    message: 'The Google Cloud project behind this key is suspended.',
    action: 'Use a key from another project, or contact the project owner.',
  },
  PERMISSION_DENIED: {
    message: 'This key is not allowed to use the image model.',
    action: 'Check that the Gemini API is enabled for the key’s project, or try another model.',
  },
  BILLING_REQUIRED: {
    message: 'Gemini image models need a key from a project with billing turned on.',
    action: 'Turn on billing for the key’s project in Google AI Studio, then try again.',
  },
  // Apps Script ran the call as the browser's default account, not the document's (src/core/script-run.ts); the
  // platform has no fix, so the sentence gives the person's own way around it.
  WRONG_ACCOUNT: WRONG_ACCOUNT_WORDS,
  MODEL_NOT_FOUND: {
    message: 'This model is not available (it may have been retired).',
    action: 'Pick another model in the model menu.',
  },
  UNSUPPORTED_OPTION: {
    message: 'The chosen model does not support this option.',
    action: 'Pick another aspect ratio or size, or another model.',
  },
  RATE_LIMITED: {
    message: 'Gemini is receiving too many requests from this project right now.',
    action: 'Wait a moment and try again.',
  },
  DAILY_QUOTA: {
    message: 'This project has used its image quota for today.',
    action: 'Try again after midnight Pacific time, or use a key with a higher tier.',
  },
  SERVER_ERROR: {
    message: 'Gemini had an internal error.',
    action: 'Try again; if it keeps happening, try a shorter prompt.',
  },
  UNAVAILABLE: {
    message: 'The model is overloaded right now.',
    action: 'Try again in a minute, or pick a faster model.',
  },
  DEADLINE: {
    message: 'The image took longer than Google Workspace lets Peel wait (about a minute).',
    action: 'Try a smaller image size or a faster model.',
  },
  PROMPT_BLOCKED: {
    message: 'Gemini declined this request because of its content policy.',
    action: 'Rephrase the prompt and try again.',
  },
  IMAGE_BLOCKED: {
    message: 'Gemini made an image but withheld it under its content policy.',
    action: 'Rephrase the prompt and try again.',
  },
  MODEL_REFUSED: {
    message: 'Gemini answered with words instead of an image.',
    action: 'Read its answer below, then rephrase the prompt.',
  },
  NO_IMAGE: {
    message: 'Gemini finished without making an image.',
    action: 'Try again, or describe the picture more concretely.',
  },
  MISSING_THOUGHT_SIGNATURE: {
    message: 'Gemini refused the request because an image in it had lost its signature.',
    action: 'Try again; if it keeps happening, choose another model.',
  },
  REQUEST_TOO_LARGE: {
    message: 'The request is too large to send.',
    action: 'Shorten the prompt and try again.',
  },
  INVALID_REQUEST: {
    message: 'Gemini rejected the request.',
    action: 'Try another aspect ratio, size or model.',
  },
  MALFORMED_RESPONSE: {
    message: 'Gemini sent back a response Peel could not read.',
    action: 'Try again.',
  },
  NETWORK: {
    message: 'Peel could not reach Gemini.',
    action: 'Try again in a moment.',
  },
  FETCH_NOT_ALLOWED: {
    message: 'Google Workspace did not let Peel contact Gemini at this address (it is not in the add-on’s allowlist).',
    action: 'Ask whoever deployed Peel to allow this address (for Vertex AI: build for this location).',
  },
  BAD_INPUT: {
    message: 'Something in the request is not right.',
    action: 'Check the fields and try again.',
  },
  UNSUPPORTED_HOST: {
    message: 'Peel works in Google Slides and Google Docs.',
    action: 'Open Peel from a presentation or a document.',
  },
  UNSUPPORTED_SELECTION: {
    message: 'An image cannot go where the selection is.',
    action: 'Click in the body of the document or select a slide, then try again.',
  },
  NO_TEXT_SELECTED: {
    message: 'No text is selected, so Peel has nothing to write a prompt from.',
    action:
      'Select the words or paragraphs the image should show, then press “Illustrate the selection” again; or describe the image in the prompt box.',
  },
  IMAGE_TOO_LARGE: {
    message: 'The image is too large for Google to insert (over 25 megapixels or 50 MB).',
    action: 'Choose a smaller size.',
  },
  PREVIEW_EXPIRED: {
    message: 'This preview has expired: generate the image again to insert it.',
    action: 'Your prompt is kept: click Generate for a new preview, then Insert.',
  },
  BUSY: {
    message: 'Someone else is changing Peel’s data in this document.',
    action: 'Try again in a few seconds.',
  },
  // Peel's share of the document's properties (store-budget.ts); the detail says which part is full.
  STORE_FULL: {
    message: 'Peel’s memory in this document is full, so this was not saved and the document is unchanged.',
    action:
      'Make room: finish or cancel a deck job, or unpin names nobody uses. Edit conversations nobody has touched for 6 hours make room by themselves.',
  },
  IMAGE_GONE: {
    message: 'The image is no longer in the document: someone deleted it, or it was moved out of reach.',
    action: 'Select the image to edit (or start a new one), then try again.',
  },
  SECTION_GONE: {
    message: 'The section this picture was drawn for is no longer in the document: its heading was changed or deleted.',
    action: 'Skip this picture, or plan the job again to illustrate the document as it is now.',
  },
  // A version's file lives in the Drive of whoever made that edit; under drive.file nobody else's grant is known
  // to reach it (README: things to verify), so the sentence names who can.
  VERSION_UNAVAILABLE: {
    message:
      'This version is kept in the Google Drive of the collaborator who made that edit, and Peel cannot open it from your account.',
    action: 'Ask that collaborator to open Peel on this image: they can compare and restore it.',
  },
  DRIVE_FULL: {
    message: 'Your Google Drive is full, so Peel cannot keep the version this edit replaces.',
    action: 'Free some space in Google Drive (or empty its trash), then apply again.',
  },
  DRIVE_UNAVAILABLE: {
    message: 'Google Drive, where Peel keeps earlier versions, did not answer just now.',
    action: 'Wait a minute and try again; the image in the document has not changed.',
  },
  DRIVE_NOT_AUTHORIZED: {
    message: 'Peel is not allowed to keep versions in your Google Drive yet.',
    action: 'Reload the document and open Peel again to approve access (Peel sees only the files it creates).',
  },
  // How long references are kept is the stash's to say (server/spine/references.ts): the detail says it.
  REFERENCE_EXPIRED: {
    message: 'A reference image is no longer kept by Peel.',
    action: 'Add the reference again (from the computer, the document or its name), then try again.',
  },
  // A named reference's bytes are in the document (the picture was deleted) or in the pinner's Drive; the detail
  // names whose.
  REFERENCE_UNAVAILABLE: {
    message: 'Peel cannot open a named reference’s image from your account.',
    action: 'Pin it again from a picture in the document, under the same name, so everyone can use it.',
  },
  // The detail names the figure: the picture's pixels or bytes against Peel's limit.
  REFERENCE_TOO_LARGE: {
    message: 'This picture is larger than Peel takes as a reference.',
    action: 'Use a smaller picture, or scale it down and add it again.',
  },
  // The detail names what is wrong: its type, its header, or its size against what it was sent as.
  REFERENCE_UNREADABLE: {
    message: 'This file is not a picture Peel can read as a reference.',
    action: 'Open it in an image editor, save it as PNG or JPEG, and add it again.',
  },
  JOB_CAP: {
    message: 'The next image would take this job past its cost cap, so Peel did not draw it.',
    action: 'Review what is drawn, or start the job again with a higher cap.',
  },
  SCOPE_NOT_GRANTED: {
    message: 'Peel needs a permission you have not given it yet, so nothing was changed or charged.',
    action: 'Press Grant permission, approve it in the window that opens, then try again.',
  },
  POLICY: {
    message: 'Your organization’s settings for Peel do not allow this, so nothing was sent or charged.',
    action: 'Choose what your organization allows, or ask your administrator.',
  },
  INTERNAL: {
    message: 'Something went wrong inside Peel.',
    action: 'Try again; if it keeps happening, reload the document.',
  },
};

/** Next steps that name what the request carried; the table's words above fit a plain generate. */
const withReferences: Partial<Record<ErrorCode, string>> = {
  SERVER_ERROR: 'Try again; if it keeps happening, try a shorter prompt or fewer reference images.',
  PROMPT_BLOCKED: 'Rephrase the prompt or use other reference images.',
  REQUEST_TOO_LARGE: 'Use fewer or smaller reference images.',
};
const inConversation: Partial<Record<ErrorCode, string>> = {
  PREVIEW_EXPIRED: 'Edit the picture in the document instead, or bring back a preview that is still kept.',
  MISSING_THOUGHT_SIGNATURE: 'Start a new conversation for this image and try again.',
  REQUEST_TOO_LARGE: 'Use fewer or smaller reference images, or start a new conversation.',
  SERVER_ERROR: 'Try again; if it keeps happening, start a new conversation for this image.',
};

/** "1 second", "20 seconds", "2 minutes": never "1 seconds". */
export function duration(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 120) return whole === 1 ? '1 second' : `${whole} seconds`;
  return `${Math.ceil(whole / 60)} minutes`;
}

function actionFor(error: PeelError): string {
  const { retryAfterSeconds, replacement, sent } = error.details;
  if (error.code === 'MODEL_NOT_FOUND' && replacement) return `Switch to ${replacement} in the model menu.`;
  // Google's consent page reached: granting there is the whole fix, whatever the code.
  if (error.details.authorizationUrl) return fixed.SCOPE_NOT_GRANTED.action;
  if (error.code === 'RATE_LIMITED' && retryAfterSeconds !== undefined) {
    return `Wait about ${duration(retryAfterSeconds)} and try again.`;
  }
  const base = (fixed[error.code] ?? fixed.INTERNAL).action;
  if (sent?.conversation) return inConversation[error.code] ?? withReferences[error.code] ?? base;
  if (sent?.references) return withReferences[error.code] ?? base;
  return base;
}

/** The one place an error becomes words for the user. Unknown errors never leak their stack or text. */
export function describeError(error: unknown): UserFacingError {
  if (!isPeelError(error)) return { code: 'INTERNAL', ...fixed.INTERNAL };
  const base = fixed[error.code] ?? fixed.INTERNAL;
  const { retryAfterSeconds, chargedUsd, authorizationUrl } = error.details;
  // An unexpected failure's detail is whatever the code below had at hand (a platform's raw answer): never shown.
  const detail = error.code === 'INTERNAL' ? undefined : error.details.detail;
  const charge =
    chargedUsd === undefined
      ? ''
      : ` Gemini did send an answer, and Google may bill it, so Peel counted $${chargedUsd.toFixed(3)} in this document’s total.`;
  const action = `${actionFor(error)}${charge}`;
  return {
    code: error.code,
    message: base.message,
    action,
    // Whatever built the detail, nothing shaped like a key crosses to the sidebar (the keys in effect were
    // already removed where the request was sent: gemini/client.ts).
    ...(detail ? { detail: redactKeys(detail) } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(chargedUsd !== undefined ? { chargedUsd } : {}),
    ...(authorizationUrl ? { authorizationUrl } : {}),
  };
}
