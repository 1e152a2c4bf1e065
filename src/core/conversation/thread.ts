/**
 * An image's edit conversation as Peel keeps it in the document's properties: one key
 * `peel.t.<threadId>` per image, holding a compact JSON record of its turns and of the versions it replaced. The
 * image bytes are never here: the current image is the one in the document, older versions live in Drive.
 *
 * Document properties are shared by everyone who edits the document and by every Peel release that ever touched
 * it, so a value is parsed defensively: anything that is not a thread this code can read is "no thread", never a
 * crash, and a single malformed turn or version is dropped rather than costing the whole conversation.
 */
import { utf8Length } from '../gemini/request';
import { truncate } from '../prompts';

export type TurnKind = 'new' | 'edit' | 'quick' | 'restore';

/**
 * One instruction and what it produced. Keys are short on purpose: a turn is stored in a 9 KB property value and
 * the benchmark holds the store's growth to 400 bytes per turn (`thread_bytes_per_turn`).
 */
export interface Turn {
  /**
   * Identity of the turn, unique in its thread (the caller passes the id of the image being applied). A retried
   * execution appends the same id again, and `appendTurn` ignores it.
   */
  readonly id: string;
  /** The instruction as the person reads it in the thread (a quick edit's short form, not the prompt sent). */
  readonly i: string;
  /** The model's words, shortened. */
  readonly w?: string;
  readonly m: string;
  /** Aspect ratio drawn. */
  readonly r: string;
  /** Image size drawn. */
  readonly s: string;
  /** Cost in USD, or null when Peel has no price for that model and size. */
  readonly c: number | null;
  /** Epoch seconds. */
  readonly t: number;
  /** `userHash` of whoever made the turn. */
  readonly u: string;
  /** The version this turn produced (the restored one, for a restore). */
  readonly ver: string;
  /** Absent means 'edit', the common case, so it costs no bytes. */
  readonly k?: TurnKind;
  /** Ids of the reference images the person added, if any. */
  readonly refs?: readonly string[];
  /**
   * 1: shown, not placed. A preview that a chained edit continued from (or that continued another): the person
   * saw it and went on from it, so the conversation keeps it, but the document does not show it. Its `ver` is the
   * preview's image id in its maker's user cache, where it stays restorable while the cache keeps it.
   */
  readonly sh?: 1;
  /** The id of the turn (a shown preview) this one continued from, when it did. */
  readonly f?: string;
}

/** A replaced image kept in Drive. */
export interface Version {
  readonly id: string;
  /** Epoch seconds. */
  readonly t: number;
  /** `userHash` of whoever made this picture (placed it in the document, or kept it as a version). */
  readonly u: string;
  /** `userHash` of whose Drive holds the file, when not the maker's: only they can open it. */
  readonly o?: string;
  /** The Drive file id (Drive is the only store; records written before said so with `"store":"drive"`). */
  readonly file: string;
  readonly mime: string;
  readonly w: number;
  readonly h: number;
}

export interface Thread {
  readonly v: 1;
  readonly id: string;
  /** The image it belongs to (an `ImageRef`, opaque here). */
  readonly ref: string;
  /** Epoch seconds. */
  readonly created: number;
  /** Epoch seconds of the last change; the store prunes the least recently updated first. */
  readonly updated: number;
  /** Oldest first. */
  readonly turns: readonly Turn[];
  /** The instructions of turns condensed away, oldest first. */
  readonly summary?: string;
  /** Oldest first. */
  readonly versions: readonly Version[];
}

export const THREAD_KEY_PREFIX = 'peel.t.';
/** The threadId of the document's most recent thread. */
export const LAST_THREAD_KEY = 'peel.last';

// Limits of the record's parts. Each keeps the worst-case thread (every character a 3-byte one) condensable
// under THREAD_MAX_BYTES with one turn, a full summary and 20 versions (see condense.ts).
export const MAX_INSTRUCTION_CHARS = 500;
/**
 * The model's words are kept as a gist: the design allows 160, but 60 is what keeps a typical turn plus the
 * version it replaced under the 400 bytes per turn. Their full text goes into the image's alt description.
 */
export const MAX_MODEL_WORDS_CHARS = 60;
/** Condensed instructions are capped here (design: "joined, capped at 1,000 chars"). */
export const MAX_SUMMARY_CHARS = 1000;
const MAX_ID_CHARS = 64;
const MAX_REF_CHARS = 200;
const MAX_SHORT_CHARS = 100;
const MAX_REFS = 14;

/** Thread ids go into property keys and Docs named-range names (`peel.img.<threadId>`). */
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

export function threadKey(threadId: string): string {
  return `${THREAD_KEY_PREFIX}${threadId}`;
}

/** The threadId of a `peel.t.` key, or null for any other key. */
export function threadIdOfKey(key: string): string | null {
  if (!key.startsWith(THREAD_KEY_PREFIX)) return null;
  const id = key.slice(THREAD_KEY_PREFIX.length);
  return isThreadId(id) ? id : null;
}

export function isThreadId(value: string): boolean {
  return ID_SHAPE.test(value);
}

