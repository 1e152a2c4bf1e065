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
  variant,
} from 'valibot';
import { DOCS_WIDTHS } from '../core/docs-width';
import { IMAGE_SIZES } from '../core/gemini/catalog';
import { VERTEX_MAX_INLINE_BYTES } from '../core/gemini/limits';
import { SIDEBAR_WAIT_POLICY } from '../core/gemini/retry';
import { EN_SERVER } from '../core/i18n/en-server';
import { KEY_COLOURS } from '../core/matte';
import { PLACE_CHOICES } from '../core/placement';
import { REFERENCE_ROLES } from '../core/references';

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
const imageSizeArg = picklist(IMAGE_SIZES, `Pick an image size: ${IMAGE_SIZES.join(', ')}.`);
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

/** Which call this is for one image, after Gemini asked to wait (RetryLater.attempt); left out on the first. */
const attempt = optional(
  pipe(
    number('Send the attempt as a number.'),
    integer('Send the attempt as a whole number.'),
    minValue(1, 'Start at attempt 1.'),
    maxValue(SIDEBAR_WAIT_POLICY.maxAttempts, `Peel makes at most ${SIDEBAR_WAIT_POLICY.maxAttempts} attempts.`),
  ),
);

// ---------------------------------------------------------------------------------------------------------
// Reference images

const referenceRole = picklist(REFERENCE_ROLES, `Pick a role: ${REFERENCE_ROLES.join(', ')}.`);
/** The most any model takes (the catalog's per-model limit is checked in core, before anything is sent). */
export const MAX_REQUEST_REFERENCES = 14;
/**
 * Vertex AI's 7 MB per inline image (limits.ts) is the most a reference may be; the sidebar scales files far
 * below it before they are sent. Base64 is 4 characters per 3 bytes.
 */
export const MAX_REFERENCE_BYTES = VERTEX_MAX_INLINE_BYTES;
const MAX_REFERENCE_BASE64 = Math.ceil(MAX_REFERENCE_BYTES / 3) * 4;
export const MAX_REFERENCE_NAME_CHARS = 40;

export const referenceNameArg = pipe(
  text('the reference name', MAX_REFERENCE_NAME_CHARS),
  nonEmpty('the reference name', 'Give the reference a name'),
);

/** One reference a request uses: one kept for this user (by handle id), or one of the document's named ones. */
export const referenceUse = variant(
  'kind',
  [
    strictObject({
      kind: picklist(['handle']),
      id: pipe(text('the reference id', MAX_ID_CHARS), nonEmpty('the reference id', 'Add the reference again')),
      role: referenceRole,
    }),
    strictObject({ kind: picklist(['named']), name: referenceNameArg }),
  ],
  'Send a reference as a handle (id and role) or a named reference (name).',
);
export type ReferenceUse = InferOutput<typeof referenceUse>;

const referenceUses = optional(
  pipe(
    array(referenceUse, 'Send the references as a list.'),
    maxLength(MAX_REQUEST_REFERENCES, `Use at most ${MAX_REQUEST_REFERENCES} reference images.`),
  ),
);

/** A file from the computer, already scaled down in the browser. */
export const uploadReferenceRequest = request('the reference upload', {
  mimeType: text('the image type', 40),
  base64: pipe(text('the image', MAX_REFERENCE_BASE64), nonEmpty('the image', 'Choose an image file')),
  pixelWidth: pipe(
    number('Send the width as a number.'),
    integer('Send the width in whole pixels.'),
    minValue(1, 'The image has no width.'),
  ),
  pixelHeight: pipe(
    number('Send the height as a number.'),
    integer('Send the height in whole pixels.'),
    minValue(1, 'The image has no height.'),
  ),
});
export type UploadReferenceRequest = InferOutput<typeof uploadReferenceRequest>;

export const pinReferenceRequest = request('the pin request', {
  /** A handle the caller holds (uploaded or taken from the document). */
  handleId: pipe(text('the reference id', MAX_ID_CHARS), nonEmpty('the reference id', 'Add the reference again')),
  name: referenceNameArg,
  role: referenceRole,
});
export type PinReferenceRequest = InferOutput<typeof pinReferenceRequest>;

/** What every request for an image carries besides what it asks for, and how it is checked. */
const imageCall = {
  model: modelIdArg,
  imageSize: imageSizeArg,
  /**
   * Which call this is for one image (1 first; 2 and on after a wait the server asked for: ImageCallOutcome).
   * Variants are not a field: the sidebar makes one call per variant, each its own execution.
   */
  attempt,
  /**
   * The document's total as this sidebar last heard it (SidebarContext's, then its own sum). The server adds
   * this image's cost to it instead of reading the document's properties back; without it (null, or left out),
   * the server reads them.
   */
  documentCostUsd: runningCost,
  /** Reference images for this image (an edit sends them after the picture: style transfer); none when left out. */
  references: referenceUses,
  /** False sends this one request without the document's style; the style applies when left out. */
  style: optional(boolean('Send style as true or false.')),
};

