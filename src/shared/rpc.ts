/**
 * What crosses google.script.run, in both directions, as it arrives on the other side.
 *
 * google.script.run copies arguments and return values: primitives, plain objects and arrays only. A Date, a
 * function or a Blob makes the call fail, and `undefined` inside an array arrives as null. `Wire<T>` is the
 * type of a T after that copy; `WireSafe<T>` is `never` wherever T holds something that cannot cross, so a
 * server function that returns a Date fails to compile.
 */

import type { TurnKind } from '../core/conversation/thread';
import type { Style as DeckStyle } from '../core/deck-style';
import type { DocsWidth } from '../core/docs-width';
import type { UserFacingError } from '../core/errors';
import type { OfferedModel } from '../core/gemini/offered';
import type { InlineImage } from '../core/gemini/response';
import type { Words } from '../core/i18n';
import type { JobKind } from '../core/jobs';
import type { PlaceChoice, PlaceOffer } from '../core/placement';
import type { ReferenceRole } from '../core/references';

/** What a person sets as the document's style: one type, core's. */
export type { Style as DeckStyle } from '../core/deck-style';
export type { DocsWidth } from '../core/docs-width';
/** An error as the sidebar receives it: a stable code and words for the user (made by `describeError`). */
export type { UserFacingError } from '../core/errors';
export type { ImageSize } from '../core/gemini/catalog';
export type { OfferedModel } from '../core/gemini/offered';
/**
 * A sentence of the server's catalog not yet said: its key and what fills it. Where the server writes words on a
 * call that must not spend a call on the person's language (reading the selection, Insert, Apply), a field in
 * English has one of these beside it (`labelWords` beside `label`), and the sidebar says it in its language
 * with the catalog the context brought (kernel/words.ts `told`).
 */
export type { Words } from '../core/i18n';

/** What the sidebar sends: declared once, as schemas that also check it at the boundary. */
export type {
  ApplyRequest,
  EditRequest,
  GenerateRequest,
  IllustrateOptions,
  InsertMode,
  InsertRequest,
  JobItemRequest,
  JobPlanRequest,
  PinReferenceRequest,
  QuickEditRequest,
  ReferenceUse,
  RegionRequest,
  RestoreRequest,
  ReviewRequest,
  SaveStyleRequest,
  StartJobRequest,
  UploadReferenceRequest,
} from './requests';

type Primitive = string | number | boolean | null;
// biome-ignore lint/complexity/noBannedTypes: Function is exactly the type that cannot cross.
type Uncopyable = Date | Function | bigint | symbol | RegExp | Map<unknown, unknown> | Set<unknown> | Uint8Array;

export type WireSafe<T> = T extends Primitive
  ? T
  : T extends undefined
    ? undefined
    : T extends Uncopyable
      ? never
      : T extends readonly (infer U)[]
        ? readonly WireSafe<U>[]
        : T extends object
          ? { [K in keyof T]: WireSafe<T[K]> }
          : never;

/** A T after google.script.run copied it. */
export type Wire<T> = T extends Primitive
  ? T
  : T extends readonly (infer U)[]
    ? (U extends undefined ? null : Wire<U>)[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * Every sidebar-callable server function returns a Result. Failures Peel expects travel as values, because
 * google.script.run hands the failure handler only an Error's message.
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: UserFacingError };

export type Host = 'slides' | 'docs';

