/**
 * Peel's Gemini client: validated requests out through the Transport port, parsed results or PeelErrors back,
 * retries planned by `planRetry` against an injected clock. No Apps Script or web globals, so the same code
 * runs in Apps Script, in Node tests and against the emulator.
 */
import { PeelError } from '../errors';
import type { Say } from '../i18n';
import type { Lifecycle, ModelSpec } from './catalog';
import { isImageModelId, lifecycle, modelSpec } from './catalog';
import type { Endpoint, EndpointConverter } from './endpoint';
import { converterFor } from './endpoint';
import type { Failure, FailureContext, Retry } from './failures';
import { httpFailure, transportFailure } from './failures';
import type { CheckedImageRequest, ImageRequest } from './request';
import { checkedRequest, prepareRequest } from './request';
import type { ImageAnswer } from './response';
import { parseGenerateResponse } from './response';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, planRetry } from './retry';
import type { Clock, HttpRequest, HttpResponse, Transport } from './transport';
import type { ListModelsResponse } from './wire';

export interface GeminiClientOptions {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly endpoint: Endpoint;
  readonly retry?: Partial<RetryPolicy>;
  /** [0, 1), for backoff jitter. */
  readonly random?: () => number;
  /** Says a model's lifecycle warning beside its image (English when not given). */
  readonly say?: Say;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  /** `retry`: how the last failure could be tried again, once this call has stopped trying (see planWait). */
  | { readonly ok: false; readonly error: PeelError; readonly retry: Retry };

type Interpreted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export interface AvailableModel {
  readonly id: string;
  readonly displayName: string;
  /** In Peel's catalog; unknown ones run with conservative options. */
  readonly known: boolean;
  readonly lifecycle: Lifecycle;
}

/** ListModels pages; far more than Google lists, so a looping page token cannot keep the execution busy. */
const MAX_PAGES = 10;
const PAGE_SIZE = 1000;

export class GeminiClient {
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly say: Say | undefined;
  /** Chosen once, from the endpoint: everything the client sends goes through it. */
  private readonly converter: EndpointConverter;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;

