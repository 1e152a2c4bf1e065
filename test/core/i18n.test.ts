import { describe, expect, it } from 'vitest';
import {
  type Catalog,
  fill,
  type Key,
  LANGUAGES,
  type Message,
  type Plural,
  PSEUDO,
  placeholders,
  pseudo,
  pseudoCatalog,
  resolveLocale,
  type ServerCatalog,
  type ServerKey,
} from '../../src/core/i18n';
import { TRANSLATIONS } from '../../src/core/i18n/catalogs';
import { EN_SERVER } from '../../src/core/i18n/en-server';
import { ENGLISH as EN } from '../../src/core/i18n/english';
import { SERVER_TRANSLATIONS } from '../../src/core/i18n/server';

/**
 * Messages a language may write as English does: names, units and numbers, or the same word (French "Image",
 * German "Prompt"). Anything else identical to English was left untranslated.
 */
const SAME_AS_ENGLISH: Readonly<Record<(typeof LANGUAGES)[number], readonly Key[]>> = {
  // loggedWhat is ' ({what})' and keyColour '{name} ({hex})': brackets around words said elsewhere; some colours
  // are the same word.
  de: [
    'version',
    'seconds',
    'minutesSeconds',
    'prompt',
    'details',
    'versionN',
    'promptRatio',
    'loggedWhat',
    'keyColour',
  ],
  es: ['version', 'seconds', 'minutesSeconds', 'loggedWhat', 'keyColour', 'keyMagenta'],
  fr: [
    'version',
    'seconds',
    'minutesSeconds',
    'image',
    'pixels',
    'conversation',
    'versions',
    'versionN',
    'roleStyle',
    'sectionN',
    'sections',
    'loggedWhat',
    'keyColour',
    'keyMagenta',
    'keyCyan',
  ],
  ja: ['version'],
  'pt-BR': [
    'version',
    'seconds',
    'minutesSeconds',
    'pixels',
    'slides',
    'slideN',
    'loggedWhat',
    'keyColour',
    'keyMagenta',
  ],
};

const texts = (m: Message) => (typeof m === 'string' ? [m] : Object.values(m));

describe('the catalogs', () => {
  for (const language of LANGUAGES) {
    const catalog: Catalog = TRANSLATIONS[language];
    it(`${language} has every English key and no other`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(EN).sort());
    });
    it(`${language} keeps every placeholder of each English message`, () => {
      const mismatched = (Object.keys(EN) as Key[]).filter(
        (key) => JSON.stringify(placeholders(catalog[key])) !== JSON.stringify(placeholders(EN[key])),
      );
      expect(mismatched).toEqual([]);
    });
    it(`${language} leaves nothing in English but what it allows`, () => {
      const same = (Object.keys(EN) as Key[]).filter((key) =>
        texts(catalog[key]).some((t) => texts(EN[key]).includes(t)),
      );
      expect(same.sort()).toEqual([...SAME_AS_ENGLISH[language]].sort());
    });
    it(`${language} has the plural forms its language needs`, () => {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of Object.keys(EN) as Key[]) {
        const message = catalog[key];
        if (typeof EN[key] === 'string') expect(typeof message, key).toBe('string');
        else for (const form of forms) if (form !== 'many') expect(texts(message).length, key).toBeGreaterThan(0);
        if (typeof message !== 'string' && forms.includes('one')) expect(message.one, `${key} one`).toBeTruthy();
      }
    });
  }
});

/** The server's sentences: the same checks, with the words a language may share with English. */
const SERVER_SAME_AS_ENGLISH: Readonly<Record<(typeof LANGUAGES)[number], readonly ServerKey[]>> = {
  de: [],
  es: [],
  fr: ['minutes', 'jobSectionN', 'imageN'],
  ja: [],
  'pt-BR': ['jobSlide', 'jobSlideN'],
};

