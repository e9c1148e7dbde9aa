/**
 * Permission labels as the AP writes them (docs/ap.md: "Zakres uprawnień", "Generowanie tokena"; our replica's
 * table labels), lower-cased, to the KSeF value. One edit here fixes a renamed label.
 */
export const AP_SCOPE_LABELS: Readonly<Record<string, string>> = {
  'faktury pef': 'PefInvoicing',
  'faktury vat rr': 'RRInvoicing',
  'operacje egzekucyjne': 'EnforcementOperations',
  'przedstawiciel podatkowy': 'TaxRepresentative',
  'przeglądanie faktur': 'InvoiceRead',
  'przeglądanie historii sesji': 'Introspection',
  'przeglądanie uprawnień': 'CredentialsRead',
  samofakturowanie: 'SelfInvoicing',
  'wykonywanie operacji egzekucyjnych': 'EnforcementOperations',
  'wystawianie faktur': 'InvoiceWrite',
  'zarządzanie jednostkami podrzędnymi': 'SubunitManage',
  'zarządzanie uprawnieniami': 'CredentialsManage',
};
