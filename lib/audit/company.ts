import { formatNip } from '../ksef/identifiers';

/**
 * Whose KSeF the AP tab shows. The page may say it in several ways: the access token of its requests (`civ`), the
 * AP's own header, or the user in the popup. Each claim is kept with its source; the visit's company is the one NIP
 * all of them name. Two that disagree leave the visit without a company: nothing is done for either until the user
 * has sorted it out (docs/architecture.md §4a).
 */
export const COMPANY_SOURCES = ['token', 'header', 'user'] as const;
export type CompanySource = (typeof COMPANY_SOURCES)[number];
export interface CompanyClaim {
  nip: string;
  source: CompanySource;
}

/** More distinct claims than this change nothing: the visit is already in conflict. */
export const MAX_CLAIMS = 4;

export function addClaim(claims: readonly CompanyClaim[], claim: CompanyClaim): readonly CompanyClaim[] {
  if (claims.some((c) => c.nip === claim.nip && c.source === claim.source) || claims.length >= MAX_CLAIMS)
    return claims;
  return [...claims, claim];
}

/** A visit's company after one more claim; null when the claim adds nothing. */
export function withClaim(
  visit: { companies: readonly CompanyClaim[] },
  claim: CompanyClaim,
): { companies: readonly CompanyClaim[]; contextNip: string | null } | null {
  const companies = addClaim(visit.companies, claim);
  return companies === visit.companies ? null : { companies, contextNip: companyOf(companies).nip };
}

export interface Company {
  /** The NIP every claim names; null when there is none, or when they disagree. */
  nip: string | null;
  /** Where it came from. */
  sources: CompanySource[];
  /** The NIPs named when the claims disagree (empty when they agree). */
  conflict: string[];
}

export function companyOf(claims: readonly CompanyClaim[]): Company {
  const nips = [...new Set(claims.map((c) => c.nip))];
  if (nips.length === 1) return { nip: nips[0]!, sources: [...new Set(claims.map((c) => c.source))], conflict: [] };
  return { nip: null, sources: [], conflict: nips.length > 1 ? nips : [] };
}

/** "526-587-76-35 (z tokenu sesji AP), 776-281-16-92 (z nagłówka AP)": each NIP named, with who named it. */
export function claimsText(claims: readonly CompanyClaim[], t: (key: string) => string): string {
  const byNip = new Map<string, CompanySource[]>();
  for (const c of claims) byNip.set(c.nip, [...(byNip.get(c.nip) ?? []), c.source]);
  const named = (sources: CompanySource[]) =>
    COMPANY_SOURCES.filter((s) => sources.includes(s)).map((s) => t(`companySource_${s}`));
  return [...byNip].map(([nip, sources]) => `${formatNip(nip)} (${named(sources).join(', ')})`).join('; ');
}

/**
 * The company as the popup names it: its NIP and where the extension learned it (the claims, or the user's word
 * the tab has not reported yet).
 */
export function companyLine(claims: readonly CompanyClaim[], nip: string, t: (key: string) => string): string {
  return companyOf(claims).nip === nip ? claimsText(claims, t) : `${formatNip(nip)} (${t('companySource_user')})`;
}
