/**
 * Deck jobs: illustrate every slide, restyle every picture. Pure: the state machine of a job's items,
 * the cap, what "resume" means after a crash, and the stored layout; the server keeps the state in document
 * properties under the document lock and draws one item per call (the sidebar drives and paces the calls:
 * add-ons get no background time).
 *
 * Layout (document properties, each value well under Apps Script's 9 KB):
 *   `peel.job.<id>`      header  {v, k: kind, m: model, s: size, cap, t: started (ms), o: owner hash, n: items, pu}
 *   `peel.job.<id>.<i>`  item i  {k: key, n: slide number, l: label, p: prompt, r: ratio, st: state,
 *                                 img?: proposal image id, c?: proposal cost, sp?: spent on it, e?: error, t: since}
 * One key per item, because an item's prompt (up to 10,000 characters) does not fit a compact list, and because a
 * call that draws item 3 rewrites item 3 alone: parallel calls never rewrite each other's items.
 */
import { detailOf, PeelError } from './errors';
import type { ImageSize, ModelSpec } from './gemini/catalog';
import { estimateCost } from './gemini/cost';
import { utf8Length } from './gemini/request';
import type { Params, ServerKey } from './i18n';
import { JOB_PREFIX, SHARES } from './store-budget';

export type JobKind = 'illustrate' | 'restyle';
export type ItemState = 'waiting' | 'working' | 'proposed' | 'lost' | 'accepted' | 'skipped' | 'failed';

export { JOB_PREFIX };
/** Apps Script's 9 KB per value, with room to spare. */
export const MAX_ITEM_BYTES = 8 * 1024;
/** One job may take the whole of the jobs' share of Peel's store (store-budget.ts); two jobs share it. */
export const MAX_JOB_BYTES = SHARES.jobs;
/**
 * No execution outlives Apps Script's 6 minutes, so an item 'working' for longer is an execution that died
 * (the sidebar closed mid-call is fine: the call finishes on its own). A minute of slack for clocks.
 */
export const WORKING_DEADLINE_MS = 7 * 60 * 1000;
/** CacheService's maximum: a proposal's image is kept this long, then the item must be drawn again. */
export const PROPOSAL_SECONDS = 6 * 60 * 60;
/** The salt of the owner hash: one live job per user per document is found by it. */
export const JOB_OWNER_SALT = 'peel.job';

const ID_SHAPE = /^[a-z0-9]{8,32}$/;

export interface JobItem {
  readonly key: string;
  readonly slideNumber: number;
  readonly label: string;
  readonly prompt: string;
  readonly aspectRatio: string;
  readonly state: ItemState;
  readonly imageId: string | null;
  /** The proposal's cost. */
  readonly costUsd: number | null;
  /** Everything drawn for this item so far (regenerated proposals too): what counts against the cap. */
  readonly spentUsd: number;
  readonly error: string | null;
  /** Epoch ms when the item entered its state. */
  readonly since: number;
  /** Epoch ms when an Accept claimed this proposal (placing it now); absent otherwise. */
  readonly placing?: number;
}

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  readonly model: string;
  readonly imageSize: string;
  readonly capUsd: number;
  /** USD per image from the catalog at start, or null when Peel has no price. */
  readonly perImageUsd: number | null;
  readonly startedAt: number;
  readonly owner: string;
  readonly items: readonly JobItem[];
}

export function isJobId(id: string): boolean {
  return ID_SHAPE.test(id);
}

export const headerKey = (id: string) => `${JOB_PREFIX}${id}`;
export const itemKey = (id: string, index: number) => `${JOB_PREFIX}${id}.${index}`;

/** Every key a job occupies. */
export function jobKeys(job: Pick<Job, 'id'> & { readonly items: readonly unknown[] }): string[] {
  return [headerKey(job.id), ...job.items.map((_, i) => itemKey(job.id, i))];
}

const ITEM_KEY_SHAPE = /^([a-z0-9]{8,32})\.\d+$/;

/**
 * Item keys whose job has no header: left by an execution that ended a job (its header deleted under the lock)
 * and died before deleting the items after it. No one writes them again (every item write checks the header
 * under the lock), so they are garbage, never a job; they still take their bytes until deleted.
 */
export function orphanedItemKeys(properties: Readonly<Record<string, string>>): string[] {
  return Object.keys(properties).filter((key) => {
    if (!key.startsWith(JOB_PREFIX)) return false;
    const id = ITEM_KEY_SHAPE.exec(key.slice(JOB_PREFIX.length))?.[1];
    return id !== undefined && !(headerKey(id) in properties);
  });
}

