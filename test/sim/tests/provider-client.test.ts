import { describe, expect, it } from 'vitest';
import { createProviderClient, backoffMs, retryAfterMs } from '../../../lib/provider/client';
import { ProviderError } from '../../../lib/provider/errors';
import { PROVIDER, USER } from '../people';
import { DEMO_API_KEY } from '../provider/server';
import { sleep, twinWithProvider } from './kit';

/**
 * The extension's provider client against the reference server (docs/provider-api.md): validation, retries
 * within limits, `Retry-After`, timeouts, and one revocation however often an answer is lost.
 */
async function world(scenario: string) {
  const { t, p } = await twinWithProvider(scenario, { operationDelayMs: 20, authDelayMs: 10 });
  const waits: number[] = [];
  const retries: string[] = [];
  const requests: { method: string; url: string; headers: Headers }[] = [];
  const client = (opts: { apiKey?: string; timeoutMs?: number; fetch?: typeof fetch } = {}) =>
    createProviderClient({
      baseUrl: 'https://provider.example/ksef-companion/',
      apiKey: opts.apiKey ?? DEMO_API_KEY,
      timeoutMs: opts.timeoutMs ?? 2_000,
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
      onRetry: (r) => void retries.push(r.code),
      fetch:
        opts.fetch ??
        (async (input, init) => {
          const url = new URL(String(input));
          requests.push({ method: init?.method ?? 'GET', url: url.href, headers: new Headers(init?.headers) });
          const res = await p.app.request(url.pathname.replace('/ksef-companion', ''), { ...init, signal: undefined });
          if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
          return res;
        }),
    });
  const fault = (f: Record<string, unknown>) =>
    p.app.request('/__provider/faults', { method: 'POST', body: JSON.stringify(f) });
  const revocationStarts = () =>
    p.store.log.filter((e) => e.method === 'POST' && e.path.endsWith('/revocations') && e.status === 202).length;
  const deletes = () => t.world.log.filter((e) => e.method === 'DELETE').length;
  return { t, p, client, waits, retries, requests, fault, revocationStarts, deletes };
}

async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!done(v) && Date.now() < end) {
    await sleep(40);
    v = await fn();
  }
  return v;
}

describe('provider client', () => {
  it('reads the account and the status, validated, with the key only in the Authorization header', async () => {
    const w = await world('active-integration');
    const c = w.client();
    expect((await c.account()).provider.nips).toEqual([PROVIDER.nip]);
    const s = await c.status('DEMO', USER.nip);
    expect(s).toMatchObject({ state: 'active', actingNips: [PROVIDER.nip] });
    expect(s.footprint.grants).toHaveLength(2);
    expect(w.requests.every((r) => r.headers.get('authorization') === `Bearer ${DEMO_API_KEY}`)).toBe(true);
    expect(w.requests.every((r) => !r.url.includes(DEMO_API_KEY))).toBe(true);
  });

  it('retries 5xx with growing, jittered waits and gives up after its attempts', async () => {
    const w = await world('active-integration');
    await w.fault({ errors: [{ status: 503, times: 2 }] });
    expect((await w.client().status('DEMO', USER.nip)).state).toBe('active');
    expect(w.retries).toEqual(['unavailable', 'unavailable']);
    expect(w.waits).toEqual([backoffMs(1, 500, 30_000, () => 0.5), backoffMs(2, 500, 30_000, () => 0.5)]);
    await w.fault({ errors: [{ status: 500, times: 10 }] });
    await expect(w.client().status('DEMO', USER.nip)).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    expect(w.retries.length).toBe(2 + 4);
  });

  it("waits as long as 429's Retry-After asks", async () => {
    const w = await world('active-integration');
    await w.fault({ errors: [{ status: 429, times: 1, retryAfter: 3 }] });
    expect((await w.client().status('DEMO', USER.nip)).state).toBe('active');
    expect(w.waits).toEqual([3000]);
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:10 GMT', Date.parse('2026-11-25T12:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('times out a hung call and retries it', async () => {
    const w = await world('active-integration');
    await w.fault({ hang: { ms: 400, times: 1 } });
    const c = w.client({
      timeoutMs: 100,
      fetch: async (input, init) => {
        const url = new URL(String(input));
        return await Promise.race([
          w.p.app.request(url.pathname.replace('/ksef-companion', ''), { ...init, signal: undefined }),
          new Promise<Response>((_, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          ),
        ]);
      },
    });
    expect((await c.status('DEMO', USER.nip)).state).toBe('active');
    expect(w.retries).toEqual(['timeout']);
  });

  it('never starts a second revocation when answers are lost or the call is repeated', async () => {
    const w = await world('active-integration');
    await w.fault({ lostResponses: 1 });
    const c = w.client();
    // The provider starts the revocation, then its answer is lost (504): the retry with the same key finds it.
    const first = await c.revoke('DEMO', USER.nip, 'job-0001-disconnect');
    expect(w.retries).toEqual(['unavailable']);
    const again = await c.revoke('DEMO', USER.nip, 'job-0001-disconnect');
    expect(again.id).toBe(first.id);
    const done = await until(
      () => c.revocation('DEMO', USER.nip, first.id),
      (r) => r.state !== 'in-progress',
    );
    expect(done.state).toBe('completed');
    expect(w.deletes()).toBe(2);
    expect(w.p.store.revocations.size).toBe(1);
  });

  it('refuses a wrong key and an answer that breaks the contract, without retrying', async () => {
    const w = await world('active-integration');
    await expect(w.client({ apiKey: 'wrong' }).account()).rejects.toMatchObject({ code: 'unauthorized' });
    const junk = w.client({
      fetch: async () => new Response(JSON.stringify({ state: 'happy' }), { status: 200 }),
    });
    const err = await junk.status('DEMO', USER.nip).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'bad-response' });
    expect(w.retries).toEqual([]);
  });
});
