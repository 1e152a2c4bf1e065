/**
 * The JSON Peel exchanges with generateContent and ListModels (v1beta; the Vertex AI body is the same). Field
 * names follow Google's discovery document, revision 20260325. Only what Peel reads or writes is typed;
 * everything a response carries stays on the objects, so a model turn can be echoed back unchanged.
 */

export interface Blob {
  readonly mimeType: string;
  /** Standard base64, no `data:` prefix. */
  readonly data: string;
}

export interface Part {
  readonly text?: string;
  readonly inlineData?: Blob;
  /** An interim part of the model's thinking (reasoning text or a draft image). */
  readonly thought?: boolean;
  /** Opaque base64 that must travel back on the same part in the next request. */
  readonly thoughtSignature?: string;
  readonly [field: string]: unknown;
}

export type Role = 'user' | 'model';

export interface Content {
  readonly role: Role;
  readonly parts: readonly Part[];
}

export interface SystemInstruction {
  readonly parts: readonly { readonly text: string }[];
}

export type ThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface GenerationConfig {
  readonly responseModalities: readonly ('TEXT' | 'IMAGE')[];
  readonly imageConfig?: { readonly aspectRatio?: string; readonly imageSize?: string };
  readonly thinkingConfig?: { readonly thinkingLevel: ThinkingLevel };
}

export interface GenerateContentRequest {
  readonly contents: readonly Content[];
  readonly generationConfig: GenerationConfig;
  readonly systemInstruction?: SystemInstruction;
}

export interface ModalityTokenCount {
  readonly modality?: string;
  readonly tokenCount?: number;
}

export interface UsageMetadata {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly totalTokenCount?: number;
  readonly candidatesTokensDetails?: readonly ModalityTokenCount[];
}

export interface Candidate {
  readonly content?: { readonly role?: string; readonly parts?: readonly Part[] };
  readonly finishReason?: string;
  readonly finishMessage?: string;
}

export interface ModelStatus {
  readonly modelStage?: string;
  readonly retirementTime?: string;
  readonly message?: string;
}

export interface GenerateContentResponse {
  readonly candidates?: readonly Candidate[];
  readonly promptFeedback?: { readonly blockReason?: string; readonly blockReasonMessage?: string };
  readonly usageMetadata?: UsageMetadata;
  readonly modelVersion?: string;
  readonly modelStatus?: ModelStatus;
}

export interface ListedModel {
  /** `models/{id}`. */
  readonly name?: string;
  readonly displayName?: string;
  readonly supportedGenerationMethods?: readonly string[];
}

export interface ListModelsResponse {
  readonly models?: readonly ListedModel[];
  readonly nextPageToken?: string;
}

/** One entry of `error.details`; `@type` says which of the google.rpc messages it is. */
export interface ErrorDetail {
  readonly '@type'?: string;
  /** ErrorInfo */
  readonly reason?: string;
  /** RetryInfo, e.g. "33s" or "1.5s". */
  readonly retryDelay?: string;
  /** QuotaFailure */
  readonly violations?: readonly {
    readonly quotaMetric?: string;
    readonly quotaId?: string;
    readonly quotaValue?: string;
  }[];
}

export interface ErrorBody {
  readonly error?: {
    readonly code?: number;
    readonly message?: string;
    readonly status?: string;
    readonly details?: readonly ErrorDetail[];
  };
}
