/** The person's language, and the translated catalogs the build writes beside Sidebar.html. */

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
