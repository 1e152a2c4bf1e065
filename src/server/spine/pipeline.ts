/**
 * The one pipeline every image Peel makes goes through (generate, blend, edit, quick edit, a job's item): the
 * request is resolved and checked once into a prepared request, sent, and its result stashed with its pending
 * record (pending.ts) for `place` (place.ts). One image per execution: the sidebar makes one google.script.run
 * call per variant, in parallel, each its own execution with its own fetch deadline, so one variant held past
 * the deadline fails alone and the images Google did return (and billed) are kept. One fetchAll of every
 * variant could not do that: when one request of a batch gets no answer, fetchAll throws for all of them.
 *
 * Everything is checked before anything is sent, so a request the model cannot take changes nothing and costs
 * nothing. A failure Gemini asks Peel to wait out (a 429 with RetryInfo, an overloaded model) is not slept
 * through here: the execution returns the wait (`RetryLater`), which the sidebar counts down with Cancel.
 *
 * Service calls: the user store (one getProperties: the key and the user's id), the document store (one
 * getProperties: the style, named references, the thread, the total; none for a new image whose sidebar's reading
 * kept the style and references, shown.ts), one fetch, the user cache (one putAll of
 * the image, its record and its signature), and the cost entry (one setProperties, no lock: a key of its own). An
 * edit also reads the picture (its blob) and, for the same user's next turn, the held signature (one getAll); a
 * chained edit reads the preview it continues from instead (one getAll: bytes, record and signature) and notes the
 * chain in the picture's thread (one more write under the document lock).
 */
import { isSignatureRefusal, sendEdit } from '../../core/conversation/edit-request';
import type { Thread, Turn } from '../../core/conversation/thread';
import { currentVersionId } from '../../core/conversation/thread';
import { detailOf, PeelError, said } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import { type ImageSize, type ModelSpec, modelSpec } from '../../core/gemini/catalog';
import type { GeminiClient, Outcome } from '../../core/gemini/client';
import { estimateCost } from '../../core/gemini/cost';
import { checkImageOptions, withReferences } from '../../core/gemini/options';
import type { ImageAnswer } from '../../core/gemini/response';
import { planWait } from '../../core/gemini/retry';
import { nearestAspectRatio } from '../../core/geometry';
import { lazily, type Say } from '../../core/i18n';
import { checkInsertable, INSERTABLE_TYPES, imageFacts } from '../../core/image-info';
import type { SlideLayout } from '../../core/placement';
import { altTitle } from '../../core/prompts';
import { quickInstruction } from '../../core/quick-edits';
import type { EditRequest, GenerateRequest, QuickEditRequest } from '../../shared/requests';
import type { ImageCallOutcome, ImageDelivered, RetryLater, ThreadImage } from '../../shared/rpc';
import { type ActiveFile, activeFile, activeFileId } from '../platform/active';
import { type DocumentStore, openDocumentStore, readDocumentStore, type Stored } from '../platform/document-store';
import { documentImage, imageExists, type LocatedImage, locateImage } from '../platform/identity';
import { themeColours } from '../platform/slides';
import { newImageId, openStash, previewExpired, randomPart, type StashedImage } from '../platform/stash';
import { personsWords } from '../platform/words';
import { costInProperties, FOLD_AFTER_ENTRIES, readDocumentCost, recordBilled, roundUsd } from './costs';
import { openGeminiClient, openSettings } from './gemini';
import { HeldSignatures, layoutToKeep, type PendingRecord, recordEntries, signatureOf } from './pending';
import { takePending, turnIdOf, turnOf } from './place';
import { checkAgainstPolicy } from './policy';
import { checkReferenceLimits, recorded, referenceImages } from './references';
import { type ResolvedRegion, resolveRegion } from './region';
import type { Settings } from './settings';
import type { ShownStore } from './shown';
import { styleFor } from './style';
import { peelBytes, recordShown, storedThread } from './threads';

