import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryI18n, plural, tidy } from '@/lib/i18n';

const messages = (lang: 'pl' | 'en') =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe('counts in their plural form', () => {
  it('writes days as Polish and English want them', () => {
    const pl = dictionaryI18n('pl', messages('pl'));
    const en = dictionaryI18n('en', messages('en'));
    const days = (i18n: typeof pl, n: number) => plural(i18n, 'certExpiresIn', n, ['1.12.2026']);
    expect([1, 2, 5, 12, 22, 25].map((n) => days(pl, n))).toEqual([
      'Wygasa za 1 dzień (1.12.2026).',
      'Wygasa za 2 dni (1.12.2026).',
      'Wygasa za 5 dni (1.12.2026).',
      'Wygasa za 12 dni (1.12.2026).',
      'Wygasa za 22 dni (1.12.2026).',
      'Wygasa za 25 dni (1.12.2026).',
    ]);
    expect([1, 2].map((n) => days(en, n))).toEqual(['Expires in 1 day (1.12.2026).', 'Expires in 2 days (1.12.2026).']);
  });

  it('has every plural form of a counted message in both languages', () => {
    for (const lang of ['pl', 'en'] as const) {
      const keys = Object.keys(messages(lang));
      const counted = keys.filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -'_one'.length));
      expect(counted.length).toBeGreaterThan(0);
      for (const base of counted)
        for (const form of ['one', 'few', 'many', 'other'])
          expect(keys, `${lang} ${base}_${form}`).toContain(`${base}_${form}`);
    }
  });
});

describe('no count without its plural form', () => {
  // A number placeholder right before a counted noun, outside a plural family, renders "4 rekordów" or "1 dni".
  const COUNTED: Record<'pl' | 'en', RegExp> = {
    pl: /\$\d+ (uprawnie|rekord|dni|dzie|bajt|stron|token|certyfikat|os[oó]b|podmiot|wiersz|pozosta|odpowied|element)/,
    en: /\$\d+ (days?|records?|permissions?|grants?|bytes?|pages?|tokens?|certificates?|rows?|items?|responses?|persons?)\b/,
  };
  it('finds none in either language', () => {
    for (const lang of ['pl', 'en'] as const) {
      const offenders = Object.entries(messages(lang))
        .filter(([key]) => !/_(one|few|many|other)$/.test(key))
        .filter(([, { message }]) => COUNTED[lang].test(message))
        .map(([key, { message }]) => `${key}: ${message}`);
      expect(offenders, lang).toEqual([]);
    }
  });
});

describe('a name that ends with a full stop', () => {
  it('meets the message’s own full stop as one', () => {
    const pl = dictionaryI18n('pl', messages('pl'));
    expect(pl.t('tourDoneClean', 'Fakturowo sp. z o.o.')).toBe(
      'Gotowe. Na liście nie ma już uprawnień pozostawionych przez Fakturowo sp. z o.o.',
    );
    expect(tidy('Czekam…. Dalej... koniec.')).toBe('Czekam…. Dalej... koniec.');
  });
});
