import { afterAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../people';
import { contractProblems } from '../provider/contract';
import { type createProvider, DEMO_API_KEY } from '../provider/server';
import { signXml } from '../signer';
import { checkAllResponsesAgainstSpec, owner, sleep, twinWithProvider } from './kit';

checkAllResponsesAgainstSpec();
const providers: ReturnType<typeof createProvider>[] = [];
afterAll(() => {
  expect(contractProblems(providers.flatMap((p) => p.store.log))).toEqual([]);
});

async function world(scenario: string) {
  const { t, p } = await twinWithProvider(scenario, { operationDelayMs: 30, authDelayMs: 10 });
  providers.push(p);
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { body?: string; headers?: Record<string, string>; key?: string | null } = {},
  ) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.key !== null) headers.Authorization = `Bearer ${opts.key ?? DEMO_API_KEY}`;
    const res = await p.app.request(path, { method, headers, body: opts.body });
    return { status: res.status, body: (await res.json()) as T, headers: res.headers };
  };
  const base = `/v1/integrations/DEMO/${USER.nip}`;
  const fault = (f: Record<string, unknown>) =>
    p.app.request('/__provider/faults', { method: 'POST', body: JSON.stringify(f) });
  const providerGrantsInKsef = () =>
    t.world.permissions.filter((x) => x.authorizedIdentifier.value === PROVIDER.nip && x.revokedAt === undefined)
      .length;
  const deletes = () =>
    t.world.log.filter((e) => e.method === 'DELETE' && e.path.startsWith('/permissions/common/grants/')).length;
  return { t, p, call, base, fault, providerGrantsInKsef, deletes };
}

async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!done(v) && Date.now() < end) {
    await sleep(50);
    v = await fn();
  }
  return v;
}

