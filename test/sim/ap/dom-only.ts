import type { KsefClient } from '../ksef-client';
import { esc, type Classes } from './markup';

/**
 * `dom-only` mode: the server renders the lists itself (as some server-side apps do), so the page makes no
 * KSeF request the extension could capture. Revoking goes through a confirmation page and a form POST.
 */
export const LABELS: Record<string, string> = {
  InvoiceWrite: 'Wystawianie faktur',
  InvoiceRead: 'Przeglądanie faktur',
  CredentialsManage: 'Zarządzanie uprawnieniami',
  CredentialsRead: 'Przeglądanie uprawnień',
  Introspection: 'Przeglądanie historii sesji',
  SubunitManage: 'Zarządzanie jednostkami podrzędnymi',
  EnforcementOperations: 'Operacje egzekucyjne',
  SelfInvoicing: 'Samofakturowanie',
  RRInvoicing: 'Faktury VAT RR',
  TaxRepresentative: 'Przedstawiciel podatkowy',
  PefInvoicing: 'Faktury PEF',
};
const TYPES: Record<string, string> = { Nip: 'NIP', Pesel: 'PESEL', Fingerprint: 'Odcisk palca', PeppolId: 'Peppol' };

const TABS = [
  {
    id: 'persons',
    label: 'Osoby i podmioty',
    path: '/permissions/query/persons/grants',
    body: { queryType: 'PermissionsInCurrentContext' },
    key: 'permissions',
  },
  {
    id: 'authorizations',
    label: 'Uprawnienia podmiotowe',
    path: '/permissions/query/authorizations/grants',
    body: { queryType: 'Granted' },
    key: 'authorizationGrants',
  },
  {
    id: 'subunits',
    label: 'Administratorzy jednostek podrzędnych',
    path: '/permissions/query/subunits/grants',
    body: {},
    key: 'permissions',
  },
] as const;

interface Row {
  id: string;
  permissionScope?: string;
  authorizationScope?: string;
  description: string;
  startDate: string;
  authorizedIdentifier?: { type: string; value: string };
  authorizedEntityIdentifier?: { type: string; value: string };
  subjectEntityDetails?: { fullName: string };
  subjectPersonDetails?: { firstName: string; lastName: string };
}

export async function renderPermissions(
  k: Classes,
  api: KsefClient,
  token: string,
  q: URLSearchParams,
): Promise<string> {
  const tab = TABS.find((t) => t.id === q.get('tab')) ?? TABS[0];
  const page = Math.max(0, Number(q.get('page') ?? 0) || 0);
  const size = [10, 20, 50, 100].includes(Number(q.get('size'))) ? Number(q.get('size')) : 10;
  const r = await api.call<Record<string, Row[] | boolean>>('POST', `${tab.path}?pageOffset=${page}&pageSize=${size}`, {
    token,
    body: tab.body,
  });
  if (r.status !== 200) return `<p class="${k.error}">Błąd ${r.status}: nie udało się pobrać listy.</p>`;
  const rows = (r.body[tab.key] as Row[]) ?? [];
  const more = r.body.hasMore === true;
  const msg = q.get('msg');
  const tabs = TABS.map(
    (t) =>
      `<a class="${k.tab}" role="tab" aria-selected="${t.id === tab.id}" href="/web/permissions?tab=${t.id}">${esc(t.label)}</a>`,
  ).join('');
  const body = rows
    .map((p) => {
      const id = p.authorizedIdentifier ?? p.authorizedEntityIdentifier!;
      const scope = p.permissionScope ?? p.authorizationScope ?? '';
      const name =
        p.subjectEntityDetails?.fullName ??
        (p.subjectPersonDetails ? `${p.subjectPersonDetails.firstName} ${p.subjectPersonDetails.lastName}` : '—');
      return `<tr class="${k.row}"><td>${esc(TYPES[id.type] ?? id.type)}: ${esc(id.value)}</td><td>${esc(name)}</td><td>${esc(LABELS[scope] ?? scope)}</td>
<td class="${k.muted}">${esc(p.description)}</td><td>${esc(p.startDate.slice(0, 10))}</td>
<td><a class="${k.btn}" href="/web/permissions/revoke?id=${esc(p.id)}&kind=${tab.id === 'authorizations' ? 'authorization' : 'common'}">Odbierz uprawnienie</a></td></tr>`;
    })
    .join('\n');
  const link = (p: number, text: string, enabled: boolean) =>
    enabled
      ? `<a class="${k.btn}" href="/web/permissions?tab=${tab.id}&page=${p}&size=${size}">${text}</a>`
      : `<span class="${k.btn}" aria-disabled="true">${text}</span>`;
  return `<h1 class="${k.h1}">Zarządzaj uprawnieniami</h1><div class="${k.tabs}" role="tablist">${tabs}</div>
${msg ? `<p class="${k.success}" role="status">${esc(msg)}</p>` : ''}
${rows.length ? `<table class="${k.table}"><thead><tr><th>Identyfikator</th><th>Nazwa</th><th>Uprawnienie</th><th>Opis</th><th>Data nadania</th><th></th></tr></thead><tbody>${body}</tbody></table>` : `<p class="${k.info}">Brak uprawnień do wyświetlenia.</p>`}
<div class="${k.pager}">${link(page - 1, '‹ Poprzednia', page > 0)}<span>Strona ${page + 1}</span>${link(page + 1, 'Następna ›', more)}
<a class="${k.btn}" href="/web/permissions?tab=${tab.id}&page=${page}&size=${size}">Odśwież</a></div>`;
}

