import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { checkNip } from '../../../lib/ksef/identifiers';
import { KsefClient, type FetchLike } from '../ksef-client';
import { PROVIDER } from '../people';
import { listen, type Served } from '../serve';
import { EXPECTED_SCOPES, ProviderKsef } from './ksef-side';
import { authorize, revoke, seedProvider } from './jobs';
import { NO_FAULTS, ProviderStore, type AuthorizationRecord, type Integration, type RevocationRecord } from './store';

/**
 * The provider reference server: implements docs/provider-api.md by really doing docs/architecture.md §5a against
 * the KSeF twin as the provider's NIP, with fault injection under `/__provider`.
 */
export const DEMO_API_KEY = 'fk_demo_8f1c2b7e4a9d4e0c9b6a1f3e5d7c2a90';
export const PROVIDER_IP = '198.51.100.7';
const ENVIRONMENTS = new Set(['TEST', 'DEMO', 'PRD']);
const MAX_XML = 256 * 1024;

export interface ProviderOptions {
  twinFetch: FetchLike;
  now?: () => number;
  scenario?: string;
}

type ErrorCode =
  | 'unauthorized'
  | 'not-found'
  | 'invalid-request'
  | 'idempotency-key-required'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'internal'
  | 'signed-request-invalid'
  | 'signed-request-mismatch';

const RETRYABLE = new Set(['rate-limited', 'unavailable', 'internal']);
export function fail(
  c: Context,
  status: number,
  code: ErrorCode | string,
  message: string,
  headers: Record<string, string> = {},
) {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json({ error: { code, message, retryable: RETRYABLE.has(code) } }, status as 400);
}

export function statusBody(i: Integration, view: { readAt: number; grants: unknown[] } | null, now: number) {
  return {
    environment: i.environment,
    contextNip: i.contextNip,
    state: i.state,
    mode: i.mode,
    actingNips: i.actingNips,
    expectedScopes: [...EXPECTED_SCOPES],
    footprint: i.footprint,
    ksefView: view ? { readAt: new Date(view.readAt).toISOString(), grants: view.grants } : null,
    updatedAt: new Date(i.updatedAt || now).toISOString(),
    error: i.error,
  };
}

const iso = (at: number) => new Date(at).toISOString();

export function authorizationBody(r: AuthorizationRecord) {
  return {
    id: r.id,
    state: r.state,
    ...(r.state === 'awaiting-signature' ? { authTokenRequest: r.authTokenRequest } : {}),
    challenge: r.challenge,
    expiresAt: iso(r.expiresAt),
    createdAt: iso(r.createdAt),
    steps: r.steps,
    ...(r.error ? { error: r.error } : {}),
  };
}

export function revocationBody(r: RevocationRecord) {
  return {
    id: r.id,
    state: r.state,
    startedAt: iso(r.startedAt),
    ...(r.finishedAt ? { finishedAt: iso(r.finishedAt) } : {}),
    items: r.items,
  };
}

