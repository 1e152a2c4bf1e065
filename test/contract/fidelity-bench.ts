/**
 * Fresh local-runtime services for one fidelity exercise (test/contract/fidelity.test.ts): each exercise gets its
 * own demo deck, demo doc and stores, so what one changes no other sees. The services are the runtime's own
 * classes, the objects a script's calls reach through the worker's handles.
 */
import path from 'node:path';
import { emptyUiLog, Runtime, World } from '../../dev/runtime';
import { createDocumentApp } from '../../dev/runtime/docs';
import { project } from '../../dev/runtime/fixtures';
import type { DeckState, DocumentState } from '../../dev/runtime/model';
import { demoDeck, demoDoc } from '../../dev/runtime/seed';
import { FakeBlob } from '../../dev/runtime/services/blob';
import { CacheStore, FakeCacheService } from '../../dev/runtime/services/cache';
import type { LocalCall, LocalRoute } from '../../dev/runtime/services/drive';
import { FakeHtmlService } from '../../dev/runtime/services/html';
import { FakeLockService, LockTable } from '../../dev/runtime/services/lock';
import { ExecutionPropertiesService, PropertyStores } from '../../dev/runtime/services/property-stores';
import { FakeScriptApp } from '../../dev/runtime/services/script';
import { FakeUrlFetchApp, type FetchRecord } from '../../dev/runtime/services/url-fetch';
import { FakeUtilities } from '../../dev/runtime/services/utilities';
import { createSlidesApp } from '../../dev/runtime/slides';
import { png } from '../../dev/runtime/slides/fixtures';

export const DIST = path.resolve(import.meta.dirname, '../../dist');
export const USER = 'ada@example.com';
/** An address the exercises' UrlFetchApp answers in this process (a LocalRoute), as the Drive stand-in is. */
export const ECHO = 'https://echo.example.com/';

export function pngBlob(width: number, height: number): GoogleAppsScript.Base.Blob {
  return new FakeBlob(png(width, height), 'image/png', 'test.png') as unknown as GoogleAppsScript.Base.Blob;
}

/** Answers `ECHO…`: the status is the path's number (200 otherwise), the body says what was asked. */
const echoRoute: LocalRoute = {
  from: ECHO,
  name: 'echo',
  handle(call: LocalCall) {
    const status = Number(/\/(\d{3})$/.exec(call.url)?.[1] ?? 200);
    const body = new TextEncoder().encode(JSON.stringify({ method: call.method, url: call.url }));
    return { status, headers: [['Content-Type', 'application/json; charset=utf-8']], body };
  },
};

export class Bench {
  private deckState: DeckState | undefined;
  private docState: DocumentState | undefined;
  readonly stores = new PropertyStores();
  readonly cacheStore = new CacheStore();
  readonly lockTable = new LockTable();
  readonly fetched: FetchRecord[] = [];
  readonly uiLog = emptyUiLog();

  /** The demo deck, as SlidesApp sees it. */
  get deck(): DeckState {
    this.deckState ??= demoDeck();
    return this.deckState;
  }

  /** The demo doc, as DocumentApp sees it. */
  get doc(): DocumentState {
    this.docState ??= demoDoc();
    return this.docState;
  }

  slidesApp() {
    return createSlidesApp({ document: this.deck, ui: this.uiLog, authMode: 'FULL' });
  }

  presentation(): GoogleAppsScript.Slides.Presentation {
    const presentation = this.slidesApp().getActivePresentation();
    if (!presentation) throw new Error('no active presentation');
    return presentation;
  }

  slide(id: string): GoogleAppsScript.Slides.Slide {
    const slide = this.presentation().getSlideById(id);
    if (!slide) throw new Error(`no slide ${id}`);
    return slide;
  }

  /** A page element of the demo deck by object id. */
  element(id: string): GoogleAppsScript.Slides.PageElement {
    const element = this.presentation().getPageElementById(id);
    if (!element) throw new Error(`no page element ${id}`);
    return element;
  }

  documentApp() {
    return createDocumentApp({ document: this.doc, ui: this.uiLog, authMode: 'FULL' });
  }

  document(): GoogleAppsScript.Document.Document {
    const document = this.documentApp().getActiveDocument();
    if (!document) throw new Error('no active document');
    return document;
  }

  /** The body's child that holds the demo doc's block `id`. */
  block(id: string): GoogleAppsScript.Document.Element {
    const index = this.doc.body.findIndex((block) => block.id === id);
    if (index < 0) throw new Error(`no block ${id}`);
    return this.document().getBody().getChild(index);
  }

  /** The demo doc's inline image (the figure under "What we found"). */
  inlineImage(): GoogleAppsScript.Document.InlineImage {
    const image = this.document().getBody().getImages()[0];
    if (!image) throw new Error('no inline image');
    return image;
  }

  properties(documentId: string | null = 'peel-demo-doc') {
    return new ExecutionPropertiesService({ stores: this.stores, documentId, user: USER, authMode: 'FULL' });
  }

  cacheService() {
    return new FakeCacheService({ store: this.cacheStore, documentId: 'peel-demo-doc', user: USER, authMode: 'FULL' });
  }

  lockService(owner = 'execution-1', documentId: string | null = 'peel-demo-doc') {
    return new FakeLockService({ table: this.lockTable, owner, documentId, user: USER, authMode: 'FULL' });
  }

  urlFetchApp() {
    return new FakeUrlFetchApp({
      authMode: 'FULL',
      deadlineMs: 60_000,
      rewrites: [],
      routes: [echoRoute],
      allowlist: [ECHO],
      signal: new AbortController().signal,
      scriptId: 'fidelity',
      record: (record) => this.fetched.push(record),
    });
  }

  utilities() {
    const utilities = new FakeUtilities();
    utilities.sleepScale = 0.01;
    return utilities;
  }

  /** `declined`: scopes of the manifest this user did not grant (granular consent). */
  scriptApp(authMode: 'NONE' | 'FULL' = 'FULL', declined: readonly string[] = []) {
    return new FakeScriptApp({
      scriptId: 'fidelity',
      user: USER,
      authMode,
      timeZone: 'Etc/UTC',
      scopes: ['https://www.googleapis.com/auth/script.external_request', 'https://www.googleapis.com/auth/drive.file'],
      granted: (scope) => !declined.includes(scope),
    });
  }

  htmlService() {
    return new FakeHtmlService(DIST);
  }

  /** The runtime's object for a service global, where Apps Script keeps that service's enums. */
  service(name: string): object | undefined {
    const services: Record<string, () => object> = {
      SlidesApp: () => this.slidesApp(),
      DocumentApp: () => this.documentApp(),
      ScriptApp: () => this.scriptApp(),
      HtmlService: () => this.htmlService(),
      Utilities: () => this.utilities(),
    };
    return services[name]?.();
  }

  blob(bytes: Uint8Array | string, contentType: string | null = null, name: string | null = null) {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    return new FakeBlob(data, contentType, name);
  }
}

/**
 * Runs `code`'s function `main` through the real Runtime (a worker with Apps Script's globals), for what only
 * exists inside the script's context, such as `console`.
 */
export async function runScript(code: string): Promise<Awaited<ReturnType<Runtime['run']>>> {
  const dir = await project(code);
  const runtime = new Runtime({ distDir: dir.dir, world: new World({ document: demoDoc() }), warmWorkers: 0 });
  try {
    return await runtime.run('main');
  } finally {
    await runtime.close();
    await dir.remove();
  }
}
