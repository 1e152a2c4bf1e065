/// <reference path="../platform/globals.d.ts" />
/**
 * Every function the sidebar may call, each with the schemas of its arguments (src/shared/requests.ts), which
 * `expose` checks before the function starts. The sidebar's client is typed from this module (`import type`),
 * so signatures here name only types from `src/shared/rpc.ts` and the schemas.
 */
import { detailOf, PeelError } from '../../core/errors';
import { modelSpec } from '../../core/gemini/catalog';
import { offeredModel } from '../../core/gemini/offered';
import { lazily, resolveLocale, type Say, SERVER_WORDS, type ServerCatalog, speaker } from '../../core/i18n';
import { EN_SERVER } from '../../core/i18n/en-server';
import {
  apiKeyArg,
  applyRequest,
  cutoutRequest,
  docsWidthArg,
  editRequest,
  generateRequest,
  illustrateOptions,
  imageIdsArg,
  imageRefArg,
  insertRequest,
  jobIdArg,
  jobItemRequest,
  jobPlanRequest,
  keyToTestArg,
  modelIdArg,
  pinReferenceRequest,
  previewIdArg,
  referenceNameArg,
  restoreRequest,
  reviewRequest,
  saveStyleRequest,
  shownRefArg,
  startJobRequest,
  threadIdArg,
  threadRefArg,
  uploadReferenceRequest,
  versionIdArg,
} from '../../shared/requests';
import type {
  ApplyResult,
  DeckStyleView,
  DocsWidth,
  DocumentImage,
  IllustratePrompt,
  ImageCallOutcome,
  InsertResult,
  JobPlan,
  JobView,
  KeyTestReport,
  NamedReference,
  OfferedModel,
  ReferenceHandle,
  SaveStyleResult,
  SettingsView,
  ShownPreview,
  SidebarContext,
  TakenReference,
  Target,
  ThreadImage,
  ThreadView,
} from '../../shared/rpc';
import { keepCutout as cutout } from '../flows/cutout';
import {
  applyEdit as applyChange,
  editImage as edit,
  getThreadView,
  getPreview as preview,
  restoreVersion as restore,
  getVersionImage as versionImage,
} from '../flows/edit';
import { discard, generate, models } from '../flows/generate';
import { illustratePrompt, insert, target } from '../flows/insert';
import { cancelJob, currentJob, planJob, proposalImage, review, runItem, startJob } from '../flows/jobs';
import { MODELS_CACHE_KEY, openModelCache, rememberedModels } from '../flows/model-menu';
import {
  listDocumentImages as documentImages,
  namedReferences,
  pinReference as pin,
  takeDocumentImage as takeImage,
  takeNamedReference,
  unpinReference as unpin,
  uploadReference as upload,
} from '../flows/references';
import { deckStyle, proposedPalette, saveStyle } from '../flows/style';
import {
  type DocumentStore,
  docsWidthIn,
  openDocumentStore,
  type Stored,
  writeDocsWidth,
} from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import { detectHost } from '../platform/host';
import { catalogsText, personsWords, userLocale } from '../platform/words';
import { emptyMyBin } from '../spine/bin';
import { readDocumentCost } from '../spine/costs';
import { geminiClient, openSettings } from '../spine/gemini';
import { cachedPolicyNotes, POLICY_CACHE_KEY } from '../spine/settings';
import { expose } from './boundary';
import { sidebarParts } from './menu';

/** The sidebar's late part (the views a person opens rarely), fetched when one of them is first shown. */
export const getSidebarParts = expose([], (): string => sidebarParts());

export const getSidebarContext = expose([], (): SidebarContext => {
  const host = detectHost();
  if (!host) throw new PeelError('UNSUPPORTED_HOST', 'No Slides or Docs UI in this execution.');
  const { documentCostUsd, docsWidth } = openingDocument();
  const language = openingLanguage();
  return {
    host,
    version: PEEL_VERSION,
    documentCostUsd,
    ...openingModels(language.say),
    ...(host === 'docs' ? { docsWidth } : {}),
    ...language.wire,
  };
});

/**
 * The sidebar's language: the editor's locale, resolved to a catalog Peel ships, and that catalog (English is on
 * the page); and the server's sentences in it, from the same file, for the notes the context carries and for the
 * sidebar to say the labels later calls write in English and as keys (where a picture goes or went). A catalog
 * that cannot be read leaves the sidebar in English.
 */
