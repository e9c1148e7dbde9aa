import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '@/lib/messaging/background';
import { createHandlers } from '@/lib/jobs/handlers';
import { dropTabState } from '@/lib/storage/tab-state';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const setBadge = (tabId: number, text: string, alarming: boolean) => {
    void browser.action.setBadgeText({ tabId, text });
    if (alarming) void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  };
  const route = createRouter(createHandlers({ version: browser.runtime.getManifest().version, setBadge }), self);
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void dropTabState(tabId));
});
