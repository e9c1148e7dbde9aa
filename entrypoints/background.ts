import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerWith, apTabs, createRouter, jobSignals } from '@/lib/messaging/background';
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
  const tabs = apTabs(browser);
  const handlers = createHandlers({
    version: browser.runtime.getManifest().version,
    setBadge,
    injectPanel: (tabId) => tabs.inject(tabId, PANEL_SCRIPT),
    sendToTab: tabs.send,
    findApTab: tabs.find,
    focusTab: (tabId) => browser.tabs.update(tabId, { active: true }).then(() => undefined),
    onJobChange: jobSignals(browser, (k, subs) => browser.i18n.getMessage(k as never, subs), setBadge),
  });
  browser.runtime.onMessage.addListener(answerWith(createRouter(handlers, self)));
  // A job the browser stopped in the middle of a step goes on from there.
  void handlers.runner.resume();
  browser.tabs.onRemoved.addListener((tabId) => void dropTabState(tabId));
  // The AP content script starts once the tab has loaded (and in AP tabs already open when we start).
  // A guided tour under way in that tab goes on in the page that has loaded.
  const inject = (tabId: number) =>
    tabs
      .inject(tabId, AP_SCRIPT)
      .then(() => handlers.resumeTour(tabId))
      .catch(() => undefined);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && apLocation(tab.url ?? '')) void inject(tabId);
  });
  void browser.tabs.query({ url: AP_MATCHES }).then((tabs) => tabs.forEach((t) => t.id && inject(t.id)));
});
