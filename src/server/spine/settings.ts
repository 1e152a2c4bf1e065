/**
 * Peel's settings in PropertiesService.
 *
 * - The user's own API key lives in USER properties only: document properties are readable by every
 *   collaborator running the add-on, script properties by every user.
 * - A deployer may set an organization key, a Gemini base URL for it, a default model and (in --vertex builds)
 *   the Vertex AI project in SCRIPT properties. Users never see the organization key, only that one exists.
 *
 * Each store is opened and read with one getProperties() per Settings object (one per execution), and only when
 * a setting asked for lives there: PropertiesService calls count against a daily quota and each one is a round
 * trip. A Generate with the user's own key in a Gemini API build reads the user store alone.
 */
import { describeError, detailOf, PeelError } from '../../core/errors';
import { catalogModels, DEFAULT_MODEL_ID, isModelIdShape, modelSpec } from '../../core/gemini/catalog';
import type { Endpoint } from '../../core/gemini/endpoint';
import { DEFAULT_VERTEX_LOCATION, GEMINI_API_BASE_URL, isVertexLocation } from '../../core/gemini/endpoint';
import { maskKey } from '../../core/gemini/keys';
import { offeredModel } from '../../core/gemini/offered';
import { lazily, type Say } from '../../core/i18n';
import {
  allowedModels,
  monthOf,
  OPEN_POLICY,
  POLICY_PROPERTIES,
  type Policy,
  policyNotes,
  readPolicy,
} from '../../core/policy';
import type { FolderMemory } from '../../core/versions';
import type { Connection, SettingsView } from '../../shared/rpc';
import { VERSIONS_FOLDER_PROPERTY } from '../platform/drive';
import { USER_ID_PROPERTY } from '../platform/identity';
import { randomPart } from '../platform/stash';
import { personsWords } from '../platform/words';

type Store = Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperty' | 'deleteProperty'>;

export const USER_API_KEY = 'PEEL_API_KEY';
export const USER_MODEL = 'PEEL_MODEL';
export const OWED_PROPERTY = 'peel.owed';
export const OWED_PROPOSALS = 'peel.owed.jobs';
export const ORG_API_KEY = 'PEEL_ORG_API_KEY';
export const ORG_DEFAULT_MODEL = 'PEEL_DEFAULT_MODEL';
export const BASE_URL = 'PEEL_GEMINI_BASE_URL';
export const VERTEX_PROJECT = 'PEEL_VERTEX_PROJECT';
export const VERTEX_LOCATION = 'PEEL_VERTEX_LOCATION';
/** What this person spent by calendar month (`{"2026-12": 3.2}`), kept only while a per-person budget is set. */
export const SPENT_PROPERTY = 'peel.spent';
/** The organization's policy as last read, in the user's cache: an administrator's change reaches a person within this. */
export const POLICY_CACHE_KEY = 'peel.policy';
export const POLICY_CACHE_SECONDS = 600;

/** A store, or how to open it: opening one is itself a service call, made only when the store is read. */
type StoreSource = Store | (() => Store);

export interface SettingsOptions {
  readonly user: StoreSource;
  readonly script: StoreSource;
  /** PEEL_VERTEX: only builds with the cloud-platform scope can call Vertex AI. */
  readonly vertex: boolean;
  /** PEEL_VERTEX_LOCATION: the one location whose host the build's fetch allowlist admits (default global). */
  readonly vertexLocation?: string;
  readonly nowMs: number;
  /**
   * The user's cache, where the policy waits between executions: reading the script store for it would cost a
   * user with their own key two calls and a property read on every Generate. Absent, the store is read.
   */
  readonly cache?: () => Pick<GoogleAppsScript.Cache.Cache, 'get' | 'put'>;
}

/**
 * Standard keys (`AIza…`) are 39 characters, AI Studio's auth keys (`AQ.…`) longer and may hold dots; the bounds
 * leave room for other formats without accepting prose.
 */
const KEY_SHAPE = /^[A-Za-z0-9_.-]{20,200}$/;

export class Settings {
  private readonly options: SettingsOptions;
  private userStore: Store | undefined;
  private userCache: Record<string, string> | undefined;
  private scriptCache: Record<string, string> | undefined;
  private policyRead: Policy | undefined;

  constructor(options: SettingsOptions) {
    this.options = options;
  }

  private user(): Store {
    const source = this.options.user;
    this.userStore ??= typeof source === 'function' ? source() : source;
    return this.userStore;
  }

  private userProps(): Record<string, string> {
    this.userCache ??= { ...this.user().getProperties() };
    return this.userCache;
  }

  private scriptProps(): Record<string, string> {
    const source = this.options.script;
    this.scriptCache ??= { ...(typeof source === 'function' ? source() : source).getProperties() };
    return this.scriptCache;
  }

  private userValue(key: string): string | undefined {
    const value = this.userProps()[key]?.trim();
    return value ? value : undefined;
  }

  private scriptValue(key: string): string | undefined {
    const value = this.scriptProps()[key]?.trim();
    return value ? value : undefined;
  }

  /** Vertex AI when this build may use it and the deployer named a project; the Gemini API otherwise. */
  private vertexTarget(): { project: string; location: string } | undefined {
    if (!this.options.vertex) return undefined;
    const project = this.scriptValue(VERTEX_PROJECT);
    if (!project) return undefined;
    const built = this.options.vertexLocation || DEFAULT_VERTEX_LOCATION;
    const location = this.scriptValue(VERTEX_LOCATION) ?? built;
    if (!isVertexLocation(location)) {
      throw new PeelError(
        'BAD_INPUT',
        `Script property ${VERTEX_LOCATION} is not a location`,
        detailOf('vertexLocationShape', { property: VERTEX_LOCATION }),
      );
    }
    // Said here, before any fetch: otherwise Apps Script refuses the host and the user hears about a network.
    if (location !== built) {
      throw new PeelError(
        'BAD_INPUT',
        `This build allows Vertex AI in ${built}, not ${location}`,
        detailOf('vertexLocationBuilt', { built, location, property: VERTEX_LOCATION }),
      );
    }
    return { project, location };
  }

  /**
   * The organization's rules (core/policy.ts): from the script store when this execution reads it anyway (no key
   * of one's own, Vertex AI), else from the user's cache, else the store (then cached). `cached` is the cache's
   * value when the caller read it with something else. Throws POLICY when a rule is written unreadably.
   */
  policy(cached?: string | null): Policy {
    if (this.policyRead) return this.policyRead;
    const storeAnyway = this.scriptCache !== undefined || this.options.vertex || !this.userValue(USER_API_KEY);
    let rules: Record<string, string> | null = null;
    if (!storeAnyway && this.options.cache) {
      const text = cached === undefined ? this.options.cache().get(POLICY_CACHE_KEY) : cached;
      rules = text ? parseRules(text) : null;
      // A miss: read the store once and keep the rules for this person's next Generates.
      if (!rules) this.cachePolicy();
    }
    this.policyRead = readPolicy(rules ?? this.policyRules());
    return this.policyRead;
  }

  /** The policy's properties from the script store (one read for the execution), and only those. */
  private policyRules(): Record<string, string> {
    const props = this.scriptProps();
    return Object.fromEntries(
      Object.values(POLICY_PROPERTIES).flatMap((key) => (props[key] ? [[key, props[key]]] : [])),
    );
  }

  /**
   * Keeps the policy's rules in the user's cache: on a cache miss, and once per sidebar (the model menu's
   * refresh), so the sidebar opens with the organization's limits for everyone, not on every Generate.
   */
  cachePolicy(): void {
    try {
      this.options.cache?.().put(POLICY_CACHE_KEY, JSON.stringify(this.policyRules()), POLICY_CACHE_SECONDS);
    } catch (error) {
      console.error(error instanceof Error ? error.stack : String(error));
    }
  }

  /** A rule written unreadably stops images (policy() says so), not the saving of a key or the Settings view. */
  private orgKeyForEveryone(): boolean {
    try {
      return this.policy().organizationKey === 'everyone';
    } catch {
      return false;
    }
  }

  /** The key requests use: the user's own, else the organization's (the organization's first, if its policy says). */
  apiKey(): { key: string; source: 'user' | 'organization' } | undefined {
    const own = this.userValue(USER_API_KEY);
    if (own && !this.orgKeyForEveryone()) return { key: own, source: 'user' };
    const org = this.scriptValue(ORG_API_KEY);
    if (org) return { key: org, source: 'organization' };
    return own ? { key: own, source: 'user' } : undefined;
  }

