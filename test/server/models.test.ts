import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoDeck } from '../../dev/runtime/seed';
import { catalogModels, DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { getModels, getSidebarContext } from '../../src/server/rpc/api';
import type { OfferedModel, Result } from '../../src/shared/rpc';
import { type Harness, installServices, TEST_KEY } from './harness';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let h: Harness;

beforeEach(() => {
  h = installServices(demoDeck());
  // Why ListModels was skipped goes to the execution log; keep the test output quiet.
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('getModels', () => {
  it('lists the catalog and adds image models ListModels offers this key', () => {
    h.respondWith(() => ({
      status: 200,
      body: JSON.stringify({
        models: [
          { name: `models/${DEFAULT_MODEL_ID}`, supportedGenerationMethods: ['generateContent'] },
          {
            name: 'models/gemini-9-flash-image',
            displayName: 'Gemini 9 Flash Image',
            supportedGenerationMethods: ['generateContent'],
          },
          { name: 'models/gemini-9-pro', supportedGenerationMethods: ['generateContent'] },
        ],
      }),
    }));
    const models = value(getModels());
    const ids = models.map((m) => m.id);
    expect(ids.slice(0, catalogModels(Date.now()).length)).toEqual(catalogModels(Date.now()).map((m) => m.id));
    expect(ids).toContain('gemini-9-flash-image');
    expect(ids).not.toContain('gemini-9-pro');
    const added = models.find((m) => m.id === 'gemini-9-flash-image') as OfferedModel;
    expect(added).toMatchObject({ displayName: 'Gemini 9 Flash Image', imageSizes: ['1K'] });
    expect(added.warning).toMatch(/does not know this model/);
    expect(h.requests[0]?.headers).toMatchObject({ 'x-goog-api-key': TEST_KEY });
  });

  it('falls back to the catalog when ListModels fails (asking once, not retrying) or there is no key', () => {
    h.respondWith(() => ({ status: 503, body: '{"error":{"code":503,"status":"UNAVAILABLE"}}' }));
    const models = value(getModels());
    expect(h.requests).toHaveLength(1);
    expect(models.length).toBeGreaterThan(0);
    const best = models.find((m) => m.id === DEFAULT_MODEL_ID);
    expect(best).toMatchObject({ defaultImageSize: '1K', pricePerImageUsd: { '1K': 0.0336 } });
    expect(best?.warning).toBeUndefined();

    h = installServices(demoDeck(), { userProperties: {} });
    expect(value(getModels()).map((m) => m.id)).toContain(DEFAULT_MODEL_ID);
    expect(h.requests).toHaveLength(0);
  });

  it('warns beside a model Google is retiring', () => {
    const models = value(getModels());
    const retiring = models.find((m) => m.id === 'gemini-3.1-flash-image');
    if (retiring) expect(retiring.warning).toMatch(/shuts this model down/);
  });
});

describe('the model menu when the sidebar opens', () => {
  it('offers the catalog at once, with no fetch, before any menu is remembered', () => {
    const offered = value(getSidebarContext()).models ?? [];
    expect(offered.map((m) => m.id)).toEqual(catalogModels(Date.now()).map((m) => m.id));
    expect(h.requests).toHaveLength(0);
  });

  it('offers the menu getModels last found for this user, still without a fetch', () => {
    h.respondWith(() => ({
      status: 200,
      body: JSON.stringify({
        models: [
          {
            name: 'models/gemini-9-flash-image',
            displayName: 'Gemini 9 Flash Image',
            supportedGenerationMethods: ['generateContent'],
          },
        ],
      }),
    }));
    const found = value(getModels());
    const asked = h.requests.length;
    const offered = value(getSidebarContext()).models ?? [];
    expect(h.requests).toHaveLength(asked);
    expect(offered.map((m) => m.id)).toEqual(found.map((m) => m.id));
    expect(offered.find((m) => m.id === 'gemini-9-flash-image')?.displayName).toBe('Gemini 9 Flash Image');
  });
});
