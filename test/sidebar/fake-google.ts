/**
 * A fake `google.script.run` for the sidebar's browser tests, bundled by esbuild and injected before the
 * sidebar's own script. The handlers are typed from the sidebar's server type, so a renamed server function or
 * a changed result type breaks this file at `npm run typecheck`, not silently in the browser.
 *
 * It keeps what Peel's client relies on: each `with…Handler` call returns a runner, handlers fire later and
 * asynchronously, arguments are copied as JSON (as Apps Script copies them). The test steers it through
 * `window.__peelFake`: what generate does next, the target, and a gate for the slow call.
 */
import type { Server } from '../../sidebar/kernel/rpc';
import { altTitle } from '../../src/core/prompts';
import type {
  DeckStyleView,
  GeneratedImage,
  JobPlan,
  NamedReference,
  OfferedModel,
  Result,
  SettingsView,
  Target,
  ThreadView,
  UserFacingError,
  Wire,
} from '../../src/shared/rpc';

export type GenerateMode = 'ok' | 'keyInvalid' | 'hold' | 'notGranted' | 'notGrantedScript';

/** Serializable set-up, passed in by the test before the page loads. */
export interface FakeConfig {
  readonly host: 'slides' | 'docs';
  readonly keySource: 'user' | 'none';
  readonly target: Target;
  readonly models: readonly OfferedModel[];
  readonly images: readonly GeneratedImage[];
  /** The selected image's thread (getThread answers it for any ref); none by default. */
  readonly thread?: ThreadView;
  /** The document's named references and style; none by default. */
  readonly named?: readonly NamedReference[];
  readonly style?: DeckStyleView;
  /** dist/SidebarParts.html as the build wrote it: what getSidebarParts answers (the harness reads it). */
  readonly parts: string;
  /** How many getSidebarParts calls fail first, as a call Google could not complete; none by default. */
  readonly partsFailures?: number;
  /** The sidebar's language and its catalog, as getSidebarContext sends them; English by default. */
  readonly locale?: string;
  readonly words?: string;
  /** The server's sentences in that language, as getSidebarContext sends them; none by default (English). */
  readonly serverWords?: string;
  /** What planDeckJob answers; unavailable by default. */
  readonly plan?: JobPlan;
}

export interface FakeControls {
  readonly calls: { name: string; args: unknown[] }[];
  target: Target;
  generate: GenerateMode;
  /** Lets the held generate call answer. */
  release(): void;
}

declare global {
  interface Window {
    __peelFakeConfig: FakeConfig;
    __peelFake: FakeControls;
  }
}

type Handlers = {
  [K in keyof Server]: (
    ...args: Parameters<Server[K]>
  ) => Result<Awaited<ReturnType<Server[K]>>> | Promise<Result<Awaited<ReturnType<Server[K]>>>>;
};

const config = window.__peelFakeConfig;
const held: (() => void)[] = [];
const controls: FakeControls = {
  calls: [],
  target: config.target,
  generate: 'ok',
  release: () => {
    for (const release of held.splice(0)) release();
  },
};
window.__peelFake = controls;

// The runner copies every answer as JSON, which is what makes a T its Wire<T>.
const ok = <T>(value: T): Result<Wire<T>> => ({ ok: true, value: value as Wire<T> });
const failure = (error: UserFacingError): Result<never> => ({ ok: false, error });

let key: string | null = config.keySource === 'user' ? 'AIzaSyFakeFakeFakeFakeFakeFakeFake1234' : null;
let model = config.models[0]?.id ?? '';
const settings = (): SettingsView => ({
  connection: {
    kind: 'gemini',
    key: key
      ? { source: 'user', masked: `${key.slice(0, 4)}…${key.slice(-4)}`, organizationKey: false }
      : { source: 'none' },
  },
  model,
  models: config.models,
});

let documentCost = 0.4;
let partsFailures = config.partsFailures ?? 0;
let generateCalls = 0;

const unavailable = {
  ok: false,
  error: { code: 'UNSUPPORTED_HOST', message: 'Not in this fake.', action: 'Use the workbench.' },
} as const;