describe('the server’s catalogs', () => {
  const keys = Object.keys(EN_SERVER) as ServerKey[];
  for (const language of LANGUAGES) {
    const catalog: ServerCatalog = SERVER_TRANSLATIONS[language];
    it(`${language} has every English key and no other`, () => {
      expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
    });
    it(`${language} keeps every placeholder of each English sentence`, () => {
      const mismatched = keys.filter(
        (key) => JSON.stringify(placeholders(catalog[key])) !== JSON.stringify(placeholders(EN_SERVER[key])),
      );
      expect(mismatched).toEqual([]);
    });
    it(`${language} leaves nothing in English but what it allows`, () => {
      const same = keys.filter((key) => texts(catalog[key]).some((t) => texts(EN_SERVER[key]).includes(t)));
      expect(same.sort()).toEqual([...SERVER_SAME_AS_ENGLISH[language]].sort());
    });
    it(`${language} has the plural forms its language needs`, () => {
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of keys) {
        const message = catalog[key];
        if (typeof EN_SERVER[key] === 'string') expect(typeof message, key).toBe('string');
        else if (forms.includes('one')) expect((message as Plural).one, `${key} one`).toBeTruthy();
      }
    });
  }
  it('the pseudo-locale covers every sentence, its placeholders intact', () => {
    const catalog = pseudoCatalog(EN_SERVER);
    for (const key of keys) {
      expect(placeholders(catalog[key])).toEqual(placeholders(EN_SERVER[key]));
      for (const text of texts(catalog[key])) expect(text).toMatch(/^\[/);
    }
  });
});

describe('resolveLocale', () => {
  it('takes the editor locale as Apps Script writes it, falling back to the language, then English', () => {
    expect(resolveLocale('de')).toBe('de');
    expect(resolveLocale('de_AT')).toBe('de');
    expect(resolveLocale('es_419')).toBe('es');
    expect(resolveLocale('es-MX')).toBe('es');
    expect(resolveLocale('pt_BR')).toBe('pt-BR');
    expect(resolveLocale('pt-PT')).toBe('pt-BR');
    expect(resolveLocale('fr_CA')).toBe('fr');
    expect(resolveLocale('ja')).toBe('ja');
    expect(resolveLocale('en-XA')).toBe(PSEUDO);
    expect(resolveLocale('en_GB')).toBe('en');
    expect(resolveLocale('ko')).toBe('en');
    expect(resolveLocale('')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });
});

describe('fill', () => {
  it('chooses the plural form by the language’s rules and formats numbers in it', () => {
    expect(fill(EN.generating, { n: 1 }, 'en')).toBe('Generating 1 image');
    expect(fill(EN.generating, { n: 4 }, 'en')).toBe('Generating 4 images');
    expect(fill(TRANSLATIONS.fr.generating, { n: 1 }, 'fr')).toBe('Génération de 1 image');
    expect(fill(TRANSLATIONS.ja.generating, { n: 1 }, 'ja')).toBe('1 枚の画像を生成しています');
    expect(fill(EN.imageOf, { i: 1200, n: 2000 }, 'de')).toBe('Image 1.200 of 2.000');
  });
  it('leaves a placeholder it has no value for as it is', () => {
    expect(fill('Peel {version}', {}, 'en')).toBe('Peel {version}');
  });
});

describe('the pseudo-locale', () => {
  it('is accented, bracketed and at least a third longer, with its placeholders intact', () => {
    const out = pseudo('Cost: {usd} for {n} images');
    expect(out).toMatch(/^\[.*\]$/);
    expect(out).toContain('{usd}');
    expect(out).toContain('{n}');
    expect(out.replace(/\{\w+\}/g, '')).not.toMatch(/[aeiou]/);
    expect(out.length).toBeGreaterThanOrEqual(Math.ceil('Cost: {usd} for {n} images'.length * 1.33));
  });
  it('covers every message, plural forms included', () => {
    const catalog = pseudoCatalog(EN);
    for (const key of Object.keys(EN) as Key[]) {
      expect(placeholders(catalog[key])).toEqual(placeholders(EN[key]));
      for (const text of texts(catalog[key])) expect(text).toMatch(/^\[/);
    }
  });
});
