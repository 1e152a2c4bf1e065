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
  maxValue,
  minValue,
  nullable,
  number,
  optional,
  picklist,
  pipe,
  strictObject,
  string,
} from 'valibot';
import { DOCS_WIDTHS } from '../core/docs-width';
import { IMAGE_SIZES } from '../core/gemini/catalog';
import { SIDEBAR_WAIT_POLICY } from '../core/gemini/retry';

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

export const generateRequest = request('the generate request', {
  prompt: pipe(text('the prompt', MAX_PROMPT_CHARS), nonEmpty('the prompt', 'Describe the image first')),
  model: pipe(text('the model id', MAX_ID_CHARS), nonEmpty('the model id', 'Pick a model')),
  aspectRatio: text('the aspect ratio', 20),
  imageSize: picklist(IMAGE_SIZES, `Pick an image size: ${IMAGE_SIZES.join(', ')}.`),
  /**
   * Which call this is for one image (1 first; 2 and on after a wait the server asked for: ImageCallOutcome).
   * Variants are not a field: the sidebar makes one call per variant, each its own execution.
   */
  attempt: optional(
    pipe(
      number('Send the attempt as a number.'),
      integer('Send the attempt as a whole number.'),
      minValue(1, 'Start at attempt 1.'),
      maxValue(SIDEBAR_WAIT_POLICY.maxAttempts, `Peel makes at most ${SIDEBAR_WAIT_POLICY.maxAttempts} attempts.`),
    ),
  ),
  /**
   * The document's total as this sidebar last heard it (SidebarContext's, then its own sum). Generate
   * adds its own cost to it instead of reading the document's properties back; without it (null, or left out),
   * Generate reads them.
   */
  documentCostUsd: optional(
    nullable(
      pipe(
        number('Reopen the sidebar: the running cost it sent is not an amount.'),
        finite('Reopen the sidebar: the running cost it sent is not an amount.'),
        minValue(0, 'Reopen the sidebar: the running cost it sent is below zero.'),
      ),
    ),
  ),
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
  /** Docs: how wide the new image is (the document's remembered choice, as the sidebar shows it); full if left out. */
  docsWidth: optional(nullable(docsWidthPick())),
});

function docsWidthPick() {
  return picklist(DOCS_WIDTHS, `Choose a width: ${DOCS_WIDTHS.join(', ')}.`);
}

/** Docs: the width new images take in this document, remembered for everyone who inserts here. */
export const docsWidthArg = docsWidthPick();

export const imageIdsArg = pipe(
  array(text('an image id', MAX_ID_CHARS), 'Send the image ids as a list.'),
  maxLength(MAX_DISCARD_IDS, `Discard at most ${MAX_DISCARD_IDS} images at a time.`),
);

export const illustrateOptions = request('the illustrate options', {
  includeNotes: boolean('Send includeNotes as true or false.'),
});

export type GenerateRequest = InferOutput<typeof generateRequest>;
export type InsertRequest = InferOutput<typeof insertRequest>;
export type InsertMode = InsertRequest['mode'];
export type IllustrateOptions = InferOutput<typeof illustrateOptions>;
