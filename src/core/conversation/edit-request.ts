/**
 * How a thread's history reaches Gemini when an image is edited.
 *
 * The current image, read from the document, is always the starting point, and it is the only image sent:
 *
 *   with earlier turns  [user: "Earlier instructions…"] [model: the current image] [user: the new instruction]
 *   without             [user: the new instruction + the current image as a reference]
 *
 * Why this shape:
 * - Not the full history. Every earlier image would travel again (a 2K image is several MB, and real thought
 *   signatures on image parts may be as large again: "roughly 1 to 2 MB per part", as Comfy-Org/docs measured
 *   them on Nano Banana Pro responses), so request size, cost and latency would grow with each turn, and older
 *   versions are in Drive, not at hand. The earlier *instructions* are what make "it", "the building" or "take
 *   the lake out again" resolvable, and they fit in one short text. So one image, whatever the thread's length
 *   (`edit_request_growth` ≤ 1.15).
 * - Not the Interactions API's `previous_interaction_id`. Interactions expire (55 days paid, 1 day free), are
 *   probably readable only from the Cloud project that made them, so a collaborator with their own key could not
 *   continue, cannot be trimmed (cost grows with every image in the chain) and do not exist for every model or on
 *   Vertex. The document must be the memory; an id could only ever be a per-user cache.
 * - The current image sits in a model turn, so the model continues *its* picture rather than treating it as a
 *   stranger's reference. When the same person continues while their user cache still holds the real signature
 *   of this version, the turn carries it (full fidelity); otherwise it is rebuilt with the documented dummy
 *   signature (models that think, the Gemini 3 family) or none (2.5 Flash Image, which signs nothing).
 * - A chain: while an edit's result is only a preview, the next instruction may continue from it. Then the preview
 *   (as Gemini sent it, from the maker's user cache) is the model turn's image, with the very signature Gemini
 *   put on that part, as Google's multi-turn editing asks ("if you receive a thought signature in a model
 *   response, you should pass it back exactly as received", ai.google.dev/gemini-api/docs/image-generation,
 *   "Thought Signatures"); the earlier text is the picture's own history, then the chain's instructions.
 * - Recovery: Google answers 400 "Image part is missing a thought_signature…" or "…invalid thought signature…"
 *   when it does not accept the model turn (the dummy on an image part is known to work only on 3 Pro). Then the
 *   request is sent once more with the image as a plain user reference, which needs no signature and works for
 *   every model; the thread records nothing of it (it is transport).
 */
import { isPeelError } from '../errors';
import type { ModelSpec } from '../gemini/catalog';
import type { CheckedOptions } from '../gemini/options';
import type { CheckedImageRequest, ImageRequest, ReferenceImage } from '../gemini/request';
import { DUMMY_THOUGHT_SIGNATURE } from '../gemini/request';
import type { Content } from '../gemini/wire';
import { capMiddle, joinInstructions } from './condense';
import type { Thread } from './thread';
import { currentVersionId, lineage } from './thread';

/** The earlier-instructions text is bounded, so the 10th edit's request is the 1st one's plus a few hundred bytes. */
export const MAX_EARLIER_CHARS = 1500;

const EARLIER_LEAD = 'Earlier instructions for this image, oldest first:';
const NOW_LEAD = 'Now:';

export interface HeldSignature {
  /** The version whose model turn Gemini signed; used only while it is still the current version. */
  readonly versionId: string;
  readonly signature: string;
}

interface EditTurn {
  /** Null for an image with no thread yet. */
  readonly thread: Thread | null;
  /** The image as it is in the document now. */
  readonly image: ReferenceImage;
  /** The real signature this user's cache holds for the thread's current version, if any. */
  readonly held?: HeldSignature | null;
  /** What to ask for (a quick edit's prompt, or what the person typed). */
  readonly instruction: string;
  readonly rules?: string;
  /** Images sent after the one being edited: the person's references (a style to apply), then the deck style's. */
  readonly references?: readonly ReferenceImage[];
  /** The recovery form: the image as a plain user reference, no model turn. */
  readonly plainReference?: boolean;
  /**
   * Continuing a chain: `image` is the preview continued from, `signature` the one Gemini put on it (null when it
   * signed none) and `instructions` the chain's, oldest first, up to and including that preview's.
   */
  readonly chain?: { readonly instructions: readonly string[]; readonly signature: string | null } | null;
}

/** The model and its options as asked for; the client checks them when it sends. */
interface UncheckedEditOptions {
  readonly spec: ModelSpec;
  readonly aspectRatio?: string;
  readonly imageSize?: string;
  readonly thinkingLevel?: string;
}

