/**
 * Invoicing services Polish firms connect to KSeF, as their own published terms name the company behind them
 * (read 2026-11-30). `nips`: the operator's NIP, which is the NIP a provider acts with in KSeF when it is granted
 * invoicing for its own NIP (docs/architecture.md §5a); a service that works through certificates or tokens in
 * the user's name instead shows up by name, not by NIP. Only NIPs a source states, each checksum-valid (tested).
 * Sorted by name. The simulation's fictional provider is test data (test/sim/people.ts), never listed here.
 */
export interface RegistryEntry {
  id: string;
  name: string;
  nips: readonly string[];
  /** What KSeF grants the service asks for in the common model. */
  scopes: readonly string[];
  /** Where the NIP was read: the service's terms or imprint. */
  source: string;
  read: string;
}

const INVOICING = ['InvoiceWrite', 'InvoiceRead'] as const;
const READ = '2026-11-30';

export const PROVIDER_REGISTRY: readonly RegistryEntry[] = [
  {
    id: 'fakturki24',
    name: 'Fakturki24',
    nips: ['8561770604', '8561638112'],
    scopes: INVOICING,
    source: 'http://www.fakturki24.pl/regulamin-programu-fakturki24.html',
    read: READ,
  },
  {
    id: 'fakturomania',
    name: 'Fakturomania',
    nips: ['5291802680'],
    scopes: INVOICING,
    source: 'https://fakturomania.pl/regulamin/',
    read: READ,
  },
  {
    id: 'fakturowo',
    name: 'Fakturowo.pl',
    nips: ['7712255384'],
    scopes: INVOICING,
    source: 'https://www.fakturowo.pl/regulamin',
    read: READ,
  },
  {
    id: 'faktury-pl',
    name: 'faktury.pl',
    nips: ['1182217609'],
    scopes: INVOICING,
    source: 'https://faktury.pl/regulamin',
    read: READ,
  },
  {
    id: 'ifirma',
    name: 'ifirma.pl',
    nips: ['8981647572'],
    scopes: INVOICING,
    source: 'https://www.ifirma.pl/aktualnosci/regulamin-serwisu-ifirma-pl.html',
    read: READ,
  },
  {
    id: 'infakt',
    name: 'inFakt',
    nips: ['9452121681'],
    scopes: INVOICING,
    source: 'https://www.infakt.pl/regulamin/',
    read: READ,
  },
  {
    id: 'ksefapi',
    name: 'KSeF API (ksefapi.pl)',
    nips: ['7272445205'],
    scopes: INVOICING,
    source: 'https://ksefapi.pl/en/regulamin',
    read: READ,
  },
  {
    id: 'wfirma',
    name: 'wFirma',
    nips: ['8982167294'],
    scopes: INVOICING,
    source: 'https://pomoc.wfirma.pl/-polityka-prywatnosci',
    read: READ,
  },
];
