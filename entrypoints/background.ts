import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerWith, createRouter } from '@/lib/messaging/background';
import { createHandlers } from '@/lib/jobs/handlers';
import { dropTabState } from '@/lib/storage/tab-state';
import { AP_MATCHES } from '@/lib/ap/bridge';
import { apLocation } from '@/lib/ap/pages';

const AP_SCRIPT = '/ap.js';
const PANEL_SCRIPT = '/ap-panel.js';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const setBadge = (tabId: number, text: string, alarming: boolean) => {
    void browser.action.setBadgeText({ tabId, text });
    if (alarming) void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  };
  const script = (tabId: number, file: typeof AP_SCRIPT | typeof PANEL_SCRIPT) =>
    browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [file] }).then(() => undefined);
  const version = browser.runtime.getManifest().version;
  const injectPanel = (tabId: number) => script(tabId, PANEL_SCRIPT);
  const route = createRouter(createHandlers({ version, setBadge, injectPanel }), self);
  browser.runtime.onMessage.addListener(answerWith(route));
  browser.tabs.onRemoved.addListener((tabId) => void dropTabState(tabId));
  // The AP content script starts once the tab has loaded (and in AP tabs already open when we start).
  const inject = (tabId: number) => script(tabId, AP_SCRIPT).catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && apLocation(tab.url ?? '')) void inject(tabId);
  });
  void browser.tabs.query({ url: AP_MATCHES }).then((tabs) => tabs.forEach((t) => t.id && inject(t.id)));
});
