import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/Popup';
import { download } from '@/lib/dom/save-file';
import { popupConnector } from '@/lib/pages/connectors';
import { extensionI18n } from '@/lib/pages/i18n';
import { pagesPlatform } from '@/lib/pages/platform';
import '@/components/page.css';

const i18n = extensionI18n();
document.documentElement.lang = i18n.lang;
render(
  <I18nProvider value={i18n}>
    <Popup connector={popupConnector(pagesPlatform(browser), download)} />
  </I18nProvider>,
  document.getElementById('app')!,
);
