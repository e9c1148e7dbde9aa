import { describe, expect, it } from 'vitest';
import { createReplica, type ApMode } from '../ap/server';
import type { ScenarioName } from '../ksef/scenarios';
import { PROVIDER } from '../people';
import { checkAllResponsesAgainstSpec, twin } from './kit';

checkAllResponsesAgainstSpec();

function world(mode: ApMode, scenario: ScenarioName = 'active-integration') {
  const t = twin({ scenario });
  const replica = createReplica({
    mode,
    twinFetch: (p, i) => Promise.resolve(t.app.request(p, i)),
    now: () => t.clock.now(),
  });
  const get = async (path: string, init?: RequestInit) => {
    const res = await replica.app.request(`https://ap-demo.ksef.mf.gov.pl${path}`, init);
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  return { t, replica, get };
}

describe('AP replica', () => {
  it('serves the SPA shell with generated class names and a config, no hooks for the extension', async () => {
    const a = world('direct');
    const b = world('direct');
    const page = await a.get('/web/permissions');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Krajowy System e-Faktur - Aplikacja Podatnika KSeF');
    expect(page.text).toContain('"apiBase":"https://api-demo.ksef.mf.gov.pl/v2"');
    expect(a.replica.classes.table).not.toBe(b.replica.classes.table);
    expect(page.text).not.toMatch(/data-testid|ksef-companion/);
    expect((await a.get('/web/assets/app.js')).text).toContain('XMLHttpRequest');
  });

  it('proxied: same-origin paths of its own, records inside its own envelope', async () => {
    const w = world('proxied');
    const { accessToken } = JSON.parse((await w.get('/web/auth/session', { method: 'POST' })).text) as {
      accessToken: string;
    };
    const r = await w.get('/web/api/uprawnienia/osoby?pageOffset=0&pageSize=10', {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ queryType: 'PermissionsInCurrentContext' }),
    });
    const body = JSON.parse(r.text) as {
      result: { content: { authorizedIdentifier: { value: string } }[]; hasMore: boolean };
      serverTime: string;
    };
    expect(body.result.content.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip)).toHaveLength(2);
    expect(body.result.hasMore).toBe(false);
    const tokens = await w.get('/web/api/tokeny?pageSize=10', { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(JSON.parse(tokens.text)).toMatchObject({ result: { content: [], next: null } });
    const unauthorized = await w.get('/web/api/uprawnienia/osoby', { method: 'POST', body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(JSON.parse(unauthorized.text)).toHaveProperty('error');
    // The direct mode has no backend API.
    expect((await world('direct').get('/web/api/tokeny')).status).toBe(404);
  });

  it('dom-only: renders rows on the server, escaped, and revokes the checked rows through a confirmation form', async () => {
    const w = world('dom-only');
    w.t.world.permissions[0]!.description = '<img src=x onerror=alert(1)> opis';
    const page = await w.get('/web/permissions');
    expect(page.text).toContain(`NIP: ${PROVIDER.nip}`);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;img src=x');
    expect(page.text).not.toContain('<script');
    // A checkbox per row; "Odbierz uprawnienie" below acts on the checked ones (docs/ap.md).
    const ids = [...page.text.matchAll(/name="item" value="common:([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(1);
    expect(page.text).toContain('>Odbierz uprawnienie</button>');
    const [a, b] = ids;
    const confirm = await w.get(`/web/permissions/revoke?item=common:${a}&item=common:${b}`);
    expect(confirm.text).toContain('Czy na pewno odebrać zaznaczone uprawnienia (2)?');
    const done = await w.get('/web/permissions/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `item=common:${a}&item=common:${b}`,
    });
    expect(done.status).toBe(303);
    expect(decodeURIComponent(done.headers.get('location') ?? '')).toContain('Zakończono pomyślnie');
    const after = (await w.get('/web/permissions')).text;
    expect(after).not.toContain(a);
    expect(after).not.toContain(b);
  });

  it('dom-only: pages with the API page sizes', async () => {
    const w = world('dom-only', 'accounting-office');
    const first = await w.get('/web/permissions?page=0&size=100');
    expect((first.text.match(/<tr class=/g) ?? []).length).toBe(100);
    expect(first.text).toContain('page=1&size=100');
    expect((await w.get('/web/tokens')).status).toBe(200);
    expect((await w.get('/web/certificates')).status).toBe(200);
  });
});
