/**
 * Deck jobs: illustrate every slide, restyle every picture. Add-ons get no background time (their
 * time-driven triggers run at most hourly), so the SIDEBAR drives a job: one item per server call, each well
 * inside the 6-minute limit, several at once, paced by Gemini's retry delays. What the job is lives here, in
 * document properties (core/jobs.ts has the layout), under the document lock: closing the sidebar loses
 * nothing, and reopening it (getDeckJob) resumes the same job with its proposals.
 *
 * Nothing billed is lost: an item's image is stashed (6 hours, CacheService's maximum) and its cost recorded by
 * image-call.ts before the job's state is written; if that write fails, the image still comes back to the
 * sidebar. In Google Slides a job illustrates slides or restyles pictures; in Google Docs it illustrates the
 * document's sections (core/doc-sections.ts: a picture under each heading, after the section's first paragraph).
 * A document's pictures are restyled one at a time: they have no free area to size an image for.
 */

import { userHash } from '../../core/conversation/thread';
import { RESTYLE_INSTRUCTION } from '../../core/deck-style';
import { composeSectionPrompt, type DocSection, findSection, sectionLabel } from '../../core/doc-sections';
import type { DocsWidth } from '../../core/docs-width';
import { describeError, detailOf, PeelError } from '../../core/errors';
import { type ImageSize, type ModelSpec, modelSpec } from '../../core/gemini/catalog';
import { checkImageOptions } from '../../core/gemini/options';
import { DOCS_DEFAULT_RATIO, nearestAspectRatio } from '../../core/geometry';
import type { Say } from '../../core/i18n';
import {
  claimAccept,
  failItem,
  isLive,
  itemKey,
  JOB_OWNER_SALT,
  type Job,
  type JobItem,
  jobEntries,
  jobExit,
  lostItem,
  orphanedItemKeys,
  ownedJob,
  PROPOSAL_SECONDS,
  parseJob,
  perImageUsd,
  proposeItem,
  releaseAccept,
  releaseItem,
  resumedJob,
  reviewedItem,
  serializeItem,
  settleProposal,
  spentUsd,
  startItem,
} from '../../core/jobs';
import { checkImage, checkJobs } from '../../core/policy';
import { composeSlidePrompt, hasSlideText, truncate } from '../../core/prompts';
import type { JobItemRequest, JobPlanRequest, ReviewRequest, StartJobRequest } from '../../shared/requests';
import type { ImageCallOutcome, JobItemView, JobPlan, JobPlanItem, JobView, ThreadImage } from '../../shared/rpc';
import { type ActiveFile, activeFile, activeFileId } from '../platform/active';
import { documentSections } from '../platform/docs';
import {
  type DocumentStore,
  docsWidthIn,
  openDocumentStore,
  type StoreChange,
  type Stored,
} from '../platform/document-store';
import { callerEmail } from '../platform/identity';
import { PAID_WRITE_WAIT_MS } from '../platform/lock';
import { pageImageRatio, pageText } from '../platform/slides';
import { openStash, randomPart } from '../platform/stash';
import { personsWords } from '../platform/words';
import { costInProperties, recordBilled } from '../spine/costs';
import { openSettings } from '../spine/gemini';
import { recordKeys } from '../spine/pending';
import { place } from '../spine/place';
import { OWED_PROPOSALS, type Settings } from '../spine/settings';
import { styleFor } from '../spine/style';
import { editImage } from './edit';
import { generate } from './generate';

type Presentation = GoogleAppsScript.Slides.Presentation;

function requireStore(): DocumentStore {
  const store = openDocumentStore();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', detailOf('openFromDocument'));
  return store;
}

/** The caller's owner hash, from the same read of their properties as anything else they hold (what they owe). */
const owner = (settings: Settings = openSettings()) => userHash(settings.userId(), JOB_OWNER_SALT);

function gone(): PeelError {
  return new PeelError('BAD_INPUT', 'No such job', detailOf('jobGone'));
}

