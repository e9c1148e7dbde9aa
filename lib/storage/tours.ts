import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { tourName, tourProgress } from '../messaging/protocol-tour';

/**
 * Guided tours under way, per AP tab: a full page load (the AP's own forms) ends the page's script, and the
 * background starts the tour again where it was. Session storage: gone when the browser closes.
 */
const tourRun = z.object({ tour: tourName, providerName: z.string().check(z.maxLength(200)), ...tourProgress.shape });
export type TourRun = z.infer<typeof tourRun>;
const item = storage.defineItem<Record<string, TourRun>>('session:tours', { fallback: {}, version: 1 });

async function readAll(): Promise<Record<string, TourRun>> {
  const parsed = z.record(z.string(), tourRun).safeParse(await item.getValue());
  return parsed.success ? parsed.data : {};
}

export async function getTour(tabId: number): Promise<TourRun | null> {
  return (await readAll())[String(tabId)] ?? null;
}

/** Keep (or, with null, forget) the tour of a tab. */
export async function putTour(tabId: number, run: TourRun | null): Promise<void> {
  const all = await readAll();
  if (run) all[String(tabId)] = tourRun.parse(run);
  else delete all[String(tabId)];
  await item.setValue(all);
}
