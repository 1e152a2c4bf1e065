/**
 * The sidebar's language with the real bundle: the editor's locale (Session.getActiveUserLocale, as the runtime
 * answers it per user) picks the catalog the sidebar gets with its context; English needs none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Runtime, World } from '../../dev/runtime/index';
import { demoDeck } from '../../dev/runtime/seed';
import { ENGLISH as EN } from '../../src/core/i18n/english';
import type { Result, SidebarContext } from '../../src/shared/rpc';

const DIST = path.resolve(import.meta.dirname, '../../dist');

/** A catalog as it crosses (an array in English's key order, build/build.ts), by key again. */
const byKey = (words: string | undefined): Record<string, unknown> => {
  const list = JSON.parse(words ?? '[]') as unknown[];
  return Object.fromEntries(Object.keys(EN).map((key, i) => [key, list[i]]));
};

async function contextFor(locale: string | null): Promise<SidebarContext> {
  const world = new World({ document: demoDeck() });
  if (locale) world.locales.set('ana@example.com', locale);
  const runtime = new Runtime({ distDir: DIST, world });
  const result = (await runtime.run('getSidebarContext', [], { trigger: 'script.run', user: 'ana@example.com' }))
    .value as Result<SidebarContext>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the sidebar context’s language', () => {
  it('is English, with no catalog, for a user with none set or a language Peel does not ship', async () => {
    expect(await contextFor(null)).toMatchObject({ locale: 'en' });
    expect((await contextFor(null)).words).toBeUndefined();
    expect((await contextFor('ko')).words).toBeUndefined();
  });

  it('carries the catalog of the editor’s language, a region falling back to its language', async () => {
    const de = await contextFor('de_AT');
    expect(de.locale).toBe('de');
    expect(byKey(de.words)).toMatchObject({ insert: 'Einfügen', styleDocs: 'Dokumentstil' });
    const es = await contextFor('es_419');
    expect(es.locale).toBe('es');
    expect(byKey(es.words)).toMatchObject({ insert: 'Insertar' });
    const pt = await contextFor('pt_BR');
    expect(byKey(pt.words)).toMatchObject({ insert: 'Inserir' });
  });

  it('carries the pseudo-locale’s catalog for en-XA', async () => {
    const pseudo = await contextFor('en-XA');
    expect(pseudo.locale).toBe('en-XA');
    expect(byKey(pseudo.words).insert).toMatch(/^\[Îñsért/);
  });
});
