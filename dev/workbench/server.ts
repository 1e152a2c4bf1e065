/**
 * The workbench server: Peel's real bundle (dist/Code.js, dist/Sidebar.html) running in the local Apps Script
 * runtime over an emulated deck or doc, with a page that draws the document and hosts the sidebar.
 *
 * One process holds the truth: the runtime's world (the active document with its selection, properties, the
 * UI log). The page only draws it and posts what a person does (a click that selects, a menu item), so the
 * next execution reads the same state a real one would. `main.ts` is the command line around this module.
 */

import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ORG_API_KEY, USER_API_KEY } from '../../src/server/spine/settings';
import { startEmulator } from '../emulator/index';
import { DEFAULT_DEMO, DEMOS, type DemoName, isDemoName } from '../runtime/demos';
import { SECTIONS, sectionBlocks } from '../runtime/docs/flow';
import { DEFAULT_USER, type ExecutionRecord, Runtime, World } from '../runtime/index';
import type { DeckState, DocumentState, HostDocument } from '../runtime/model';
import { AUTHORIZE_PATH } from '../runtime/services/consent';
import { MAX_STORE_BYTES } from '../runtime/services/properties';
import { findElement } from '../runtime/slides/elements';
import { buildAssets, type PageAssets } from './assets';
import type {
  BackendInfo,
  BrowserAccount,
  DocumentStoreUse,
  ExecutionView,
  HostKind,
  PanelView,
  RpcRequest,
  RpcResponse,
  SelectionUpdate,
  WorkbenchState,
} from './protocol';
import { loadState, type SavedState, saveState } from './store';

export const GEMINI_ORIGIN = 'https://generativelanguage.googleapis.com/';
export const DEFAULT_LATENCY_MS = 3000;
/** Any key satisfies the emulator; one in the store lets the sidebar open where a set-up user's does. */
export const EMULATOR_API_KEY = 'workbench-emulator-key-not-secret';
/** Properties that hold keys: never written to the state file. */
const KEY_PROPERTIES = [USER_API_KEY, ORG_API_KEY];
/** Loopback only: the workbench can spend real money (GEMINI_API_KEY), so nothing off this machine may reach it. */
export const LOOPBACK = '127.0.0.1';
/** Who the "Act as" menu offers: the runtime's default user and two collaborators. */
export const DEMO_USERS: readonly string[] = [DEFAULT_USER, 'bea@example.com', 'cai@example.com'];
/** A plain address: no display name, quotes, spaces or angle brackets, one @, a dotted domain. */
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/**
 * The user a browser context acts as (`?user=` on the page and its calls). Anything but a plain e-mail address
 * is the default user, so a malformed value never becomes a store name or reaches Session.getActiveUser.
 */
export function workbenchUser(value: string | null | undefined): string {
  return value && value.length <= 254 && EMAIL.test(value) ? value.toLowerCase() : DEFAULT_USER;
}

/**
 * What google.script.run's failure handler receives (a `ScriptError`) when the browser's default Google account
 * is not the one the document is open with: Apps Script runs the call as the default account. With Peel approved
 * there too, it fails on that account's storage ("We're sorry, a server error occurred while reading from storage.
 * Error code PERMISSION_DENIED.", https://github.com/enuchi/React-Google-Apps-Script/issues/46 and the op.exec
 * answer in https://github.com/mootoday/google-docs-addon-svelte-template/pull/3); never approved there, it asks
 * for authorization ("Authorization is required to perform that action.",
 * https://github.com/alexwforsythe/code-blocks/issues/53). Google describes both and will not fix them:
 * https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts. The menu
 * and the sidebar still open (the editor runs them as the document's account); only the sidebar's calls fail.
 */
export const OTHER_ACCOUNT_REFUSAL: Readonly<Record<Exclude<BrowserAccount, 'only'>, string>> = {
  'not-default': "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
  'not-default-unauthorized': 'Authorization is required to perform that action.',
};

/** `?account=` as the page passes it; anything unknown is one account signed in. */
export function browserAccount(value: string | null | undefined): BrowserAccount {
  return value === 'not-default' || value === 'not-default-unauthorized' ? value : 'only';
}

/**
 * Whether a request comes from the workbench's own pages. Host must name this server (a DNS-rebinding page
 * sends its own name); Origin, when a browser sends one (it does on every POST), must be this server's, so a
 * `text/plain` POST from any other page (a "simple" request that needs no preflight) cannot run anything.
 * Requests without Origin come from tools on this machine (curl, tests), which loopback already admits.
 */
