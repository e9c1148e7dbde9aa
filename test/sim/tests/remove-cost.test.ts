import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { removeInPage, type CallAnswer } from '../../../lib/audit/remove';
import { PROVIDER, USER } from '../people';
import { owner, twin } from './kit';

/**
 * What removing leftovers from the user's session costs in KSeF requests, against the twin on its own clock
 * (the pacing waits move the clock instead of the test's time), and that it never meets a 429.
 */
async function cost(leftovers: number) {
  const t = twin({ scenario: 'active-integration', config: { operationDelayMs: 300 } });
  const base = t.world.permissions.find((p) => p.authorizedIdentifier.value === PROVIDER.nip)!;
  while (t.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip).length < leftovers)
    t.world.permissions.push({ ...base, id: randomUUID() });
  const ids = t.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip).map((p) => p.id);
  const { accessToken } = await t.api.login(owner(), USER.nip);
  const before = t.world.log.length;
  const started = t.clock.now();
  const removals = await removeInPage(
    ids.map((id) => ({ kind: 'grant' as const, id, scopes: [] })),
    {
      call: async (call): Promise<CallAnswer> => {
        const [method, path] = call.split(' ') as [string, string];
        const res = await t.app.request(`/v2${path}`, { method, headers: { Authorization: `Bearer ${accessToken}` } });
        const text = await res.text();
        if (!res.ok)
          return {
            kind: 'replay-failed',
            status: res.status,
            reason: 'http',
            retryAfter: Number(res.headers.get('retry-after')) || undefined,
          };
        return { kind: 'response', status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
      },
      sleep: async (ms) => t.clock.advance(ms),
      now: () => t.clock.now(),
    },
  );
  const log = t.world.log.slice(before);
  return {
    removed: removals.filter((r) => r.ok).length,
    requests: log.length,
    deletes: log.filter((e) => e.method === 'DELETE').length,
    operations: log.filter((e) => e.path.startsWith('/permissions/operations/')).length,
    rateLimited: log.filter((e) => e.status === 429).length,
    minutes: Math.round(((t.clock.now() - started) / 60_000) * 10) / 10,
    left: t.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt).length,
  };
}

describe("removing leftovers from the user's session", () => {
  it.each([2, 40])('%i leftover grants: every one removed, within KSeF limits', async (n) => {
    const c = await cost(n);
    console.log(`remove ${n} leftovers: ${JSON.stringify(c)}`);
    expect(c).toMatchObject({ removed: n, deletes: n, rateLimited: 0, left: 0 });
    expect(c.operations).toBeGreaterThanOrEqual(n);
  });
});
