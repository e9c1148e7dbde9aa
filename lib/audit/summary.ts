import { identifierKey } from '../ksef/identifiers';
import type { SessionSnapshot } from './session';
import type { HistoryItem } from './history-item';
import type { Classified, Verdict } from './types';

/**
 * What a visit reports to the background: counts for the badge, and, once every page was read, the items
 * for the history (a single page would make the grants on other pages look removed).
 */
export interface AuditReport {
  counts: { integration: number; leftover: number; risk: number; missing: number };
  items: HistoryItem[] | null;
}

/** How many of each verdict. */
export function countVerdicts(verdicts: readonly { verdict: Verdict }[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { integration: 0, leftover: 0, risk: 0, other: 0 };
  for (const v of verdicts) out[v.verdict]++;
  return out;
}

/** `rowVerdicts`: the rows judged from their text when nothing was captured; they replace the card's counts. */
export function auditReport(snap: SessionSnapshot, rowVerdicts: readonly Classified[] | null): AuditReport {
  const audit = snap.audit;
  const c = rowVerdicts ? countVerdicts(rowVerdicts) : countVerdicts(audit.card?.items ?? []);
  const items = snap.kinds.grants.complete
    ? snap.records.grants.map((g, i) => ({
        key: g.id,
        kind: 'grants',
        grantee: identifierKey(g.authorizedIdentifier.type, g.authorizedIdentifier.value).slice(0, 80),
        scope: g.permissionScope.slice(0, 40),
        verdict: audit.grants[i]?.verdict ?? 'other',
      }))
    : null;
  return {
    counts: {
      integration: c.integration,
      leftover: c.leftover,
      risk: c.risk,
      missing: rowVerdicts ? 0 : audit.missing.length,
    },
    items,
  };
}
