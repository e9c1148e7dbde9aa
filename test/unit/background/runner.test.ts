import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newDisconnectJob } from '@/lib/background/jobs/disconnect-record';
import { createRunner } from '@/lib/background/jobs/runner';
import { JOB_ALARM, jobAlarm } from '@/lib/background/platform';
import { listDisconnectJobs, readDisconnectJob } from '@/lib/background/jobs/stored';
import { getJob, putJob } from '@/lib/storage/jobs';

const job = (id: string) =>
  newDisconnectJob({
    id,
    environment: 'DEMO',
    contextNip: '5265877635',
    tabId: 1,
    providerName: 'Fakturowo',
    providerNips: ['7762811692'],
    tokenReferences: [],
    certificateSerials: [],
    now: 1_000,
  });

/** A runner with no provider linked (a job's one step ends it as failed) that records each keep-awake call. */
function awakeRunner() {
  const awake: boolean[] = [];
  const runner = createRunner({
    provider: async () => null,
    sendToTab: () => Promise.reject(new Error('no tab')),
    findApTab: async () => null,
    keepAwake: (running) => awake.push(running),
    now: () => 2_000,
    sleep: async () => undefined,
  });
  return { awake, runner };
}

describe('job runner keeps the background awake while a job runs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for the alarm when a job starts and lets it go when none runs', async () => {
    const { awake, runner } = awakeRunner();
    await putJob(job('j-awake'));
    await runner.resume();
    await runner.idle();
    expect((await getJob('j-awake'))?.state).toBe('failed');
    expect(awake).toEqual([true, false]);
  });

  it('lets the wake-up alarm go when it wakes a background with no job to resume', async () => {
    const { awake, runner } = awakeRunner();
    // Only a job that waits for the user (nothing to resume).
    const waiting = { ...job('j-waits'), state: 'confirm' as const, note: 'confirm' };
    await putJob(waiting);
    await runner.resume();
    expect(awake).toEqual([false]);
  });

  it('keeps an alarm every 30 s while running, resumes jobs when it fires, clears it after', async () => {
    let resumed = 0;
    const keep = jobAlarm(fakeBrowser as never, async () => void resumed++);
    keep(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(await fakeBrowser.alarms.get(JOB_ALARM)).toMatchObject({ periodInMinutes: 0.5 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: JOB_ALARM, scheduledTime: Date.now() });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'another-alarm', scheduledTime: Date.now() });
    expect(resumed).toBe(1);
    keep(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(await fakeBrowser.alarms.get(JOB_ALARM)).toBeUndefined();
  });
});

describe('stored jobs are parsed when read', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads a job back as it was stored, and a record that no longer fits as none', async () => {
    await putJob(job('j-fits'));
    expect(await readDisconnectJob('j-fits')).toEqual(job('j-fits'));
    await putJob({ ...job('j-broken'), state: 'exploded', leftovers: [{ kind: 'grant', id: '../../x' }] } as never);
    expect(await readDisconnectJob('j-broken')).toBeNull();
    expect((await listDisconnectJobs()).map((j) => j.id)).not.toContain('j-broken');
    expect((await listDisconnectJobs()).map((j) => j.id)).toContain('j-fits');
  });
});
