import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nProvider } from '@/components/i18n';
import { Options, type OptionsConnector } from '@/components/Options';
import { readSettings, writeSettings } from '@/lib/storage/settings';
import { extensionI18n } from '@/components/extension-i18n';
import '@/components/page.css';

const connector: OptionsConnector = {
  load: readSettings,
  saveProvider: async (url, pattern) => {
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (granted) await writeSettings({ ...(await readSettings()), providerApiUrl: url });
    return granted;
  },
  clearProvider: async () => writeSettings({ ...(await readSettings()), providerApiUrl: null }),
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
