/**
 * Permission labels as the AP may write them, to the KSeF value: Polish stems that take any inflection
 * ("Wystawianie faktur", "Wystawiania faktur" as the grant form writes it), the English an English AP may show,
 * and the raw KSeF value. Sources: docs/ap.md ("Zakres uprawnień", "Generowanie tokena", the grant form), the
 * permission vocabulary (lib/ksef/permission-info.ts); read 2026-11-30. One edit here fixes a renamed label.
 * Order matters: a longer label is tried before one it contains ("faktur VAT RR" before "faktur").
 */
export const AP_SCOPE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bfaktur\S* vat rr\b|\bvat rr invoic\S*|\brrinvoicing\b/, 'RRInvoicing'],
  [/\bfaktur\S* pef\b|\bpef invoic\S*|\bpefinvoicing\b/, 'PefInvoicing'],
  [/\bzarządz\S* (?:jednost|podmiot)\S* podrzędn\S*|\bmanag\S* sub-?units?\b|\bsubunitmanage\b/, 'SubunitManage'],
  [
    /\bzarządz\S* identyfikator\S* zbiorcz\S*|\bcollective identifiers?\b|\bcollectiveidentifiermanage\b/,
    'CollectiveIdentifierManage',
  ],
  [/\boperacj\S* egzekucyjn\S*|\benforcement operations?\b|\benforcementoperations\b/, 'EnforcementOperations'],
  [/\bprzedstawiciel\S* podatkow\S*|\btax representative\b|\btaxrepresentative\b/, 'TaxRepresentative'],
  [/\bhistori\S* sesji\b|\bsession history\b|\bintrospection\b/, 'Introspection'],
  [/\bsamofakturowa\S*|\bself-?(?:billing|invoicing)\b|\bselfinvoicing\b/, 'SelfInvoicing'],
  [/\bwystawi\S* faktur\S*|\bissu\S* invoices?\b|\binvoicewrite\b/, 'InvoiceWrite'],
  [/\bprzegląd\S* faktur\S*|\b(?:view|read)\S* invoices?\b|\binvoiceread\b/, 'InvoiceRead'],
  [/\bzarządz\S* uprawnie\S*|\bmanag\S* permissions?\b|\bcredentialsmanage\b/, 'CredentialsManage'],
  [/\bprzegląd\S* uprawnie\S*|\b(?:view|read)\S* permissions?\b|\bcredentialsread\b/, 'CredentialsRead'],
];

/**
 * How each AP list names itself: its page heading and its column headings (docs/ap.md "Tokeny" and
 * "Certyfikaty": the public columns of "Lista tokenów" and "Lista certyfikatów"; the permission list's columns
 * are not public, so its entries are words any such list carries). Lower case; a heading matches when it starts
 * with one of these. Read 2026-11-30.
 */
export const LIST_SIGNS = {
  permissions: {
    headings: ['zarządzaj uprawnieniami', 'zarządzanie uprawnieniami', 'lista uprawnień', 'manage permissions'],
    columns: ['uprawnienie', 'zakres uprawnień', 'rodzaj uprawnienia', 'permission', 'scope'],
  },
  tokens: {
    headings: ['lista tokenów', 'tokeny', 'token list', 'tokens'],
    columns: ['nazwa tokena', 'twórca tokena', 'data aktywacji tokena', 'data ostatniego użycia tokena', 'token name'],
  },
  certificates: {
    headings: ['lista certyfikatów', 'certyfikaty', 'certificate list', 'certificates'],
    columns: ['numer seryjny certyfikatu', 'numer seryjny', 'nazwa własna', 'przeznaczenie', 'serial number'],
  },
} as const;
