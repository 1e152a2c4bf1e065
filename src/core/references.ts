/**
 * Reference images in words: the prompt Peel composes for a blend or a style transfer, `@Name`
 * mentions of the document's named references, and what a thread records about the references it used. Pure:
 * the sidebar shows the composed prompt (editable) before sending, and the server sends what the sidebar sent,
 * with the images in tray order, so the numbers in the words are the order of the images in the request.
 */
import { inEnglish, said } from './errors';
import { decodedLength, imageDataProblem } from './gemini/base64';
import { GEMINI_INLINE_REQUEST_BYTES, MAX_REQUEST_BYTES, VERTEX_MAX_INLINE_BYTES } from './gemini/limits';
import type { Words } from './i18n';
import {
  base64Header,
  HEADER_BYTES,
  MAX_REFERENCE_PIXELS,
  megapixels,
  overPixelLimit,
  sameImageType,
  typeWord,
} from './image-info';

export const REFERENCE_ROLES = ['subject', 'style', 'scene'] as const;
/** How a composed prompt names a reference: the subject or a character, the style, an object or a scene. */
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];

/** One image as the words name it: its role, and its name when it is one of the document's named references. */
export interface PromptReference {
  readonly role: ReferenceRole;
  readonly name?: string;
}

export interface ComposeOptions {
  /**
   * An edit: the picture being edited comes first in the request and the references after it, so they are
   * numbered from 2 and the words say which image is the one to change.
   */
  readonly editing?: boolean;
}

const ROLE_WORDS: Readonly<Record<ReferenceRole, string>> = {
  subject: 'the subject',
  style: 'the style',
  scene: 'an object or scene',
};

/** "the subject (Mira)", "the style", "an object or scene (Harbour)". */
export function roleWords(reference: PromptReference): string {
  const name = reference.name?.trim();
  return name ? `${ROLE_WORDS[reference.role]} (${name})` : ROLE_WORDS[reference.role];
}

function firstNumber(options: ComposeOptions): number {
  return options.editing === true ? 2 : 1;
}

/** "1", "1 and 2", "1, 2 and 3". */
function numbers(ns: readonly number[]): string {
  return ns.length <= 1 ? ns.join('') : `${ns.slice(0, -1).join(', ')} and ${ns.at(-1)}`;
}

const PLURAL_ROLE_WORDS: Readonly<Record<ReferenceRole, string>> = {
  subject: 'the subjects',
  style: 'the style',
  scene: 'objects or scenes',
};

/**
 * "Image 1 is the subject (Mira); image 2 is the style." — each reference by its position in the request and
 * its role; several unnamed ones with the same role share one clause ("Images 1 and 2 are the subjects").
 * Editing: "Image 1 is the picture to change; image 2 is the style." Empty with no references.
 */
