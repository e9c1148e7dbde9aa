import { toPopup } from '../messaging/to-popup';
import { jobViewOf } from './views';
import type { Handlers } from '../messaging/router';
import type { DisconnectJob } from './jobs/disconnect-record';
import { createRunner, type Runner, type RunnerPorts } from './jobs/runner';
import { auditHandlers } from './handlers/audit';
import { jobHandlers } from './handlers/jobs';
import { providerHandlers } from './handlers/provider';
import { supportHandlers, type SupportPorts } from './handlers/support';
import { tourHandlers } from './handlers/tours';
import { providerAccess } from './provider-access';
import { typedSendToTab } from './send-to-tab';
import { tabFollower } from './follow-tabs';

export { STATUS_TTL_MS } from './provider-access';

/** The background's answers to the protocol. Browser calls it needs (the badge) are passed in. */
export interface BackgroundPorts {
  version: string;
  setBadge: (tabId: number, text: string, alarming: boolean) => void;
  /** Inject the panel's UI bundle into a tab's top frame. */
  injectPanel: (tabId: number) => Promise<void>;
  now?: () => number;
  /** How the background reaches the provider (tests pass the reference server's). */
  fetch?: typeof fetch;
  /** Plain HTTP to loopback for the provider (the e2e and demo builds); HTTPS only otherwise. */
  allowLoopbackHttp?: boolean;
  /** Whether the browser granted the extension an origin (checked before every provider call). */
  originGranted?: (pattern: string) => Promise<boolean>;
  /** Jobs: talk to the AP content script in a tab, find an AP tab, wait. */
  sendToTab?: RunnerPorts['sendToTab'];
  findApTab?: RunnerPorts['findApTab'];
  sleep?: (ms: number) => Promise<void>;
  onJobChange?: (job: DisconnectJob) => void;
  keepAwake?: RunnerPorts['keepAwake'];
  /** Tell the extension's pages what just changed (the popup follows jobs and AP tabs this way). */
  tell?: (message: unknown) => void;
  /** Bring an AP tab to the front (guided steps). */
  focusTab?: (tabId: number) => Promise<void>;
  /** The certificate watch's warnings and badge, and what a diagnostic report says of the browser. */
  warn?: SupportPorts['warn'];
  setWatchBadge?: SupportPorts['setWatchBadge'];
  browser?: SupportPorts['browser'];
}

export function createHandlers(ports: BackgroundPorts): Handlers & {
  runner: Runner;
  resumeTour: (tabId: number) => Promise<void>;
  checkCertificates: () => Promise<void>;
} {
  const now = ports.now ?? (() => Date.now());
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const sendToTab = ports.sendToTab ?? (() => Promise.reject(new Error('no tabs')));
  const findApTab = ports.findApTab ?? (async () => null);
  const follower = tabFollower((tabId, payload) =>
    typedSendToTab(sendToTab)(tabId, 'background→content:changed', payload),
  );
  const provider = providerAccess({
    now,
    fetch: ports.fetch,
    allowLoopbackHttp: ports.allowLoopbackHttp,
    originGranted: ports.originGranted,
    onChange: (environment, contextNip) => void follower.providerChanged(environment, contextNip),
  });
  const tell = ports.tell ?? (() => undefined);
  const jobChanged = (job: DisconnectJob) => tell(toPopup('background→popup:job.changed', { job: jobViewOf(job) }));
  const runner = createRunner({
    provider: provider.linked,
    sendToTab,
    findApTab,
    onChange: (job) => {
      // The provider's word has changed under a job: the next audit must ask it again.
      provider.forget();
      void follower.jobChanged(job);
      ports.onJobChange?.(job);
      jobChanged(job);
    },
    keepAwake: ports.keepAwake,
    now,
    sleep,
  });
  const { resume: resumeTour, ...tours } = tourHandlers({
    findApTab,
    sendToTab,
    focusTab: ports.focusTab ?? (async () => undefined),
    sleep,
  });
  const { checkCertificates, ...support } = supportHandlers({
    providerStatus: provider.providerStatus,
    now,
    version: ports.version,
    browser: ports.browser ?? { name: 'unknown', language: 'unknown' },
    sendToTab,
    status: async (env, nip, fresh) => {
      const client = await provider.linked();
      return client ? provider.statusOf(client, env, nip, fresh) : null;
    },
    // With a provider linked, certificates are followed only for a company its account serves or the user
    // confirmed; without one, for the company the tab shows (the user's own certificates, nothing is sent).
    companyFollowed: async (nip) => {
      const client = await provider.linked().catch(() => null);
      return !client || (await provider.companyAllowed(client, nip).catch(() => null)) !== null;
    },
    warn: ports.warn ?? (async () => undefined),
    setWatchBadge: ports.setWatchBadge ?? (() => undefined),
    salt: () => crypto.randomUUID(),
  });
  return {
    runner,
    resumeTour,
    checkCertificates,
    ...tours,
    ...support,
    ...jobHandlers(provider, runner, now, jobChanged),
    ...auditHandlers(provider, {
      now,
      setBadge: ports.setBadge,
      injectPanel: ports.injectPanel,
      tabChanged: (tabId, state) => tell(toPopup('background→popup:tab.changed', { tabId, state })),
      sendToTab,
    }),
    ...providerHandlers(provider, ports.version),
  };
}
