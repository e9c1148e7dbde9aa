import type { WxtBrowser } from 'wxt/browser';

/**
 * The extension pages' one module that calls the browser: sending to the background, hearing what it tells,
 * the tab the popup reports on, and opening pages. Connectors get these as ports.
 */
export function pagesPlatform(browser: WxtBrowser) {
  return {
    transport: (message: unknown) => browser.runtime.sendMessage(message),
    /** Hear what our background tells the pages (nothing from a tab or another extension). */
    listen(handler: (message: unknown) => void): () => void {
      const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
        if (sender.id === browser.runtime.id && !sender.tab) handler(message);
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    /** The tab the popup reports on: `?tab=ID` (tests open the popup as a tab), or the active tab. */
    async reportedTabId(): Promise<number | null> {
      const asked = Number(new URLSearchParams(window.location.search).get('tab'));
      if (asked) return asked;
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      return active?.id ?? null;
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
    openPage: (path: string) => void browser.tabs.create({ url: browser.runtime.getURL(path as never) }),
  };
}
export type PagesPlatform = ReturnType<typeof pagesPlatform>;
