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
 */
import { PeelError } from '../../core/errors';
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

/** A generated image as kept for Insert: everything the sidebar gets but its cost. */
export type StashedImage = Omit<GeneratedImage, 'costUsd'>;

interface Header {
  readonly mimeType: string;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly length: number;
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

function chunkCount(id: string): number {
  const match = ID_SHAPE.exec(id);
  const count = match ? Number(match[2]) : 0;
  if (count < 1 || count > MAX_CHUNKS) {
    throw new PeelError('BAD_INPUT', 'Not an image id Peel issued', { detail: 'Generate an image, then insert it.' });
  }
  return count;
}

function headerKey(id: string): string {
  return `${PREFIX}${id}`;
}

function keysOf(id: string): string[] {
  const count = chunkCount(id);
  return [headerKey(id), ...Array.from({ length: count }, (_, i) => `${PREFIX}${id}.${i}`)];
}

/** The cache entries for some images, as one putAll writes them. */
export function stashEntries(images: readonly StashedImage[]): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const image of images) {
    const [header, ...chunks] = keysOf(image.id);
    if (chunks.length !== Math.max(1, Math.ceil(image.base64.length / CHUNK_CHARS))) {
      throw new PeelError('INTERNAL', `Image id ${image.id} does not match its length ${image.base64.length}`);
    }
    const head: Header = {
      mimeType: image.mimeType,
      pixelWidth: image.pixelWidth,
      pixelHeight: image.pixelHeight,
      length: image.base64.length,
    };
    entries[header as string] = JSON.stringify(head);
    chunks.forEach((key, i) => {
      entries[key] = image.base64.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
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
    detail: `Peel keeps made images for ${keptFor(STASH_EXPIRY_SECONDS)} for placing (a deck job’s proposals ${keptFor(MAX_STASH_SECONDS)}), and Google may clear them sooner.`,
  });

/** The image `id` names from the entries one getAll found, or null when any piece is missing or wrong. */
function assembled(id: string, found: Readonly<Record<string, string>>): StashedImage | null {
  const [headerName, ...chunkNames] = keysOf(id);
  const headerText = found[headerName as string];
  if (headerText === undefined) return null;
  let header: Header;
  try {
    header = JSON.parse(headerText) as Header;
  } catch {
    return null;
  }
  const parts: string[] = [];
  for (const key of chunkNames) {
    const part = found[key];
    if (part === undefined) return null;
    parts.push(part);
  }
  const base64 = parts.join('');
  if (base64.length !== header.length) return null;
  return { id, mimeType: header.mimeType, base64, pixelWidth: header.pixelWidth, pixelHeight: header.pixelHeight };
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
  ) {}

  /**
   * Every image in one putAll, with `extra` entries that live as long (memo.ts). `expirySeconds` overrides the
   * stash's own for these images: a job's proposals wait for review 6 hours (MAX_STASH_SECONDS, CacheService's most).
   */
  put(
    images: readonly StashedImage[],
    extra: Readonly<Record<string, string>> = {},
    expirySeconds: number = this.expirySeconds,
  ): void {
    const seconds = Math.max(1, Math.min(MAX_STASH_SECONDS, Math.floor(expirySeconds)));
    this.cache.putAll({ ...extra, ...stashEntries(images) }, seconds);
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
   * One removeAll for all the ids; ids Peel never issued are skipped, not an error (nothing to free). More
   * than MAX_DISCARD_IDS is refused before anything is removed: one call never fans out unbounded.
   */
  discard(ids: readonly string[]): void {
    if (ids.length > MAX_DISCARD_IDS) {
      throw new PeelError('BAD_INPUT', `${ids.length} ids to discard`, {
        detail: `Peel discards at most ${MAX_DISCARD_IDS} images at a time.`,
      });
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
  return new ImageStash(CacheService.getUserCache(), expirySeconds, expired);
}
