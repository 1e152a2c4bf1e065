/**
 * Generated images wait server-side between Generate and Insert, so their bytes cross google.script.run once
 * (to the sidebar, for the preview) and Insert sends back only an id.
 *
 * They wait in the user's cache, not the document's: the document cache's 1,000 items are shared by everyone
 * in the document, so a collaborator's generates evicted them, and anyone who learnt an id could insert or
 * discard them. The user cache is the caller's alone (Apps Script keys it by user and script), so only its
 * owner can read or remove a preview, and only the owner's own activity can evict one.
 *
 * Previews are not keyed by document. Knowing the document would cost every Generate two or three service
 * calls (the active file, then getId), and all it would prevent is a user putting their own preview into
 * another file they can edit, which they could do by copy and paste anyway: nobody else's image or money is
 * involved, since the cost was recorded where it was generated.
 *
 * CacheService holds at most 100 KB per value, so an image's base64 is cut into chunks. The id carries the chunk
 * count (`<random>.<chunks>`), which lets Insert read the header and every chunk with ONE getAll, as Generate
 * wrote them with ONE putAll. Entries expire after the stash's lifetime (30 minutes for a preview; a caller may
 * keep its images longer) or earlier (the cache may evict): a missing piece is "this preview has expired", never a
 * corrupt image.
 *
 * The user cache holds 1,000 items, and a person's own uploads must not evict what they paid for (a preview, a
 * deck job's proposals). So reference pictures (uploads, pictures taken from the document) are KEPT in a ring of
 * HANDLE_SLOTS fixed keys, `peel.ref.0` … `peel.ref.399`: a handle takes the next free run of slots (header, then
 * chunks) and the ring wraps, overwriting the oldest handles first. However many pictures are uploaded, however
 * executions race or die, they can never occupy more than those keys, which leaves the other 600 items for
 * previews, proposals and signatures. Each slot's value starts with its handle's random tag, so a handle partly
 * overwritten by a newer one reads as gone (REFERENCE_EXPIRED), never as a mix of two pictures. Apps Script
 * cannot list a cache's keys, so the ring's only index is where the next handle starts (`peel.ref.next`), read
 * and written under the user lock in the same putAll as the handle; if the cache drops it, the ring starts again
 * at slot 0, still within its keys. Ring ids are `<tag>.<chunks>.r<first slot>`.
 */
import { detailOf, PeelError } from '../../core/errors';
import { MAX_DISCARD_IDS } from '../../shared/requests';
import type { GeneratedImage } from '../../shared/rpc';

type CachePort = Pick<GoogleAppsScript.Cache.Cache, 'getAll' | 'putAll' | 'removeAll'>;

/** Under CacheService's 100 KB per value, with room to spare; base64 is ASCII, so characters are bytes. */
export const CHUNK_CHARS = 100_000;
export const STASH_EXPIRY_SECONDS = 30 * 60;
/** CacheService keeps an entry at most 6 hours. */
export const MAX_STASH_SECONDS = 6 * 60 * 60;
/** A 4K PNG is about 25 MB of base64; anything past this is not an image Peel made. */
const MAX_CHUNKS = 600;
const PREFIX = 'peel.img.';
const ID_SHAPE = /^([a-z0-9]{12,32})\.([1-9][0-9]{0,3})$/;
/**
 * The reference pictures' share of the user cache's 1,000 items (CacheService's documented cap): four of the
 * largest uploads Peel takes (7 MB, 95 items each), or a tray of a dozen typical ones.
 */
export const HANDLE_SLOTS = 400;
const SLOT_PREFIX = 'peel.ref.';
const NEXT_KEY = `${SLOT_PREFIX}next`;
const RING_SHAPE = /^([a-z0-9]{12,32})\.([1-9][0-9]{0,3})\.r([0-9]{1,3})$/;
/** How long a keep waits for another execution of the same user to finish writing its handle. */
const RING_LOCK_MS = 5000;

/** A generated image as kept for Insert: everything the sidebar gets but its cost. */
export type StashedImage = Omit<GeneratedImage, 'costUsd'>;

