import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nProvider } from '@/components/i18n';
import type { PopupConnector } from '@/components/connectors';
import { Popup } from '@/components/Popup';
import { jobsConnector, supportConnector } from '@/lib/pages/connectors';
import { send } from '@/lib/messaging/client';
import { download } from '@/lib/dom/save-file';
import { extensionI18n } from '@/lib/pages/i18n';
import '@/components/page.css';

const transport = (message: unknown) => browser.runtime.sendMessage(message);
let apTabId: number | null = null;
const connector: PopupConnector = {
  appInfo: () => send(transport, 'popup→background:app.info', {}),
  activeTab: async () => {
    // Tests open the popup as a tab and name the AP tab to report on with ?tab=ID.
    const asked = Number(new URLSearchParams(window.location.search).get('tab'));
    const [active] = asked ? [{ id: asked }] : await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id == null) return null;
    apTabId = active.id;
    return (await send(transport, 'popup→background:tab.state', { tabId: active.id })).state;
  },
  providerStatus: (environment, contextNip) =>
    send(transport, 'popup→background:provider.status', { environment, contextNip }),
  openOptions: () => void browser.runtime.openOptionsPage(),
  openAuthorize: (environment, contextNip) =>
    void browser.tabs.create({
      url: browser.runtime.getURL(`/authorize.html?env=${environment}&nip=${contextNip}`),
    }),
  jobs: jobsConnector(transport, () => apTabId),
  download,
  support: supportConnector(
    transport,
    () => apTabId,
    () => void browser.tabs.create({ url: browser.runtime.getURL('/report.html') }),
    download,
  ),
};

const i18n = extensionI18n();
document.documentElement.lang = i18n.lang;
render(
  <I18nProvider value={i18n}>
    <Popup connector={connector} />
  </I18nProvider>,
  document.getElementById('app')!,
);
