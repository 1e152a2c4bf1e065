/**
 * Everything that outlives one execution, held in the runtime's main thread: the open document, the property
 * stores, locks, caches and what the add-on put on the screen. Executions see it through their services; the
 * workbench draws it and saves `toJSON()` between runs.
 */

import type { HostDocument } from './model';
import { CacheStore } from './services/cache';
import { Consent, SCOPE } from './services/consent';
import { type DriveJSON, DriveStandIn } from './services/drive';
import { LockTable } from './services/lock';
import { PropertyStores, type PropertyStoresJSON } from './services/property-stores';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

/** What the add-on showed: the Ui fakes append here, the workbench draws it. */
export interface UiLog {
  menus: { caption: string; items: { caption: string; functionName: string }[] }[];
  sidebars: { title: string; html: string }[];
  /** Size and modality when the Ui fake knows them. */
  dialogs: { title: string; html: string; width?: number; height?: number; modal?: boolean }[];
  alerts: string[];
}

/** What SlidesApp and DocumentApp are made from, once per execution. */
export interface HostContext {
  document: HostDocument | null;
  ui: UiLog;
  authMode: AuthModeName;
}

export function emptyUiLog(): UiLog {
  return { menus: [], sidebars: [], dialogs: [], alerts: [] };
}

export interface WorldJSON {
  document: HostDocument | null;
  properties: PropertyStoresJSON;
  ui: UiLog;
  /** Live cache entries per scope; restored with a fresh expiry. */
  cache?: Record<string, Record<string, string>>;
  /** Files in the Drive stand-in (Peel's versions): names, owners' emails and bytes; never a token. */
  drive?: DriveJSON;
}

export interface WorldInit {
  document?: HostDocument | null;
  properties?: Partial<PropertyStoresJSON>;
  ui?: UiLog;
  /** The clock cache expiry reads; tests move it. */
  now?: () => number;
  scriptId?: string;
  drive?: DriveJSON;
}

export class World {
  document: HostDocument | null;
  readonly properties: PropertyStores;
  readonly locks = new LockTable();
  readonly cache: CacheStore;
  /** Every user's Drive, as far as Peel reaches it (drive.file). */
  readonly drive: DriveStandIn;
  ui: UiLog;
  readonly scriptId: string;
  /** The scopes each user declined on the consent screen (granular consent); all others are granted. */
  readonly consent = new Consent();
  /**
   * Each user's editor language, as Session.getActiveUserLocale answers it ("de", "pt_BR"); 'en' for a user with
   * none set. Google takes it from the user's account language, which a person chooses, not the document.
   */
  readonly locales = new Map<string, string>();

  constructor(init: WorldInit = {}) {
    this.document = init.document ?? null;
    this.properties = new PropertyStores(init.properties);
    this.ui = init.ui ?? emptyUiLog();
    this.cache = new CacheStore(init.now);
    this.drive = new DriveStandIn(init.drive, init.now, (user) => this.consent.granted(user, SCOPE.driveFile));
    this.scriptId = init.scriptId ?? 'peel-local-script';
  }

  /**
   * The context for one execution's host apps. Getters, so a document or UI log the workbench swaps in
   * between calls is the one the next call sees.
   */
  hostContext(authMode: AuthModeName): HostContext {
    const world = this;
    return {
      get document() {
        return world.document;
      },
      set document(value) {
        world.document = value;
      },
      get ui() {
        return world.ui;
      },
      set ui(value) {
        world.ui = value;
      },
      authMode,
    };
  }

  toJSON(): WorldJSON {
    return {
      document: this.document,
      properties: this.properties.toJSON(),
      ui: this.ui,
      cache: this.cache.snapshot(),
      drive: this.drive.toJSON(),
    };
  }

  static fromJSON(json: unknown): World {
    if (typeof json !== 'object' || json === null) throw new TypeError('World.fromJSON: expected an object');
    const j = json as Partial<WorldJSON>;
    const world = new World({
      document: j.document ?? null,
      ...(j.properties ? { properties: j.properties } : {}),
      ui: { ...emptyUiLog(), ...(j.ui ?? {}) },
      ...(j.drive ? { drive: j.drive } : {}),
    });
    for (const [scope, entries] of Object.entries(j.cache ?? {})) {
      const store = world.cache.scope(scope);
      const expiresAt = world.cache.now() + 600_000;
      for (const [key, value] of Object.entries(entries)) store.set(key, { value, expiresAt });
    }
    return world;
  }
}