// Control characters would be stored as six-byte \u escapes; a newline or tab reads as a space in a thread.
function plain(text: string, max: number): string {
  return truncate(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim(),
    max,
  );
}

/** Money to a hundredth of a cent: enough for a per-image price, and short in JSON. */
function roundUsd(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function dimension(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 100_000 ? value : undefined;
}

const KINDS: readonly TurnKind[] = ['new', 'edit', 'quick', 'restore'];

/** A turn as stored: bounded, control characters gone, defaults left out. Null when it cannot be one. */
export function normalizeTurn(raw: unknown): Turn | null {
  if (!isObject(raw)) return null;
  const id = str(raw.id, MAX_ID_CHARS);
  const m = str(raw.m, MAX_SHORT_CHARS);
  const r = str(raw.r, 16);
  const s = str(raw.s, 16);
  const t = seconds(raw.t);
  const u = str(raw.u, MAX_ID_CHARS);
  const ver = str(raw.ver, MAX_ID_CHARS);
  const cost = raw.c === null ? null : typeof raw.c === 'number' && Number.isFinite(raw.c) ? raw.c : undefined;
  if (typeof raw.i !== 'string' || [id, m, r, s, t, u, ver, cost].includes(undefined)) return null;
  const i = plain(raw.i, MAX_INSTRUCTION_CHARS);
  const w = typeof raw.w === 'string' ? plain(raw.w, MAX_MODEL_WORDS_CHARS) : '';
  const k = KINDS.find((kind) => kind === raw.k);
  const refs = Array.isArray(raw.refs)
    ? raw.refs.filter((x): x is string => str(x, MAX_ID_CHARS) !== undefined).slice(0, MAX_REFS)
    : [];
  const f = str(raw.f, MAX_ID_CHARS);
  return {
    id: id as string,
    i,
    ...(w ? { w } : {}),
    m: m as string,
    r: r as string,
    s: s as string,
    c: cost === null || cost === undefined ? null : roundUsd(cost),
    t: t as number,
    u: u as string,
    ver: ver as string,
    ...(k !== undefined && k !== 'edit' ? { k } : {}),
    ...(refs.length > 0 ? { refs } : {}),
    ...(raw.sh === 1 ? { sh: 1 as const } : {}),
    ...(f !== undefined ? { f } : {}),
  };
}

export function normalizeVersion(raw: unknown): Version | null {
  // A record from a store this code does not know (none yet) is not read as a Drive file.
  if (!isObject(raw) || (raw.store !== undefined && raw.store !== 'drive')) return null;
  const id = str(raw.id, MAX_ID_CHARS);
  const t = seconds(raw.t);
  const u = str(raw.u, MAX_ID_CHARS);
  const o = str(raw.o, MAX_ID_CHARS);
  const file = str(raw.file, MAX_SHORT_CHARS);
  const mime = str(raw.mime, 40);
  const w = dimension(raw.w);
  const h = dimension(raw.h);
  if ([id, t, u, file, mime, w, h].includes(undefined)) return null;
  return {
    id: id as string,
    t: t as number,
    u: u as string,
    ...(o !== undefined && o !== u ? { o } : {}),
    file: file as string,
    mime: mime as string,
    w: w as number,
    h: h as number,
  };
}

/**
 * A property value read back as a thread, or null when it is not one this code can read: absent, not JSON,
 * another record version, or another thread's value (`expectedId`). Malformed turns and versions are dropped.
 */
export function parseThread(value: string | null | undefined, expectedId?: string): Thread | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.v !== 1) return null;
  const id = typeof raw.id === 'string' && isThreadId(raw.id) ? raw.id : undefined;
  const ref = str(raw.ref, MAX_REF_CHARS);
  const created = seconds(raw.created);
  const updated = seconds(raw.updated);
  if (id === undefined || ref === undefined || created === undefined || updated === undefined) return null;
  if (expectedId !== undefined && id !== expectedId) return null;
  const turns = Array.isArray(raw.turns) ? raw.turns.map(normalizeTurn).filter((x): x is Turn => x !== null) : [];
  const versions = Array.isArray(raw.versions)
    ? raw.versions.map(normalizeVersion).filter((x): x is Version => x !== null)
    : [];
  const summary = typeof raw.summary === 'string' ? plain(raw.summary, MAX_SUMMARY_CHARS) : '';
  return {
    v: 1,
    id,
    ref,
    created,
    updated: Math.max(created, updated),
    turns: dedupeById(turns),
    ...(summary ? { summary } : {}),
    versions: dedupeById(versions),
  };
}

function dedupeById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}

export function serializeThread(thread: Thread): string {
  return JSON.stringify(thread);
}

/** UTF-8 bytes of the thread's property value. */
export function threadBytes(thread: Thread): number {
  return utf8Length(serializeThread(thread));
}

/** Bytes one turn adds to its thread's value (its JSON and the comma before it). */
export function turnBytes(turn: Turn): number {
  return utf8Length(JSON.stringify(turn)) + 1;
}

