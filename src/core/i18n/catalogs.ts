/**
 * Every translated catalog, for the build (which writes them, with the pseudo-locale's, to
 * dist/SidebarWords.html, so neither the page nor Code.js carries them) and the tests. English is en.ts.
 */
import type { Catalog, LANGUAGES } from '.';
import { DE } from './de';
import { ES } from './es';
import { FR } from './fr';
import { JA } from './ja';
import { PT_BR } from './pt-BR';

export const TRANSLATIONS: Readonly<Record<(typeof LANGUAGES)[number], Catalog>> = {
  de: DE,
  es: ES,
  fr: FR,
  ja: JA,
  'pt-BR': PT_BR,
};
