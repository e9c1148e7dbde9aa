import type { Localised, PermissionValue } from './vocabulary';

/**
 * One line per permission or role saying what it lets its holder do, in Polish and English. Kept apart from
 * the labels so that only the pages that explain permissions carry these texts.
 */
export const PERMISSION_EXPLAIN: Readonly<Record<PermissionValue, Localised>> = {
  InvoiceWrite: {
    pl: 'Może wysyłać faktury do KSeF w imieniu firmy.',
    en: 'May send invoices to KSeF on behalf of the company.',
  },
  InvoiceRead: {
    pl: 'Może pobierać wszystkie faktury firmy, także kosztowe.',
    en: "May list and download all of the company's invoices, including purchase invoices.",
  },
  CredentialsManage: {
    pl: 'Może nadawać i odbierać uprawnienia oraz zarządzać wszystkimi tokenami firmy.',
    en: "May grant and revoke permissions and manage all of the company's tokens.",
  },
  CredentialsRead: {
    pl: 'Może przeglądać uprawnienia i tokeny nadane w firmie.',
    en: 'May view the permissions and tokens of the company.',
  },
  Introspection: {
    pl: 'Może przeglądać historię sesji i pobierać UPO.',
    en: 'May view the session history and download UPOs.',
  },
  SubunitManage: {
    pl: 'Może zarządzać jednostkami podrzędnymi i wyznaczać ich administratorów.',
    en: 'May manage sub-units and appoint their administrators.',
  },
  EnforcementOperations: {
    pl: 'Operacje organu egzekucyjnego lub komornika; tylko gdy firma ma taką rolę.',
    en: 'Operations of an enforcement authority or bailiff; only where the company has that role.',
  },
  CollectiveIdentifierManage: {
    pl: 'Może zarządzać identyfikatorami zbiorczymi firmy (KSeF 2.7 i nowsze); szersze niż faktury.',
    en: "May manage the company's collective identifiers (KSeF 2.7 and later); broader than invoicing.",
  },
  VatUeManage: {
    pl: 'Nadawane automatycznie administratorowi podmiotu unijnego.',
    en: 'Given automatically to the administrator of an EU entity.',
  },
  SelfInvoicing: {
    pl: 'Inny podmiot może wystawiać faktury w imieniu firmy we własnym kontekście (samofakturowanie).',
    en: 'Another entity may issue invoices on behalf of the company in its own context (self-billing).',
  },
  RRInvoicing: {
    pl: 'Inny podmiot może wystawiać faktury VAT RR (rolnik ryczałtowy) w imieniu firmy.',
    en: 'Another entity may issue VAT RR (flat-rate farmer) invoices on behalf of the company.',
  },
  TaxRepresentative: {
    pl: 'Inny podmiot może wystawiać faktury jako przedstawiciel podatkowy firmy.',
    en: "Another entity may issue invoices as the company's tax representative.",
  },
  PefInvoicing: {
    pl: 'Dostawca usług Peppol może wystawiać faktury PEF w imieniu firmy.',
    en: 'A Peppol service provider may issue PEF invoices on behalf of the company.',
  },
  PefInvoiceWrite: {
    pl: 'Wewnętrzne uprawnienie dostawców Peppol; nie da się go nadać.',
    en: 'Internal permission of Peppol providers; it cannot be granted.',
  },
  Owner: {
    pl: 'Pełne prawa w kontekście swojego NIP; KSeF nie pokazuje tej roli na liście uprawnień.',
    en: 'Full rights in the context of its own NIP; KSeF never lists this role among grants.',
  },
  CourtBailiff: { pl: 'Rola podmiotu: komornik sądowy.', en: 'Entity role: court bailiff.' },
  EnforcementAuthority: { pl: 'Rola podmiotu: organ egzekucyjny.', en: 'Entity role: enforcement authority.' },
  LocalGovernmentUnit: {
    pl: 'Rola podmiotu: JST, która ma jednostki podrzędne.',
    en: 'Entity role: a local government with sub-units.',
  },
  LocalGovernmentSubUnit: {
    pl: 'Rola podmiotu: jednostka podrzędna JST.',
    en: 'Entity role: a sub-unit of a local government.',
  },
  VatGroupUnit: { pl: 'Rola podmiotu: grupa VAT.', en: 'Entity role: VAT group.' },
  VatGroupSubUnit: { pl: 'Rola podmiotu: członek grupy VAT.', en: 'Entity role: a member of a VAT group.' },
};
