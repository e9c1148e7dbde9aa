import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { I18n } from '@/lib/i18n';

export { dictionaryI18n, type I18n, type Lang } from '@/lib/i18n';

const I18nContext = createContext<I18n>({ lang: 'en', t: (key) => key });

export function I18nProvider(props: { value: I18n; children: ComponentChildren }) {
  return <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
