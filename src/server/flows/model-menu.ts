/**
 * The model menu remembered per user, so the sidebar can offer Generate the moment it opens. Asking Google which
 * models a key may use (ListModels) is a fetch of its own, and it made every sidebar wait seconds before Generate
 * was enabled. getModels stores the answer in the user's cache; getSidebarContext reads it back (two calls, no
 * fetch), or offers the catalog alone when nothing is cached, and the sidebar refreshes it in the background.
 *
 * Only ids and ListModels' names are kept: the menu itself (prices, ratios, shutdown warnings) is rebuilt from
 * the catalog at read time, so a cached menu is never older than the deployed catalog. The user cache, not
 * user properties: it is a copy that may vanish, and Apps Script's property quota is kept for what must stay.
 */
import { catalogModels, isModelIdShape, modelSpec } from '../../core/gemini/catalog';
import { type OfferedModel, offeredModel } from '../../core/gemini/offered';
import type { Say } from '../../core/i18n';
import { userCache } from '../platform/stash';

export const MODELS_CACHE_KEY = 'peel.models';
/** CacheService's longest: the background refresh rewrites it every time a sidebar opens anyway. */
const CACHE_SECONDS = 21_600;
/** A cached list longer than this was not written by Peel. */
const MAX_CACHED = 50;

type CachePort = Pick<GoogleAppsScript.Cache.Cache, 'get' | 'put'>;

interface Remembered {
  readonly id: string;
  readonly name?: string;
}

export function rememberModels(cache: CachePort, models: readonly OfferedModel[]): void {
  const entries: Remembered[] = models.map((m) => (m.known ? { id: m.id } : { id: m.id, name: m.displayName }));
  cache.put(MODELS_CACHE_KEY, JSON.stringify(entries.slice(0, MAX_CACHED)), CACHE_SECONDS);
}

function parse(text: string | null): Remembered[] | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CACHED) return null;
    const entries = value.filter(
      (e): e is Remembered =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as Remembered).id === 'string' &&
        isModelIdShape((e as Remembered).id) &&
        ((e as Remembered).name === undefined || typeof (e as Remembered).name === 'string'),
    );
    return entries.length > 0 ? entries : null;
  } catch {
    return null;
  }
}

/**
 * The user's last menu (the cache's value, read with whatever else the caller needed), rebuilt from the
 * catalog; the catalog's current models when none is remembered.
 */
export function rememberedModels(cached: string | null, nowMs: number, say?: Say): OfferedModel[] {
  const entries = parse(cached);
  if (!entries) return catalogModels(nowMs).map((spec) => offeredModel(spec, nowMs, undefined, say));
  return entries.map((e) => offeredModel(modelSpec(e.id), nowMs, e.name, say));
}

export function openModelCache(): GoogleAppsScript.Cache.Cache {
  return userCache();
}