export function describeReferences(references: readonly PromptReference[], options: ComposeOptions = {}): string {
  if (references.length === 0) return '';
  const start = firstNumber(options);
  const parts: string[] = [];
  const done = new Set<number>();
  references.forEach((r, i) => {
    if (done.has(i)) return;
    const same = r.name?.trim()
      ? [i]
      : references.flatMap((o, j) => (j >= i && o.role === r.role && !o.name?.trim() ? [j] : []));
    for (const j of same) done.add(j);
    parts.push(
      same.length === 1
        ? `image ${start + i} is ${roleWords(r)}`
        : `images ${numbers(same.map((j) => start + j))} are ${PLURAL_ROLE_WORDS[r.role]}`,
    );
  });
  if (options.editing === true) parts.unshift('image 1 is the picture to change');
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

const STYLE_OF = /\b(?:in the style of|styled like|in the manner of)\s+(?:the\s+)?(.{0,60})/i;

/**
 * The roles as the person's words give them: "in the style of image 2", "in the style of @Ink" or "in the style
 * of the uploaded image" make that image the style, whatever its role was. Otherwise the roles are unchanged.
 */
export function rolesFromWords(
  instruction: string,
  references: readonly PromptReference[],
  options: ComposeOptions = {},
): PromptReference[] {
  const out = [...references];
  const said = STYLE_OF.exec(instruction)?.[1]?.toLowerCase() ?? null;
  if (said === null || out.length === 0) return out;
  const start = firstNumber(options);
  const byNumber = /^image\s+(\d+)/.exec(said);
  let index = byNumber ? Number(byNumber[1]) - start : -1;
  if (index < 0)
    index = out.findIndex((r) => r.name?.trim() && said.replace(/^@/, '').startsWith(r.name.trim().toLowerCase()));
  if (index < 0 && out.length === 1 && /^(?:uploaded |reference |attached )?(?:image|picture|photo|one)\b/.test(said)) {
    index = 0;
  }
  const chosen = out[index];
  if (chosen) out[index] = { ...chosen, role: 'style' };
  return out;
}

/** The sentence that says what to make of the references, grammatical for one image or several. */
function combineWords(references: readonly PromptReference[], options: ComposeOptions): string {
  if (options.editing === true) {
    return references.length === 1
      ? 'Change image 1 using image 2 as described, keeping its composition.'
      : 'Change image 1 using the other images as described, keeping its composition.';
  }
  const [only] = references;
  if (references.length === 1 && only) {
    if (only.role === 'style') {
      return 'Draw a new image in the style of image 1: take its medium, palette, lighting and texture, not its subjects.';
    }
    if (only.role === 'scene') return 'Use the object or scene of image 1 in the new image.';
    return 'Keep the subject of image 1 recognisable in the new image.';
  }
  return 'Combine them into one new image: keep the subject recognisable and follow the style where one is given.';
}

/**
 * The blend prompt: the references described, then what the person asked for, then the instruction that makes
 * one image of them. `instruction` is the person's words (may be empty: a plain blend); where they say which
 * image is the style, the words follow them (rolesFromWords).
 */
export function composeBlendPrompt(
  instruction: string,
  references: readonly PromptReference[],
  options: ComposeOptions = {},
): string {
  const wanted = sentence(instruction);
  const roles = rolesFromWords(instruction, references, options);
  const described = describeReferences(roles, options);
  if (described === '') return instruction.trim();
  return [described, wanted, combineWords(roles, options)].filter((s) => s !== '').join(' ');
}

/** What a person typed, ended as a sentence so the words Peel adds after it do not run on. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?…:;)"'”’]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Style transfer: the content of one image drawn in the style of another. `content` and `style` are 1-based
 * positions in the request (an edit: content 1, the picture being edited). Names, when given, are added.
 */
export function composeStyleTransferPrompt(
  content: { readonly position: number; readonly name?: string },
  style: { readonly position: number; readonly name?: string },
  instruction = '',
): string {
  const named = (n?: string) => (n?.trim() ? ` (${n.trim()})` : '');
  const lead =
    `Redraw the content of image ${content.position}${named(content.name)} in the style of image ` +
    `${style.position}${named(style.name)}: keep its subjects, layout and composition from image ` +
    `${content.position}, and take the medium, palette, brushwork, lighting and texture from image ` +
    `${style.position}. Do not copy the subjects of image ${style.position}.`;
  const wanted = instruction.trim();
  return wanted === '' ? lead : `${lead} ${wanted}`;
}

export interface Mentions {
  /** The named references mentioned, spelled as the document names them, first mention first, each once. */
  readonly names: readonly string[];
  /** The text with each recognised `@Name` written as its name without the `@` (what Gemini reads). */
  readonly text: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The `@Name` mentions in `text` of the document's `names`: case-insensitive, the longest name first (so
 * "@Brand style" is "Brand style", not "Brand"), and a name must end at a word boundary ("@Miranda" is not
 * "Mira"). An `@` that names nothing is left as it is.
 */
export function parseMentions(text: string, names: readonly string[]): Mentions {
  const candidates = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  const found: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    out += text.slice(i, at);
    const before = at > 0 ? text.charAt(at - 1) : '';
    const rest = text.slice(at + 1);
    const lower = rest.toLowerCase();
    const name = WORD_CHAR.test(before)
      ? undefined // an e-mail address, not a mention
      : candidates.find((n) => lower.startsWith(n.toLowerCase()) && !WORD_CHAR.test(rest.charAt(n.length) || ' '));
    if (name === undefined) {
      out += '@';
      i = at + 1;
      continue;
    }
    if (!found.some((f) => f.toLowerCase() === name.toLowerCase())) found.push(name);
    out += rest.slice(0, name.length);
    i = at + 1 + name.length;
  }
  out += text.slice(i);
  return { names: found, text: out };
}

/**
 * What a thread's first turn records about the references it used (Turn.refs): each named reference by its
 * name, each other one by its role, in request order.
 */
export function recordedReferences(references: readonly PromptReference[]): string[] {
  return references.map((r) => r.name?.trim() || r.role);
}

// ---------------------------------------------------------------------------------------------------------
// Limits: stated by the sidebar before sending, enforced by the server before anything is read or billed

export interface ReferenceLimits {
  /** The model's most reference images (catalog maxReferenceImages); an edit's own picture counts as one. */
  readonly count: number;
  /** Per image: Vertex AI's 7 MB for inline images (the same cap is kept on the Gemini API: one rule). */
  readonly eachBytes: number;
  /** The whole request as sent: the lower of UrlFetchApp's 50 MB and Gemini's inline limit. */
  readonly requestBytes: number;
}

/** A megabyte as Peel's limits count it. */
export const MB = 1024 * 1024;

export function referenceLimits(maxReferenceImages: number): ReferenceLimits {
  return {
    count: maxReferenceImages,
    eachBytes: VERTEX_MAX_INLINE_BYTES,
    requestBytes: Math.min(MAX_REQUEST_BYTES, GEMINI_INLINE_REQUEST_BYTES),
  };
}

