import { companyOf } from '../../audit/company';
import { getTabState } from '../../storage/tab-state';
import { listDisconnectJobs, readDisconnectJob } from '../jobs/stored';
import type { Handlers } from '../../messaging/router';
import { putJob } from '../../storage/jobs';
import { readSettings } from '../../storage/settings';
import { FINISHED } from '../../messaging/protocol';
import { cancelDisconnect, confirmDisconnect } from '../jobs/disconnect';
import { newDisconnectJob, type DisconnectJob } from '../jobs/disconnect-record';
import type { Runner } from '../jobs/runner';
import type { ProviderAccess } from '../provider-access';
import { jobViewOf } from '../views';

type JobHandlers = Pick<
  Handlers,
  | 'popup→background:job.start'
  | 'popup→background:job.list'
  | 'popup→background:job.confirm'
  | 'popup→background:job.cancel'
>;

/** The verified disconnect as the popup drives it: start (one per company at a time), follow, confirm, cancel. */
export function jobHandlers(
  provider: ProviderAccess,
  runner: Runner,
  now: () => number,
  /** A job was stored anew: every open page hears of it. */
  changed: (job: DisconnectJob) => void,
): JobHandlers {
  /** Store a job and tell every open page. */
  const save = async (job: DisconnectJob) => {
    await putJob(job);
    changed(job);
  };
  const jobOr404 = async (id: string) => {
    const job = await readDisconnectJob(id);
    if (!job) throw Object.assign(new Error('no such job'), { code: 'not-found' });
    return job;
  };
  return {
    'popup→background:job.start': async ({ environment, contextNip, tabId }) => {
      // The AP tab's page must name this company, and nothing else: claims that disagree stop every action.
      if (tabId != null) {
        const company = companyOf((await getTabState(tabId))?.companies ?? []);
        if (company.conflict.length > 0 || (company.nip !== null && company.nip !== contextNip))
          throw Object.assign(new Error('the AP tab names another company'), { code: 'company-unclear' });
      }
      const client = await provider.needLinked();
      const settings = await readSettings();
      const status = await provider.statusOf(client, environment, contextNip, true);
      const running = (await listDisconnectJobs()).find(
        (j) => j.environment === environment && j.contextNip === contextNip && !FINISHED.includes(j.state),
      );
      // One disconnect per company at a time: a second click shows the one under way.
      const job =
        running ??
        newDisconnectJob({
          id: `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
          environment,
          contextNip,
          tabId,
          providerName: settings.profile?.name ?? '',
          providerNips: status.actingNips.length ? status.actingNips : (settings.profile?.nips ?? []),
          tokenReferences: status.footprint.tokens.map((t) => t.referenceNumber),
          certificateSerials: status.footprint.certificates.map((c) => c.serialNumber),
          now: now(),
        });
      if (!running) await save(job);
      runner.run(job.id);
      return { job: jobViewOf(job) };
    },
    'popup→background:job.list': async () => ({
      jobs: (await listDisconnectJobs()).slice(0, 20).map(jobViewOf),
    }),
    'popup→background:job.confirm': async ({ id }) => {
      const job = confirmDisconnect(await jobOr404(id), now());
      await save(job);
      runner.run(job.id);
      return { job: jobViewOf(job) };
    },
    'popup→background:job.cancel': async ({ id }) => {
      const job = cancelDisconnect(await jobOr404(id), now());
      await save(job);
      return { job: jobViewOf(job) };
    },
  };
}
