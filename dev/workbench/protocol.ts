/**
 * What the workbench server and its page say to each other. Types only: the page bundle imports them with
 * `import type`, so no server code reaches the browser.
 */
import type { DeckState, DocSelection, DocumentState, HostDocument, SlidesSelection } from '../runtime/model';

export type HostKind = HostDocument['kind'];

export type BackendKind = 'emulator' | 'gemini' | 'custom';

export interface BackendInfo {
  readonly kind: BackendKind;
  /** What the banner says, e.g. "Gemini emulator". */
  readonly label: string;
  /** Where requests to generativelanguage.googleapis.com go. */
  readonly target: string;
  /** Emulator latency, when the emulator is in use. */
  readonly latencyMs?: number;
}

export interface FetchView {
  /** The URL the script asked for. */
  readonly url: string;
  /** Where it really went, when a rewrite (to the emulator, or a custom base URL) applied. */
  readonly sentTo?: string;
  readonly method: string;
  /** Null when no answer came (network failure, deadline). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly error?: string;
}

export interface ExecutionView {
  readonly id: string;
  readonly functionName: string;
  readonly trigger: string;
  readonly authMode: string;
  /** Who it ran as. */
  readonly user: string;
  /** Epoch ms. */
  readonly startedAt: number;
  /** Time waiting for one of google.script.run's 10 slots. */
  readonly queuedMs: number;
  readonly durationMs: number;
  readonly status: 'ok' | 'error' | 'timeout' | 'running';
  readonly serviceCalls: Readonly<Record<string, number>>;
  readonly fetches: readonly FetchView[];
  readonly logs: readonly string[];
  /** `Name: message`, as Apps Script's execution log shows it. */
  readonly error?: string;
}

export interface MenuView {
  readonly caption: string;
  readonly items: readonly { readonly caption: string; readonly functionName: string }[];
}

/** A sidebar or dialog the bundle showed; its HTML is served at `src`, with the google.script shim. */
export interface PanelView {
  readonly index: number;
  readonly title: string;
  readonly src: string;
}

export interface DialogView extends PanelView {
  readonly width: number;
  readonly height: number;
}

/**
 * Which Google account this browser window treats as its default (`?account=`): `only` is one account signed in,
 * the others model a second account that is the browser's default, with or without Peel approved there.
 */
export type BrowserAccount = 'only' | 'not-default' | 'not-default-unauthorized';

export interface WorkbenchState {
  /** New each time the server starts, so the page can tell a restart from a stale answer. */
  readonly session: string;
  /** Grows with every change; the page ignores answers older than what it shows. */
  readonly version: number;
  readonly backend: BackendInfo;
  /** Who this browser context acts as: every execution it starts runs as this user (their properties, cache). */
  readonly user: string;
  /** The users the page offers to act as. */
  readonly users: readonly string[];
  /** Whether the window's document account is the browser's default; when not, google.script.run is refused. */
  readonly account: BrowserAccount;
  /** The demo the documents started from, and the demos the chooser offers (dev/runtime/demos.ts). */
  readonly demo: string;
  readonly demos: readonly { readonly name: string; readonly label: string }[];
  readonly host: HostKind;
  readonly document: DeckState | DocumentState;
  /** Ids of images (Slides objectIds, Docs inline/positioned image ids) that came from the emulator. */
  readonly emulatorImageIds: readonly string[];
  readonly menus: readonly MenuView[];
  /** This user's sidebar and dialog: each user's editor has its own. */
  readonly sidebar: PanelView | null;
  readonly dialog: DialogView | null;
  readonly alerts: readonly string[];
  /** Newest first. */
  readonly executions: readonly ExecutionView[];
  /** How much of the open document's property store Peel uses, recomputed after every execution. */
  readonly documentStore: DocumentStoreUse;
}

export interface DocumentStoreUse {
  /** Keys plus values in UTF-8 bytes, as Apps Script counts them toward the store. */
  readonly bytes: number;
  /** Apps Script's limit per property store (500 KB). */
  readonly limitBytes: number;
  readonly keys: number;
}

export type SelectionUpdate =
  | { readonly host: 'deck'; readonly selection: SlidesSelection }
  | { readonly host: 'doc'; readonly selection: DocSelection };

/** The body the google.script.run shim posts to /rpc, and the answer. */
export interface RpcRequest {
  readonly name: string;
  readonly args: readonly unknown[];
}

export type RpcResponse =
  | { readonly ok: true; readonly value?: unknown }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };
