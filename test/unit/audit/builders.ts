import type { GrantLike, ProviderProfile } from '@/lib/audit/types';

/** Builders for audit tests (docs/architecture.md §8, habit 13). */
let n = 0;
export function makeGrant(over: Partial<GrantLike> = {}): GrantLike {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    authorizedIdentifier: { type: 'Nip', value: '7762811692' },
    authorIdentifier: { type: 'Pesel', value: '15062788702' },
    permissionScope: 'InvoiceWrite',
    permissionState: 'Active',
    canDelegate: false,
    description: 'Fakturowo – integracja',
    startDate: `2026-0${1 + (n % 9)}-01T00:00:00Z`,
    subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: 'Fakturowo sp. z o.o.' },
    ...over,
  };
}

export function makeProfile(over: Partial<ProviderProfile> = {}): ProviderProfile {
  return {
    name: 'Fakturowo',
    providerNips: ['776-281-16-92'],
    state: 'active',
    scopes: ['InvoiceWrite', 'InvoiceRead'],
    mode: 'provider-certificates',
    ...over,
  };
}

export const CTX = { contextNip: '5265877635', environment: 'DEMO' } as const;
