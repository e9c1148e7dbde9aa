import { BRIDGE_TAG } from '../ap/bridge';
import { matchEndpoint } from '../ksef/endpoints';
import { observerMessage, type ObserverMessage } from './protocol';

/**
 * The content script's end of the page → content channel. It listens from `document_start` into a buffer
 * (toolchain.md §9, item 4), accepts only messages from the page's own window with our tag that parse, and
 * counts what it rejected. Consumers subscribe and read the snapshot again right after subscribing.
 */
export interface Capture {
  message: ObserverMessage;
  /** Endpoint the URL's path names, when it is one we know; null for proxied or unknown paths. */
  endpoint: string | null;
}

export interface CaptureSnapshot {
  captures: readonly Capture[];
  rejected: number;
  skipped: number;
}

export const MAX_CAPTURES = 200;
/** Largest serialised payload accepted from the page; larger ones are rejected without parsing further. */
export const MAX_PAYLOAD_CHARS = 4_000_000;

export interface CaptureStore {
  onMessage: (event: MessageEvent) => void;
  snapshot: () => CaptureSnapshot;
  subscribe: (listener: () => void) => () => void;
  clear: () => void;
}

function endpointOf(message: ObserverMessage): string | null {
  try {
    return matchEndpoint(message.method, new URL(message.url).pathname)?.name ?? null;
  } catch {
    return null;
  }
}

export function createCaptureStore(win: Pick<Window, 'location'> & { readonly window: unknown }): CaptureStore {
  let captures: Capture[] = [];
  let rejected = 0;
  let skipped = 0;
  let snap: CaptureSnapshot = { captures, rejected, skipped };
  const listeners = new Set<() => void>();
  const changed = () => {
    snap = { captures, rejected, skipped };
    for (const l of listeners) l();
  };

  return {
    onMessage(event) {
      if (event.source !== win.window || event.origin !== win.location.origin) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null || (data as { tag?: unknown }).tag !== BRIDGE_TAG) {
        return;
      }
      const parsed = observerMessage.safeParse(data);
      if (!parsed.success || JSON.stringify(parsed.data.body ?? null).length > MAX_PAYLOAD_CHARS) {
        rejected++;
        changed();
        return;
      }
      if (parsed.data.kind === 'skipped') {
        skipped++;
      } else {
        captures = [
          ...captures.slice(-(MAX_CAPTURES - 1)),
          { message: parsed.data, endpoint: endpointOf(parsed.data) },
        ];
      }
      changed();
    },
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      captures = [];
      rejected = 0;
      skipped = 0;
      changed();
    },
  };
}
