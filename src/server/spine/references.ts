/**
 * Resolving the reference images a request names, for every image Peel makes (generate, edit, the document's
 * style, jobs), and the document's named references as they are stored.
 *
 * - A reference the caller adds (uploaded from the computer, already scaled in the browser, or taken from one
 *   of the document's pictures) waits in their USER cache (platform/stash.ts: chunked, one putAll, one getAll),
 *   for 6 hours, CacheService's most, within the references' own share of that cache (HANDLE_SLOTS items, the
 *   oldest handles overwritten first), so uploads never evict a paid preview or proposal. Requests name it by
 *   handle id, so its bytes cross google.script.run once, not with every request. A missing piece is
 *   REFERENCE_EXPIRED: "add it again".
 * - A named reference is the document's: one document property `peel.refs` (a JSON list, read-modify-write
 *   under the document lock, so a collaborator's pin is never lost) holds each name, role, where its bytes live
 *   (a picture of the document, or a file in the pinner's Drive through the versions store), who pinned it and
 *   when, and a random key `k`. Each user keeps the bytes in their own cache under the stash id `<k>.<chunks>`,
 *   so the bytes a request sends for "Mira" are the same every time (read from the source once, then cached).
 */

import type { Binned } from '../../core/bin';
import { userHash } from '../../core/conversation/thread';
import { detailOf, PeelError } from '../../core/errors';
import { decodedLength } from '../../core/gemini/base64';
import type { ModelSpec } from '../../core/gemini/catalog';
import type { ReferenceImage } from '../../core/gemini/request';
import { imagePixelSize, MAX_REFERENCE_PIXELS } from '../../core/image-info';
import { referenceLimitProblem } from '../../core/references';
import type { ReferenceUse } from '../../shared/requests';
import type { ReferenceRole, ThreadImage } from '../../shared/rpc';
import { type ActiveFile, activeFile } from '../platform/active';
import type { Stored } from '../platform/document-store';
import { driveVersionStore } from '../platform/drive';
import { callerId, documentImage, type LocatedImage, locateImage } from '../platform/identity';
import { CHUNK_CHARS, HANDLE_SLOTS, type ImageStash, openStash, ringSlots, type StashedImage } from '../platform/stash';

/** CacheService's longest expiry: a sidebar left open over lunch still has its references. */
export const REFERENCE_EXPIRY_SECONDS = 6 * 60 * 60;
export const NAMED_REFERENCES_PROPERTY = 'peel.refs';
/** Document properties hold 9 KB a value; 20 names stay well inside it. */
export const MAX_NAMED_REFERENCES = 20;
export const MAX_NAMED_CHARS = 8 * 1024;

export const referenceExpired = (): PeelError =>
  new PeelError('REFERENCE_EXPIRED', 'Reference image missing or incomplete', {
    ...detailOf('referenceKept', { hours: REFERENCE_EXPIRY_SECONDS / 3600 }),
  });

export function referenceStash(): ImageStash {
  return openStash(REFERENCE_EXPIRY_SECONDS, referenceExpired);
}

// ---------------------------------------------------------------------------------------------------------
// Named references

export interface StoredReference {
  /** Name, as the person wrote it. */
  readonly n: string;
  readonly r: ReferenceRole;
  /** Where the bytes live: a picture of this document (`d`, an ImageRef), or a file in the pinner's Drive. */
  readonly d?: string;
  readonly f?: string;
  /** userHash of the pinner. */
  readonly u: string;
  /** Epoch ms. */
  readonly t: number;
  /** The random part of the stash id each user caches the bytes under; `c` its chunk count at pinning. */
  readonly k: string;
  readonly c: number;
}

const ROLES: readonly string[] = ['subject', 'style', 'scene'];

function isStored(x: unknown): x is StoredReference {
  const e = x as Partial<StoredReference> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.n === 'string' &&
    ROLES.includes(String(e.r)) &&
    (typeof e.d === 'string' || typeof e.f === 'string') &&
    typeof e.u === 'string' &&
    typeof e.t === 'number' &&
    typeof e.k === 'string' &&
    /^[a-z0-9]{12,32}$/.test(e.k) &&
    typeof e.c === 'number' &&
    Number.isInteger(e.c) &&
    e.c >= 1
  );
}

