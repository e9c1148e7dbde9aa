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
    store.onMessage({ data: { ...good, replayId: id }, source: strict.window, origin } as MessageEvent);
    await expect(answer).resolves.toMatchObject({ replayId: id });
    const stop = new AbortController();
    const call = store.call('DELETE /v2/permissions/common/grants/abc', stop.signal);
    expect(strict.posted).toHaveLength(3);
    stop.abort();
    await expect(call).rejects.toThrow('aborted');
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
    expect(store.snapshot()).toEqual({ captures: [], rejected: 0, skipped: 0 });
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
