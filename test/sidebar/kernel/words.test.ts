import { afterEach, describe, expect, it } from 'vitest';
import { formatUsd, whenLabel } from '../../../sidebar/kernel/format';
import { setLanguage, t, told } from '../../../sidebar/kernel/words';
import { TRANSLATIONS } from '../../../src/core/i18n/catalogs';
import { SERVER_TRANSLATIONS } from '../../../src/core/i18n/server';

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

describe('the server’s sentences in the sidebar', () => {
  const label = { key: 'onSlide', params: { lead: { key: 'leadSelected' }, n: 3 } } as const;

  it('are said from their keys in the sidebar’s language, the sentences inside them too', () => {
    expect(told('The selected image on slide 3', label)).toBe('The selected image on slide 3');
    setLanguage('de', undefined, JSON.stringify(SERVER_TRANSLATIONS.de));
    expect(told('The selected image on slide 3', label)).toBe('Das ausgewählte Bild auf Folie 3');
    setLanguage('ja', undefined, JSON.stringify(SERVER_TRANSLATIONS.ja));
    expect(told('The selected image on slide 3', label)).toBe('スライド 3 の選択した画像');
  });

  it('stay as the server wrote them without a key, or when the catalog lacks one of their sentences', () => {
    setLanguage('de', undefined, JSON.stringify({ onSlide: '{lead} auf Folie {n}' }));
    expect(told('The selected image on slide 3', label)).toBe('The selected image on slide 3');
    expect(told('Slide background')).toBe('Slide background');
    setLanguage('de', undefined, '{not json');
    expect(told('Slide background', { key: 'slideBackground' })).toBe('Slide background');
  });
});
