/// <reference path="./globals.d.ts" />
/**
 * Every function the sidebar may call, each with the schemas of its arguments (src/shared/requests.ts), which
 * `expose` checks before the function starts. The sidebar's client is typed from this module (`import type`),
 * so signatures here name only types from `src/shared/rpc.ts` and the schemas.
 */
import { PeelError } from '../core/errors';
import { modelSpec } from '../core/gemini/catalog';
import { offeredModel } from '../core/gemini/offered';
import {
  apiKeyArg,
  applyRequest,
  editRequest,
  generateRequest,
  illustrateOptions,
  imageIdsArg,
  imageRefArg,
  insertRequest,
  keyToTestArg,
  modelIdArg,
  threadIdArg,
  threadRefArg,
  versionIdArg,
} from '../shared/requests';
import type {
  ApplyResult,
  EditResult,
  GenerateResult,
  IllustratePrompt,
  InsertResult,
  KeyTestReport,
  OfferedModel,
  SettingsView,
  SidebarContext,
  Target,
  ThreadImage,
  ThreadView,
} from '../shared/rpc';
import { expose } from './boundary';
import { readDocumentCost } from './costs';
import { openDocumentStore } from './document-store';
import {
  applyEdit as applyChange,
  editImage as edit,
  getThreadView,
  restoreVersion as restore,
  getVersionImage as versionImage,
} from './edit';
import { geminiClient, openSettings } from './gemini';
import { discard, generate, models } from './generate';
import { detectHost } from './host';
import { illustratePrompt, insert, target } from './insert';

export const getSidebarContext = expose([], (): SidebarContext => {
  const host = detectHost();
  if (!host) throw new PeelError('UNSUPPORTED_HOST', 'No Slides or Docs UI in this execution.');
  return { host, version: PEEL_VERSION, documentCostUsd: openingCost() };
});

/**
 * The document's total for "This document so far", read once per sidebar: each Generate then adds to what the
 * sidebar sends instead of reading it back (generate.ts). A sidebar that cannot read it still opens.
 */
function openingCost(): number {
  try {
    return readDocumentCost(openDocumentStore());
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return 0;
  }
}

export const getSettings = expose([], (): SettingsView => openSettings().view());

/** Saves the user's own key (user properties only). The key never comes back, only its masked form. */
export const saveApiKey = expose([apiKeyArg], (key): SettingsView => {
  const settings = openSettings();
  settings.saveApiKey(key);
  return settings.view();
});

export const clearApiKey = expose([], (): SettingsView => {
  const settings = openSettings();
  settings.clearApiKey();
  return settings.view();
});

export const saveModel = expose([modelIdArg], (model): SettingsView => {
  const settings = openSettings();
  settings.saveModel(model);
  return settings.view();
});

/**
 * Asks Google which image models a key may use: the key typed in the sidebar if one is given (before saving),
 * else the key in effect. A bad key comes back as its error (KEY_INVALID, BILLING_REQUIRED…).
 */
export const testApiKey = expose([keyToTestArg], (key): KeyTestReport => {
  const settings = openSettings();
  if (settings.connection().kind === 'vertex') {
    throw new PeelError('BAD_INPUT', 'Vertex AI has no key to test', {
      detail: 'This deployment uses Vertex AI with your Google account; there is no API key to test.',
    });
  }
  const endpoint = key ? settings.endpointForKey(key) : settings.endpoint(() => '');
  const now = Date.now();
  const models = geminiClient(endpoint)
    .listModels()
    .map((m) => ({ ...offeredModel(modelSpec(m.id), now), displayName: m.displayName }));
  return { models };
});

// ---------------------------------------------------------------------------------------------------------
// Generate and insert (implementations in generate.ts and insert.ts).

/** Where an image would go now, read from the selection; the sidebar asks whenever it may have changed. */
export const getTarget = expose([], (): Target => target());

export const getModels = expose([], (): OfferedModel[] => models());

/** Makes 1–4 variants in parallel and keeps their bytes server-side; the result carries each image once. */
export const generateImages = expose([generateRequest], (req): GenerateResult => generate(req));

/** Puts a generated image (by id, never by bytes) where the selection says. */
export const insertImage = expose([insertRequest], (req): InsertResult => insert(req));

export const discardImages = expose([imageIdsArg], (ids): null => discard(ids));

export const composeIllustratePrompt = expose(
  [illustrateOptions],
  (options): IllustratePrompt => illustratePrompt(options),
);

// ---------------------------------------------------------------------------------------------------------
// Edit conversations (issue 10; implementations in edit.ts)

/** The selected image's thread (by the ref getTarget gave), or with null the document's most recent one. */
export const getThread = expose([threadRefArg], (ref): ThreadView | null => getThreadView(ref));

/** One edited variant of the image as it is in the document; like one Generate variant (call once per variant). */
export const editImage = expose([editRequest], (req): EditResult => edit(req));

/** Replaces the image in place with an edited variant (by id), keeping the replaced version. */
export const applyEdit = expose([applyRequest], (req): ApplyResult => applyChange(req));

/** A kept version's image (VERSION_UNAVAILABLE, saying who can reach it, when the caller cannot). */
export const getVersionImage = expose(
  [threadIdArg, versionIdArg],
  (threadId, versionId): ThreadImage => versionImage(threadId, versionId),
);

/** Puts a kept version back in place; the replaced image is kept as a version in turn. */
export const restoreVersion = expose(
  [threadIdArg, versionIdArg, imageRefArg],
  (threadId, versionId, ref): ApplyResult => restore(threadId, versionId, ref),
);
