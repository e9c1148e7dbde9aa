import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { clientIpOf, listen, type Served } from '../serve';
import * as auth from './auth';
import type { Call } from './call';
import * as certs from './certificates';
import { control } from './control';
import { RateLimiter } from './limits';
import * as perms from './permissions';
import * as queries from './queries';
import { badRequest, forbidden, stampInstance, tooManyRequests, type Reply } from './reply';
import { seedScenario, type ScenarioName } from './scenarios';
import { findOperation, validateRequestBody } from './spec';
import { Clock, World, type TwinConfig } from './state';
import * as tokens from './tokens';
import type { TokenClaims } from './tokens-jwt';

/**
 * The KSeF twin: the endpoints of the official OpenAPI that the product meets, under `/v2`, on a clock the
 * tests can move, with operations, visibility lag, rate limits, CORS and a control API under `/__twin`.
 */
const PUBLIC = new Set([
  '/auth/challenge',
  '/auth/xades-signature',
  '/auth/ksef-token',
  '/security/public-key-certificates',
]);
const AUTH_TOKEN = new Set(['/auth/{referenceNumber}', '/auth/token/redeem', '/auth/token/refresh']);
export const AP_ORIGIN = /^https:\/\/ap(-demo|-test)?\.ksef\.mf\.gov\.pl$/;

type Handler = (call: Call, claims: TokenClaims, param: string) => Reply | Promise<Reply>;

const WITH_ACCESS: Record<string, Handler> = {
  'GET /auth/sessions': (c) => auth.sessions(c),
  'DELETE /auth/sessions/current': (c) => auth.revokeSession(c, 'current'),
  'DELETE /auth/sessions/{referenceNumber}': (c, _, p) => auth.revokeSession(c, p),
  'POST /permissions/persons/grants': (c, k) => perms.grantEndpoint(c, k, '/permissions/persons/grants'),
  'POST /permissions/entities/grants': (c, k) => perms.grantEndpoint(c, k, '/permissions/entities/grants'),
  'POST /permissions/authorizations/grants': (c, k) => perms.grantEndpoint(c, k, '/permissions/authorizations/grants'),
  'POST /permissions/indirect/grants': (c, k) => perms.grantEndpoint(c, k, '/permissions/indirect/grants'),
  'POST /permissions/subunits/grants': (c, k) => perms.grantEndpoint(c, k, '/permissions/subunits/grants'),
  'DELETE /permissions/common/grants/{permissionId}': (c, k, p) => perms.revoke(c, k, p, false),
  'DELETE /permissions/authorizations/grants/{permissionId}': (c, k, p) => perms.revoke(c, k, p, true),
  'GET /permissions/operations/{referenceNumber}': (c, k, p) => perms.operationStatus(c, k, p),
  'POST /permissions/query/persons/grants': (c, k) => queries.queryPersons(c, k),
  'POST /permissions/query/personal/grants': (c, k) => queries.queryPersonal(c, k),
  'POST /permissions/query/entities/grants': (c, k) => queries.queryEntities(c, k),
  'POST /permissions/query/authorizations/grants': (c, k) => queries.queryAuthorizations(c, k),
  'POST /permissions/query/subunits/grants': (c, k) => queries.querySubunits(c, k),
  'POST /permissions/query/eu-entities/grants': (c) => queries.emptyPage(c, 'permissions'),
  'GET /permissions/query/entities/roles': (c) => queries.emptyPage(c, 'roles'),
  'POST /permissions/query/subordinate-entities/roles': (c) => queries.emptyPage(c, 'roles'),
  'POST /tokens': (c, k) => tokens.generate(c, k),
  'GET /tokens': (c, k) => tokens.list(c, k),
  'GET /tokens/{referenceNumber}': (c, k, p) => tokens.status(c, k, p),
  'DELETE /tokens/{referenceNumber}': (c, k, p) => tokens.revoke(c, k, p),
  'POST /certificates/query': (c, k) => certs.query(c, k),
  'POST /certificates/{certificateSerialNumber}/revoke': (c, k, p) =>
    certs.revoke(c, k, p, [...c.world.auth.values()].find((o) => o.ref === k.arn)?.tokenRef != null),
};

const WITHOUT_ACCESS: Record<string, (call: Call, param: string) => Reply | Promise<Reply>> = {
  'POST /auth/challenge': (c) => auth.challenge(c),
  'POST /auth/xades-signature': (c) => auth.xades(c),
  'POST /auth/ksef-token': (c) => auth.ksefToken(c),
  'GET /security/public-key-certificates': () => auth.publicKeys(),
  'GET /auth/{referenceNumber}': (c, p) => auth.status(c, p),
  'POST /auth/token/redeem': (c) => auth.redeem(c),
  'POST /auth/token/refresh': (c) => auth.refresh(c),
};

export interface TwinOptions {
  scenario?: ScenarioName;
  config?: Partial<TwinConfig>;
}

