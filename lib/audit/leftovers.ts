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
  // Only what is provably the provider's may be removed: grants to its NIPs, tokens it declared or authored,
  // certificates it declared. A token or certificate that merely names it (a common word can) stays information.
  const items = (audit.card?.items ?? []).filter(
    (i) =>
      (i.kind !== 'token' && i.kind !== 'certificate') ||
      i.flags.includes('declared') ||
      (i.kind === 'token' && i.flags.includes('authored-by-provider')),
  );
  const tokens = new Map(records.tokens.map((t) => [t.referenceNumber, t]));
  const grants = new Map([...records.grants, ...records.subunits].map((g) => [g.id, g as GrantLike]));
  const authorizations = new Map(records.authorizations.map((a) => [a.id, a]));
  const holder = (i: { type: string; value?: string | null }, name?: string) =>
    i.value ? { type: i.type, value: i.value, ...(name ? { name: name.slice(0, 200) } : {}) } : undefined;
  const certificates = new Map(records.certificates.map((c) => [c.certificateSerialNumber, c]));
  return {
    leftovers: items.flatMap((i): RemovableItem[] => {
      if (i.kind === 'grant' || i.kind === 'subunit') {
        const g = grants.get(i.id);
        const who = g && holder(g.authorizedIdentifier, g.subjectEntityDetails?.fullName ?? personName(g));
        return [{ kind: 'grant', id: i.id, scopes: i.scopes, ...(who ? { holder: who } : {}) }];
      }
      if (i.kind === 'authorization') {
        const a = authorizations.get(i.id);
        const who = a && holder(a.authorizedEntityIdentifier);
        return [{ kind: 'authorization', id: i.id, scopes: i.scopes, ...(who ? { holder: who } : {}) }];
      }
      const token = i.kind === 'token' ? tokens.get(i.id) : undefined;
      if (!token || !ACTIVE_TOKENS.has(token.status)) return [];
      const author = holder(token.authorIdentifier);
      return [
        {
          kind: 'token',
          id: i.id,
          scopes: i.scopes,
          ...(author ? { holder: author } : {}),
          description: token.description.slice(0, 300),
        },
      ];
    }),
    ownerCertificates: items.flatMap((i) => {
      const c = i.kind === 'certificate' ? certificates.get(i.id) : undefined;
      return c && ACTIVE_CERTIFICATES.has(c.status)
        ? [{ serial: c.certificateSerialNumber, name: c.name, validTo: c.validTo }]
        : [];
    }),
  };
}

const personName = (g: GrantLike) =>
  g.subjectPersonDetails
    ? `${g.subjectPersonDetails.firstName ?? ''} ${g.subjectPersonDetails.lastName ?? ''}`.trim()
    : undefined;

/** Where only the AP's rows can be read: the provider's rows, named `row-<NIP>-<scope>` (stable across reloads). */
export function rowLeftovers(rows: readonly RowFacts[], providerNips: readonly string[]): RemovableItem[] {
  const nips = new Set(providerNips.map((n) => identifierKey('Nip', n)));
  return recordsFromRows(rows)
    .filter((r) => nips.has(identifierKey(r.authorizedIdentifier.type, r.authorizedIdentifier.value)))
    .map((r) => ({
      kind: 'grant',
      id: `row-${r.authorizedIdentifier.value}-${r.permissionScope}`,
      scopes: [r.permissionScope],
      holder: { type: 'Nip', value: r.authorizedIdentifier.value ?? '' },
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