const handlers: Handlers = {
  getSidebarParts: () =>
    partsFailures-- > 0
      ? failure({
          code: 'INTERNAL',
          message: 'The call to Google failed.',
          action: 'Try again, or reload the document.',
        })
      : ok(config.parts),
  getSidebarContext: () =>
    ok({
      host: config.host,
      version: '0.1.0',
      documentCostUsd: documentCost,
      ...(config.locale ? { locale: config.locale } : {}),
      ...(config.words ? { words: config.words } : {}),
      ...(config.serverWords ? { serverWords: config.serverWords } : {}),
    }),
  getSettings: () => ok(settings()),
  saveApiKey: (value) => {
    key = value;
    return ok(settings());
  },
  clearApiKey: () => {
    key = null;
    return ok(settings());
  },
  saveModel: (id) => {
    model = id;
    return ok(settings());
  },
  testApiKey: () => ok({ models: config.models }),
  getTarget: () => ok(controls.target),
  getModels: () =>
    ok(config.models.map((m) => ({ ...m, aspectRatios: [...m.aspectRatios], imageSizes: [...m.imageSizes] }))),
  generateImage: async (request) => {
    if (controls.generate === 'keyInvalid') {
      return failure({
        code: 'KEY_INVALID',
        message: 'Google did not accept this API key.',
        action: 'Check the key in Settings, or create a new one in Google AI Studio.',
        // Markup in the service's words must arrive as text, never as HTML.
        detail: 'API key not valid. Please pass a valid API key. <b>bold</b>',
      });
    }
    if (controls.generate === 'notGranted' || controls.generate === 'notGrantedScript') {
      return failure({
        code: 'SCOPE_NOT_GRANTED',
        message: 'Peel needs a permission you have not given it yet, so nothing was changed or charged.',
        action: 'Press Grant permission, approve it in the window that opens, then try again.',
        detail: 'Making and editing pictures needs the permission “Connect to an external service”.',
        // Only a web address may become the button; anything else is dropped by the sidebar.
        authorizationUrl:
          controls.generate === 'notGranted'
            ? 'https://script.google.com/macros/authorize?scope=script.external_request'
            : 'javascript:alert(1)',
      });
    }
    // Each variant is its own call: the n-th call of a Generate answers with the n-th configured image.
    const index = generateCalls++ % Math.max(1, config.images.length);
    if (controls.generate === 'hold') await new Promise<void>((resolve) => held.push(resolve));
    const image = config.images[index];
    if (!image) return failure({ code: 'NO_IMAGE', message: 'No image configured.', action: 'Configure one.' });
    documentCost += image.costUsd ?? 0;
    return ok({
      kind: 'image',
      image: { ...image },
      altTitle: altTitle(request.prompt),
      text: '',
      warnings: [],
      documentCostUsd: documentCost,
    });
  },
  insertImage: () => ok({ objectId: 'obj-1', label: 'Slide 3', threadId: null, thread: null }),
  discardImages: () => ok(null),
  saveDocsWidth: (width) => ok(width),
  composeIllustratePrompt: ({ includeNotes }) =>
    ok({
      prompt: `An illustration of quarterly growth${includeNotes ? ', as the speaker notes describe' : ''}.`,
      source: 'the text of slide 3',
    }),
  // Issue 10's server functions, enough to draw the thread's states; what they do is tested in the workbench.
  getThread: () => ok(config.thread ?? null),
  editImage: (request) => {
    const image = config.images[controls.calls.filter((c) => c.name === 'editImage').length % config.images.length];
    if (!image) return unavailable;
    return ok({
      kind: 'image' as const,
      image,
      altTitle: altTitle(request.instruction),
      text: 'Added a lake.',
      warnings: [],
      documentCostUsd: documentCost,
    });
  },
  applyEdit: () => unavailable,
  keepCutout: () => unavailable,
  // The first kept version is a collaborator's, out of this user's reach; the others open.
  getPreview: () => unavailable,
  getVersionImage: (_threadId, versionId) => {
    const image = config.images[0];
    if (versionId === config.thread?.versions[0]?.id || !image) {
      return failure({
        code: 'VERSION_UNAVAILABLE',
        message: 'This version is in a collaborator’s Google Drive, where only they can open it.',
        action: 'Ask them to restore it.',
      });
    }
    return ok({ mimeType: image.mimeType, base64: image.base64, pixelWidth: 160, pixelHeight: 90 });
  },
  restoreVersion: () => unavailable,
  // Issues 12 and 13: each feature's tests configure what they need.
  uploadReference: () => unavailable,
  listDocumentImages: () => ok([]),
  takeDocumentImage: () => unavailable,
  getNamedReferences: () => ok([...(config.named ?? [])]),
  pinReference: () => unavailable,
  unpinReference: () => ok([]),
  useNamedReference: () => unavailable,
  getDeckStyle: () => ok(config.style ?? null),
  saveDeckStyle: () => unavailable,
  proposeDeckPalette: () => ok([]),
  planDeckJob: () => (config.plan ? ok(config.plan) : unavailable),
  startDeckJob: () => unavailable,
  getDeckJob: () => ok(null),
  runJobItem: () => unavailable,
  getJobItemImage: () => unavailable,
  reviewJobItem: () => unavailable,
  cancelDeckJob: () => unavailable,
};

type SuccessHandler = (value: unknown) => void;
type FailureHandler = (error: Error) => void;

function runner(onSuccess: SuccessHandler, onFailure: FailureHandler): unknown {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (name === 'withSuccessHandler') return (handler: SuccessHandler) => runner(handler, onFailure);
        if (name === 'withFailureHandler') return (handler: FailureHandler) => runner(onSuccess, handler);
        if (typeof name !== 'string' || !Object.hasOwn(handlers, name)) return undefined;
        const handler = handlers[name as keyof Handlers] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const copied = JSON.parse(JSON.stringify(args)) as unknown[];
          controls.calls.push({ name, args: copied });
          // Apps Script answers later, never inside the call.
          setTimeout(async () => {
            try {
              onSuccess(JSON.parse(JSON.stringify(await handler(...copied))));
            } catch (error) {
              onFailure(new Error(error instanceof Error ? error.message : String(error)));
            }
          }, 20);
        };
      },
    },
  );
}

(window as unknown as { google: unknown }).google = {
  script: {
    run: runner(
      () => {},
      () => {},
    ),
    host: { close: () => {} },
  },
};