  /** What this person has spent this month, as far as Peel has counted it (only while a budget is set). */
  spentThisMonth(): number {
    const month = monthOf(this.options.nowMs);
    const spent = parseSpent(this.userValue(SPENT_PROPERTY));
    return spent[month] ?? 0;
  }

  /** Adds a billed image to this month's spending, when the organization limits it: one write, no lock (own store). */
  addSpent(usd: number): void {
    if (usd <= 0 || this.policy().personMonthlyUsd === null) return;
    const month = monthOf(this.options.nowMs);
    const total = Math.round((this.spentThisMonth() + usd) * 1e6) / 1e6;
    // Only this month is kept: last month's figure has no use once the month has turned.
    const text = JSON.stringify({ [month]: total });
    this.user().setProperty(SPENT_PROPERTY, text);
    this.userProps()[SPENT_PROPERTY] = text;
  }

  baseUrl(): string {
    return (this.scriptValue(BASE_URL) ?? GEMINI_API_BASE_URL).replace(/\/+$/, '');
  }

  model(): string {
    return this.userValue(USER_MODEL) ?? this.scriptValue(ORG_DEFAULT_MODEL) ?? DEFAULT_MODEL_ID;
  }

  connection(): Connection {
    const vertex = this.vertexTarget();
    if (vertex) return { kind: 'vertex', ...vertex };
    const own = this.userValue(USER_API_KEY);
    const org = this.scriptValue(ORG_API_KEY) !== undefined;
    if (own && org && this.orgKeyForEveryone()) {
      return { kind: 'gemini', key: { source: 'organization', forEveryone: true } };
    }
    if (own) return { kind: 'gemini', key: { source: 'user', masked: maskKey(own), organizationKey: org } };
    return { kind: 'gemini', key: { source: org ? 'organization' : 'none' } };
  }

  /**
   * Where requests go. `accessToken` is only called for Vertex AI, so API-key users are never asked for the
   * cloud-platform scope. Throws NO_KEY when there is nothing to authenticate with.
   *
   * The deployer's base URL goes with the deployer's key: a user's own key is sent to Google's endpoint (the
   * only one the default manifest's fetch allowlist admits), never through a host the user did not choose, and
   * so the script store is not even read for it outside Vertex builds.
   */
  endpoint(accessToken: () => string): Endpoint {
    const vertex = this.vertexTarget();
    if (vertex) return { kind: 'vertex', ...vertex, accessToken: accessToken() };
    const key = this.apiKey();
    if (!key) throw new PeelError('NO_KEY', 'No API key in user or script properties');
    if (key.source === 'user') return { kind: 'gemini', apiKey: key.key, keySource: 'user' };
    const custom = this.scriptValue(BASE_URL);
    return {
      kind: 'gemini',
      apiKey: key.key,
      keySource: 'organization',
      ...(custom ? { baseUrl: this.baseUrl() } : {}),
    };
  }

  /** The Gemini API endpoint for a key typed in Settings and not saved yet (Test key): the user's own, so Google's. */
  endpointForKey(key: string): Endpoint {
    return { kind: 'gemini', apiKey: checkKey(key), keySource: 'user' };
  }

  /** What Settings shows, the organization's notes in the person's language (`say`). */
  view(say: Say = lazily(personsWords)): SettingsView {
    const model = this.model();
    const now = this.options.nowMs;
    const models = catalogModels(now).map((spec) => offeredModel(spec, now, undefined, say));
    if (!models.some((m) => m.id === model)) models.push(offeredModel(modelSpec(model), now, undefined, say));
    let policy = OPEN_POLICY;
    let notes: string[];
    try {
      policy = this.policy();
      notes = policyNotes(policy, say);
    } catch (error) {
      // The administrator's mistake, said where a person looks for what their organization allows.
      notes = [error instanceof PeelError ? (describeError(error, say).detail ?? error.message) : String(error)];
    }
    return {
      connection: this.connection(),
      model,
      models: allowedModels(policy, models),
      ...(notes.length > 0 ? { policy: notes } : {}),
    };
  }

