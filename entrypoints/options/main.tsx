import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pagesPlatform } from '@/lib/pages/platform';
import { I18nProvider } from '@/components/i18n';
import { Options, type OptionsConnector } from '@/components/Options';
import { send } from '@/lib/messaging/client';
import { readSettings, writeSettings } from '@/lib/storage/settings';
import { extensionI18n } from '@/lib/pages/i18n';
import '@/components/page.css';

const { transport } = pagesPlatform(browser);
const connector: OptionsConnector = {
  load: readSettings,
  saveProvider: async (url, pattern, apiKey) => {
    if (!(await browser.permissions.request({ origins: [pattern] }))) return null;
    return (await send(transport, 'popup→background:provider.link', { url, apiKey })).account;
  },
  clearProvider: async () => void (await send(transport, 'popup→background:provider.unlink', {})),
  allowLoopbackHttp: import.meta.env.MODE !== 'production',
  loadProfile: async () => (await readSettings()).profile,
  saveProfile: async (profile) => writeSettings({ ...(await readSettings()), profile }),
};

const i18n = extensionI18n();
document.documentElement.lang = i18n.lang;
render(
  <I18nProvider value={i18n}>
    <Options connector={connector} />
  </I18nProvider>,
  document.getElementById('app')!,
);
