import { NIP_DIGITS } from '../../ksef/hosts';
import {
  BRIDGE_REQUEST_TAG,
  BRIDGE_TAG,
  BRIDGE_VERSION,
  LIST_KEY,
  MAX_BODY_CHARS,
  MAX_KEPT,
  OBSERVER_INSTALLED,
  PAGE_CALL,
  READ_HOST_SUFFIX,
  PAGING_KEY,
  RECORD_KEY,
  type BridgeMessage,
  type CallRequest,
  type HelloRequest,
  type ReplayRequest,
} from './index';

/**
 * The MAIN-world observer: wraps `fetch` and `XMLHttpRequest`; when a JSON response names KSeF record fields
 * it posts the response's text to the isolated world, which parses it, finds the records by shape wherever
 * the envelope puts them and validates each one. The observer itself never parses a body the page receives:
 * a look for the vocabulary's field names is all it costs the page. It keeps the last request per path so
 * that it can replay a query with another page in the page's own session. Request headers, and with them the
 * page's KSeF token, are never posted. Zod-free: it runs in the page.
 */
/** Whether a JSON text has a record field as a key, or a list field beside a paging field (an empty list). */
export function mentionsKsefRecords(text: string): boolean {
  return RECORD_KEY.test(text) || (PAGING_KEY.test(text) && LIST_KEY.test(text));
}

const looksJson = (contentType: string | null) => /\bjson\b/i.test(String(contentType));

/**
 * The context NIP claim (`civ`) of a KSeF access token, as real tokens carry it (docs/ksef.md: the spec's
 * examples use long claim names, the official client reads the short ones).
 */
