/**
 * The permission and role vocabulary of KSeF 2.0 (ksef-api.md §4.2) with Polish and English labels and a
 * one-line explanation each. Polish labels follow the AP's own wording where it is public (ap.md, "Uprawnienia"
 * and "Generowanie tokena").
 */
export const PERSON_PERMISSIONS = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsManage',
  'CredentialsRead',
  'Introspection',
  'SubunitManage',
  'EnforcementOperations',
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
  explain: Localised;
}

const info = (
  value: PermissionValue,
  kind: PermissionKind,
  grantable: boolean,
  invoicing: boolean,
  label: Localised,
  explain: Localised,
): PermissionInfo => ({ value, kind, grantable, invoicing, label, explain });

export const PERMISSIONS: Readonly<Record<PermissionValue, PermissionInfo>> = {
  InvoiceWrite: info(
    'InvoiceWrite',
    'person',
    true,
    true,
    { pl: 'wystawianie faktur', en: 'issuing invoices' },
    { pl: 'Może wysyłać faktury do KSeF w imieniu firmy.', en: 'May send invoices to KSeF on behalf of the company.' },
  ),
  InvoiceRead: info(
    'InvoiceRead',
    'person',
    true,
    true,
    { pl: 'przeglądanie faktur', en: 'viewing invoices' },
    {
      pl: 'Może pobierać wszystkie faktury firmy, także kosztowe.',
      en: "May list and download all of the company's invoices, including purchase invoices.",
    },
  ),
  CredentialsManage: info(
    'CredentialsManage',
    'person',
    true,
    false,
    { pl: 'zarządzanie uprawnieniami', en: 'managing permissions' },
    {
      pl: 'Może nadawać i odbierać uprawnienia oraz zarządzać wszystkimi tokenami firmy.',
      en: "May grant and revoke permissions and manage all of the company's tokens.",
    },
  ),
  CredentialsRead: info(
    'CredentialsRead',
    'person',
    true,
    false,
    { pl: 'przeglądanie uprawnień', en: 'viewing permissions' },
    {
      pl: 'Może przeglądać uprawnienia i tokeny nadane w firmie.',
      en: 'May view the permissions and tokens of the company.',
    },
  ),
  Introspection: info(
    'Introspection',
    'person',
    true,
    false,
    { pl: 'przeglądanie historii sesji', en: 'viewing session history' },
    {
      pl: 'Może przeglądać historię sesji i pobierać UPO.',
      en: 'May view the session history and download UPOs.',
    },
  ),
  SubunitManage: info(
    'SubunitManage',
    'person',
    true,
    false,
    { pl: 'zarządzanie jednostkami podrzędnymi', en: 'managing sub-units' },
    {
      pl: 'Może zarządzać jednostkami podrzędnymi i wyznaczać ich administratorów.',
      en: 'May manage sub-units and appoint their administrators.',
    },
  ),
  EnforcementOperations: info(
    'EnforcementOperations',
    'person',
    true,
    false,
    { pl: 'wykonywanie operacji egzekucyjnych', en: 'enforcement operations' },
    {
      pl: 'Operacje organu egzekucyjnego lub komornika; tylko gdy firma ma taką rolę.',
      en: 'Operations of an enforcement authority or bailiff; only where the company has that role.',
    },
  ),
  VatUeManage: info(
    'VatUeManage',
    'eu-admin',
    false,
    false,
    { pl: 'zarządzanie uprawnieniami w kontekście NIP-VAT UE', en: 'managing permissions in a NIP-VAT EU context' },
    {
      pl: 'Nadawane automatycznie administratorowi podmiotu unijnego.',
      en: 'Given automatically to the administrator of an EU entity.',
    },
  ),
  SelfInvoicing: info(
    'SelfInvoicing',
    'entity-authorization',
    true,
    false,
    { pl: 'samofakturowanie', en: 'self-billing' },
    {
      pl: 'Inny podmiot może wystawiać faktury w imieniu firmy we własnym kontekście (samofakturowanie).',
      en: 'Another entity may issue invoices on behalf of the company in its own context (self-billing).',
    },
  ),
  RRInvoicing: info(
    'RRInvoicing',
    'entity-authorization',
    true,
    false,
    { pl: 'wystawianie faktur VAT RR', en: 'issuing VAT RR invoices' },
    {
      pl: 'Inny podmiot może wystawiać faktury VAT RR (rolnik ryczałtowy) w imieniu firmy.',
      en: 'Another entity may issue VAT RR (flat-rate farmer) invoices on behalf of the company.',
    },
  ),
  TaxRepresentative: info(
    'TaxRepresentative',
    'entity-authorization',
    true,
    false,
    { pl: 'przedstawiciel podatkowy', en: 'tax representative' },
    {
      pl: 'Inny podmiot może wystawiać faktury jako przedstawiciel podatkowy firmy.',
      en: "Another entity may issue invoices as the company's tax representative.",
    },
  ),
  PefInvoicing: info(
    'PefInvoicing',
    'entity-authorization',
    true,
    false,
    { pl: 'wystawianie faktur PEF', en: 'issuing PEF invoices' },
    {
      pl: 'Dostawca usług Peppol może wystawiać faktury PEF w imieniu firmy.',
      en: 'A Peppol service provider may issue PEF invoices on behalf of the company.',
    },
  ),
  PefInvoiceWrite: info(
    'PefInvoiceWrite',
    'internal',
    false,
    false,
    { pl: 'wysyłanie faktur PEF (dostawca Peppol)', en: 'sending PEF invoices (Peppol provider)' },
    {
      pl: 'Wewnętrzne uprawnienie dostawców Peppol; nie da się go nadać.',
      en: 'Internal permission of Peppol providers; it cannot be granted.',
    },
  ),
  Owner: info(
    'Owner',
    'role',
    false,
    false,
    { pl: 'właściciel', en: 'owner' },
    {
      pl: 'Pełne prawa w kontekście swojego NIP; KSeF nie pokazuje tej roli na liście uprawnień.',
      en: 'Full rights in the context of its own NIP; KSeF never lists this role among grants.',
    },
  ),
  CourtBailiff: info(
    'CourtBailiff',
    'role',
    false,
    false,
    { pl: 'komornik sądowy', en: 'court bailiff' },
    { pl: 'Rola podmiotu: komornik sądowy.', en: 'Entity role: court bailiff.' },
  ),
  EnforcementAuthority: info(
    'EnforcementAuthority',
    'role',
    false,
    false,
    { pl: 'organ egzekucyjny', en: 'enforcement authority' },
    { pl: 'Rola podmiotu: organ egzekucyjny.', en: 'Entity role: enforcement authority.' },
  ),
  LocalGovernmentUnit: info(
    'LocalGovernmentUnit',
    'role',
    false,
    false,
    { pl: 'jednostka samorządu terytorialnego', en: 'local government unit' },
    { pl: 'Rola podmiotu: JST, która ma jednostki podrzędne.', en: 'Entity role: a local government with sub-units.' },
  ),
  LocalGovernmentSubUnit: info(
    'LocalGovernmentSubUnit',
    'role',
    false,
    false,
    { pl: 'jednostka podrzędna JST', en: 'local government sub-unit' },
    { pl: 'Rola podmiotu: jednostka podrzędna JST.', en: 'Entity role: a sub-unit of a local government.' },
  ),
  VatGroupUnit: info(
    'VatGroupUnit',
    'role',
    false,
    false,
    { pl: 'grupa VAT', en: 'VAT group' },
    { pl: 'Rola podmiotu: grupa VAT.', en: 'Entity role: VAT group.' },
  ),
  VatGroupSubUnit: info(
    'VatGroupSubUnit',
    'role',
    false,
    false,
    { pl: 'członek grupy VAT', en: 'VAT group member' },
    { pl: 'Rola podmiotu: członek grupy VAT.', en: 'Entity role: a member of a VAT group.' },
  ),
};

export function isPermissionValue(value: unknown): value is PermissionValue {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

/** Label in the user's language; an unknown value (a future KSeF release) is shown as it came. */
export function permissionLabel(value: string, lang: 'pl' | 'en'): string {
  return isPermissionValue(value) ? PERMISSIONS[value].label[lang] : value;
}
