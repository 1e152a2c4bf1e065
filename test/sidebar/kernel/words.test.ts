import { afterEach, describe, expect, it } from 'vitest';
import { formatUsd, whenLabel } from '../../../sidebar/kernel/format';
import { setLanguage, t } from '../../../sidebar/kernel/words';
import { TRANSLATIONS } from '../../../src/core/i18n/catalogs';

afterEach(() => setLanguage('en'));

describe('the sidebar’s words', () => {
  it('speak English until the server names another language, and that language after', () => {
    expect(t('insert')).toBe('Insert');
    expect(formatUsd(0.039)).toBe('$0.039');
    expect(formatUsd(1.2)).toBe('$1.20');
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    expect(t('insert')).toBe('Einfügen');
    expect(t('generating', { n: 1 })).toBe('1 Bild wird generiert');
    expect(t('generating', { n: 3 })).toBe('3 Bilder werden generiert');
    expect(formatUsd(0.039)).toBe('0,039\u00a0$');
    expect(formatUsd(1234.5)).toBe('1.234,50\u00a0$');
    setLanguage('ja', JSON.stringify(TRANSLATIONS.ja));
    expect(t('insert')).toBe('挿入');
    expect(formatUsd(0.039)).toBe('$0.039');
  });

  it('fall back to English for a catalog that cannot be read or lacks a key', () => {
    setLanguage('fr', '{not json');
    expect(t('insert')).toBe('Insert');
    setLanguage('fr', JSON.stringify({ insert: 'Insérer' }));
    expect(t('discard')).toBe('Discard');
    expect(t('insert')).toBe('Insérer');
  });

  it('write dates and times in the language’s own way', () => {
    setLanguage('de', JSON.stringify(TRANSLATIONS.de));
    const at = Date.UTC(2026, 2, 5, 14, 30);
    expect(whenLabel(at, Date.UTC(2026, 11, 6))).toMatch(/5\. März/);
  });
});
