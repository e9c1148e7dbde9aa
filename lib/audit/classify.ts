import { identifierKey, isValidNip, normaliseNip } from '../ksef/identifiers';
import { INVOICING_SCOPES } from '../ksef/vocabulary';
import type { AuditContext, Classified, Flag, GrantLike, ProviderProfile, Verdict } from './types';

/**
 * Classify permission records against the integration profile (docs/architecture.md §4):
 * `integration` belongs to the active integration and is expected; `leftover` belongs to the provider but the
 * provider is disconnected, or is more than the integration needs (a duplicate, an unexpected scope, an
 * inactive copy); `risk` is broader than invoicing or delegable for the provider's NIP, or an entity nobody can
 * name; `other` is not the provider's. `missing` lists expected scopes KSeF does not show. Pure; never throws on
 * input that passed the schemas.
 */
const INVOICING = new Set<string>(INVOICING_SCOPES);

export function providerNipKeys(profile: ProviderProfile | null): Set<string> {
  return new Set((profile?.providerNips ?? []).map((n) => identifierKey('Nip', normaliseNip(n))));
}

function isInvoicing(scope: string): boolean {
  return INVOICING.has(scope);
}

export function classifyGrants(
  records: readonly GrantLike[],
  profile: ProviderProfile | null,
  ctx: AuditContext,
): { records: Classified[]; missing: string[] } {
  void ctx; // records always belong to one context and environment; the caller keeps them apart
  const providers = providerNipKeys(profile);
  const keyOf = identifierKey;
  const expected = new Set(profile?.scopes ?? []);
  const disconnected = profile?.state === 'disconnected';

  // Of several identical active grants the oldest is the one the integration made; the others are duplicates.
  const earliest = new Map<string, Map<string, number>>(); // scope → grantee → index
  const duplicateIdx = new Set<number>();
  const dateOf = (i: number) => String(records[i]!.startDate ?? '');
  const grantees = records.map((r) => keyOf(r.authorizedIdentifier.type, r.authorizedIdentifier.value));
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.permissionState === 'Inactive') continue;
    let byGrantee = earliest.get(r.permissionScope);
    if (!byGrantee) earliest.set(r.permissionScope, (byGrantee = new Map()));
    const seen = byGrantee.get(grantees[i]!);
    if (seen === undefined) byGrantee.set(grantees[i]!, i);
    else if (dateOf(i) < dateOf(seen)) {
      duplicateIdx.add(seen);
      byGrantee.set(grantees[i]!, i);
    } else duplicateIdx.add(i);
  }

  const present = new Set<string>();
  const grantIds = new Set(profile?.footprint?.grantIds ?? []);
  const out = records.map((r, i): Classified => {
    const type = r.authorizedIdentifier.type;
    const entity = type === 'Nip';
    const isProvider = entity && providers.has(grantees[i]!);
    const canDelegate = !!r.canDelegate;
    const beyond = !isInvoicing(r.permissionScope);
    const inactive = r.permissionState === 'Inactive';
    const duplicate = duplicateIdx.has(i);
    const flags: Flag[] = [];
    if (isProvider) flags.push('provider');
    if (canDelegate) flags.push('can-delegate');
    if (beyond) flags.push('beyond-invoicing');
    if (inactive) flags.push('inactive');
    if (r.authorIdentifier?.type === 'System') flags.push('system-granted');
    if (duplicate) flags.push('duplicate');
    if (grantIds.has(r.id)) flags.push('declared');
    const unknownEntity =
      entity &&
      !isProvider &&
      ((!r.subjectEntityDetails?.fullName && !r.subjectPersonDetails?.lastName) ||
        !isValidNip(r.authorizedIdentifier.value));
    if (unknownEntity) flags.push('unknown-entity');

    let verdict: Verdict = 'other';
    if (isProvider) {
      const expectedScope = expected.has(r.permissionScope);
      if (disconnected) {
        flags.push('provider-disconnected');
        verdict = 'leftover';
      } else if (beyond || canDelegate) {
        verdict = 'risk';
        // A risky grant still gives the scope it names; it is not missing, it is too much.
        if (expectedScope && !inactive) present.add(r.permissionScope);
      } else if (!expectedScope) {
        flags.push('not-expected');
        verdict = 'leftover';
      } else if (duplicate || inactive) {
        verdict = 'leftover';
      } else {
        verdict = 'integration';
        present.add(r.permissionScope);
      }
    } else if (unknownEntity) {
      verdict = 'risk';
    }
    return { id: r.id, verdict, flags };
  });

  const missing = profile && !disconnected ? [...expected].filter((s) => !present.has(s)) : [];
  return { records: out, missing };
}
