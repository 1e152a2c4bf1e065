/**
 * The place the sidebar shows ("Goes to: …"). Each reading of the selection for the sidebar (getTarget) keeps the
 * Target it answers, with the slide's layout it was read from, in the caller's user cache, named by an id the
 * answer carries (Target.placeId). Generate sends the id back and finds that place in one cache read, with no
 * SlidesApp or DocumentApp call, instead of reading the selection again (about eight calls): it draws at that
 * place's ratio, refuses before anything is sent where it takes no image, and keeps the layout for Insert.
 * Insert sends the id of the reading the sidebar shows as the person presses it (read again when the pointer or
 * the focus came back to the sidebar, so it is where the person is): a new picture on a slide goes to that slide,
 * found by its id, from the layout that reading kept while it still holds (platform/slides.ts insertOnShownSlide),
 * without reading the selection again. A box to fill, a picture to replace, a background, Docs, or an id the
 * server no longer keeps: Insert reads the selection itself, as it is then.
 *
 * One key for all readings, not one per reading: the sidebar reads the selection every time the pointer comes
 * back, and a key each would fill the user cache's 1,000 items, which also hold the previews a person paid for.
 * So another tab or document of the same person overwrites it, and the id it replaced then finds nothing:
 * Generate reads the selection, as it does for an id missing, unknown or expired (a kept place lives as long as
 * the slide's layout, LAYOUT_SECONDS). An id the slide has changed under since draws at the ratio of the place
 * the person was shown, at worst.
 *
 * In Slides the place is read in the layout's one getAll and written only when this reading differs from the one
 * kept, with a layout walked afresh in the same putAll: reading a slide as before costs no call more than it did.
 * A selected box, no slide, or Docs read no layout: there the place is one putAll of its own.
 */
import { STYLE_PROPERTY } from '../../core/deck-style';
import { utf8Length } from '../../core/gemini/request';
import { parseSlideLayout, type SlideLayout } from '../../core/placement';
import { peelBytes } from '../../core/store-budget';
import type { Target } from '../../shared/rpc';
import type { Stored } from '../platform/document-store';
import { type CacheShare, cacheQuietly, LAYOUT_SECONDS } from '../platform/slides';
import { randomPart, userCache } from '../platform/stash';
import { costInProperties } from './costs';
import { layoutToKeep } from './pending';
import { NAMED_REFERENCES_PROPERTY } from './references';

export const SHOWN_KEY = 'peel.shown';
/** Under CacheService's 100 KB a value; a place past it (hundreds of selected pictures) is not kept. */
const MAX_SHOWN_BYTES = 90 * 1024;

/** Where an image goes as one reading found it, and the slide's layout that reading used (null: none). */
export interface Place {
  readonly target: Target;
  readonly layout: SlideLayout | null;
  /** What a new image needs of the document, as the sidebar's reading found it (none: Generate reads it). */
  readonly store?: ShownStore | null;
}

/**
 * What a new image needs of the document store, as the sidebar's reading read it: the deck's style and the named
 * references (their stored values), the store's size, and how many cost entries wait to be folded. Generate takes
 * them from here instead of reading the store again, as it takes the place: it draws with the style the person
 * saw when the pointer last came back. The person's own change of the style or the named references forgets the
 * reading (forgetShown); a collaborator's shows at the next reading, at most LAYOUT_SECONDS later.
 */
export interface ShownStore {
  readonly stored: Stored;
  readonly bytes: number;
  readonly entries: number;
}

const STORE_KEYS = [STYLE_PROPERTY, NAMED_REFERENCES_PROPERTY];

export function storeFacts(snapshot: Stored): ShownStore {
  const stored: Record<string, string> = {};
  for (const key of STORE_KEYS) {
    const value = snapshot[key];
    if (value !== undefined) stored[key] = value;
  }
  return { stored, bytes: peelBytes(snapshot), entries: costInProperties(snapshot).entries };
}

