import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { watchedCertificate, type WatchedCertificate } from '../messaging/diagnostics-format';

/** The certificate watch's state: the certificates followed and the warnings already given (by certificate). */
const watchState = z.object({
  certificates: z.array(watchedCertificate).check(z.maxLength(1000)),
  told: z.record(z.string(), z.array(z.string().check(z.maxLength(20))).check(z.maxLength(10))),
  checkedAt: z.nullable(z.number()),
});
export type WatchState = z.infer<typeof watchState>;
const EMPTY: WatchState = { certificates: [], told: {}, checkedAt: null };
const item = storage.defineItem<WatchState>('local:certificateWatch', { fallback: EMPTY, version: 1 });

export async function readWatch(): Promise<WatchState> {
  const parsed = watchState.safeParse(await item.getValue());
  return parsed.success ? parsed.data : EMPTY;
}

export async function writeWatch(next: WatchState): Promise<void> {
  await item.setValue(watchState.parse(next));
}

export type { WatchedCertificate };
