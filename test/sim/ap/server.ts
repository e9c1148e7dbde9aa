import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { KsefClient, type FetchLike, type Session } from '../ksef-client';
import { USER } from '../people';
import { formatNip } from '../../../lib/ksef/identifiers';
import { listen } from '../serve';
import { signerFor } from '../signer';
import { renderCertificates, renderPermissions, renderRevokeConfirm, renderTokens } from './dom-only';
import { css, esc, generateClasses, type Classes } from './markup';

/**
 * The AP replica, served as `https://ap[-demo|-test].ksef.mf.gov.pl/web/` through Chromium's host mapping. A user
 * (the company owner) is logged in to the twin; menus and labels follow docs/ap.md. Three modes (docs/architecture.md §7):
 * `direct` (the page calls the public API), `proxied` (same-origin `/web/api/...` with its own envelope),
 * `dom-only` (rows rendered by the server).
 */
export type ApMode = 'direct' | 'proxied' | 'dom-only';
export const AP_MODES: readonly ApMode[] = ['direct', 'proxied', 'dom-only'];
export const AP_USER_IP = '127.0.0.1';

const APP_JS = readFileSync(path.join(import.meta.dirname, 'public/app.js'), 'utf8');
const ENV_OF_HOST: Record<string, { api: string; label: string }> = {
  'ap.ksef.mf.gov.pl': { api: 'https://api.ksef.mf.gov.pl/v2', label: '' },
  'ap-demo.ksef.mf.gov.pl': { api: 'https://api-demo.ksef.mf.gov.pl/v2', label: 'Środowisko przedprodukcyjne' },
  'ap-test.ksef.mf.gov.pl': { api: 'https://api-test.ksef.mf.gov.pl/v2', label: 'Środowisko Testowe' },
};
/** The proxied backend's own names for the list endpoints; everything else passes through under `/web/api`. */
const PROXY_PATHS: Record<string, string> = {
  '/permissions/query/persons/grants': '/uprawnienia/osoby',
  '/permissions/query/authorizations/grants': '/uprawnienia/podmiotowe',
  '/permissions/query/subunits/grants': '/uprawnienia/jednostki',
  '/tokens': '/tokeny',
  '/certificates/query': '/certyfikaty',
};
const LIST_KEYS = ['permissions', 'authorizationGrants', 'tokens', 'certificates'];

/**
 * How the `proxied` backend pages its lists and states their end: `hasMore` (as KSeF), a `totalElements`
 * instead, nothing at all (the AP guesses from a full page), or it ignores the paging asked for and always gives
 * the first page of 10 (with KSeF's `hasMore`); or it pages through the JSON body (`offset` / `limit`, records)
 * instead of the query string and states a total.
 */
export type ProxiedPaging = 'hasMore' | 'total' | 'nothing' | 'ignores' | 'body';

/**
 * What the public record leaves open about the AP's lists (docs/ap.md), varied so that the extension is proven on
 * more than one guess: how a grant is revoked (`selection`, the default: a checkbox per row and "Odbierz
 * uprawnienie" below the list acting on the checked rows, as the manual describes; a button in each row; a menu
 * in each row), controls drawn as icons named only by `aria-label`, rows as a `<table>` or `role="row"` elements,
 * and the lists' routes (the public ones, or others nobody knows).
 */
export interface ApLayout {
  revoke: 'selection' | 'row-button' | 'row-menu';
  icons: boolean;
  rows: 'table' | 'aria';
  routes: 'public' | 'other';
  /** A header fixed across the top of the window and a help link fixed in its bottom-right corner (SPA modes). */
  fixed: boolean;
}
export const DEFAULT_LAYOUT: ApLayout = {
  revoke: 'selection',
  icons: false,
  rows: 'table',
  routes: 'public',
  fixed: false,
};
/** The layouts the e2e tests and the demo (`--layout`) run, by name. */
export const NAMED_LAYOUTS = {
  default: {},
  'row-buttons-icons': { revoke: 'row-button', icons: true },
  'row-menus': { revoke: 'row-menu' },
  'aria-rows-other-routes': { revoke: 'selection', rows: 'aria', routes: 'other' },
  'fixed-header': { fixed: true },
} as const satisfies Record<string, Partial<ApLayout>>;
export type LayoutName = keyof typeof NAMED_LAYOUTS;
/** The lists' routes: the token list's is public (docs/ap.md); the others are not, so ours stand in. */
export const ROUTES: Record<ApLayout['routes'], { permissions: string; tokens: string; certificates: string }> = {
  public: { permissions: '/web/permissions', tokens: '/web/tokens/token-list', certificates: '/web/certificates' },
  other: { permissions: '/web/zarzadzanie-dostepem', tokens: '/web/moje-tokeny', certificates: '/web/cert-lista' },
};

