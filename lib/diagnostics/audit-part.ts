import type { ApLocation } from '../ap/pages';
import type { SessionSnapshot } from '../audit/session';
import { countVerdicts } from '../audit/summary';
import type { Classified, GrantLike } from '../audit/types';
import { identifierKey } from '../ksef/identifiers';
import type { CompanyClaim } from '../audit/company';
import { evidenceOf } from '../audit/evidence';
import type { AuditDiagnostics } from '../messaging/diagnostics-format';
import { MAX_CARD_ITEMS } from '../audit/card';

const MAX_GRANTS = 20_000;

/** The page's audit as a report carries it (identifiers as they are; the report masks them). */
export function auditDiagnosticsOf(
  snap: SessionSnapshot,
  visit: {
    contextNip: string | null;
    rowAudit: { records: GrantLike[]; classified: Classified[] } | null;
    companies: readonly CompanyClaim[];
    outdatedAt: number | null;
  },
  location: ApLocation,
  skipped: number,
): AuditDiagnostics {
  const card = snap.audit.card;
  const records = visit.rowAudit?.records ?? snap.records.grants;
  const classified = visit.rowAudit?.classified ?? snap.audit.grants;
  return {
    environment: location.environment,
    page: location.page,
    contextNip: visit.contextNip,
    profile: snap.profile
      ? { name: snap.profile.name, state: snap.profile.state, mode: snap.profile.mode, scopes: snap.profile.scopes }
      : null,
    card: card
      ? {
          name: card.name,
          state: card.state,
          expected: card.expected,
          counts: card.counts,
          items: card.items.slice(0, MAX_CARD_ITEMS).map((i) => ({
            kind: i.kind,
            id: i.id,
            scopes: i.scopes,
            verdict: i.verdict,
            flags: i.flags,
          })),
        }
      : null,
    grants: records.slice(0, MAX_GRANTS).map((g, i) => ({
      id: g.id,
      grantee: identifierKey(g.authorizedIdentifier.type, g.authorizedIdentifier.value),
      scope: g.permissionScope,
      verdict: classified[i]?.verdict ?? 'other',
      flags: classified[i]?.flags ?? [],
    })),
    missing: snap.audit.missing,
    rowsOnly: visit.rowAudit
      ? { rows: visit.rowAudit.records.length, counts: countVerdicts(visit.rowAudit.classified) }
      : null,
    kinds: snap.kinds,
    evidence: evidenceOf(snap, visit),
    recognition: {
      captures: snap.captures,
      rejected: snap.rejected,
      skipped,
      unrecognisedKeys: snap.unrecognisedKeys,
    },
  };
}
