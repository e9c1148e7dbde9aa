import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '@/lib/messaging/background';
import { createHandlers } from '@/lib/jobs/handlers';
import { dropTabState } from '@/lib/storage/tab-state';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const route = createRouter(createHandlers({ version: browser.runtime.getManifest().version }), self);
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void dropTabState(tabId));
});