export function renderRevokeConfirm(k: Classes, id: string, kind: string): string {
  return `<h1 class="${k.h1}">Odbierz uprawnienie</h1><p>Czy na pewno odebrać to uprawnienie?</p>
<form method="post" action="/web/permissions/revoke"><input type="hidden" name="id" value="${esc(id)}"><input type="hidden" name="kind" value="${esc(kind)}">
<div class="${k.actions}"><button class="${k.primary}" type="submit">Odbierz</button><a class="${k.btn}" href="/web/permissions">Anuluj</a></div></form>`;
}

export async function renderTokens(k: Classes, api: KsefClient, token: string, q: URLSearchParams): Promise<string> {
  const cursor = q.get('cursor');
  const r = await api.call<{
    tokens: {
      referenceNumber: string;
      description: string;
      requestedPermissions: string[];
      status: string;
      dateCreated: string;
      authorIdentifier: { type: string; value: string };
    }[];
    continuationToken: string | null;
  }>('GET', '/tokens?pageSize=10', { token, headers: cursor ? { 'x-continuation-token': cursor } : {} });
  if (r.status !== 200) return `<p class="${k.error}">Błąd ${r.status}</p>`;
  const rows = r.body.tokens
    .map(
      (t) => `<tr class="${k.row}"><td class="${k.mono}">${esc(t.referenceNumber)}</td><td>${esc(t.description)}</td>
<td>${esc(t.requestedPermissions.map((x) => LABELS[x] ?? x).join(', '))}</td><td>${esc(t.authorIdentifier.type)} ${esc(t.authorIdentifier.value)}</td>
<td>${esc(t.dateCreated.slice(0, 10))}</td><td>${esc(t.status)}</td></tr>`,
    )
    .join('\n');
  const next = r.body.continuationToken
    ? `<a class="${k.btn}" href="/web/tokens?cursor=${encodeURIComponent(r.body.continuationToken)}">Następna ›</a>`
    : '';
  return `<h1 class="${k.h1}">Lista tokenów</h1><table class="${k.table}"><thead><tr><th>Numer referencyjny</th><th>Opis</th><th>Uprawnienia</th><th>Autor</th><th>Utworzono</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table><div class="${k.pager}">${next}</div>`;
}

export async function renderCertificates(
  k: Classes,
  api: KsefClient,
  token: string,
  q: URLSearchParams,
): Promise<string> {
  const page = Math.max(0, Number(q.get('page') ?? 0) || 0);
  const r = await api.call<{
    certificates: {
      certificateSerialNumber: string;
      name: string;
      type: string;
      validFrom: string;
      validTo: string;
      status: string;
    }[];
    hasMore: boolean;
  }>('POST', `/certificates/query?pageOffset=${page}&pageSize=10`, { token, body: {} });
  if (r.status !== 200) return `<p class="${k.error}">Błąd ${r.status}</p>`;
  const rows = r.body.certificates
    .map(
      (
        c,
      ) => `<tr class="${k.row}"><td class="${k.mono}">${esc(c.certificateSerialNumber)}</td><td>${esc(c.name)}</td><td>${esc(c.type)}</td>
<td>${esc(c.validFrom.slice(0, 10))}</td><td>${esc(c.validTo.slice(0, 10))}</td><td>${esc(c.status)}</td></tr>`,
    )
    .join('\n');
  const next = r.body.hasMore ? `<a class="${k.btn}" href="/web/certificates?page=${page + 1}">Następna ›</a>` : '';
  return `<h1 class="${k.h1}">Lista certyfikatów</h1><table class="${k.table}"><thead><tr><th>Numer seryjny</th><th>Nazwa</th><th>Typ</th><th>Ważny od</th><th>Ważny do</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table><div class="${k.pager}">${next}</div>`;
}
