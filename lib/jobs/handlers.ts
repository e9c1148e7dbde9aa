import { diffAudits } from '../audit/diff';
import type { KsefEnvironment } from '../ksef/environments';
import type { Handlers } from '../messaging/background';
import { readAuthTokenRequest } from '../ksef/auth-token-request';
import { checkSignedRequest } from '../provider/authorize';
import { createProviderClient, type ProviderClient } from '../provider/client';
import type { IntegrationStatus } from '../provider/schemas';
import { readCredential, writeCredential } from '../storage/credential';
import { getJob, listJobs, putJob } from '../storage/jobs';
import { cancelDisconnect, confirmDisconnect, FINISHED, newDisconnectJob, type DisconnectJob } from './disconnect';
import { authorizationViewOf, jobViewOf, profileFromStatus, statusView } from './views';
import { createRunner, type Runner, type RunnerPorts } from './runner';
import { lastAudit, saveAudit } from '../storage/history';
import { readSettings, writeSettings } from '../storage/settings';
import { getTabState, updateTabState } from '../storage/tab-state';
import { tourHandlers } from './tour-handlers';
import { supportHandlers, type SupportPorts } from './support-handlers';

/** The background's answers to the protocol. Browser calls it needs (the badge) are passed in. */
export interface BackgroundPorts {
  version: string;
  setBadge: (tabId: number, text: string, alarming: boolean) => void;
  /** Inject the panel's UI bundle into a tab's top frame. */
  injectPanel: (tabId: number) => Promise<void>;
  now?: () => number;
  /** How the background reaches the provider (tests pass the reference server's). */
  fetch?: typeof fetch;
  /** Jobs: talk to the AP content script in a tab, find an AP tab, wait. */
  sendToTab?: RunnerPorts['sendToTab'];
  findApTab?: RunnerPorts['findApTab'];
  sleep?: (ms: number) => Promise<void>;
  onJobChange?: (job: DisconnectJob) => void;
  keepAwake?: RunnerPorts['keepAwake'];
  /** Bring an AP tab to the front (guided steps). */
  focusTab?: (tabId: number) => Promise<void>;
  /** The certificate watch's warnings and badge, and what a diagnostic report says of the browser. */
  warn?: SupportPorts['warn'];
  setWatchBadge?: SupportPorts['setWatchBadge'];
  browser?: SupportPorts['browser'];
}

/** How long a provider status is reused for the audit's profile (the popup always asks afresh). */
export const STATUS_TTL_MS = 30_000;

const LIST_LIMIT = 50;

