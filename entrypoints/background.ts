import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import * as bg from '@/lib/messaging/background';
import { createHandlers } from '@/lib/jobs/handlers';
import { warningText, type Warning } from '@/lib/jobs/certificate-watch';
import { dropTabState } from '@/lib/storage/tab-state';
import { AP_MATCHES } from '@/lib/ap/bridge';
import { apLocation } from '@/lib/ap/pages';

const AP_SCRIPT = '/ap.js';
const PANEL_SCRIPT = '/ap-panel.js';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const tabs = bg.apTabs(browser);
  const t = (k: string, subs?: string[]) => browser.i18n.getMessage(k as never, subs);
  // A click on a certificate warning opens the guided steps for a new certificate.
  const renew = (environment: Parameters<typeof tabs.find>[0]) =>
    void handlers['popup→background:tour.start']({ tour: 'renew-certificate', environment }, { sender: {} });
  const certificates = bg.certificateSignals(browser, (w: Warning, p: string) => warningText(w, p, t), renew);
  const handlers = createHandlers({
    ...certificates,
    browser: { name: navigator.userAgent, language: navigator.language },
    version: browser.runtime.getManifest().version,
    setBadge: tabs.setBadge,
    injectPanel: (tabId) => tabs.inject(tabId, PANEL_SCRIPT),
    sendToTab: tabs.send,
    findApTab: tabs.find,
    focusTab: tabs.focus,
    onJobChange: bg.jobSignals(browser, t, tabs.setBadge),
    keepAwake: (running) => keepAwake(running),
  });
  const keepAwake = bg.jobAlarm(browser, () => handlers.runner.resume());
  // webextension-polyfill answers with the promise a listener returns, in Chromium as in Firefox.
  const route = bg.createRouter(handlers, self);
  browser.runtime.onMessage.addListener((raw, sender) => route(raw, sender) as never);
  // A job the browser stopped in the middle of a step goes on from there.
  void handlers.runner.resume();
  bg.dailyAlarm(browser, bg.CERT_ALARM, handlers.checkCertificates);
  browser.tabs.onRemoved.addListener((tabId) => void dropTabState(tabId));
  // The AP content script starts once the tab has loaded (and in AP tabs already open when we start); a guided
  // tour under way in that tab goes on in the page that has loaded.
  const inject = (tabId: number) =>
    tabs.inject(tabId, AP_SCRIPT).then(
      () => handlers.resumeTour(tabId),
      () => undefined,
    );
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && apLocation(tab.url ?? '')) void inject(tabId);
  });
  void browser.tabs.query({ url: AP_MATCHES }).then((tabs) => tabs.forEach((t) => t.id && inject(t.id)));
});
