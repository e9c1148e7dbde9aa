/* AP replica single-page application: written like an ordinary SPA, not for the extension's convenience. */
(() => {
  const cfg = JSON.parse(document.getElementById('ap-config').textContent);
  const K = cfg.classes;
  let session = null; // { accessToken } lives only in this closure, as in a real SPA
  const root = document.getElementById('app-root');
  const LABELS = {
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

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  };

  // ---- What the public record leaves open, varied per start (docs/architecture.md §7): how a grant is revoked,
  // whether controls are icons named only by aria-label, whether rows are a <table> or role="row" elements.
  const L = cfg.layout;
  const R = cfg.routes;
  const iconOr = (text, icon) =>
    L.icons
      ? { attrs: { 'aria-label': text, title: text, class: `${K.btn} ${K.icon}` }, label: icon }
      : { attrs: { class: K.btn }, label: text };
  function button(text, icon, onclick, extra = {}) {
    const { attrs, label } = iconOr(text, icon);
    return el('button', { type: 'button', ...attrs, ...extra, onclick }, label);
  }
  /** A list as a table, or as role="row" elements without one. */
  function list(headers, rows) {
    if (L.rows === 'aria') {
      return el(
        'div',
        { class: K.grid, role: 'table' },
        el(
          'div',
          { role: 'row' },
          headers.map((h) => el('div', { role: 'columnheader' }, h)),
        ),
        rows.map((cells) =>
          el(
            'div',
            { role: 'row', class: K.row },
            cells.map((c) => el('div', { role: 'cell' }, c)),
          ),
        ),
      );
    }
    return el(
      'table',
      { class: K.table },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headers.map((h) => el('th', {}, h)),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((cells) =>
          el(
            'tr',
            { class: K.row },
            cells.map((c) => el('td', {}, c)),
          ),
        ),
      ),
    );
  }
  /** A checkbox per row; `selected` holds what is checked. */
  function checkbox(selected, item, label) {
    return el('input', {
      type: 'checkbox',
      'aria-label': label,
      onchange: (e) => {
        if (e.target.checked) selected.add(item);
        else selected.delete(item);
        for (const b of document.querySelectorAll('[data-acts-on-selection]')) b.disabled = selected.size === 0;
      },
    });
  }
  /** An action below a list that works on the checked rows, after the browser's confirmation; then the list again. */
  function selectionAction(selected, label, question, act) {
    return el(
      'button',
      {
        type: 'button',
        class: K.btn,
        disabled: 'disabled',
        'data-acts-on-selection': '',
        onclick: async () => {
          if (selected.size === 0 || !confirm(question)) return;
          for (const item of selected) await act(item);
          render();
        },
      },
      label,
    );
  }
  /** A row's own menu of actions: "⋮" opens it, an entry runs its action. */
  function rowMenu(entries) {
    const menu = el('div', { class: K.menu, role: 'menu', hidden: 'hidden' });
    const trigger = el(
      'button',
      {
        type: 'button',
        class: `${K.btn} ${K.icon}`,
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-label': 'Akcje',
        onclick: () => {
          const open = menu.hasAttribute('hidden');
          for (const m of document.querySelectorAll('[role=menu]')) m.setAttribute('hidden', 'hidden');
          if (open) menu.removeAttribute('hidden');
          trigger.setAttribute('aria-expanded', String(open));
        },
      },
      '⋮',
    );
    for (const [text, action] of entries)
      menu.append(
        el(
          'button',
          { type: 'button', role: 'menuitem', onclick: () => (menu.setAttribute('hidden', 'hidden'), action()) },
          text,
        ),
      );
    return el('span', { style: 'position:relative' }, trigger, menu);
  }
  /** Dates as the AP writes them: "17.07.2026 00:00:00", Polish time; "-" for none. */
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
  function apDate(iso) {
    if (!iso) return '-';
    const p = Object.fromEntries(WARSAW.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
  }

  // ---- API adapters: direct (public KSeF API, official shapes) or proxied (same-origin backend, own envelope)
  const api = {
    async request(method, path, { body, query, headers, transport } = {}) {
      const direct = cfg.mode === 'direct';
      // A backend that pages through the JSON body: where and how many as `offset` / `limit` (records).
      if (!direct && cfg.pagingInBody && query && query.pageOffset !== undefined) {
        body = { ...(body || {}), offset: query.pageOffset * query.pageSize, limit: query.pageSize };
        query = undefined;
      }
      const base = direct ? cfg.apiBase : '/web/api';
      const p = direct ? path : (cfg.proxyPaths[path.split('?')[0]] ?? path);
      const url = base + p + (query ? `?${new URLSearchParams(query)}` : '');
      const h = { Authorization: `Bearer ${session.accessToken}`, ...(headers || {}) };
      if (body !== undefined) h['Content-Type'] = 'application/json';
      let status;
      let json;
      let respHeaders;
      if (transport === 'xhr') {
        ({ status, json, respHeaders } = await new Promise((resolve, reject) => {
          const x = new XMLHttpRequest();
          x.open(method, url);
          for (const [k, v] of Object.entries(h)) x.setRequestHeader(k, v);
          x.onload = () =>
            resolve({
              status: x.status,
              json: x.responseText ? JSON.parse(x.responseText) : null,
              respHeaders: (n) => x.getResponseHeader(n),
            });
          x.onerror = () => reject(new Error('Błąd sieci'));
          x.send(body === undefined ? null : JSON.stringify(body));
        }));
      } else {
        const r = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
        status = r.status;
        const text = await r.text();
        json = text ? JSON.parse(text) : null;
        respHeaders = (n) => r.headers.get(n);
      }
      if (!direct && json && 'result' in json) json = json.result;
      if (!direct && json && 'error' in json && status >= 400) json = json.error;
      return { status, json, header: respHeaders };
    },
  };

  const unwrap = (kind, json, at = { page: 0, size: 10 }) => {
    if (cfg.mode === 'direct') return json;
    // The proxied backend renames lists: { content: [...], hasMore } / { content: [...], next }; a backend that
    // states a total, or nothing, leaves the AP to work out whether a next page exists.
    if (kind === 'tokens') return { tokens: json.content, continuationToken: json.next };
    const hasMore =
      typeof json.hasMore === 'boolean'
        ? json.hasMore
        : typeof json.totalElements === 'number'
          ? (at.page + 1) * at.size < json.totalElements
          : json.content.length >= at.size;
    if (kind === 'certificates') return { certificates: json.content, hasMore };
    if (kind === 'authorizations') return { authorizationGrants: json.content, hasMore };
    return { permissions: json.content, hasMore };
  };

  // ---- Shell
  function nav(path) {
    history.pushState({}, '', path);
    render();
  }
  function link(path, text) {
    return el(
      'a',
      {
        href: path,
        class: K.navLink,
        onclick: (e) => (e.preventDefault(), nav(path)),
        ...(location.pathname === path ? { 'aria-current': 'page' } : {}),
      },
      text,
    );
  }
  function shell(content) {
    root.replaceChildren(
      el(
        'header',
        { class: K.header },
        el('span', { class: K.burger }, '☰ Menu'),
        el('strong', { class: K.brand }, 'Krajowy System e-Faktur - Aplikacja Podatnika KSeF'),
        cfg.envLabel ? el('span', { class: K.env }, cfg.envLabel) : null,
        cfg.shownContext ? el('span', { class: K.context }, `Kontekst: NIP ${cfg.shownContext}`) : null,
        el('span', { class: K.user }, cfg.userName),
      ),
      el(
        'div',
        { class: K.layout },
        el(
          'nav',
          { class: K.nav, 'aria-label': 'Menu' },
          el('p', { class: K.section }, 'Faktury'),
          link('/web/invoices', 'Lista faktur'),
          el('p', { class: K.section }, 'Uprawnienia'),
          link('/web/permissions/grant', 'Nadaj uprawnienie'),
          link(R.permissions, 'Zarządzaj uprawnieniami'),
          el('p', { class: K.section }, 'Tokeny'),
          link('/web/tokens/generate-token', 'Generuj token'),
          link(R.tokens, 'Lista tokenów'),
          el('p', { class: K.section }, 'Certyfikaty'),
          link('/web/certificates/request', 'Wnioskuj o certyfikat'),
          link(R.certificates, 'Lista certyfikatów'),
        ),
        el('main', { class: K.main }, content),
      ),
      el('footer', { class: K.footer }, 'Wersja 2.1.8 · replika testowa (dane fikcyjne)'),
      ...(L.fixed ? [el('a', { class: K.help, href: '/web/help' }, 'Pomoc')] : []),
    );
    if (L.fixed) document.body.dataset.fixed = '';
  }

  const status = (text, cls = K.info) => el('p', { class: cls, role: 'status' }, text);

  // ---- Permissions page
  const PERM_TABS = [
    {
      id: 'persons',
      label: 'Osoby i podmioty',
      path: '/permissions/query/persons/grants',
      body: { queryType: 'PermissionsInCurrentContext' },
    },
    {
      id: 'authorizations',
      label: 'Uprawnienia podmiotowe',
      path: '/permissions/query/authorizations/grants',
      body: { queryType: 'Granted' },
    },
    {
      id: 'subunits',
      label: 'Administratorzy jednostek podrzędnych',
      path: '/permissions/query/subunits/grants',
      body: {},
    },
  ];
  const permState = { tab: 'persons', page: 0, size: 10, message: null };

  function identity(p) {
    const id = p.authorizedIdentifier || p.authorizedEntityIdentifier;
    const type = { Nip: 'NIP', Pesel: 'PESEL', Fingerprint: 'Odcisk palca', PeppolId: 'Peppol' }[id.type] || id.type;
    return `${type}: ${id.value}`;
  }
  function who(p) {
    if (p.subjectEntityDetails) return p.subjectEntityDetails.fullName;
    if (p.subjectPersonDetails) return `${p.subjectPersonDetails.firstName} ${p.subjectPersonDetails.lastName}`;
    return '—';
  }

  async function permissionsPage() {
    const tab = PERM_TABS.find((t) => t.id === permState.tab);
    const body = el('div');
    const tabs = el(
      'div',
      { class: K.tabs, role: 'tablist' },
      PERM_TABS.map((t) =>
        el(
          'button',
          {
            class: K.tab,
            role: 'tab',
            'aria-selected': String(t.id === permState.tab),
            onclick: () => {
              permState.tab = t.id;
              permState.page = 0;
              render();
            },
          },
          t.label,
        ),
      ),
    );
    shell([
      el('h1', { class: K.h1 }, 'Zarządzaj uprawnieniami'),
      tabs,
      permState.message ? status(permState.message, K.success) : null,
      body,
    ]);
    body.append(status('Wczytywanie…'));
    const r = await api.request('POST', tab.path, {
      body: tab.body,
      query: { pageOffset: permState.page, pageSize: permState.size },
    });
    if (r.status !== 200) return body.replaceChildren(status(`Błąd ${r.status}: nie udało się pobrać listy.`, K.error));
    const data = unwrap(tab.id, r.json, permState);
    const rows = data.permissions || data.authorizationGrants || [];
    const isAuthorization = tab.id === 'authorizations';
    const selected = new Set();
    const revokeOne = (p) => () => confirmRevoke([p], isAuthorization);
    const headers = ['Identyfikator', 'Nazwa', 'Uprawnienie', 'Opis', 'Data nadania'];
    const table = list(
      L.revoke === 'selection' ? ['', ...headers] : [...headers, ''],
      rows.map((p) => {
        const scope = p.permissionScope || p.authorizationScope;
        const cells = [identity(p), who(p), LABELS[scope] || scope, p.description, p.startDate.slice(0, 10)];
        if (L.revoke === 'selection') return [checkbox(selected, p, `Zaznacz: ${identity(p)}`), ...cells];
        if (L.revoke === 'row-menu') return [...cells, rowMenu([['Odbierz uprawnienie', revokeOne(p)]])];
        return [...cells, button('Odbierz uprawnienie', '✕', revokeOne(p))];
      }),
    );
    // Selection-based actions sit below the list and act on the checked rows (docs/ap.md "Uprawnienia").
    const actions =
      L.revoke === 'selection'
        ? el(
            'div',
            { class: K.actions },
            el(
              'button',
              {
                type: 'button',
                class: K.btn,
                disabled: 'disabled',
                'data-acts-on-selection': '',
                onclick: () => selected.size > 0 && confirmRevoke([...selected], isAuthorization),
              },
              'Odbierz uprawnienie',
            ),
          )
        : null;
    const sizeSelect = el(
      'select',
      {
        class: K.select,
        'aria-label': 'Liczba wierszy',
        onchange: (e) => {
          permState.size = Number(e.target.value);
          permState.page = 0;
          render();
        },
      },
      [10, 20, 50, 100].map((n) =>
        el('option', { value: String(n), ...(n === permState.size ? { selected: 'selected' } : {}) }, String(n)),
      ),
    );
    const pager = el(
      'div',
      { class: K.pager },
      el(
        'button',
        {
          class: K.btn,
          ...(permState.page === 0 ? { disabled: 'disabled' } : {}),
          onclick: () => {
            permState.page--;
            render();
          },
        },
        '‹ Poprzednia',
      ),
      el('span', {}, `Strona ${permState.page + 1}`),
      el(
        'button',
        {
          class: K.btn,
          ...(data.hasMore ? {} : { disabled: 'disabled' }),
          onclick: () => {
            permState.page++;
            render();
          },
        },
        'Następna ›',
      ),
      el('label', {}, 'Na stronie: ', sizeSelect),
      button('Odśwież', '⟳', () => {
        permState.message = null;
        render();
      }),
    );
    body.replaceChildren(
      ...[rows.length ? table : status('Brak uprawnień do wyświetlenia.'), actions, pager].filter(Boolean),
    );
  }

  function confirmRevoke(ps, isAuthorization) {
    const what = (p) =>
      `„${LABELS[p.permissionScope || p.authorizationScope] || p.permissionScope}” dla ${identity(p)}`;
    const dialog = el(
      'div',
      { class: K.dialog, role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Odbierz uprawnienie' },
      el('h2', {}, 'Odbierz uprawnienie'),
      el(
        'p',
        {},
        ps.length === 1
          ? `Czy na pewno odebrać uprawnienie ${what(ps[0])}?`
          : `Czy na pewno odebrać zaznaczone uprawnienia (${ps.length})?`,
      ),
      el(
        'div',
        { class: K.actions },
        el(
          'button',
          {
            class: K.primary,
            onclick: async () => {
              dialog.replaceChildren(status('W realizacji…'));
              const codes = [];
              for (const p of ps) {
                const path = isAuthorization
                  ? `/permissions/authorizations/grants/${p.id}`
                  : `/permissions/common/grants/${p.id}`;
                const r = await api.request('DELETE', path);
                if (r.status !== 202) {
                  codes.push(r.status);
                  continue;
                }
                let code = 100;
                for (let i = 0; i < 40 && code === 100; i++) {
                  await new Promise((res) => setTimeout(res, 400));
                  const st = await api.request('GET', `/permissions/operations/${r.json.referenceNumber}`);
                  code = st.status === 200 ? st.json.status.code : st.status === 429 ? 100 : st.status;
                }
                codes.push(code);
              }
              dialog.remove();
              const failed = codes.filter((c) => c !== 200);
              permState.message =
                failed.length === 0
                  ? 'Zakończono pomyślnie. Użyj „Odśwież”, aby zobaczyć aktualną listę.'
                  : `Operacja zakończona błędem (${failed.join(', ')}).`;
              render();
            },
          },
          'Odbierz',
        ),
        el('button', { class: K.btn, onclick: () => dialog.remove() }, 'Anuluj'),
      ),
    );
    document.body.append(dialog);
  }

  // ---- Tokens page (XMLHttpRequest, continuation paging)
  const tokState = { stack: [null] };
  async function tokensPage() {
    const body = el('div');
    shell([el('h1', { class: K.h1 }, 'Lista tokenów'), body]);
    body.append(status('Wczytywanie…'));
    const cont = tokState.stack[tokState.stack.length - 1];
    const r = await api.request('GET', '/tokens', {
      query: { pageSize: 10 },
      headers: cont ? { 'x-continuation-token': cont } : {},
      transport: 'xhr',
    });
    if (r.status !== 200) return body.replaceChildren(status(`Błąd ${r.status}`, K.error));
    const data = unwrap('tokens', r.json);
    const selected = new Set();
    const creator = (t) =>
      `${{ Nip: 'NIP', Pesel: 'PESEL' }[t.authorIdentifier.type] || t.authorIdentifier.type}: ${t.authorIdentifier.value}`;
    // The public columns of "Lista tokenów" (docs/ap.md): no permission column, dates as the AP writes them.
    body.replaceChildren(
      list(
        ['', 'Nazwa tokena', 'Twórca tokena', 'Data aktywacji tokena', 'Data ostatniego użycia tokena'],
        data.tokens.map((t) => [
          t.status === 'Active' ? checkbox(selected, t, `Zaznacz: ${t.description}`) : '',
          t.description,
          creator(t),
          apDate(t.dateCreated),
          apDate(t.lastUseDate),
        ]),
      ),
      el(
        'div',
        { class: K.actions },
        selectionAction(selected, 'Unieważnij', 'Unieważnić zaznaczone tokeny?', (t) =>
          api.request('DELETE', `/tokens/${t.referenceNumber}`, { transport: 'xhr' }),
        ),
      ),
      el(
        'div',
        { class: K.pager },
        el(
          'button',
          {
            class: K.btn,
            ...(tokState.stack.length > 1 ? {} : { disabled: 'disabled' }),
            onclick: () => {
              tokState.stack.pop();
              render();
            },
          },
          '‹ Poprzednia',
        ),
        el(
          'button',
          {
            class: K.btn,
            ...(data.continuationToken ? {} : { disabled: 'disabled' }),
            onclick: () => {
              tokState.stack.push(data.continuationToken);
              render();
            },
          },
          'Następna ›',
        ),
      ),
    );
  }

  // ---- Certificates page (XMLHttpRequest, page size 10–50)
  const certState = { page: 0 };
  async function certificatesPage() {
    const body = el('div');
    shell([el('h1', { class: K.h1 }, 'Lista certyfikatów'), body]);
    body.append(status('Wczytywanie…'));
    const r = await api.request('POST', '/certificates/query', {
      body: {},
      query: { pageOffset: certState.page, pageSize: 10 },
      transport: 'xhr',
    });
    if (r.status !== 200) return body.replaceChildren(status(`Błąd ${r.status}`, K.error));
    const data = unwrap('certificates', r.json, { page: certState.page, size: 10 });
    const selected = new Set();
    // The public columns of "Lista certyfikatów" (docs/ap.md): a checkbox, then serial, name, purpose; the
    // actions below act on the checked rows.
    body.replaceChildren(
      list(
        ['', 'Numer seryjny certyfikatu', 'Nazwa własna', 'Przeznaczenie'],
        data.certificates.map((c) => [
          checkbox(selected, c, `Zaznacz: ${c.certificateSerialNumber}`),
          el('span', { class: K.mono }, c.certificateSerialNumber),
          c.name,
          c.type === 'Offline' ? 'Podpis linku do weryfikacji wystawcy' : 'Uwierzytelnienie',
        ]),
      ),
      el(
        'div',
        { class: K.actions },
        el(
          'button',
          { type: 'button', class: K.btn, disabled: 'disabled', 'data-acts-on-selection': '' },
          'Pobierz certyfikat',
        ),
        selectionAction(selected, 'Unieważnij', 'Unieważnić zaznaczone certyfikaty?', (c) =>
          api.request('POST', `/certificates/${c.certificateSerialNumber}/revoke`, { body: {}, transport: 'xhr' }),
        ),
      ),
      el(
        'div',
        { class: K.pager },
        el(
          'button',
          {
            class: K.btn,
            ...(certState.page ? {} : { disabled: 'disabled' }),
            onclick: () => {
              certState.page--;
              render();
            },
          },
          '‹ Poprzednia',
        ),
        el(
          'button',
          {
            class: K.btn,
            ...(data.hasMore ? {} : { disabled: 'disabled' }),
            onclick: () => {
              certState.page++;
              render();
            },
          },
          'Następna ›',
        ),
      ),
    );
  }

  function homePage() {
    shell([
      el('h1', { class: K.h1 }, 'Aplikacja Podatnika KSeF'),
      el('p', {}, `Kontekst: NIP ${cfg.contextNip}. Wybierz pozycję z menu.`),
    ]);
  }

  function render() {
    const p = location.pathname.replace(/\/+$/, '');
    if (p === R.permissions || p === '/web/permissions') return permissionsPage();
    if (p === R.tokens || p === '/web/tokens') return tokensPage();
    if (p === R.certificates || p === '/web/certificates') return certificatesPage();
    return homePage();
  }

  window.addEventListener('popstate', render);
  fetch('/web/auth/session', { method: 'POST' })
    .then((r) => r.json())
    .then((s) => {
      session = { accessToken: s.accessToken };
      render();
    });
})();