/**
 * What a person asks for, in any flow: a new image (with or without references: a blend, a style transfer) or a
 * change to one (an edit, a quick edit), exactly as the sidebar's request says it.
 */
export type Ask = ({ readonly kind: 'new' } & GenerateRequest) | ({ readonly kind: 'edit' } & EditRequest);

export interface MakeOptions {
  /** How long the image waits to be placed (a job's proposal: 6 hours). */
  readonly keepSeconds?: number | undefined;
  /** The document store as the caller read it already (a job reads it to mark its item). */
  readonly snapshot?: Stored | undefined;
  /** The user's settings as the caller read them already (a job reads them for what it owes). */
  readonly settings?: Settings | undefined;
  /** The slide's layout the caller read for where the image goes: it waits with the image for Insert. */
  readonly layout?: SlideLayout | null | undefined;
  /** The organization's policy as the caller read it from the user's cache with something else (null: not there). */
  readonly cachedPolicy?: string | null | undefined;
  /** What the sidebar's reading kept of the document for a new image (shown.ts): read there, not again here. */
  readonly shownStore?: ShownStore | null | undefined;
}

/** A request resolved and checked: nothing left to decide but sending it. */
interface Prepared {
  readonly send: (client: GeminiClient) => Outcome<ImageAnswer>;
  /** What placing records, but for what the answer brings (the model's words and the cost). */
  readonly record: Omit<PendingRecord, 'w' | 'c' | 'u'>;
  readonly warnings: readonly string[];
  readonly store: DocumentStore | null;
  readonly snapshot: Stored | null;
  /** A chained edit: the record of the preview it continues from. */
  readonly parent?: PendingRecord;
}

// ---------------------------------------------------------------------------------------------------------
// Resolve and check

function prepareNew(ask: Extract<Ask, { kind: 'new' }>, spec: ModelSpec, read: Read): Prepared {
  const uses = ask.references ?? [];
  const chosen = checkImageOptions(spec, {
    aspectRatio: ask.aspectRatio,
    imageSize: ask.imageSize,
    references: uses.length,
  });
  const { store, snapshot } = ask.style === false && uses.every((u) => u.kind === 'handle') ? NO_READ : read();
  const style = ask.style === false ? styleFor(false, null) : styleFor(ask.style, snapshot);
  const references = [...referenceImages(uses, snapshot ?? undefined), ...style.references];
  checkReferenceLimits(spec, references);
  const options = withReferences(chosen, references.length);
  const prompt = ask.prompt.trim();
  return {
    send: (client) =>
      client.tryGenerate({
        options,
        prompt,
        ...(style.rules ? { rules: style.rules } : {}),
        ...(references.length > 0 ? { references } : {}),
      }),
    record: { k: 'new', i: prompt, m: spec.id, r: ask.aspectRatio, s: options.size, ...recorded(uses, style.names) },
    warnings: style.warnings,
    store,
    snapshot,
  };
}

interface Worded {
  /** What the thread shows. */
  readonly instruction: string;
  /** What Gemini gets. */
  readonly prompt: string;
  readonly aspectRatio?: string;
  readonly imageSize?: ImageSize;
  /** The key colour a "remove the background" asks for, kept with the image for its cut-out. */
  readonly key?: string;
  readonly kind: 'edit' | 'quick';
}

const MORE_LIKE_THIS = quickInstruction({ kind: 'more-like-this' }).instruction;

/** What "more like this" repeats: the newest turn that asked for something (a restore or another "more" did not). */
function lastRequest(thread: Thread | null): string | undefined {
  return [...(thread?.turns ?? [])].reverse().find((turn) => turn.k !== 'restore' && turn.i !== MORE_LIKE_THIS)?.i;
}

function worded(instruction: string, quick: QuickEditRequest, thread: Thread | null, colours: () => string[]): Worded {
  if (quick) {
    const last = lastRequest(thread);
    const q = quickInstruction(quick, {
      ...(last ? { lastInstruction: last } : {}),
      ...(quick.kind === 'match-colours' ? { themeColours: colours() } : {}),
    });
    return { ...q, kind: 'quick' };
  }
  const text = instruction.trim();
  if (text === '') throw new PeelError('BAD_INPUT', 'Empty instruction', detailOf('sayWhatChanges'));
  return { instruction: text, prompt: text, kind: 'edit' };
}