export function isOwnRequest(headers: http.IncomingHttpHeaders, port: number): boolean {
  const names = [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
  const host = (headers.host ?? '').toLowerCase();
  if (!names.includes(host)) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  return names.some((name) => origin.toLowerCase() === `http://${name}`);
}

export interface WorkbenchOptions {
  /** 0 picks a free port. Default 8080. */
  readonly port?: number;
  /** Default `.workbench/state.json` in the working directory. */
  readonly stateFile?: string;
  /** The built add-on. Default `dist` in the working directory; nothing is built here. */
  readonly distDir?: string;
  /** The emulator's answer delay. Default 3 s, about what a real image takes to start arriving. */
  readonly latencyMs?: number;
  /** Start from the demo documents, discarding the saved state. */
  readonly reset?: boolean;
  /**
   * Which demo (dev/runtime/demos.ts) to start from when there is no saved state, or the saved state is another
   * demo's; also what Reset restores until the page's chooser picks another. Default `standard`.
   */
  readonly demo?: DemoName;
  /** Make each execution take the platform time the latency profile models (dev/runtime/latency-profile.ts). */
  readonly platformLatency?: boolean;
  /** Where GEMINI_API_KEY and GOOGLE_GEMINI_BASE_URL are read. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface Workbench {
  readonly url: string;
  /** The address it listens on: always loopback. */
  readonly address: string;
  readonly backend: BackendInfo;
  /** The emulator, when it is the backend: tests inject faults or change latency through it. */
  readonly emulator: Emulator | null;
  close(): Promise<void>;
}

type RunOptions = {
  trigger: 'script.run' | 'menu' | 'onOpen' | 'direct';
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  user: string;
};
type RunOutcome = Awaited<ReturnType<Runtime['run']>>;

/** Bodies above this are refused: the sidebar may send a reference image, never more. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const KEPT_EXECUTIONS = 200;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Read from the stores' JSON rather than through PropertiesService, so looking neither counts as a read nor
 * creates a store for a document that has none.
 */
export function documentStoreUse(world: World, documentId: string): DocumentStoreUse {
  const stored = world.properties.toJSON().documents[documentId] ?? {};
  const entries = Object.entries(stored);
  const bytes = entries.reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  return { bytes, limitBytes: MAX_STORE_BYTES, keys: entries.length };
}

function hashImage(base64: string): string {
  return createHash('sha1').update(base64).digest('hex');
}

/** Every image in a document with its id, for marking the ones the emulator made. */
function imagesOf(doc: HostDocument | null): { id: string; hash: string }[] {
  if (!doc) return [];
  const out: { id: string; hash: string }[] = [];
  if (doc.kind === 'deck') {
    for (const slide of doc.slides) {
      for (const el of slide.elements)
        if (el.kind === 'image') out.push({ id: el.objectId, hash: hashImage(el.image.base64) });
    }
  } else {
    for (const block of SECTIONS.flatMap((section) => sectionBlocks(doc, section))) {
      for (const child of block.children) {
        if (child.kind === 'image') out.push({ id: child.id, hash: hashImage(child.image.base64) });
      }
      for (const image of block.positionedImages) out.push({ id: image.id, hash: hashImage(image.image.base64) });
    }
  }
  return out;
}

export function resolveBackend(
  env: Readonly<Record<string, string | undefined>>,
  emulatorUrl: string | null,
  latencyMs: number,
): { info: BackendInfo; rewrite: string | null } {
  const base = env.GOOGLE_GEMINI_BASE_URL?.trim();
  if (base) return { info: { kind: 'custom', label: 'Custom base URL', target: base }, rewrite: base };
  if (env.GEMINI_API_KEY?.trim()) {
    return { info: { kind: 'gemini', label: 'Real Gemini API', target: GEMINI_ORIGIN }, rewrite: null };
  }
  if (!emulatorUrl) throw new Error('The emulator backend needs the emulator running.');
  return { info: { kind: 'emulator', label: 'Gemini emulator', target: emulatorUrl, latencyMs }, rewrite: emulatorUrl };
}

/** The emulator backend is the default; the real API or another base URL only when the environment asks. */
function wantsEmulator(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env.GOOGLE_GEMINI_BASE_URL?.trim() && !env.GEMINI_API_KEY?.trim();
}

/** Top-level function names in Code.js: what google.script.run can call (Apps Script hides names ending `_`). */
export function callableFunctions(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm)) {
    const name = match[1];
    if (name && !name.endsWith('_')) names.add(name);
  }
  return [...names];
}

