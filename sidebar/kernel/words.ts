/**
 * The sidebar's words: English is on the page; another language's catalog (the pseudo-locale's too) comes with
 * the sidebar's context (the server knows the editor's locale), so the page carries one language, not seven.
 * Until it comes, and for any key a catalog lacks, English is shown.
 */

import type { ComponentChildren } from 'preact';
import { type Catalog, fill, type Key, type Params } from '../../src/core/i18n';
import { EN } from '../../src/core/i18n/en';

// The page's English; the late part adds its own when it arrives (learnEnglish).
let english = EN as unknown as Catalog;
let catalog: Catalog = english;
let locale = 'en';

/** The language the sidebar speaks: a BCP 47 tag for Intl, and that language's catalog (JSON) when not English. */
export function setLanguage(tag: string | undefined, words?: string): void {
  locale = tag || 'en';
  try {
    catalog = words ? (JSON.parse(words) as Catalog) : english;
  } catch {
    catalog = english;
  }
  // Screen readers pronounce, and the browser breaks words, in the page's language.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: Key, params: Params = {}): string {
  return fill(catalog[key] ?? english[key], params, locale);
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