/** The id of a reading of the selection the server kept (Target.placeId, src/server/spine/shown.ts). */
const placeIdArg = optional(nullable(text('the place id', MAX_ID_CHARS)));

/**
 * Slides: where a new image goes when the slide offers choices (Target.offers, Target.noRoom): the small free
 * space ('beside'), a new slide after this one (what Insert does there unasked), behind the slide's content as its
 * background, or on top of it (no room at all). Generate draws at that choice's ratio; Insert places it there
 * (core/placement.ts honour). A choice the slide does not offer is ignored.
 */
const whereArg = optional(nullable(picklist(PLACE_CHOICES, `Choose where: ${PLACE_CHOICES.join(', ')}.`)));

export const generateRequest = request('the generate request', {
  prompt: pipe(text('the prompt', MAX_PROMPT_CHARS), nonEmpty('the prompt', 'Describe the image first')),
  aspectRatio: text('the aspect ratio', 20),
  ...imageCall,
  /**
   * Generate reads where the image would go (the selection, as getTarget does) in its own execution, before
   * anything is sent: nothing is sent or billed when no image can go there, and the answer carries that Target.
   * 'fit' draws at the model's ratio nearest to that place instead of `aspectRatio` (the person picked none);
   * 'check' keeps `aspectRatio`. Left out, the selection is not read.
   */
  selection: optional(nullable(picklist(['fit', 'check'], 'Send selection as fit or check.'))),
  /** With `selection`: the person's choice among the Target's offers; the answer's Target is that choice's. */
  where: whereArg,
  /**
   * With `selection`: the id of the place the sidebar shows (Target.placeId). While the server still keeps that
   * reading, Generate takes the place from it instead of reading the selection; otherwise it reads the selection.
   */
  placeId: placeIdArg,
});
export type GenerateRequest = InferOutput<typeof generateRequest>;

export const insertRequest = request('the insert request', {
  /**
   * The server-side handle from a GeneratedImage: Insert sends it back instead of the bytes. Everything else the
   * server knows of it (the prompt, the model's words) waits with it.
   */
  imageId: pipe(text('the image id', MAX_ID_CHARS), nonEmpty('the image id', 'Pick an image to insert')),
  mode: picklist(['insert', 'background', 'replace'], 'Choose insert, background or replace.'),
  /**
   * Slides, mode 'insert' on a slide that offers choices: 'on-top' is the largest box inside the margins, over
   * the slide's content; 'behind' covers the slide behind everything on it.
   */
  where: whereArg,
  /** Docs: how wide the new image is (the document's remembered choice, as the sidebar shows it); full if left out. */
  docsWidth: optional(nullable(docsWidthPick())),
  /**
   * Slides, mode 'insert': the id of the place the sidebar shows as the person presses Insert (Target.placeId).
   * While the server keeps that reading, a new picture on a slide goes there without reading the selection again.
   */
  placeId: placeIdArg,
});
export type InsertRequest = InferOutput<typeof insertRequest>;
export type InsertMode = InsertRequest['mode'];

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
export type IllustrateOptions = InferOutput<typeof illustrateOptions>;

// ---------------------------------------------------------------------------------------------------------
// Edit conversations. An ImageRef is the server's opaque name for an image (rpc.ts); its shape is
// checked where it is resolved, here only its length.

export const imageRefArg = pipe(
  text('the image reference', MAX_ID_CHARS),
  nonEmpty('the image reference', 'Select an image'),
);
/**
 * getTarget: the picture whose thread the sidebar shows (null: none), so a newly selected picture comes with
 * its thread; left out, the target comes without any thread.
 */
export const shownRefArg = optional(nullable(imageRefArg));
/** getThread: the selected image's ref, or null for the document's most recent thread. */
export const threadRefArg = nullable(imageRefArg);
export const threadIdArg = pipe(text('the thread id', MAX_ID_CHARS), nonEmpty('the thread id', 'Pick a thread'));
/** getPreview: a preview's image id (a chain's shown turn names it). */
export const previewIdArg = pipe(text('the preview id', MAX_ID_CHARS), nonEmpty('the preview id', 'Pick a preview'));
export const versionIdArg = pipe(text('the version id', MAX_ID_CHARS), nonEmpty('the version id', 'Pick a version'));

const RATIO_SHAPE = /^\d{1,2}:\d{1,2}$/;

