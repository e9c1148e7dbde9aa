import type { ApTabState } from '../../messaging/protocol';
import { diffAudits } from '../../audit/diff';
import { addClaim } from '../../audit/company';
import type { Handlers } from '../../messaging/router';
import { lastAudit, saveAudit } from '../../storage/history';
import { readSettings } from '../../storage/settings';
import { getTabState, updateTabState } from '../../storage/tab-state';
import type { ProviderAccess } from '../provider-access';
import { typedSendToTab, type RawSendToTab } from '../send-to-tab';
import { profileFromStatus } from '../views';

type AuditHandlers = Pick<
  Handlers,
  | 'content→background:ap.state'
  | 'content→background:audit.profile'
  | 'content→background:audit.report'
  | 'content→background:panel.load'
  | 'popup→background:tab.state'
  | 'popup→background:tab.company'
>;

const LIST_LIMIT = 50;

/** What an AP tab reports of its visit and audit: the tab's state, the badge, the history; the provider's profile. */
export function auditHandlers(
  provider: ProviderAccess,
  ports: {
    now: () => number;
    setBadge: (tabId: number, text: string, alarming: boolean) => void;
    /** Inject the panel's UI bundle into a tab's top frame. */
    injectPanel: (tabId: number) => Promise<void>;
    /** A tab's state changed: every open page hears of it. */
    tabChanged: (tabId: number, state: ApTabState | null) => void;
    sendToTab: RawSendToTab;
  },
): AuditHandlers {
  const sendToTab = typedSendToTab(ports.sendToTab);
  return {
    'content→background:ap.state': async (state, { tabId }) => {
      // The audit's counts stay until the next audit report replaces them.
      if (tabId != null) {
        const now = await updateTabState(tabId, (before) => ({
          ...state,
          counts: before?.counts,
          contextNip: before?.contextNip,
          companies: before?.companies,
        }));
        ports.tabChanged(tabId, now);
      }
      return { ok: true };
    },
    'content→background:audit.profile': async ({ environment, contextNip }) => {
      const settings = await readSettings();
      const client = contextNip ? await provider.linked() : null;
      if (client && contextNip && settings.profile) {
        try {
          const status = await provider.statusOf(client, environment, contextNip, false);
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
        // Leftovers are judged only against a provider's profile; without one set up, none can have been found.
        const profiled = (await readSettings()).profile !== null;
        const now = await updateTabState(tabId, (state) =>
          state
            ? {
                ...state,
                counts: { ...report.counts, whole: report.items !== null, profiled },
                contextNip: report.contextNip,
                companies: report.companies,
              }
            : null,
        );
        ports.tabChanged(tabId, now);
      }
      if (!report.contextNip || !report.items) return { previousAt: null, added: [], removed: [], changed: [] };
      const scope = `${report.environment}:${report.contextNip}`;
      const previous = await lastAudit(scope);
      const diff = diffAudits(previous?.items ?? null, report.items);
      await saveAudit({ scope, at: ports.now(), items: report.items });
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
    'popup→background:tab.state': async ({ tabId }) => ({ state: await getTabState(tabId) }),
    // The tab itself decides: it refuses a company other than the one its page already shows.
    'popup→background:tab.company': async ({ tabId, contextNip }) => {
      const answer = await sendToTab(tabId, 'background→content:company', { contextNip }).catch(() => null);
      if (!answer) return { accepted: false, contextNip: null };
      if (answer.accepted) {
        const now = await updateTabState(tabId, (state) =>
          state
            ? {
                ...state,
                contextNip,
                companies: [...addClaim(state.companies ?? [], { nip: contextNip, source: 'user' })],
              }
            : null,
        );
        ports.tabChanged(tabId, now);
      }
      return answer;
    },
  };
}
