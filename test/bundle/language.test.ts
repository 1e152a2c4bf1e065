/**
 * The sidebar's language with the real bundle: the editor's locale (Session.getActiveUserLocale, as the runtime
 * answers it per user) picks the catalog the sidebar gets with its context; English needs none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import type { DocumentState, HostDocument, InlineImageState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { ENGLISH as EN } from '../../src/core/i18n/english';
import { ALT_LEADS } from '../../src/core/prompts';
import type { ImageCallOutcome, InsertResult, Result, SidebarContext } from '../../src/shared/rpc';
import { blankDeck, oneParagraphDoc } from './harness';

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

describe('the server’s sentences in the person’s language', () => {
  async function failure(locale: string | null): Promise<{ code: string; message: string; action: string }> {
    const world = new World({ document: demoDeck() });
    if (locale) world.locales.set('ana@example.com', locale);
    const runtime = new Runtime({ distDir: DIST, world });
    // An argument too many: refused at the boundary, before anything runs.
    const result = (
      await runtime.run('getSidebarContext', ['extra'], { trigger: 'script.run', user: 'ana@example.com' })
    ).value as Result<SidebarContext>;
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  }

  it('gives an error to a German editor in German, sentence and next step', async () => {
    expect(await failure('de')).toMatchObject({
      code: 'BAD_INPUT',
      message: 'Etwas an der Anfrage stimmt nicht.',
      action: 'Prüfen Sie die Felder und versuchen Sie es erneut.',
    });
  });

  it('gives it in English to a language Peel does not ship, and bracketed in the pseudo-locale', async () => {
    expect(await failure('ko')).toMatchObject({ message: 'Something in the request is not right.' });
    expect((await failure('en-XA')).message).toMatch(/^\[Sömét/);
  });
});

describe('the alt text’s lead', () => {
  const KEY = 'AIzaSyLanguageKey0123456789abcdefghijklm';
  const REQUEST = { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };

  /** Generates and inserts as a person whose editor speaks `locale`; the description Peel wrote. */
  async function described(document: HostDocument, locale: string): Promise<string> {
    const emulator = await startEmulator({ latencyMs: 0 });
    const world = new World({ document });
    world.locales.set('ana@example.com', locale);
    const runtime = new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url) });
    const call = async <T>(name: string, ...args: unknown[]) =>
      (await runtime.run(name, args, { trigger: 'script.run', user: 'ana@example.com' })).value as Result<T>;
    try {
      expect(await call('saveApiKey', KEY)).toMatchObject({ ok: true });
      const made = await call<ImageCallOutcome>('generateImage', REQUEST);
      if (!made.ok || made.value.kind !== 'image') throw new Error(JSON.stringify(made));
      const placed = await call<InsertResult>('insertImage', { imageId: made.value.image.id, mode: 'insert' });
      if (!placed.ok) throw new Error(placed.error.message);
      if (document.kind === 'deck') {
        const elements = document.slides.flatMap((slide) => slide.elements);
        return elements.find((e) => e.objectId === placed.value.objectId)?.description ?? '';
      }
      const images = JSON.stringify(document.body);
      const image = (JSON.parse(images) as unknown[]).flatMap(function walk(node: unknown): InlineImageState[] {
        if (!node || typeof node !== 'object') return [];
        const found = (node as { kind?: string }).kind === 'image' ? [node as InlineImageState] : [];
        return [...found, ...Object.values(node).flatMap((v) => (Array.isArray(v) ? v.flatMap(walk) : walk(v)))];
      })[0];
      return image?.altDescription ?? '';
    } finally {
      await runtime.close();
      await emulator.close();
    }
  }

  it('is in the document’s language in Docs (File → Language), whatever the person’s', async () => {
    const doc: DocumentState = { ...oneParagraphDoc('doc-fr', 'Le phare'), language: 'fr' };
    expect(await described(doc, 'de')).toMatch(new RegExp(`^${ALT_LEADS.fr}`));
  });

  it('is in the person’s language in Slides, which has no document language', async () => {
    expect(await described(blankDeck('deck-de'), 'de')).toMatch(new RegExp(`^${ALT_LEADS.de}`));
  });
});
