/**
 * The sidebar's words: English is on the page; another language's catalog (the pseudo-locale's too) comes with
 * the sidebar's context (the server knows the editor's locale), so the page carries one language, not seven.
 * Until it comes, and for any key a catalog lacks, English is shown.
 */

import type { ComponentChildren } from 'preact';
import { type Catalog, fill, type Key, type Message, type Params, type Words } from '../../src/core/i18n';
import { EN } from '../../src/core/i18n/en';

// The page's English; the late part adds its own when it arrives (learnEnglish).
let english = EN as unknown as Catalog;
let catalog: Catalog = english;
let locale = 'en';
// The server's sentences in the sidebar's language (none in English: the server sends its English with each).
let server: Readonly<Record<string, Message>> = {};

/**
 * The language the sidebar speaks: a BCP 47 tag for Intl, and that language's catalog (JSON) when not English,
 * with the server's sentences in it.
 */
export function setLanguage(tag: string | undefined, words?: string, serverWords?: string): void {
  locale = tag || 'en';
  try {
    catalog = words ? (JSON.parse(words) as Catalog) : english;
    server = serverWords ? JSON.parse(serverWords) : {};
  } catch {
    catalog = english;
    server = {};
  }
  // Screen readers pronounce, and the browser breaks words, in the page's language.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: Key, params: Params = {}): string {
  return fill(catalog[key] ?? english[key], params, locale);
}

/**
 * A sentence the server wrote: in the sidebar's language when it came with its key (`words`) and the server's
 * catalog has every sentence in it, else as written (`text`, English).
 */
export function told(text: string, words?: Words | null): string {
  const say = (w: Words): string | undefined => {
    const message = server[w.key];
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(w.params ?? {})) {
      const v = typeof value === 'object' ? say(value) : value;
      if (v === undefined) return undefined;
      params[name] = v;
    }
    return message && fill(message, params, locale);
  };
  return (words && say(words)) || text;
}

/**
 * A message with elements inside it ("New keys start with {new}, older ones with {old}."): the words around them
 * translated, each element where the language puts its placeholder.
 */
export function tWith(key: Key, elements: Readonly<Record<string, ComponentChildren>>): ComponentChildren[] {
  return t(key)
    .split(/\{(\w+)\}/)
    .map((piece, i) => (i % 2 ? elements[piece] : piece));
}

/**
 * The late part's English (src/core/i18n/en-parts.ts), which the page does not carry. Built, both are arrays in
 * key order, the part's keys after the page's (build/build.ts); in the sources, objects by key.
 */
export function learnEnglish(more: object): void {
  const had = catalog === english;
  english = (Array.isArray(english)
    ? [...english, ...(more as unknown[])]
    : { ...english, ...more }) as unknown as Catalog;
  if (had) catalog = english;
}

export function currentLocale(): string {
  return locale;
}
