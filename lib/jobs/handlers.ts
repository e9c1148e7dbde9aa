import { readSettings } from '../storage/settings';
import { getTabState, putTabState } from '../storage/tab-state';
import type { Handlers } from '../messaging/background';

/** The background's answers to the protocol. */
export function createHandlers(app: { version: string }): Handlers {
  return {
    'content→background:ap.state': async (state, { tabId }) => {
      if (tabId != null) await putTabState(tabId, state);
      return { ok: true };
    },
    'popup→background:tab.state': async ({ tabId }) => ({ state: await getTabState(tabId) }),
    'popup→background:app.info': async () => ({
      version: app.version,
      providerConfigured: (await readSettings()).providerApiUrl !== null,
    }),
  };
}
