import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startApContent } from '@/lib/content/visit';
import { apLocation } from '@/lib/ap/pages';
import { sendFromContent } from '@/lib/messaging/content-client';
import { createCaptureStore } from '@/lib/content/capture';
import { registeredPanelUi } from '@/lib/content/panel-contract';

const STARTED = Symbol.for('ksef-companion/ap-started');

/**
 * The content script proper, injected by the background once the AP tab has loaded (it costs the page's
 * load nothing); the observer has kept what it saw until then.
 */
export default defineUnlistedScript(async () => {
  const location = apLocation(window.location.href);
  const flags = window as unknown as Record<symbol, boolean>;
  if (!location || flags[STARTED]) return;
  flags[STARTED] = true;
  const ctx = new ContentScriptContext('ap');
  const store = createCaptureStore(window);
  const transport = (message: unknown) => browser.runtime.sendMessage(message);
  ctx.addEventListener(window, 'message', store.onMessage);
  store.hello();
  await startApContent({
    ctx,
    location,
    store,
    transport,
    // Only the background (our own extension, no tab) may ask; anything else gets no answer.
    onBackground: (handler) =>
      browser.runtime.onMessage.addListener(
        (message, sender) =>
          (sender.id === browser.runtime.id && !sender.tab ? handler(message)?.catch(() => null) : undefined) as never,
      ),
    shadow: import.meta.env.MODE === 'production' ? 'closed' : 'open',
    loadPanel: () =>
      sendFromContent(transport, 'content→background:panel.load', {}).then(() => registeredPanelUi(window)),
    i18n: {
      lang: browser.i18n.getUILanguage().toLowerCase().startsWith('pl') ? 'pl' : 'en',
      t: (key, subs) => browser.i18n.getMessage(key as never, subs) || key,
    },
  });
});