/**
 * How a job leaves the store, from a read under the lock: its header goes under the lock, one deleteProperty,
 * and with it the job (parseJob needs the header, and every write of an item checks it under the lock); its
 * items, and any orphans that read found, go after the lock is released, since nobody writes them any more. A
 * 100-item job held the lock for 101 deletes (about 6 s) when its items went under it.
 */
export function jobExit(
  job: Pick<Job, 'id'> & { readonly items: readonly unknown[] },
  properties: Readonly<Record<string, string>>,
): { remove: string[]; drop: string[] } {
  const [header = headerKey(job.id), ...items] = jobKeys(job);
  const own = new Set(items);
  const orphans = orphanedItemKeys(properties).filter((key) => !own.has(key));
  return { remove: [header], drop: [...items, ...orphans] };
}

export function perImageUsd(spec: ModelSpec, size: ImageSize): number | null {
  return estimateCost(spec, size).perImageUsd;
}

// ---------------------------------------------------------------------------------------------------------
// Stored form

export function serializeItem(item: JobItem): string {
  return JSON.stringify({
    k: item.key,
    n: item.slideNumber,
    l: item.label,
    p: item.prompt,
    r: item.aspectRatio,
    st: item.state,
    ...(item.imageId !== null ? { img: item.imageId } : {}),
    ...(item.costUsd !== null ? { c: item.costUsd } : {}),
    ...(item.spentUsd > 0 ? { sp: item.spentUsd } : {}),
    ...(item.error !== null ? { e: item.error } : {}),
    t: item.since,
    ...(item.placing !== undefined ? { pl: item.placing } : {}),
  });
}

function serializeHeader(job: Job): string {
  return JSON.stringify({
    v: 1,
    k: job.kind,
    m: job.model,
    s: job.imageSize,
    cap: job.capUsd,
    pu: job.perImageUsd,
    t: job.startedAt,
    o: job.owner,
    n: job.items.length,
  });
}

/** The entries a new job writes, or a sentence why it cannot be stored. */
export function jobEntries(job: Job): Record<string, string> {
  const entries: Record<string, string> = { [headerKey(job.id)]: serializeHeader(job) };
  let total = 0;
  job.items.forEach((item, i) => {
    const value = serializeItem(item);
    const bytes = utf8Length(value);
    if (bytes > MAX_ITEM_BYTES) throw badInput('itemTooLong', { i: i + 1, ...tooLong(item.prompt) });
    total += bytes;
    entries[itemKey(job.id, i)] = value;
  });
  if (total > MAX_JOB_BYTES) {
    throw badInput('jobTooLarge', { kb: Math.ceil(total / 1024), max: MAX_JOB_BYTES / 1024 });
  }
  return entries;
}

const STATES: readonly ItemState[] = ['waiting', 'working', 'proposed', 'lost', 'accepted', 'skipped', 'failed'];

function parseObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function parseItem(text: string | undefined): JobItem | null {
  const o = parseObject(text);
  if (!o || typeof o.k !== 'string') return null;
  const state = STATES.find((s) => s === o.st) ?? 'waiting';
  return {
    key: o.k,
    slideNumber: num(o.n),
    label: str(o.l),
    prompt: str(o.p),
    aspectRatio: str(o.r, '1:1'),
    state,
    imageId: typeof o.img === 'string' ? o.img : null,
    costUsd: typeof o.c === 'number' ? o.c : null,
    spentUsd: num(o.sp),
    error: typeof o.e === 'string' ? o.e : null,
    since: num(o.t),
    ...(typeof o.pl === 'number' && Number.isFinite(o.pl) ? { placing: o.pl } : {}),
  };
}

/** The job stored under `id`, or null when it is not there (or unreadable: a job is then started again). */
export function parseJob(properties: Readonly<Record<string, string>>, id: string): Job | null {
  if (!isJobId(id)) return null;
  const h = parseObject(properties[headerKey(id)]);
  if (!h || (h.k !== 'illustrate' && h.k !== 'restyle')) return null;
  const n = num(h.n);
  const items: JobItem[] = [];
  for (let i = 0; i < n; i++) {
    const item = parseItem(properties[itemKey(id, i)]);
    if (!item) return null;
    items.push(item);
  }
  return {
    id,
    kind: h.k,
    model: str(h.m),
    imageSize: str(h.s),
    capUsd: num(h.cap),
    perImageUsd: typeof h.pu === 'number' ? h.pu : null,
    startedAt: num(h.t),
    owner: str(h.o),
    items,
  };
}