/**
 * One edit. `options` are checked already (checkImageOptions, counting the picture being edited as a reference
 * with the others) and sent as they are.
 */
export type EditInput = EditTurn & ({ readonly options: CheckedOptions } | UncheckedEditOptions);

function editSpec(input: EditInput): ModelSpec {
  return 'options' in input ? input.options.spec : input.spec;
}

/**
 * The picture's earlier instructions as one short text, or '' when there are none: the thread's (only the turns
 * the document's picture comes from, see `lineage`), then a chain's.
 */
export function earlierText(thread: Thread | null, chain: readonly string[] = []): string {
  const turns = thread ? lineage(thread).map((t) => t.i) : [];
  const joined = joinInstructions([thread?.summary ?? '', ...turns, ...chain]);
  return joined ? capMiddle(`${EARLIER_LEAD} ${joined}`, MAX_EARLIER_CHARS) : '';
}

/** Thought signatures come from thinking: a model that does not think (2.5 Flash Image) neither returns nor checks them. */
function signs(spec: ModelSpec): boolean {
  return spec.thinking.kind !== 'none';
}

function modelImageTurn(input: EditInput): Content {
  const { image, held, thread, chain } = input;
  const current = thread === null ? null : currentVersionId(thread);
  const signature = chain?.signature
    ? chain.signature
    : !chain && held && current !== null && held.versionId === current && held.signature
      ? held.signature
      : signs(editSpec(input))
        ? DUMMY_THOUGHT_SIGNATURE
        : undefined;
  return {
    role: 'model',
    parts: [
      {
        inlineData: { mimeType: image.mimeType, data: image.base64 },
        ...(signature !== undefined ? { thoughtSignature: signature } : {}),
      },
    ],
  };
}

/** The request for one edit (see the module comment for its shape and why). */
export function buildEditRequest(input: EditInput): ImageRequest | CheckedImageRequest {
  const earlier = earlierText(input.thread, input.chain?.instructions);
  const options = {
    ...('options' in input
      ? { options: input.options }
      : {
          model: input.spec.id,
          ...(input.aspectRatio !== undefined ? { aspectRatio: input.aspectRatio } : {}),
          ...(input.imageSize !== undefined ? { imageSize: input.imageSize } : {}),
          ...(input.thinkingLevel !== undefined ? { thinkingLevel: input.thinkingLevel } : {}),
        }),
    ...(input.rules !== undefined ? { rules: input.rules } : {}),
  };
  if (earlier === '' || input.plainReference === true) {
    const prompt = earlier === '' ? input.instruction : `${earlier}\n\n${NOW_LEAD} ${input.instruction.trim()}`;
    return { ...options, prompt, references: [input.image, ...(input.references ?? [])] };
  }
  return {
    ...options,
    prompt: input.instruction,
    ...(input.references && input.references.length > 0 ? { references: input.references } : {}),
    history: [{ role: 'user', parts: [{ text: earlier }] }, modelImageTurn(input)],
  };
}

/** Whether the request carries a model turn that Google could refuse for its signature. */
export function hasModelTurn(request: ImageRequest | CheckedImageRequest): boolean {
  return (request.history ?? []).some((turn) => turn.role === 'model');
}

// Google's texts, as public issues quote them (archestra-ai/archestra #2548, langchain-google #1837): "Image part
// is missing a thought_signature in content position 3, part position 1. Please refer to …", its text-part twin,
// and "… has an invalid thought signature for content at index 1".
const SIGNATURE_REFUSAL = /\b(image|text) part is missing a thought_signature\b|\binvalid thought[_ ]signature\b/i;

/**
 * Whether Gemini refused the request because of a thought signature: a 400 with one of Google's texts (the client
 * maps it to MISSING_THOUGHT_SIGNATURE), or a response that finished with that reason.
 */
export function isSignatureRefusal(error: unknown): boolean {
  if (isPeelError(error)) {
    if (error.code === 'MISSING_THOUGHT_SIGNATURE') return true;
    if (error.details.status !== 400) return false;
    return SIGNATURE_REFUSAL.test(`${error.message} ${error.details.detail ?? ''}`);
  }
  return error instanceof Error && SIGNATURE_REFUSAL.test(error.message);
}

/**
 * Sends an edit, and once more as a plain user reference when Google refuses the model turn's signature. Any
 * other failure, or a second refusal, is the caller's to report.
 */
export function sendEdit<T>(input: EditInput, send: (request: ImageRequest | CheckedImageRequest) => T): T {
  const request = buildEditRequest(input);
  try {
    return send(request);
  } catch (error) {
    if (!hasModelTurn(request) || !isSignatureRefusal(error)) throw error;
    return send(buildEditRequest({ ...input, plainReference: true }));
  }
}