  constructor(options: GeminiClientOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.say = options.say;
    this.converter = converterFor(options.endpoint);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

  /** One image. Throws a PeelError. */
  generate(request: ImageRequest | CheckedImageRequest): ImageAnswer {
    const outcome = this.tryGenerate(request);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * One image, or why not and whether a later call could still get it: what one execution per variant needs
   * (src/server/spine/image-call.ts). Throws only for a request Peel cannot send.
   */
  tryGenerate(request: ImageRequest | CheckedImageRequest): Outcome<ImageAnswer> {
    const [outcome] = this.generateBatch([request]);
    return outcome ?? { ok: false, error: new PeelError('INTERNAL', 'The batch returned nothing'), retry: NEVER };
  }

  /**
   * Several requests in parallel, one outcome each. A request Peel cannot send (an option the model does not
   * take, too large) throws before anything goes out; what fails on the wire comes back as that request's outcome.
   */
  generateBatch(requests: readonly (ImageRequest | CheckedImageRequest)[]): Outcome<ImageAnswer>[] {
    const prepared = requests.map((r) => prepareRequest(checkedRequest(r)));
    const http = prepared.map((p) => this.converter.generateContent(p));
    return this.send(http, (response, i) => {
      const p = prepared[i];
      const request = requests[i];
      if (!p || !request) throw new PeelError('INTERNAL', `No prepared request ${i}`);
      // The body first: an image answer is a 200's, so its status need not be asked (transport.ts). Any other
      // body is judged by the status as before, and the parse is not repeated for a 200's.
      const context = { spec: p.spec, size: p.size, userTurn: p.userTurn, nowMs: this.clock.now(), say: this.say };
      const parsed = response.kind === 'response' ? parseGenerateResponse(response.body, context) : null;
      if (parsed?.ok) return { ok: true, value: parsed.result };
      const answer = this.answered(response, p.spec);
      if (!answer.ok) return { ok: false, failure: withSent(answer.failure, request) };
      const failed = parsed ?? parseGenerateResponse(answer.value, context);
      return failed.ok ? { ok: true, value: failed.result } : { ok: false, failure: withSent(failed.failure, request) };
    });
  }

  /** The image models this key may call (Gemini API only: Vertex AI has no per-key list). Throws a PeelError. */
  listModels(): AvailableModel[] {
    const listModels = this.converter.listModels;
    if (!listModels) throw new PeelError('INTERNAL', 'ListModels is a Gemini API call');
    const found: AvailableModel[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const [outcome] = this.send([listModels(PAGE_SIZE, pageToken)], (response) => {
        const answer = this.answered(response, null);
        if (!answer.ok) return answer;
        try {
          return { ok: true, value: JSON.parse(answer.value) as ListModelsResponse };
        } catch {
          const error = new PeelError('MALFORMED_RESPONSE', 'ListModels answered with something other than JSON');
          return { ok: false, failure: { error, retry: { kind: 'never' } } };
        }
      });
      if (!outcome) throw new PeelError('INTERNAL', 'ListModels returned nothing');
      if (!outcome.ok) throw outcome.error;
      for (const model of outcome.value.models ?? []) {
        const id = (model.name ?? '').replace(/^models\//, '');
        if (!id || !(model.supportedGenerationMethods ?? []).includes('generateContent') || !isImageModelId(id))
          continue;
        const spec = modelSpec(id);
        found.push({
          id,
          displayName: spec.known ? spec.displayName : (model.displayName ?? id),
          known: spec.known,
          lifecycle: lifecycle(spec, this.clock.now()),
        });
      }
      pageToken = outcome.value.nextPageToken || undefined;
      if (!pageToken) break;
    }
    return found;
  }

  /** A 200's body, or what went wrong with the request. */
  private answered(response: HttpResponse, spec: ModelSpec | null): Interpreted<string> {
    const secrets = this.converter.secrets;
    const now = this.clock.now();
    const context: FailureContext = spec ? { model: spec.id, nowMs: now, secrets } : { nowMs: now, secrets };
    if (response.kind === 'failure') return { ok: false, failure: transportFailure(response, context) };
    if (response.status !== 200) return { ok: false, failure: httpFailure(response.status, response.body, context) };
    return { ok: true, value: response.body };
  }

  /**
   * Sends a batch and re-sends only the requests that failed in a way worth retrying, all waiting out the
   * longest wait any of them needs. Each request keeps its own attempt count; waits and elapsed time are shared,
   * because they are spent once for the whole batch.
   */
  private send<T>(
    requests: readonly HttpRequest[],
    interpret: (r: HttpResponse, i: number) => Interpreted<T>,
  ): Outcome<T>[] {
    const outcomes: (Outcome<T> | undefined)[] = requests.map(() => undefined);
    const attempts = requests.map(() => 0);
    const start = this.clock.now();
    let waitedMs = 0;
    let pending = requests.map((_, i) => i);
    while (pending.length > 0) {
      const responses = this.transport.fetchAll(pending.map((i) => requests[i] as HttpRequest));
      let waitMs = 0;
      const retrying: number[] = [];
      pending.forEach((index, k) => {
        attempts[index] = (attempts[index] ?? 0) + 1;
        const response: HttpResponse = responses[k] ?? { kind: 'failure', failure: 'network', message: 'No response' };
        const interpreted = interpret(response, index);
        if (interpreted.ok) {
          outcomes[index] = interpreted;
          return;
        }
        const decision = planRetry(
          interpreted.failure.retry,
          { attempts: attempts[index] ?? 1, waitedMs, elapsedMs: this.clock.now() - start },
          this.policy,
          this.random,
        );
        if (decision.action === 'stop') {
          outcomes[index] = { ok: false, error: interpreted.failure.error, retry: interpreted.failure.retry };
          return;
        }
        waitMs = Math.max(waitMs, decision.waitMs);
        retrying.push(index);
      });
      if (retrying.length > 0 && waitMs > 0) {
        this.clock.sleep(waitMs);
        waitedMs += waitMs;
      }
      pending = retrying;
    }
    return outcomes.map(
      (o) => o ?? { ok: false, error: new PeelError('INTERNAL', 'A request was never answered'), retry: NEVER },
    );
  }
}

const NEVER: Retry = { kind: 'never' };

/** The failure, its error marked with what the request carried, so the next step names only that (errors.ts). */
function withSent(failure: Failure, request: ImageRequest | CheckedImageRequest): Failure {
  const { error } = failure;
  const sent = { references: (request.references?.length ?? 0) > 0, conversation: (request.history?.length ?? 0) > 0 };
  return { ...failure, error: new PeelError(error.code, error.message, { ...error.details, sent }) };
}
