import type { TourName } from '@/lib/ap/tours';
import type { KsefEnvironment } from '@/lib/ksef/environments';
import type { ApTabState, CertificateView, JobView, ProviderStatusView } from '@/lib/messaging/protocol';

/*
 * What the popup's components need from the extension, as interfaces: the popup's entrypoint implements them over
 * the extension's messaging (lib/pages/connectors.ts), tests mock them.
 */

/** What the popup's support and certificate sections need; the entrypoint implements it, tests mock it. */
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
  ) => Promise<{ linked: boolean; status: ProviderStatusView | null; error: string | null }>;
  openOptions: () => void;
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
