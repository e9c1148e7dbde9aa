import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_REQUEST_TAG,
  BRIDGE_TAG,
  BRIDGE_VERSION,
  MAX_BODY_CHARS,
  MAX_KEPT,
  OBSERVER_INSTALLED,
} from '@/lib/ap/bridge';
import { contextOf, installObserver, mentionsKsefRecords, readsFrom } from '@/lib/ap/bridge/observer';

const PERSONS = {
  permissions: [{ id: 'x', permissionScope: 'InvoiceWrite', authorizedIdentifier: { type: 'Nip', value: '1' } }],
  hasMore: false,
};

/** A window with a scripted fetch, enough of XMLHttpRequest, and a recording postMessage. */
function fakeWindow(body: string, contentType = 'application/json') {
  const posted: unknown[] = [];
  class FakeXhr extends EventTarget {
    responseType = '';
    responseText = body;
    response = body;
    status = 200;
    responseURL = '';
    open(_m: string, url: string) {
      this.responseURL = url;
    }
    setRequestHeader() {}
    send() {
      this.dispatchEvent(new Event('load'));
    }
    getResponseHeader() {
      return contentType;
    }
  }
  const fetchImpl = vi.fn(async (input: string) => {
    const res = new Response(body, { status: 200, headers: { 'content-type': contentType } });
    Object.defineProperty(res, 'url', { value: input });
    return res;
  });
  const target = new EventTarget();
  const win = {
    fetch: fetchImpl,
    XMLHttpRequest: FakeXhr,
    location: { origin: 'https://ap-demo.ksef.mf.gov.pl', href: 'https://ap-demo.ksef.mf.gov.pl/web/permissions' },
    postMessage: (msg: unknown, origin: string) => {
      expect(origin).toBe('https://ap-demo.ksef.mf.gov.pl');
      posted.push(msg);
    },
    addEventListener: target.addEventListener.bind(target),
    dispatch: (data: unknown) => {
      const e = new MessageEvent('message', { data });
      Object.defineProperty(e, 'source', { value: win });
      target.dispatchEvent(e);
    },
  };
  return { win: win as unknown as Window & typeof globalThis, posted, fetchImpl, dispatch: win.dispatch };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const hello = { tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, hello: true };

/** Say hello as the content script does once it listens. */
const greet = (w: Window) => (w as unknown as { dispatch: (d: unknown) => void }).dispatch(hello);

describe('observer', () => {
  it('recognises responses naming KSeF record fields inside any envelope, without parsing them', () => {
    const has = (v: unknown) => mentionsKsefRecords(JSON.stringify(v, null, 2));
    expect(has(PERSONS)).toBe(true);
    expect(has({ data: { result: { items: PERSONS.permissions } } })).toBe(true);
    expect(has({ tokens: [{ referenceNumber: 'r', requestedPermissions: [] }] })).toBe(true);
    expect(has({ certificates: [{ certificateSerialNumber: '0' }] })).toBe(true);
    expect(has({ invoices: [{ ksefNumber: 'x' }] })).toBe(false);
    // An empty official list still counts: the audit must see that a list became empty.
    expect(has({ permissions: [], hasMore: false })).toBe(true);
    expect(has({ tokens: [], continuationToken: null })).toBe(true);
    expect(has({ permissions: [] })).toBe(false);
    expect(mentionsKsefRecords('{"invoices":[{"ksefNumber":"x"}],"hasMore":true}')).toBe(false);
    // A value that happens to be a field name is not a field.
    expect(mentionsKsefRecords('{"note":"permissionScope"}')).toBe(false);
  });

  it('posts a KSeF response read through fetch, without request headers', async () => {
    const { win, posted, fetchImpl } = fakeWindow(JSON.stringify(PERSONS));
    expect(installObserver(win)).toBe(true);
    greet(win);
    const res = await win.fetch('https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants', {
      method: 'post',
      headers: { Authorization: 'Bearer SECRET-KSEF-TOKEN' },
    });
    expect(await res.json()).toEqual(PERSONS);
    await flush();
    await flush();
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      tag: BRIDGE_TAG,
      kind: 'response',
      method: 'POST',
      text: JSON.stringify(PERSONS),
    });
    expect(JSON.stringify(posted)).not.toContain('SECRET-KSEF-TOKEN');
  });

  it('posts a KSeF response read through XMLHttpRequest', () => {
    const { win, posted } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', 'https://ap-demo.ksef.mf.gov.pl/web/api/grants');
    xhr.send();
    expect(posted).toEqual([expect.objectContaining({ method: 'GET', text: JSON.stringify(PERSONS) })]);
  });

  it('ignores non-JSON and non-KSeF responses and reports oversized ones', async () => {
    const html = fakeWindow(JSON.stringify(PERSONS), 'text/html');
    installObserver(html.win);
    greet(html.win);
    await html.win.fetch('https://api-demo.ksef.mf.gov.pl/x');
    const other = fakeWindow(JSON.stringify({ hello: 'world' }));
    installObserver(other.win);
    greet(other.win);
    await other.win.fetch('https://api-demo.ksef.mf.gov.pl/x');
    const big = fakeWindow(' '.repeat(MAX_BODY_CHARS + 1));
    installObserver(big.win);
    greet(big.win);
    await big.win.fetch('https://ap-demo.ksef.mf.gov.pl/web/api/x');
    await flush();
    await flush();
    expect(html.posted).toEqual([]);
    expect(other.posted).toEqual([]);
    expect(big.posted).toEqual([expect.objectContaining({ kind: 'skipped', reason: 'too-large' })]);
  });

  it('reads only the page origin and Ministry hosts, whatever the response holds', async () => {
    const { win, posted } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    await win.fetch('https://fonts.example.com/persons.json');
    await win.fetch('http://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants');
    await win.fetch('https://api-demo.ksef.mf.gov.pl.evil.example/v2/permissions');
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', 'https://cdn.example.com/grants.json');
    xhr.send();
    await flush();
    await flush();
    expect(posted).toEqual([]);
    expect(readsFrom('/web/api/x', win.location)).toBe(true);
    expect(readsFrom('https://api.ksef.mf.gov.pl/v2/tokens', win.location)).toBe(true);
    expect(readsFrom('https://mf.gov.pl.example.com/', win.location)).toBe(false);
    expect(readsFrom('http://[', win.location)).toBe(false);
  });

  it('keeps what it sees until the content script says hello, then posts it in order and counts what it dropped', async () => {
    const { win, posted } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    for (let i = 0; i < MAX_KEPT + 2; i++) await win.fetch('/web/api/grants');
    await flush();
    await flush();
    expect(posted).toEqual([]);
    greet(win);
    expect(posted).toHaveLength(MAX_KEPT + 1);
    expect(posted.at(-1)).toMatchObject({ kind: 'skipped', reason: 'dropped', count: 2 });
    greet(win);
    expect(posted).toHaveLength(MAX_KEPT + 1);
    await win.fetch('/web/api/grants');
    await flush();
    await flush();
    expect(posted).toHaveLength(MAX_KEPT + 2);
  });

  it('does nothing when injected a second time', async () => {
    const { win, posted } = fakeWindow(JSON.stringify(PERSONS));
    expect(installObserver(win)).toBe(true);
    greet(win);
    const wrapped = win.fetch;
    expect(installObserver(win)).toBe(false);
    expect(win.fetch).toBe(wrapped);
    expect((win as unknown as Record<string, unknown>)[OBSERVER_INSTALLED]).toBe(true);
    await win.fetch('/web/api/grants');
    await flush();
    await flush();
    expect(posted).toHaveLength(1);
  });

  it('replays the last request of a path with another page, in the page session, and answers with its id', async () => {
    const jwt = `Bearer x.${btoa(JSON.stringify({ civ: '5265877635' })).replace(/=+$/, '')}.sig`;
    const { win, posted, fetchImpl, dispatch } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    await win.fetch('https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10', {
      method: 'POST',
      headers: { Authorization: jwt },
      body: '{"queryType":"PermissionsInCurrentContext"}',
    });
    await flush();
    await flush();
    expect(posted[0]).toMatchObject({ context: '5265877635' });
    dispatch({
      tag: BRIDGE_REQUEST_TAG,
      v: 1,
      id: 'r1',
      path: '/v2/permissions/query/persons/grants',
      query: { pageOffset: '3', pageSize: '100' },
    });
    await flush();
    await flush();
    await flush();
    const [url, init] = fetchImpl.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toContain('pageOffset=3');
    expect(url).toContain('pageSize=100');
    expect(new Headers(init.headers).get('authorization')).toBe(jwt);
    expect(init.body).toBe('{"queryType":"PermissionsInCurrentContext"}');
    expect(posted.at(-1)).toMatchObject({ replayId: 'r1', kind: 'response', text: JSON.stringify(PERSONS) });
    expect(JSON.stringify(posted)).not.toContain(jwt.slice(7));
    dispatch({ tag: BRIDGE_REQUEST_TAG, v: 1, id: 'r2', path: '/v2/unknown' });
    expect(posted.at(-1)).toMatchObject({ replayId: 'r2', kind: 'replay-failed', reason: 'no-request' });
  });

  it("tells the request's body beside its response, and replays a list paged through its body with other fields", async () => {
    const { win, posted, fetchImpl, dispatch } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    await win.fetch('https://ap-demo.ksef.mf.gov.pl/web/api/uprawnienia/osoby', {
      method: 'POST',
      headers: { Authorization: 'Bearer a.b.c' },
      body: '{"filter":{"q":"x"},"offset":0,"limit":10}',
    });
    await flush();
    await flush();
    expect(posted[0]).toMatchObject({ kind: 'response', request: '{"filter":{"q":"x"},"offset":0,"limit":10}' });
    dispatch({
      tag: BRIDGE_REQUEST_TAG,
      v: 1,
      id: 'b1',
      path: '/web/api/uprawnienia/osoby',
      body: { offset: 200, limit: 100 },
    });
    await flush();
    await flush();
    await flush();
    const [url, init] = fetchImpl.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe('https://ap-demo.ksef.mf.gov.pl/web/api/uprawnienia/osoby');
    expect(JSON.parse(String(init.body))).toEqual({ filter: { q: 'x' }, offset: 200, limit: 100 });
    expect(posted.at(-1)).toMatchObject({ replayId: 'b1', kind: 'response' });
  });

  it("makes only the allowed KSeF calls in the page's session, on its API base, and refuses the rest", async () => {
    const jwt = `Bearer x.${btoa(JSON.stringify({ civ: '5265877635' })).replace(/=+$/, '')}.sig`;
    const { win, posted, fetchImpl, dispatch } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    const ask = (id: string, call: string) => dispatch({ tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, id, call });
    // Nothing from KSeF's API seen yet (as in proxied and dom-only): no base to call.
    ask('c0', 'DELETE /permissions/common/grants/abc');
    expect(posted.at(-1)).toMatchObject({ replayId: 'c0', kind: 'replay-failed', reason: 'no-api' });
    await win.fetch('https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageSize=10', {
      method: 'POST',
      headers: { Authorization: jwt, 'Content-Type': 'application/json' },
      body: '{}',
    });
    await flush();
    for (const bad of [
      'DELETE /permissions/persons/grants/abc',
      'POST /permissions/common/grants/abc',
      'DELETE /permissions/common/grants/../../auth/sessions/current',
      'GET /tokens/abc',
      'DELETE /tokens/a?b',
    ]) {
      ask('bad', bad);
      expect(posted.at(-1), bad).toMatchObject({ replayId: 'bad', reason: 'bad-request' });
    }
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    ask('c1', 'DELETE /permissions/common/grants/0b6a2f0e-1c1d-4f36-9d7e-2d7b9c1f0a11');
    await flush();
    await flush();
    const [url, init] = fetchImpl.mock.calls[1] as unknown as [string, RequestInit];
    expect(url).toBe(
      'https://api-demo.ksef.mf.gov.pl/v2/permissions/common/grants/0b6a2f0e-1c1d-4f36-9d7e-2d7b9c1f0a11',
    );
    expect(init.method).toBe('DELETE');
    expect(init.body).toBeNull();
    expect(new Headers(init.headers).get('authorization')).toBe(jwt);
    expect(posted.at(-1)).toMatchObject({ replayId: 'c1', kind: 'response', method: 'DELETE' });
    expect(JSON.stringify(posted)).not.toContain(jwt.slice(7));
  });

  it('reads the context NIP claim only', () => {
    const claims = (o: object) =>
      `Bearer h.${btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.s`;
    expect(contextOf(claims({ civ: '7762811692' }))).toBe('7762811692');
    expect(contextOf(claims({ 'context-identifier-value': '7762811692' }))).toBeUndefined();
    expect(contextOf(claims({ civ: '<script>' }))).toBeUndefined();
    expect(contextOf('Bearer nonsense')).toBeUndefined();
    expect(contextOf(null)).toBeUndefined();
  });

  it('never throws on 1,000 generated JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => typeof mentionsKsefRecords(JSON.stringify(v)) === 'boolean'),
      { numRuns: 1000 },
    );
  });

  it('never throws into the page, whatever header values or requests a page script sends', async () => {
    // Headers as browsers check them (the test DOM's do not): no line breaks or NUL in a value, a token as a name.
    class BrowserHeaders extends Headers {
      constructor(init?: HeadersInit) {
        super();
        for (const [k, v] of init instanceof Headers ? init.entries() : Object.entries(init ?? {}))
          this.set(k, v as string);
        if (Array.isArray(init)) for (const [k, v] of init) this.set(k, v);
      }
      override set(name: string, value: string) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value))
          throw new TypeError('invalid header');
        super.set(name, value);
      }
    }
    vi.stubGlobal('Headers', BrowserHeaders);
    const { win, posted, fetchImpl, dispatch } = fakeWindow(JSON.stringify(PERSONS));
    installObserver(win);
    greet(win);
    const url = 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10';
    // The page's own fetch with a header value no request may carry: its fetch refuses it, the wrapper does not throw.
    fetchImpl.mockImplementationOnce(() => Promise.reject(new TypeError('invalid header value')));
    const refused = win.fetch(url, { headers: { 'x-bad': 'a\r\nb' } });
    await expect(refused).rejects.toThrow('invalid header value');
    // Nor on a method that is not a string.
    expect(() => win.fetch(url, { method: {} as unknown as string })).not.toThrow();
    // An XHR whose header the page set with a line break: remembered, and a replay of it fails as a bad request.
    const xhr = new win.XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('x-bad', 'a\r\nb');
    xhr.send('{}');
    await flush();
    const path = new URL(url).pathname;
    const ask = (id: string, extra: object) =>
      expect(() => dispatch({ tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, id, path, ...extra })).not.toThrow();
    ask('r1', { query: { pageOffset: '1' } });
    expect(posted.at(-1)).toMatchObject({ replayId: 'r1', kind: 'replay-failed', reason: 'bad-request' });
    // A well-formed request again, then a continuation token with a line break, and a call that is not a string.
    await win.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await flush();
    ask('r2', { continuation: 'abc\r\nx-injected: 1' });
    expect(posted.at(-1)).toMatchObject({ replayId: 'r2', kind: 'replay-failed', reason: 'bad-request' });
    expect(() =>
      dispatch({ tag: BRIDGE_REQUEST_TAG, v: BRIDGE_VERSION, id: 'r3', call: { toString: () => 'x' } }),
    ).not.toThrow();
    expect(posted.at(-1)).toMatchObject({ replayId: 'r3', kind: 'replay-failed', reason: 'bad-request' });
    ask('r4', { body: { offset: 10 }, path: '/nowhere' });
    expect(posted.at(-1)).toMatchObject({ replayId: 'r4', reason: 'no-request' });
    vi.unstubAllGlobals();
  });
});
