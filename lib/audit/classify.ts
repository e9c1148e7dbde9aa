import { checkNip, identifierKey, normaliseNip } from '../ksef/identifiers';
import { PERMISSIONS, isPermissionValue } from '../ksef/vocabulary';
import type { AuditContext, Classified, Flag, GrantLike, ProviderProfile, Verdict } from './types';

/**
 * Classify permission records against the integration profile (architecture.md §4):
 * `integration` belongs to the active integration and is expected; `leftover` belongs to the provider but the
 * provider is disconnected, or is more than the integration needs (a duplicate, an unexpected scope, an
 * inactive copy); `risk` is broader than invoicing or delegable for the provider's NIP, or an entity nobody can
 * name; `other` is not the provider's. `missing` lists expected scopes KSeF does not show. Pure; never throws on
 * input that passed the schemas.
 */
const INVOICING = new Set(['InvoiceWrite', 'InvoiceRead']);

export function providerNipKeys(profile: ProviderProfile | null): Set<string> {
  return new Set((profile?.providerNips ?? []).map((n) => identifierKey('Nip', normaliseNip(n))));
}

function isInvoicing(scope: string): boolean {
  return INVOICING.has(scope) || (isPermissionValue(scope) && PERMISSIONS[scope].invoicing);
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
  const earliest = new Map<string, number>();
  const duplicateIdx = new Set<number>();
  const dateOf = (i: number) => String(records[i]!.startDate ?? '');
  records.forEach((r, i) => {
    if (r.permissionState === 'Inactive') return;
    const key = `${keyOf(r.authorizedIdentifier.type, r.authorizedIdentifier.value)}|${r.permissionScope}`;
    const seen = earliest.get(key);
    if (seen === undefined) earliest.set(key, i);
    else if (dateOf(i) < dateOf(seen)) {
      duplicateIdx.add(seen);
      earliest.set(key, i);
    } else duplicateIdx.add(i);
  });

  const present = new Set<string>();
  const out = records.map((r, i): Classified => {
    const flags: Flag[] = [];
    const grantee = keyOf(r.authorizedIdentifier.type, r.authorizedIdentifier.value);
    const isProvider = r.authorizedIdentifier.type === 'Nip' && providers.has(grantee);
    if (isProvider) flags.push('provider');
    if (r.canDelegate) flags.push('can-delegate');
    if (!isInvoicing(r.permissionScope)) flags.push('beyond-invoicing');
    if (r.permissionState === 'Inactive') flags.push('inactive');
    if (r.authorIdentifier?.type === 'System') flags.push('system-granted');
    if (duplicateIdx.has(i)) flags.push('duplicate');
    if (profile?.footprint?.grantIds?.includes(r.id)) flags.push('declared');
    const entity = r.authorizedIdentifier.type === 'Nip';
    const nameless = !r.subjectEntityDetails?.fullName && !r.subjectPersonDetails?.lastName;
    const badNip = entity && !isProvider && !checkNip(r.authorizedIdentifier.value).ok;
    if (!isProvider && entity && (nameless || badNip)) flags.push('unknown-entity');

    let verdict: Verdict = 'other';
    if (isProvider) {
      if (disconnected) {
        flags.push('provider-disconnected');
        verdict = 'leftover';
      } else if (flags.includes('beyond-invoicing') || flags.includes('can-delegate')) {
        verdict = 'risk';
      } else if (!expected.has(r.permissionScope)) {
        flags.push('not-expected');
        verdict = 'leftover';
      } else if (flags.includes('duplicate') || flags.includes('inactive')) {
        verdict = 'leftover';
      } else {
        verdict = 'integration';
        present.add(r.permissionScope);
      }
      // A risky grant still gives the scope it names; it is not missing, it is too much.
      if (verdict === 'risk' && expected.has(r.permissionScope) && !flags.includes('inactive'))
        present.add(r.permissionScope);
    } else if (flags.includes('unknown-entity')) {
      verdict = 'risk';
    }
    return { id: r.id, verdict, flags };
  });

  const missing = profile && !disconnected ? [...expected].filter((s) => !present.has(s)) : [];
  return { records: out, missing };
}
