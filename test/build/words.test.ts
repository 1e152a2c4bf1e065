import { describe, expect, it } from 'vitest';
import { catalogArray, numberedKeys } from '../../build/build';
import { TRANSLATIONS } from '../../src/core/i18n/catalogs';
import { ENGLISH as EN } from '../../src/core/i18n/english';

const at = (key: keyof typeof EN) => Object.keys(EN).indexOf(key);

describe('catalog keys as numbers in the sidebar bundle', () => {
  it('numbers the keys a t() call gives, and leaves compared values alone', () => {
    expect(numberedKeys("t('insert', { n })", 'a.ts')).toBe(`t(${at('insert')}, { n })`);
    expect(numberedKeys("t(who === 'you' ? 'you' : 'collaborator')", 'a.ts')).toBe(
      `t(who === 'you' ? ${at('you')} : ${at('collaborator')})`,
    );
    expect(numberedKeys("mode === 'insert'; set('insert')", 'a.ts')).toBe("mode === 'insert'; set('insert')");
  });

  it('refuses a key the English catalog lacks', () => {
    expect(() => numberedKeys("t('nope')", 'a.ts')).toThrow(/a\.ts: t\('nope'\)/);
  });

  it('writes each catalog in English’s key order', () => {
    const list = catalogArray(TRANSLATIONS.de);
    expect(list[at('insert')]).toBe('Einfügen');
    expect(list).toHaveLength(Object.keys(EN).length);
  });
});
