import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * Translations come from `browser.i18n` (`public/_locales/{pl,en}`); the entrypoint passes them in, so
 * components stay free of `browser.*` and render in tests with any dictionary.
 */
export type Lang = 'pl' | 'en';
export interface I18n {
  lang: Lang;
  t: (key: string, substitutions?: string | string[]) => string;
}

const I18nContext = createContext<I18n>({ lang: 'en', t: (key) => key });

export function I18nProvider(props: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
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
