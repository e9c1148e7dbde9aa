import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIDGE_TAG, BRIDGE_VERSION } from '@/lib/ap/bridge';
import { createCaptureStore, MAX_CAPTURES } from '@/lib/content/capture';

const origin = 'https://ap-demo.ksef.mf.gov.pl';
/**
 * A window whose `postMessage` needs its `this`, as in Firefox's content-script sandbox: called detached from its
 * window, it throws the TypeError Firefox throws.
 */
class StrictWindow {
  readonly window: unknown = {};
  readonly location = { origin } as Location;
  readonly posted: { message: unknown; targetOrigin: string }[] = [];
  postMessage(message: unknown, targetOrigin: string): void {
    if (!(this instanceof StrictWindow))
      throw new TypeError("'postMessage' called on an object that does not implement interface Window.");
    this.posted.push({ message, targetOrigin });
  }
}
const win = new StrictWindow();
const good = {
  tag: BRIDGE_TAG,
  v: BRIDGE_VERSION,
  kind: 'response',
  method: 'POST',
  url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageSize=10',
  status: 200,
  text: JSON.stringify({ permissions: [], hasMore: false }),
};
const event = (data: unknown, source: unknown = win.window, o = origin) =>
  ({ data, source, origin: o }) as MessageEvent;

describe('capture store (page → content)', () => {
  it('posts hello and replay asks through its window as a method (a detached call throws in Firefox)', async () => {
    const strict = new StrictWindow();
    expect(() => (0, strict.postMessage)({}, origin)).toThrow(TypeError);
    const store = createCaptureStore(strict);
    store.hello();
    expect(strict.posted).toEqual([{ message: expect.objectContaining({ hello: true }), targetOrigin: origin }]);
    const answer = store.replay({ path: '/v2/permissions/query/persons/grants', query: { pageOffset: '1' } });
    expect(strict.posted).toHaveLength(2);
    expect(strict.posted[1]).toEqual({
      message: expect.objectContaining({ path: '/v2/permissions/query/persons/grants', query: { pageOffset: '1' } }),
      targetOrigin: origin,
    });
    const id = (strict.posted[1]!.message as { id: string }).id;
    const answered = { ...good, url: `${good.url.split('?')[0]}?pageOffset=1&pageSize=100`, replayId: id };
    store.onMessage({ data: answered, source: strict.window, origin } as MessageEvent);
    await expect(answer).resolves.toMatchObject({ replayId: id });
    const stop = new AbortController();
    const call = store.call('DELETE /v2/permissions/common/grants/abc', stop.signal);
    expect(strict.posted).toHaveLength(3);
    stop.abort();
    await expect(call).rejects.toThrow('aborted');
  });

  it("takes as the answer only one that answers what was asked, and counts the page's forgeries", async () => {
    const store = createCaptureStore(win);
    const path = '/v2/permissions/query/persons/grants';
    const ask = store.replay({ path, query: { pageOffset: '3', pageSize: '100' } });
    const id = (win.posted.at(-1)!.message as { id: string }).id;
    const url = (q: string) => `https://api-demo.ksef.mf.gov.pl${path}?${q}`;
    // The page saw the id: it answers first, with another page, another list, or nothing asked at all.
    store.onMessage(event({ ...good, replayId: id, url: url('pageOffset=0&pageSize=100') }));
    store.onMessage(
      event({ ...good, replayId: id, url: 'https://api-demo.ksef.mf.gov.pl/v2/tokens?pageOffset=3&pageSize=100' }),
    );
    store.onMessage(event({ ...good, replayId: 'r-made-up', url: url('pageOffset=3&pageSize=100') }));
    // The observer's answer is the one taken.
    store.onMessage(event({ ...good, replayId: id, url: url('pageOffset=3&pageSize=100') }));
    await expect(ask).resolves.toMatchObject({ url: url('pageOffset=3&pageSize=100') });
    // A second answer to what was already answered is someone else's.
    store.onMessage(event({ ...good, replayId: id, url: url('pageOffset=3&pageSize=100') }));
    expect(store.snapshot().forged).toBe(3);
    // A list paged through its body: the body the observer sent must carry the fields asked.
    const inBody = store.replay({ path: '/web/api/uprawnienia/osoby', body: { offset: 200, limit: 100 } });
    const bodyId = (win.posted.at(-1)!.message as { id: string }).id;
    const proxied = 'https://ap-demo.ksef.mf.gov.pl/web/api/uprawnienia/osoby';
    store.onMessage(event({ ...good, replayId: bodyId, url: proxied, request: '{"offset":0,"limit":100}' }));
    store.onMessage(event({ ...good, replayId: bodyId, url: proxied, request: '{"q":1,"offset":200,"limit":100}' }));
    await expect(inBody).resolves.toMatchObject({ request: '{"q":1,"offset":200,"limit":100}' });
    // A call: the method and the path asked.
    const call = store.call('DELETE /permissions/common/grants/abc');
    const callId = (win.posted.at(-1)!.message as { id: string }).id;
    const grant = 'https://api-demo.ksef.mf.gov.pl/v2/permissions/common/grants/';
    store.onMessage(event({ ...good, method: 'DELETE', replayId: callId, url: `${grant}other` }));
    store.onMessage(event({ ...good, method: 'GET', replayId: callId, url: `${grant}abc` }));
    store.onMessage(event({ ...good, method: 'DELETE', replayId: callId, url: `${grant}abc` }));
    await expect(call).resolves.toMatchObject({ method: 'DELETE' });
    expect(store.snapshot().forged).toBe(6);
  });

  it('accepts our tagged messages from the page window and parses their text', () => {
    const store = createCaptureStore(win);
    let calls = 0;
    store.subscribe(() => calls++);
    store.onMessage(event(good));
    expect(store.snapshot().captures).toHaveLength(1);
    expect(store.snapshot().captures[0]!.message.body).toEqual({ permissions: [], hasMore: false });
    expect(calls).toBe(1);
  });

  it('ignores other windows, origins and tags, and counts malformed imitations', () => {
    const store = createCaptureStore(win);
    store.onMessage(event(good, {}));
    store.onMessage(event(good, win.window, 'https://evil.example'));
    store.onMessage(event({ ...good, tag: 'other' }));
    store.onMessage(event('string'));
    expect(store.snapshot()).toMatchObject({ captures: [], rejected: 0 });
    store.onMessage(event({ ...good, status: 'ok' }));
    store.onMessage(event({ ...good, v: 99 }));
    store.onMessage(event({ ...good, text: '{"permissions":[' }));
    store.onMessage(event({ ...good, text: { permissions: [] } }));
    expect(store.snapshot()).toMatchObject({ captures: [], rejected: 4 });
  });

  it('counts skipped responses and keeps at most MAX_CAPTURES', () => {
    const store = createCaptureStore(win);
    store.onMessage(event({ ...good, kind: 'skipped', text: undefined, reason: 'too-large' }));
    for (let i = 0; i < MAX_CAPTURES + 5; i++)
      store.onMessage(event({ ...good, status: 200 + (i % 2), url: `${good.url}&n=${i}` }));
    expect(store.snapshot().skipped).toBe(1);
    expect(store.snapshot().captures).toHaveLength(MAX_CAPTURES);
    expect(store.snapshot().captures.at(-1)!.message.url).toContain(`&n=${MAX_CAPTURES + 4}`);
    store.clear();
    expect(store.snapshot()).toEqual({ captures: [], rejected: 0, skipped: 0, forged: 0 });
  });

  it('survives 1,000 generated imitations without throwing or accepting junk', () => {
    const store = createCaptureStore(win);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ key: fc.constantFrom(...Object.keys(good)), value: fc.anything() }).map(({ key, value }) => ({
            ...good,
            [key]: value,
          })),
        ),
        (data) => {
          const before = store.snapshot();
          store.onMessage(event(data));
          const after = store.snapshot();
          const accepted = after.captures.length > before.captures.length || after.captures !== before.captures;
          if (accepted) expect(after.captures.at(-1)!.message.tag).toBe(BRIDGE_TAG);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