/** The ids of every job stored in the document (anyone's). */
export function jobIds(properties: Readonly<Record<string, string>>): string[] {
  return Object.keys(properties)
    .filter((key) => key.startsWith(JOB_PREFIX))
    .map((key) => key.slice(JOB_PREFIX.length))
    .filter(isJobId);
}

/** The owner's job in this document, if any (one per user per document). */
export function ownedJob(properties: Readonly<Record<string, string>>, owner: string): Job | null {
  for (const id of jobIds(properties)) {
    const job = parseJob(properties, id);
    if (job && job.owner === owner) return job;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// State machine

/** Said of a prompt that would not fit its item's 8 KB: how long it is, and about how long it may be. */
function tooLong(prompt: string): { length: number; fits: number } {
  const perChar = utf8Length(prompt) / Math.max(1, prompt.length);
  const fits = Math.floor((MAX_ITEM_BYTES - 400) / Math.max(1, perChar) / 100) * 100;
  return { length: prompt.length, fits };
}

/** Why an item that is not waiting was not drawn, by its state. */
const NOT_WAITING: Readonly<Record<Exclude<ItemState, 'waiting'>, ServerKey>> = {
  working: 'itemWorking',
  proposed: 'itemProposed',
  lost: 'itemLost',
  accepted: 'itemAccepted',
  skipped: 'itemSkipped',
  failed: 'itemFailed',
};

function badInput(key: ServerKey, params?: Params): PeelError {
  const said = detailOf(key, params);
  return new PeelError('BAD_INPUT', said.detail, said);
}

/**
 * What a job looks like after a crash or a long absence: an item 'working' past the deadline is an execution
 * that died, so it waits to be drawn again (nothing was delivered, so nothing is billed twice); a proposal
 * older than the cache keeps its image is lost (its cost stays spent), and is drawn again only when the person
 * asks: waiting, the sidebar would draw it at once and bill it without being asked.
 */
export function resumed(item: JobItem, now: number): JobItem {
  if (item.state === 'working' && now - item.since > WORKING_DEADLINE_MS)
    return { ...item, state: 'waiting', since: now };
  if (item.state === 'proposed' && now - item.since > PROPOSAL_SECONDS * 1000) return lostItem(item, now);
  return item;
}

/** The proposal's picture is gone from the cache (expired or evicted): what it cost stays spent. */
export function lostItem(item: JobItem, now: number): JobItem {
  const { placing: _placing, ...rest } = item;
  return { ...rest, state: 'lost', imageId: null, costUsd: null, since: now };
}

export function resumedJob(job: Job, now: number): Job {
  return { ...job, items: job.items.map((item) => resumed(item, now)) };
}

export function spentUsd(job: Job): number {
  return Math.round(job.items.reduce((sum, item) => sum + item.spentUsd, 0) * 1e6) / 1e6;
}

/** A job is live while something is left to draw or to review (a lost proposal: to draw again or skip). */
export function isLive(job: Job): boolean {
  return job.items.some((item) => ['waiting', 'working', 'proposed', 'lost'].includes(item.state));
}

function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

/**
 * Item `index` starts: it must be waiting (after `resumed`), and its estimate must fit under the cap together
 * with what is spent and what the items being drawn right now will cost: JOB_CAP when it would pass the cap
 * (nothing sent, the item still waiting), BAD_INPUT when the item is not waiting.
 */
export function startItem(job: Job, index: number, now: number): JobItem {
  const item = job.items[index];
  if (!item) throw badInput('jobNoItem');
  const current = resumed(item, now);
  if (current.state !== 'waiting') throw badInput(NOT_WAITING[current.state]);
  const estimate = job.perImageUsd ?? 0;
  const working = job.items.filter((other, i) => i !== index && resumed(other, now).state === 'working').length;
  const committed = spentUsd(job) + working * estimate;
  if (committed + estimate > job.capUsd + 1e-9) {
    const figures = { usd: usd(estimate), cap: usd(job.capUsd), spent: usd(spentUsd(job)), n: working };
    const said = detailOf(working > 0 ? 'jobCapDrawing' : 'jobCap', figures);
    throw new PeelError('JOB_CAP', said.detail, said);
  }
  return { ...current, state: 'working', error: null, since: now };
}

/** The drawn image becomes the item's proposal; what it cost is spent whatever happens next. */
export function proposeItem(item: JobItem, imageId: string, costUsd: number | null, now: number): JobItem {
  return {
    ...item,
    state: 'proposed',
    imageId,
    costUsd,
    spentUsd: Math.round((item.spentUsd + (costUsd ?? 0)) * 1e6) / 1e6,
    error: null,
    since: now,
  };
}

/**
 * A proposal that was drawn and paid for but could not be recorded then (the deck was busy), recorded now: its
 * cost counts against the cap whatever happened since, and it becomes the item's proposal if the item has none
 * (it is still 'working', or went back to 'waiting' after the deadline). Recording it twice records it once.
 */
export function settleProposal(item: JobItem, imageId: string, costUsd: number | null, now: number): JobItem {
  if (item.imageId === imageId) return item;
  if ((item.state === 'working' || item.state === 'waiting') && item.imageId === null) {
    return proposeItem(item, imageId, costUsd, now);
  }
  return { ...item, spentUsd: Math.round((item.spentUsd + (costUsd ?? 0)) * 1e6) / 1e6 };
}

export function failItem(item: JobItem, sentence: string, now: number): JobItem {
  return { ...item, state: 'failed', imageId: null, costUsd: null, error: sentence, since: now };
}

/** Gemini asked for a wait: the item waits again, for the sidebar's next attempt. */
export function releaseItem(item: JobItem, now: number): JobItem {
  return item.state === 'working' ? { ...item, state: 'waiting', since: now } : item;
}

export type ReviewAction = 'accept' | 'skip' | 'regenerate' | 'prompt';

/** What a review does to the item's state (accept is recorded after the image is placed). */
/**
 * How long an Accept's claim holds a proposal: far longer than placing a picture takes (a second or two), short
 * enough that an Accept whose execution died can be tried again.
 */
export const PLACING_HOLD_MS = 2 * 60 * 1000;

/**
 * An Accept claims its proposal under the lock before placing it, so a second Accept (another tab, a retry, a
 * double click) cannot place the same picture twice while the first is at work or after it placed the picture
 * but could not record it.
 */
export function claimAccept(item: JobItem, now: number): JobItem {
  if (item.state === 'accepted') throw badInput('placedAlready');
  if (item.state === 'lost') throw badInput('jobLost');
  if (item.state !== 'proposed' || item.imageId === null) throw badInput('onlyProposal');
  if (item.placing !== undefined && now - item.placing < PLACING_HOLD_MS) {
    throw badInput('placingAlready');
  }
  return { ...item, placing: now };
}

/** The claim let go: placing failed and left the document as it was, so the proposal can be accepted again. */
export function releaseAccept(item: JobItem): JobItem {
  const { placing: _placing, ...rest } = item;
  return rest;
}

export function reviewedItem(item: JobItem, action: ReviewAction, now: number, prompt?: string | null): JobItem {
  const refuse = (key: ServerKey, params?: Params): never => {
    throw badInput(key, params);
  };
  switch (action) {
    case 'accept':
      if (item.state === 'lost') refuse('jobLost');
      if (item.state !== 'proposed' || item.imageId === null) refuse('onlyProposal');
      return { ...releaseAccept(item), state: 'accepted', since: now };
    case 'skip':
      if (item.state === 'accepted') refuse('placedAlready');
      if (item.state === 'working') refuse('skipWhileDrawn');
      return { ...item, state: 'skipped', imageId: null, costUsd: null, since: now };
    case 'regenerate':
      if (item.state === 'accepted') refuse('placedAlready');
      if (item.state === 'working') refuse('redrawWhileDrawn');
      return { ...item, state: 'waiting', imageId: null, costUsd: null, error: null, since: now };
    case 'prompt': {
      const text = (prompt ?? '').trim();
      if (text === '') refuse('promptFirst');
      if (item.state === 'accepted') refuse('placedAlready');
      if (item.state === 'working') refuse('promptWhileDrawn');
      const next: JobItem = {
        ...item,
        prompt: text,
        state: 'waiting',
        imageId: null,
        costUsd: null,
        error: null,
        since: now,
      };
      if (utf8Length(serializeItem(next)) > MAX_ITEM_BYTES) refuse('promptTooLong', tooLong(text));
      return next;
    }
  }
}
