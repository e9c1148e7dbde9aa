import { BRIDGE_REQUEST_TAG, BRIDGE_TAG, BRIDGE_VERSION, type HelloRequest, type ReplayRequest } from '../ap/bridge';
import { observerMessage, type ObserverMessage } from '../messaging/protocol-content';

/**
 * The content script's end of the page ↔ content channel. The content script starts after the page has
 * loaded; the observer keeps what it saw until `hello()` (docs/architecture.md §9, pitfall 2, solved on the page's side).
 * Accepts only messages from the page's own window with our tag that parse, and counts what it rejected. It
 * also asks the observer to replay a query and waits for that answer.
 */
export interface Capture {
  message: ObserverMessage;
}

export interface CaptureSnapshot {
  captures: readonly Capture[];
  rejected: number;
  skipped: number;
  /** Answers to our own requests that someone else posted (a second answer, or one that answers something else). */
  forged: number;
}

/**
 * Whether an answer answers what was asked: a failure always may; a response only from the path asked (a call:
 * with its method), with the paging asked in its query string or in the request body the observer sent.
 */
function answers(
  m: ObserverMessage,
  ask: { path?: string; call?: string; query?: Record<string, string>; body?: Record<string, number> },
) {
  if (m.kind !== 'response') return true;
  let url: URL;
  try {
    url = new URL(m.url);
  } catch {
    return false;
  }
  if (ask.call) {
    const [method, path] = ask.call.split(' ');
    return m.method === method && url.pathname.endsWith(path!);
  }
  if (url.pathname !== ask.path) return false;
  for (const [k, v] of Object.entries(ask.query ?? {})) if (url.searchParams.get(k) !== v) return false;
  if (ask.body) {
    let sent: Record<string, unknown>;
    try {
      sent = JSON.parse(m.request ?? '{}') as Record<string, unknown>;
    } catch {
      return false;
    }
    for (const [k, v] of Object.entries(ask.body)) if (sent[k] !== v) return false;
  }
  return true;
}

export const MAX_CAPTURES = 200;
export const REPLAY_TIMEOUT_MS = 30_000;

/**
 * The window the content script shares with the page. `postMessage` is always called on it as a method: Firefox's
 * content-script sandbox throws when a window's method is called without its window as `this`.
 */
export type PageWindow = Pick<Window, 'location'> & {
  readonly window: unknown;
  postMessage(message: unknown, targetOrigin: string): void;
};

export interface ReplayAsk {
  path: string;
  /** Query parameters set on the page's own request (its paging). */
  query?: Record<string, string>;
  /** Top-level fields set in its JSON body (a list that pages through the body). */
  body?: Record<string, number>;
  continuation?: string | null;
}

export interface CaptureStore {
  onMessage: (event: MessageEvent) => void;
  /** Tell the observer we listen: it then posts what it kept since the page started. */
  hello: () => void;
  snapshot: () => CaptureSnapshot;
  subscribe: (listener: () => void) => () => void;
  /** Every accepted message as it arrives (replay answers included). */
  onCapture: (listener: (c: Capture) => void) => () => void;
  replay: (ask: ReplayAsk, signal?: AbortSignal) => Promise<ObserverMessage>;
  /** A KSeF call in the page's session (`DELETE /permissions/common/grants/{id}` …, see PAGE_CALL). */
  call: (call: string, signal?: AbortSignal) => Promise<ObserverMessage>;
  clear: () => void;
}

export function createCaptureStore(win: PageWindow): CaptureStore {
  let captures: Capture[] = [];
  let rejected = 0;
  let skipped = 0;
  let snap: CaptureSnapshot = { captures, rejected, skipped, forged: 0 };
  let counter = 0;
  const listeners = new Set<() => void>();
  const captureListeners = new Set<(c: Capture) => void>();
  const pending = new Map<string, { fits: (m: ObserverMessage) => boolean; done: (m: ObserverMessage) => void }>();
  /** Ids answered already: a second answer to one of them was posted by someone else than the observer. */
  const answered = new Set<string>();
  let forged = 0;
  const changed = () => {
    snap = { captures, rejected, skipped, forged };
    for (const l of listeners) l();
  };

  /** Ask the observer for something and wait for the answer that carries our id. */
  const request = (
    payload: Omit<ReplayRequest, 'tag' | 'v' | 'id' | 'path'> & { path?: string; call?: string },
    signal?: AbortSignal,
  ) => {
    const id = `r${Date.now().toString(36)}${(counter++).toString(36)}`;
    return new Promise<ObserverMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('timeout'));
      }, REPLAY_TIMEOUT_MS);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        pending.delete(id);
        reject(new Error('aborted'));
      });
      pending.set(id, {
        fits: (m) => answers(m, payload),
        done: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
      win.postMessage({ tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, id, ...payload }, win.location.origin);
    });
  };

  const store: CaptureStore = {
    hello() {
      const request: HelloRequest = { tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, hello: true };
      win.postMessage(request, win.location.origin);
    },
    onMessage(event) {
      if (event.source !== win.window || event.origin !== win.location.origin) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null || (data as { tag?: unknown }).tag !== BRIDGE_TAG) return;
      const parsed = observerMessage.safeParse(data);
      let message: ObserverMessage | null = null;
      if (parsed.success) {
        const { text, ...rest } = parsed.data;
        try {
          message = text === undefined ? rest : { ...rest, body: JSON.parse(text) as unknown };
        } catch {
          message = null;
        }
      }
      if (!message) {
        rejected++;
        changed();
        return;
      }
      const id = message.replayId;
      const waiting = id ? pending.get(id) : undefined;
      // An answer for nothing in flight, a second one, or one that does not answer what was asked is not ours.
      if (id && (!waiting || !waiting.fits(message))) {
        if (answered.has(id) || waiting) forged++;
        rejected++;
        changed();
        return;
      }
      if (waiting) {
        pending.delete(id!);
        answered.add(id!);
        waiting.done(message);
      }
      if (message.kind === 'replay-failed') return;
      if (message.kind === 'skipped') {
        skipped += message.count ?? 1;
        changed();
        return;
      }
      const capture = { message };
      captures = [...captures.slice(-(MAX_CAPTURES - 1)), capture];
      for (const l of captureListeners) l(capture);
      changed();
    },
    snapshot: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onCapture(listener) {
      captureListeners.add(listener);
      return () => captureListeners.delete(listener);
    },
    replay(ask, signal) {
      return request(ask, signal);
    },
    call(call, signal) {
      return request({ call }, signal);
    },
    clear() {
      captures = [];
      rejected = 0;
      skipped = 0;
      forged = 0;
      changed();
    },
  };
  return store;
}
