import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeProperties,
  FakePropertiesService,
  MAX_STORE_BYTES,
  STORE_QUOTA_EXCEEDED,
  VALUE_TOO_LARGE,
} from '../../dev/runtime/services/properties';
import type { PeelError } from '../../src/core/errors';
import { POLICY_CACHE_KEY, Settings } from '../../src/server/spine/settings';
import { codeOf } from '../support/errors';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const KEY = 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrSx7Qk';
const ORG_KEY = 'AIzaSyOrgOrgOrgOrgOrgOrgOrgOrgOrgOrgAbcd';

function settingsOver(service: FakePropertiesService, vertex = false, vertexLocation?: string): Settings {
  return new Settings({
    user: service.user,
    script: service.script,
    vertex,
    nowMs: NOW,
    ...(vertexLocation !== undefined ? { vertexLocation } : {}),
  });
}

describe('the API key', () => {
  it('is saved in user properties only and shown masked', () => {
    const service = new FakePropertiesService();
    const settings = settingsOver(service);
    settings.saveApiKey(`  ${KEY}\n`);
    expect(service.user.snapshot()).toEqual({ PEEL_API_KEY: KEY });
    expect(service.script.snapshot()).toEqual({});
    expect(service.document.snapshot()).toEqual({});
    const view = settings.view();
    expect(view.connection).toEqual({
      kind: 'gemini',
      key: { source: 'user', masked: 'AIza…x7Qk', organizationKey: false },
    });
    expect(JSON.stringify(view)).not.toContain(KEY);
  });

  it('refuses text that is not shaped like a key, without echoing it', () => {
    const settings = settingsOver(new FakePropertiesService());
    try {
      settings.saveApiKey('my key is hunter2');
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('BAD_INPUT');
      expect(JSON.stringify(error)).not.toContain('hunter2');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('clears', () => {
    const service = new FakePropertiesService({ user: { PEEL_API_KEY: KEY, PEEL_MODEL: 'gemini-3-pro-image' } });
    const settings = settingsOver(service);
    settings.clearApiKey();
    expect(service.user.snapshot()).toEqual({ PEEL_MODEL: 'gemini-3-pro-image' });
    expect(settings.view().connection).toEqual({ kind: 'gemini', key: { source: 'none' } });
  });

  it('falls back to the organization key, which the sidebar never sees', () => {
    const service = new FakePropertiesService({ script: { PEEL_ORG_API_KEY: ORG_KEY } });
    const settings = settingsOver(service);
    const view = settings.view();
    expect(view.connection).toEqual({ kind: 'gemini', key: { source: 'organization' } });
    expect(JSON.stringify(view)).not.toContain(ORG_KEY.slice(-4));
    expect(settings.endpoint(() => 'unused')).toEqual({ kind: 'gemini', apiKey: ORG_KEY, keySource: 'organization' });
  });

  it('prefers the user’s own key over the organization’s', () => {
    const service = new FakePropertiesService({ user: { PEEL_API_KEY: KEY }, script: { PEEL_ORG_API_KEY: ORG_KEY } });
    const settings = settingsOver(service);
    expect(settings.endpoint(() => 'unused')).toEqual({ kind: 'gemini', apiKey: KEY, keySource: 'user' });
    expect(settings.view().connection).toEqual({
      kind: 'gemini',
      key: { source: 'user', masked: 'AIza…x7Qk', organizationKey: true },
    });
  });

  it('tests a key before it is saved, at Google’s endpoint (it is the user’s own), saving nothing', () => {
    const service = new FakePropertiesService({ script: { PEEL_GEMINI_BASE_URL: 'http://127.0.0.1:8787' } });
    expect(settingsOver(service).endpointForKey(` ${KEY} `)).toEqual({
      kind: 'gemini',
      apiKey: KEY,
      keySource: 'user',
    });
    expect(codeOf(() => settingsOver(service).endpointForKey('short'))).toBe('BAD_INPUT');
    expect(service.user.counts.writes).toBe(0);
    expect(service.script.counts.reads).toBe(0);
  });

  it('without any key, asking for an endpoint is NO_KEY', () => {
    expect(codeOf(() => settingsOver(new FakePropertiesService()).endpoint(() => 't'))).toBe('NO_KEY');
  });
});

describe('endpoint settings', () => {
  it('sends the organization key to the deployer’s base URL', () => {
    const service = new FakePropertiesService({
      script: { PEEL_ORG_API_KEY: ORG_KEY, PEEL_GEMINI_BASE_URL: 'https://gemini-proxy.example.com/' },
    });
    expect(settingsOver(service).endpoint(() => '')).toEqual({
      kind: 'gemini',
      apiKey: ORG_KEY,
      keySource: 'organization',
      baseUrl: 'https://gemini-proxy.example.com',
    });
  });

  it('sends the user’s own key to Google without opening or reading the script store', () => {
    const service = new FakePropertiesService({
      user: { PEEL_API_KEY: KEY },
      script: { PEEL_ORG_API_KEY: ORG_KEY, PEEL_GEMINI_BASE_URL: 'https://gemini-proxy.example.com/' },
    });
    const opened: string[] = [];
    const settings = new Settings({
      user: () => {
        opened.push('user');
        return service.user;
      },
      script: () => {
        opened.push('script');
        return service.script;
      },
      vertex: false,
      nowMs: NOW,
      // The organization's policy as read a few minutes ago (none): it waits in the user's cache.
      cache: () => ({ get: (key: string) => (key === POLICY_CACHE_KEY ? '{}' : null), put: () => {} }),
    });
    expect(settings.endpoint(() => '')).toEqual({ kind: 'gemini', apiKey: KEY, keySource: 'user' });
    expect(opened).toEqual(['user']);
    expect(service.counts()).toMatchObject({ user: { reads: 1, writes: 0 }, script: { reads: 0, writes: 0 } });
    // With nothing cached the store is read once for the policy, and the policy (never the key) is cached.
    const put: Record<string, string> = {};
    const cold = new Settings({
      user: service.user,
      script: service.script,
      vertex: false,
      nowMs: NOW,
      cache: () => ({
        get: () => null,
        put: (key: string, value: string) => {
          put[key] = value;
        },
      }),
    });
    expect(cold.endpoint(() => '')).toEqual({ kind: 'gemini', apiKey: KEY, keySource: 'user' });
    expect(service.script.counts.reads).toBe(1);
    expect(put).toEqual({ [POLICY_CACHE_KEY]: '{}' });
    // In a Vertex build the script store says whether Vertex is configured, so it is read (once).
    const vertexBuild = settingsOver(service, true);
    expect(vertexBuild.endpoint(() => 't')).toEqual({ kind: 'gemini', apiKey: KEY, keySource: 'user' });
    expect(service.script.counts.reads).toBe(2);
  });

  it('uses Vertex AI only in a Vertex build with a project, location defaulting to global', () => {
    const service = new FakePropertiesService({ user: { PEEL_API_KEY: KEY }, script: { PEEL_VERTEX_PROJECT: 'acme' } });
    let tokenCalls = 0;
    const token = () => {
      tokenCalls++;
      return 'ya29.t';
    };
    expect(settingsOver(service, false).endpoint(token)).toEqual({ kind: 'gemini', apiKey: KEY, keySource: 'user' });
    expect(tokenCalls).toBe(0);
    expect(settingsOver(service, true).endpoint(token)).toEqual({
      kind: 'vertex',
      project: 'acme',
      location: 'global',
      accessToken: 'ya29.t',
    });
    expect(settingsOver(service, true).view().connection).toEqual({
      kind: 'vertex',
      project: 'acme',
      location: 'global',
    });
  });

  it('honours the Vertex location the build allows and rejects one that is not a location', () => {
    const regional = new FakePropertiesService({
      script: { PEEL_VERTEX_PROJECT: 'acme', PEEL_VERTEX_LOCATION: 'us-central1' },
    });
    expect(settingsOver(regional, true, 'us-central1').endpoint(() => 't')).toMatchObject({ location: 'us-central1' });
    // Without the property, the build's location is the one used.
    const unset = new FakePropertiesService({ script: { PEEL_VERTEX_PROJECT: 'acme' } });
    expect(settingsOver(unset, true, 'eu').endpoint(() => 't')).toMatchObject({ location: 'eu' });
    const bad = new FakePropertiesService({ script: { PEEL_VERTEX_PROJECT: 'acme', PEEL_VERTEX_LOCATION: 'x/../y' } });
    expect(codeOf(() => settingsOver(bad, true).endpoint(() => 't'))).toBe('BAD_INPUT');
  });

  it('says which location the build allows, before any fetch or token, when the property names another', () => {
    const regional = new FakePropertiesService({
      script: { PEEL_VERTEX_PROJECT: 'acme', PEEL_VERTEX_LOCATION: 'europe-west4' },
    });
    let tokens = 0;
    const token = () => {
      tokens++;
      return 't';
    };
    for (const built of [undefined, 'global', 'us-central1', 'eu']) {
      let error: unknown;
      try {
        settingsOver(regional, true, built).endpoint(token);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ code: 'BAD_INPUT' });
      expect((error as PeelError).details.detail).toContain(`--vertex-location europe-west4`);
      expect((error as PeelError).details.detail).toContain(built ?? 'global');
    }
    expect(tokens).toBe(0);
  });
});

describe('the model', () => {
  it('defaults to the catalog’s, then the deployer’s, then the user’s choice', () => {
    const service = new FakePropertiesService();
    expect(settingsOver(service).model()).toBe('gemini-nano-banana-2.1');
    service.script.setProperty('PEEL_DEFAULT_MODEL', 'gemini-3-pro-image');
    expect(settingsOver(service).model()).toBe('gemini-3-pro-image');
    settingsOver(service).saveModel('gemini-3.1-flash-lite-image');
    expect(settingsOver(service).model()).toBe('gemini-3.1-flash-lite-image');
  });

  it('allows an id Peel does not know, and lists it with conservative options', () => {
    const service = new FakePropertiesService();
    const settings = settingsOver(service);
    settings.saveModel('gemini-5-image');
    const view = settings.view();
    expect(view.model).toBe('gemini-5-image');
    expect(view.models.find((m) => m.id === 'gemini-5-image')).toMatchObject({
      known: false,
      imageSizes: ['1K'],
      thinkingLevels: [],
      pricePerImageUsd: {},
    });
    expect(codeOf(() => settings.saveModel('../etc'))).toBe('BAD_INPUT');
  });

  it('offers current models with their options and prices', () => {
    const view = settingsOver(new FakePropertiesService()).view();
    expect(view.models.map((m) => m.id)).toEqual([
      'gemini-nano-banana-2.1',
      'gemini-3-pro-image',
      'gemini-3.1-flash-lite-image',
    ]);
    expect(view.models[0]).toMatchObject({
      thinkingLevels: ['MINIMAL', 'MEDIUM', 'HIGH'],
      defaultThinkingLevel: 'MEDIUM',
      pricePerImageUsd: { '1K': 0.0336, '2K': 0.0504, '4K': 0.113 },
    });
  });
});

describe('property reads', () => {
  it('reads each store once however many settings are asked for', () => {
    const service = new FakePropertiesService({ user: { PEEL_API_KEY: KEY }, script: { PEEL_ORG_API_KEY: ORG_KEY } });
    const settings = settingsOver(service, true);
    settings.view();
    settings.endpoint(() => 't');
    settings.model();
    settings.saveModel('gemini-3-pro-image');
    settings.view();
    expect(service.counts()).toEqual({
      document: { reads: 0, writes: 0 },
      user: { reads: 1, writes: 1 },
      script: { reads: 1, writes: 0 },
    });
  });
});

describe('the versions folder', () => {
  it('is answered from the read that found the user’s id, and remembered or forgotten in the user’s store', () => {
    const service = new FakePropertiesService({ user: { PEEL_USER_ID: 'me', PEEL_VERSIONS_FOLDER: 'folder-1' } });
    const settings = settingsOver(service);
    const folder = settings.versionsFolder();
    expect(settings.userId()).toBe('me');
    expect(folder.get()).toBe('folder-1');
    expect(service.user.counts).toEqual({ reads: 1, writes: 0 });
    folder.set('folder-2');
    expect([folder.get(), service.user.snapshot().PEEL_VERSIONS_FOLDER]).toEqual(['folder-2', 'folder-2']);
    folder.set(null);
    expect(folder.get()).toBeNull();
    expect(service.user.snapshot()).toEqual({ PEEL_USER_ID: 'me' });
    expect(service.user.counts.reads).toBe(1);
  });
});

describe('the sidebar functions', () => {
  let service: FakePropertiesService;

  beforeEach(() => {
    service = new FakePropertiesService();
    vi.stubGlobal('PropertiesService', service);
    vi.stubGlobal('PEEL_VERTEX', false);
    vi.stubGlobal('PEEL_VERTEX_LOCATION', '');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('save, read and clear the key through Results, never returning it whole', async () => {
    const api = await import('../../src/server/rpc/api');
    const saved = api.saveApiKey(KEY);
    expect(saved).toMatchObject({ ok: true, value: { connection: { key: { source: 'user', masked: 'AIza…x7Qk' } } } });
    expect(JSON.stringify(saved)).not.toContain(KEY);
    expect(service.user.snapshot()).toEqual({ PEEL_API_KEY: KEY });
    expect(api.getSettings()).toMatchObject({ ok: true, value: { model: 'gemini-nano-banana-2.1' } });
    expect(api.clearApiKey()).toMatchObject({ ok: true, value: { connection: { key: { source: 'none' } } } });
    expect(api.saveApiKey('nope')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('the PropertiesService fake', () => {
  it('rejects a value over 9 KB with Apps Script’s message, and changes nothing', () => {
    const store = new FakeProperties({ a: '1' });
    expect(() => store.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    expect(() => store.setProperty('big', 'é'.repeat(4700))).toThrow(VALUE_TOO_LARGE);
    store.setProperty('fits', 'x'.repeat(9 * 1024));
    expect(store.getKeys().sort()).toEqual(['a', 'fits']);
  });

  it('rejects writes past 500 KB per store, all or nothing', () => {
    const store = new FakeProperties();
    const chunk = 'x'.repeat(9000);
    const fill: Record<string, string> = {};
    for (let i = 0; i < 56; i++) fill[`k${i}`] = chunk;
    store.setProperties(fill);
    expect(store.bytesUsed()).toBeLessThanOrEqual(MAX_STORE_BYTES);
    expect(() => store.setProperties({ more: chunk, andMore: chunk })).toThrow(STORE_QUOTA_EXCEEDED);
    expect(store.getProperty('more')).toBeNull();
    store.setProperties({ only: 'this' }, true);
    expect(store.getProperties()).toEqual({ only: 'this' });
  });

  it('returns copies and counts calls', () => {
    const store = new FakeProperties({ a: '1' });
    const copy = store.getProperties();
    copy.a = 'changed';
    expect(store.getProperty('a')).toBe('1');
    store.deleteProperty('a');
    store.deleteAllProperties();
    expect(store.counts).toEqual({ reads: 2, writes: 2 });
  });

  it('has no document store outside a document', () => {
    expect(new FakePropertiesService({ hasDocument: false }).getDocumentProperties()).toBeNull();
  });
});
