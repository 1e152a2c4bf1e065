/**
 * What the sidebar may send, declared once: each schema is both the TypeScript type of a request (rpc.ts
 * re-exports the inferred types, so the sidebar's client is typed from here) and its runtime check, which
 * `expose` (src/server/boundary.ts) applies to google.script.run's arguments before a server function starts.
 *
 * These check shape and bounds only. What a model accepts (ratios, sizes, variant count, reference images)
 * is core's to say (src/core/gemini/options.ts), checked once the shape is known to be right.
 *
 * Every message is a sentence saying what to fix: it becomes a BAD_INPUT's detail. Bounds exist so a hostile or
 * buggy caller cannot make the server walk 10 MB of text or 100,000 ids; each is far above what the sidebar sends.
 */
import {
  array,
  type BaseIssue,
  type BaseSchema,
  boolean,
  check,
  finite,
  type InferOutput,
  integer,
  maxLength,
  minValue,
  nullable,
  number,
  optional,
  picklist,
  pipe,
  strictObject,
  string,
  variant,
} from 'valibot';
import { IMAGE_SIZES } from '../core/gemini/catalog';

export type Schema = BaseSchema<unknown, unknown, BaseIssue<unknown>>;

/** Far more than any prompt a person types or Peel composes. */
export const MAX_PROMPT_CHARS = 10_000;
/** Alt text is cut far below this. */
export const MAX_TEXT_CHARS = 20_000;
/** A pasted key with stray spaces still fits; prose does not. */
const MAX_KEY_CHARS = 1_000;
const MAX_ID_CHARS = 200;
/**
 * The sidebar frees one Generate's previews (at most MAX_VARIANTS) at a time; twice that leaves room, and more is
 * not the sidebar. One call never fans out into an unbounded removeAll.
 */
export const MAX_DISCARD_IDS = 8;

function text(what: string, max: number) {
  return pipe(
    string(`Send ${what} as text.`),
    maxLength(max, `Shorten ${what} to at most ${max.toLocaleString('en-US')} characters.`),
  );
}

function request<const E extends Record<string, Schema>>(what: string, entries: E) {
  const fields = Object.keys(entries).join(', ');
  return strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `Remove the field ${String(issue.input)} from ${what}: it takes ${fields}.`;
    if (issue.expected === 'Object') return `Send ${what} as an object with ${fields}.`;
    return `Add the field ${issue.expected} to ${what}.`;
  });
}

const nonEmpty = (what: string, fix: string) =>
  check((value: string) => value.trim() !== '', `${fix} (${what} is empty).`);

export const apiKeyArg = text('the API key', MAX_KEY_CHARS);
export const modelIdArg = pipe(text('the model id', MAX_ID_CHARS), nonEmpty('the model id', 'Pick a model'));
/** Test key: the key typed in Settings, or null / nothing for the key in effect. */
export const keyToTestArg = optional(nullable(apiKeyArg));

/** The document's running cost as the sidebar last heard it (generate and edit requests). */
const runningCost = optional(
  nullable(
    pipe(
      number('Reopen the sidebar: the running cost it sent is not an amount.'),
      finite('Reopen the sidebar: the running cost it sent is not an amount.'),
      minValue(0, 'Reopen the sidebar: the running cost it sent is below zero.'),
    ),
  ),
);

export const generateRequest = request('the generate request', {
  prompt: pipe(text('the prompt', MAX_PROMPT_CHARS), nonEmpty('the prompt', 'Describe the image first')),
  model: pipe(text('the model id', MAX_ID_CHARS), nonEmpty('the model id', 'Pick a model')),
  aspectRatio: text('the aspect ratio', 20),
  imageSize: picklist(IMAGE_SIZES, `Pick an image size: ${IMAGE_SIZES.join(', ')}.`),
  /** 1 to MAX_VARIANTS (core), generated in parallel (image models make one image per call). */
  variants: pipe(
    number('Send the number of variants as a number.'),
    integer('Ask for a whole number of variants.'),
    minValue(1, 'Ask for at least 1 variant.'),
  ),
  /**
   * The document's total as this sidebar last heard it (SidebarContext's, then each GenerateResult's). Generate
   * adds its own cost to it instead of reading the document's properties back; without it (null, or left out),
   * Generate reads them.
   */
  documentCostUsd: runningCost,
});