function parseList(raw: string | null | undefined): unknown[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** The stored list; anything unreadable in it is left out, never an error. */
export function parseNamed(raw: string | null | undefined): StoredReference[] {
  return parseList(raw).filter(isStored);
}

/**
 * Drive files of entries that leave the list and are not the caller's: only their pinner can trash them
 * (drive.file), so they go to the bin (core/bin.ts), salted as pins are, for the pinner's Peel to trash.
 */
export function leftToPinners(leaving: readonly StoredReference[], mine: string): Binned[] {
  return leaving.flatMap((e) =>
    e.f !== undefined && e.u !== mine ? [{ x: e.f, u: e.u, h: NAMED_REFERENCES_PROPERTY }] : [],
  );
}

export const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
export const pinnerHash = (me: string) => userHash(me, NAMED_REFERENCES_PROPERTY);
/**
 * The document's named references as stored: from a snapshot of the document store the caller already read
 * (generate and edit read one for the deck's style), else one getProperty.
 */
export function storedNamed(snapshot?: Stored): StoredReference[] {
  return parseNamed(snapshot ? snapshot[NAMED_REFERENCES_PROPERTY] : storedNamedValue());
}

/** The stored value as it is (one getProperty), for a caller that reads more than the names from it. */
export function storedNamedValue(): string | null {
  const properties = PropertiesService.getDocumentProperties() as GoogleAppsScript.Properties.Properties | null;
  return properties?.getProperty(NAMED_REFERENCES_PROPERTY) ?? null;
}

export function stashIdOf(entry: StoredReference): string {
  return `${entry.k}.${entry.c}`;
}

export function unknownName(name: string): PeelError {
  return new PeelError('REFERENCE_UNAVAILABLE', `No named reference ${name}`, {
    ...detailOf('unknownName', { name }),
  });
}

/** The bytes of a named reference from where they live (the document, or the pinner's Drive). */
function fromSource(entry: StoredReference, file: () => ActiveFile, mine: string): ThreadImage {
  if (entry.d !== undefined) {
    let located: LocatedImage;
    try {
      located = locateImage(file(), entry.d);
    } catch {
      throw new PeelError('REFERENCE_UNAVAILABLE', `Named reference ${entry.n}: picture gone`, {
        ...detailOf('pinnedPictureGone', { name: entry.n }),
      });
    }
    return documentImage(located);
  }
  try {
    const kept = driveVersionStore().get(entry.f ?? '');
    // Drive does not say a file's pixel size; the header does, and the tray only shows it. A picture pinned
    // before uploads were bounded may be over the limit: it goes neither to the tray nor to Gemini.
    const size = imagePixelSize(kept.mimeType, kept.base64) ?? { width: 1, height: 1 };
    const pixels = size.width * size.height;
    if (pixels > MAX_REFERENCE_PIXELS) {
      throw new PeelError(
        'REFERENCE_TOO_LARGE',
        `Named reference ${entry.n}: over the pixel limit`,
        // The header's figures as they are ("20000×20000"); the megapixels as a number in the reader's way.
        detailOf('namedTooLarge', {
          name: entry.n,
          width: String(size.width),
          height: String(size.height),
          megapixels: Math.round(pixels / 1_000_000),
          max: MAX_REFERENCE_PIXELS / 1_000_000,
        }),
      );
    }
    return { mimeType: kept.mimeType, base64: kept.base64, pixelWidth: size.width, pixelHeight: size.height };
  } catch (error) {
    if (error instanceof PeelError && error.code === 'VERSION_UNAVAILABLE') {
      throw new PeelError(
        'REFERENCE_UNAVAILABLE',
        `Named reference ${entry.n}: Drive file unreachable`,
        detailOf(entry.u === mine ? 'keptInYourDrive' : 'keptInTheirDrive', { name: entry.n }),
      );
    }
    throw error;
  }
}

/**
 * Named references' bytes: each from the caller's cache (`found`), else from its source, then cached for the
 * caller in one putAll. A source whose size changed since pinning is used as it is now, not cached (its stash
 * id would not match).
 */
export function resolveNamed(
  entries: readonly StoredReference[],
  found: readonly (StashedImage | null)[],
  stash: ImageStash,
): StashedImage[] {
  let file: ActiveFile | null = null;
  const mine = pinnerHash(callerId());
  const fresh: StashedImage[] = [];
  const images = entries.map((entry, i) => {
    const cached = found[i];
    if (cached) return cached;
    const image = fromSource(
      entry,
      () => {
        file ??= activeFile();
        return file;
      },
      mine,
    );
    const id = stashIdOf(entry);
    const stashed = { id, ...image };
    if (Math.max(1, Math.ceil(image.base64.length / CHUNK_CHARS)) === entry.c) fresh.push(stashed);
    return stashed;
  });
  if (fresh.length > 0) {
    try {
      stash.put(fresh);
    } catch (error) {
      // Not kept: the next request reads the source again. Nothing the person needs to hear about.
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }
  return images;
}

// ---------------------------------------------------------------------------------------------------------
// Resolution: what generate, edit, the deck's style and jobs send

/**
 * The images a request's references stand for, in order (handles from the caller's cache, named references from
 * the caller's cache or their source). Every handle and every cached named reference is read in ONE getAll;
 * named ones read the document's list first: from `snapshot`, the document store as the caller read it, else
 * one getProperty. Generate, edit, the deck's style and jobs all resolve references here.
 */
export function referenceImages(uses: readonly ReferenceUse[], snapshot?: Stored): ReferenceImage[] {
  if (uses.length === 0) return [];
  const namedUses = uses.filter((u) => u.kind === 'named');
  const stored = namedUses.length > 0 ? storedNamed(snapshot) : [];
  const entries = namedUses.map((u) => {
    const entry = stored.find((e) => same(e.n, u.name));
    if (!entry) throw unknownName(u.name);
    return entry;
  });
  const handleIds = uses.flatMap((u) => (u.kind === 'handle' ? [u.id] : []));
  if (handleIds.reduce((sum, id) => sum + ringSlots(id), 0) > HANDLE_SLOTS) {
    // They cannot all be kept at once: sent up again, each would push out another, and the request never goes.
    const mb = Math.floor((HANDLE_SLOTS * CHUNK_CHARS * 3) / 4 / 2 ** 20);
    throw new PeelError(
      'REQUEST_TOO_LARGE',
      'References past what is kept at once',
      detailOf('refsNotAllKept', { mb }),
    );
  }
  const stash = referenceStash();
  const { images } = stash.getMany([...handleIds, ...entries.map(stashIdOf)]);
  const handles = images.slice(0, handleIds.length);
  if (handles.some((image) => image === null)) throw referenceExpired();
  const named = entries.length > 0 ? resolveNamed(entries, images.slice(handleIds.length), stash) : [];
  let h = 0;
  let n = 0;
  return uses.map((u) => {
    const image = u.kind === 'handle' ? handles[h++] : named[n++];
    if (!image) throw referenceExpired();
    return { mimeType: image.mimeType, base64: image.base64 };
  });
}

/** What the new image's thread records of its references (Turn.refs): names, or roles for unnamed ones. */
export function referenceNames(uses: readonly ReferenceUse[]): string[] {
  return uses.map((u) => (u.kind === 'named' ? u.name.trim() : u.role));
}

/** The memo's `refs` for a new image: the request's references, then the deck style's that were sent; none, none. */
export function recorded(uses: readonly ReferenceUse[], styleNames: readonly string[]): { refs?: string[] } {
  const refs = [...referenceNames(uses), ...styleNames.map((name) => name.trim())];
  return refs.length > 0 ? { refs } : {};
}

/**
 * The limits the sidebar states, checked again before anything is sent: the model's count (the edited picture
 * counts as one: `alreadyImages`), 7 MB per image, and the whole request within what Peel can send.
 * REQUEST_TOO_LARGE / UNSUPPORTED_OPTION with the sentence; nothing billed.
 */
export function checkReferenceLimits(
  spec: ModelSpec,
  references: readonly ReferenceImage[],
  already: { readonly images?: number; readonly bytes?: number } = {},
): void {
  const sizes = references.map((r) => decodedLength(r.base64));
  const extra = already.images ?? 0;
  const problem = referenceLimitProblem(
    spec.displayName,
    Math.max(0, spec.maxReferenceImages - extra),
    sizes,
    already.bytes ?? 0,
  );
  if (problem === null) return;
  const code = references.length + extra > spec.maxReferenceImages ? 'UNSUPPORTED_OPTION' : 'REQUEST_TOO_LARGE';
  const detail = detailOf(problem.key, problem.params);
  throw new PeelError(code, detail.detail, { ...detail, model: spec.id });
}