export function createTwin(options: TwinOptions = {}) {
  const clock = new Clock();
  const world = new World(clock);
  Object.assign(world.config, options.config ?? {});
  seedScenario(world, options.scenario ?? 'clean');
  const limiter = new RateLimiter();
  const app = new Hono();

  app.use(
    '/v2/*',
    cors({
      origin: (origin) => (AP_ORIGIN.test(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Continuation-Token', 'X-Error-Format'],
      exposeHeaders: ['Retry-After', 'X-System-Warning'],
      maxAge: 600,
    }),
  );
  app.route('/__twin', control(world, limiter));
  app.all('/v2/*', (c) => serveApi(c, world, limiter));
  return { app, world, clock, limiter };
}

async function serveApi(c: Context, world: World, limiter: RateLimiter): Promise<Response> {
  world.tick();
  const url = new URL(c.req.url);
  const path = url.pathname.replace(/^\/v2/, '') || '/';
  const method = c.req.method;
  const op = findOperation(method, path);
  const now = world.clock.now();
  const rawBody = method === 'GET' || method === 'DELETE' ? '' : await c.req.text();
  const clientIp = clientIpOf(c.env, c.req.raw.headers);
  const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? null;
  const call: Call = {
    world,
    now,
    method,
    path,
    query: url.searchParams,
    headers: c.req.raw.headers,
    body: undefined,
    rawBody,
    clientIp,
    problem: (c.req.header('x-error-format') ?? '').toLowerCase() === 'problem-details',
    bearer,
    claims: null,
  };
  const reply = stampInstance(await answer(call, op, limiter), path);
  world.log.push({
    at: now,
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    template: op?.template ?? null,
    status: reply.status,
    contentType: reply.contentType ?? '',
    body: reply.body ?? null,
    clientIp,
    context: call.claims?.civ ?? null,
    subject: call.claims?.sub ?? null,
    authorization: bearer,
  });
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body !== undefined) headers['content-type'] = `${reply.contentType ?? 'application/json'}; charset=utf-8`;
  return c.newResponse(reply.body === undefined ? null : JSON.stringify(reply.body), reply.status as 200, headers);
}

async function answer(call: Call, op: ReturnType<typeof findOperation>, limiter: RateLimiter): Promise<Reply> {
  const { world, now } = call;
  if (!op)
    return {
      status: 404,
      body: { title: 'Not Found', status: 404, detail: call.path },
      contentType: 'application/problem+json',
    };
  const key = `${op.method} ${op.template}`;
  const fault = world.faults.find(
    (f) => f.times > 0 && (!f.method || f.method === op.method) && (!f.path || new RegExp(f.path).test(call.path)),
  );
  if (fault) {
    fault.times--;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status === 429) return tooManyRequests(now, call.problem, fault.retryAfter ?? 1, 'testowy');
    if (fault.status >= 200 && fault.status < 300) {
      // A delay-only fault: serve the request normally once the delay has passed.
    } else {
      return {
        status: fault.status,
        body: { title: 'Injected fault', status: fault.status, detail: key },
        contentType: 'application/problem+json',
      };
    }
  }

  const needsAccess = !PUBLIC.has(op.template) && !AUTH_TOKEN.has(op.template);
  if (needsAccess) {
    const claims = await auth.accessClaims(call);
    if ('status' in claims && typeof claims.status === 'number') return claims as Reply;
    call.claims = claims as TokenClaims;
  }
  const limitKey = needsAccess ? `${call.claims!.civ}|${call.clientIp}|${key}` : `ip|${call.clientIp}`;
  const limit = needsAccess ? world.config.limits : world.config.authLimits;
  if (limit) {
    const refused = limiter.take(limitKey, limit, now);
    if (refused) return tooManyRequests(now, call.problem, refused.retryAfter, refused.window);
  }

  if (op.requestSchema) {
    try {
      call.body = call.rawBody === '' ? {} : JSON.parse(call.rawBody);
    } catch {
      return badRequest(now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', ['body is not JSON']);
    }
    const check = validateRequestBody(op, call.body);
    if (!check.ok) return badRequest(now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', check.errors);
  }

  const param =
    call.path
      .split('/')
      .filter(Boolean)
      .at(op.template.endsWith('/revoke') ? -2 : -1) ?? '';
  if (!needsAccess) return WITHOUT_ACCESS[key]!(call, param);

  const claims = call.claims!;
  const required = op.requiredPermissions;
  const owner = claims.rol.includes('Owner');
  if (
    required &&
    !(owner && required.some((r) => r !== 'VatUeManage')) &&
    !required.some((r) => claims.per.includes(r))
  ) {
    return forbidden(
      now,
      'missing-permissions',
      'Brak wymaganych uprawnień do wykonania operacji w bieżącym kontekście.',
      {
        requiredAnyOfPermissions: required,
        presentPermissions: claims.per,
      },
    );
  }
  const handler = WITH_ACCESS[key];
  if (!handler)
    return badRequest(now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [`${key} is not simulated`]);
  return handler(call, claims, param);
}

export async function startTwin(
  options: TwinOptions & { port?: number } = {},
): Promise<ReturnType<typeof createTwin> & Served> {
  const twin = createTwin(options);
  const served = await listen(twin.app, { https: true, port: options.port });
  return { ...twin, ...served };
}
