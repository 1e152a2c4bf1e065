/**
 * The place the sidebar shows ("Goes to: …"). Each reading of the selection for the sidebar (getTarget) keeps the
 * Target it answers, with the slide's layout it was read from, in the caller's user cache, named by an id the
 * answer carries (Target.placeId). Generate sends the id back and finds that place in one cache read, with no
 * SlidesApp or DocumentApp call, instead of reading the selection again (about eight calls): it draws at that
 * place's ratio, refuses before anything is sent where it takes no image, and keeps the layout for Insert.
 * Nothing is placed on the strength of it: Insert reads the selection itself, as it is then.
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
import { utf8Length } from '../../core/gemini/request';
import { parseSlideLayout, type SlideLayout } from '../../core/placement';
import type { Target } from '../../shared/rpc';
import { type CacheShare, cacheQuietly, LAYOUT_SECONDS } from '../platform/slides';
import { randomPart, userCache } from '../platform/stash';
import { layoutToKeep } from './pending';

export const SHOWN_KEY = 'peel.shown';
/** Under CacheService's 100 KB a value; a place past it (hundreds of selected pictures) is not kept. */
const MAX_SHOWN_BYTES = 90 * 1024;

/** Where an image goes as one reading found it, and the slide's layout that reading used (null: none). */
export interface Place {
  readonly target: Target;
  readonly layout: SlideLayout | null;
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
  const json = JSON.stringify({ target: keptTarget(found.target), layout: layoutToKeep(found.layout) ?? null });
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
  const kept = split(found?.[SHOWN_KEY]);
  if (kept?.id !== placeId) return { place: null, found };
  const raw = cacheQuietly(() => JSON.parse(kept.json) as { target?: Target; layout?: unknown } | null);
  const target = raw?.target;
  const layout = raw?.layout === null ? null : parseSlideLayout(raw?.layout);
  if (!isTarget(target) || (layout === null && raw?.layout !== null)) return { place: null, found };
  return { place: { target: { ...target, placeId }, layout }, found };
}
