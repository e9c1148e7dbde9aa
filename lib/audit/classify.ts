import { identifierKey, normaliseNip } from '../ksef/identifiers';
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

/** identifierKey validates and normalises; the same grantee appears on many records, so remember it. */
function keyCache() {
  const cache = new Map<string, string>();
  return (type: string, value: string | null | undefined) => {
    const raw = `${type}\u0000${value ?? ''}`;
    let key = cache.get(raw);
    if (key === undefined) {
      key = identifierKey(type, value);
      cache.set(raw, key);
    }
    return key;
  };
}

export function classifyGrants(
  records: readonly GrantLike[],
  profile: ProviderProfile | null,
  ctx: AuditContext,
): { records: Classified[]; missing: string[] } {
  void ctx; // records always belong to one context and environment; the caller keeps them apart
  const providers = providerNipKeys(profile);
  const keyOf = keyCache();
  const expected = new Set(profile?.scopes ?? []);
  const disconnected = profile?.state === 'disconnected';

  // Oldest first, so that the first of several identical grants is the one the integration made.
  const order = records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = String(a.r.startDate ?? '');
      const y = String(b.r.startDate ?? '');
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    });
  const seen = new Set<string>();
  const duplicateIdx = new Set<number>();
  for (const { r, i } of order) {
    if (r.permissionState === 'Inactive') continue;
    const key = `${keyOf(r.authorizedIdentifier.type, r.authorizedIdentifier.value)}|${r.permissionScope}`;
    if (seen.has(key)) duplicateIdx.add(i);
    else seen.add(key);
  }

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
    const badNip = entity && !/^Nip:\d{10}$/.test(grantee);
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
