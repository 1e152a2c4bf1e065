/**
 * What crosses google.script.run, in both directions, as it arrives on the other side.
 *
 * google.script.run copies arguments and return values: primitives, plain objects and arrays only. A Date, a
 * function or a Blob makes the call fail, and `undefined` inside an array arrives as null. `Wire<T>` is the
 * type of a T after that copy; `WireSafe<T>` is `never` wherever T holds something that cannot cross, so a
 * server function that returns a Date fails to compile.
 */
import type { UserFacingError } from '../core/errors';
import type { OfferedModel } from '../core/gemini/offered';
import type { InlineImage } from '../core/gemini/response';

/** An error as the sidebar receives it: a stable code and words for the user (made by `describeError`). */
export type { UserFacingError } from '../core/errors';
export type { ImageSize } from '../core/gemini/catalog';
export type { OfferedModel } from '../core/gemini/offered';

/** What the sidebar sends: declared once, as schemas that also check it at the boundary. */
export type {
  ApplyRequest,
  EditRequest,
  GenerateRequest,
  IllustrateOptions,
  InsertMode,
  InsertRequest,
  QuickEditRequest,
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
  /** Width ÷ height the target wants: the selected box's, the slide's, or a sensible one in Docs. */
  readonly ratio: number;
  readonly canInsert: boolean;
  /** A selected picture can be swapped ("Replace selected"); an empty box is filled by Insert itself. */
  readonly canReplace: boolean;
  /** Slides only: a full-slide background. */
  readonly canBackground: boolean;
  /** Why an image cannot go here, when it cannot. */
  readonly problem?: string;
  /**
   * Slides: the slide has no free area worth an image (or none beside the selected text). `message` says so
   * before anything is generated; plain Insert then puts the image on a new slide after this one, and each
   * choice names what else is honest: the slide's background, or on top of the slide's content anyway.
   */
  readonly noRoom?: { readonly message: string; readonly choices: readonly NoRoomChoice[] };
  /** Slides: the slide's width ÷ height, the ratio a background must be generated at (Slides stretches it). */
  readonly backgroundRatio?: number;
  /** Exactly one image is selected: the one an edit would change, and its thread if it has one. */
  readonly image?: SelectedImage;
}

/**
 * An image in the open document as the server names it (`s:<objectId>` in Slides, `d:<threadId>` or
 * `d:new:<path>` in Docs). Opaque to the sidebar: it only sends it back.
 */
export type ImageRef = string;

export interface SelectedImage {
  readonly ref: ImageRef;
  readonly threadId: string | null;
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

export interface GenerateResult {
  readonly images: readonly GeneratedImage[];
  /** The model's own words, shown as text. */
  readonly text: string;
  readonly warnings: readonly string[];
  /** Variants that failed while others succeeded. */
  readonly failures: readonly UserFacingError[];
  readonly costUsd: number | null;
  /**
   * What Peel's images in this document have cost so far, this one included. When the request carried the
   * sidebar's total, images other people made in the same document since this sidebar opened are not in it
   * until the sidebar opens again (the document's own record has them).
   */
  readonly documentCostUsd: number;
}

export interface InsertResult {
  /** The new image's object id in Slides; Docs inline images have none. */
  readonly objectId: string | null;
  /** Where it went, for the user. */
  readonly label: string;
  /** The thread the new image starts (its prompt is the first turn), or null when none was started. */
  readonly threadId: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Edit conversations (issue 10)

export type TurnKind = 'new' | 'edit' | 'quick' | 'restore';

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

export interface ThreadView {
  /** Null for an image Peel has not edited yet. */
  readonly threadId: string | null;
  readonly ref: ImageRef;
  /** Which image this is, for the user: "The selected image on slide 3". */
  readonly label: string;
  readonly current: ThreadImage;
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

/** One edited variant, like one Generate variant: the sidebar calls editImage once per variant, in parallel. */
export interface EditResult {
  readonly image: GeneratedImage;
  /** The model's own words. */
  readonly text: string;
  readonly warnings: readonly string[];
  readonly costUsd: number | null;
  readonly documentCostUsd: number;
}

export interface ApplyResult {
  /** The image's ref after the change (a Docs image Peel just started tracking gets `d:<threadId>`). */
  readonly ref: ImageRef;
  readonly threadId: string;
  /** The version the document now shows. */
  readonly versionId: string;
  readonly label: string;
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
        | { readonly source: 'organization' }
        | { readonly source: 'none' };
    }
  | { readonly kind: 'vertex'; readonly project: string; readonly location: string };

export interface SettingsView {
  readonly connection: Connection;
  /** The model new images use. */
  readonly model: string;
  /** What the model menu offers: the catalog's current models, plus the chosen one if it is not among them. */
  readonly models: readonly OfferedModel[];
}

/** What "Test key" found: the image models this key may call. */
export interface KeyTestReport {
  readonly models: readonly OfferedModel[];
}
