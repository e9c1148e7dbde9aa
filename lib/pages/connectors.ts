import { send } from '../messaging/client';
import type { Transport } from '../messaging/client-core';
import { popupRouter } from '../messaging/to-popup';
import type { PopupConnector, SupportConnector } from '../../components/connectors';
import type { PagesPlatform } from './platform';

/*
 * The popup's connectors over the extension's messaging: what its components ask for, as typed messages to the
 * background (the entrypoint passes the transport and the AP tab the popup reports on).
 */

/** The popup's jobs connector over the extension's messaging; `tabId` is the AP tab a new job starts from. */
export function jobsConnector(transport: Transport, tabId: () => number | null): PopupConnector['jobs'] {
  return {
    list: async () => (await send(transport, 'popup→background:job.list', {})).jobs,
    start: async (environment, contextNip) =>
      (await send(transport, 'popup→background:job.start', { environment, contextNip, tabId: tabId() })).job,
    confirm: async (id) => (await send(transport, 'popup→background:job.confirm', { id })).job,
    cancel: async (id) => (await send(transport, 'popup→background:job.cancel', { id })).job,
  };
}

/** The support connector over the extension's messaging (the popup's entrypoint passes its transport). */
export function supportConnector(
  transport: Transport,
  tabId: () => number | null,
  openViewer: () => void,
  download: SupportConnector['download'],
): SupportConnector {
  return {
    certificates: (check) => send(transport, 'popup→background:certificates.list', { check }),
    report: (includeIdentifiers) =>
      send(transport, 'popup→background:report.build', { includeIdentifiers, tabId: tabId() }),
    tourStart: async (tour, environment) => {
      await send(transport, 'popup→background:tour.start', { tour, environment, tabId: tabId() });
    },
    openViewer,
    download,
  };
}

/** The popup's whole connector: typed messages to the background, and what the background tells as it happens. */
export function popupConnector(
  platform: PagesPlatform,
  download: (name: string, type: string, text: string) => void,
): PopupConnector {
  const { transport } = platform;
  let apTabId: number | null = null;
  return {
    appInfo: () => send(transport, 'popup→background:app.info', {}),
    async activeTab() {
      apTabId = await platform.reportedTabId();
      return apTabId === null ? null : (await send(transport, 'popup→background:tab.state', { tabId: apTabId })).state;
    },
    providerStatus: (environment, contextNip) =>
      send(transport, 'popup→background:provider.status', { environment, contextNip }),
    openOptions: platform.openOptions,
    openAuthorize: (environment, contextNip) =>
      platform.openPage(`/authorize.html?env=${environment}&nip=${contextNip}`),
    jobs: jobsConnector(transport, () => apTabId),
    follow: (listeners) =>
      platform.listen(
        popupRouter({
          'background→popup:job.changed': ({ job }) => listeners.job?.(job),
          'background→popup:tab.changed': ({ tabId, state }) => {
            if (tabId === apTabId) listeners.tab?.(state);
          },
        }),
      ),
    download,
    support: supportConnector(
      transport,
      () => apTabId,
      () => platform.openPage('/report.html'),
      download,
    ),
  };
}
