import { openHistory } from './history';

/**
 * Background jobs in IndexedDB (the audit history's database, store `jobs`), one record each, rewritten after
 * every step. The job's own module (lib/jobs) owns its shape; here only what every job has is known.
 */
export interface StoredJob {
  id: string;
  kind: string;
  state: string;
  updatedAt: number;
}
export const KEEP_JOBS = 50;

const isJob = (v: unknown): v is StoredJob =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as StoredJob).id === 'string' &&
  typeof (v as StoredJob).kind === 'string' &&
  typeof (v as StoredJob).updatedAt === 'number';

export async function putJob(job: StoredJob): Promise<void> {
  const db = await openHistory();
  await db.put('jobs', job);
  const keys = await db.getAllKeysFromIndex('jobs', 'byUpdated');
  for (const k of keys.slice(0, Math.max(0, keys.length - KEEP_JOBS))) await db.delete('jobs', k);
}

export async function getJob(id: string): Promise<StoredJob | null> {
  const v: unknown = await (await openHistory()).get('jobs', id);
  return isJob(v) ? v : null;
}

/** Newest first. */
export async function listJobs(): Promise<StoredJob[]> {
  const all: unknown[] = await (await openHistory()).getAllFromIndex('jobs', 'byUpdated');
  return all.filter(isJob).reverse();
}