/**
 * The first limit `references` (decoded byte sizes, request order) would break, as words for the person, or
 * null when they fit. `alreadyBytes` is what the request carries besides them (an edit's picture, history).
 * Base64 in JSON is 4/3 of the bytes, which is what counts against the request limit.
 */
export function referenceLimitProblem(
  modelName: string,
  maxReferenceImages: number,
  references: readonly number[],
  alreadyBytes = 0,
): LimitBreach | null {
  const limits = referenceLimits(maxReferenceImages);
  if (references.length > limits.count) {
    const over = references.length - limits.count;
    return { key: 'limitCount', params: { model: modelName, max: limits.count, over, total: references.length } };
  }
  const big = references.findIndex((bytes) => bytes > limits.eachBytes);
  if (big >= 0) {
    const mb = Math.ceil((references[big] ?? 0) / MB);
    return { key: 'limitEach', params: { n: big + 1, mb, max: limits.eachBytes / MB } };
  }
  const encoded = Math.ceil(((references.reduce((a, b) => a + b, 0) + alreadyBytes) * 4) / 3);
  if (encoded > limits.requestBytes) {
    return { key: 'limitRequest', params: { mb: Math.ceil(encoded / MB), max: limits.requestBytes / MB } };
  }
  return null;
}

/**
 * The first reference limit a request breaks, as the words of a sentence: the server says it from its catalog,
 * the sidebar from its own, where both have it under the same key.
 */
export interface LimitBreach {
  readonly key: 'limitCount' | 'limitEach' | 'limitRequest';
  readonly params: Readonly<Record<string, string | number>>;
}

// ---------------------------------------------------------------------------------------------------------
// Uploads: what the sidebar sent must be the image it says it is, and within Peel's limits

/** A refused upload: over a limit, or not the picture it says it is; `why` names the problem. */
export interface UploadRefusal {
  readonly code: 'REFERENCE_TOO_LARGE' | 'REFERENCE_UNREADABLE';
  /** In English, for the log; `words` says it in the reader's language at the boundary (errors.ts detailOf). */
  readonly why: string;
  readonly words: Words;
}

/**
 * Why an uploaded reference is refused, in words for the person, or null when it may be kept. Checks the type
 * Gemini reads, its bytes against `maxBytes`, whole standard base64, then its header (read without decoding any
 * pixel): the type it says against the claimed one, its pixel size against Peel's limit, and against the
 * claimed size.
 */
export function uploadProblem(
  upload: {
    readonly mimeType: string;
    readonly base64: string;
    readonly pixelWidth: number;
    readonly pixelHeight: number;
  },
  inputTypes: readonly string[],
  maxBytes: number,
): UploadRefusal | null {
  const { mimeType, base64 } = upload;
  const refusal = (code: UploadRefusal['code'], words: Words): UploadRefusal => ({
    code,
    why: said(words, inEnglish),
    words,
  });
  const unreadable = (why: Words) => refusal('REFERENCE_UNREADABLE', { key: 'refUnreadable', params: { why } });
  if (!inputTypes.includes(mimeType)) {
    return refusal('REFERENCE_UNREADABLE', { key: 'refTypes', params: { type: mimeType || { key: 'refThisKind' } } });
  }
  const bytes = decodedLength(base64);
  if (bytes > maxBytes) {
    const params = { mb: Math.ceil(bytes / MB), max: Math.floor(maxBytes / MB) };
    return refusal('REFERENCE_TOO_LARGE', { key: 'refTooBig', params });
  }
  const header = base64Header(base64);
  if (header && !sameImageType(header.mimeType, mimeType)) {
    return unreadable({ key: 'refOtherType', params: { type: typeWord(header.mimeType), sent: mimeType } });
  }
  const whole = imageDataProblem(mimeType, base64);
  if (whole !== null) return unreadable(whole);
  if (!header) return unreadable({ key: 'dataNotStart', params: { type: typeWord(mimeType) } });
  const { size } = header;
  if (!size) return unreadable({ key: 'refNoSize', params: { kb: HEADER_BYTES / 1024 } });
  // Sizes as the header gives them: text, not numbers to format.
  const [width, height] = [String(size.width), String(size.height)];
  if (overPixelLimit(size)) {
    const max = MAX_REFERENCE_PIXELS / 1_000_000;
    return refusal('REFERENCE_TOO_LARGE', {
      key: 'refPixels',
      params: { width, height, megapixels: megapixels(size), max },
    });
  }
  if (size.width !== upload.pixelWidth || size.height !== upload.pixelHeight) {
    const sent = { sentWidth: String(upload.pixelWidth), sentHeight: String(upload.pixelHeight) };
    return unreadable({ key: 'refSize', params: { width, height, ...sent } });
  }
  return null;
}
