/**
 * The sidebar's language with the real bundle: the editor's locale (Session.getActiveUserLocale, as the runtime
 * answers it per user) picks the catalog the sidebar gets with its context; English needs none.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../dev/emulator/index';
import { geminiRewrites, Runtime, World } from '../../dev/runtime/index';
import type { DocumentState, HostDocument, InlineImageState } from '../../dev/runtime/model';
import { demoDeck } from '../../dev/runtime/seed';
import { setLanguage, t, told } from '../../sidebar/kernel/words';
import { DEFAULT_MODEL_ID } from '../../src/core/gemini/catalog';
import { TRANSLATIONS } from '../../src/core/i18n/catalogs';
import { ENGLISH as EN } from '../../src/core/i18n/english';
import { ALT_LEADS } from '../../src/core/prompts';
import type {
  ImageCallOutcome,
  InsertResult,
  ReferenceHandle,
  Result,
  SidebarContext,
  Target,
} from '../../src/shared/rpc';
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

describe('where a picture goes or went, and an upload’s refusal, in the person’s language', () => {
  const KEY = 'AIzaSyLanguageKey0123456789abcdefghijklm';
  const REQUEST = { prompt: 'A lighthouse at dawn', model: DEFAULT_MODEL_ID, aspectRatio: '16:9', imageSize: '1K' };
  afterEach(() => setLanguage('en'));

  /**
   * Reads the selection, generates and inserts as a person whose editor speaks `locale`, and says each label as
   * the sidebar does: with the server's catalog its context brought (none in English).
   */
  async function sidebarSays(locale: string | null) {
    const emulator = await startEmulator({ latencyMs: 0 });
    const world = new World({ document: blankDeck('deck-words') });
    if (locale) world.locales.set('ana@example.com', locale);
    const runtime = new Runtime({ distDir: DIST, world, urlRewrites: geminiRewrites(emulator.url) });
    const call = async <T>(name: string, ...args: unknown[]): Promise<T> => {
      const result = (await runtime.run(name, args, { trigger: 'script.run', user: 'ana@example.com' }))
        .value as Result<T>;
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    try {
      const context = await call<SidebarContext>('getSidebarContext');
      // The page's own catalog is in the sources' form here (by key), as the sidebar's tests use it.
      const words = context.locale === 'de' ? JSON.stringify(TRANSLATIONS.de) : undefined;
      setLanguage(context.locale, words, context.serverWords);
      const target = await call<Target>('getTarget', null);
      await call('saveApiKey', KEY);
      const made = await call<ImageCallOutcome>('generateImage', REQUEST);
      if (made.kind !== 'image') throw new Error(JSON.stringify(made));
      const placed = await call<InsertResult>('insertImage', { imageId: made.image.id, mode: 'insert' });
      const refused = await runtime.run(
        'uploadReference',
        [{ mimeType: 'image/gif', base64: 'R0lGODlhAQABAAAAACw=', pixelWidth: 1, pixelHeight: 1 }],
        { trigger: 'script.run', user: 'ana@example.com' },
      );
      const upload = refused.value as Result<ReferenceHandle>;
      return {
        context,
        english: { target: target.label, placed: placed.label },
        goesTo: told(target.label, target.labelWords),
        inserted: t('insertedWhere', { label: told(placed.label, placed.labelWords) }),
        thread: placed.thread && told(placed.thread.label, placed.thread.labelWords),
        upload: upload.ok ? null : upload.error,
      };
    } finally {
      await runtime.close();
      await emulator.close();
    }
  }

  it('says the target, “Inserted” and an upload’s refusal in German to a German editor', async () => {
    const said = await sidebarSays('de');
    expect(said.context.serverWords).toBeDefined();
    // Code.js writes English beside the keys; the sidebar says them in German.
    expect(said.english.target).toBe('Free space at the middle of the slide, clear of its text and pictures');
    expect(said.goesTo).toBe('Freie Fläche in der Mitte auf der Folie, ohne Text und Bilder zu verdecken');
    expect(said.inserted).toBe('Eingefügt: Freie Fläche in der Mitte.');
    expect(said.thread).toBe('Freie Fläche in der Mitte');
    expect(said.upload).toMatchObject({
      code: 'REFERENCE_UNREADABLE',
      detail: 'Peel kann PNG-, JPEG-, WebP- und HEIC-Bilder als Referenzen verwenden, nicht image/gif.',
    });
  });

  it('says exactly the English it said before to an English editor, with no server catalog to carry', async () => {
    const said = await sidebarSays(null);
    expect(said.context.serverWords).toBeUndefined();
    expect(said.goesTo).toBe('Free space at the middle of the slide, clear of its text and pictures');
    expect(said.inserted).toBe('Inserted: Free space at the middle.');
    expect(said.upload).toMatchObject({
      detail: 'Peel can use PNG, JPEG, WebP and HEIC images as references, not image/gif.',
    });
  });
});
