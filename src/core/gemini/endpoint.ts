/**
 * Where requests go and how they authenticate: the Gemini API with a key, or Vertex AI with the user's OAuth
 * token. One prepared request (request.ts) goes to either through that endpoint's converter, as the official
 * SDK turns one set of parameters into either wire form (`generateContentParametersToMldev` and
 * `generateContentParametersToVertex` in @google/genai). A converter makes the URL, the headers and the payload,
 * and applies its endpoint's own limits. URLs are built as plain strings because Apps Script has no URL class.
 */
import { detailOf, PeelError } from '../errors';
import { decodedLength } from './base64';
import { isModelIdShape } from './catalog';
import type { Secret } from './keys';
import { MAX_REQUEST_BYTES, VERTEX_MAX_INLINE_BYTES } from './limits';
import type { PreparedRequest } from './request';
import { utf8Length } from './request';
import type { HttpRequest } from './transport';
import type { GenerateContentRequest } from './wire';

export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface GeminiApiEndpoint {
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

export interface VertexEndpoint {
  readonly kind: 'vertex';
  readonly project: string;
  readonly location: string;
  readonly accessToken: string;
  /** Overrides the host derived from the location (tests, private endpoints). */
  readonly baseUrl?: string;
}

export type Endpoint = GeminiApiEndpoint | VertexEndpoint;

/** What one endpoint makes of Peel's requests. */
export interface EndpointConverter {
  /** The secrets its requests carry, and how an error that quotes one back may show it. */
  readonly secrets: readonly Secret[];
  /** generateContent's URL for a model; BAD_INPUT for an id that cannot be one. */
  generateContentUrl(model: string): string;
  /** The HTTP request for one prepared request; REQUEST_TOO_LARGE past this endpoint's limits. */
  generateContent(prepared: PreparedRequest): HttpRequest;
  /** ListModels, where the endpoint has one: the Gemini API does; Vertex AI has no per-key list. */
  readonly listModels?: (pageSize: number, pageToken?: string) => HttpRequest;
}

/** The converter for an endpoint: the one place that looks at which kind it is. */
export function converterFor(endpoint: Endpoint): EndpointConverter {
  return endpoint.kind === 'gemini' ? geminiApiConverter(endpoint) : vertexConverter(endpoint);
}

/** generateContent's URL for a model at an endpoint; the build's fetch allowlist test checks it. */
export function generateContentUrl(endpoint: Endpoint, model: string): string {
  return converterFor(endpoint).generateContentUrl(model);
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The model id as a URL path segment. */
function modelSegment(model: string): string {
  if (!isModelIdShape(model)) {
    // Never sent: Google would only see it after Apps Script refused the URL, and a retry could not help.
    throw new PeelError('BAD_INPUT', 'Model id has an unexpected shape', {
      ...detailOf('modelIdShape'),
    });
  }
  return encodeURIComponent(model);
}

/** A JSON POST, refused before sending when UrlFetchApp could not send it. */
function post(url: string, auth: Record<string, string>, body: GenerateContentRequest): HttpRequest {
  const payload = JSON.stringify(body);
  const bytes = utf8Length(payload);
  if (bytes > MAX_REQUEST_BYTES) {
    throw new PeelError('REQUEST_TOO_LARGE', `Request of ${bytes} bytes exceeds UrlFetchApp's 50 MB`, {
      ...detailOf('requestTooBig', { mb: Math.ceil(bytes / 1024 / 1024) }),
    });
  }
  return { url, method: 'post', headers: { 'Content-Type': 'application/json', ...auth }, payload };
}

function geminiApiConverter(endpoint: GeminiApiEndpoint): EndpointConverter {
  const base = trimSlashes(endpoint.baseUrl ?? GEMINI_API_BASE_URL);
  // The key rides in a header, never the query string, so it stays out of URLs, logs and proxies' access logs.
  const auth = { 'x-goog-api-key': endpoint.apiKey };
  // v1beta, because v1 answers 400 "Unknown name \"responseModalities\"" (googleapis/js-genai issue #1322).
  const url = (model: string) => `${base}/v1beta/models/${modelSegment(model)}:generateContent`;
  return {
    secrets: [{ value: endpoint.apiKey, shown: endpoint.keySource === 'user' ? 'masked' : 'hidden' }],
    generateContentUrl: url,
    generateContent: (prepared) => post(url(prepared.spec.id), auth, prepared.body),
    listModels: (pageSize, pageToken) => {
      const first = `${base}/v1beta/models?pageSize=${pageSize}`;
      return {
        url: pageToken ? `${first}&pageToken=${encodeURIComponent(pageToken)}` : first,
        method: 'get',
        headers: auth,
      };
    },
  };
}

/** Where Vertex AI runs when nobody says otherwise: Gemini 3 image models are served from `global`. */
export const DEFAULT_VERTEX_LOCATION = 'global';

/** `global`, `us`, `eu`, or a region such as `us-central1`: what may go into a host name. */
export function isVertexLocation(location: string): boolean {
  return /^[a-z][a-z0-9-]{1,39}$/.test(location) && !location.endsWith('-');
}

/**
 * Vertex AI hosts, as the official SDK builds them (googleapis/js-genai `src/_api_client.ts`): `global` has no
 * region prefix, a region prefixes the host (`us-central1-aiplatform.googleapis.com`), the `us`/`eu`
 * multi-regions have their own domain (`aiplatform.us.rep.googleapis.com`). The build's fetch allowlist is made
 * from the same function.
 */
export function vertexHost(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}

function vertexConverter(endpoint: VertexEndpoint): EndpointConverter {
  const host = trimSlashes(endpoint.baseUrl ?? vertexHost(endpoint.location));
  const models = `${host}/v1/projects/${encodeURIComponent(endpoint.project)}/locations/${encodeURIComponent(endpoint.location)}/publishers/google/models`;
  const auth = { Authorization: `Bearer ${endpoint.accessToken}` };
  const url = (model: string) => `${models}/${modelSegment(model)}:generateContent`;
  return {
    secrets: [{ value: endpoint.accessToken, shown: 'hidden' }],
    generateContentUrl: url,
    generateContent: (prepared) => {
      const request = post(url(prepared.spec.id), auth, prepared.body);
      const oversized = prepared.body.contents
        .flatMap((c) => c.parts)
        .some((p) => p.inlineData !== undefined && decodedLength(p.inlineData.data) > VERTEX_MAX_INLINE_BYTES);
      if (oversized) {
        throw new PeelError('REQUEST_TOO_LARGE', 'An inline image exceeds Vertex AI’s 7 MB', {
          ...detailOf('vertexImageSize'),
        });
      }
      return request;
    },
  };
}
