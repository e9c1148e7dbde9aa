import type { KsefEnvironment } from '../ksef/environments';
import { removeInPage } from '../audit/remove';
import { callAnswer, guideReply, rereadReply, type Leftover } from '../messaging/protocol';
import type { ProviderClient } from '../provider/client';
import { getJob, listJobs, putJob } from '../storage/jobs';
import { FINISHED, stepDisconnect, WAITING_FOR_USER, type DisconnectJob } from './disconnect';

/**
 * Drives jobs step by step, saving each step, so that a job survives the service worker being stopped: on
 * start the background resumes every job that is neither finished nor waiting for the user.
 */
export interface RunnerPorts {
  /** The linked provider's client, or null. */
  provider: () => Promise<ProviderClient | null>;
  /** Send a message to the AP content script in a tab's top frame; rejects when none answers. */
  sendToTab: (tabId: number, message: unknown) => Promise<unknown>;
  /** An AP tab of this environment, the job's own first if it is still there. */
  findApTab: (environment: KsefEnvironment, preferred: number | null) => Promise<number | null>;
  /** Something changed that the user should see (badge, notification). */
  onChange?: (job: DisconnectJob) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const running = new Set<string>();
/** How often a re-read is asked of an AP tab that does not answer yet (a tab just opened). */
export const REREAD_ATTEMPTS = 10;
/** How long a guided removal may take the user, across the AP's own pages. */
export const GUIDE_WAIT_MS = 20 * 60_000;

export function createRunner(ports: RunnerPorts) {
  const tabFor = async (job: DisconnectJob): Promise<number> => {
    const tab = await ports.findApTab(job.environment, job.tabId);
    if (tab === null) throw Object.assign(new Error('no AP tab'), { code: 'no-ap-tab' });
    return tab;
  };
  const page = {
    async reread(job: DisconnectJob) {
      const message = {
        type: 'background→content:reread',
        profile: {
          name: job.providerName,
          providerNips: job.providerNips,
          tokenReferences: job.tokenReferences,
          certificateSerials: job.certificateSerials,
        },
      };
      // A tab just opened for the job gets its content script a moment after it has loaded.
      let reply: unknown;
      for (let attempt = 1; ; attempt++) {
        try {
          reply = await ports.sendToTab(await tabFor(job), message);
          break;
        } catch (e) {
          if ((e as { code?: string }).code === 'no-ap-tab' || attempt >= REREAD_ATTEMPTS) throw e;
          await ports.sleep(1000);
        }
      }
      const parsed = rereadReply.safeParse(reply);
      if (!parsed.success) throw Object.assign(new Error('bad reply'), { code: 'page-failed' });
      return parsed.data;
    },
    async guide(job: DisconnectJob, items: Leftover[]) {
      // The AP's own buttons may lead through pages of their own (a form, then the list again): each new page's
      // content script is asked again until the list shows none of the items, or the user gives up.
      const until = ports.now() + GUIDE_WAIT_MS;
      for (;;) {
        try {
          const reply = await ports.sendToTab(await tabFor(job), { type: 'background→content:guide', items });
          if (guideReply.safeParse(reply).success) return;
        } catch (e) {
          if ((e as { code?: string }).code === 'no-ap-tab' || ports.now() > until) throw e;
        }
        await ports.sleep(1000);
      }
    },
    async remove(job: DisconnectJob, items: Leftover[]) {
      const tab = await tabFor(job);
      // A tab just opened for the job: its content script comes up, and the page reads its list, shortly after.
      const ask = async (call: string): Promise<unknown> => {
        for (let attempt = 1; ; attempt++) {
          try {
            const reply = await ports.sendToTab(tab, { type: 'background→content:call', call });
            const early = (reply as { reason?: string } | null)?.reason === 'no-api' && attempt < REREAD_ATTEMPTS;
            if (!early || tab === job.tabId) return reply;
          } catch (e) {
            if (attempt >= REREAD_ATTEMPTS) throw e;
          }
          await ports.sleep(1000);
        }
      };
      return removeInPage(items, {
        call: async (call) => {
          const parsed = callAnswer.safeParse(await ask(call));
          if (!parsed.success) throw Object.assign(new Error('bad reply'), { code: 'page-failed' });
          return parsed.data;
        },
        sleep: ports.sleep,
        now: ports.now,
      });
    },
  };

  async function run(id: string): Promise<void> {
    if (running.has(id)) return;
    running.add(id);
    try {
      for (;;) {
        const job = (await getJob(id)) as DisconnectJob | null;
        if (!job || FINISHED.includes(job.state) || WAITING_FOR_USER.includes(job.state)) return;
        const client = await ports.provider();
        const next = client
          ? await stepDisconnect(job, { provider: client, page, now: ports.now, sleep: ports.sleep })
          : { ...job, state: 'failed' as const, error: 'not-configured', note: 'failed', updatedAt: ports.now() };
        // The user may have cancelled while this step ran: a cancelled job stays cancelled.
        const latest = (await getJob(id)) as DisconnectJob | null;
        if (latest?.state === 'cancelled') return;
        await putJob(next);
        ports.onChange?.(next);
      }
    } finally {
      running.delete(id);
    }
  }

  return {
    run: (id: string) => void run(id),
    /** Resume every job that a stopped service worker left in the middle of a step. */
    async resume() {
      for (const job of (await listJobs()) as DisconnectJob[]) {
        if (!FINISHED.includes(job.state) && !WAITING_FOR_USER.includes(job.state)) void run(job.id);
      }
    },
    /** For tests: wait until no job is running. */
    idle: async () => {
      while (running.size > 0) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
export type Runner = ReturnType<typeof createRunner>;
