/**
 * What crosses google.script.run, in both directions, as it arrives on the other side.
 *
 * google.script.run copies arguments and return values: primitives, plain objects and arrays only. A Date, a
 * function or a Blob makes the call fail, and `undefined` inside an array arrives as null. `Wire<T>` is the
 * type of a T after that copy; `WireSafe<T>` is `never` wherever T holds something that cannot cross, so a
 * server function that returns a Date fails to compile.
 */
import type { ErrorCode } from '../core/errors';

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

/** An error as the sidebar receives it: a stable code and words for the user. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly action: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
}

/**
 * Every sidebar-callable server function returns a Result. Failures Peel expects travel as values, because
 * google.script.run hands the failure handler only an Error's message.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

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

export type ImageSizeName = '512' | '1K' | '2K' | '4K';

/** A model as the sidebar offers it: only what the pickers and the cost estimate need. */
export interface ModelChoice {
  readonly id: string;
  readonly displayName: string;
  readonly aspectRatios: readonly string[];
  readonly imageSizes: readonly ImageSizeName[];
  readonly defaultImageSize: ImageSizeName;
  /** USD per image by size; a size missing here has no known price. */
  readonly pricePerImageUsd: Readonly<Partial<Record<ImageSizeName, number>>>;
  readonly maxReferenceImages: number;
  /** A retirement or preview warning to show beside the model, if any. */
  readonly warning?: string;
}

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
}

/** What the sidebar may offer when a slide has no room: see Target.noRoom and InsertRequest.where. */
export type NoRoomChoice = 'new-slide' | 'background' | 'on-top';

export interface GenerateRequest {
  readonly prompt: string;
  readonly model: string;
  readonly aspectRatio: string;
  readonly imageSize: ImageSizeName;
  /** 1 to 4, generated in parallel (image models make one image per call). */
  readonly variants: number;
  /**
   * The document's total as this sidebar last heard it (SidebarContext's, then each GenerateResult's). Generate
   * adds its own cost to it instead of reading the document's properties back; without it (null, or left out),
   * Generate reads them.
   */
  readonly documentCostUsd?: number | null;
}

export interface GeneratedImage {
  /** Server-side handle: Insert sends this back instead of the bytes, which cross google.script.run once. */
  readonly id: string;
  readonly mimeType: string;
  readonly base64: string;
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
  readonly failures: readonly WireError[];
  readonly costUsd: number | null;
  /**
   * What Peel's images in this document have cost so far, this one included. When the request carried the
   * sidebar's total, images other people made in the same document since this sidebar opened are not in it
   * until the sidebar opens again (the document's own record has them).
   */
  readonly documentCostUsd: number;
}

export type InsertMode = 'insert' | 'background' | 'replace';

export interface InsertRequest {
  readonly imageId: string;
  readonly mode: InsertMode;
  /** The prompt the image was made from: the source of its alt text. */
  readonly prompt: string;
  /** The model's commentary, added to the alt description. */
  readonly modelText?: string;
  /**
   * Slides, mode 'insert' on a slide without room (Target.noRoom): 'new-slide' (what plain Insert does there) or
   * 'on-top' (the largest box inside the margins, over the slide's content, as the person chose).
   */
  readonly where?: 'new-slide' | 'on-top';
}

export interface InsertResult {
  /** The new image's object id in Slides; Docs inline images have none. */
  readonly objectId: string | null;
  /** Where it went, for the user. */
  readonly label: string;
}

export interface IllustratePrompt {
  /** Composed from the slide's or the selection's text; shown and editable before sending. */
  readonly prompt: string;
  readonly source: string;
}

/** A model the sidebar can offer, with the options it accepts. Ids come from the server, never from the sidebar. */
export interface ModelOption {
  readonly id: string;
  readonly displayName: string;
  /** False for an id Peel does not know yet: it runs with conservative options. */
  readonly known: boolean;
  readonly lifecycle: 'current' | 'deprecated' | 'retired';
  /** ISO date of Google's shutdown, when one is announced. */
  readonly shutdown?: string;
  readonly replacement?: string;
  readonly aspectRatios: readonly string[];
  readonly imageSizes: readonly string[];
  readonly defaultImageSize: string;
  /** Empty when the model takes no thinking level. */
  readonly thinkingLevels: readonly string[];
  readonly defaultThinkingLevel?: string;
  readonly maxReferenceImages: number;
  /** Estimated USD per image for each size Peel has a price for. */
  readonly prices: readonly { readonly imageSize: string; readonly usd: number }[];
}

/**
 * Where the images come from. A key is only ever shown masked (`AIza…x7Qk`); an organization's key not at all.
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
  readonly models: readonly ModelOption[];
}

/** What "Test key" found: the image models this key may call. */
export interface KeyTestReport {
  readonly models: readonly ModelOption[];
}