interface Header {
  readonly mimeType: string;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly length: number;
  /** A picture taken from the document: which one (an ImageRef), so a pin can point at it. */
  readonly src?: string;
}

type LockPort = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'>;

let opened: { readonly from: unknown; readonly cache: GoogleAppsScript.Cache.Cache } | null = null;

/**
 * The user's cache, asked of CacheService once per execution: each ask is a service call, and a Generate wants it
 * for the slide's layout and for the image. Keyed by the service object, so a test that stubs a new one gets it.
 */
export function userCache(): GoogleAppsScript.Cache.Cache {
  if (opened?.from !== CacheService) opened = { from: CacheService, cache: CacheService.getUserCache() };
  return opened.cache;
}

/**
 * 20 characters of [a-z0-9], for image ids and cost entries. Not a secret: an id opens only its owner's
 * cache. Math.random rather than Utilities.getUuid, which would be one
 * more service call each time.
 */
export function randomPart(): string {
  let out = '';
  while (out.length < 20) out += Math.random().toString(36).slice(2);
  return out.slice(0, 20);
}

export function newImageId(base64Length: number, random: string = randomPart()): string {
  return `${random}.${Math.max(1, Math.ceil(base64Length / CHUNK_CHARS))}`;
}

function notIssued(): PeelError {
  return new PeelError('BAD_INPUT', 'Not an image id Peel issued', detailOf('notIssued'));
}

/** Where an image's pieces live: its header key, its chunk keys, and the tag a ring slot's value starts with. */
interface Layout {
  readonly header: string;
  readonly chunks: readonly string[];
  readonly tag: string | null;
}

function layoutOf(id: string): Layout {
  const ring = RING_SHAPE.exec(id);
  if (ring) {
    const count = Number(ring[2]);
    const first = Number(ring[3]);
    if (count + 1 > HANDLE_SLOTS || first >= HANDLE_SLOTS) throw notIssued();
    const slot = (i: number) => `${SLOT_PREFIX}${(first + i) % HANDLE_SLOTS}`;
    return { header: slot(0), chunks: Array.from({ length: count }, (_, i) => slot(i + 1)), tag: `${ring[1]}:` };
  }
  const match = ID_SHAPE.exec(id);
  const count = match ? Number(match[2]) : 0;
  if (count < 1 || count > MAX_CHUNKS) throw notIssued();
  return {
    header: `${PREFIX}${id}`,
    chunks: Array.from({ length: count }, (_, i) => `${PREFIX}${id}.${i}`),
    tag: null,
  };
}

function keysOf(id: string): string[] {
  const { header, chunks } = layoutOf(id);
  return [header, ...chunks];
}

/** The ring slots a handle id takes (0 for any other id): what a request's handles need of the ring at once. */
export function ringSlots(id: string): number {
  const ring = RING_SHAPE.exec(id);
  return ring ? Number(ring[2]) + 1 : 0;
}

/** The cache entries for some images, as one putAll writes them; `src` goes into a ring handle's header. */
export function stashEntries(images: readonly StashedImage[], src?: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const image of images) {
    const { header, chunks, tag } = layoutOf(image.id);
    if (chunks.length !== Math.max(1, Math.ceil(image.base64.length / CHUNK_CHARS))) {
      throw new PeelError('INTERNAL', `Image id ${image.id} does not match its length ${image.base64.length}`);
    }
    const head: Header = {
      mimeType: image.mimeType,
      pixelWidth: image.pixelWidth,
      pixelHeight: image.pixelHeight,
      length: image.base64.length,
      ...(src !== undefined && tag !== null ? { src } : {}),
    };
    entries[header] = `${tag ?? ''}${JSON.stringify(head)}`;
    chunks.forEach((key, i) => {
      entries[key] = `${tag ?? ''}${image.base64.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS)}`;
    });
  }
  return entries;
}