/** A one-click edit (core/quick-edits.ts); null for an instruction the person typed. */
export const quickEditRequest = nullable(
  variant(
    'kind',
    [
      strictObject({ kind: picklist(['more-like-this', 'match-colours']) }),
      strictObject({
        kind: picklist(['remove-background']),
        /** The key colour the sidebar chose far from the picture's colours (core/matte.ts). */
        key: optional(picklist(KEY_COLOURS, `Pick a key colour: one of ${KEY_COLOURS.join(', ')}.`)),
      }),
      strictObject({
        kind: picklist(['replace-background']),
        with: pipe(
          text('the new background', MAX_PROMPT_CHARS),
          nonEmpty('the new background', 'Say which colour or scene'),
        ),
      }),
      strictObject({ kind: picklist(['sharper']), imageSize: picklist(['2K', '4K'], 'Render sharper at 2K or 4K.') }),
      strictObject({
        kind: picklist(['expand']),
        aspectRatio: pipe(
          text('the aspect ratio', 20),
          check((value: string) => RATIO_SHAPE.test(value), EN_SERVER.quickRatio),
        ),
      }),
    ],
    'Send a quick edit as one of remove-background, replace-background, expand, more-like-this, match-colours, sharper.',
  ),
);
export type QuickEditRequest = InferOutput<typeof quickEditRequest>;

/** A corner or side of a marked part: a number (whether it is whole and inside the picture is core's to say). */
const regionPixels = pipe(number(EN_SERVER.regionNoCorners), finite(EN_SERVER.regionNoCorners));

/**
 * An edit kept to a marked part of the picture (core/region.ts): the rectangle in the picture's pixels, the colour
 * it is outlined in, and the marked copy the sidebar drew (the picture with that outline), sent as a JPEG or PNG.
 */
export const regionRequest = request('the marked part', {
  left: regionPixels,
  top: regionPixels,
  width: regionPixels,
  height: regionPixels,
  colour: picklist(KEY_COLOURS, `Pick a marking colour: one of ${KEY_COLOURS.join(', ')}.`),
  marked: pipe(
    text('the marked copy', MAX_REFERENCE_BASE64),
    nonEmpty('the marked copy', 'Mark the part to change again'),
  ),
});
export type RegionRequest = InferOutput<typeof regionRequest>;

export const editRequest = request('the edit request', {
  ref: imageRefArg,
  /** What the person typed; for a quick edit the server words it, so it may be empty. */
  instruction: text('the instruction', MAX_PROMPT_CHARS),
  /** Null keeps the image's own ratio (the model's nearest to it). */
  aspectRatio: nullable(text('the aspect ratio', 20)),
  quick: quickEditRequest,
  /** A part of the picture the change is kept to; left out or null, the whole picture may change. */
  region: optional(nullable(regionRequest)),
  /**
   * A chained edit: the id of the preview (an edit of this picture not applied yet) to continue from, instead of
   * the picture in the document. The server has its bytes and record; left out or null, the document's picture.
   */
  from: optional(nullable(previewIdArg)),
  ...imageCall,
});
export type EditRequest = InferOutput<typeof editRequest>;

/** A version id as a thread names it, or null for a picture with no thread yet. */
const seenVersion = nullable(versionIdArg);

export const applyRequest = request('the apply request', {
  /**
   * The delivered edit's image id: Apply sends it back instead of the bytes. The instruction, the model's words,
   * the picture and the version the edit started from wait with it on the server.
   */
  imageId: pipe(text('the image id', MAX_ID_CHARS), nonEmpty('the image id', 'Pick an edit to apply')),
  /** False replaces a description a person wrote with Peel's own. */
  keepAltDescription: boolean('Send keepAltDescription as true or false.'),
  /**
   * After a `changed` answer: apply on top of the picture now shown ('replace'), or keep this edit as a version
   * only ('keep'), with the version that answer said the document shows.
   */
  resolve: optional(
    nullable(
      request('the choice', {
        choice: picklist(['replace', 'keep'], 'Choose replace or keep.'),
        seen: seenVersion,
      }),
    ),
  ),
});
export type ApplyRequest = InferOutput<typeof applyRequest>;

/**
 * A cut-out's PNG is at most this much base64 (about 30 MB): a 4K picture with an alpha channel compresses well
 * under it, and the user cache keeps an image in at most 600 pieces of 100 KB.
 */
const MAX_CUTOUT_BASE64 = 40_000_000;

/**
 * keepCutout: a PNG the sidebar made from a made image where the pixels are, to be placed instead of it: the
 * cut-out with a real alpha channel it matted (core/matte.ts), checked to be a PNG with alpha the size of the image
 * it was cut from; or, after an edit kept to a marked part, the original outside that part and the model's picture
 * inside it (core/region.ts keepOutside), checked to be a PNG the size of the picture the edit started from.
 */
