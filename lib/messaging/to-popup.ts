import * as z from 'zod/mini';
import { apTabState } from './protocol-content';
import { jobView } from './protocol-views';
import { envelopeOf, openEnvelope } from './common';

/**
 * What the background tells the extension's pages as it happens (the popup follows jobs and AP tabs this way
 * instead of asking again and again): the same envelope, the direction in the name, zod for the payload.
 */
export const TO_POPUP = {
  /** A job moved a step (started, waits for the user, removed, verified, finished). */
  'background→popup:job.changed': z.object({ job: jobView }),
  /** An AP tab's visit or audit changed. */
  'background→popup:tab.changed': z.object({ tabId: z.int(), state: z.nullable(apTabState) }),
} as const;

export type ToPopupName = keyof typeof TO_POPUP;
export type ToPopupPayload<N extends ToPopupName> = z.infer<(typeof TO_POPUP)[N]>;

export const toPopup = <N extends ToPopupName>(name: N, payload: ToPopupPayload<N>) => envelopeOf(name, payload);

/** The pages' receiving side: a message of this table whose payload fits goes to its listener; others are ignored. */
export function popupRouter(listeners: { [N in ToPopupName]?: (payload: ToPopupPayload<N>) => void }) {
  return (raw: unknown): void => {
    const message = openEnvelope(TO_POPUP, raw);
    if (message) (listeners[message.type] as ((p: unknown) => void) | undefined)?.(message.payload);
  };
}
