/**
 * Every translation of the server's sentences, for the build (which writes them into dist/SidebarWords.html
 * under `server`, beside the sidebar's catalogs, so Code.js carries English only) and the tests.
 */
import type { LANGUAGES, ServerCatalog } from '..';
import { DE_SERVER } from './de';
import { ES_SERVER } from './es';
import { FR_SERVER } from './fr';
import { JA_SERVER } from './ja';
import { PT_BR_SERVER } from './pt-BR';

export const SERVER_TRANSLATIONS: Readonly<Record<(typeof LANGUAGES)[number], ServerCatalog>> = {
  de: DE_SERVER,
  es: ES_SERVER,
  fr: FR_SERVER,
  ja: JA_SERVER,
  'pt-BR': PT_BR_SERVER,
};
