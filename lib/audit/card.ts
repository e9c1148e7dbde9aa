import { identifierKey } from '../ksef/identifiers';
import { classifyGrants, providerNipKeys } from './classify';
import type { AuditContext, Classified, Coverage, Flag, GrantLike, ProviderProfile, Verdict } from './types';

/** The card's items a diagnostic report carries (its counts are of all of them). */
export const MAX_CARD_ITEMS = 5000;

/**
 * One card per provider (docs/architecture.md §4): its grants, entity authorisations, sub-unit administrator
 * grants, tokens and certificates, checked against what the provider declares. A token or certificate whose
 * name mentions the provider but that the provider does not declare is flagged.
 */
export interface AuthorizationLike {
  id: string;
  authorizedEntityIdentifier: { type: string; value?: string | null };
  authorizationScope: string;
  description?: string;
}
export interface SubunitLike {
  id: string;
  authorizedIdentifier: { type: string; value?: string | null };
  permissionScope: string;
  description?: string;
}
export interface TokenLike {
  referenceNumber: string;
  authorIdentifier: { type: string; value?: string | null };
  description: string;
  requestedPermissions: string[];
  status: string;
}
export interface CertificateLike {
  certificateSerialNumber: string;
  name: string;
  status: string;
  validTo: string;
}

export interface AuditInput {
  grants: readonly GrantLike[];
  authorizations?: readonly AuthorizationLike[];
  subunits?: readonly SubunitLike[];
  tokens?: readonly TokenLike[];
  certificates?: readonly CertificateLike[];
}

export interface CardItem extends Classified {
  kind: 'grant' | 'authorization' | 'subunit' | 'token' | 'certificate';
  /** What the item gives, in KSeF's words (scope or permissions). */
  scopes: string[];
}

/**
 * A scope the integration needs, as far as the visit has read: `present` (a grant seen), `missing` (the whole list
 * read, none there), `unchecked` (only part of it read), `not-listed` (this page lists no grants).
 */
export type ScopeState = 'present' | 'missing' | 'unchecked' | 'not-listed';
export interface ExpectedScope {
  scope: string;
  present: boolean;
  state: ScopeState;
}

export interface ProviderCard {
  name: string;
  nips: string[];
  state: ProviderProfile['state'];
  /** None for a disconnected provider: what it still holds is listed as leftovers, never ticked. */
  expected: ExpectedScope[];
  items: CardItem[];
  counts: Record<Verdict, number>;
}

export interface Audit {
  card: ProviderCard | null;
  /** Every grant, classified, including those that are not the provider's. */
  grants: Classified[];
  /** Scopes the integration needs that the whole list, read, does not hold (empty unless it was read whole). */
  missing: string[];
  /** How much of the grants list this audit rests on. */
  coverage: Coverage;
}

const mentions = (text: string, name: string) =>
  name.trim().length >= 3 && text.toLowerCase().includes(name.trim().toLowerCase());
const ACTIVE_TOKEN = new Set(['Pending', 'Active']);

function verdictFor(profile: ProviderProfile, flags: Flag[], broad: boolean): Verdict {
  if (profile.state === 'disconnected') return 'leftover';
  if (broad) return 'risk';
  return flags.includes('not-declared') ? 'risk' : 'integration';
}

/** `coverage`: how much of the grants list is read; a scope is missing only from a list read whole. */
export function buildAudit(
  input: AuditInput,
  profile: ProviderProfile | null,
  ctx: AuditContext,
  coverage: Coverage = 'complete',
): Audit {
  const classified = classifyGrants(input.grants, profile, ctx);
  if (!profile) return { card: null, grants: classified.records, missing: [], coverage };
  const nips = providerNipKeys(profile);
  const isProvider = (i: { type: string; value?: string | null }) =>
    i.type === 'Nip' && nips.has(identifierKey('Nip', i.value));
  const items: CardItem[] = [];

  input.grants.forEach((g, i) => {
    const c = classified.records[i]!;
    if (c.flags.includes('provider')) items.push({ ...c, kind: 'grant', scopes: [g.permissionScope] });
  });
  for (const a of input.authorizations ?? []) {
    if (!isProvider(a.authorizedEntityIdentifier)) continue;
    // An entity authorisation lets the provider invoice in its own context on the user's behalf: never needed.
    items.push({
      id: a.id,
      kind: 'authorization',
      scopes: [a.authorizationScope],
      verdict: profile.state === 'disconnected' ? 'leftover' : 'risk',
      flags: ['provider', 'beyond-invoicing'],
    });
  }
  for (const s of input.subunits ?? []) {
    if (!isProvider(s.authorizedIdentifier)) continue;
    items.push({
      id: s.id,
      kind: 'subunit',
      scopes: [s.permissionScope],
      verdict: profile.state === 'disconnected' ? 'leftover' : 'risk',
      flags: ['provider', 'beyond-invoicing'],
    });
  }
  const declaredTokens = new Set(profile.footprint?.tokenReferences ?? []);
  for (const t of input.tokens ?? []) {
    if (!ACTIVE_TOKEN.has(t.status)) continue;
    const authored = isProvider(t.authorIdentifier);
    const declared = declaredTokens.has(t.referenceNumber);
    const named = mentions(t.description, profile.name);
    if (!authored && !declared && !named) continue;
    const flags: Flag[] = ['provider'];
    if (authored) flags.push('authored-by-provider');
    if (named) flags.push('mentions-provider');
    flags.push(declared ? 'declared' : 'not-declared');
    const broad = t.requestedPermissions.some((p) => p !== 'InvoiceWrite' && p !== 'InvoiceRead');
    if (broad) flags.push('beyond-invoicing');
    items.push({
      id: t.referenceNumber,
      kind: 'token',
      scopes: [...t.requestedPermissions],
      verdict: verdictFor(profile, flags, broad || authored),
      flags,
    });
  }
  const declaredCerts = new Set(profile.footprint?.certificateSerials ?? []);
  for (const c of input.certificates ?? []) {
    const declared = declaredCerts.has(c.certificateSerialNumber);
    const named = mentions(c.name, profile.name);
    if (!declared && !named) continue;
    const flags: Flag[] = ['provider', declared ? 'declared' : 'not-declared'];
    if (named) flags.push('mentions-provider');
    if (c.status === 'Expired') flags.push('expired');
    if (c.status === 'Revoked' || c.status === 'Blocked') flags.push('revoked');
    const live = c.status === 'Active';
    const verdict: Verdict = !live ? 'other' : verdictFor(profile, flags, false);
    items.push({ id: c.certificateSerialNumber, kind: 'certificate', scopes: [], verdict, flags });
  }

  const counts: Record<Verdict, number> = { integration: 0, leftover: 0, risk: 0, other: 0 };
  for (const it of items) counts[it.verdict]++;
  const card: ProviderCard = {
    name: profile.name,
    nips: profile.providerNips,
    state: profile.state,
    expected:
      profile.state === 'disconnected'
        ? []
        : profile.scopes.map((scope) => {
            const present = !classified.missing.includes(scope);
            const absent: ScopeState =
              coverage === 'complete' ? 'missing' : coverage === 'not-listed' ? 'not-listed' : 'unchecked';
            return { scope, present, state: present ? 'present' : absent };
          }),
    items,
    counts,
  };
  return { card, grants: classified.records, missing: coverage === 'complete' ? classified.missing : [], coverage };
}
