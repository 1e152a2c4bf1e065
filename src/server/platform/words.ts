/** The person's language, and the translated catalogs the build writes beside Sidebar.html. */
import { resolveLocale, type Say, SERVER_WORDS, type ServerCatalog, speaker } from '../../core/i18n';
import { EN_SERVER } from '../../core/i18n/en-server';

/** The build's file of every translated catalog, by language: `{"de": {...}, "es": {...}}` (build/build.ts). */
export const WORDS_FILE = 'SidebarWords';

/** The editor's locale, as Google has it for this user ("de", "pt_BR"); English where it cannot be read. */
export function userLocale(): string {
  try {
    return Session.getActiveUserLocale() || 'en';
  } catch {
    return 'en';
  }
}

/** Every translated catalog, as the build wrote them. */
export function catalogsText(): string {
  return HtmlService.createHtmlOutputFromFile(WORDS_FILE).getContent();
}

/**
 * The server's sentences in the person's language. It reads the locale and the catalogs file, so it is made
 * where something is to be said (an error at the boundary, the policy's notes), once, never on a path that says
 * nothing. A catalog that cannot be read leaves the sentences in English.
 */
export function personsWords(): Say {
  const locale = resolveLocale(userLocale());
  if (locale === 'en') return speaker(EN_SERVER);
  try {
    const all = JSON.parse(catalogsText()) as { [SERVER_WORDS]?: Record<string, Partial<ServerCatalog>> };
    const catalog = all[SERVER_WORDS]?.[locale];
    return catalog ? speaker(EN_SERVER, locale, catalog) : speaker(EN_SERVER);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    return speaker(EN_SERVER);
  }
}