  /**
   * The caller's random id (no e-mail, no new scope), from the same read as the key; made on first need. Turns
   * store only `userHash(id, threadId)`.
   */
  userId(): string {
    const known = this.userValue(USER_ID_PROPERTY);
    if (known) return known;
    const made = `${randomPart()}${randomPart()}`;
    this.user().setProperty(USER_ID_PROPERTY, made);
    this.userProps()[USER_ID_PROPERTY] = made;
    return made;
  }

  /**
   * What this user owes documents (`{documentId: {key: value}}`), kept in their own store, which needs no lock,
   * until their next write to that document: cost entries billed while the document lock was busy
   * (OWED_PROPERTY), a job's proposals that could not be recorded (OWED_PROPOSALS). From the same read as the
   * key, so a call that owes nothing pays nothing to know it.
   */
  owed(property: string = OWED_PROPERTY): Record<string, Record<string, string>> {
    const text = this.userValue(property);
    if (!text) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Record<string, string>>) : {};
    } catch {
      return {};
    }
  }

  saveOwed(owed: Record<string, Record<string, string>>, property: string = OWED_PROPERTY): void {
    const kept = Object.fromEntries(Object.entries(owed).filter(([, entries]) => Object.keys(entries).length > 0));
    if (Object.keys(kept).length === 0) {
      if (this.userValue(property) === undefined) return;
      this.user().deleteProperty(property);
      delete this.userProps()[property];
      return;
    }
    const text = JSON.stringify(kept);
    this.user().setProperty(property, text);
    this.userProps()[property] = text;
  }

  /**
   * Where the user's "Peel versions" folder id is remembered, answered from the same read as the key: Apply,
   * which reads the user's id there anyway, then opens the user's store once, not twice.
   */
  versionsFolder(): FolderMemory {
    return {
      get: () => this.userValue(VERSIONS_FOLDER_PROPERTY) ?? null,
      set: (id) => {
        if (id) {
          this.user().setProperty(VERSIONS_FOLDER_PROPERTY, id);
          this.userProps()[VERSIONS_FOLDER_PROPERTY] = id;
          return;
        }
        this.user().deleteProperty(VERSIONS_FOLDER_PROPERTY);
        delete this.userProps()[VERSIONS_FOLDER_PROPERTY];
      },
    };
  }

  saveApiKey(key: string): void {
    const clean = checkKey(key);
    if (this.orgKeyForEveryone() && this.scriptValue(ORG_API_KEY)) {
      throw new PeelError('POLICY', 'The organization key is for everyone', {
        ...detailOf('orgKeyForEveryone'),
      });
    }
    this.user().setProperty(USER_API_KEY, clean);
    this.userProps()[USER_API_KEY] = clean;
  }

  clearApiKey(): void {
    this.user().deleteProperty(USER_API_KEY);
    delete this.userProps()[USER_API_KEY];
  }

  saveModel(id: string): void {
    const clean = id.trim();
    // Unknown ids are allowed (a model released after this build); only the shape is checked.
    if (!isModelIdShape(clean)) {
      throw new PeelError('BAD_INPUT', 'Model id has an unexpected shape', {
        ...detailOf('modelIdShape'),
      });
    }
    this.user().setProperty(USER_MODEL, clean);
    this.userProps()[USER_MODEL] = clean;
  }
}

/** The policy's notes from its cached value alone (no store read): what the sidebar shows as it opens. */
export function cachedPolicyNotes(text: string | null, say?: Say): string[] {
  const rules = text ? parseRules(text) : null;
  if (!rules) return [];
  try {
    return policyNotes(readPolicy(rules), say);
  } catch {
    return [];
  }
}

function parseRules(text: string): Record<string, string> | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  } catch {
    return null;
  }
}

function parseSpent(text: string | undefined): Record<string, number> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] >= 0),
    );
  } catch {
    return {};
  }
}

function checkKey(key: string): string {
  const clean = key.trim();
  if (!KEY_SHAPE.test(clean)) {
    // The message never repeats the input: it may be a real key pasted with a typo.
    throw new PeelError('BAD_INPUT', 'The API key has an unexpected shape', {
      ...detailOf('keyShape'),
    });
  }
  return clean;
}