export const cutoutRequest = request('the cut-out', {
  imageId: pipe(text('the image id', MAX_ID_CHARS), nonEmpty('the image id', 'Pick the picture it was cut from')),
  base64: pipe(text('the cut-out', MAX_CUTOUT_BASE64), nonEmpty('the cut-out', 'Send the PNG Peel cut out')),
});
export type CutoutRequest = InferOutput<typeof cutoutRequest>;

export const restoreRequest = request('the restore request', {
  threadId: threadIdArg,
  versionId: versionIdArg,
  /** The version the person saw as the picture's current one: Restore changes nothing if it is not any more. */
  seen: seenVersion,
});
export type RestoreRequest = InferOutput<typeof restoreRequest>;

// ---------------------------------------------------------------------------------------------------------
// The document's style and batch jobs

const HEX_COLOUR = /^#[0-9a-f]{6}$/;
export const MAX_PALETTE = 8;
export const MAX_BRIEF_CHARS = 600;
export const MAX_JOB_ITEMS = 100;

const deckStyleArg = request('the style', {
  brief: text('the style brief', MAX_BRIEF_CHARS),
  palette: pipe(
    array(
      pipe(
        text('a colour', 7),
        check((value: string) => HEX_COLOUR.test(value), 'Write colours as #rrggbb in lower case.'),
      ),
      'Send the palette as a list.',
    ),
    maxLength(MAX_PALETTE, `Keep at most ${MAX_PALETTE} colours.`),
  ),
  references: pipe(
    array(referenceNameArg, 'Send the style references as a list of names.'),
    maxLength(MAX_REQUEST_REFERENCES, `Use at most ${MAX_REQUEST_REFERENCES} style references.`),
  ),
  on: boolean('Send on as true or false.'),
});

/** A style's version as getDeckStyle gave it (a hash), or null when the editor started from no style. */
const styleVersionArg = nullable(
  pipe(text('the style version', MAX_ID_CHARS), nonEmpty('the style version', 'Open the style again')),
);

export const saveStyleRequest = request('the style save', {
  style: deckStyleArg,
  /** The version the editor started from: the save changes nothing if someone saved since. */
  seen: styleVersionArg,
});
export type SaveStyleRequest = InferOutput<typeof saveStyleRequest>;

const jobKind = picklist(['illustrate', 'restyle'], 'Choose illustrate or restyle.');
const jobId = pipe(text('the job id', MAX_ID_CHARS), nonEmpty('the job id', 'Start the job again'));
const itemIndex = pipe(
  number('Send the item as a number.'),
  integer('Send the item as a whole number.'),
  minValue(0, 'Items count from 0.'),
  maxValue(MAX_JOB_ITEMS - 1, `A job has at most ${MAX_JOB_ITEMS} items.`),
);

/** What a job is: its kind, and the model and size every item is drawn with. */
const jobChoice = { kind: jobKind, model: modelIdArg, imageSize: imageSizeArg };

export const jobPlanRequest = request('the job plan request', jobChoice);
export type JobPlanRequest = InferOutput<typeof jobPlanRequest>;

export const startJobRequest = request('the job', {
  ...jobChoice,
  capUsd: pipe(
    number('Send the cap as an amount.'),
    finite('Send the cap as an amount.'),
    minValue(0, 'The cap cannot be below zero.'),
  ),
  items: pipe(
    array(
      request('a job item', {
        key: pipe(text('the slide or picture', MAX_ID_CHARS), nonEmpty('the slide or picture', 'Plan the job again')),
        prompt: pipe(text('the prompt', MAX_PROMPT_CHARS), nonEmpty('the prompt', 'Describe the image first')),
        aspectRatio: text('the aspect ratio', 20),
      }),
      'Send the job items as a list.',
    ),
    maxLength(MAX_JOB_ITEMS, `A job has at most ${MAX_JOB_ITEMS} items.`),
  ),
});
export type StartJobRequest = InferOutput<typeof startJobRequest>;

export const jobItemRequest = request('the job item', { jobId, index: itemIndex, attempt });
export type JobItemRequest = InferOutput<typeof jobItemRequest>;

export const reviewRequest = request('the review', {
  jobId,
  index: itemIndex,
  action: picklist(['accept', 'skip', 'regenerate', 'prompt'], 'Choose accept, skip, regenerate or prompt.'),
  /** For 'prompt': the new prompt (the item goes back to waiting, to be drawn again). */
  prompt: optional(nullable(text('the prompt', MAX_PROMPT_CHARS))),
});
export type ReviewRequest = InferOutput<typeof reviewRequest>;

export const jobIdArg = jobId;