/** The caller's job `id` from a read of the store, resumed (see core/jobs.ts `resumed`). */
function ownJob(properties: Stored, id: string, me: string, now: number): Job {
  const job = parseJob(properties, id);
  if (!job || job.owner !== me) throw gone();
  return resumedJob(job, now);
}

function view(job: Job, cancelled = false): JobView {
  return {
    id: job.id,
    kind: job.kind,
    model: job.model,
    imageSize: job.imageSize,
    capUsd: job.capUsd,
    spentUsd: spentUsd(job),
    perImageUsd: job.perImageUsd,
    items: job.items.map(
      (item): JobItemView => ({
        key: item.key,
        slideNumber: item.slideNumber,
        label: item.label,
        prompt: item.prompt,
        aspectRatio: item.aspectRatio,
        chosen: true,
        state: item.state,
        imageId: item.state === 'proposed' ? item.imageId : null,
        costUsd: item.costUsd,
        error: item.error,
      }),
    ),
    startedAt: job.startedAt,
    cancelled,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plan and start

function slideLabel(n: number, title: string, say: Say): string {
  const t = truncate(title.replace(/\s+/g, ' ').trim(), 60);
  return t ? say('jobSlide', { n: String(n), title: t }) : say('jobSlideN', { n: String(n) });
}

/** Jobs, their model and their size as the organization allows them: said before a plan is drawn up or started. */
function checkJobPolicy(spec: ModelSpec, size: ImageSize): void {
  const policy = openSettings().policy();
  checkJobs(policy, callerEmail);
  checkImage(policy, { model: spec.id, modelName: spec.displayName, size, estimateUsd: 0 }, {});
}

/** Every section with words, chosen when it has no picture yet, its prompt from its heading and first paragraphs. */
function planSections(document: GoogleAppsScript.Document.Document, spec: ModelSpec, say: Say): JobPlanItem[] {
  return documentSections(document)
    .filter((section) => section.hasText)
    .map((section) => ({
      key: section.key,
      slideNumber: section.number,
      label: sectionLabel(section, say),
      prompt: composeSectionPrompt(section),
      aspectRatio: nearestAspectRatio(DOCS_DEFAULT_RATIO, spec.aspectRatios),
      chosen: !section.hasPicture,
    }));
}

function refuseDocsRestyle(file: ActiveFile, kind: JobPlanRequest['kind']): void {
  if (file.host === 'docs' && kind === 'restyle') {
    throw new PeelError('UNSUPPORTED_HOST', 'Restyle in Docs', detailOf('jobDocsRestyle'));
  }
}

/**
 * Illustrate: every slide with text, chosen when it has no picture yet, its prompt composed from its words
 * (as "Illustrate this slide" does) and its ratio the free area's that placement would fill; in Docs, every
 * section with words (planSections). Restyle: every picture, toward the deck's style (which must be set and on:
 * the style is what a restyle draws toward).
 */
export function planJob(request: JobPlanRequest): JobPlan {
  const file = activeFile();
  refuseDocsRestyle(file, request.kind);
  const spec = modelSpec(request.model.trim());
  const { size } = checkImageOptions(spec, { imageSize: request.imageSize });
  checkJobPolicy(spec, size);
  const say = personsWords();
  if (file.host === 'docs') {
    return { kind: request.kind, items: planSections(file.document, spec, say), perImageUsd: perImageUsd(spec, size) };
  }
  const deck = file.presentation;
  const items: JobPlanItem[] = [];
  const slides = deck.getSlides();
  if (request.kind === 'restyle') {
    const store = requireStore();
    if (styleFor(true, store.read()).rules === undefined) {
      throw new PeelError('BAD_INPUT', 'No style to restyle toward', detailOf('jobNoStyle'));
    }
  }
  slides.forEach((slide, i) => {
    if (request.kind === 'illustrate') {
      const text = pageText(slide, false);
      if (!hasSlideText(text)) return;
      const { ratio, noRoom, emptyPicturePlaceholder } = pageImageRatio(deck, slide);
      // Said before anything is drawn: on Accept such a picture goes on a new slide after this one (insertOnPage).
      const label = slideLabel(i + 1, text.title || (text.body[0] ?? ''), say);
      items.push({
        key: slide.getObjectId(),
        slideNumber: i + 1,
        label: noRoom ? say('jobNoRoom', { label }) : label,
        prompt: composeSlidePrompt(text),
        aspectRatio: nearestAspectRatio(ratio, spec.aspectRatios),
        // A slide waiting for its picture (an empty picture placeholder) wants one whatever else it shows.
        chosen: emptyPicturePlaceholder || slide.getImages().length === 0,
      });
      return;
    }
    slide.getImages().forEach((image, j) => {
      const width = image.getWidth();
      const height = image.getHeight();
      items.push({
        key: `s:${image.getObjectId()}`,
        slideNumber: i + 1,
        label: say('jobPicture', { n: String(i + 1), k: String(j + 1) }),
        prompt: RESTYLE_INSTRUCTION,
        aspectRatio: nearestAspectRatio(width > 0 && height > 0 ? width / height : 1, spec.aspectRatios),
        chosen: true,
      });
    });
  });
  return { kind: request.kind, items, perImageUsd: perImageUsd(spec, size) };
}

type Located = { slideNumber: number; label: string };

/** Where each planned key is now: the slide's or section's number, and a label (they may have moved since the plan). */
function locateKeys(file: ActiveFile, request: StartJobRequest, say: Say): Located[] {
  return file.host === 'slides'
    ? locateSlideKeys(file.presentation, request, say)
    : locateSections(file.document, request, say);
}

function locateSections(document: GoogleAppsScript.Document.Document, request: StartJobRequest, say: Say): Located[] {
  const sections = documentSections(document);
  return request.items.map((item, i) => {
    const section: DocSection | null = findSection(sections, item.key);
    if (!section) {
      throw new PeelError('BAD_INPUT', `Item ${i + 1} not in the document`, detailOf('jobSectionMissing'));
    }
    return { slideNumber: section.number, label: sectionLabel(section, say) };
  });
}

function locateSlideKeys(deck: Presentation, request: StartJobRequest, say: Say): Located[] {
  const slides = deck.getSlides();
  const numbers = new Map(slides.map((slide, i) => [slide.getObjectId(), i + 1]));
  return request.items.map((item, i) => {
    const missing = () => new PeelError('BAD_INPUT', `Item ${i + 1} not in the deck`, detailOf('jobSlideMissing'));
    if (request.kind === 'illustrate') {
      const n = numbers.get(item.key);
      if (n === undefined) throw missing();
      const text = pageText(slides[n - 1] as GoogleAppsScript.Slides.Slide, false);
      return { slideNumber: n, label: slideLabel(n, text.title || (text.body[0] ?? ''), say) };
    }
    if (!item.key.startsWith('s:')) throw missing();
    const element = deck.getPageElementById(item.key.slice(2)) as GoogleAppsScript.Slides.PageElement | null;
    if (!element || String(element.getPageElementType()) !== 'IMAGE') throw missing();
    const n = numbers.get(element.getParentPage().getObjectId()) ?? 0;
    return { slideNumber: n, label: n > 0 ? say('jobPictureOn', { n: String(n) }) : say('jobAPicture') };
  });
}

/**
 * Stores the job for its starter (one job per person per document: a finished one is replaced, a live one is
 * refused so two sidebars cannot run two jobs over the same slides).
 */
export function startJob(request: StartJobRequest): JobView {
  const file = activeFile();
  refuseDocsRestyle(file, request.kind);
  const spec = modelSpec(request.model.trim());
  const { size } = checkImageOptions(spec, { imageSize: request.imageSize });
  checkJobPolicy(spec, size);
  for (const item of request.items) {
    checkImageOptions(spec, { aspectRatio: item.aspectRatio, imageSize: size, references: 0 });
  }
  if (request.items.length === 0) {
    throw new PeelError('BAD_INPUT', 'Empty job', detailOf(file.host === 'slides' ? 'jobEmptySlides' : 'jobEmptyDocs'));
  }
  const places = locateKeys(file, request, personsWords());
  const now = Date.now();
  const me = owner();
  const job: Job = {
    id: randomPart().slice(0, 16),
    kind: request.kind,
    model: spec.id,
    imageSize: size,
    capUsd: request.capUsd,
    perImageUsd: perImageUsd(spec, size),
    startedAt: now,
    owner: me,
    items: request.items.map(
      (item, i): JobItem => ({
        key: item.key,
        slideNumber: places[i]?.slideNumber ?? 0,
        label: places[i]?.label ?? '',
        prompt: item.prompt.trim(),
        aspectRatio: item.aspectRatio,
        state: 'waiting',
        imageId: null,
        costUsd: null,
        spentUsd: 0,
        error: null,
        since: now,
      }),
    ),
  };
  const entries = jobEntries(job);
  requireStore().update((current) => {
    const existing = ownedJob(current, me);
    if (existing && isLive(resumedJob(existing, now))) {
      throw new PeelError(
        'BAD_INPUT',
        'A job is running',
        detailOf(file.host === 'slides' ? 'jobRunningSlides' : 'jobRunningDocs'),
      );
    }
    // The finished job it replaces, and items a dead execution left without their header, go after the lock.
    const leaving = existing ? jobExit(existing, current) : { remove: [], drop: orphanedItemKeys(current) };
    return { change: { set: entries, ...leaving }, result: null };
  });
  return view(job);
}

/**
 * The caller's job in this document (with its proposals), or null when there is none. A proposal whose picture
 * the cache has let go (evicted before its 6 hours: the user cache holds 1,000 items) is lost, and said so,
 * rather than shown as ready: one small getAll of each proposal's first and last pieces tells.
 */
export function currentJob(): JobView | null {
  const store = openDocumentStore();
  if (!store) return null;
  const settings = openSettings();
  const me = owner(settings);
  try {
    settleOwed(store, settings, me);
  } catch (error) {
    // Still owed: the next item or the next reading settles it.
    console.error(error instanceof Error ? error.stack : String(error));
  }
  const found = ownedJob(store.read(), me);
  if (!found) return null;
  const job = resumedJob(found, Date.now());
  const proposals = job.items.flatMap((item, index) =>
    item.state === 'proposed' && item.imageId ? [{ index, imageId: item.imageId }] : [],
  );
  if (proposals.length === 0) return view(job);
  const held = openStash().held(
    proposals.map((p) => p.imageId),
    (id) => recordKeys(id).slice(0, 1),
  );
  const gone = proposals.filter((_, k) => !held[k]);
  return view(gone.length > 0 ? loseProposals(store, job.id, me, gone) : job);
}

/**
 * Marks proposals lost whose pictures are gone, under the lock, each only if it is still that proposal (another
 * tab may have accepted or redrawn it meanwhile); the job as it is after.
 */
function loseProposals(
  store: DocumentStore,
  jobId: string,
  me: string,
  gone: readonly { readonly index: number; readonly imageId: string }[],
): Job {
  return store.update((current) => {
    const job = ownJob(current, jobId, me, Date.now());
    const set: Record<string, string> = {};
    const items = job.items.map((item, index) => {
      const lost = gone.some((g) => g.index === index && g.imageId === item.imageId) && item.state === 'proposed';
      if (!lost) return item;
      const next = lostItem(item, Date.now());
      set[itemKey(jobId, index)] = serializeItem(next);
      return next;
    });
    return { change: { set }, result: { ...job, items } };
  });
}

const isExpired = (error: unknown) => error instanceof PeelError && error.code === 'PREVIEW_EXPIRED';

/**
 * A proposal's image, for the review list after the sidebar was reopened (runJobItem sent its bytes once, to the
 * sidebar that drew it). PREVIEW_EXPIRED once the cache has let it go: the item is then lost, to draw again.
 */
export function proposalImage(request: JobItemRequest): ThreadImage {
  const store = requireStore();
  const me = owner();
  const job = ownJob(store.read(), request.jobId, me, Date.now());
  const item = job.items[request.index];
  if (item?.state !== 'proposed' || !item.imageId) {
    throw new PeelError('BAD_INPUT', 'No proposal', detailOf('noProposal'));
  }
  try {
    const { mimeType, base64, pixelWidth, pixelHeight } = openStash().get(item.imageId);
    return { mimeType, base64, pixelWidth, pixelHeight };
  } catch (error) {
    if (isExpired(error)) loseQuietly(store, job.id, me, { index: request.index, imageId: item.imageId });
    throw error;
  }
}

function loseQuietly(store: DocumentStore, jobId: string, me: string, gone: { index: number; imageId: string }): Job {
  try {
    return loseProposals(store, jobId, me, [gone]);
  } catch (error) {
    // Still 'proposed' in the store: the next reading of the job finds the picture gone again.
    console.error(error instanceof Error ? error.stack : String(error));
    return ownJob(store.read(), jobId, me, Date.now());
  }
}

// ---------------------------------------------------------------------------------------------------------
// One item per call

/** Writes one item back under the lock, if the job and the item are still what `expect` says; quietly. */
function writeItem(
  store: DocumentStore,
  jobId: string,
  index: number,
  me: string,
  change: (item: JobItem) => JobItem | null,
  waitMs?: number,
): boolean {
  return store.update(
    (current) => {
      const job = parseJob(current, jobId);
      const item = job && job.owner === me ? job.items[index] : undefined;
      const next = item ? change(item) : null;
      return next
        ? { change: { set: { [itemKey(jobId, index)]: serializeItem(next) } }, result: true }
        : { change: {}, result: false };
    },
    undefined,
    waitMs,
  );
}

/**
 * Proposals this user drew in this document that the job could not record then (the deck stayed busy past
 * PAID_WRITE_WAIT_MS), recorded now in one write under the lock: each counts against its job's cap and becomes
 * its item's proposal if the item has none. Kept in the user's own store until then; asked of the document
 * (its id) only when something is owed.
 */
function settleOwed(store: DocumentStore, settings: Settings, me: string): void {
  const owed = settings.owed(OWED_PROPOSALS);
  if (Object.keys(owed).length === 0) return;
  const here = activeFileId();
  const entries = owed[here] ?? {};
  if (Object.keys(entries).length === 0) return;
  store.update((current) => {
    const set: Record<string, string> = {};
    for (const [at, text] of Object.entries(entries)) {
      const [jobId = '', index = ''] = at.split(':');
      const job = parseJob(current, jobId);
      const item = job && job.owner === me ? job.items[Number(index)] : undefined;
      const owedItem = parseOwed(text);
      if (item && owedItem) {
        set[itemKey(jobId, Number(index))] = serializeItem(settleProposal(item, owedItem.img, owedItem.c, Date.now()));
      }
    }
    return { change: { set }, result: null };
  });
  const { [here]: _settled, ...rest } = owed;
  settings.saveOwed(rest, OWED_PROPOSALS);
}

const addUsd = (a: number, b: number) => Math.round((a + b) * 1e6) / 1e6;

function settleCostsQuietly(store: DocumentStore, settings: Settings): void {
  try {
    recordBilled(store, 0, '', settings, activeFileId);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/** An owed proposal as `owe` wrote it, or null for anything else (the user's store is theirs to edit). */
function parseOwed(text: string): { img: string; c: number | null } | null {
  try {
    const value = JSON.parse(text) as { img?: unknown; c?: unknown };
    if (typeof value.img !== 'string') return null;
    return {
      img: value.img,
      c: typeof value.c === 'number' && Number.isFinite(value.c) && value.c >= 0 ? value.c : null,
    };
  } catch {
    return null;
  }
}

/** Keeps a proposal the busy deck would not take, for settleOwed. */
function owe(settings: Settings, at: string, imageId: string, costUsd: number | null): void {
  const owed = settings.owed(OWED_PROPOSALS);
  const here = activeFileId();
  settings.saveOwed(
    { ...owed, [here]: { ...(owed[here] ?? {}), [at]: JSON.stringify({ img: imageId, c: costUsd }) } },
    OWED_PROPOSALS,
  );
}

function sentence(error: unknown): string {
  const described = describeError(error, personsWords());
  return described.detail ? `${described.message} ${described.detail}` : described.message;
}

/**
 * Draws item `index`: marked 'working' under the lock (refused with JOB_CAP when its estimate would pass the
 * cap, nothing sent), then one Generate (illustrate, at the item's ratio) or one Edit of the picture
 * (restyle), both with the deck's style, the image kept 6 hours. A wait Gemini asks for comes back as
 * RetryLater and the item waits again; a failure marks it 'failed' with its sentence, and is thrown.
 */
export function runItem(request: JobItemRequest): ImageCallOutcome {
  const store = requireStore();
  const settings = openSettings();
  const me = owner(settings);
  settleOwed(store, settings, me);
  const started = store.update((current) => {
    const job = ownJob(current, request.jobId, me, Date.now());
    const item = startItem(job, request.index, Date.now());
    return {
      change: { set: { [itemKey(job.id, request.index)]: serializeItem(item) } },
      result: { job, item, snapshot: current },
    };
  });
  const { job, item, snapshot } = started;
  const options = { snapshot, keepSeconds: PROPOSAL_SECONDS, settings };
  const common = {
    model: job.model,
    aspectRatio: item.aspectRatio,
    imageSize: job.imageSize as ImageSize,
    ...(request.attempt !== undefined ? { attempt: request.attempt } : {}),
    documentCostUsd: costInProperties(snapshot).total,
    style: true,
  };
  let outcome: ImageCallOutcome;
  try {
    outcome =
      job.kind === 'illustrate'
        ? generate({ ...common, prompt: item.prompt }, options)
        : editImage({ ...common, ref: item.key, instruction: item.prompt, quick: null }, options);
  } catch (error) {
    const why = sentence(error);
    // An answer Gemini made but Peel could not use is counted as spent (pipeline.ts): against the cap too.
    const charge = error instanceof PeelError ? (error.details.chargedUsd ?? 0) : 0;
    try {
      writeItem(store, job.id, request.index, me, (now) =>
        now.state === 'working' ? { ...failItem(now, why, Date.now()), spentUsd: addUsd(now.spentUsd, charge) } : null,
      );
    } catch (recordError) {
      console.error(recordError instanceof Error ? recordError.stack : String(recordError));
    }
    throw error;
  }
  if (outcome.kind === 'retry') {
    try {
      writeItem(store, job.id, request.index, me, (now) =>
        now.state === 'working' ? releaseItem(now, Date.now()) : null,
      );
    } catch (error) {
      // Left 'working', the item waits again once the per-call deadline has passed (core/jobs.ts `resumed`).
      console.error(error instanceof Error ? error.stack : String(error));
    }
    return outcome;
  }
  const { image } = outcome;
  try {
    const recorded = writeItem(
      store,
      job.id,
      request.index,
      me,
      (now) => (now.state === 'working' ? proposeItem(now, image.id, image.costUsd, Date.now()) : null),
      PAID_WRITE_WAIT_MS,
    );
    // The first write since the lock freed: cost entries this user's busy calls left owing go with it.
    settleCostsQuietly(store, settings);
    if (!recorded) {
      return {
        ...outcome,
        warnings: [...outcome.warnings, personsWords()('jobNotKept')],
      };
    }
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    try {
      owe(settings, `${job.id}:${request.index}`, image.id, image.costUsd);
    } catch (owing) {
      console.error(owing instanceof Error ? owing.stack : String(owing));
    }
    return {
      ...outcome,
      warnings: [...outcome.warnings, personsWords()('jobDeckBusy')],
    };
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------------------
// Review and cancel

/**
 * Places an accepted proposal: an illustration on ITS slide (never the selection) by the placement rules, a
 * restyled picture in place of the picture it was drawn from (a turn of its thread, restorable), unless someone
 * changed that picture since: then nothing is placed and the person hears so.
 */
function placeProposal(job: Job, item: JobItem, imageId: string, docsWidth: DocsWidth): void {
  if (job.kind === 'illustrate') {
    place(imageId, { kind: 'job-item', key: item.key, docsWidth });
    return;
  }
  const done = place(imageId, { kind: 'base', keepAltDescription: true });
  if (done.kind === 'changed') {
    throw new PeelError(
      'BAD_INPUT',
      'Picture changed since the proposal',
      detailOf('restyleChanged', { changed: done.messageWords ?? done.message }),
    );
  }
}

/** The job after a review: it leaves the store once nothing is left to draw or review (the job is done). */
function written(job: Job, index: number, item: JobItem, current: Stored): StoreChange {
  const next = { ...job, items: job.items.map((it, i) => (i === index ? item : it)) };
  return isLive(next) ? { set: { [itemKey(job.id, index)]: serializeItem(item) } } : jobExit(job, current);
}

/**
 * Accept places the proposal (illustrate: on its slide by the placement rules; restyle: Apply, a turn of the
 * picture's thread, restorable) and then records it; skip, regenerate and a new prompt change only the state.
 */
export function review(request: ReviewRequest): JobView {
  const store = requireStore();
  const me = owner();
  const now = Date.now();
  const read = store.read();
  const before = ownJob(read, request.jobId, me, now);
  const item = before.items[request.index];
  if (!item) throw gone();
  // Checked before anything is placed: only a proposal is accepted.
  reviewedItem(item, request.action, now, request.prompt);
  if (request.action === 'accept' && item.imageId) {
    const imageId = item.imageId;
    // Claimed under the lock first: a second Accept of this proposal is refused while this one places it.
    updateItem(store, request, me, (stored) => claimAccept(stored, Date.now()));
    try {
      placeProposal(before, item, imageId, docsWidthIn(read));
    } catch (error) {
      // Its picture is gone (the pending image is read before anything is placed): lost, said in its row with
      // the price of drawing it again, rather than an error that leaves it looking ready.
      if (isExpired(error)) return view(loseQuietly(store, before.id, me, { index: request.index, imageId }));
      // Placing failed and changed nothing (allOrNothing, Apply's own guarantees): the proposal may be accepted again.
      try {
        updateItem(store, request, me, releaseAccept);
      } catch (release) {
        console.error(release instanceof Error ? release.stack : String(release));
      }
      throw error;
    }
  }
  const after = updateItem(store, request, me, (stored) =>
    // From the state read under the lock: a collaborator's tab or a finished call may have moved it on.
    request.action === 'accept'
      ? { ...releaseAccept(stored), state: 'accepted' as const, since: Date.now() }
      : reviewedItem(stored, request.action, Date.now(), request.prompt),
  );
  if (request.action !== 'accept' && item.imageId) discardQuietly([item.imageId]);
  return view(after);
}

/** One item of the caller's job changed under the document lock; the job as it is after. */
function updateItem(
  store: DocumentStore,
  request: Pick<ReviewRequest, 'jobId' | 'index'>,
  me: string,
  change: (stored: JobItem) => JobItem,
): Job {
  return store.update((current) => {
    const job = ownJob(current, request.jobId, me, Date.now());
    const stored = job.items[request.index];
    if (!stored) throw gone();
    const next = change(stored);
    const updated = { ...job, items: job.items.map((it, i) => (i === request.index ? next : it)) };
    return { change: written(job, request.index, next, current), result: updated };
  });
}

function discardQuietly(ids: string[]): void {
  try {
    openStash().discard(ids);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
}

/** Ends the caller's job: its state leaves the document, and proposals not accepted are freed. */
export function cancelJob(jobId: string): JobView {
  const store = requireStore();
  const me = owner();
  const job = store.update((current) => {
    const found = parseJob(current, jobId);
    if (!found || found.owner !== me) throw gone();
    return { change: jobExit(found, current), result: resumedJob(found, Date.now()) };
  });
  discardQuietly(job.items.flatMap((item) => (item.state === 'proposed' && item.imageId ? [item.imageId] : [])));
  return view(job, true);
}
