import { startReplica, type ApLayout, type ApMode, type ProxiedPaging } from './ap/server';
import { startTwin } from './ksef/server';
import type { ScenarioName } from './ksef/scenarios';
import type { TwinConfig } from './ksef/state';
import { startProvider } from './provider/server';

/**
 * The whole simulated world on loopback: the KSeF twin (API hosts), the AP replica (AP hosts) and the provider
 * reference server (plain HTTP on 127.0.0.1), sharing the twin's clock. `hosts` is what Chromium maps.
 */
export interface WorldOptions {
  scenario?: ScenarioName;
  mode?: ApMode;
  /** How the `proxied` AP's backend pages its lists. */
  paging?: ProxiedPaging;
  /** How the replica lays out its lists (docs/ap.md leaves it open). */
  layout?: Partial<ApLayout>;
  twinConfig?: Partial<TwinConfig>;
}

export async function startWorld(options: WorldOptions = {}) {
  const started = performance.now();
  const scenario = options.scenario ?? 'active-integration';
  const twin = await startTwin({ scenario, config: options.twinConfig });
  const twinFetch = (p: string, init?: RequestInit) => Promise.resolve(twin.app.request(p, init));
  const now = () => twin.clock.now();
  const [replica, provider] = await Promise.all([
    startReplica({ mode: options.mode ?? 'direct', paging: options.paging, layout: options.layout, twinFetch, now }),
    startProvider({ twinFetch, now, scenario }),
  ]);
  const hosts: Record<string, number> = {};
  for (const h of ['api.ksef.mf.gov.pl', 'api-demo.ksef.mf.gov.pl', 'api-test.ksef.mf.gov.pl']) hosts[h] = twin.port;
  for (const h of ['ap.ksef.mf.gov.pl', 'ap-demo.ksef.mf.gov.pl', 'ap-test.ksef.mf.gov.pl']) hosts[h] = replica.port;
  /** Seed all three servers with another scenario, as one world. */
  const reseed = async (next: ScenarioName) => {
    await twin.app.request('/__twin/reset', { method: 'POST', body: JSON.stringify({ scenario: next }) });
    replica.resetSession();
    await provider.app.request('/__provider/reset', { method: 'POST', body: JSON.stringify({ scenario: next }) });
  };
  return {
    twin,
    replica,
    provider,
    hosts,
    reseed,
    startupMs: performance.now() - started,
    close: async () => {
      await Promise.all([twin.close(), replica.close(), provider.close()]);
    },
  };
}
export type World = Awaited<ReturnType<typeof startWorld>>;
