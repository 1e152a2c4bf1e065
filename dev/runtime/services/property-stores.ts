/**
 * Where PropertiesService's stores live between executions: one script store, one store per user, one per
 * document (FakeProperties from properties.ts, which carries Apps Script's limits), and the per-execution
 * PropertiesService that picks the caller's stores and applies the authorization mode.
 */
import type { OrNull } from '../protocol';
import { type AuthMode, requireAuthorization } from './auth';
import { FakeProperties } from './properties';

type Properties = GoogleAppsScript.Properties.Properties;
type Service = GoogleAppsScript.Properties.PropertiesService;

export interface PropertyStoresJSON {
  script: Record<string, string>;
  users: Record<string, Record<string, string>>;
  documents: Record<string, Record<string, string>>;
}

export class PropertyStores {
  readonly script: FakeProperties;
  private readonly users = new Map<string, FakeProperties>();
  private readonly documents = new Map<string, FakeProperties>();

  constructor(json: Partial<PropertyStoresJSON> = {}) {
    this.script = new FakeProperties(json.script ?? {});
    for (const [email, data] of Object.entries(json.users ?? {})) this.users.set(email, new FakeProperties(data));
    for (const [id, data] of Object.entries(json.documents ?? {})) this.documents.set(id, new FakeProperties(data));
  }

  user(email: string): FakeProperties {
    return this.store(this.users, email);
  }

  document(id: string): FakeProperties {
    return this.store(this.documents, id);
  }

  toJSON(): PropertyStoresJSON {
    const dump = (stores: Map<string, FakeProperties>) =>
      Object.fromEntries([...stores].map(([key, store]) => [key, store.snapshot()]));
    return { script: this.script.snapshot(), users: dump(this.users), documents: dump(this.documents) };
  }

  private store(stores: Map<string, FakeProperties>, key: string): FakeProperties {
    let store = stores.get(key);
    if (!store) {
      store = new FakeProperties();
      stores.set(key, store);
    }
    return store;
  }
}

export interface PropertiesScope {
  readonly stores: PropertyStores;
  readonly documentId: string | null;
  readonly user: string;
  readonly authMode: AuthMode;
}

export class ExecutionPropertiesService
  implements Pick<Service, 'getScriptProperties' | 'getUserProperties'>, OrNull<Pick<Service, 'getDocumentProperties'>>
{
  constructor(private readonly scope: PropertiesScope) {}

  /** Null outside a document, as documented (@types declares it non-null). */
  getDocumentProperties(): Properties | null {
    requireAuthorization(this.scope.authMode, 'PropertiesService.getDocumentProperties');
    return this.scope.documentId === null ? null : this.scope.stores.document(this.scope.documentId);
  }

  getUserProperties(): Properties {
    requireAuthorization(this.scope.authMode, 'PropertiesService.getUserProperties');
    return this.scope.stores.user(this.scope.user);
  }

  getScriptProperties(): Properties {
    requireAuthorization(this.scope.authMode, 'PropertiesService.getScriptProperties');
    return this.scope.stores.script;
  }
}
