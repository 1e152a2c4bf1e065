/**
 * How large a request and its images may be, one definition each. Imports nothing, so the sidebar can state
 * the same numbers the server enforces without bundling the client.
 */

const MB = 1024 * 1024;

/**
 * UrlFetchApp's limit per request: "URL Fetch POST size", 50 MB a call, in Apps Script's quota table
 * (https://developers.google.com/apps-script/guides/services/quotas). Lower than the Gemini API's, so it is the
 * one a request meets first.
 */
export const MAX_REQUEST_BYTES = 50 * MB;

/**
 * The Gemini API's limit for inline data in one request, raised from 20 MB to 100 MB in January 2026
 * (https://blog.google/innovation-and-ai/technology/developers-tools/gemini-api-new-file-limits/).
 */
export const GEMINI_INLINE_REQUEST_BYTES = 100 * MB;

/**
 * Vertex AI's limit per inline image for the Gemini image models, 7 MB
 * (https://docs.cloud.google.com/vertex-ai/docs/generative-ai/image/image-captioning). The Vertex AI converter
 * enforces it; Peel holds every reference image to it on either endpoint, so one that works on one works on
 * the other.
 */
export const VERTEX_MAX_INLINE_BYTES = 7 * MB;

/**
 * Image models make one image per call (candidateCount > 1 is rejected), so variants are parallel calls in one
 * fetchAll; four keeps a Generate well inside Apps Script's execution time and the user's per-minute quota.
 */
export const MAX_VARIANTS = 4;