export interface ReplicaOptions {
  mode: ApMode;
  /** The SPA modes' list layout (`dom-only` varies `revoke` only); the defaults follow docs/ap.md. */
  layout?: Partial<ApLayout>;
  /** `proxied` only; `hasMore` unless told. */
  paging?: ProxiedPaging;
  twinFetch: FetchLike;
  contextNip?: string;
  /**
   * The company the AP's header names, as the real AP may (docs/ap.md does not show it): the logged-in context
   * unless told; null for no context line (the `dom-only` default, where the user names the company).
   */
  shownContext?: string | null;
  /** The twin's clock, so that sessions expire when the tests move it. */
  now?: () => number;
}

export function createReplica(options: ReplicaOptions) {
  const classes = generateClasses();
  const layout: ApLayout = { ...DEFAULT_LAYOUT, ...options.layout };
  const routes = ROUTES[layout.routes];
  let paging: ProxiedPaging = options.paging ?? 'hasMore';
  const contextNip = options.contextNip ?? USER.nip;
  let shownContext =
    options.shownContext !== undefined ? options.shownContext : options.mode === 'dom-only' ? null : contextNip;
  const twinFetch: FetchLike = (p, init) =>
    options.twinFetch(p, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-sim-client-ip': AP_USER_IP },
    });
  const api = new KsefClient(twinFetch);
  const owner = signerFor({
    type: 'Pesel',
    value: USER.ownerPesel,
    name: `${USER.ownerFirstName} ${USER.ownerLastName}`,
  });
  let session: Session | null = null;
  /** A fresh login when there is no session or its access token is about to expire. */
  const login = async (now: number) => {
    if (!session || Date.parse(session.accessValidUntil) - 60_000 < now) session = await api.login(owner, contextNip);
    return session;
  };
  const now = options.now ?? Date.now;
  const app = new Hono();

  const page = (c: Context, body: string) => {
    const host = ENV_OF_HOST[new URL(c.req.url).hostname] ?? ENV_OF_HOST['ap-demo.ksef.mf.gov.pl']!;
    return c.html(shell(classes, host.label, c.req.path, body, shownContext, routes.tokens));
  };

  app.get('/web/assets/app.js', (c) =>
    c.body(APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }),
  );

  app.post('/web/auth/session', async (c) => {
    const s = await login(now());
    return c.json({ accessToken: s.accessToken, contextNip });
  });

  app.all('/web/api/*', async (c) => {
    if (options.mode !== 'proxied') return c.json({ error: { title: 'Not Found', status: 404 } }, 404);
    const url = new URL(c.req.url);
    const rest = url.pathname.slice('/web/api'.length);
    const original = Object.entries(PROXY_PATHS).find(([, own]) => own === rest)?.[0] ?? rest;
    let body = c.req.method === 'GET' || c.req.method === 'DELETE' ? undefined : await c.req.text();
    const search = new URLSearchParams(url.search);
    if (paging === 'body' && body) {
      const { offset, limit, ...filter } = JSON.parse(body) as { offset?: number; limit?: number };
      if (typeof offset === 'number' && typeof limit === 'number' && limit > 0) {
        search.set('pageOffset', String(Math.floor(offset / limit)));
        search.set('pageSize', String(limit));
      }
      body = JSON.stringify(filter);
    }
    const headers: Record<string, string> = { Authorization: c.req.header('authorization') ?? '' };
    if (body) headers['Content-Type'] = 'application/json';
    const cont = c.req.header('x-continuation-token');
    if (cont) headers['x-continuation-token'] = cont;
    if (paging === 'ignores' && search.has('pageOffset')) {
      search.set('pageOffset', '0');
      search.set('pageSize', '10');
    }
    const query = search.size > 0 ? `?${search}` : '';
    const res = await twinFetch(`/v2${original}${query}`, { method: c.req.method, headers, body });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    if (res.status >= 400) return c.json({ error: json }, res.status as 400);
    const list = json && LIST_KEYS.find((k) => Array.isArray(json[k]));
    const total = Number(res.headers.get('x-twin-total-count'));
    const ends =
      (paging === 'total' || paging === 'body') && Number.isFinite(total)
        ? { totalElements: total }
        : paging === 'nothing'
          ? {}
          : { hasMore: json?.hasMore ?? null };
    // `next` is the backend's continuation: only lists paged by one (tokens) carry it.
    const next = list === 'tokens' ? { next: json?.continuationToken ?? null } : {};
    const result = list ? { content: json[list], ...ends, ...next } : json;
    return c.json({ result, serverTime: new Date().toISOString() }, res.status as 200);
  });

  if (options.mode === 'dom-only') {
    app.get('/web/permissions', async (c) =>
      page(
        c,
        await renderPermissions(
          classes,
          api,
          (await login(now())).accessToken,
          new URL(c.req.url).searchParams,
          layout.revoke,
        ),
      ),
    );
    app.get('/web/permissions/revoke', (c) => page(c, renderRevokeConfirm(classes, c.req.queries('item') ?? [])));
    app.post('/web/permissions/revoke', async (c) => {
      const form = await c.req.parseBody({ all: true });
      const items = ([] as unknown[]).concat(form.item ?? []).map(String);
      const token = (await login(now())).accessToken;
      const failed: number[] = [];
      for (const item of items) {
        const [kindName, id = ''] = item.split(':');
        const kind = kindName === 'authorization' ? 'authorizations' : 'common';
        const r = await api.call<{ referenceNumber: string }>(
          'DELETE',
          `/permissions/${kind}/grants/${encodeURIComponent(id)}`,
          { token },
        );
        const code =
          r.status === 202 ? (await api.waitForOperation(token, r.body.referenceNumber, 200, 60)).code : r.status;
        if (code !== 200) failed.push(code);
      }
      const message =
        failed.length === 0
          ? 'Zakończono pomyślnie. Użyj „Odśwież”, aby zobaczyć aktualną listę.'
          : `Operacja zakończona błędem (${failed.join(', ')}).`;
      return c.redirect(`/web/permissions?msg=${encodeURIComponent(message)}`, 303);
    });
    for (const path of new Set(['/web/tokens', routes.tokens]))
      app.get(path, async (c) =>
        page(c, await renderTokens(classes, api, (await login(now())).accessToken, new URL(c.req.url).searchParams)),
      );
    app.get('/web/certificates', async (c) =>
      page(
        c,
        await renderCertificates(classes, api, (await login(now())).accessToken, new URL(c.req.url).searchParams),
      ),
    );
    app.get('/web/*', (c) =>
      page(
        c,
        `<h1 class="${classes.h1}">Aplikacja Podatnika KSeF</h1><p>Kontekst: NIP ${esc(contextNip)}. Wybierz pozycję z menu.</p>`,
      ),
    );
  } else {
    app.get('/web/*', (c) => {
      const host = ENV_OF_HOST[new URL(c.req.url).hostname] ?? ENV_OF_HOST['ap-demo.ksef.mf.gov.pl']!;
      const config = {
        mode: options.mode,
        apiBase: host.api,
        envLabel: host.label,
        contextNip,
        shownContext,
        pagingInBody: paging === 'body',
        userName: `${USER.ownerFirstName} ${USER.ownerLastName}`,
        classes,
        proxyPaths: PROXY_PATHS,
        layout,
        routes,
      };
      return c.html(spaHtml(classes, config));
    });
  }
  app.get('/', (c) => c.redirect('/web/'));
  /** Forget the cached login (after the twin was reset under it). */
  const resetSession = () => {
    session = null;
  };
  /** Page the `proxied` backend's lists another way from the next request on. */
  const setPaging = (next: ProxiedPaging) => void (paging = next);
  /** Name another company (or none) in the header from the next page load on. */
  const setShownContext = (nip: string | null) => void (shownContext = nip);
  return { app, classes, mode: options.mode, layout, routes, resetSession, setPaging, setShownContext };
}