const isStore = (s: Partial<ShownStore> | null | undefined): s is ShownStore =>
  typeof s?.bytes === 'number' &&
  typeof s.entries === 'number' &&
  typeof s.stored === 'object' &&
  s.stored !== null &&
  Object.entries(s.stored).every(([key, value]) => STORE_KEYS.includes(key) && typeof value === 'string');

/** After the person changes what a reading keeps of the document: their next Generate reads it afresh. */
export function forgetShown(): void {
  cacheQuietly(() => userCache().removeAll([SHOWN_KEY]));
}

/** What a reading of the selection for the sidebar reads and writes with the slide's layout. */
export function shownShare(): CacheShare {
  return { keys: [SHOWN_KEY], found: null, walked: {} };
}

/** The thread view a newly selected picture brings is for the sidebar to show: Generate needs none of it. */
function keptTarget(target: Target): Target {
  if (!target.image?.view) return target;
  const { view: _view, ...image } = target.image;
  return { ...target, image };
}

/** The id and the place of a kept value (`<id> <json>`). */
function split(value: string | undefined): { id: string; json: string } | null {
  const space = value?.indexOf(' ') ?? -1;
  return value && space > 0 ? { id: value.slice(0, space), json: value.slice(space + 1) } : null;
}

/**
 * Keeps the place this reading found (with any layout it walked, in one putAll) and answers its Target with the
 * id that names it: the id it had when nothing changed since the reading before. Without the cache, the Target
 * has no id and Generate reads the selection itself.
 */
export function keepShown(found: Place, share: CacheShare): Target {
  const json = JSON.stringify({
    target: keptTarget(found.target),
    layout: layoutToKeep(found.layout) ?? null,
    ...(found.store ? { store: found.store } : {}),
  });
  const before = split(share.found?.[SHOWN_KEY]);
  const same = before !== null && before.json === json;
  const id = same ? before.id : randomPart();
  const value = `${id} ${json}`;
  const keeps = same || utf8Length(value) <= MAX_SHOWN_BYTES;
  const entries = { ...share.walked, ...(keeps && !same ? { [SHOWN_KEY]: value } : {}) };
  const written =
    Object.keys(entries).length === 0 ||
    cacheQuietly(() => {
      userCache().putAll(entries, LAYOUT_SECONDS);
      return true;
    }) === true;
  return keeps && written ? { ...found.target, placeId: id } : found.target;
}

const isTarget = (t: Partial<Target> | null | undefined): t is Target =>
  typeof t?.host === 'string' &&
  typeof t.kind === 'string' &&
  typeof t.label === 'string' &&
  typeof t.ratio === 'number' &&
  Number.isFinite(t.ratio) &&
  t.ratio > 0 &&
  typeof t.canInsert === 'boolean';

/**
 * The place a reading kept under `placeId` (null when that id names nothing kept now), read in one getAll with
 * `alongside` keys of the user cache, which come back in `found` (null when the cache could not be read).
 */
export function shownPlace(
  placeId: string,
  alongside: readonly string[] = [],
): { place: Place | null; found: Readonly<Record<string, string>> | null } {
  const found = cacheQuietly(() => userCache().getAll([SHOWN_KEY, ...alongside]));
  return { place: placeIn(found, placeId), found };
}

/** The place kept under `placeId` among user-cache entries read with SHOWN_KEY (null: another id, or none). */
export function placeIn(found: Readonly<Record<string, string>> | null, placeId: string): Place | null {
  const kept = split(found?.[SHOWN_KEY]);
  if (kept?.id !== placeId) return null;
  const raw = cacheQuietly(
    () => JSON.parse(kept.json) as { target?: Target; layout?: unknown; store?: Partial<ShownStore> } | null,
  );
  const target = raw?.target;
  const layout = raw?.layout === null ? null : parseSlideLayout(raw?.layout);
  if (!isTarget(target) || (layout === null && raw?.layout !== null)) return null;
  return { target: { ...target, placeId }, layout, store: isStore(raw?.store) ? raw.store : null };
}
