import {
  BRIDGE_REQUEST_TAG,
  BRIDGE_TAG,
  BRIDGE_VERSION,
  LIST_FIELDS,
  MAX_BODY_CHARS,
  MAX_KEPT,
  OBSERVER_INSTALLED,
  READ_HOST_SUFFIX,
  RECORD_MARKERS,
  type BridgeMessage,
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
const keyPattern = (words: readonly string[]) => new RegExp(`"(?:${words.join('|')})"\\s*:`);
const RECORD_KEY = keyPattern(RECORD_MARKERS);
const PAGING_KEY = keyPattern(['hasMore', 'continuationToken']);
const LIST_KEY = keyPattern(LIST_FIELDS);

/** Whether a JSON text has a record field as a key, or a list field beside a paging field (an empty list). */
export function mentionsKsefRecords(text: string): boolean {
  return RECORD_KEY.test(text) || (PAGING_KEY.test(text) && LIST_KEY.test(text));
}

const looksJson = (contentType: string | null) => !!contentType && /\bjson\b/i.test(contentType);

/** The context NIP claim of a JWT (`civ`, or `context-identifier-value` in the spec's examples). */
export function contextOf(authorization: string | null | undefined): string | undefined {
  const jwt = /^Bearer\s+([\w-]+)\.([\w-]+)\./.exec(authorization ?? '');
  if (!jwt) return undefined;
  try {
    const claims = JSON.parse(atob(jwt[2]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const value = claims.civ ?? claims['context-identifier-value'];
    return typeof value === 'string' && /^\d{10}$/.test(value) ? value : undefined;
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
  try {
    const u = new URL(url, base.href);
    return u.origin === base.origin || (u.protocol === 'https:' && u.hostname.endsWith(READ_HOST_SUFFIX));
  } catch {
    return false;
  }
}

const authOf = (headers: [string, string][]) => headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1];

export function installObserver(win: Window & typeof globalThis): boolean {
  const flags = win as unknown as Record<string, unknown>;
  if (flags[OBSERVER_INSTALLED]) return false;
  Object.defineProperty(win, OBSERVER_INSTALLED, { value: true });
  const last = new Map<string, Seen>();

  // Until the content script says hello, messages are kept (it starts after the page has loaded).
  let kept: BridgeMessage[] | null = [];
  let dropped = 0;
  const post = (msg: Omit<BridgeMessage, 'tag' | 'v' | 'at'>) => {
    const full: BridgeMessage = { tag: BRIDGE_TAG, v: BRIDGE_VERSION, at: Date.now(), ...msg };
    if (!kept) win.postMessage(full, win.location.origin);
    else if (kept.length < MAX_KEPT) kept.push(full);
    else dropped++;
  };
  const hello = () => {
    if (!kept) return;
    const out = kept;
    kept = null;
    for (const m of out) win.postMessage(m, win.location.origin);
    if (dropped > 0)
      post({
        kind: 'skipped',
        transport: 'fetch',
        method: 'GET',
        url: '',
        status: 0,
        reason: 'dropped',
        count: dropped,
      });
  };

  const inspect = (
    transport: 'fetch' | 'xhr',
    seen: Seen,
    url: string,
    status: number,
    text: string,
    replayId?: string,
  ) => {
    const context = contextOf(authOf(seen.headers));
    if (text.length > MAX_BODY_CHARS) {
      post({ kind: 'skipped', transport, method: seen.method, url, status, reason: 'too-large', replayId, context });
      return;
    }
    if (replayId || mentionsKsefRecords(text)) {
      last.set(new URL(url, win.location.href).pathname, seen);
      post({ kind: 'response', transport, method: seen.method, url, status, text, replayId, context });
    }
  };

  const originalFetch = win.fetch;
  win.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const promise = originalFetch.call(this, input, init);
    const req = input instanceof Request ? input : null;
    if (!readsFrom(req ? req.url : String(input), win.location)) return promise;
    const seen: Seen = {
      url: req ? req.url : String(input),
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
          .then((text) => inspect('fetch', seen, res.url, res.status, text))
          .catch(() => undefined);
      },
      () => undefined,
    );
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
        if (this.responseType !== '' && this.responseType !== 'text' && this.responseType !== 'json') return;
        if (!looksJson(this.getResponseHeader('content-type'))) return;
        const text = this.responseType === 'json' ? JSON.stringify(this.response) : String(this.responseText);
        inspect('xhr', seen, this.responseURL, this.status, text);
      });
    }
    return send.call(this, body);
  };

  // Hello from the content script; or replay a query the page made, with another page, in the page's session.
  win.addEventListener('message', (event: MessageEvent) => {
    const r = event.data as (ReplayRequest & Partial<Omit<HelloRequest, 'tag' | 'v'>>) | null;
    if (event.source !== win || !r || r.tag !== BRIDGE_REQUEST_TAG) return;
    if (r.hello === true) return hello();
    if (typeof r.id !== 'string') return;
    const seen = last.get(String(r.path));
    const fail = (status: number, reason: string, retryAfter?: number) =>
      post({
        kind: 'replay-failed',
        transport: 'fetch',
        method: seen?.method ?? 'GET',
        url: String(r.path),
        status,
        reason,
        replayId: r.id,
        retryAfter,
      });
    if (!seen) return fail(0, 'no-request');
    const url = new URL(seen.url, win.location.href);
    if (typeof r.pageOffset === 'number') url.searchParams.set('pageOffset', String(r.pageOffset));
    if (typeof r.pageSize === 'number') url.searchParams.set('pageSize', String(r.pageSize));
    const headers = new Headers(seen.headers);
    if (r.continuation) headers.set('x-continuation-token', r.continuation);
    else headers.delete('x-continuation-token');
    originalFetch
      .call(win, url.href, { method: seen.method, headers, body: seen.body, credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) return fail(res.status, 'http', Number(res.headers.get('retry-after')) || undefined);
        inspect('fetch', { ...seen, headers: [...headers.entries()] }, res.url, res.status, await res.text(), r.id);
      })
      .catch(() => fail(0, 'network'));
  });
  return true;
}