function spaHtml(k: Classes, config: unknown): string {
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Krajowy System e-Faktur - Aplikacja Podatnika KSeF</title><style>${css(k)}</style></head>
<body><div id="app-root"></div><script type="application/json" id="ap-config">${JSON.stringify(config).replaceAll('<', '\\u003c')}</script>
<script src="/web/assets/app.js"></script></body></html>`;
}

/** The server-rendered header writes the NIP with dashes, the SPA's without: the extension must read both. */
function shell(
  k: Classes,
  envLabel: string,
  current: string,
  body: string,
  shownContext: string | null,
  tokens: string,
): string {
  const link = (href: string, text: string) =>
    `<a class="${k.navLink}" href="${href}"${current === href ? ' aria-current="page"' : ''}>${text}</a>`;
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Krajowy System e-Faktur - Aplikacja Podatnika KSeF</title><style>${css(k)}</style></head><body>
<header class="${k.header}"><span class="${k.burger}">☰ Menu</span><strong class="${k.brand}">Krajowy System e-Faktur - Aplikacja Podatnika KSeF</strong>
${envLabel ? `<span class="${k.env}">${esc(envLabel)}</span>` : ''}${shownContext ? `<span class="${k.context}">NIP firmy: ${esc(formatNip(shownContext))}</span>` : ''}<span class="${k.user}">${esc(USER.ownerFirstName)} ${esc(USER.ownerLastName)}</span></header>
<div class="${k.layout}"><nav class="${k.nav}" aria-label="Menu"><p class="${k.section}">Faktury</p>${link('/web/invoices', 'Lista faktur')}
<p class="${k.section}">Uprawnienia</p>${link('/web/permissions/grant', 'Nadaj uprawnienie')}${link('/web/permissions', 'Zarządzaj uprawnieniami')}
<p class="${k.section}">Tokeny</p>${link('/web/tokens/generate-token', 'Generuj token')}${link(tokens, 'Lista tokenów')}
<p class="${k.section}">Certyfikaty</p>${link('/web/certificates/request', 'Wnioskuj o certyfikat')}${link('/web/certificates', 'Lista certyfikatów')}</nav>
<main class="${k.main}">${body}</main></div><footer class="${k.footer}">Wersja 2.1.8 · replika testowa (dane fikcyjne)</footer></body></html>`;
}

export async function startReplica(options: ReplicaOptions & { port?: number }) {
  const replica = createReplica(options);
  const served = await listen(replica.app, { https: true, port: options.port });
  return { ...replica, ...served };
}