export function createProvider(options: ProviderOptions) {
  const now = options.now ?? Date.now;
  const store = new ProviderStore();
  const twinFetch: FetchLike = (path, init) =>
    options.twinFetch(path, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-sim-client-ip': PROVIDER_IP },
    });
  const ksef = new ProviderKsef(new KsefClient(twinFetch), now);
  const app = new Hono();

  app.use('/v1/*', async (c, next) => {
    const started = now();
    const f = store.faults;
    if (f.slowMs) await new Promise((r) => setTimeout(r, f.slowMs));
    const path = new URL(c.req.url).pathname;
    const hang = f.hang && f.hang.times > 0 && (!f.hang.path || new RegExp(f.hang.path).test(path)) ? f.hang : null;
    const rule = f.errors.find(
      (e) => e.times > 0 && (!e.method || e.method === c.req.method) && (!e.path || new RegExp(e.path).test(path)),
    );
    if (hang) {
      hang.times--;
      await new Promise((r) => setTimeout(r, hang.ms));
      c.res = fail(c, 504, 'unavailable', 'Przekroczono czas odpowiedzi.');
    } else if (rule) {
      rule.times--;
      const code = rule.status === 429 ? 'rate-limited' : rule.status >= 500 ? 'unavailable' : 'invalid-request';
      c.res = fail(
        c,
        rule.status,
        code,
        'Usługa chwilowo niedostępna.',
        rule.retryAfter ? { 'Retry-After': String(rule.retryAfter) } : {},
      );
    } else if (c.req.header('authorization') !== `Bearer ${DEMO_API_KEY}`) {
      c.res = fail(c, 401, 'unauthorized', 'Nieprawidłowy klucz API.');
    } else {
      await next();
    }
    const body = await c.res
      .clone()
      .json()
      .catch(() => null);
    store.log.push({
      at: started,
      method: c.req.method,
      path,
      status: c.res.status,
      idempotencyKey: c.req.header('idempotency-key') ?? null,
      authorization: c.req.header('authorization') ?? null,
      body,
    });
  });

  const integrationOf = (c: Context): Integration | Response => {
    const env = c.req.param('environment') ?? '';
    const nip = c.req.param('contextNip') ?? '';
    if (!ENVIRONMENTS.has(env)) return fail(c, 400, 'invalid-request', `Nieznane środowisko: ${env}.`);
    const checked = checkNip(nip);
    if (!checked.ok || checked.value !== nip) return fail(c, 400, 'invalid-request', 'Nieprawidłowy NIP.');
    return store.integration(env, nip);
  };

  app.get('/v1/account', (c) =>
    c.json({
      accountId: 'acc_5265877635',
      name: 'Piekarnia Kowalscy sp. z o.o.',
      provider: { name: PROVIDER.name, nips: [PROVIDER.nip] },
      // The customer's own company and any other it has connected; an older provider (a fault) does not say.
      ...(store.faults.noCompanyList ? {} : { companies: store.companies() }),
    }),
  );

  app.get('/v1/integrations/:environment/:contextNip', async (c) => {
    const i = integrationOf(c);
    if (i instanceof Response) return i;
    const view = await ksef.ownView(i.contextNip).catch(() => null);
    return c.json(statusBody(i, view, now()));
  });

  app.post('/v1/integrations/:environment/:contextNip/authorizations', async (c) => {
    const i = integrationOf(c);
    if (i instanceof Response) return i;
    if (i.state === 'disconnecting') return fail(c, 409, 'conflict', 'Trwa odłączanie.');
    const rec = await authorize.start(store, ksef, i, now());
    return c.json(authorizationBody(rec), 201);
  });

  app.get('/v1/integrations/:environment/:contextNip/authorizations/:id', (c) => {
    const rec = store.authorizations.get(c.req.param('id'));
    if (!rec || rec.contextNip !== c.req.param('contextNip'))
      return fail(c, 404, 'not-found', 'Nie ma takiej autoryzacji.');
    return c.json(authorizationBody(rec));
  });

  app.put('/v1/integrations/:environment/:contextNip/authorizations/:id/signed-request', async (c) => {
    const i = integrationOf(c);
    if (i instanceof Response) return i;
    const rec = store.authorizations.get(c.req.param('id'));
    if (!rec || rec.contextNip !== i.contextNip) return fail(c, 404, 'not-found', 'Nie ma takiej autoryzacji.');
    const xml = await c.req.text();
    if (xml.length > MAX_XML) return fail(c, 413, 'too-large', 'Plik jest za duży.');
    if (rec.state !== 'awaiting-signature') return fail(c, 409, 'conflict', 'Ta autoryzacja nie czeka już na podpis.');
    const check = ProviderKsef.checkSigned(xml, rec.challenge, rec.contextNip);
    if (!check.ok) return fail(c, 400, check.code as ErrorCode, check.message);
    authorize.continue(store, ksef, i, rec, xml, now);
    return c.json(authorizationBody(rec), 202);
  });

  app.post('/v1/integrations/:environment/:contextNip/revocations', async (c) => {
    const i = integrationOf(c);
    if (i instanceof Response) return i;
    const key = c.req.header('idempotency-key') ?? '';
    if (key.length < 8 || key.length > 128)
      return fail(c, 400, 'idempotency-key-required', 'Brak nagłówka Idempotency-Key.');
    const existing = store.revocationsByKey.get(`${i.environment}:${i.contextNip}:${key}`);
    if (existing) return c.json(revocationBody(store.revocations.get(existing)!), 200);
    const rec = revoke.start(store, ksef, i, key, now);
    if (store.faults.lostResponses > 0) {
      store.faults.lostResponses--;
      return fail(c, 504, 'unavailable', 'Przekroczono czas odpowiedzi.');
    }
    return c.json(revocationBody(rec), 202);
  });

  app.get('/v1/integrations/:environment/:contextNip/revocations/:id', (c) => {
    const rec = store.revocations.get(c.req.param('id'));
    if (!rec || rec.contextNip !== c.req.param('contextNip'))
      return fail(c, 404, 'not-found', 'Nie ma takiego odłączenia.');
    return c.json(revocationBody(rec));
  });

  app.notFound((c) => fail(c, 404, 'not-found', 'Nie ma takiego adresu.'));
  app.onError((e, c) => fail(c, 500, 'internal', e.message));

  // Control API: scenarios, faults, request log. Never under /v1.
  app.post('/__provider/reset', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { scenario?: string };
    store.integrations.clear();
    store.authorizations.clear();
    store.revocations.clear();
    store.revocationsByKey.clear();
    store.faults = structuredClone(NO_FAULTS);
    store.log = [];
    await seedProvider(store, ksef, body.scenario ?? 'clean', now);
    return c.json({ scenario: store.scenario });
  });
  app.post('/__provider/faults', async (c) => {
    Object.assign(store.faults, await c.req.json());
    return c.json(store.faults);
  });
  app.get('/__provider/log', (c) => c.json(store.log));
  app.get('/__provider/state', (c) =>
    c.json([...store.integrations.values()].map((i) => ({ ...i, userSession: i.userSession ? 'present' : null }))),
  );

  return { app, store, ksef, id: randomUUID() };
}

export async function startProvider(options: ProviderOptions & { port?: number }) {
  const provider = createProvider(options);
  await seedProvider(provider.store, provider.ksef, options.scenario ?? 'clean', options.now ?? Date.now);
  const served: Served = await listen(provider.app, { https: false, port: options.port });
  return { ...provider, ...served, url: `http://127.0.0.1:${served.port}` };
}