function boxRatio(located: LocatedImage, current: ThreadImage): number {
  const width = located.image.getWidth();
  const height = located.image.getHeight();
  return width > 0 && height > 0 ? width / height : current.pixelWidth / current.pixelHeight;
}

/** A chain keeps this many of its instructions for the next link (the history text is capped anyway). */
const MAX_CHAIN_INSTRUCTIONS = 20;

/**
 * The preview a chained edit continues from, read before anything is sent: a gone one (expired, evicted, another
 * person's) is PREVIEW_EXPIRED with nothing sent or billed, and a preview of another picture is refused.
 */
function continuedFrom(id: string, ref: string): ReturnType<typeof takePending> {
  let pending: ReturnType<typeof takePending>;
  try {
    pending = takePending(id);
  } catch (error) {
    if (!(error instanceof PeelError) || error.code !== 'PREVIEW_EXPIRED') throw error;
    throw new PeelError('PREVIEW_EXPIRED', 'Chained preview gone', {
      ...detailOf('chainPreviewGone', { why: previewExpired().details.words ?? '' }),
      sent: { references: false, conversation: true },
    });
  }
  if (pending.record.base?.ref !== ref) {
    throw new PeelError('BAD_INPUT', 'Preview of another picture', detailOf('chainOtherPicture'));
  }
  return pending;
}

function prepareEdit(ask: Extract<Ask, { kind: 'edit' }>, spec: ModelSpec, read: Read): Prepared {
  const file: ActiveFile = activeFile();
  const located = locateImage(file, ask.ref);
  const from = ask.from ? continuedFrom(ask.from, ask.ref) : null;
  const { store, snapshot } = read();
  if (!store) throw new PeelError('UNSUPPORTED_HOST', 'No document store', detailOf('openFromDocument'));
  const thread = located.threadId === null || !snapshot ? null : storedThread(snapshot, located.threadId);
  const style = styleFor(ask.style, snapshot);
  const words = worded(ask.instruction, ask.quick, thread, () =>
    located.host === 'slides' ? themeColours(located.image) : [],
  );
  // A chain edits its preview as Gemini sent it, and keeps its shape; otherwise the picture in the document.
  const current: ThreadImage = from ? from.image : documentImage(located);
  const region = ask.region ? markedPart(ask, current) : null;
  const ratio = from ? current.pixelWidth / current.pixelHeight : boxRatio(located, current);
  const aspectRatio = words.aspectRatio ?? ask.aspectRatio ?? nearestAspectRatio(ratio, spec.aspectRatios);
  // The picture counts as a reference, then the person's references, then the style's.
  const uses = ask.references ?? [];
  if (words.imageSize && !spec.imageSizes.includes(words.imageSize)) {
    throw new PeelError('UNSUPPORTED_OPTION', `${spec.id} does not draw ${words.imageSize}`, {
      model: spec.id,
      ...detailOf('drawsAtMost', {
        model: spec.displayName,
        largest: spec.imageSizes.at(-1) ?? '1K',
        size: words.imageSize,
      }),
    });
  }
  const options = checkImageOptions(spec, {
    aspectRatio,
    imageSize: words.imageSize ?? ask.imageSize,
    references: 1 + (region ? 1 : 0) + uses.length + style.references.length,
  });
  // The marked copy right after the picture; style transfer and the like after them.
  const references = [
    ...(region ? [region.marked] : []),
    ...referenceImages(uses, snapshot ?? undefined),
    ...style.references,
  ];
  checkReferenceLimits(spec, references, { images: 1, bytes: decodedLength(current.base64) });
  // Every link of a chain starts from what its first started from: Apply checks the document still shows that.
  const base = from?.record.base ?? {
    ref: located.ref,
    thread: located.threadId,
    version: thread ? currentVersionId(thread) : null,
  };
  const version = base.version;
  const chain = from
    ? {
        instructions: [...(from.record.ch ?? []), from.record.i].slice(-MAX_CHAIN_INSTRUCTIONS),
        signature: from.signature,
      }
    : null;
  const held = !chain && thread && version ? new HeldSignatures().get(thread.id, version) : null;
  return {
    send: (client) =>
      sendEdit(
        {
          thread,
          image: current,
          held,
          options,
          instruction: region ? region.prompt(words.prompt) : words.prompt,
          ...(style.rules ? { rules: style.rules } : {}),
          references,
          chain,
        },
        (built) => {
          const tried = client.tryGenerate(built);
          // A refused signature is thrown so that sendEdit sends once more with the image as a plain reference.
          if (!tried.ok && isSignatureRefusal(tried.error)) throw tried.error;
          return tried;
        },
      ),
    record: {
      k: words.kind,
      i: region ? `${words.instruction}${region.note}` : words.instruction,
      m: spec.id,
      r: aspectRatio,
      s: options.size,
      ...recorded(uses, style.names),
      base,
      ...(words.key ? { key: words.key } : {}),
      ...(region ? { rg: region.record } : {}),
      ...(chain && ask.from ? { f: ask.from, ch: chain.instructions } : {}),
    },
    warnings: style.warnings,
    store,
    snapshot,
    ...(from ? { parent: from.record } : {}),
  };
}

