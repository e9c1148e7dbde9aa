import { describe, expect, it } from 'vitest';
import { USER } from '../people';
import { signerFor, signXml } from '../signer';
import { accountant, checkAllResponsesAgainstSpec, owner, provider, sleep, twin } from './kit';

checkAllResponsesAgainstSpec();

describe('twin: XAdES authentication (docs/ksef.md §3)', () => {
  it('challenge → signed request → 100 → 200 → redeem once → refresh', async () => {
    // The twin's clock, moved by the test, decides when the authentication is done (not the machine's speed).
    const t = twin({ config: { authDelayMs: 10_000 } });
    const { xml, challenge } = await t.api.unsignedRequest(USER.nip);
    expect(challenge).toMatch(/^\d{8}-CR-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    const init = await t.api.ok<{ referenceNumber: string; authenticationToken: { token: string } }>(
      'POST',
      '/auth/xades-signature',
      {
        body: signXml(xml, owner()),
        headers: { 'Content-Type': 'application/xml' },
      },
    );
    const token = init.authenticationToken.token;
    const first = await t.api.ok<{ status: { code: number } }>('GET', `/auth/${init.referenceNumber}`, { token });
    expect(first.status.code).toBe(100);
    t.clock.advance(10_000);
    const done = await t.api.ok<{ status: { code: number }; authenticationMethod: string }>(
      'GET',
      `/auth/${init.referenceNumber}`,
      { token },
    );
    expect(done).toMatchObject({ status: { code: 200 }, authenticationMethod: 'QualifiedSignature' });
    const tokens = await t.api.call<{ accessToken: { token: string }; refreshToken: { token: string } }>(
      'POST',
      '/auth/token/redeem',
      { token },
    );
    expect(tokens.status).toBe(200);
    const again = await t.api.call('POST', '/auth/token/redeem', { token });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('21301');
    const refreshed = await t.api.call('POST', '/auth/token/refresh', { token: tokens.body.refreshToken.token });
    expect(refreshed.status).toBe(200);
  });

  it('verifies the signature, the challenge and the XSD', async () => {
    const t = twin();
    const { xml } = await t.api.unsignedRequest(USER.nip);
    const signed = signXml(xml, owner());
    const post = (body: string, problem = false) =>
      t.api.call('POST', '/auth/xades-signature', {
        body,
        headers: { 'Content-Type': 'application/xml', ...(problem ? { 'X-Error-Format': 'problem-details' } : {}) },
      });
    const code = (r: { body: unknown }) => JSON.stringify(r.body).match(/"(?:exceptionCode|code)":(\d+)/)?.[1];
    expect(code(await post(signed.replace(USER.nip, '5247677742')))).toBe('9105');
    expect(code(await post(xml))).toBe('9102');
    expect(code(await post(signed.replace('<SubjectIdentifierType>', '<Extra/><SubjectIdentifierType>')))).toBe(
      '21401',
    );
    expect((await post(signed)).status).toBe(202);
    const replay = await post(signed, true);
    expect(replay.status).toBe(400);
    expect(code(replay)).toBe('21111');
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
  });

  it('reads the identity from the certificate and refuses a subject without rights (415)', async () => {
    const t = twin({ scenario: 'clean' });
    const stranger = signerFor({ type: 'Nip', value: '5247677742', name: 'Obca firma' });
    const { xml } = await t.api.unsignedRequest(USER.nip);
    const init = await t.api.ok<{ referenceNumber: string; authenticationToken: { token: string } }>(
      'POST',
      '/auth/xades-signature',
      {
        body: signXml(xml, stranger),
        headers: { 'Content-Type': 'application/xml' },
      },
    );
    await sleep(30);
    const st = await t.api.ok<{ status: { code: number } }>('GET', `/auth/${init.referenceNumber}`, {
      token: init.authenticationToken.token,
    });
    expect(st.status.code).toBe(415);
    await expect(t.api.login(accountant(), USER.nip)).resolves.toHaveProperty('accessToken');
    await expect(t.api.login(provider(), USER.nip)).rejects.toThrow(/415/);
  });

  it('access tokens live 15 minutes and refresh tokens 7 days, on the movable clock', async () => {
    const t = twin();
    const s = await t.api.login(owner(), USER.nip);
    const query = (token: string) =>
      t.api.call('POST', '/permissions/query/persons/grants', {
        token,
        body: { queryType: 'PermissionsInCurrentContext' },
      });
    expect((await query(s.accessToken)).status).toBe(200);
    t.clock.advance(16 * 60_000);
    const expired = await query(s.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toContain('application/problem+json');
    const fresh = await t.api.ok<{ accessToken: { token: string } }>('POST', '/auth/token/refresh', {
      token: s.refreshToken,
    });
    expect((await query(fresh.accessToken.token)).status).toBe(200);
    t.clock.advance(8 * 24 * 3600_000);
    expect((await t.api.call('POST', '/auth/token/refresh', { token: s.refreshToken })).status).toBe(401);
  });

  it('lists sessions with continuation paging and revoking one stops its refresh token', async () => {
    const t = twin({ config: { authLimits: null } });
    const sessions = [];
    for (let i = 0; i < 12; i++) sessions.push(await t.api.login(owner(), USER.nip));
    const current = sessions.at(-1)!;
    const page1 = await t.api.call<{
      items: { referenceNumber: string; isCurrent: boolean }[];
      continuationToken: string | null;
    }>('GET', '/auth/sessions?pageSize=10', { token: current.accessToken });
    expect(page1.body.items).toHaveLength(10);
    expect(page1.body.items[0]!.isCurrent).toBe(true);
    const page2 = await t.api.call<{ items: unknown[]; continuationToken: string | null }>(
      'GET',
      '/auth/sessions?pageSize=10',
      {
        token: current.accessToken,
        headers: { 'x-continuation-token': page1.body.continuationToken! },
      },
    );
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.continuationToken).toBeNull();
    const bad = await t.api.call('GET', '/auth/sessions', {
      token: current.accessToken,
      headers: { 'x-continuation-token': '!!' },
    });
    expect(JSON.stringify(bad.body)).toContain('21418');
    // A page size outside 10–100 is a validation error (21405), not a malformed token; problem bodies of every
    // status name the request the same way.
    const tooBig = await t.api.call<{ errors: { code: number }[]; instance: string }>(
      'GET',
      '/auth/sessions?pageSize=500',
      { token: current.accessToken, headers: { 'X-Error-Format': 'problem-details' } },
    );
    expect(tooBig.body.errors[0]!.code).toBe(21405);
    expect(tooBig.body.instance).toBe('/v2/auth/sessions');
    const anonymous = await t.api.call<{ instance: string; status: number }>('GET', '/auth/sessions');
    expect(anonymous.body).toMatchObject({ status: 401, instance: '/v2/auth/sessions' });
    const victim = sessions[0]!;
    expect(
      (await t.api.call('DELETE', `/auth/sessions/${victim.referenceNumber}`, { token: current.accessToken })).status,
    ).toBe(204);
    const refused = await t.api.call('POST', '/auth/token/refresh', { token: victim.refreshToken });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('425');
  });

  it('logs in with a KSeF token encrypted with the published key (RSA-OAEP SHA-256)', async () => {
    const t = twin({ config: { operationDelayMs: 10 } });
    const s = await t.api.login(owner(), USER.nip);
    const gen = await t.api.ok<{ referenceNumber: string; token: string }>('POST', '/tokens', {
      token: s.accessToken,
      body: { permissions: ['InvoiceRead'], description: 'Token do testu' },
    });
    await sleep(30);
    const init = await t.api.startKsefTokenLogin(gen.token, USER.nip);
    await sleep(30);
    const st = await t.api.ok<{ status: { code: number }; authenticationMethod: string }>(
      'GET',
      `/auth/${init.referenceNumber}`,
      {
        token: init.authenticationToken.token,
      },
    );
    expect(st).toMatchObject({ status: { code: 200 }, authenticationMethod: 'Token' });
  });
});
