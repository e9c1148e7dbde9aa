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
/** Dates as the AP writes them: "17.07.2026 00:00:00" in Polish time; "-" for none (docs/ap.md). */
const WARSAW = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
export function apDate(iso: string | null | undefined): string {
  if (!iso) return '-';
  const p = Object.fromEntries(WARSAW.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

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
  revoke: 'selection' | 'row-button' | 'row-menu' = 'selection',
): Promise<string> {
  // Without scripts a row menu cannot open: such an AP would give each row its own link, as here.
  const selection = revoke === 'selection';
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
      const kind = tab.id === 'authorizations' ? 'authorization' : 'common';
      const who = `${esc(TYPES[id.type] ?? id.type)}: ${esc(id.value)}`;
      const box = `<td><input type="checkbox" name="item" value="${kind}:${esc(p.id)}" aria-label="Zaznacz: ${who}"></td>`;
      const own = `<td><a class="${k.btn}" href="/web/permissions/revoke?item=${kind}:${esc(p.id)}">Odbierz uprawnienie</a></td>`;
      return `<tr class="${k.row}">${selection ? box : ''}<td>${who}</td><td>${esc(name)}</td><td>${esc(LABELS[scope] ?? scope)}</td>
<td class="${k.muted}">${esc(p.description)}</td><td>${esc(p.startDate.slice(0, 10))}</td>${selection ? '' : own}</tr>`;
    })
    .join('\n');
  const link = (p: number, text: string, enabled: boolean) =>
    enabled
      ? `<a class="${k.btn}" href="/web/permissions?tab=${tab.id}&page=${p}&size=${size}">${text}</a>`
      : `<span class="${k.btn}" aria-disabled="true">${text}</span>`;
  return `<h1 class="${k.h1}">Zarządzaj uprawnieniami</h1><div class="${k.tabs}" role="tablist">${tabs}</div>
${msg ? `<p class="${k.success}" role="status">${esc(msg)}</p>` : ''}
${rows.length ? list(k, selection, body) : `<p class="${k.info}">Brak uprawnień do wyświetlenia.</p>`}
<div class="${k.pager}">${link(page - 1, '‹ Poprzednia', page > 0)}<span>Strona ${page + 1}</span>${link(page + 1, 'Następna ›', more)}
<a class="${k.btn}" href="/web/permissions?tab=${tab.id}&page=${page}&size=${size}">Odśwież</a></div>`;
}

/** The list; with selection, a form whose "Odbierz uprawnienie" below acts on the checked rows (docs/ap.md). */
function list(k: Classes, selection: boolean, body: string): string {
  const head = `<th>Identyfikator</th><th>Nazwa</th><th>Uprawnienie</th><th>Opis</th><th>Data nadania</th>`;
  const table = `<table class="${k.table}"><thead><tr>${selection ? `<th></th>${head}` : `${head}<th></th>`}</tr></thead><tbody>${body}</tbody></table>`;
  return selection
    ? `<form method="get" action="/web/permissions/revoke">${table}<div class="${k.actions}"><button class="${k.btn}" type="submit">Odbierz uprawnienie</button></div></form>`
    : table;
}

/** `items`: `kind:id` of each grant to revoke (one from a row's link, or every checked row). */
export function renderRevokeConfirm(k: Classes, items: string[]): string {
  const hidden = items.map((i) => `<input type="hidden" name="item" value="${esc(i)}">`).join('');
  const question =
    items.length === 1
      ? 'Czy na pewno odebrać to uprawnienie?'
      : `Czy na pewno odebrać zaznaczone uprawnienia (${items.length})?`;
  return `<h1 class="${k.h1}">Odbierz uprawnienie</h1><p>${items.length ? question : 'Nie zaznaczono żadnego uprawnienia.'}</p>
<form method="post" action="/web/permissions/revoke">${hidden}
<div class="${k.actions}">${items.length ? `<button class="${k.primary}" type="submit">Odbierz</button>` : ''}<a class="${k.btn}" href="/web/permissions">Anuluj</a></div></form>`;
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
      lastUseDate?: string | null;
      authorIdentifier: { type: string; value: string };
    }[];
    continuationToken: string | null;
  }>('GET', '/tokens?pageSize=10', { token, headers: cursor ? { 'x-continuation-token': cursor } : {} });
  if (r.status !== 200) return `<p class="${k.error}">Błąd ${r.status}</p>`;
  const rows = r.body.tokens
    .map(
      (
        t,
      ) => `<tr class="${k.row}"><td>${esc(t.description)}</td><td>${esc(TYPES[t.authorIdentifier.type] ?? t.authorIdentifier.type)}: ${esc(t.authorIdentifier.value)}</td>
<td>${apDate(t.dateCreated)}</td><td>${apDate(t.lastUseDate)}</td></tr>`,
    )
    .join('\n');
  const next = r.body.continuationToken
    ? `<a class="${k.btn}" href="/web/tokens?cursor=${encodeURIComponent(r.body.continuationToken)}">Następna ›</a>`
    : '';
  return `<h1 class="${k.h1}">Lista tokenów</h1><table class="${k.table}"><thead><tr><th>Nazwa tokena</th><th>Twórca tokena</th><th>Data aktywacji tokena</th><th>Data ostatniego użycia tokena</th></tr></thead><tbody>${rows}</tbody></table><div class="${k.pager}">${next}</div>`;
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
      ) => `<tr class="${k.row}"><td><input type="checkbox" aria-label="Zaznacz: ${esc(c.certificateSerialNumber)}"></td><td class="${k.mono}">${esc(c.certificateSerialNumber)}</td><td>${esc(c.name)}</td>
<td>${c.type === 'Offline' ? 'Podpis linku do weryfikacji wystawcy' : 'Uwierzytelnienie'}</td></tr>`,
    )
    .join('\n');
  const next = r.body.hasMore ? `<a class="${k.btn}" href="/web/certificates?page=${page + 1}">Następna ›</a>` : '';
  return `<h1 class="${k.h1}">Lista certyfikatów</h1><table class="${k.table}"><thead><tr><th></th><th>Numer seryjny certyfikatu</th><th>Nazwa własna</th><th>Przeznaczenie</th></tr></thead><tbody>${rows}</tbody></table>
<div class="${k.actions}"><button class="${k.btn}" type="button" disabled>Pobierz certyfikat</button><button class="${k.btn}" type="button" disabled>Unieważnij</button></div><div class="${k.pager}">${next}</div>`;
}