describe('provider reference server', () => {
  it('links with an API key and refuses without one', async () => {
    const w = await world('clean');
    expect((await w.call('GET', '/v1/account')).body).toMatchObject({ provider: { nips: [PROVIDER.nip] } });
    expect((await w.call('GET', '/v1/account', { key: 'wrong' })).body).toMatchObject({
      error: { code: 'unauthorized' },
    });
    expect((await w.call('GET', '/v1/integrations/MARS/5265877635')).status).toBe(400);
    expect((await w.call('GET', '/v1/integrations/DEMO/5265877636')).status).toBe(400);
  });

  it('reports status with the declared footprint and its own KSeF-side view', async () => {
    const w = await world('active-integration');
    const s = await w.call<{
      state: string;
      footprint: { grants: { permissionId: string }[] };
      ksefView: { grants: { id: string }[] };
    }>('GET', w.base);
    expect(s.body.state).toBe('active');
    expect(s.body.footprint.grants).toHaveLength(2);
    expect(s.body.ksefView.grants.map((g) => g.id).sort()).toEqual(
      s.body.footprint.grants.map((g) => g.permissionId).sort(),
    );
  });

  it('authorizes: unsigned request → the user signs → provider logs in as the user and grants itself invoicing', async () => {
    const w = await world('clean');
    const start = await w.call<{ id: string; authTokenRequest: string; state: string }>(
      'POST',
      `${w.base}/authorizations`,
    );
    expect(start.status).toBe(201);
    expect(start.body.state).toBe('awaiting-signature');
    const put = (xml: string) =>
      w.call<{ error?: { code: string } }>('PUT', `${w.base}/authorizations/${start.body.id}/signed-request`, {
        body: xml,
        headers: { 'Content-Type': 'application/xml' },
      });
    expect((await put(start.body.authTokenRequest)).body.error?.code).toBe('signed-request-invalid');
    const other = (await w.t.api.unsignedRequest(USER.nip)).xml;
    expect((await put(signXml(other, owner()))).body.error?.code).toBe('signed-request-mismatch');
    expect((await put('x'.repeat(300_000))).status).toBe(413);
    expect((await put(signXml(start.body.authTokenRequest, owner()))).status).toBe(202);
    const done = await until(
      () => w.call<{ state: string }>('GET', `${w.base}/authorizations/${start.body.id}`),
      (r) => ['completed', 'failed'].includes(r.body.state),
    );
    expect(done.body.state).toBe('completed');
    expect((await w.call<{ state: string }>('GET', w.base)).body.state).toBe('active');
    expect(w.providerGrantsInKsef()).toBe(2);
  });

  it('revokes idempotently: the same key is the same revocation, never a second one', async () => {
    const w = await world('active-integration');
    const headers = { 'Idempotency-Key': 'disconnect-0001' };
    expect((await w.call('POST', `${w.base}/revocations`)).body).toMatchObject({
      error: { code: 'idempotency-key-required' },
    });
    const first = await w.call<{ id: string }>('POST', `${w.base}/revocations`, { headers });
    expect(first.status).toBe(202);
    const again = await w.call<{ id: string }>('POST', `${w.base}/revocations`, { headers });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const done = await until(
      () =>
        w.call<{ state: string; items: { outcome: string; operationReferenceNumber: string }[] }>(
          'GET',
          `${w.base}/revocations/${first.body.id}`,
        ),
      (r) => r.body.state !== 'in-progress',
    );
    expect(done.body.state).toBe('completed');
    expect(done.body.items.every((i) => i.outcome === 'revoked' && i.operationReferenceNumber)).toBe(true);
    expect(w.deletes()).toBe(2);
    expect(w.providerGrantsInKsef()).toBe(0);
    expect((await w.call<{ state: string }>('GET', w.base)).body.state).toBe('disconnected');
  });

  it('with its session as the user expired, fails to revoke, calls itself disconnected and leaves the grants behind', async () => {
    const w = await world('active-integration');
    await w.fault({ sessionExpired: true });
    const r = await w.call<{ id: string }>('POST', `${w.base}/revocations`, {
      headers: { 'Idempotency-Key': 'disconnect-0002' },
    });
    const done = await until(
      () => w.call<{ state: string; items: { errorCode: string }[] }>('GET', `${w.base}/revocations/${r.body.id}`),
      (x) => x.body.state !== 'in-progress',
    );
    expect(done.body.state).toBe('failed');
    expect(done.body.items.map((i) => i.errorCode)).toEqual(['ksef-session-expired', 'ksef-session-expired']);
    expect((await w.call<{ state: string }>('GET', w.base)).body.state).toBe('disconnected');
    expect(w.providerGrantsInKsef()).toBe(2);
  });

  it('fails half-way on request', async () => {
    const w = await world('active-integration');
    await w.fault({ failHalfway: true });
    const r = await w.call<{ id: string }>('POST', `${w.base}/revocations`, {
      headers: { 'Idempotency-Key': 'disconnect-0003' },
    });
    const done = await until(
      () => w.call<{ state: string }>('GET', `${w.base}/revocations/${r.body.id}`),
      (x) => x.body.state !== 'in-progress',
    );
    expect(done.body.state).toBe('partial');
    expect(w.providerGrantsInKsef()).toBe(1);
  });

  it('injects 5xx, 429 with Retry-After, slow answers, a hang and a lost response', async () => {
    const w = await world('active-integration');
    await w.fault({
      errors: [
        { path: '^/v1/account$', status: 503, times: 1 },
        { path: '^/v1/account$', status: 429, times: 1, retryAfter: 2 },
      ],
    });
    expect((await w.call('GET', '/v1/account')).status).toBe(503);
    const limited = await w.call('GET', '/v1/account');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await w.call('GET', '/v1/account')).status).toBe(200);
    await w.fault({ slowMs: 120 });
    const t0 = Date.now();
    await w.call('GET', '/v1/account');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    await w.fault({ slowMs: 0, hang: { path: '^/v1/account$', times: 1, ms: 150 }, lostResponses: 1 });
    expect((await w.call('GET', '/v1/account')).status).toBe(504);
    const headers = { 'Idempotency-Key': 'disconnect-0004' };
    const lost = await w.call('POST', `${w.base}/revocations`, { headers });
    expect(lost.status).toBe(504);
    const retried = await w.call<{ id: string }>('POST', `${w.base}/revocations`, { headers });
    expect(retried.status).toBe(200);
    await until(
      () => w.call<{ state: string }>('GET', `${w.base}/revocations/${retried.body.id}`),
      (x) => x.body.state !== 'in-progress',
    );
    expect(w.deletes()).toBe(2);
    expect(w.p.store.revocations.size).toBe(1);
  });

  it('declares tokens and certificates in the user name, and revokes the token', async () => {
    const tok = await world('provider-token');
    const s = await tok.call<{ footprint: { tokens: { referenceNumber: string }[] }; actingNips: string[] }>(
      'GET',
      tok.base,
    );
    expect(s.body.footprint.tokens).toHaveLength(1);
    expect(s.body.actingNips).toEqual([]);
    const r = await tok.call<{ id: string }>('POST', `${tok.base}/revocations`, {
      headers: { 'Idempotency-Key': 'disconnect-0005' },
    });
    const done = await until(
      () => tok.call<{ state: string }>('GET', `${tok.base}/revocations/${r.body.id}`),
      (x) => x.body.state !== 'in-progress',
    );
    expect(done.body.state).toBe('completed');
    await sleep(60);
    tok.t.world.tick();
    expect(
      tok.t.world.tokens.find((x) => x.referenceNumber === s.body.footprint.tokens[0]!.referenceNumber)?.status,
    ).toBe('Revoked');
    const certs = await world('own-certificates');
    const c = await certs.call<{ mode: string; footprint: { certificates: unknown[] } }>('GET', certs.base);
    expect(c.body.mode).toBe('own-certificates');
    expect(c.body.footprint.certificates).toHaveLength(5);
  });
});
