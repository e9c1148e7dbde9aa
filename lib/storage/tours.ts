import * as z from 'zod/mini';
import { tourName, tourProgress } from '../messaging/protocol-tour';
import { perTabRecords } from './per-tab';

/**
 * Guided tours under way, per AP tab: a full page load (the AP's own forms) ends the page's script, and the
 * background starts the tour again where it was.
 */
const tourRun = z.object({ tour: tourName, providerName: z.string().check(z.maxLength(200)), ...tourProgress.shape });
export type TourRun = z.infer<typeof tourRun>;
const tours = perTabRecords('session:tours', tourRun);

export const getTour = (tabId: number): Promise<TourRun | null> => tours.get(tabId);
/** Keep (or, with null, forget) the tour of a tab. */
export const putTour = (tabId: number, run: TourRun | null): Promise<void> => tours.put(tabId, run);
