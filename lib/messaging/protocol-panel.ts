import * as z from 'zod/mini';
import { nipDigits } from '../ksef/schemas/common';
import { environment } from './common';
import { tourName, tourProgress } from './protocol-tour';

/**
 * The messages the panel's bundle sends to the background (apart from the AP content script's, which does not
 * carry these schemas): the certificates the page's audit has seen, and where guided steps are.
 */
export const PANEL_MESSAGES = {
  'content→background:certificates.seen': {
    request: z.object({
      environment,
      contextNip: nipDigits,
      certificates: z
        .array(
          z.object({
            serial: z.string().check(z.regex(/^[0-9A-F]{16}$/)),
            name: z.string().check(z.maxLength(300)),
            validTo: z.string().check(z.maxLength(40)),
            status: z.string().check(z.maxLength(20)),
          }),
        )
        .check(z.maxLength(1000)),
    }),
    /** `ok: false`: not kept, the tab does not show that company (or names two). */
    response: z.object({ ok: z.boolean() }),
  },
  'content→background:tour.progress': {
    request: z.object({
      tour: tourName,
      step: tourProgress.shape.step,
      acted: tourProgress.shape.acted,
      finished: z.boolean(),
    }),
    response: z.object({ ok: z.literal(true) }),
  },
} as const;

export type PanelMessageName = keyof typeof PANEL_MESSAGES;
export type PanelRequest<N extends PanelMessageName> = z.infer<(typeof PANEL_MESSAGES)[N]['request']>;
