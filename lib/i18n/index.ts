/**
 * Translations come from `browser.i18n` (`public/_locales/{pl,en}`); each runtime passes them in, so UI and logic
 * stay free of `browser.*` and run in tests with any dictionary.
 */
export type Lang = 'pl' | 'en';
export interface I18n {
  lang: Lang;
  t: (key: string, substitutions?: string | string[]) => string;
}

/** Dictionary-backed I18n for tests and for pages rendered outside the extension. */
export function dictionaryI18n(lang: Lang, messages: Record<string, { message: string }>): I18n {
  return {
    lang,
    t(key, substitutions) {
      const entry = messages[key];
      if (!entry) return key;
      const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return entry.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    },
  };
}
