import { getJob, listJobs } from '../../storage/jobs';
import { asDisconnectJob, type DisconnectJob } from './disconnect-record';

/** A stored disconnect job, parsed as it is read; a record that no longer fits reads as none. */
export async function readDisconnectJob(id: string): Promise<DisconnectJob | null> {
  return asDisconnectJob(await getJob(id));
}

/** Every stored disconnect job that still fits its shape, newest first. */
export async function listDisconnectJobs(): Promise<DisconnectJob[]> {
  return (await listJobs()).map(asDisconnectJob).filter((j): j is DisconnectJob => j !== null);
}
