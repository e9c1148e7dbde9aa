import type { KsefEnvironment } from '../ksef/environments';
import type { JobState } from '../messaging/protocol-views';
import { allTabStates } from '../storage/tab-state';

/** Job states reached after KSeF may have changed: the provider revoked, the user removed, the job ended. */
const KSEF_CHANGED: readonly JobState[] = ['reread', 'verify', 'done', 'failed', 'cancelled'];

/**
 * AP tabs follow what changes under them (docs/architecture.md §5): every tab showing a company judges again when
 * the provider's word on it changes, and learns that its lists are outdated when a job changed KSeF. The tab that
 * ran the job reads KSeF itself and is not told.
 */
export function tabFollower(
  send: (tabId: number, payload: { contextNip: string; ksef: boolean }) => Promise<unknown>,
  tabs = allTabStates,
) {
  /** The last state heard of each job. */
  const jobStates = new Map<string, JobState>();
  const follow = async (environment: KsefEnvironment, contextNip: string, ksef: boolean, except: number | null) => {
    const told: number[] = [];
    for (const [id, tab] of Object.entries(await tabs())) {
      if (tab.environment !== environment || tab.contextNip !== contextNip || Number(id) === except) continue;
      await send(Number(id), { contextNip, ksef }).catch(() => undefined);
      told.push(Number(id));
    }
    return told;
  };
  return {
    providerChanged: (environment: KsefEnvironment, contextNip: string) => follow(environment, contextNip, false, null),
    async jobChanged(job: {
      id: string;
      state: JobState;
      environment: KsefEnvironment;
      contextNip: string;
      tabId: number | null;
    }) {
      const before = jobStates.get(job.id);
      jobStates.set(job.id, job.state);
      if (before === job.state || !KSEF_CHANGED.includes(job.state)) return [];
      return follow(job.environment, job.contextNip, true, job.tabId);
    },
  };
}
