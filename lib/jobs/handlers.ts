import { diffAudits } from '../audit/diff';
import type { Handlers } from '../messaging/background';
import { lastAudit, saveAudit } from '../storage/history';
import { readSettings } from '../storage/settings';
import { getTabState, putTabState } from '../storage/tab-state';

/** The background's answers to the protocol. Browser calls it needs (the badge) are passed in. */
export interface BackgroundPorts {
  version: string;
  setBadge: (tabId: number, text: string, alarming: boolean) => void;
  /** Inject the panel's UI bundle into a tab's top frame. */
  injectPanel: (tabId: number) => Promise<void>;
  now?: () => number;
}

const LIST_LIMIT = 50;

export function createHandlers(ports: BackgroundPorts): Handlers {
  const now = ports.now ?? Date.now;
  return {
    'content→background:ap.state': async (state, { tabId }) => {
      if (tabId != null) await putTabState(tabId, state);
      return { ok: true };
    },
    'content→background:audit.profile': async () => {
      const p = (await readSettings()).profile;
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
    'popup→background:tab.state': async ({ tabId }) => ({ state: await getTabState(tabId) }),
    'popup→background:app.info': async () => ({
      version: ports.version,
      providerConfigured: (await readSettings()).providerApiUrl !== null,
    }),
  };
}
