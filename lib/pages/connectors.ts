import { send } from '../messaging/client';
import type { Transport } from '../messaging/client-core';
import { popupRouter } from '../messaging/to-popup';
import type { TourName } from '../ap/tours';
import type { KsefEnvironment } from '../ksef/environments';
import type { ApTabState, CertificateView, JobView, ProviderStatusView } from '../messaging/protocol';
import type { PagesPlatform } from './platform';

/*
 * The popup's connectors: what its components ask of the extension (the interfaces, which components import as
 * types and tests mock), and their implementation over the extension's messaging.
 */

export interface SupportConnector {
  certificates: (check: boolean) => Promise<{ certificates: CertificateView[]; checkedAt: number | null }>;
  /** Build the diagnostic report (with the AP tab's audit when one is open). */
  report: (includeIdentifiers: boolean) => Promise<{ json: string; fileName: string }>;
  tourStart: (tour: TourName, environment: KsefEnvironment) => Promise<void>;
  openViewer: () => void;
  download: (name: string, type: string, text: string) => void;
}

/** What the popup needs from the extension; the entrypoint implements it, tests mock it (docs/architecture.md §8, habit 13). */
export interface PopupConnector {
  appInfo: () => Promise<{ version: string; providerConfigured: boolean }>;
  activeTab: () => Promise<ApTabState | null>;
  providerStatus: (
    environment: ApTabState['environment'],
    contextNip: string,
  ) => Promise<{
    linked: boolean;
    status: ProviderStatusView | null;
    error: string | null;
    /** Whether the provider may be called for this company, and why (the account lists it, or the user said so). */
    company: { nip: string; name: string | null; how: 'account' | 'user' } | null;
    account: string | null;
  }>;
  /** The user says the linked account serves this company. */
  confirmCompany: (contextNip: string) => Promise<unknown>;
  openOptions: () => void;
  /** Tell the AP tab which company it shows, as the user named it (the tab refuses another than its own). */
  nameCompany: (contextNip: string) => Promise<{ accepted: boolean; contextNip: string | null }>;
  /** Open the authorize page for this company in a tab. */
  openAuthorize: (environment: ApTabState['environment'], contextNip: string) => void;
  jobs: {
    list: () => Promise<JobView[]>;
    start: (environment: ApTabState['environment'], contextNip: string) => Promise<JobView>;
    confirm: (id: string) => Promise<JobView>;
    cancel: (id: string) => Promise<JobView>;
  };
  /**
   * Follow what the background tells as it happens: every job's change, and the reported AP tab's visit and
   * audit. Returns a function that stops following.
   */
  follow: (listeners: { job?: (job: JobView) => void; tab?: (state: ApTabState | null) => void }) => () => void;
  download: (name: string, type: string, text: string) => void;
  support: SupportConnector;
}

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
    confirmCompany: (contextNip) => send(transport, 'popup→background:company.confirm', { contextNip }),
    openOptions: platform.openOptions,
    nameCompany: async (contextNip) =>
      apTabId === null
        ? { accepted: false, contextNip: null }
        : send(transport, 'popup→background:tab.company', { tabId: apTabId, contextNip }),
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
