import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startApContent } from '@/components/ap-content';
import { AP_MATCHES } from '@/lib/ap/bridge';
import { apLocation } from '@/lib/ap/pages';
import { createCaptureStore } from '@/lib/messaging/page-bridge';
import '@/components/panel.css';

export default defineContentScript({
  matches: AP_MATCHES,
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const location = apLocation(window.location.href);
    if (!location) return;
    // Listen before the page's first request can finish; the panel mounts later.
    const store = createCaptureStore(window);
    ctx.addEventListener(window, 'message', store.onMessage);
    await startApContent({
      ctx,
      location,
      store,
      transport: (message) => browser.runtime.sendMessage(message),
      i18n: {
        lang: browser.i18n.getUILanguage().toLowerCase().startsWith('pl') ? 'pl' : 'en',
        t: (key, subs) => browser.i18n.getMessage(key as never, subs) || key,
      },
    });
  },
});