/** A lifetime in the words an expiry sentence uses: "30 minutes", "6 hours", "1 hour". */
export function keptFor(seconds: number): string {
  const hours = seconds / 3600;
  if (Number.isInteger(hours)) return hours === 1 ? '1 hour' : `${hours} hours`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * A made image is gone: previews wait STASH_EXPIRY_SECONDS, a deck job's proposals the longest the cache keeps
 * anything (jobs pass it when they stash). Both lifetimes are said, from the numbers the stash is given.
 */
export const previewExpired = (): PeelError =>
  new PeelError('PREVIEW_EXPIRED', 'Stashed image missing or incomplete', {
    // Whole minutes and hours, as the two lifetimes are (30 minutes, 6 hours).
    ...detailOf('previewKept', { minutes: STASH_EXPIRY_SECONDS / 60, hours: MAX_STASH_SECONDS / 3600 }),
  });

/** A piece's value without its ring tag; undefined when it is missing or belongs to another handle. */
function piece(found: Readonly<Record<string, string>>, key: string, tag: string | null): string | undefined {
  const value = found[key];
  if (value === undefined || tag === null) return value;
  return value.startsWith(tag) ? value.slice(tag.length) : undefined;
}

/** The image `id` names from the entries one getAll found, with its header, or null when any piece is missing. */
function read(id: string, found: Readonly<Record<string, string>>): { image: StashedImage; header: Header } | null {
  const { header: headerName, chunks, tag } = layoutOf(id);
  const headerText = piece(found, headerName, tag);
  if (headerText === undefined) return null;
  let header: Header;
  try {
    header = JSON.parse(headerText) as Header;
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (const key of chunks) {
    const part = piece(found, key, tag);
    if (part === undefined) return null;
    parts.push(part);
  }
  const base64 = parts.join('');
  if (base64.length !== header.length) return null;
  const { mimeType, pixelWidth, pixelHeight } = header;
  return { image: { id, mimeType, base64, pixelWidth, pixelHeight }, header };
}

function assembled(id: string, found: Readonly<Record<string, string>>): StashedImage | null {
  return read(id, found)?.image ?? null;
}

export class ImageStash {
  /**
   * `expirySeconds`: previews wait 30 minutes; reference images (references.ts) 6 hours, CacheService's most.
   * `expired` is the error for an image that is gone.
   */
  constructor(
    private readonly cache: CachePort,
    private readonly expirySeconds: number = STASH_EXPIRY_SECONDS,
    private readonly expired: () => PeelError = previewExpired,
    private readonly userLock: () => LockPort = () => LockService.getUserLock(),
  ) {}

  /**
   * Keeps a reference picture in the ring (see the top of this file): the next run of slots, overwriting the
   * oldest handles there, in one putAll with the ring's new start. `src`: the document picture it was taken from.
   * Under the user lock, so two uploads of one person (two files dropped at once) never take the same slots.
   */
  keep(picture: Omit<StashedImage, 'id'>, src?: string): StashedImage {
    const chunks = Math.max(1, Math.ceil(picture.base64.length / CHUNK_CHARS));
    if (chunks + 1 > HANDLE_SLOTS) {
      throw new PeelError('BAD_INPUT', `Reference of ${chunks} chunks`, detailOf('referenceTooBig'));
    }
    const lock = this.userLock();
    // Not having the lock within seconds means an execution of this user is stuck; going on risks only that
    // two handles share slots, and the one overwritten then reads as expired and is sent again by the sidebar.
    const locked = lock.tryLock(RING_LOCK_MS);
    try {
      const next = Number(this.cache.getAll([NEXT_KEY])[NEXT_KEY]);
      const first = Number.isInteger(next) && next >= 0 && next < HANDLE_SLOTS ? next : 0;
      const image: StashedImage = { id: `${randomPart()}.${chunks}.r${first}`, ...picture };
      this.cache.putAll(
        { ...stashEntries([image], src), [NEXT_KEY]: String((first + chunks + 1) % HANDLE_SLOTS) },
        this.seconds(this.expirySeconds),
      );
      return image;
    } finally {
      if (locked) lock.releaseLock();
    }
  }

  /** A kept handle and the document picture it was taken from (null for an upload), in one getAll. */
  getKept(id: string): { image: StashedImage | null; src: string | null } {
    const found = read(id, this.cache.getAll(keysOf(id)));
    return { image: found?.image ?? null, src: found?.header.src ?? null };
  }

  /**
   * Whether each image is still there, from its header, its last chunk and `alongside` keys (its record), in one
   * small getAll rather than reading every chunk: the cache lets a putAll's entries go oldest first (the local
   * runtime's model), so the first and last pieces tell. A piece gone in between is found by the full read.
   */
  held(ids: readonly string[], alongside: (id: string) => readonly string[] = () => []): boolean[] {
    const keys = ids.map((id) => {
      const all = safeKeys(id);
      // An id Peel never issued (a damaged record) names nothing that could be held.
      return all.length === 0 ? [] : [all[0] as string, all[all.length - 1] as string, ...alongside(id)];
    });
    const found = this.cache.getAll(keys.flat());
    return keys.map((some) => some.length > 0 && some.every((key) => found[key] !== undefined));
  }

  private seconds(expirySeconds: number): number {
    return Math.max(1, Math.min(MAX_STASH_SECONDS, Math.floor(expirySeconds)));
  }

  /**
   * Every image in one putAll, with `extra` entries that live as long (memo.ts). `expirySeconds` overrides the
   * stash's own for these images: a job's proposals wait for review 6 hours (MAX_STASH_SECONDS, CacheService's most).
   */
  put(
    images: readonly StashedImage[],
    extra: Readonly<Record<string, string>> = {},
    expirySeconds: number = this.expirySeconds,
  ): void {
    this.cache.putAll({ ...extra, ...stashEntries(images) }, this.seconds(expirySeconds));
  }

  /** One getAll. Throws BAD_INPUT for an id Peel never issued, `expired` (PREVIEW_EXPIRED) when anything is gone. */
  get(id: string): StashedImage {
    return this.getWith(id, []).image;
  }

  /** As `get`, reading `extraKeys` in the same getAll; those found come back in `extra`. */
  getWith(id: string, extraKeys: readonly string[]): { image: StashedImage; extra: Record<string, string> } {
    const extra = this.cache.getAll([...keysOf(id), ...extraKeys]);
    const image = assembled(id, extra);
    if (!image) throw this.expired();
    return { image, extra };
  }

  /**
   * Several images and `extraKeys` in ONE getAll: each image, or null when anything of it is gone. Throws
   * BAD_INPUT for an id Peel never issued.
   */
  getMany(
    ids: readonly string[],
    extraKeys: readonly string[] = [],
  ): { images: (StashedImage | null)[]; extra: Record<string, string> } {
    const extra = this.cache.getAll([...ids.flatMap(keysOf), ...extraKeys]);
    return { images: ids.map((id) => assembled(id, extra)), extra };
  }

  /**
   * One removeAll for all the ids; ids Peel never issued are skipped, not an error (nothing to free), and so are
   * ring handles, whose slots may hold a newer handle by now and are reused anyway. More than MAX_DISCARD_IDS is refused before anything is removed: one call never fans out unbounded.
   */
  discard(ids: readonly string[]): void {
    if (ids.length > MAX_DISCARD_IDS) {
      throw new PeelError(
        'BAD_INPUT',
        `${ids.length} ids to discard`,
        detailOf('discardAtMost', { n: MAX_DISCARD_IDS }),
      );
    }
    const keys = ids.flatMap((id) => (typeof id === 'string' && ID_SHAPE.test(id) ? safeKeys(id) : []));
    if (keys.length > 0) this.cache.removeAll(keys);
  }
}

function safeKeys(id: string): string[] {
  try {
    return keysOf(id);
  } catch {
    return [];
  }
}

/** The caller's own cache (see the top of this file for why not the document's). */
export function openStash(expirySeconds = STASH_EXPIRY_SECONDS, expired = previewExpired): ImageStash {
  return new ImageStash(userCache(), expirySeconds, expired);
}
