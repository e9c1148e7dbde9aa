import { listDisconnectJobs, readDisconnectJob } from './stored';
import type { KsefEnvironment } from '../../ksef/environments';
import { removeInPage } from '../../audit/remove';
import type { Leftover } from '../../messaging/protocol';
import type { ToContentName, ToContentPayload } from '../../messaging/to-content';
import type { ToContentAnswer } from '../../messaging/to-content-answers';
import { typedSendToTab, type RawSendToTab } from '../send-to-tab';
import type { ProviderClient } from '../../provider/client';
import { putJob } from '../../storage/jobs';
import { FINISHED, WAITING_FOR_USER } from '../../messaging/protocol';
import { stepDisconnect } from './disconnect';
import type { DisconnectJob } from './disconnect-record';

/**
 * Drives jobs step by step, saving each step, so that a job survives the service worker being stopped: on
 * start the background resumes every job that is neither finished nor waiting for the user.
 */
export interface RunnerPorts {
  /** The linked provider's client, or null. */
  provider: () => Promise<ProviderClient | null>;
  /** Send a message to the AP content script in a tab's top frame; rejects when none answers. */
  sendToTab: RawSendToTab;
  /** An AP tab of this environment, the job's own first if it is still there. */
  findApTab: (environment: KsefEnvironment, preferred: number | null) => Promise<number | null>;
  /** Something changed that the user should see (badge, notification). */
  onChange?: (job: DisconnectJob) => void;
  /**
   * Called with true when a job starts running and with false when none runs any more. The background keeps an
   * alarm meanwhile, so that a background the browser unloads in the middle of a step (Firefox's event page,
   * Chromium's service worker) is woken again and resumes, even with no popup open.
   */
  keepAwake?: (running: boolean) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const running = new Set<string>();
/** How long an AP tab that does not answer yet (just opened, or loading) is given. */
export const PAGE_START_MS = 10_000;
/** How long a guided removal may take the user, across the AP's own pages. */
export const GUIDE_WAIT_MS = 20 * 60_000;

export function createRunner(ports: RunnerPorts) {
  const tabFor = async (job: DisconnectJob): Promise<number> => {
    const tab = await ports.findApTab(job.environment, job.tabId);
    if (tab === null) throw Object.assign(new Error('no AP tab'), { code: 'no-ap-tab' });
    return tab;
  };
  const sendToTab = typedSendToTab(ports.sendToTab);
  /**
   * Ask the content script in the job's AP tab. A tab just opened (or a page the AP's own buttons led to)
   * answers a moment after it has loaded: while it does not answer (or answers what does not fit), or `again`
   * says its answer is not the last word yet, ask again every second until `ms` have passed.
   */
  const askTab = async <N extends ToContentName>(
    job: DisconnectJob,
    name: N,
    payload: ToContentPayload<N>,
    ms: number,
    again: (answer: ToContentAnswer<N>, tab: number) => boolean = () => false,
  ): Promise<ToContentAnswer<N>> => {
    const until = ports.now() + ms;
    for (;;) {
      try {
        const tab = await tabFor(job);
        const answer = await sendToTab(tab, name, payload);
        if (!again(answer, tab) || ports.now() > until) return answer;
      } catch (e) {
        if ((e as { code?: string }).code === 'no-ap-tab' || ports.now() > until) throw e;
      }
      await ports.sleep(1000);
    }
  };
  const page = {
    reread: (job: DisconnectJob) =>
      askTab(
        job,
        'background→content:reread',
        {
          profile: {
            name: job.providerName,
            providerNips: job.providerNips,
            tokenReferences: job.tokenReferences,
            certificateSerials: job.certificateSerials,
          },
        },
        PAGE_START_MS,
      ),
    // The AP's own buttons may lead through pages of their own (a form, then the list again): each new page's
    // content script is asked again until the list shows none of the items, or the user gives up.
    guide: async (job: DisconnectJob, items: Leftover[]) => {
      await askTab(job, 'background→content:guide', { items }, GUIDE_WAIT_MS);
    },
    // In a tab opened for the job the page may not have read its list yet (no API base): ask again a while.
    remove: (job: DisconnectJob, items: Leftover[]) =>
      removeInPage(items, {
        call: (call) =>
          askTab(
            job,
            'background→content:call',
            { call },
            PAGE_START_MS,
            (answer, tab) => tab !== job.tabId && answer.reason === 'no-api',
          ),
        sleep: ports.sleep,
        now: ports.now,
      }),
  };

  async function run(id: string): Promise<void> {
    if (running.has(id)) return;
    running.add(id);
    if (running.size === 1) ports.keepAwake?.(true);
    try {
      for (;;) {
        const job = await readDisconnectJob(id);
        if (!job || FINISHED.includes(job.state) || WAITING_FOR_USER.includes(job.state)) return;
        const client = await ports.provider();
        const next = client
          ? await stepDisconnect(job, { provider: client, page, now: ports.now, sleep: ports.sleep })
          : { ...job, state: 'failed' as const, error: 'not-configured', note: 'failed', updatedAt: ports.now() };
        // The user may have cancelled while this step ran: a cancelled job stays cancelled.
        const latest = await readDisconnectJob(id);
        if (latest?.state === 'cancelled') return;
        await putJob(next);
        ports.onChange?.(next);
      }
    } finally {
      running.delete(id);
      if (running.size === 0) ports.keepAwake?.(false);
    }
  }

  return {
    run: (id: string) => void run(id),
    /**
     * Resume every job that a stopped background left in the middle of a step. With none to resume, the wake-up
     * alarm a stopped background could not clear is let go.
     */
    async resume() {
      for (const job of await listDisconnectJobs()) {
        if (!FINISHED.includes(job.state) && !WAITING_FOR_USER.includes(job.state)) void run(job.id);
      }
      if (running.size === 0) ports.keepAwake?.(false);
    },
    /** For tests: wait until no job is running. */
    idle: async () => {
      while (running.size > 0) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
export type Runner = ReturnType<typeof createRunner>;
