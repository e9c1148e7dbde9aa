import { describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../people';
import { checkAllResponsesAgainstSpec, owner, twin } from './kit';

checkAllResponsesAgainstSpec();

interface Tokens {
  tokens: { referenceNumber: string; status: string; description: string; authorIdentifier: { value: string } }[];
  continuationToken: string | null;
}
interface Certs {
  certificates: { certificateSerialNumber: string; name: string; status: string; validTo: string }[];
  hasMore: boolean;
}

describe('twin: tokens (docs/ksef.md §6)', () => {
  it('generates Pending → Active, lists with filters and continuation, revokes Revoking → Revoked', async () => {
    // The twin's clock, moved by the test, takes each token from one state to the next.
    const t = twin({ scenario: 'provider-token', config: { operationDelayMs: 10_000 } });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const gen = await t.api.ok<{ referenceNumber: string; token: string }>('POST', '/tokens', {
      token,
      body: { permissions: ['InvoiceRead', 'InvoiceWrite'], description: 'Nowy token testowy' },
    });
    expect(gen.token.startsWith(`${gen.referenceNumber}|nip-${USER.nip}|`)).toBe(true);
    expect((await t.api.ok<{ status: string }>('GET', `/tokens/${gen.referenceNumber}`, { token })).status).toBe(
      'Pending',
    );
    t.clock.advance(10_000);
    expect((await t.api.ok<{ status: string }>('GET', `/tokens/${gen.referenceNumber}`, { token })).status).toBe(
      'Active',
    );
    const byName = await t.api.ok<Tokens>(
      'GET',
      `/tokens?description=${encodeURIComponent(PROVIDER.product)}&status=Active`,
      { token },
    );
    expect(byName.tokens.map((x) => x.description)).toEqual(['Fakturowo – integracja KSeF']);
    const all = await t.api.ok<Tokens>('GET', '/tokens?pageSize=10', { token });
    expect(all.tokens).toHaveLength(3);
    expect(all.continuationToken).toBeNull();
    expect((await t.api.call('DELETE', `/tokens/${gen.referenceNumber}`, { token })).status).toBe(204);
    expect((await t.api.ok<{ status: string }>('GET', `/tokens/${gen.referenceNumber}`, { token })).status).toBe(
      'Revoking',
    );
    t.clock.advance(10_000);
    expect((await t.api.ok<{ status: string }>('GET', `/tokens/${gen.referenceNumber}`, { token })).status).toBe(
      'Revoked',
    );
    const lacking = await t.api.call('POST', '/tokens', {
      token: (await t.api.login(owner(), USER.nip)).accessToken,
      body: { permissions: ['EnforcementOperations'], description: 'Za szeroki token' },
    });
    expect(lacking.status).toBe(202);
  });

  it('pages tokens with a continuation token', async () => {
    const t = twin({ scenario: 'clean', config: { operationDelayMs: 0, limits: null } });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    for (let i = 0; i < 23; i++) {
      await t.api.ok('POST', '/tokens', {
        token,
        body: { permissions: ['InvoiceRead'], description: `Token numer ${i}` },
      });
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: Tokens = await t.api.ok<Tokens>('GET', '/tokens?pageSize=10', {
        token,
        headers: next ? { 'x-continuation-token': next } : {},
      });
      seen.push(...page.tokens.map((x) => x.referenceNumber));
      next = page.continuationToken;
    } while (next);
    expect(new Set(seen).size).toBe(23);
  });
});

describe('twin: certificates (docs/ksef.md §5)', () => {
  it('lists own certificates with validity on the clock, revokes via Blocked, refuses a second revoke', async () => {
    const t = twin({ scenario: 'own-certificates', config: { operationDelayMs: 10_000 } });
    const { accessToken: token } = await t.api.login(owner(), USER.nip);
    const list = () => t.api.ok<Certs>('POST', '/certificates/query?pageSize=10', { token, body: {} });
    const first = await list();
    expect(first.certificates.map((c) => c.status).sort()).toEqual(['Active', 'Active', 'Active', 'Active', 'Revoked']);
    t.clock.advance(6 * 24 * 3600_000);
    const later = await t.api.ok<Certs>('POST', '/certificates/query?pageSize=10', {
      token: (await t.api.login(owner(), USER.nip)).accessToken,
      body: { status: 'Expired' },
    });
    expect(later.certificates.map((c) => c.name)).toEqual(['Certyfikat KSeF (ważny 5 dni)']);
    const fresh = (await t.api.login(owner(), USER.nip)).accessToken;
    const target = (
      await t.api.ok<Certs>('POST', '/certificates/query?pageSize=10', { token: fresh, body: { name: '400' } })
    ).certificates[0]!;
    const revoke = () =>
      t.api.call('POST', `/certificates/${target.certificateSerialNumber}/revoke`, {
        token: fresh,
        body: { revocationReason: 'Unspecified' },
      });
    expect((await revoke()).status).toBe(204);
    const blocked = await t.api.ok<Certs>('POST', '/certificates/query?pageSize=10', {
      token: fresh,
      body: { name: '400' },
    });
    expect(blocked.certificates[0]!.status).toBe('Blocked');
    t.clock.advance(10_000);
    expect(
      (await t.api.ok<Certs>('POST', '/certificates/query?pageSize=10', { token: fresh, body: { name: '400' } }))
        .certificates[0]!.status,
    ).toBe('Revoked');
    expect(JSON.stringify((await revoke()).body)).toContain('25009');
    expect((await t.api.call('POST', '/certificates/query?pageSize=51', { token: fresh, body: {} })).status).toBe(400);
  });
});

describe('twin: browser and control', () => {
  it('answers CORS preflights for the AP origins only', async () => {
    const t = twin();
    const pre = (origin: string) =>
      t.app.request('/v2/permissions/query/persons/grants', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const good = await pre('https://ap-demo.ksef.mf.gov.pl');
    expect(good.headers.get('access-control-allow-origin')).toBe('https://ap-demo.ksef.mf.gov.pl');
    expect(good.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('injects faults, then serves normally, and keeps a request log', async () => {
    const t = twin();
    await t.app.request('/__twin/faults', {
      method: 'POST',
      body: JSON.stringify({ rules: [{ path: '^/auth/challenge$', status: 503, times: 1 }] }),
    });
    expect((await t.api.call('POST', '/auth/challenge')).status).toBe(503);
    expect((await t.api.call('POST', '/auth/challenge')).status).toBe(200);
    const log = (await (await t.app.request('/__twin/log')).json()) as { status: number }[];
    expect(log.map((e) => e.status)).toEqual([503, 200]);
    const reset = await t.app.request('/__twin/reset', { method: 'POST', body: JSON.stringify({ scenario: 'risky' }) });
    expect(((await reset.json()) as { scenario: string }).scenario).toBe('risky');
    expect(
      (await t.app.request('/__twin/reset', { method: 'POST', body: JSON.stringify({ scenario: 'nope' }) })).status,
    ).toBe(400);
  });
});