export const insertRequest = request('the insert request', {
  /** The server-side handle from a GeneratedImage: Insert sends it back instead of the bytes. */
  imageId: pipe(text('the image id', MAX_ID_CHARS), nonEmpty('the image id', 'Pick an image to insert')),
  mode: picklist(['insert', 'background', 'replace'], 'Choose insert, background or replace.'),
  /** The prompt the image was made from: the source of its alt text. */
  prompt: optional(nullable(text('the prompt', MAX_TEXT_CHARS))),
  /** The model's commentary, added to the alt description. */
  modelText: optional(nullable(text('the model text', MAX_TEXT_CHARS))),
  /**
   * Slides, mode 'insert' on a slide without room (Target.noRoom): 'new-slide' (what plain Insert does there) or
   * 'on-top' (the largest box inside the margins, over the slide's content, as the person chose).
   */
  where: optional(nullable(picklist(['new-slide', 'on-top'], 'Choose a new slide or on top.'))),
});

export const imageIdsArg = pipe(
  array(text('an image id', MAX_ID_CHARS), 'Send the image ids as a list.'),
  maxLength(MAX_DISCARD_IDS, `Discard at most ${MAX_DISCARD_IDS} images at a time.`),
);

export const illustrateOptions = request('the illustrate options', {
  includeNotes: boolean('Send includeNotes as true or false.'),
});

// ---------------------------------------------------------------------------------------------------------
// Edit conversations (issue 10). An ImageRef is the server's opaque name for an image (rpc.ts); its shape is
// checked where it is resolved, here only its length.

export const imageRefArg = pipe(
  text('the image reference', MAX_ID_CHARS),
  nonEmpty('the image reference', 'Select an image'),
);
/** getThread: the selected image's ref, or null for the document's most recent thread. */
export const threadRefArg = nullable(imageRefArg);
export const threadIdArg = pipe(text('the thread id', MAX_ID_CHARS), nonEmpty('the thread id', 'Pick a thread'));
export const versionIdArg = pipe(text('the version id', MAX_ID_CHARS), nonEmpty('the version id', 'Pick a version'));

const RATIO_SHAPE = /^\d{1,2}:\d{1,2}$/;

/** A one-click edit (core/quick-edits.ts); null for an instruction the person typed. */
export const quickEditRequest = nullable(
  variant(
    'kind',
    [
      strictObject({ kind: picklist(['remove-background', 'more-like-this', 'match-colours']) }),
      strictObject({
        kind: picklist(['replace-background']),
        with: pipe(
          text('the new background', MAX_PROMPT_CHARS),
          nonEmpty('the new background', 'Say which colour or scene'),
        ),
      }),
      strictObject({
        kind: picklist(['expand']),
        aspectRatio: pipe(
          text('the aspect ratio', 20),
          check((value: string) => RATIO_SHAPE.test(value), 'Pick a ratio such as 16:9.'),
        ),
      }),
    ],
    'Send a quick edit as one of remove-background, replace-background, expand, more-like-this, match-colours.',
  ),
);

export const editRequest = request('the edit request', {
  ref: imageRefArg,
  /** The thread the sidebar shows, or null for an image with none yet (the server reads the latest anyway). */
  threadId: nullable(threadIdArg),
  /** What the person typed; for a quick edit the server words it, so it may be empty. */
  instruction: text('the instruction', MAX_PROMPT_CHARS),
  model: pipe(text('the model id', MAX_ID_CHARS), nonEmpty('the model id', 'Pick a model')),
  /** Null keeps the image's own ratio (the model's nearest to it). */
  aspectRatio: nullable(text('the aspect ratio', 20)),
  imageSize: picklist(IMAGE_SIZES, `Pick an image size: ${IMAGE_SIZES.join(', ')}.`),
  quick: quickEditRequest,
  /** As in the generate request: the document's total as this sidebar last heard it. */
  documentCostUsd: runningCost,
});

export const applyRequest = request('the apply request', {
  /** The EditResult's image id: Apply sends it back instead of the bytes. */
  imageId: pipe(text('the image id', MAX_ID_CHARS), nonEmpty('the image id', 'Pick an edit to apply')),
  ref: imageRefArg,
  threadId: nullable(threadIdArg),
  /** The instruction as the thread shows it (for a quick edit, ignored: the server words it). */
  instruction: text('the instruction', MAX_PROMPT_CHARS),
  modelText: nullable(text('the model text', MAX_TEXT_CHARS)),
  quick: quickEditRequest,
  /** False replaces a description a person wrote with Peel's own. */
  keepAltDescription: boolean('Send keepAltDescription as true or false.'),
});

export type GenerateRequest = InferOutput<typeof generateRequest>;
export type EditRequest = InferOutput<typeof editRequest>;
export type ApplyRequest = InferOutput<typeof applyRequest>;
export type QuickEditRequest = InferOutput<typeof quickEditRequest>;
export type InsertRequest = InferOutput<typeof insertRequest>;
export type InsertMode = InsertRequest['mode'];
export type IllustrateOptions = InferOutput<typeof illustrateOptions>;