export function createHandlers(ports: BackgroundPorts): Handlers & {
  runner: Runner;
  resumeTour: (tabId: number) => Promise<void>;
  checkCertificates: () => Promise<void>;
} {
  const now = ports.now ?? (() => Date.now());
  const clientFor = (baseUrl: string, apiKey: string): ProviderClient =>
    createProviderClient({ baseUrl, apiKey, fetch: ports.fetch, now });
  /** The linked provider's client, or null when no account is linked. */
  const linked = async (): Promise<ProviderClient | null> => {
    const [settings, credential] = await Promise.all([readSettings(), readCredential()]);
    return settings.providerApiUrl && credential ? clientFor(settings.providerApiUrl, credential.apiKey) : null;
  };
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const statuses = new Map<string, { at: number; status: IntegrationStatus }>();
  const statusOf = async (client: ProviderClient, env: KsefEnvironment, nip: string, fresh: boolean) => {
    const key = `${env}:${nip}`;
    const cached = statuses.get(key);
    if (!fresh && cached && now() - cached.at < STATUS_TTL_MS) return cached.status;
    const status = await client.status(env, nip);
    statuses.set(key, { at: now(), status });
    return status;
  };
  const runner = createRunner({
    provider: linked,
    sendToTab: ports.sendToTab ?? (() => Promise.reject(new Error('no tabs'))),
    findApTab: ports.findApTab ?? (async () => null),
    onChange: (job) => {
      // The provider's word has changed under a job: the next audit must ask it again.
      statuses.clear();
      ports.onJobChange?.(job);
    },
    keepAwake: ports.keepAwake,
    now,
    sleep,
  });
  const needLinked = async () => {
    const client = await linked();
    if (!client) throw Object.assign(new Error('provider not linked'), { code: 'not-configured' });
    return client;
  };
  const authRequests = new Map<string, string>();
  const jobOr404 = async (id: string) => {
    const job = (await getJob(id)) as DisconnectJob | null;
    if (!job) throw Object.assign(new Error('no such job'), { code: 'not-found' });
    return job;
  };
  const { resume: resumeTour, ...tours } = tourHandlers({
    findApTab: ports.findApTab ?? (async () => null),
    sendToTab: ports.sendToTab ?? (() => Promise.reject(new Error('no tabs'))),
    focusTab: ports.focusTab ?? (async () => undefined),
    sleep,
  });
  /** The provider's word on a company as the popup shows it (asked afresh), or why there is none. */
  const providerStatus = async (environment: KsefEnvironment, contextNip: string) => {
    const client = await linked();
    if (!client) return { linked: false, status: null, error: null };
    const name = (await readSettings()).profile?.name ?? '';
    try {
      return {
        linked: true,
        status: statusView(await statusOf(client, environment, contextNip, true), name),
        error: null,
      };
    } catch (e) {
      return { linked: true, status: null, error: (e as { code?: string }).code ?? 'network' };
    }
  };
  const { checkCertificates, ...support } = supportHandlers({
    providerStatus,
    now,
    version: ports.version,
    browser: ports.browser ?? { name: 'unknown', language: 'unknown' },
    sendToTab: ports.sendToTab ?? (() => Promise.reject(new Error('no tabs'))),
    status: async (env, nip, fresh) => {
      const client = await linked();
      return client ? statusOf(client, env, nip, fresh) : null;
    },
    warn: ports.warn ?? (() => undefined),
    setWatchBadge: ports.setWatchBadge ?? (() => undefined),
    salt: () => crypto.randomUUID(),
  });
  return {
    runner,
    resumeTour,
    checkCertificates,
    ...tours,
    ...support,
    'popup→background:job.start': async ({ environment, contextNip, tabId }) => {
      const client = await needLinked();
      const settings = await readSettings();
      const status = await statusOf(client, environment, contextNip, true);
      const running = ((await listJobs()) as DisconnectJob[]).find(
        (j) => j.environment === environment && j.contextNip === contextNip && !FINISHED.includes(j.state),
      );
      // One disconnect per company at a time: a second click shows the one under way.
      const job =
        running ??
        newDisconnectJob({
          id: `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
          environment,
          contextNip,
          tabId,
          providerName: settings.profile?.name ?? '',
          providerNips: status.actingNips.length ? status.actingNips : (settings.profile?.nips ?? []),
          tokenReferences: status.footprint.tokens.map((t) => t.referenceNumber),
          certificateSerials: status.footprint.certificates.map((c) => c.serialNumber),
          now: now(),
        });
      if (!running) await putJob(job);
      runner.run(job.id);
      return { job: jobViewOf(job) };
    },
    'popup→background:auth.start': async ({ environment, contextNip }) => {
      const client = await needLinked();
      const a = await client.startAuthorization(environment, contextNip);
      authRequests.set(a.id, a.authTokenRequest ?? '');
      return { authorization: authorizationViewOf(a) };
    },
    'popup→background:auth.get': async ({ environment, contextNip, id }) => {
      const a = await (await needLinked()).authorization(environment, contextNip, id);
      if (a.state === 'completed') statuses.clear();
      return { authorization: authorizationViewOf(a) };
    },
    'popup→background:auth.upload': async ({ environment, contextNip, id, xml }) => {
      const client = await needLinked();
      // The page checked the file; the background checks it again against the request it was given.
      const unsigned =
        authRequests.get(id) ?? (await client.authorization(environment, contextNip, id)).authTokenRequest;
      const expected = unsigned ? readAuthTokenRequest(unsigned) : null;
      if (!expected?.ok) throw Object.assign(new Error('no request to compare with'), { code: 'conflict' });
      const check = checkSignedRequest(expected.request, xml);
      if (!check.ok) throw Object.assign(new Error(check.text.en), { code: 'signed-request-invalid' });
      return { authorization: authorizationViewOf(await client.uploadSigned(environment, contextNip, id, xml)) };
    },
    'popup→background:job.list': async () => ({
      jobs: ((await listJobs()) as DisconnectJob[]).slice(0, 20).map(jobViewOf),
    }),
    'popup→background:job.confirm': async ({ id }) => {
      const job = confirmDisconnect(await jobOr404(id), now());
      await putJob(job);
      runner.run(job.id);
      return { job: jobViewOf(job) };
    },
    'popup→background:job.cancel': async ({ id }) => {
      const job = cancelDisconnect(await jobOr404(id), now());
      await putJob(job);
      return { job: jobViewOf(job) };
    },
    'content→background:ap.state': async (state, { tabId }) => {
      // The audit's counts stay until the next audit report replaces them.
      if (tabId != null)
        await updateTabState(tabId, (before) => ({ ...state, counts: before?.counts, contextNip: before?.contextNip }));
      return { ok: true };
    },
    'content→background:audit.profile': async ({ environment, contextNip }) => {
      const settings = await readSettings();
      const client = contextNip ? await linked() : null;
      if (client && contextNip && settings.profile) {
        try {
          const status = await statusOf(client, environment, contextNip, false);
          return { profile: profileFromStatus(status, settings.profile.name, settings.profile.nips) };
        } catch {
          // The provider cannot be reached: the profile entered on the options page stands in.
        }
      }
      const p = settings.profile;
      if (!p) return { profile: null };
      return {
        profile: {
          name: p.name,
          providerNips: p.nips,
          state: p.state,
          scopes: ['InvoiceWrite', 'InvoiceRead'],
          mode: 'provider-certificates',
        },
      };
    },
    'content→background:audit.report': async (report, { tabId }) => {
      if (tabId != null) {
        const n = report.counts.leftover + report.counts.risk;
        ports.setBadge(tabId, n > 0 ? String(n) : '', n > 0);
        await updateTabState(tabId, (state) =>
          state ? { ...state, counts: report.counts, contextNip: report.contextNip } : null,
        );
      }
      if (!report.contextNip || !report.items) return { previousAt: null, added: [], removed: [], changed: [] };
      const scope = `${report.environment}:${report.contextNip}`;
      const previous = await lastAudit(scope);
      const diff = diffAudits(previous?.items ?? null, report.items);
      await saveAudit({ scope, at: now(), items: report.items });
      return {
        previousAt: previous?.at ?? null,
        added: diff.added.slice(0, LIST_LIMIT),
        removed: diff.removed.slice(0, LIST_LIMIT),
        changed: diff.changed.slice(0, LIST_LIMIT),
      };
    },
    'content→background:panel.load': async (_, { tabId }) => {
      if (tabId == null) throw new Error('no tab');
      await ports.injectPanel(tabId);
      return { ok: true };
    },
    'popup→background:provider.link': async ({ url, apiKey }) => {
      const account = await clientFor(url, apiKey).account();
      await writeCredential({ apiKey });
      const settings = await readSettings();
      await writeSettings({
        ...settings,
        providerApiUrl: url,
        profile: { name: account.provider.name, nips: account.provider.nips, state: 'unknown' },
      });
      statuses.clear();
      return {
        account: { name: account.name, providerName: account.provider.name, providerNips: account.provider.nips },
      };
    },
    'popup→background:provider.unlink': async () => {
      await writeCredential(null);
      await writeSettings({ ...(await readSettings()), providerApiUrl: null });
      statuses.clear();
      return { ok: true };
    },
    'popup→background:provider.status': ({ environment, contextNip }) => providerStatus(environment, contextNip),
    'popup→background:tab.state': async ({ tabId }) => ({ state: await getTabState(tabId) }),
    'popup→background:app.info': async () => ({
      version: ports.version,
      providerConfigured: (await readSettings()).providerApiUrl !== null && (await readCredential()) !== null,
    }),
  };
}