/** The shim goes first inside <head>: before Peel's own script, and after the doctype (standards mode). */
export function injectShim(html: string, shimScript: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + shimScript + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + shimScript + html.slice(at);
}

function scriptTag(js: string): string {
  return `<script>${js.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
}

function pageHtml(backend: BackendInfo): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peel workbench · ${backend.label}</title>
<link rel="stylesheet" href="/workbench.css">
</head>
<body>
<div id="app"></div>
<script src="/workbench.js"></script>
</body>
</html>`;
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function validateSelection(doc: HostDocument | null, update: SelectionUpdate): void {
  if (!doc || doc.kind !== update.host) throw new HttpError(409, `The open document is not a ${update.host}.`);
  if (update.host === 'deck') {
    const deck = doc as DeckState;
    const { pageId, elementIds, text, pageIds } = update.selection;
    for (const id of pageIds ?? [])
      if (!deck.slides.some((s) => s.objectId === id)) throw new HttpError(400, `No slide ${id}.`);
    const slide = deck.slides.find((s) => s.objectId === pageId);
    if (pageId !== null && !slide) throw new HttpError(400, `No slide ${pageId}.`);
    const found = (id: string) => (slide ? findElement(slide.elements, id) : null);
    for (const id of elementIds) if (!found(id)) throw new HttpError(400, `No element ${id} on the current slide.`);
    if (text) {
      const holder = found(text.elementId);
      const cell = text.cell && holder?.kind === 'table' ? holder.rows[text.cell.row]?.[text.cell.column] : undefined;
      const words = holder?.kind === 'shape' ? holder.text : cell?.text;
      if (words === undefined) throw new HttpError(400, `No shape or table cell ${text.elementId} for the text.`);
      if (!(text.start >= 0 && text.start <= text.end && text.end <= words.length)) {
        throw new HttpError(400, 'Text selection out of range.');
      }
    }
    if (update.selection.cells) {
      const table = found(update.selection.cells.elementId);
      if (table?.kind !== 'table') throw new HttpError(400, `No table ${update.selection.cells.elementId}.`);
      for (const { row, column } of update.selection.cells.cells) {
        if (!table.rows[row]?.[column]) throw new HttpError(400, `No cell (${row}, ${column}) in the table.`);
      }
    }
    return;
  }
  const d = doc as DocumentState;
  const { cursor, range } = update.selection;
  for (const point of [cursor, range?.start, range?.end]) {
    if (!point) continue;
    const known = SECTIONS.includes(point.section) ? sectionBlocks(d, point.section) : [];
    if (!known.some((b) => b.id === point.blockId)) throw new HttpError(400, `No block ${point.blockId}.`);
  }
  if (range && range.start.section !== range.end.section) throw new HttpError(400, 'A range stays in one section.');
}

function executionView(record: ExecutionRecord): ExecutionView {
  return {
    id: record.id,
    functionName: record.functionName,
    trigger: record.trigger,
    authMode: record.authMode,
    user: record.user,
    startedAt: record.startedAt,
    queuedMs: record.queuedMs,
    durationMs: record.durationMs,
    status: record.status,
    serviceCalls: { ...record.serviceCalls },
    fetches: record.fetches.map((f) => ({
      url: f.url,
      ...(f.sentTo ? { sentTo: f.sentTo } : {}),
      method: f.method,
      status: f.status,
      durationMs: f.durationMs,
      requestBytes: f.requestBytes,
      responseBytes: f.responseBytes,
      ...(f.error ? { error: f.error } : {}),
    })),
    logs: [...record.logs],
    ...(record.error ? { error: record.error } : {}),
  };
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const env = options.env ?? process.env;
  const stateFile = path.resolve(options.stateFile ?? '.workbench/state.json');
  const distDir = path.resolve(options.distDir ?? 'dist');
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;

  const [assets, saved, emulator] = await Promise.all([
    buildAssets(),
    options.reset || options.demo ? Promise.resolve(null) : loadState(stateFile),
    wantsEmulator(env) ? startEmulator({ port: 0, latencyMs }) : Promise.resolve(null),
  ]);
  const { info: backend, rewrite } = resolveBackend(env, emulator?.url ?? null, latencyMs);
  const urlRewrites = rewrite ? [{ from: GEMINI_ORIGIN, to: rewrite.endsWith('/') ? rewrite : `${rewrite}/` }] : [];

  // A saved state of another demo than the one asked for is set aside: `--demo pitch` opens the pitch deck.
  const asked = options.demo;
  const kept = saved && (asked === undefined || (saved.demo ?? DEFAULT_DEMO) === asked) ? saved : null;
  // A demo this version does not know (a state saved by another) counts as the standard one.
  let demo: DemoName = (isDemoName(kept?.demo) ? kept?.demo : undefined) ?? asked ?? DEFAULT_DEMO;
  // The documents not open right now wait here; the open one lives in the world.
  let host: HostKind = kept?.host ?? DEMOS[demo].host;
  const shelf: { deck: DeckState; doc: DocumentState } = {
    deck: kept?.deck ?? DEMOS[demo].deck(),
    doc: kept?.doc ?? DEMOS[demo].doc(),
  };
  const emulatorImages = new Set(kept?.emulatorImages ?? []);

  const envKey = env.GEMINI_API_KEY?.trim();
  // Users whose key this process has given: the environment's key is never saved, so each start gives it again.
  const keyed = new Set<string>();
  /**
   * A user's key, as Peel's settings store it, the first time this process runs something as them. The real
   * key comes from the environment every start and is never written to the state file (see snapshot); the
   * emulator's stand-in only seeds a user store that has never existed, so removing it in the sidebar to try
   * the first-run flow sticks across restarts.
   */
  function keyUser(w: World, user: string): void {
    if (keyed.has(user)) return;
    keyed.add(user);
    const known = user in w.properties.toJSON().users;
    const store = w.properties.user(user);
    if (envKey) store.setProperty(USER_API_KEY, envKey);
    else if (!known && backend.kind === 'emulator') store.setProperty(USER_API_KEY, EMULATOR_API_KEY);
  }
  function makeWorld(json: unknown | null): World {
    const world = json ? World.fromJSON(json) : new World();
    world.document = shelf[host];
    keyed.clear();
    keyUser(world, DEFAULT_USER);
    return world;
  }
  function makeRuntime(w: World): Runtime {
    return new Runtime({
      distDir,
      world: w,
      urlRewrites,
      authorizationBase: () =>
        `http://localhost:${(server.address() as AddressInfo | null)?.port ?? options.port ?? 8080}`,
      ...(options.platformLatency ? { platformLatency: { sleep: true } } : {}),
    });
  }
  let world = makeWorld(kept?.world ?? null);
  let runtime = makeRuntime(world);

  const session = randomUUID();
  let version = 0;
  // Bumped whenever the UI log is cleared, so a sidebar URL never points at another run's sidebar.
  let uiGeneration = 0;
  // Each user's editor shows its own add-on UI, as in Google: A opening the sidebar opens nothing for B.
  const panels = new Map<string, { sidebar: number | null; dialog: number | null }>();
  const panelsOf = (user: string) => {
    let open = panels.get(user);
    if (!open) {
      open = { sidebar: null, dialog: null };
      panels.set(user, open);
    }
    return open;
  };
  const executions: ExecutionView[] = [];
  const running = new Map<string, ExecutionView>();
  let runCounter = 0;
  const events = new Set<http.ServerResponse>();

  function snapshot(): SavedState {
    const doc = world.document;
    if (doc?.kind === 'deck') shelf.deck = doc;
    if (doc?.kind === 'doc') shelf.doc = doc;
    const worldJson = JSON.parse(JSON.stringify(world)) as {
      properties?: { users?: Record<string, Record<string, string>>; script?: Record<string, string> };
    };
    // Keys live in memory only: one typed into the sidebar, the environment's, an organization key. The
    // emulator's stand-in is no secret and stays, so removing it to try the first-run flow sticks.
    const stores = [...Object.values(worldJson.properties?.users ?? {}), worldJson.properties?.script ?? {}];
    for (const props of stores) {
      for (const name of KEY_PROPERTIES) {
        if (props[name] !== undefined && props[name] !== EMULATOR_API_KEY) delete props[name];
      }
    }
    return {
      version: 1,
      demo,
      host,
      deck: shelf.deck,
      doc: shelf.doc,
      world: worldJson,
      emulatorImages: [...emulatorImages],
    };
  }

  // Saves are chained so two never race on the rename, and coalesced so a burst of clicks writes once.
  let saving: Promise<void> = Promise.resolve();
  let saveTimer: NodeJS.Timeout | null = null;
  function saveNow(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    const state = snapshot();
    saving = saving.then(
      () => saveState(stateFile, state),
      () => saveState(stateFile, state),
    );
    saving.catch((error: unknown) => console.error(`Workbench: could not save ${stateFile}:`, error));
    return saving;
  }
  function changed(): void {
    version++;
    if (!saveTimer) saveTimer = setTimeout(() => void saveNow(), 150);
    for (const res of events) res.write(`data: ${version}\n\n`);
  }

  function panel(kind: 'sidebar' | 'dialog', index: number | null): PanelView | null {
    if (index === null) return null;
    const entry = kind === 'sidebar' ? world.ui.sidebars[index] : world.ui.dialogs[index];
    if (!entry) return null;
    return { index, title: entry.title, src: `/ui/${kind}/${index}?g=${uiGeneration}` };
  }

  function state(user: string, account: BrowserAccount = 'only'): WorkbenchState {
    const doc = world.document ?? shelf[host];
    const ids = imagesOf(doc)
      .filter((image) => emulatorImages.has(image.hash))
      .map((image) => image.id);
    const open = panelsOf(user);
    const dialog = panel('dialog', open.dialog);
    return {
      session,
      version,
      backend,
      user,
      users: DEMO_USERS,
      account,
      demo,
      demos: Object.entries(DEMOS).map(([name, d]) => ({ name, label: d.label })),
      host,
      document: doc,
      emulatorImageIds: ids,
      menus: world.ui.menus,
      sidebar: panel('sidebar', open.sidebar),
      // HtmlOutput's default size is 600 × 400 when the UI log has none.
      dialog: dialog
        ? {
            ...dialog,
            width: world.ui.dialogs[dialog.index]?.width ?? 600,
            height: world.ui.dialogs[dialog.index]?.height ?? 400,
          }
        : null,
      alerts: [...world.ui.alerts],
      // Newest start first, as the Started column reads; a long call stays where it began.
      executions: [...running.values(), ...executions].sort((a, b) => b.startedAt - a.startedAt),
      documentStore: documentStoreUse(world, doc.id),
    };
  }

  async function execute(functionName: string, args: unknown[], opts: RunOptions): Promise<RunOutcome> {
    const key = `run-${++runCounter}`;
    running.set(key, {
      id: key,
      functionName,
      trigger: opts.trigger,
      authMode: opts.authMode ?? (opts.trigger === 'onOpen' ? 'LIMITED' : 'FULL'),
      user: opts.user,
      startedAt: Date.now(),
      queuedMs: 0,
      durationMs: 0,
      status: 'running',
      serviceCalls: {},
      fetches: [],
      logs: [],
    });
    changed();
    keyUser(world, opts.user);
    const before = new Set(imagesOf(world.document).map((i) => i.hash));
    const sidebars = world.ui.sidebars.length;
    const dialogs = world.ui.dialogs.length;
    const generation = uiGeneration;
    const owner = runtime;
    let outcome: RunOutcome;
    try {
      outcome = await owner.run(functionName, args, opts);
    } finally {
      running.delete(key);
    }
    // A reset during the run replaced the runtime: this run's effects belong to a world nobody shows.
    if (owner !== runtime) return outcome;
    // Peel inserts only what the model returned, often an execution after the request (the image waits in the
    // cache until the person picks it), so with the emulator as backend every image an execution adds is one
    // the emulator drew. Seed images were there before and are never marked.
    if (backend.kind === 'emulator') {
      for (const image of imagesOf(world.document)) if (!before.has(image.hash)) emulatorImages.add(image.hash);
    }
    if (generation === uiGeneration) {
      const open = panelsOf(opts.user);
      if (world.ui.sidebars.length > sidebars) open.sidebar = world.ui.sidebars.length - 1;
      if (world.ui.dialogs.length > dialogs) open.dialog = world.ui.dialogs.length - 1;
    }
    executions.unshift(executionView(outcome.record));
    executions.length = Math.min(executions.length, KEPT_EXECUTIONS);
    changed();
    return outcome;
  }

  /**
   * What opening the file does: the user's editor forgets the add-on's UI and runs onOpen, which rebuilds the
   * menu. The UI log is cleared only when nobody else has a panel open, so one user reloading leaves another's
   * sidebar where it is.
   */
  async function openDocument(user: string): Promise<RunOutcome> {
    panels.set(user, { sidebar: null, dialog: null });
    world.ui.menus.length = 0;
    world.ui.alerts.length = 0;
    if ([...panels.values()].every((open) => open.sidebar === null && open.dialog === null)) {
      world.ui.sidebars.length = 0;
      world.ui.dialogs.length = 0;
      uiGeneration++;
    }
    return execute('onOpen', [], { trigger: 'onOpen', authMode: 'LIMITED', user });
  }

  /** Everyone's editor changes document: every user's panels close, and the one who switched opens it. */
  async function switchHost(next: HostKind, user: string): Promise<void> {
    if (next === host) return;
    snapshot();
    host = next;
    world.document = shelf[host];
    panels.clear();
    await openDocument(user);
  }

  /** Back to a demo's documents (the current one's unless another is named), with a fresh world. */
  async function reset(user: string, next: DemoName = demo): Promise<void> {
    const old = runtime;
    demo = next;
    host = DEMOS[demo].host;
    shelf.deck = DEMOS[demo].deck();
    shelf.doc = DEMOS[demo].doc();
    emulatorImages.clear();
    executions.length = 0;
    emulator?.reset();
    world = makeWorld(null);
    runtime = makeRuntime(world);
    await old.close();
    await saveNow();
    panels.clear();
    await openDocument(user);
  }

  async function serveUi(
    kind: 'sidebar' | 'dialog',
    index: number,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const entry = kind === 'sidebar' ? world.ui.sidebars[index] : world.ui.dialogs[index];
    if (!entry) throw new HttpError(404, `No ${kind} ${index}.`);
    // Read per request: `npm run build` in another terminal changes which functions exist.
    const code = await readFile(path.join(distDir, 'Code.js'), 'utf8').catch(() => '');
    // The page that frames this is served from the same host: the shim talks to that origin only.
    const config = { functions: callableFunctions(code), parentOrigin: `http://${req.headers.host ?? 'localhost'}` };
    const shim = scriptTag(`window.__peelWorkbench=${JSON.stringify(config)};${assets.shim}`);
    send(res, 200, 'text/html; charset=utf-8', injectShim(entry.html, shim));
  }

  async function rpc(body: unknown, user: string, account: BrowserAccount): Promise<RpcResponse> {
    const { name, args } = body as Partial<RpcRequest>;
    if (typeof name !== 'string' || !Array.isArray(args)) throw new HttpError(400, 'Expected {name, args}.');
    if (account !== 'only') {
      return { ok: false, error: { name: 'ScriptError', message: OTHER_ACCOUNT_REFUSAL[account] } };
    }
    if (name.endsWith('_')) {
      return { ok: false, error: { name: 'ScriptError', message: `Script function not found: ${name}` } };
    }
    const outcome = await execute(name, [...args], { trigger: 'script.run', user });
    if (outcome.error) return { ok: false, error: { name: outcome.error.name, message: outcome.error.message } };
    return outcome.value === undefined ? { ok: true } : { ok: true, value: outcome.value };
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse, assetsNow: PageAssets): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://workbench');
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname}`;
    // The page's own URL names the user (`?user=`) and it passes that on with every call, the relay's included.
    const user = workbenchUser(url.searchParams.get('user'));
    const account = browserAccount(url.searchParams.get('account'));
    const ui = /^\/ui\/(sidebar|dialog)\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && ui?.[1] && ui[2]) return serveUi(ui[1] as 'sidebar' | 'dialog', Number(ui[2]), req, res);
    // The add-on's frames have an opaque origin ('null'): a POST from one (or from any other site) is refused
    // before it runs anything, so their only way to the server is the page's relay, as in Google.
    const origin = req.headers.origin;
    if (method === 'POST' && origin !== undefined && origin !== `http://${req.headers.host}`) {
      throw new HttpError(403, 'Calls come from the workbench page only.');
    }
    switch (route) {
      case 'GET /':
        // `?decline=drive.file,script.external_request`: this user declined those on the consent screen.
        for (const name of (url.searchParams.get('decline') ?? '').split(',').filter(Boolean)) {
          world.consent.decline(user, `https://www.googleapis.com/auth/${name}`);
        }
        // `?locale=de` (or `pt_BR`, `en-XA` for the pseudo-locale): this user's editor language, as their Google
        // account would give it; without it the user keeps the language they had.
        {
          const locale = url.searchParams.get('locale');
          if (locale && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?$/.test(locale)) world.locales.set(user, locale);
        }
        return send(res, 200, 'text/html; charset=utf-8', pageHtml(backend));
      case `GET ${AUTHORIZE_PATH}`: {
        // The stand-in of Google's consent page: opening it grants what it names, as approving there would.
        for (const scope of (url.searchParams.get('scope') ?? '').split(' ').filter(Boolean)) {
          world.consent.grant(user, scope);
        }
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          '<!doctype html><title>Permission granted</title><p>Permission granted (the workbench’s stand-in for Google’s consent page). Close this window and try again in Peel.</p>',
        );
      }
      case 'GET /workbench.js':
        return send(res, 200, 'text/javascript; charset=utf-8', assetsNow.js);
      case 'GET /workbench.css':
        return send(res, 200, 'text/css; charset=utf-8', assetsNow.css);
      case 'GET /favicon.ico':
        res.writeHead(204).end();
        return;
      case 'GET /api/state':
        return sendJson(res, 200, state(user, account));
      case 'GET /api/events':
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`retry: 1000\ndata: ${version}\n\n`);
        events.add(res);
        req.on('close', () => events.delete(res));
        return;
      case 'POST /api/selection': {
        const update = (await readBody(req)) as SelectionUpdate;
        validateSelection(world.document, update);
        // The runtime reads the world when an execution starts, so the next call sees this selection.
        (world.document as HostDocument).selection = structuredClone(update.selection) as never;
        changed();
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /api/slide-background': {
        // A person colouring a slide in the editor (Slides' Background → Colour), so a cut-out can be seen on it.
        const { pageId, colour } = (await readBody(req)) as { pageId?: unknown; colour?: unknown };
        const open = world.document as HostDocument | null;
        const slide = open?.kind === 'deck' ? open.slides.find((s) => s.objectId === pageId) : null;
        if (!slide || typeof colour !== 'string' || !/^#[0-9a-f]{6}$/i.test(colour)) {
          throw new HttpError(400, 'Name a slide of the open deck and a colour as #rrggbb.');
        }
        slide.background = colour;
        changed();
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /api/open':
        await openDocument(user);
        return sendJson(res, 200, state(user, account));
      case 'POST /api/host': {
        const { host: next } = (await readBody(req)) as { host?: unknown };
        if (next !== 'deck' && next !== 'doc') throw new HttpError(400, 'host is "deck" or "doc".');
        await switchHost(next, user);
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /api/menu': {
        const { functionName } = (await readBody(req)) as { functionName?: unknown };
        const known = world.ui.menus.some((m) => m.items.some((i) => i.functionName === functionName));
        if (typeof functionName !== 'string' || !known) throw new HttpError(400, 'No such menu item.');
        await execute(functionName, [], { trigger: 'menu', user });
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /api/close': {
        const { kind } = (await readBody(req)) as { kind?: unknown };
        if (kind === 'dialog') panelsOf(user).dialog = null;
        else panelsOf(user).sidebar = null;
        changed();
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /api/dismiss-alerts':
        world.ui.alerts.length = 0;
        changed();
        return sendJson(res, 200, state(user, account));
      case 'POST /api/reset': {
        const { demo: next } = (await readBody(req)) as { demo?: unknown };
        if (next !== undefined && !isDemoName(next)) throw new HttpError(400, `No demo ${String(next)}.`);
        await reset(user, next);
        return sendJson(res, 200, state(user, account));
      }
      case 'POST /rpc':
        return sendJson(res, 200, await rpc(await readBody(req), user, account));
      default:
        throw new HttpError(404, `No route ${route}.`);
    }
  }

  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo | null)?.port ?? -1;
    if (!isOwnRequest(req.headers, port)) {
      sendJson(res, 403, { error: 'The workbench only answers its own pages (Host and Origin must be this server).' });
      return;
    }
    route(req, res, assets).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('Workbench:', error);
      if (!res.headersSent) sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });
  // SSE keeps connections open; a comment now and then stops proxies and browsers from timing them out.
  const keepAlive = setInterval(() => {
    for (const res of events) res.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (!kept) await saveNow();

  return {
    url: `http://localhost:${port}`,
    address: (server.address() as AddressInfo).address,
    backend,
    emulator,
    async close() {
      clearInterval(keepAlive);
      for (const res of events) res.end();
      events.clear();
      await saveNow();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.close();
      await emulator?.close();
    },
  };
}