/** A marked part, checked against the picture as the document holds it; only an instruction a person typed takes one. */
function markedPart(ask: Extract<Ask, { kind: 'edit' }>, current: ThreadImage): ResolvedRegion | null {
  if (!ask.region) return null;
  if (ask.quick) {
    throw new PeelError('BAD_INPUT', 'Region with a quick edit', detailOf('regionQuickEdit'));
  }
  return resolveRegion(ask.region, current);
}

type Read = () => { store: DocumentStore | null; snapshot: Stored | null };
const NO_READ = { store: null, snapshot: null } as const;

/**
 * Makes one image: resolved, checked, sent, and stashed with its record, or the wait Gemini asked for. The
 * document store is read once (style, named references, thread, total), or not at all when nothing needs it.
 */
export function make(
  ask: Ask,
  options: MakeOptions = {},
  settings: Settings = options.settings ?? openSettings(),
): ImageCallOutcome {
  const spec = modelSpec(ask.model.trim());
  const readStore = () => readDocumentStore() ?? NO_READ;
  // The sidebar's reading stands in for the store's style and named references while the sidebar carries the
  // total and no fold is due; the store is then opened only to write the cost entry. The rest (a budget's month,
  // a total, a fold) is read from the store itself.
  const shown =
    ask.kind === 'new' && ask.documentCostUsd != null && (options.shownStore?.entries ?? Infinity) <= FOLD_AFTER_ENTRIES
      ? options.shownStore
      : null;
  const read: Read = () => {
    if (options.snapshot) return { store: openDocumentStore(), snapshot: options.snapshot };
    return shown ? { store: null, snapshot: shown.stored } : readStore();
  };
  const prepared = ask.kind === 'new' ? prepareNew(ask, spec, read) : prepareEdit(ask, spec, read);
  const policy = settings.policy(options.cachedPolicy);
  checkAgainstPolicy(policy, spec, prepared.record.s as ImageSize, settings, () =>
    shown ? readStore().snapshot : (prepared.snapshot ?? read().snapshot),
  );
  const sb = shown ? shown.bytes : prepared.snapshot ? peelBytes(prepared.snapshot) : undefined;
  const client = openGeminiClient(settings);
  // From the read that found the key: placing the image then needs no read of the maker's user properties.
  const me = settings.userId();
  const outcome = prepared.send(client);
  if (!outcome.ok) {
    if (outcome.error.code !== 'MALFORMED_RESPONSE') return waitOrFail(outcome, ask.attempt ?? 1);
    // Gemini answered 200, but with a body cut short or unreadable: the image was made, and whether Google bills
    // such an answer is not documented (README: things to verify), so Peel counts the catalog's price for it.
    const usd = estimateCost(spec, prepared.record.s as ImageSize).perImageUsd ?? 0;
    throw charged(outcome.error, usd, ask.documentCostUsd ?? null, prepared, settings, sb);
  }
  // Reading the total folds a long list of entries, so the ledger keeps within its share even in a sitting
  // whose sidebar carries the total (a deck job adds an entry per item).
  const full = shown ? null : prepared.snapshot;
  const folding = full && costInProperties(full).entries > FOLD_AFTER_ENTRIES;
  const reads = full && ((ask.documentCostUsd ?? null) === null || folding);
  const total = reads ? readDocumentCost(prepared.store, full) : null;
  const known = ask.documentCostUsd ?? total;
  const layout = layoutToKeep(options.layout);
  const record = {
    ...prepared.record,
    u: me,
    ...(sb !== undefined ? { sb } : {}),
    ...(layout ? { l: layout } : {}),
    ...(policy.aiLabel ? {} : { ai: 0 as const }),
  };
  const delivered = deliver(outcome.value, known, { ...prepared, record }, settings, options.keepSeconds);
  if (prepared.parent) {
    noteChain(prepared.store, prepared.parent, { ...record, w: delivered.text, c: delivered.image.costUsd }, delivered);
  }
  return delivered;
}

