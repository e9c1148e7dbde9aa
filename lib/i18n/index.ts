/**
 * Translations come from `browser.i18n` (`public/_locales/{pl,en}`); each runtime passes them in, so UI and logic
 * stay free of `browser.*` and run in tests with any dictionary.
 */
export type Lang = 'pl' | 'en';
export interface I18n {
  lang: Lang;
  t: (key: string, substitutions?: string | string[]) => string;
}

/**
 * One full stop where a name that ends with one ("Fakturowo sp. z o.o.") meets the message's own ("…z $1.");
 * an ellipsis ("...") is left as it is.
 */
export const tidy = (text: string): string => text.replace(/(?<!\.)\.\.(?!\.)/g, '.');

/** Dictionary-backed I18n for tests and for pages rendered outside the extension. */
export function dictionaryI18n(lang: Lang, messages: Record<string, { message: string }>): I18n {
  return {
    lang,
    t(key, substitutions) {
      const entry = messages[key];
      if (!entry) return key;
      const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return tidy(entry.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? ''));
    },
  };
}

/**
 * A message for a count, in the plural form the language wants (`Intl.PluralRules`): `key_one`, `key_few`,
 * `key_many` or `key_other` ("1 dzień", "2 dni", "5 dni"; "1 day", "2 days"). The count is `$1`.
 */
export function plural(i18n: I18n, key: string, count: number, more: string[] = []): string {
  const form = new Intl.PluralRules(i18n.lang === 'pl' ? 'pl-PL' : 'en-GB').select(count);
  const subs = [String(count), ...more];
  const text = i18n.t(`${key}_${form}`, subs);
  return text === `${key}_${form}` ? i18n.t(`${key}_other`, subs) : text;
}