export function newThread(id: string, ref: string, nowSeconds: number): Thread {
  if (!isThreadId(id)) throw new Error(`Not a thread id: ${id}`);
  const t = Math.floor(nowSeconds);
  return { v: 1, id, ref: ref.slice(0, MAX_REF_CHARS), created: t, updated: t, turns: [], versions: [] };
}

export interface Appended {
  readonly thread: Thread;
  /** False when the turn was already there (a retried execution): nothing needs writing. */
  readonly added: boolean;
}

/**
 * The thread with one more turn, appended after whatever collaborators added meanwhile: the caller reads the
 * latest value under the document lock and appends, so nobody's turn is overwritten. Idempotent on the turn id.
 * A turn that cannot be stored (see `normalizeTurn`) is a programming error and throws.
 */
export function appendTurn(thread: Thread, turn: Turn): Appended {
  const at = thread.turns.findIndex((t) => t.id === turn.id);
  const before = thread.turns[at];
  // A preview shown in a chain and now placed becomes a placed turn where it stood, still naming its parent.
  if (before && !(before.sh === 1 && turn.sh !== 1)) return { thread, added: false };
  const stored = normalizeTurn(before?.f && !turn.f ? { ...turn, f: before.f } : turn);
  if (stored === null) throw new Error('A turn is missing a field it needs');
  if (before) {
    const turns = thread.turns.map((t, i) => (i === at ? stored : t));
    return { thread: { ...thread, turns, updated: Math.max(thread.updated, stored.t) }, added: true };
  }
  return {
    thread: { ...thread, turns: [...thread.turns, stored], updated: Math.max(thread.updated, stored.t) },
    added: true,
  };
}

/** Shown previews kept after the newest placed turn: a long chain's oldest go first. */
export const MAX_SHOWN = 12;

/** The thread with previews a person saw and went on from (`sh`), each once, at most MAX_SHOWN after the placed. */
export function addShown(thread: Thread, shown: readonly Turn[]): Thread {
  let next = thread;
  for (const turn of shown) next = appendTurn(next, { ...turn, sh: 1 }).thread;
  const placed = lastPlaced(next);
  const from = placed ? next.turns.indexOf(placed) + 1 : 0;
  const after = next.turns.slice(from);
  if (after.length <= MAX_SHOWN) return next;
  return { ...next, turns: [...next.turns.slice(0, from), ...after.slice(after.length - MAX_SHOWN)] };
}

/** The thread keeping one more replaced version; idempotent on the version id. */
export function addVersion(thread: Thread, version: Version): Thread {
  if (thread.versions.some((v) => v.id === version.id)) return thread;
  const stored = normalizeVersion(version);
  if (stored === null) throw new Error('A version is missing a field it needs');
  return { ...thread, versions: [...thread.versions, stored], updated: Math.max(thread.updated, stored.t) };
}

/** The newest turn that put a picture in the document (a shown preview did not). */
export function lastPlaced(thread: Thread): Turn | undefined {
  for (let i = thread.turns.length - 1; i >= 0; i--) if (thread.turns[i]?.sh !== 1) return thread.turns[i];
  return undefined;
}

/** The version the image in the document is: what the newest placed turn produced. */
export function currentVersionId(thread: Thread): string | null {
  return lastPlaced(thread)?.ver ?? null;
}

/**
 * The turns the picture in the document comes from: every placed turn and the shown previews each continued
 * from (a chain applied at its second step came from its first), in order. A preview nobody placed, and the
 * chain it ended, are not in the picture, so an edit of the document's picture does not hear of them.
 */
export function lineage(thread: Thread): Turn[] {
  const byId = new Map(thread.turns.map((turn) => [turn.id, turn]));
  const keep = new Set<string>();
  for (const turn of thread.turns) {
    if (turn.sh === 1) continue;
    for (let at: Turn | undefined = turn; at && !keep.has(at.id); at = at.f ? byId.get(at.f) : undefined) {
      keep.add(at.id);
    }
  }
  return thread.turns.filter((turn) => keep.has(turn.id));
}

/**
 * A fresh version id, `v<n>`: short, because it is stored twice (turn and version). Numbering follows the
 * highest id still recorded; the newest ids survive condensing (the newest turn and newest versions are kept),
 * so an id is never handed out twice in a thread.
 */
export function nextVersionId(thread: Thread): string {
  let high = 0;
  for (const id of [...thread.turns.map((t) => t.ver), ...thread.versions.map((v) => v.id)]) {
    const n = /^v(\d{1,9})$/.exec(id)?.[1];
    if (n !== undefined) high = Math.max(high, Number(n));
  }
  return `v${high + 1}`;
}

/**
 * The short opaque key a turn stores for its author: a hash of the random per-user id (`PEEL_USER_ID`), salted
 * with the thread id so the same person's key differs between threads and documents cannot be correlated by it.
 * The sidebar compares it with the caller's own hash ("You" / "A collaborator"); it says nothing else.
 * 48 bits of cyrb53: a collision between two collaborators of one thread is a one-in-10^14 event.
 */
export function userHash(userId: string, threadId: string): string {
  const text = `${threadId}\u0000${userId}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return (value % 2 ** 48).toString(36).padStart(10, '0');
}
