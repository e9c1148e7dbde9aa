import * as z from 'zod/mini';
import { nipDigits } from '../ksef/schemas/common';
import { leftover } from './protocol-content';
import { tourName, tourProgress } from './protocol-tour';
import { envelopeOf, openEnvelope } from './common';

/**
 * What the background asks the AP content script, in the envelope of every message (`{ type, payload }`, the
 * direction in the name). The content script validates the payload here and answers from its handler table; the
 * background validates the answer with `TO_CONTENT_ANSWERS` (a module of its own, so that the content bundle
 * carries only the requests).
 */
export const TO_CONTENT = {
  /** Read every page again and say what of the provider's is still there. */
  'background→content:reread': z.object({
    profile: z.object({
      name: z.string().check(z.maxLength(200)),
      providerNips: z.array(nipDigits).check(z.maxLength(20)),
      tokenReferences: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(1000)),
      certificateSerials: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(1000)),
    }),
  }),
  /** Walk the user through the AP's own buttons for these; answers once their rows are gone. */
  'background→content:guide': z.object({ items: z.array(leftover).check(z.maxLength(5000)) }),
  /**
   * Make one KSeF call in the page's own session (the observer checks it against `PAGE_CALL` and refuses anything
   * else); the background paces them and follows each operation.
   */
  'background→content:call': z.object({ call: z.string().check(z.maxLength(200)) }),
  /**
   * The user named the company the AP tab shows (the popup asked them, the page could not say): the audit judges
   * by the provider's word on that company. Refused when the page already shows another.
   */
  'background→content:company': z.object({ contextNip: nipDigits }),
  /**
   * What the tab's audit judged by has changed for this company: the provider's word (ask it again), or, with
   * `ksef`, what KSeF holds (a disconnect in another tab revoked or removed grants): the list read is outdated.
   */
  'background→content:changed': z.object({ contextNip: nipDigits, ksef: z.boolean() }),
  /** The page's audit for a diagnostic report (the panel's bundle builds it). */
  'background→content:diagnostics': z.object({}),
  /** Show these guided steps (from the first step, or where they were before a full page load). */
  'background→content:tour': z.object({
    tour: tourName,
    from: z.optional(tourProgress),
    /** The provider's name, for the steps that speak of it. */
    providerName: z.string().check(z.maxLength(200)),
  }),
} as const;

export type ToContentName = keyof typeof TO_CONTENT;
export type ToContentPayload<N extends ToContentName> = z.infer<(typeof TO_CONTENT)[N]>;
export type TourRequest = ToContentPayload<'background→content:tour'>;

/** The message the background sends for `name`. */
export const toContent = <N extends ToContentName>(name: N, payload: ToContentPayload<N>) => envelopeOf(name, payload);

export type ToContentHandlers = { [N in ToContentName]: (payload: ToContentPayload<N>) => Promise<unknown> };

/**
 * The content script's receiving side: a message of this table with a payload that fits goes to its handler;
 * anything else gets no answer (null), so the sender sees that nobody here handles it.
 */
export function contentRouter(handlers: ToContentHandlers) {
  return (raw: unknown): Promise<unknown> | null => {
    const message = openEnvelope(TO_CONTENT, raw);
    if (!message) return null;
    const handler = handlers[message.type] as (p: unknown) => Promise<unknown>;
    // A handler that throws at once answers as one that rejects: the sender hears of it either way.
    return Promise.resolve(message.payload).then(handler);
  };
}
