import * as z from 'zod/mini';
import { apTabState } from './protocol-content';
import { jobView } from './protocol-views';

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

const toPopupEnvelope = z.object({
  type: z.enum(Object.keys(TO_POPUP) as [ToPopupName, ...ToPopupName[]]),
  payload: z.unknown(),
});

export function toPopup<N extends ToPopupName>(name: N, payload: ToPopupPayload<N>) {
  return { type: name, payload };
}

/** The pages' receiving side: a message of this table whose payload fits goes to its listener; others are ignored. */
export function popupRouter(listeners: { [N in ToPopupName]?: (payload: ToPopupPayload<N>) => void }) {
  return (raw: unknown): void => {
    const env = toPopupEnvelope.safeParse(raw);
    if (!env.success) return;
    const payload = TO_POPUP[env.data.type].safeParse(env.data.payload);
    if (payload.success) (listeners[env.data.type] as ((p: unknown) => void) | undefined)?.(payload.data);
  };
}
