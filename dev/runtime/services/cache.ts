/**
 * CacheService with Apps Script's limits: keys up to 250 characters, values up to 100 KB, expiry 600 s by
 * default and at most 21600 s (6 hours), 1000 items per cache. Entries live in the World so overlapping
 * executions share them; expiry reads the World's clock, which tests can move.
 *
 * Source: https://developers.google.com/apps-script/reference/cache/cache (keys up to 250 characters, values up
 * to 100 KB, a "cache item cap of 1,000 entries"; put(): "the minimum is 1 second and the maximum is 21600
 * seconds (6 hours)"). Which items go when a put passes 1,000 is not documented, nor whether that is the only
 * time items go before they expire.
 * Assumed here: the least recently WRITTEN go first (a put moves its key to the newest end; a get does not),
 * and every key of one putAll is written in the object's order. Peel does not rely on the order: what it must
 * not lose it bounds by keys (platform/stash.ts, the reference ring), and anything gone reads as expired.
 */
import { type AuthMode, requireAuthorization } from './auth';
import { ScriptException } from './utilities';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21_600;
export const MAX_ITEMS = 1000;

interface CacheEntry {
  readonly value: string;
  readonly expiresAt: number;
}

export class CacheStore {
  private readonly scopes = new Map<string, Map<string, CacheEntry>>();

  constructor(readonly now: () => number = Date.now) {}

  scope(name: string): Map<string, CacheEntry> {
    let scope = this.scopes.get(name);
    if (!scope) {
      scope = new Map();
      this.scopes.set(name, scope);
    }
    return scope;
  }

  /** Live entries per scope, for the workbench. */
  snapshot(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    const now = this.now();
    for (const [name, scope] of this.scopes) {
      const live = [...scope].filter(([, e]) => e.expiresAt > now);
      if (live.length > 0) out[name] = Object.fromEntries(live.map(([k, e]) => [k, e.value]));
    }
    return out;
  }

  clear(): void {
    this.scopes.clear();
  }
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > MAX_KEY_LENGTH) throw new ScriptException('Argument too large: key');
  return k;
}

function checkValue(value: unknown): string {
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new ScriptException('Argument too large: value');
  return v;
}

function expiration(seconds: unknown): number {
  if (seconds === undefined || seconds === null) return DEFAULT_EXPIRATION_S;
  const s = Number(seconds);
  if (!Number.isFinite(s)) throw new ScriptException('Invalid argument: expirationInSeconds');
  // The documented range is 1 s to 6 h; values outside it are clamped (inferred, not documented).
  return Math.min(Math.max(s, 1), MAX_EXPIRATION_S);
}

type Cache = GoogleAppsScript.Cache.Cache;

export class FakeCache implements Pick<Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'> {
  constructor(
    private readonly store: CacheStore,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  get(key: string): string | null {
    const k = checkKey(key);
    const entry = this.entries.get(k);
    if (!entry) return null;
    if (entry.expiresAt <= this.store.now()) {
      this.entries.delete(k);
      return null;
    }
    return entry.value;
  }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) out[String(key)] = value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.set(checkKey(key), checkValue(value), expiration(expirationInSeconds));
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    // Validate everything first: one bad value stores nothing.
    const checked = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
    const seconds = expiration(expirationInSeconds);
    for (const [k, v] of checked) this.set(k, v, seconds);
  }

  remove(key: string): void {
    this.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }

  private set(key: string, value: string, seconds: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.store.now() + seconds * 1000 });
    // Maps iterate in insertion order, so the first keys are the oldest.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ITEMS) break;
      this.entries.delete(oldest);
    }
  }
}

export interface CacheScope {
  readonly store: CacheStore;
  readonly documentId: string | null;
  readonly user: string;
  readonly authMode: AuthMode;
}

export class FakeCacheService
  implements Pick<GoogleAppsScript.Cache.CacheService, 'getDocumentCache' | 'getScriptCache' | 'getUserCache'>
{
  constructor(private readonly scope: CacheScope) {}

  getDocumentCache(): Cache | null {
    requireAuthorization(this.scope.authMode, 'CacheService.getDocumentCache');
    return this.scope.documentId === null ? null : this.cache(`document:${this.scope.documentId}`);
  }

  getScriptCache(): Cache {
    requireAuthorization(this.scope.authMode, 'CacheService.getScriptCache');
    return this.cache('script');
  }

  getUserCache(): Cache {
    requireAuthorization(this.scope.authMode, 'CacheService.getUserCache');
    return this.cache(`user:${this.scope.user}`);
  }

  private cache(name: string): Cache {
    return new FakeCache(this.scope.store, this.scope.store.scope(name)) as unknown as Cache;
  }
}