function openingLanguage(): { wire: { locale: string; words?: string; serverWords?: string }; say: Say } {
  const locale = resolveLocale(userLocale());
  const english = { wire: { locale: 'en' }, say: speaker(EN_SERVER) };
  if (locale === 'en') return english;
  try {
    const all = JSON.parse(catalogsText()) as Record<string, unknown> & {
      [SERVER_WORDS]?: Record<string, Partial<ServerCatalog>>;
    };
    const words = all[locale];
    if (!words) return english;
    const server = all[SERVER_WORDS]?.[locale];
    return {
      wire: { locale, words: JSON.stringify(words), ...(server ? { serverWords: JSON.stringify(server) } : {}) },
      say: speaker(EN_SERVER, locale, server),
    };
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return english;
  }
}

/**
 * The document's total for "This document so far", read once per sidebar: each Generate then adds to what the
 * sidebar sends instead of reading it back (generate.ts). The same getProperties gives the Docs width. A sidebar
 * that cannot read them still opens.
 */
function openingDocument(): { documentCostUsd: number; docsWidth: DocsWidth } {
  try {
    const store = openDocumentStore();
    const snapshot = store?.read();
    if (store && snapshot) emptyBinQuietly(store, snapshot);
    return {
      documentCostUsd: readDocumentCost(store, snapshot),
      docsWidth: snapshot ? docsWidthIn(snapshot) : 'full',
    };
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return { documentCostUsd: 0, docsWidth: 'full' };
  }
}

/** Opening the sidebar is when the caller's own version files that left their threads go to their trash. */
function emptyBinQuietly(store: DocumentStore, snapshot: Stored): void {
  try {
    emptyMyBin(store, snapshot, () => openSettings().userId(), driveVersionStore);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/** The user's remembered model menu (no fetch), so Generate is ready when the sidebar opens (model-menu.ts). */
function openingModels(say: Say): Pick<SidebarContext, 'models' | 'policy'> {
  const now = Date.now();
  try {
    // One getAll: the menu as last remembered (already as the organization allows it) and the policy's notes.
    const found = openModelCache().getAll([MODELS_CACHE_KEY, POLICY_CACHE_KEY]);
    const notes = cachedPolicyNotes(found[POLICY_CACHE_KEY] ?? null, say);
    return {
      models: rememberedModels(found[MODELS_CACHE_KEY] ?? null, now, say),
      ...(notes.length > 0 ? { policy: notes } : {}),
    };
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return { models: rememberedModels(null, now, say) };
  }
}

/** Docs: the width new images take in this document, for everyone inserting here (under the document lock). */
export const saveDocsWidth = expose([docsWidthArg], (width): DocsWidth => {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document to remember the width in.');
  return writeDocsWidth(store, width);
});

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
    throw new PeelError('BAD_INPUT', 'Vertex AI has no key to test', detailOf('vertexNoKey'));
  }
  const endpoint = key ? settings.endpointForKey(key) : settings.endpoint(() => '');
  const now = Date.now();
  const models = geminiClient(endpoint)
    .listModels()
    .map((m) => ({
      ...offeredModel(modelSpec(m.id), now, undefined, lazily(personsWords)),
      displayName: m.displayName,
    }));
  return { models };
});

// ---------------------------------------------------------------------------------------------------------
// Generate and insert (flows/generate.ts, flows/insert.ts)

/** Where an image would go now, read from the selection; the sidebar asks whenever it may have changed. */
export const getTarget = expose([shownRefArg], (shown): Target => target(shown));

export const getModels = expose([], (): OfferedModel[] => models());

/**
 * Makes one image and keeps its bytes server-side (the answer carries them once), or says how long to wait before
 * trying again. The sidebar calls it once per variant, in parallel.
 */
export const generateImage = expose([generateRequest], (req): ImageCallOutcome => generate(req));

/** Puts a generated image (by id, never by bytes) where the selection says. */
export const insertImage = expose([insertRequest], (req): InsertResult => insert(req));

export const discardImages = expose([imageIdsArg], (ids): null => discard(ids));

export const composeIllustratePrompt = expose(
  [illustrateOptions],
  (options): IllustratePrompt => illustratePrompt(options),
);

// ---------------------------------------------------------------------------------------------------------
// Edit conversations (flows/edit.ts)

/** The selected image's thread (by the ref getTarget gave), or with null the document's most recent one. */
export const getThread = expose([threadRefArg], (ref): ThreadView | null => getThreadView(ref));

