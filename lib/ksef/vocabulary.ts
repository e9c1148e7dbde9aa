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

/** What an invoicing integration needs at most ("issuing and viewing invoices"). */
export const INVOICING_SCOPES: readonly PermissionValue[] = ['InvoiceWrite', 'InvoiceRead'];

export function isPermissionValue(value: unknown): value is PermissionValue {
  return typeof value === 'string' && (PERMISSION_VALUES as readonly string[]).includes(value);
}
