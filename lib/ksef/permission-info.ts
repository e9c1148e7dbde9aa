import {
  INVOICING_SCOPES,
  isPermissionValue,
  type Localised,
  type PermissionKind,
  type PermissionValue,
} from './vocabulary';

/**
 * Each permission's kind and its label in Polish and English (apart from the value lists, so that the AP tab's
 * script, which needs only the lists, does not carry the labels).
 */
export interface PermissionInfo {
  value: PermissionValue;
  kind: PermissionKind;
  /** Can be granted through a grant endpoint (roles and internal permissions cannot). */
  grantable: boolean;
  /** Within "issuing and viewing invoices": what an invoicing integration needs at most. */
  invoicing: boolean;
  label: Localised;
}

const info = (value: PermissionValue, kind: PermissionKind, grantable: boolean, label: Localised): PermissionInfo => ({
  value,
  kind,
  grantable,
  invoicing: INVOICING_SCOPES.includes(value),
  label,
});

export const PERMISSIONS: Readonly<Record<PermissionValue, PermissionInfo>> = {
  InvoiceWrite: info('InvoiceWrite', 'person', true, { pl: 'wystawianie faktur', en: 'issuing invoices' }),
  InvoiceRead: info('InvoiceRead', 'person', true, { pl: 'przeglądanie faktur', en: 'viewing invoices' }),
  CredentialsManage: info('CredentialsManage', 'person', true, {
    pl: 'zarządzanie uprawnieniami',
    en: 'managing permissions',
  }),
  CredentialsRead: info('CredentialsRead', 'person', true, {
    pl: 'przeglądanie uprawnień',
    en: 'viewing permissions',
  }),
  Introspection: info('Introspection', 'person', true, {
    pl: 'przeglądanie historii sesji',
    en: 'viewing session history',
  }),
  SubunitManage: info('SubunitManage', 'person', true, {
    pl: 'zarządzanie jednostkami podrzędnymi',
    en: 'managing sub-units',
  }),
  EnforcementOperations: info('EnforcementOperations', 'person', true, {
    pl: 'wykonywanie operacji egzekucyjnych',
    en: 'enforcement operations',
  }),
  CollectiveIdentifierManage: info('CollectiveIdentifierManage', 'person', true, {
    pl: 'zarządzanie identyfikatorami zbiorczymi',
    en: 'managing collective identifiers',
  }),
  VatUeManage: info('VatUeManage', 'eu-admin', false, {
    pl: 'zarządzanie uprawnieniami w kontekście NIP-VAT UE',
    en: 'managing permissions in a NIP-VAT EU context',
  }),
  SelfInvoicing: info('SelfInvoicing', 'entity-authorization', true, {
    pl: 'samofakturowanie',
    en: 'self-billing',
  }),
  RRInvoicing: info('RRInvoicing', 'entity-authorization', true, {
    pl: 'wystawianie faktur VAT RR',
    en: 'issuing VAT RR invoices',
  }),
  TaxRepresentative: info('TaxRepresentative', 'entity-authorization', true, {
    pl: 'przedstawiciel podatkowy',
    en: 'tax representative',
  }),
  PefInvoicing: info('PefInvoicing', 'entity-authorization', true, {
    pl: 'wystawianie faktur PEF',
    en: 'issuing PEF invoices',
  }),
  PefInvoiceWrite: info('PefInvoiceWrite', 'internal', false, {
    pl: 'wysyłanie faktur PEF (dostawca Peppol)',
    en: 'sending PEF invoices (Peppol provider)',
  }),
  Owner: info('Owner', 'role', false, { pl: 'właściciel', en: 'owner' }),
  CourtBailiff: info('CourtBailiff', 'role', false, { pl: 'komornik sądowy', en: 'court bailiff' }),
  EnforcementAuthority: info('EnforcementAuthority', 'role', false, {
    pl: 'organ egzekucyjny',
    en: 'enforcement authority',
  }),
  LocalGovernmentUnit: info('LocalGovernmentUnit', 'role', false, {
    pl: 'jednostka samorządu terytorialnego',
    en: 'local government unit',
  }),
  LocalGovernmentSubUnit: info('LocalGovernmentSubUnit', 'role', false, {
    pl: 'jednostka podrzędna JST',
    en: 'local government sub-unit',
  }),
  VatGroupUnit: info('VatGroupUnit', 'role', false, { pl: 'grupa VAT', en: 'VAT group' }),
  VatGroupSubUnit: info('VatGroupSubUnit', 'role', false, { pl: 'członek grupy VAT', en: 'VAT group member' }),
};

/** Label in the user's language; an unknown value (a future KSeF release) is shown as it came. */
export function permissionLabel(value: string, lang: 'pl' | 'en'): string {
  return isPermissionValue(value) ? PERMISSIONS[value].label[lang] : value;
}
