/**
 * Words in the person's language: one catalog per language, keyed, English the source (en.ts). A message is a
 * sentence with `{name}` placeholders, or plural forms chosen by Intl.PluralRules ("1 image", "2 images"; one form
 * in Japanese). Pure, so the sidebar, the server and the build share it.
 */
import type { EN } from './en';
import type { EN_PARTS } from './en-parts';
import type { EN_SERVER } from './en-server';

export type Key = keyof typeof EN | keyof typeof EN_PARTS;
/** Plural forms as CLDR names them; `other` is the one every language has. */
export type Plural = { readonly other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;
export type Message = string | Plural;
export type Catalog = { readonly [K in Key]: Message };
export type Params = Readonly<Record<string, string | number>>;

/** The server's sentences (en-server.ts), a catalog apart: the page never carries them. */
export type ServerKey = keyof typeof EN_SERVER;
export type ServerCatalog = { readonly [K in ServerKey]: Message };
/** Where SidebarWords.html keeps the server's sentences, by language (keyed: Code.js names them). */
export const SERVER_WORDS = 'server';
/** A sentence not yet said: said at the boundary, in the language of whoever reads it. */
export interface Words {
  readonly key: ServerKey;
  /** A value that is Words is a sentence of Peel's own inside this one, said in the same language. */
  readonly params?: Readonly<Record<string, string | number | Words>>;
}
export type Say = (key: ServerKey, params?: Params) => string;

/** A Say made on its first sentence: a path that says nothing never reads the person's language. */
export function lazily(make: () => Say): Say {
  let said: Say | undefined;
  return (key, params) => {
    said ??= make();
    return said(key, params);
  };
}

/** Says the server's sentences from `catalog` in `locale`; a key it lacks is said in English. */
export function speaker(english: ServerCatalog, locale = 'en', catalog?: Partial<ServerCatalog>): Say {
  return (key, params = {}) => fill(catalog?.[key] ?? english[key], params, locale);
}

/** The languages Peel ships beside English; each has a catalog file the build writes (build/build.ts). */
export const LANGUAGES = ['de', 'es', 'fr', 'ja', 'pt-BR'] as const;
export type Language = 'en' | (typeof LANGUAGES)[number];
/** Longer, accented English with brackets: shows clipped controls and words left out of the catalog. */
export const PSEUDO = 'en-XA';

/**
 * The catalog for an editor's locale ("de", "es_419", "es-MX", "pt_BR"; Apps Script writes an underscore): the
 * exact language and region, else the language alone, else English. Portuguese of Portugal gets Brazilian
 * rather than English.
 */
export function resolveLocale(tag: string | null | undefined): Language | typeof PSEUDO {
  const [language = '', region = ''] = String(tag ?? '')
    .trim()
    .split(/[-_]/);
  const lang = language.toLowerCase();
  if (lang === 'en' && region.toUpperCase() === 'XA') return PSEUDO;
  if (lang === 'pt') return 'pt-BR';
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
}

/** The `{name}` placeholders of a message, sorted: every language must keep the same ones. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of String(text).matchAll(/\{(\w+)\}/g)) names.add(m[1] as string);
  return [...names].sort();
}

/** Fills a message's placeholders; a plural picks its form by `n` in the language's rules. */
export function fill(message: Message, params: Params, locale: string): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const n = Number(params.n ?? 0);
    text = message[new Intl.PluralRules(locale).select(n) as keyof Plural] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Û',
  C: 'Ç',
  N: 'Ñ',
  Y: 'Ý',
};

/**
 * The pseudo-locale's form of an English sentence: every vowel accented, about 35% longer, in brackets, the
 * placeholders untouched, so a layout that only fits English, or a sentence left out of the catalog, shows.
 */
export function pseudo(text: string): string {
  const accented = text.replace(/\{\w+\}|[aeiouycnAEIOUYCN]/g, (c) => ACCENTED[c] ?? c);
  // In words of five, so the longer sentence can still wrap as a translated one would.
  const pad = ' ~~~~~'.repeat(Math.ceil((text.length * 0.35) / 6)).slice(text.length < 8 ? 3 : 0);
  return `[${accented}${pad}]`;
}

export function pseudoCatalog<C extends { readonly [key: string]: Message }>(catalog: C): C {
  const out: Record<string, Message> = {};
  for (const [key, message] of Object.entries(catalog)) {
    out[key] =
      typeof message === 'string'
        ? pseudo(message)
        : (Object.fromEntries(Object.entries(message).map(([form, text]) => [form, pseudo(text)])) as Plural);
  }
  return out as unknown as C;
}
