/**
 * The permission and role vocabulary of KSeF 2.0 (docs/ksef.md §4.2) with Polish and English labels. Polish
 * labels follow the AP's own wording where it is public (docs/ap.md, "Uprawnienia" and "Generowanie tokena"). The
 * one-line explanations live in `vocabulary-explain.ts`, out of the content script's bundle.
 */
export const PERSON_PERMISSIONS = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsManage',
  'CredentialsRead',
  'Introspection',
  'SubunitManage',
  'EnforcementOperations',
  // KSeF 2.7 and later: a permission to manage collective identifiers.
  'CollectiveIdentifierManage',
] as const;
export type PersonPermission = (typeof PERSON_PERMISSIONS)[number];

export const ENTITY_AUTHORIZATIONS = ['SelfInvoicing', 'RRInvoicing', 'TaxRepresentative', 'PefInvoicing'] as const;
export type EntityAuthorization = (typeof ENTITY_AUTHORIZATIONS)[number];

export const ENTITY_ROLES = [
  'CourtBailiff',
  'EnforcementAuthority',
  'LocalGovernmentUnit',
  'LocalGovernmentSubUnit',
  'VatGroupUnit',
  'VatGroupSubUnit',
] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

export const PERMISSION_VALUES = [
  ...PERSON_PERMISSIONS,
  'VatUeManage',
  ...ENTITY_AUTHORIZATIONS,
  'PefInvoiceWrite',
  'Owner',
  ...ENTITY_ROLES,
] as const;
export type PermissionValue = (typeof PERMISSION_VALUES)[number];

export type PermissionKind = 'person' | 'eu-admin' | 'entity-authorization' | 'internal' | 'role';

export interface Localised {
  pl: string;
  en: string;
}

export interface PermissionInfo {
  value: PermissionValue;
  kind: PermissionKind;
  /** Can be granted through a grant endpoint (roles and internal permissions cannot). */
  grantable: boolean;
  /** Within "issuing and viewing invoices": what an invoicing integration needs at most. */
  invoicing: boolean;
  label: Localised;
}

const info = (
  value: PermissionValue,
  kind: PermissionKind,
  grantable: boolean,
  invoicing: boolean,
  label: Localised,
): PermissionInfo => ({ value, kind, grantable, invoicing, label });

export const PERMISSIONS: Readonly<Record<PermissionValue, PermissionInfo>> = {
  InvoiceWrite: info('InvoiceWrite', 'person', true, true, { pl: 'wystawianie faktur', en: 'issuing invoices' }),
  InvoiceRead: info('InvoiceRead', 'person', true, true, { pl: 'przeglądanie faktur', en: 'viewing invoices' }),
  CredentialsManage: info('CredentialsManage', 'person', true, false, {
    pl: 'zarządzanie uprawnieniami',
    en: 'managing permissions',
  }),
  CredentialsRead: info('CredentialsRead', 'person', true, false, {
    pl: 'przeglądanie uprawnień',
    en: 'viewing permissions',
  }),
  Introspection: info('Introspection', 'person', true, false, {
    pl: 'przeglądanie historii sesji',
    en: 'viewing session history',
  }),
  SubunitManage: info('SubunitManage', 'person', true, false, {
    pl: 'zarządzanie jednostkami podrzędnymi',
    en: 'managing sub-units',
  }),
  EnforcementOperations: info('EnforcementOperations', 'person', true, false, {
    pl: 'wykonywanie operacji egzekucyjnych',
    en: 'enforcement operations',
  }),
  CollectiveIdentifierManage: info('CollectiveIdentifierManage', 'person', true, false, {
    pl: 'zarządzanie identyfikatorami zbiorczymi',
    en: 'managing collective identifiers',
  }),
  VatUeManage: info('VatUeManage', 'eu-admin', false, false, {
    pl: 'zarządzanie uprawnieniami w kontekście NIP-VAT UE',
    en: 'managing permissions in a NIP-VAT EU context',
  }),
  SelfInvoicing: info('SelfInvoicing', 'entity-authorization', true, false, {
    pl: 'samofakturowanie',
    en: 'self-billing',
  }),
  RRInvoicing: info('RRInvoicing', 'entity-authorization', true, false, {
    pl: 'wystawianie faktur VAT RR',
    en: 'issuing VAT RR invoices',
  }),
  TaxRepresentative: info('TaxRepresentative', 'entity-authorization', true, false, {
    pl: 'przedstawiciel podatkowy',
    en: 'tax representative',
  }),
  PefInvoicing: info('PefInvoicing', 'entity-authorization', true, false, {
    pl: 'wystawianie faktur PEF',
    en: 'issuing PEF invoices',
  }),
  PefInvoiceWrite: info('PefInvoiceWrite', 'internal', false, false, {
    pl: 'wysyłanie faktur PEF (dostawca Peppol)',
    en: 'sending PEF invoices (Peppol provider)',
  }),
  Owner: info('Owner', 'role', false, false, { pl: 'właściciel', en: 'owner' }),
  CourtBailiff: info('CourtBailiff', 'role', false, false, { pl: 'komornik sądowy', en: 'court bailiff' }),
  EnforcementAuthority: info('EnforcementAuthority', 'role', false, false, {
    pl: 'organ egzekucyjny',
    en: 'enforcement authority',
  }),
  LocalGovernmentUnit: info('LocalGovernmentUnit', 'role', false, false, {
    pl: 'jednostka samorządu terytorialnego',
    en: 'local government unit',
  }),
  LocalGovernmentSubUnit: info('LocalGovernmentSubUnit', 'role', false, false, {
    pl: 'jednostka podrzędna JST',
    en: 'local government sub-unit',
  }),
  VatGroupUnit: info('VatGroupUnit', 'role', false, false, { pl: 'grupa VAT', en: 'VAT group' }),
  VatGroupSubUnit: info('VatGroupSubUnit', 'role', false, false, { pl: 'członek grupy VAT', en: 'VAT group member' }),
};

export function isPermissionValue(value: unknown): value is PermissionValue {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

/** Label in the user's language; an unknown value (a future KSeF release) is shown as it came. */
export function permissionLabel(value: string, lang: 'pl' | 'en'): string {
  return isPermissionValue(value) ? PERMISSIONS[value].label[lang] : value;
}
