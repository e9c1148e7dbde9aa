import {
  BRIDGE_TAG,
  BRIDGE_VERSION,
  LIST_FIELDS,
  MAX_BODY_CHARS,
  MAX_SEARCH_DEPTH,
  OBSERVER_INSTALLED,
  RECORD_MARKERS,
  type BridgeMessage,
} from './index';

/**
 * The MAIN-world observer: wraps `fetch` and `XMLHttpRequest`, and when a JSON response holds KSeF records
 * (recognised by shape, wherever the envelope puts them) posts the parsed body to the isolated world.
 * It never posts request headers, so the page's KSeF token stays in the page. Zod-free: it runs in the page.
 */
function isRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const marker of RECORD_MARKERS) if (marker in value) return true;
  return false;
}

/** An official list response, possibly empty: a list field beside `hasMore` or `continuationToken`. */
function isListPage(value: object): boolean {
  if (!('hasMore' in value) && !('continuationToken' in value)) return false;
  for (const field of LIST_FIELDS) if (Array.isArray((value as Record<string, unknown>)[field])) return true;
  return false;
}

/** True when `value` holds, within a few levels, an array whose first item looks like a KSeF record. */
export function holdsKsefRecords(value: unknown, depth = 0): boolean {
  if (depth > MAX_SEARCH_DEPTH || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    return value.length > 0 && (isRecord(value[0]) || holdsKsefRecords(value[0], depth + 1));
  }
  if (isRecord(value) || isListPage(value)) return true;
  for (const key in value) {
    if (holdsKsefRecords((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function looksJson(contentType: string | null): boolean {
  return !!contentType && /\bjson\b/i.test(contentType);
}

export function installObserver(win: Window & typeof globalThis): boolean {
  const flags = win as unknown as Record<string, unknown>;
  if (flags[OBSERVER_INSTALLED]) return false;
  Object.defineProperty(win, OBSERVER_INSTALLED, { value: true });

  const post = (msg: Omit<BridgeMessage, 'tag' | 'v' | 'at'>) => {
    const full: BridgeMessage = { tag: BRIDGE_TAG, v: BRIDGE_VERSION, at: Date.now(), ...msg };
    win.postMessage(full, win.location.origin);
  };

  const inspect = (transport: 'fetch' | 'xhr', method: string, url: string, status: number, text: string) => {
    if (text.length > MAX_BODY_CHARS) {
      post({ kind: 'skipped', transport, method, url, status, reason: 'too-large' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    if (holdsKsefRecords(body)) post({ kind: 'response', transport, method, url, status, body });
  };

  const originalFetch = win.fetch;
  win.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const promise = originalFetch.call(this, input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    promise.then(
      (res) => {
        if (!looksJson(res.headers.get('content-type'))) return;
        res
          .clone()
          .text()
          .then((text) => inspect('fetch', method, res.url, res.status, text))
          .catch(() => undefined);
      },
      () => undefined,
    );
    return promise;
  } as typeof fetch;

  const proto = win.XMLHttpRequest.prototype;
  const originalOpen = proto.open;
  const requests = new WeakMap<XMLHttpRequest, string>();
  proto.open = function (this: XMLHttpRequest, method: string, ...rest: unknown[]) {
    requests.set(this, String(method).toUpperCase());
    this.addEventListener('load', () => {
      if (this.responseType !== '' && this.responseType !== 'text' && this.responseType !== 'json') return;
      if (!looksJson(this.getResponseHeader('content-type'))) return;
      const text = this.responseType === 'json' ? JSON.stringify(this.response) : String(this.responseText);
      inspect('xhr', requests.get(this) ?? 'GET', this.responseURL, this.status, text);
    });
    return (originalOpen as (...a: unknown[]) => void).call(this, method, ...rest);
  } as typeof proto.open;
  return true;
}
