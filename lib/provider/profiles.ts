/**
 * Providers we know, for the options page (the provider issue feeds the profile from the provider API's
 * status instead). NIPs as the providers publish them; sorted by name.
 */
export interface KnownProvider {
  id: string;
  name: string;
  nips: string[];
  scopes: string[];
}

export const KNOWN_PROVIDERS: readonly KnownProvider[] = [
  { id: 'fakturowo', name: 'Fakturowo', nips: ['7762811692'], scopes: ['InvoiceWrite', 'InvoiceRead'] },
];
