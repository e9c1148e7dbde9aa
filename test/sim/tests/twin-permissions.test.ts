import { describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../people';
import { accountant, checkAllResponsesAgainstSpec, owner, provider, twin } from './kit';

checkAllResponsesAgainstSpec();

interface Page {
  permissions: { id: string; permissionScope: string; startDate: string; authorizedIdentifier: { value: string } }[];
  hasMore: boolean;
}
const PROVIDER_FILTER = {
  queryType: 'PermissionsInCurrentContext',
  authorizedIdentifier: { type: 'Nip', value: PROVIDER.nip },
};

describe('twin: permissions (docs/ksef.md §4)', () => {
  it('passes the official entity-grant flow: grant → query → revoke each id → poll to 200 → query until gone', async () => {
    // The lists catch up when the test moves the twin's clock past the lag, however long each step took.
    const t = twin({ scenario: 'clean', config: { visibilityLagMs: 60_000 } });
    const s = await t.api.login(owner(), USER.nip);
    const token = s.accessToken;
    const grant = await t.api.ok<{ referenceNumber: string }>('POST', '/permissions/entities/grants', {
      token,
      body: {
        subjectIdentifier: { type: 'Nip', value: PROVIDER.nip },
        permissions: [
          { type: 'InvoiceWrite', canDelegate: false },
          { type: 'InvoiceRead', canDelegate: false },
        ],
        description: 'Fakturowo – integracja',
        subjectDetails: { fullName: PROVIDER.name },
      },
    });
    expect((await t.api.waitForOperation(token, grant.referenceNumber)).code).toBe(200);
    const query = () =>
      t.api.ok<Page>('POST', '/permissions/query/persons/grants?pageOffset=0&pageSize=10', {
        token,
        body: PROVIDER_FILTER,
      });
    // Visibility lag: the operation is done, the list has not caught up yet.
    expect((await query()).permissions).toHaveLength(0);
    t.clock.advance(60_000);
    const items = (await query()).permissions;
    expect(items.map((p) => p.permissionScope).sort()).toEqual(['InvoiceRead', 'InvoiceWrite']);
    for (const p of items) {
      const op = await t.api.ok<{ referenceNumber: string }>('DELETE', `/permissions/common/grants/${p.id}`, { token });
      expect((await t.api.waitForOperation(token, op.referenceNumber)).code).toBe(200);
    }
    expect((await query()).permissions).toHaveLength(2);
    t.clock.advance(60_000);
    expect((await query()).permissions).toHaveLength(0);
  });

  it('pages 10,000 grants by page number with hasMore, in the documented order', async () => {
    const t = twin({ scenario: 'accounting-office', config: { limits: null } });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const ids = new Set<string>();
    let previous: Page['permissions'][number] | undefined;
    let pages = 0;
    for (let offset = 0; ; offset++) {
      const page = await t.api.ok<Page>('POST', `/permissions/query/persons/grants?pageOffset=${offset}&pageSize=100`, {
        token,
        body: { queryType: 'PermissionsInCurrentContext' },
      });
      pages++;
      for (const p of page.permissions) {
        if (previous) {
          const order = previous.startDate.localeCompare(p.startDate) || (previous.id < p.id ? 1 : -1);
          expect(order).toBeGreaterThan(0);
        }
        previous = p;
        ids.add(p.id);
      }
      if (!page.hasMore) break;
    }
    expect(ids.size).toBe(10_002);
    expect(pages).toBe(101);
    for (const size of [9, 101]) {
      const r = await t.api.call('POST', `/permissions/query/persons/grants?pageSize=${size}`, {
        token,
        body: { queryType: 'PermissionsInCurrentContext' },
      });
      expect(r.status).toBe(400);
    }
  });

  it('enforces x-required-permissions with 403 missing-permissions', async () => {
    const t = twin({ scenario: 'active-integration' });
    const acc = await t.api.login(accountant(), USER.nip);
    expect(
      (
        await t.api.call('POST', '/permissions/query/persons/grants', {
          token: acc.accessToken,
          body: { queryType: 'PermissionsInCurrentContext' },
        })
      ).status,
    ).toBe(200);
    const denied = await t.api.call<{
      reasonCode: string;
      security: { requiredAnyOfPermissions: string[]; presentPermissions: string[] };
    }>('POST', '/permissions/persons/grants', {
      token: acc.accessToken,
      body: {
        subjectIdentifier: { type: 'Pesel', value: '44051401359' },
        permissions: ['InvoiceRead'],
        description: 'Próba nadania',
        subjectDetails: {
          subjectDetailsType: 'PersonByIdentifier',
          personById: { firstName: 'Adam', lastName: 'Nowicki' },
        },
      },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.reasonCode).toBe('missing-permissions');
    expect(denied.body.security.requiredAnyOfPermissions).toEqual(['CredentialsManage']);
    expect(denied.body.security.presentPermissions).toEqual(['CredentialsRead', 'InvoiceRead']);
    const prov = await t.api.login(provider(), USER.nip);
    expect(
      (
        await t.api.call('POST', '/permissions/query/persons/grants', {
          token: prov.accessToken,
          body: { queryType: 'PermissionsInCurrentContext' },
        })
      ).status,
    ).toBe(403);
  });

  it('shows the provider its own side: the contexts that granted it invoicing (§4.7.3)', async () => {
    const t = twin({ scenario: 'active-integration' });
    const prov = await t.api.login(provider(), PROVIDER.nip);
    const page = await t.api.ok<{ permissions: { contextIdentifier: { value: string }; permissionScope: string }[] }>(
      'POST',
      '/permissions/query/entities/grants',
      { token: prov.accessToken, body: { contextIdentifier: { type: 'Nip', value: USER.nip } } },
    );
    expect(page.permissions.map((p) => [p.contextIdentifier.value, p.permissionScope]).sort()).toEqual([
      [USER.nip, 'InvoiceRead'],
      [USER.nip, 'InvoiceWrite'],
    ]);
  });

  it('fails operations on request, reports a missing grant as failed, and answers 410 after 30 days', async () => {
    const t = twin({ scenario: 'active-integration' });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const missing = await t.api.ok<{ referenceNumber: string }>(
      'DELETE',
      '/permissions/common/grants/00000000-0000-0000-0000-000000000000',
      { token },
    );
    expect((await t.api.waitForOperation(token, missing.referenceNumber)).code).toBe(410);
    await t.app.request('/__twin/operation-failures', {
      method: 'POST',
      body: JSON.stringify({ code: 420, times: 1 }),
    });
    const [first] = (
      await t.api.ok<Page>('POST', '/permissions/query/persons/grants', { token, body: PROVIDER_FILTER })
    ).permissions;
    const op = await t.api.ok<{ referenceNumber: string }>('DELETE', `/permissions/common/grants/${first!.id}`, {
      token,
    });
    expect((await t.api.waitForOperation(token, op.referenceNumber)).code).toBe(420);
    expect(
      (await t.api.ok<Page>('POST', '/permissions/query/persons/grants', { token, body: PROVIDER_FILTER })).permissions,
    ).toHaveLength(2);
    t.clock.advance(31 * 24 * 3600_000);
    const fresh = await t.api.ok<{ accessToken: { token: string } }>('POST', '/auth/token/refresh', {
      token: (await t.api.login(owner(), USER.nip)).refreshToken,
    });
    expect(
      (await t.api.call('GET', `/permissions/operations/${op.referenceNumber}`, { token: fresh.accessToken.token }))
        .status,
    ).toBe(410);
  });

  it('keeps 30 requests a minute per endpoint and answers 429 with Retry-After in both formats', async () => {
    const t = twin({ scenario: 'clean', config: { limits: { perSecond: 1000, perMinute: 30, perHour: 120 } } });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const q = (problem = false) =>
      t.api.call('POST', '/permissions/query/persons/grants', {
        token,
        body: { queryType: 'PermissionsInCurrentContext' },
        headers: problem ? { 'X-Error-Format': 'problem-details' } : {},
      });
    for (let i = 0; i < 30; i++) expect((await q()).status).toBe(200);
    const legacy = await q();
    expect(legacy.status).toBe(429);
    expect(Number(legacy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(legacy.body).toMatchObject({ status: { code: 429 } });
    const problem = await q(true);
    expect(problem.headers.get('content-type')).toContain('application/problem+json');
    // Another endpoint has its own counter.
    expect((await t.api.call('GET', '/tokens', { token })).status).toBe(200);
    t.clock.advance(61_000);
    expect((await q()).status).toBe(200);
  });

  it('also enforces 10 per second', async () => {
    const t = twin({ scenario: 'clean' });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const results = await Promise.all(Array.from({ length: 11 }, () => t.api.call('GET', '/tokens', { token })));
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
  });
});
