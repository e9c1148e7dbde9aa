import * as z from 'zod/mini';
import { TOUR_NAMES } from '../ap/tours';
import { environment } from './common';

/**
 * Guided steps (lib/ap/tours.ts) between the popup or report viewer, the background and the AP tab. Kept out
 * of `protocol-content.ts`: the tour runs in the panel's bundle, so the AP content script carries only the
 * schema of the background's request (it checks it before handing it on).
 */
export const tourName = z.enum(TOUR_NAMES);
export const tourProgress = z.object({
  step: z.int().check(z.minimum(0), z.maximum(20)),
  acted: z.array(z.string().check(z.maxLength(120))).check(z.maxLength(500)),
});
export type TourProgress = z.infer<typeof tourProgress>;

export const TOUR_MESSAGES = {
  'popup→background:tour.start': {
    /** `tabId`: the AP tab the popup reports on (the viewer has none: the AP tab used last is taken). */
    request: z.object({ tour: tourName, environment, tabId: z.optional(z.nullable(z.int())) }),
    response: z.object({ ok: z.literal(true), tabId: z.int() }),
  },
} as const;
