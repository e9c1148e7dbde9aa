import type { WxtBrowser } from 'wxt/browser';
import { createRouter } from '../messaging/router';
import { dropTabState } from '../storage/tab-state';
import { createHandlers } from './handlers';
import { warningText, type Warning } from './jobs/certificate-watch';
import * as platform from './platform';

const AP_SCRIPT = '/ap.js';
const PANEL_SCRIPT = '/ap-panel.js';

/**
 * The background's runtime: the handlers for every message, the jobs, the certificate watch's alarm, and the AP
 * content script injected into each AP tab once it has loaded. Browser calls go through `platform` only.
 */
export function startBackground(browser: WxtBrowser): void {
  const rt = platform.runtime(browser);
  const tabs = platform.apTabs(browser);
  // A click on a certificate warning opens the guided steps for a new certificate.
  const renew = (environment: Parameters<typeof tabs.find>[0]) =>
    void handlers['popup→background:tour.start']({ tour: 'renew-certificate', environment }, { sender: {} });
  const certificates = platform.certificateSignals(browser, (w: Warning, p: string) => warningText(w, p, rt), renew);
  const handlers = createHandlers({
    ...certificates,
    browser: rt.browserInfo,
    version: rt.version,
    setBadge: tabs.setBadge,
    injectPanel: (tabId) => tabs.inject(tabId, PANEL_SCRIPT),
    sendToTab: tabs.send,
    findApTab: tabs.find,
    focusTab: tabs.focus,
    onJobChange: platform.jobSignals(browser, rt.t, tabs.setBadge),
    keepAwake: (running) => keepAwake(running),
    tell: rt.tell,
    allowLoopbackHttp: import.meta.env.MODE !== 'production',
    originGranted: rt.originGranted,
  });
  const keepAwake = platform.jobAlarm(browser, () => handlers.runner.resume());
  rt.onMessage(createRouter(handlers, rt.self));
  // A job the browser stopped in the middle of a step goes on from there.
  void handlers.runner.resume();
  platform.dailyAlarm(browser, platform.CERT_ALARM, handlers.checkCertificates);
  rt.onTabRemoved((tabId) => void dropTabState(tabId));
  // The AP content script starts once the tab has loaded; a guided tour under way in that tab goes on in the page
  // that has loaded.
  rt.onApTabLoaded(
    (tabId) =>
      void tabs.inject(tabId, AP_SCRIPT).then(
        () => handlers.resumeTour(tabId),
        () => undefined,
      ),
  );
}
