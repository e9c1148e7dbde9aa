import type { OwnerCertificate } from './owner-certificate';
import { identifierKey } from '../ksef/identifiers';
import { buildAudit } from './card';
import type { RemovableItem } from './remove';
import { recordsFromRows, type RowFacts } from './rows';
import type { SessionSnapshot } from './session';
import type { AuditContext, Classified, GrantLike, Verdict } from './types';

/**
 * What a verified disconnect looks for after the provider has revoked: the provider's grants, entity
 * authorisations and live tokens that KSeF still shows (removable from the user's session), the certificates in
 * the user's name (only the owner can revoke them), and who each item is, so that a guide can find its row.
 */
export interface DisconnectProfile {
  name: string;
  providerNips: string[];
  tokenReferences: string[];
  certificateSerials: string[];
}
export type { OwnerCertificate };
/** Who an item is on the AP's list: its grantee and the scope its row names. */
export interface GuideTarget {
  type: string;
  value: string;
  scope: string;
}

const ACTIVE_TOKENS = new Set(['Pending', 'Active']);
const ACTIVE_CERTIFICATES = new Set(['Active', 'Blocked']);

export function leftoversOf(
  records: SessionSnapshot['records'],
  profile: DisconnectProfile,
  ctx: AuditContext,
): { leftovers: RemovableItem[]; ownerCertificates: OwnerCertificate[] } {
  const audit = buildAudit(
    records,
    {
      name: profile.name,
      providerNips: profile.providerNips,
      state: 'disconnected',
      scopes: ['InvoiceWrite', 'InvoiceRead'],
      mode: 'provider-certificates',
      footprint: { tokenReferences: profile.tokenReferences, certificateSerials: profile.certificateSerials },
    },
    ctx,
  );
  const items = audit.card?.items ?? [];
  const tokens = new Map(records.tokens.map((t) => [t.referenceNumber, t]));
  const certificates = new Map(records.certificates.map((c) => [c.certificateSerialNumber, c]));
  return {
    leftovers: items.flatMap((i): RemovableItem[] => {
      if (i.kind === 'grant' || i.kind === 'subunit') return [{ kind: 'grant', id: i.id, scopes: i.scopes }];
      if (i.kind === 'authorization') return [{ kind: 'authorization', id: i.id, scopes: i.scopes }];
      const token = i.kind === 'token' ? tokens.get(i.id) : undefined;
      return token && ACTIVE_TOKENS.has(token.status) ? [{ kind: 'token', id: i.id, scopes: i.scopes }] : [];
    }),
    ownerCertificates: items.flatMap((i) => {
      const c = i.kind === 'certificate' ? certificates.get(i.id) : undefined;
      return c && ACTIVE_CERTIFICATES.has(c.status)
        ? [{ serial: c.certificateSerialNumber, name: c.name, validTo: c.validTo }]
        : [];
    }),
  };
}

/** Where only the AP's rows can be read: the provider's rows, named `row-<NIP>-<scope>` (stable across reloads). */
export function rowLeftovers(rows: readonly RowFacts[], providerNips: readonly string[]): RemovableItem[] {
  const nips = new Set(providerNips.map((n) => identifierKey('Nip', n)));
  return recordsFromRows(rows)
    .filter((r) => nips.has(identifierKey(r.authorizedIdentifier.type, r.authorizedIdentifier.value)))
    .map((r) => ({
      kind: 'grant',
      id: `row-${r.authorizedIdentifier.value}-${r.permissionScope}`,
      scopes: [r.permissionScope],
    }));
}

/** Who each item is, from its row name or this visit's records: what a guided removal looks for. */
export function guideTargets(items: readonly RemovableItem[], records: SessionSnapshot['records']): GuideTarget[] {
  return items.flatMap((it) => {
    const row = /^row-(\d{10})-(\w+)$/.exec(it.id);
    if (row) return [{ type: 'Nip', value: row[1]!, scope: row[2]! }];
    const who =
      it.kind === 'authorization'
        ? records.authorizations.find((a) => a.id === it.id)?.authorizedEntityIdentifier
        : records.grants.find((g) => g.id === it.id)?.authorizedIdentifier;
    return who ? [{ type: who.type, value: who.value ?? '', scope: it.scopes[0] ?? '' }] : [];
  });
}

/** Who the records with `verdict` are (records and their classification side by side): what a tour points at. */
export function verdictTargets(
  records: readonly GrantLike[],
  classified: readonly Classified[],
  verdict: Verdict = 'leftover',
): GuideTarget[] {
  return records.flatMap((r, i) =>
    classified[i]?.verdict === verdict
      ? [{ type: r.authorizedIdentifier.type, value: r.authorizedIdentifier.value ?? '', scope: r.permissionScope }]
      : [],
  );
}