/**
 * A chained edit notes the preview it continued from and itself in the picture's conversation, as shown and not
 * placed, so a reopened sidebar (or a collaborator's) shows the chain and its maker can bring each back while their
 * cache keeps it. A Docs picture Peel does not track yet has no conversation until its first Apply. The image is
 * delivered whatever this write does.
 */
function noteChain(
  store: DocumentStore | null,
  parent: PendingRecord,
  record: PendingRecord,
  delivered: ImageDelivered,
): void {
  const base = record.base;
  if (!store || !base?.thread || !record.f) return;
  const threadId = base.thread;
  const ref = base.ref.startsWith('d:') ? `d:${threadId}` : base.ref;
  try {
    const shown = [shownTurn(parent, record.f, threadId), shownTurn(record, delivered.image.id, threadId)];
    const file = activeFile();
    recordShown(store, { threadId, ref, shown, exists: (r: string) => imageExists(file, r) });
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    (delivered.warnings as string[]).push(personsWords()('shownNotNoted'));
  }
}

/** A preview as a shown turn: its `ver` is its image id (where its maker's cache keeps it), `f` its parent's turn. */
function shownTurn(record: PendingRecord, imageId: string, threadId: string): Turn {
  return {
    ...turnOf(record, imageId, threadId),
    ver: imageId,
    sh: 1,
    ...(record.f ? { f: turnIdOf(record.f) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Deliver

/** The image as Peel keeps it for placing, or MALFORMED_RESPONSE when it can be neither shown nor inserted. */
function keep(answer: ImageAnswer, warnings: string[], bill: string, say: Say): StashedImage {
  const { mimeType, base64 } = answer.image;
  const facts = imageFacts(mimeType, base64);
  if (!facts || !INSERTABLE_TYPES.includes(mimeType)) {
    throw new PeelError('MALFORMED_RESPONSE', `Unusable ${mimeType}`, detailOf('unreadableAnswer', { type: mimeType }));
  }
  const check = checkInsertable(facts);
  if (check.kind === 'too-large' || check.kind === 'unsupported-type') {
    warnings.push(say('previewOnly', { why: said(check.why, say) }));
  }
  return {
    id: newImageId(base64.length, bill),
    mimeType,
    base64,
    pixelWidth: facts.pixelWidth,
    pixelHeight: facts.pixelHeight,
  };
}

/**
 * Records this image's cost (one write without the lock, keyed by the image's id, with anything this user
 * still owes the document) and returns the document's total: the sidebar's, when it sent one, plus this cost,
 * else the store's as read. Outside a document nothing is recorded. The image is paid for and comes back
 * whatever the record does; a store that refuses it (or is at its bound and busy) keeps it in the user's own
 * store for their next image.
 */
function recordDocumentCost(
  usd: number,
  bill: string,
  known: number | null,
  warn: (key: 'costWaits' | 'costNotAdded') => void,
  opened: DocumentStore | null,
  settings: Settings,
  storeBytes?: number,
): number {
  let previous = known ?? 0;
  try {
    const store = opened ?? openDocumentStore();
    if (known === null) previous = readDocumentCost(store);
    if (store && !recordBilled(store, usd, bill, settings, activeFileId, storeBytes)) {
      warn('costWaits');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warn('costNotAdded');
  }
  return roundUsd(previous + usd);
}

/**
 * An answer with an image: its cost recorded first (the money is spent either way), then the image stashed with
 * its record and Gemini's signature on it, in one putAll.
 */
function deliver(
  answer: ImageAnswer,
  known: number | null,
  prepared: Omit<Prepared, 'record'> & { readonly record: Omit<PendingRecord, 'w' | 'c'> },
  settings: Settings,
  keepSeconds?: number,
): ImageDelivered {
  const warnings = [...answer.warnings, ...prepared.warnings];
  // Read once, and only if a warning is said: the language costs a call, and the words file for other languages.
  const say = lazily(personsWords);
  const costUsd = answer.cost.totalUsd === null ? null : roundUsd(answer.cost.totalUsd);
  // One id for the bill and the image: a retried record of this image is the same entry.
  const bill = randomPart();
  const documentCostUsd = recordDocumentCost(
    costUsd ?? 0,
    bill,
    known,
    (key) => warnings.push(say(key)),
    prepared.store,
    settings,
    prepared.record.sb,
  );
  try {
    settings.addSpent(costUsd ?? 0);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
  }
  let image: StashedImage;
  try {
    image = keep(answer, warnings, bill, say);
  } catch (error) {
    // Recorded above: the failure says so, so a job's cap and the sidebar's total count it too.
    if (error instanceof PeelError && costUsd) throw withCharge(error, costUsd);
    throw error;
  }
  const text = answer.commentary.trim();
  try {
    openStash().put(
      [image],
      recordEntries(image.id, { ...prepared.record, w: text, c: costUsd }, signatureOf(answer.modelTurn.parts)),
      keepSeconds,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    warnings.push(say('notKeptForInsert'));
  }
  return {
    kind: 'image',
    image: { ...image, costUsd },
    altTitle: altTitle(prepared.record.i),
    text,
    warnings: warnings.filter((w, i) => w !== '' && warnings.indexOf(w) === i),
    documentCostUsd,
  };
}

function withCharge(error: PeelError, usd: number): PeelError {
  return new PeelError(error.code, error.message, { ...error.details, chargedUsd: usd });
}

/** An unusable answer's estimated cost recorded like any image's; the error carries what was counted. */
function charged(
  error: PeelError,
  usd: number,
  known: number | null,
  prepared: Prepared,
  settings: Settings,
  storeBytes: number | undefined,
): PeelError {
  if (usd <= 0) return error;
  recordDocumentCost(usd, randomPart(), known, () => {}, prepared.store, settings, storeBytes);
  try {
    settings.addSpent(usd);
  } catch (failure) {
    console.error(failure instanceof Error ? failure.stack : String(failure));
  }
  return withCharge(error, usd);
}

/** A failed call: the wait the sidebar should count down before call `attempt + 1`, or the error itself. */
function waitOrFail(failed: Extract<Outcome<ImageAnswer>, { ok: false }>, attempt: number): RetryLater {
  const decision = planWait(failed.retry, attempt, Math.random);
  if (decision.action === 'stop') throw failed.error;
  return {
    kind: 'retry',
    retryAfterSeconds: decision.seconds,
    attempt: decision.attempt,
    maxAttempts: decision.maxAttempts,
    reason: failed.error.code,
  };
}