/** What the sidebar needs to draw itself when it opens. */
export interface SidebarContext {
  readonly host: Host;
  readonly version: string;
  /**
   * What Peel's images in this document have cost so far, read when the sidebar opens, so "This document so
   * far" shows from the start. 0 outside a document, or when the document's properties cannot be read.
   */
  readonly documentCostUsd: number;
  /**
   * The model menu as this user last had it (their cache), else the catalog's models: Generate is ready as soon
   * as the sidebar has this, and getModels refreshes it in the background.
   */
  readonly models?: readonly OfferedModel[];
  /** The organization's limits as last read (the user's cache), a sentence each: shown before a person tries. */
  readonly policy?: readonly string[];
  /** Docs: the width new images take in this document (document properties); full until someone chooses. */
  readonly docsWidth?: DocsWidth;
  /**
   * The language the sidebar speaks, from the editor's locale: 'en', one of core/i18n's LANGUAGES, or the
   * pseudo-locale 'en-XA'. Absent from older servers (English).
   */
  readonly locale?: string;
  /** That language's catalog as JSON, when it is not English (which is on the page). */
  readonly words?: string;
  /** The server's sentences in that language as JSON, when it is not English: what `Words` fields are said with. */
  readonly serverWords?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Generate and insert

export type TargetKind = 'slide' | 'shape' | 'placeholder' | 'image' | 'cursor' | 'paragraph' | 'none';

/** Where a new image would go, read from the user's selection when the sidebar asks. */
export interface Target {
  readonly host: Host;
  readonly kind: TargetKind;
  /** What Insert will do, for the user: "Current slide", "Fills the empty picture placeholder", "At the cursor". */
  readonly label: string;
  readonly labelWords?: Words;
  /** Width ÷ height the target wants: the selected box's, the slide's, or a sensible one in Docs. */
  readonly ratio: number;
  readonly canInsert: boolean;
  /** A selected picture can be swapped ("Replace selected"); an empty box is filled by Insert itself. */
  readonly canReplace: boolean;
  /** Slides only: a full-slide background. */
  readonly canBackground: boolean;
  /** Why an image cannot go here, when it cannot. */
  readonly problem?: string;
  readonly problemWords?: Words;
  /**
   * Slides: the slide has no free area worth an image (or none beside the selected text). `message` says so
   * before anything is generated; plain Insert then puts the image on a new slide after this one, and each
   * choice names what else is honest: the slide's background, or on top of the slide's content anyway.
   */
  readonly noRoom?: {
    readonly message: string;
    readonly messageWords?: Words;
    readonly choices: readonly NoRoomChoice[];
  };
  /**
   * Slides: the free space would hold only a picture under a quarter of the slide. `message` says so; plain
   * Insert puts the image on a new slide after this one, and each choice says what Insert does for it and the
   * ratio Generate draws at (GenerateRequest.where, InsertRequest.where).
   */
  readonly offers?: {
    readonly message: string;
    readonly messageWords?: Words;
    readonly choices: readonly PlaceOffer[];
  };
  /** The offer this Target was answered for, or that the person chose: its label and ratio are that offer's. */
  readonly chosen?: PlaceChoice;
  /** Slides: the slide's width ÷ height, the ratio a background must be generated at (Slides stretches it). */
  readonly backgroundRatio?: number;
  /** Exactly one image is selected: the one an edit would change, and its thread if it has one. */
  readonly image?: SelectedImage;
  /** Slides: two or more pictures are selected: they can become the references of one request. */
  readonly images?: readonly DocumentImage[];
  /**
   * The server's name for this reading of where the image goes, kept in the user's cache a short while:
   * Generate sends it back (GenerateRequest.placeId) to draw for the place the person was shown without reading
   * the selection again. Absent when it could not be kept.
   */
  readonly placeId?: string;
}

/**
 * An image in the open document as the server names it (`s:<objectId>` in Slides, `d:<threadId>` or
 * `d:new:<path>` in Docs). Opaque to the sidebar: it only sends it back.
 */
export type ImageRef = string;

export interface SelectedImage {
  readonly ref: ImageRef;
  readonly threadId: string | null;
  /** Its thread as the sidebar shows it, when the sidebar said it shows another picture's (getTarget). */
  readonly view?: ThreadView;
}

/** What the sidebar may offer when a slide has no room: see Target.noRoom and InsertRequest.where. */
export type NoRoomChoice = 'new-slide' | 'background' | 'on-top';

export interface GeneratedImage extends InlineImage {
  /** Server-side handle: Insert sends this back instead of the bytes, which cross google.script.run once. */
  readonly id: string;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly costUsd: number | null;
}

/**
 * What one image call brings back (generateImage; editImage is shaped the same): each variant is its own call and
 * its own execution, so one slow or failed variant costs the others nothing. A failure that ends the variant
 * comes back as the Result's error.
 */
export type ImageCallOutcome = ImageDelivered | RetryLater;

export interface ImageDelivered {
  readonly kind: 'image';
  readonly image: GeneratedImage;
  /**
   * What the request's words call the picture: the title its alt text gets when it is inserted, which the
   * sidebar's preview reads out too.
   */
  readonly altTitle: string;
  /** The model's own words, shown as text. */
  readonly text: string;
  readonly warnings: readonly string[];
  /**
   * The document's total with this image's cost: the request's total plus this cost, or, when the request
   * carried none, what the document's record says. Other variants' costs are not in it: the sidebar adds each.
   */
  readonly documentCostUsd: number;
  /** Where the image would go, as Generate read it when the request asked it to (GenerateRequest.selection). */
  readonly target?: Target;
}

/**
 * Gemini asked Peel to wait (a 429 with RetryInfo, an overloaded model). Nothing was billed; the sidebar counts
 * `retryAfterSeconds` down with Cancel, then sends the same request again with `attempt`.
 */
export interface RetryLater {
  readonly kind: 'retry';
  /** Whole seconds. */
  readonly retryAfterSeconds: number;
  /** The attempt the next call is (2 after the first call). */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** What went wrong this time: RATE_LIMITED, UNAVAILABLE, SERVER_ERROR, DEADLINE or NETWORK. */
  readonly reason: UserFacingError['code'];
}

export interface InsertResult {
  /** The new image's object id in Slides; Docs inline images have none. */
  readonly objectId: string | null;
  /** Where it went, for the user. */
  readonly label: string;
  readonly labelWords?: Words;
  /** The thread the new image starts (its prompt is the first turn), or null when none was started. */
  readonly threadId: string | null;
  /**
   * That thread as the sidebar shows it, so Insert needs no further call; its picture is the one just inserted,
   * which the sidebar has. Null when no thread was started (a background, a Docs replace).
   */
  readonly thread: ThreadSummary | null;
}

// ---------------------------------------------------------------------------------------------------------
// Edit conversations

export type { TurnKind } from '../core/conversation/thread';

/** An image as it is in the document, or a kept version of it. */
export interface ThreadImage extends InlineImage {
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

export interface ThreadTurnView {
  readonly instruction: string;
  readonly modelText: string;
  readonly model: string;
  readonly ratio: string;
  readonly size: string;
  readonly costUsd: number | null;
  /** Epoch ms. */
  readonly at: number;
  readonly who: 'you' | 'collaborator';
  readonly versionId: string;
  readonly kind: TurnKind;
  /** Shown in a chain of edits and never placed: the document does not show it. */
  readonly shown?: true;
  /** A shown preview the caller made: its id, to bring it back (getPreview) while their cache keeps it. */
  readonly imageId?: string;
}

/** A preview brought back from the caller's cache (getPreview): to apply it or continue from it. */
export interface ShownPreview {
  readonly image: GeneratedImage;
  /** The instruction it was made with, and the model's words. */
  readonly instruction: string;
  readonly text: string;
}

export interface ThreadVersionView {
  readonly id: string;
  /** Epoch ms. */
  readonly at: number;
  readonly who: 'you' | 'collaborator';
  /** The version the image in the document is now. */
  readonly current: boolean;
  /** 'yes' for versions in the caller's own Drive; another person's may not open (VERSION_UNAVAILABLE). */
  readonly reachable: 'yes' | 'unknown';
}

/** An image's thread without the picture's bytes: what placing answers with (the sidebar has the picture). */
export interface ThreadSummary {
  /** Null for an image Peel has not edited yet. */
  readonly threadId: string | null;
  readonly ref: ImageRef;
  /** Which image this is, for the user: "The selected image on slide 3". */
  readonly label: string;
  readonly labelWords?: Words;
  /** The version the document shows, or null for an image with no thread yet. */
  readonly currentVersionId: string | null;
  /** Oldest first. */
  readonly turns: readonly ThreadTurnView[];
  /** Earlier instructions condensed away, oldest first. */
  readonly summary: string | null;
  /** Replaced versions, oldest first; the one the document shows is not among them. */
  readonly versions: readonly ThreadVersionView[];
  readonly altTitle: string;
  readonly altDescription: string;
  /** The description was written by a person (Apply keeps it unless told otherwise). */
  readonly altByPerson: boolean;
}

export interface ThreadView extends ThreadSummary {
  readonly current: ThreadImage;
}

/** One edited variant, like one Generate variant: the sidebar calls editImage once per variant, in parallel. */
export interface EditResult {
  readonly image: GeneratedImage;
  /** The model's own words. */
  readonly text: string;
  readonly warnings: readonly string[];
  readonly costUsd: number | null;
  readonly documentCostUsd: number;
}

/**
 * What an Apply or a Restore did: placed the picture (the replaced one kept as a version), kept it as a version
 * only (the person chose to leave a collaborator's newer picture in place), or nothing, because the picture in
 * the document changed since the edit started from it (`changed`): then the person chooses.
 */
export type ApplyResult = ApplyDone | ChangedMeanwhile;

export interface ApplyDone {
  readonly kind: 'applied' | 'kept';
  /** The image's ref after the change (a Docs image Peel just started tracking gets `d:<threadId>`). */
  readonly ref: ImageRef;
  readonly threadId: string;
  /** The version placed ('applied') or kept ('kept'). */
  readonly versionId: string;
  readonly label: string;
  readonly labelWords?: Words;
  /** The thread as it is now; its picture is the one applied (or, when kept, the one the document shows). */
  readonly thread: ThreadSummary;
}

/** Someone changed the picture after this edit started from it; nothing was overwritten. */
export interface ChangedMeanwhile {
  readonly kind: 'changed';
  /** The version the document shows now (null: a picture Peel has no thread for), to send back with the choice. */
  readonly seen: string | null;
  readonly by: 'you' | 'collaborator' | 'unknown';
  /** Epoch ms of the change, when known. */
  readonly at: number | null;
  /** For the person: what happened and what each choice does. */
  readonly message: string;
  readonly messageWords?: Words;
}

export interface IllustratePrompt {
  /** Composed from the slide's or the selection's text; shown and editable before sending. */
  readonly prompt: string;
  readonly source: string;
}

/**
 * Where the images come from. A user's key is only ever shown masked (`AQ.A…x7Qk`, `AIza…x7Qk`); an organization's
 * key not at all, not even masked.
 */
export type Connection =
  | {
      readonly kind: 'gemini';
      readonly key:
        | { readonly source: 'user'; readonly masked: string; readonly organizationKey: boolean }
        | { readonly source: 'organization'; readonly forEveryone?: boolean }
        | { readonly source: 'none' };
    }
  | { readonly kind: 'vertex'; readonly project: string; readonly location: string };

export interface SettingsView {
  readonly connection: Connection;
  /** The model new images use. */
  readonly model: string;
  /** What the model menu offers: the catalog's current models, plus the chosen one if it is not among them. */
  readonly models: readonly OfferedModel[];
  /** The organization's limits, a sentence each (core/policy.ts), when it sets any. */
  readonly policy?: readonly string[];
}

/** What "Test key" found: the image models this key may call. */
export interface KeyTestReport {
  readonly models: readonly OfferedModel[];
}

// ---------------------------------------------------------------------------------------------------------
// Reference images

export type { ReferenceRole } from '../core/references';

/**
 * A reference image kept server-side for the caller (their user cache, like previews), so its bytes cross
 * google.script.run at most once while the sidebar is open: requests name it by `id`.
 */
export interface ReferenceHandle extends Omit<ThreadImage, 'base64'> {
  readonly id: string;
  /** Decoded size in bytes, for the limits the sidebar states before sending. */
  readonly bytes: number;
}

/** An image of the open document that a reference can be taken from (the picker, a multi-selection). */
export interface DocumentImage {
  readonly ref: ImageRef;
  /** Where it is, for the user: "Slide 3, picture 2", "Image 4". */
  readonly label: string;
  readonly labelWords?: Words;
  readonly altTitle: string;
}

/** A reference taken from the document or a named reference: its handle, and its bytes once, for the tray. */
export interface TakenReference {
  readonly handle: ReferenceHandle;
  readonly image: ThreadImage;
}

/** A reference pinned under a name for the whole document (document properties; shared; survives reopening). */
export interface NamedReference {
  readonly name: string;
  readonly role: ReferenceRole;
  /** Where its bytes live: an image in this document, or a file in the pinner's Drive. */
  readonly source: 'document' | 'drive';
  readonly pinnedBy: 'you' | 'collaborator';
  /** Epoch ms. */
  readonly at: number;
}

// ---------------------------------------------------------------------------------------------------------
// The document's style and batch jobs

export interface DeckStyleChange {
  /** Epoch ms. */
  readonly at: number;
  readonly who: 'you' | 'collaborator';
  /** "Brief changed", "Palette changed", "Turned off". */
  readonly what: string;
}

export interface DeckStyleView extends DeckStyle {
  /** Newest first, bounded. */
  readonly changes: readonly DeckStyleChange[];
  /** The version this view shows: a save sends it back as the one it started from. */
  readonly version: string;
}

/**
 * What a save did: saved, or nothing, because someone saved the style after the editor was opened
 * (`changed`, with the style as it is now). Saving on top sends `seen` back with the same style.
 */
export type SaveStyleResult = { readonly kind: 'saved'; readonly view: DeckStyleView } | StyleChangedMeanwhile;

export interface StyleChangedMeanwhile extends ChangedMeanwhile {
  /** The style as stored now (theirs), to show beside the person's own; null if it is gone or unreadable. */
  readonly current: DeckStyleView | null;
}

export type { JobKind } from '../core/jobs';
export type { PlaceChoice, PlaceOffer } from '../core/placement';

/** One slide (illustrate) or one picture (restyle) of a job, as Peel plans it before anything is billed. */
export interface JobPlanItem {
  /** Slides object id of the slide (illustrate) or ImageRef of the picture (restyle). */
  readonly key: string;
  readonly slideNumber: number;
  readonly label: string;
  /** Illustrate: the composed prompt; restyle: the instruction toward the style. Editable before starting. */
  readonly prompt: string;
  /** The ratio it will be drawn at (the slide's free area, or the picture's own). */
  readonly aspectRatio: string;
  /** Chosen by default (illustrate: slides with text and no picture; restyle: every picture). */
  readonly chosen: boolean;
}

export interface JobPlan {
  readonly kind: JobKind;
  readonly items: readonly JobPlanItem[];
  /** USD per image at the chosen model and size, or null when Peel has no price. */
  readonly perImageUsd: number | null;
}

/**
 * `lost`: a proposal whose picture the cache let go before it was placed (its cost is spent); it is drawn again
 * only when the person asks, at the job's price per image.
 */
export type JobItemState = 'waiting' | 'working' | 'proposed' | 'lost' | 'accepted' | 'skipped' | 'failed';

export interface JobItemView extends JobPlanItem {
  readonly state: JobItemState;
  /** The proposal's stashed image id (kept 6 hours), while proposed. */
  readonly imageId: string | null;
  readonly costUsd: number | null;
  /** A failed item's sentence. */
  readonly error: string | null;
}

export interface JobView {
  readonly id: string;
  readonly kind: JobKind;
  readonly model: string;
  readonly imageSize: string;
  /** The most the job may spend; it stops before an image would pass it. */
  readonly capUsd: number;
  readonly spentUsd: number;
  /** What drawing one image again costs (the catalog's price at start), or null when Peel has no price. */
  readonly perImageUsd: number | null;
  readonly items: readonly JobItemView[];
  /** Epoch ms. */
  readonly startedAt: number;
  readonly cancelled: boolean;
}
