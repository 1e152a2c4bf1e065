/**
 * Where requests go and how they authenticate: the Gemini API with a key, or Vertex AI with the user's OAuth
 * token. URLs are built as plain strings because Apps Script has no URL class.
 */
import { PeelError } from '../errors';
import { isModelIdShape } from './catalog';
import type { Secret } from './keys';
import type { HttpRequest } from './transport';

export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com';

export type Endpoint =
  | {
      readonly kind: 'gemini';
      readonly apiKey: string;
      /**
       * Whose key it is: the user may see their own masked in an error Google quoted it in; an organization's key
       * is never shown, so anything but `user` hides it.
       */
      readonly keySource?: 'user' | 'organization';
      /** Scheme and host, optionally a path prefix; no trailing slash needed. Proxies and tests change it. */
      readonly baseUrl?: string;
    }
  | {
      readonly kind: 'vertex';
      readonly project: string;
      readonly location: string;
      readonly accessToken: string;
      /** Overrides the host derived from the location (tests, private endpoints). */
      readonly baseUrl?: string;
    };

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Where Vertex AI runs when nobody says otherwise: Gemini 3 image models are served from `global`. */
export const DEFAULT_VERTEX_LOCATION = 'global';

/** `global`, `us`, `eu`, or a region such as `us-central1`: what may go into a host name. */
export function isVertexLocation(location: string): boolean {
  return /^[a-z][a-z0-9-]{1,39}$/.test(location) && !location.endsWith('-');
}

/**
 * Vertex AI hosts (research gemini-api.md §2.2): `global` has no region prefix, a region prefixes the host
 * (`us-central1-aiplatform.googleapis.com`), the `us`/`eu` multi-regions have their own domain
 * (`aiplatform.us.rep.googleapis.com`). The build's fetch allowlist is made from the same function.
 */
export function vertexHost(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}

/** The secrets this endpoint sends, and how an error that quotes one back may show it. */
export function endpointSecrets(endpoint: Endpoint): Secret[] {
  return endpoint.kind === 'gemini'
    ? [{ value: endpoint.apiKey, shown: endpoint.keySource === 'user' ? 'masked' : 'hidden' }]
    : [{ value: endpoint.accessToken, shown: 'hidden' }];
}

function authHeaders(endpoint: Endpoint): Record<string, string> {
  // The key rides in a header, never the query string, so it stays out of URLs, logs and proxies' access logs.
  return endpoint.kind === 'gemini'
    ? { 'x-goog-api-key': endpoint.apiKey }
    : { Authorization: `Bearer ${endpoint.accessToken}` };
}

export function generateContentUrl(endpoint: Endpoint, model: string): string {
  if (!isModelIdShape(model)) {
    // Never sent: Google would only see it after Apps Script refused the URL, and a retry could not help.
    throw new PeelError('BAD_INPUT', 'Model id has an unexpected shape', {
      detail: 'A model id looks like the ones in the model menu: lowercase letters, digits, dots and dashes.',
    });
  }
  const id = encodeURIComponent(model);
  if (endpoint.kind === 'gemini') {
    // v1beta, because v1 rejects responseModalities (research §2.1).
    return `${trimSlashes(endpoint.baseUrl ?? GEMINI_API_BASE_URL)}/v1beta/models/${id}:generateContent`;
  }
  const host = trimSlashes(endpoint.baseUrl ?? vertexHost(endpoint.location));
  const project = encodeURIComponent(endpoint.project);
  const location = encodeURIComponent(endpoint.location);
  return `${host}/v1/projects/${project}/locations/${location}/publishers/google/models/${id}:generateContent`;
}

export function generateContentRequest(endpoint: Endpoint, model: string, payload: string): HttpRequest {
  return {
    url: generateContentUrl(endpoint, model),
    method: 'post',
    headers: { 'Content-Type': 'application/json', ...authHeaders(endpoint) },
    payload,
  };
}

export function listModelsRequest(
  endpoint: Extract<Endpoint, { kind: 'gemini' }>,
  pageSize: number,
  pageToken?: string,
): HttpRequest {
  const base = `${trimSlashes(endpoint.baseUrl ?? GEMINI_API_BASE_URL)}/v1beta/models?pageSize=${pageSize}`;
  return {
    url: pageToken ? `${base}&pageToken=${encodeURIComponent(pageToken)}` : base,
    method: 'get',
    headers: authHeaders(endpoint),
  };
}