/** One edited variant of the image as it is in the document; like one Generate variant (call once per variant). */
export const editImage = expose([editRequest], (req): ImageCallOutcome => edit(req));

/**
 * Replaces the picture the edit started from with the edited variant (by id), keeping the replaced version, if
 * the document still shows that picture; otherwise nothing changes and the answer says so (`changed`).
 */
export const applyEdit = expose([applyRequest], (req): ApplyResult => applyChange(req));

/**
 * Keeps the PNG with a real alpha channel the sidebar cut out of a "Remove background" image (same size, PNG with
 * alpha, checked here); Apply or Insert then places it by the id this returns. Nothing is billed again.
 */
export const keepCutout = expose([cutoutRequest], (req): { imageId: string } => cutout(req));

/** A kept version's image (VERSION_UNAVAILABLE, saying who can reach it, when the caller cannot). */
export const getVersionImage = expose(
  [threadIdArg, versionIdArg],
  (threadId, versionId): ThreadImage => versionImage(threadId, versionId),
);

/**
 * A preview the caller made and has not applied (a chain's shown turn), from their cache: to apply it or continue
 * from it. PREVIEW_EXPIRED when the cache no longer keeps it.
 */
export const getPreview = expose([previewIdArg], (imageId): ShownPreview => preview(imageId));

/** Puts a kept version back in place; the replaced image is kept as a version in turn. */
export const restoreVersion = expose([restoreRequest], (req): ApplyResult => restore(req));

// ---------------------------------------------------------------------------------------------------------
// Reference images (flows/references.ts)

/** Keeps a file from the computer (already scaled in the browser) for this user; its bytes cross once. */
export const uploadReference = expose([uploadReferenceRequest], (req): ReferenceHandle => upload(req));

/** The document's images a reference can be taken from (labels only; no bytes). */
export const listDocumentImages = expose([], (): DocumentImage[] => documentImages());

/** Keeps one of the document's images as a reference for this user, and sends its bytes once for the tray. */
export const takeDocumentImage = expose([imageRefArg], (ref): TakenReference => takeImage(ref));

/** The document's named references (shared with everyone who edits it). */
export const getNamedReferences = expose([], (): NamedReference[] => namedReferences());

/** Pins a reference the caller holds under a name for the whole document. */
export const pinReference = expose([pinReferenceRequest], (req): NamedReference[] => pin(req));

export const unpinReference = expose([referenceNameArg], (name): NamedReference[] => unpin(name));

/** A named reference's bytes for the tray (once per sidebar), kept for this user like any other reference. */
export const useNamedReference = expose([referenceNameArg], (name): TakenReference => takeNamedReference(name));

// ---------------------------------------------------------------------------------------------------------
// The document's style and batch jobs (flows/style.ts, flows/jobs.ts)

export const getDeckStyle = expose([], (): DeckStyleView | null => deckStyle());

/**
 * Sets the document's style for everyone who edits it; the change is recorded (who, when). Nothing is saved
 * when someone saved since the editor opened (`changed`, with their style): the person then saves on top.
 */
export const saveDeckStyle = expose([saveStyleRequest], (req): SaveStyleResult => saveStyle(req));

/** A palette proposed from the deck's theme colours (Slides), or from the document's text colours (Docs). */
export const proposeDeckPalette = expose([], (): string[] => proposedPalette());

/** What a job would do, slide by slide, before anything is billed. */
export const planDeckJob = expose([jobPlanRequest], (req): JobPlan => planJob(req));

/** Stores the job (document properties) so reopening the sidebar resumes it. */
export const startDeckJob = expose([startJobRequest], (req): JobView => startJob(req));

/** The caller's unfinished job in this document, or null. */
export const getDeckJob = expose([], (): JobView | null => currentJob());

/** Draws one item's proposal (one image per call, like generateImage; the sidebar paces and parallelises). */
export const runJobItem = expose([jobItemRequest], (req): ImageCallOutcome => runItem(req));

/** A proposal's image for the review list after reopening the sidebar (kept 6 hours); `attempt` is ignored. */
export const getJobItemImage = expose([jobItemRequest], (req): ThreadImage => proposalImage(req));

/** Accept (places it), skip, regenerate, or change an item's prompt. */
export const reviewJobItem = expose([reviewRequest], (req): JobView => review(req));

export const cancelDeckJob = expose([jobIdArg], (id): JobView => cancelJob(id));
