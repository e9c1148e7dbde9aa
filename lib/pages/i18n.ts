import { browser } from 'wxt/browser';
import { tidy, type I18n } from '@/lib/i18n';

/** Translations from `_locales` for the extension's own pages. */
export function extensionI18n(): I18n {
  return {
    lang: browser.i18n.getUILanguage().toLowerCase().startsWith('pl') ? 'pl' : 'en',
    t: (key, subs) => tidy(browser.i18n.getMessage(key as never, subs)) || key,
  };
}