export function contextOf(authorization: string | null | undefined): string | undefined {
  const jwt = /^Bearer\s+([\w-]+)\.([\w-]+)\./.exec(authorization ?? '');
  if (!jwt) return undefined;
  try {
    const claims = JSON.parse(atob(jwt[2]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const value = claims.civ;
    return typeof value === 'string' && NIP_DIGITS.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Seen {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | null;
}

/** Whether the observer reads responses from `url`: the page's origin or a Ministry host. */
export function readsFrom(url: string, base: Location): boolean {
  const u = URL.parse(url, base.href);
  return !!u && (u.origin === base.origin || (u.protocol === 'https:' && u.hostname.endsWith(READ_HOST_SUFFIX)));
}

/** The KSeF API base of a request the page made to KSeF itself (absolute URLs only). */
const API_BASE = /^(https:\/\/[^/]+\/v2)\/(?:permissions|tokens|certificates)\b/;

const authOf = (headers: [string, string][]) => headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1];

export function installObserver(win: Window & typeof globalThis): boolean {
  const flags = win as unknown as Record<string, unknown>;
  if (flags[OBSERVER_INSTALLED]) return false;
  Object.defineProperty(win, OBSERVER_INSTALLED, { value: true });
  const last = new Map<string, Seen>();

  // Until the content script says hello, messages are kept (it starts after the page has loaded).
  let kept: BridgeMessage[] | null = [];
  let dropped = 0;
  const post = (
    kind: BridgeMessage['kind'],
    method: string,
    url: string,
    status: number,
    extra: Partial<BridgeMessage>,
  ) => {
    const full: BridgeMessage = {
      tag: BRIDGE_TAG,
      v: BRIDGE_VERSION,
      kind,
      method,
      url,
      status,
      ...extra,
    };
    if (!kept) win.postMessage(full, win.location.origin);
    else if (kept.length < MAX_KEPT) kept.push(full);
    else dropped++;
  };
  const hello = () => {
    if (!kept) return;
    const out = kept;
    kept = null;
    for (const m of out) win.postMessage(m, win.location.origin);
    if (dropped > 0) post('skipped', '', '', 0, { reason: 'dropped', count: dropped });
  };

  const inspect = (seen: Seen, url: string, status: number, text: string, replayId?: string) => {
    const extra = { replayId, context: contextOf(authOf(seen.headers)), request: seen.body ?? undefined };
    if (text.length > MAX_BODY_CHARS)
      return post('skipped', seen.method, url, status, { ...extra, reason: 'too-large' });
    if (replayId || mentionsKsefRecords(text)) {
      // Only the page's own requests are remembered for replays and calls, never ours.
      if (!replayId) last.set(new URL(url, win.location.href).pathname, seen);
      post('response', seen.method, url, status, { ...extra, text });
    }
  };

  const originalFetch = win.fetch;
  win.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const promise = originalFetch.call(this, input, init);
    // Nothing here may throw into the page (a header value the page got wrong is the page's fetch's to refuse).
    try {
      const req = input instanceof Request ? input : null;
      const url = req ? req.url : String(input);
      if (readsFrom(url, win.location)) {
        const seen: Seen = {
          url,
          method: (init?.method ?? req?.method ?? 'GET').toUpperCase(),
          headers: [...new Headers(init?.headers ?? req?.headers).entries()],
          body: typeof init?.body === 'string' ? init.body : null,
        };
        promise.then(
          (res) => {
            if (!looksJson(res.headers.get('content-type'))) return;
            res
              .clone()
              .text()
              .then(
                (text) => inspect(seen, res.url, res.status, text),
                () => undefined,
              );
          },
          () => undefined,
        );
      }
    } catch {
      /* not read */
    }
    return promise;
  } as typeof fetch;

  const proto = win.XMLHttpRequest.prototype;
  const { open, setRequestHeader, send } = proto;
  const pending = new WeakMap<XMLHttpRequest, Seen>();
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (readsFrom(String(url), win.location))
      pending.set(this, { url: String(url), method: String(method).toUpperCase(), headers: [], body: null });
    else pending.delete(this);
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    pending.get(this)?.headers.push([name, value]);
    return setRequestHeader.call(this, name, value);
  };
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const seen = pending.get(this);
    if (seen) {
      seen.body = typeof body === 'string' ? body : null;
      this.addEventListener('load', () => {
        if (!looksJson(this.getResponseHeader('content-type'))) return;
        // Text for '' and 'text'; the parsed object for 'json' (blobs and buffers stringify to '{}').
        const r: unknown = this.response;
        inspect(seen, this.responseURL, this.status, typeof r === 'string' ? r : (JSON.stringify(r) ?? ''));
      });
    }
    return send.call(this, body);
  };

  // Hello from the content script; a call in the page's session (on the API base and with the headers of the
  // page's own requests); or a replay of a query the page made, with another page.
  win.addEventListener('message', (event: MessageEvent) => {
    const r = event.data as (ReplayRequest & Partial<Omit<HelloRequest, 'tag' | 'v'>> & Partial<CallRequest>) | null;
    if (event.source !== win || r?.tag !== BRIDGE_REQUEST_TAG) return;
    if (r.hello === true) return hello();
    if (typeof r.id !== 'string') return;
    const fail = (status: number, reason: string, retryAfter?: number) =>
      post('replay-failed', '', '', status, { reason, replayId: r.id, retryAfter });
    // A request the observer cannot make (a header value with a line break, a body that is not JSON) fails as such.
    try {
      let seen: Seen | undefined;
      let url: URL;
      let method: string;
      if (r.call !== undefined) {
        const spec = r.call.split(' ');
        if (!PAGE_CALL.test(r.call)) return fail(0, 'bad-request');
        seen = [...last.values()].reverse().find((s) => API_BASE.test(s.url) && authOf(s.headers));
        if (!seen) return fail(0, 'no-api');
        url = new URL(API_BASE.exec(seen.url)![1] + spec[1]!);
        method = spec[0]!;
      } else {
        seen = last.get(r.path);
        if (!seen) return fail(0, 'no-request');
        url = new URL(seen.url, win.location.href);
        for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, String(v));
        method = seen.method;
      }
      const headers = new Headers(seen.headers);
      if (r.continuation) headers.set('x-continuation-token', r.continuation);
      else headers.delete('x-continuation-token');
      if (r.call) headers.delete('content-type');
      // The body sent is the one told with the answer (its paging fields show what was asked).
      const body = r.call ? null : r.body ? JSON.stringify({ ...JSON.parse(seen.body!), ...r.body }) : seen.body;
      originalFetch
        .call(win, url.href, { method, headers, body, credentials: 'same-origin' })
        .then(async (res) => {
          if (!res.ok) return fail(res.status, 'http', +res.headers.get('retry-after')! || undefined);
          inspect({ ...seen!, method, body }, res.url, res.status, (await res.text()) || 'null', r.id);
        })
        .catch(() => fail(0, 'network'));
    } catch {
      fail(0, 'bad-request');
    }
  });
  return true;
}
