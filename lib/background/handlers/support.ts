import { typedSendToTab, type RawSendToTab } from '../send-to-tab';
import { listDisconnectJobs } from '../jobs/stored';
import { NIP_DIGITS } from '../../ksef/hosts';
import type { KsefEnvironment } from '../../ksef/environments';
import type { Handlers } from '../../messaging/router';
import { certificateView, type CertificateView } from '../../messaging/protocol-support';
import type { JobView, ProviderStatusView } from '../../messaging/protocol';
import type { IntegrationStatus } from '../../provider/schemas';
import { buildReport } from '../../diagnostics/build';
import { readWatch, writeWatch, type WatchState } from '../../storage/certificates';
import { readCredential } from '../../storage/credential';
import { recentAudits } from '../../storage/history';
import { readSettings } from '../../storage/settings';
import { companyOf } from '../../audit/company';
import { allTabStates, getTabState } from '../../storage/tab-state';
import {
  alertFor,
  certificateKey,
  byUrgency,
  daysLeft,
  mergeProviderUse,
  mergeSeenInAp,
  warningsDue,
  type Warning,
} from '../jobs/certificate-watch';
import { jobViewOf } from '../views';

type SupportHandlers = Pick<
  Handlers,
  'popup→background:report.build' | 'content→background:certificates.seen' | 'popup→background:certificates.list'
>;

export interface SupportPorts {
  now: () => number;
  version: string;
  browser: { name: string; language: string };
  sendToTab: RawSendToTab;
  /** The provider's status for a company (cached briefly), or null when no provider is linked. */
  status: (environment: KsefEnvironment, contextNip: string, fresh: boolean) => Promise<IntegrationStatus | null>;
  /** The same as the popup shows it (the report holds what the popup would have said). */
  providerStatus: (
    environment: KsefEnvironment,
    contextNip: string,
  ) => Promise<{ status: ProviderStatusView | null; error: string | null }>;
  /** Whether certificates may be followed for this company (with a provider linked: one it may be called for). */
  companyFollowed: (contextNip: string) => Promise<boolean>;
  /** A certificate warning for the user (notification), settled once shown; `provider`: the linked provider's name. */
  warn: (warning: Warning, provider: string) => Promise<void>;
  /** The extension's badge outside AP tabs: how many certificates need the user. */
  setWatchBadge: (count: number) => void;
  /** Random salt for a report's masks. */
  salt: () => string;
}

const view = (state: WatchState, now: number): { certificates: CertificateView[]; checkedAt: number | null } => ({
  certificates: byUrgency(
    state.certificates.map((c) => certificateView.parse({ ...c, alert: alertFor(c, now), days: daysLeft(c, now) })),
  ),
  checkedAt: state.checkedAt,
});

/** The diagnostic report and the own-certificate watch. `check` is also what the daily alarm runs. */
export function supportHandlers(ports: SupportPorts): SupportHandlers & { checkCertificates: () => Promise<void> } {
  const sendToTab = typedSendToTab(ports.sendToTab);
  const contexts = async (state: WatchState) => {
    const seen = new Map<string, { environment: KsefEnvironment; contextNip: string }>();
    for (const c of state.certificates) seen.set(`${c.environment}:${c.contextNip}`, c);
    for (const t of Object.values(await allTabStates()))
      if (t.contextNip)
        seen.set(`${t.environment}:${t.contextNip}`, { environment: t.environment, contextNip: t.contextNip });
    return [...seen.values()];
  };
  /**
   * Ask the provider what it uses (afresh when `fresh`, else its status of the last 30 s will do), then give the
   * warnings that are due and not given yet.
   */
  const check = async (fresh: boolean) => {
    let state = await readWatch();
    const now = ports.now();
    for (const ctx of await contexts(state)) {
      const status = await ports.status(ctx.environment, ctx.contextNip, fresh).catch(() => null);
      if (!status) continue;
      const used = status.footprint.certificates.map((c) => ({
        serial: c.serialNumber,
        name: c.name,
        validTo: c.validTo,
      }));
      state = { ...state, certificates: mergeProviderUse(state.certificates, { ...ctx, now }, status.mode, used) };
    }
    const due = warningsDue(state.certificates, state.told, now);
    const provider = (await readSettings()).profile?.name ?? '';
    const told = { ...state.told };
    // Recorded as given once shown, so that what is stored never runs ahead of what the user saw.
    await Promise.all(due.fresh.map((w) => ports.warn(w, provider)));
    for (const w of due.fresh) {
      const key = certificateKey(w.certificate);
      told[key] = [...(told[key] ?? []), w.alert];
    }
    ports.setWatchBadge(due.all.length);
    state = { ...state, told, checkedAt: now };
    await writeWatch(state);
    return state;
  };
  return {
    checkCertificates: () => check(true).then(() => undefined),
    'content→background:certificates.seen': async ({ environment, contextNip, certificates }, { tabId }) => {
      // Kept only for the company the sending tab shows, all its claims agreeing: a page cannot file
      // certificates under another company (nor make the watch ask the provider about one).
      const tab = tabId == null ? null : await getTabState(tabId);
      const company = companyOf(tab?.companies ?? []);
      if (!tab || tab.environment !== environment || company.nip !== contextNip) return { ok: false };
      if (!(await ports.companyFollowed(contextNip))) return { ok: false };
      const state = await readWatch();
      const now = ports.now();
      await writeWatch({
        ...state,
        certificates: mergeSeenInAp(state.certificates, { environment, contextNip, now }, certificates),
      });
      // What the provider uses is matched now too (its status of the last 30 s will do).
      await check(false);
      return { ok: true };
    },
    'popup→background:certificates.list': async ({ check: again }) =>
      view(again ? await check(true) : await readWatch(), ports.now()),
    'popup→background:report.build': async ({ includeIdentifiers, tabId }) => {
      const [settings, credential, tab] = await Promise.all([
        readSettings(),
        readCredential(),
        tabId === null ? null : getTabState(tabId),
      ]);
      // The page's own audit, when its tab is open and answers (the panel's bundle builds it).
      const audit =
        tabId === null || !tab ? null : await sendToTab(tabId, 'background→content:diagnostics', {}).catch(() => null);
      // Whose status: the tab's company, or the one the page's audit names (its report may not have come yet).
      const contextNip = tab?.contextNip ?? audit?.contextNip ?? null;
      const { status, error } =
        tab && contextNip && NIP_DIGITS.test(contextNip)
          ? await ports.providerStatus(tab.environment, contextNip)
          : { status: null, error: null };
      const jobs: JobView[] = (await listDisconnectJobs()).slice(0, 100).map(jobViewOf);
      return buildReport({
        now: ports.now(),
        salt: ports.salt(),
        includeIdentifiers,
        extension: { version: ports.version, browser: ports.browser.name, language: ports.browser.language },
        provider: {
          linked: settings.providerApiUrl !== null && credential !== null,
          origin: settings.providerApiUrl ? new URL(settings.providerApiUrl).origin : null,
          name: settings.profile?.name ?? null,
          status,
          error,
        },
        tabs: Object.values(await allTabStates()),
        audit,
        history: await recentAudits(200),
        jobs,
        certificates: (await readWatch()).certificates,
        secrets: credential ? [credential.apiKey] : [],
      });
    },
  };
}
