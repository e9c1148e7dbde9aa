import { Hono } from 'hono';
import type { RateLimiter } from './limits';
import { isScenario, SCENARIO_NAMES, seedScenario } from './scenarios';
import { DEFAULT_CONFIG, type FaultRule, type World } from './state';

/**
 * The twin's control API, never under `/v2`: reset, seed a scenario, move the clock, change timings and
 * limits, inject faults, read the request log.
 */
export function control(world: World, limiter: RateLimiter): Hono {
  const app = new Hono();
  const state = () => ({
    scenario: world.scenario,
    now: new Date(world.clock.now()).toISOString(),
    permissions: world.permissions.filter((p) => p.revokedAt === undefined).length,
    tokens: world.tokens.length,
    certificates: world.certificates.length,
    config: world.config,
  });

  app.get('/state', (c) => c.json(state()));
  app.get('/scenarios', (c) => c.json(SCENARIO_NAMES));
  app.post('/reset', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { scenario?: string };
    const name = body.scenario ?? 'clean';
    if (!isScenario(name)) return c.json({ error: `unknown scenario ${name}`, known: SCENARIO_NAMES }, 400);
    world.config = structuredClone(DEFAULT_CONFIG);
    world.faults = [];
    world.operationFailures = [];
    world.log = [];
    limiter.reset();
    seedScenario(world, name);
    return c.json(state());
  });
  app.post('/scenario', async (c) => {
    const { name } = (await c.req.json()) as { name: string };
    if (!isScenario(name)) return c.json({ error: `unknown scenario ${name}`, known: SCENARIO_NAMES }, 400);
    seedScenario(world, name);
    return c.json(state());
  });
  app.post('/clock', async (c) => {
    const body = (await c.req.json()) as { advanceMs?: number; set?: string };
    if (typeof body.advanceMs === 'number') world.clock.advance(body.advanceMs);
    if (typeof body.set === 'string') world.clock.set(Date.parse(body.set));
    world.tick();
    return c.json({ now: new Date(world.clock.now()).toISOString() });
  });
  app.post('/config', async (c) => {
    Object.assign(world.config, await c.req.json());
    limiter.reset();
    return c.json(world.config);
  });
  app.post('/faults', async (c) => {
    const { rules } = (await c.req.json()) as { rules: FaultRule[] };
    world.faults.push(...rules);
    return c.json({ faults: world.faults });
  });
  app.delete('/faults', (c) => {
    world.faults = [];
    return c.json({ faults: [] });
  });
  app.post('/operation-failures', async (c) => {
    const { code, times } = (await c.req.json()) as { code: number; times: number };
    world.operationFailures.push({ code, times });
    return c.json({ operationFailures: world.operationFailures });
  });
  app.get('/log', (c) => {
    const since = Number(c.req.query('since') ?? 0);
    return c.json(world.log.slice(since));
  });
  app.delete('/log', (c) => {
    world.log = [];
    return c.json({ log: 0 });
  });
  return app;
}
