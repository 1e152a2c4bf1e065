/**
 * The sidebar's words: English is on the page; another language's catalog (the pseudo-locale's too) comes with
 * the sidebar's context (the server knows the editor's locale), so the page carries one language, not seven.
 * Until it comes, and for any key a catalog lacks, English is shown.
 */
import { type Catalog, fill, type Key, type Params } from '../../src/core/i18n';
import { EN } from '../../src/core/i18n/en';

let catalog: Catalog = EN;
let locale = 'en';

/** The language the sidebar speaks: a BCP 47 tag for Intl, and that language's catalog (JSON) when not English. */
export function setLanguage(tag: string | undefined, words?: string): void {
  locale = tag || 'en';
  try {
    catalog = words ? (JSON.parse(words) as Catalog) : EN;
  } catch {
    catalog = EN;
  }
  // Screen readers pronounce, and the browser breaks words, in the page's language.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: Key, params: Params = {}): string {
  return fill(catalog[key] ?? EN[key], params, locale);
}

export function currentLocale(): string {
  return locale;
}
