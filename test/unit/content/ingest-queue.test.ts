import { describe, expect, it, vi } from 'vitest';
import { createIngestQueue, REST_FACTOR } from '@/lib/content/ingest-queue';
import { createAuditSession, MAX_RECORDS_PER_KIND } from '@/lib/audit/session';
import { extractRecords } from '@/lib/audit/extract';
import type { ObserverMessage } from '@/lib/messaging/protocol-content';
import { CTX, makeGrant } from '../audit/builders';

const URL_OF = (i: number) =>
  `https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=${i}&pageSize=1`;
const id = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
const page = (i: number, last = false): ObserverMessage => ({
  tag: 'ksef-companion/observer',
  v: 3,
  kind: 'response',
  method: 'POST',
  url: URL_OF(i),
  status: 200,
  body: { permissions: [makeGrant({ id: id(i) })], hasMore: !last },
});

describe('the queue of the page’s responses', () => {
  it('judges a burst of 2,000 responses in a few audits, in arrival order, and learns paging from the latest', async () => {
    const session = createAuditSession(CTX, null);
    const audits = vi.fn();
    session.subscribe(audits);
    const seen: string[] = [];
    const queue = createIngestQueue({
      signal: new AbortController().signal,
      seen: (m) => seen.push(m.url),
      judge: (batch) => session.ingestAll(batch),
      reject: () => session.reject(),
    });
    for (let i = 0; i < 2000; i++) queue.push(page(i, i === 1999));
    await vi.waitFor(() => expect(session.snapshot().records.grants).toHaveLength(2000), { timeout: 10_000 });
    expect(session.snapshot().records.grants.map((g) => g.id)).toEqual(Array.from({ length: 2000 }, (_, i) => id(i)));
    expect(session.snapshot().kinds.grants.pages).toBe(2000);
    // One audit per slice of the main thread, not one per response.
    expect(audits.mock.calls.length).toBeLessThan(100);
    expect(seen.at(-1)).toBe(URL_OF(1999));
  });

  it('counts a response it cannot read and goes on with the next', async () => {
    const session = createAuditSession(CTX, null);
    const queue = createIngestQueue({
      signal: new AbortController().signal,
      seen: () => undefined,
      judge: (batch) => session.ingestAll(batch),
      reject: () => session.reject(),
    });
    const broken = {
      ...page(0),
      get url(): string {
        throw new Error('unreadable');
      },
    } as ObserverMessage;
    queue.push(broken);
    queue.push(page(1, true));
    await vi.waitFor(() => expect(session.snapshot().records.grants).toHaveLength(1));
    expect(session.snapshot().rejected).toBe(1);
  });

  it('rests after a costly judgement before the next one, even when the queue ran dry in between', async () => {
    let clock = 0;
    const judgedAt: number[] = [];
    const queue = createIngestQueue({
      signal: new AbortController().signal,
      seen: () => undefined,
      judge: () => {
        judgedAt.push(Date.now());
        clock += 10; // each judgement takes 10 ms of the queue's clock
      },
      reject: () => undefined,
      now: () => clock,
    });
    queue.push(page(0));
    await vi.waitFor(() => expect(judgedAt).toHaveLength(1));
    const pushed = Date.now();
    queue.push(page(1));
    await vi.waitFor(() => expect(judgedAt).toHaveLength(2));
    // The rest is a real timer of REST_FACTOR × 10 ms.
    expect(judgedAt[1]! - pushed).toBeGreaterThanOrEqual(REST_FACTOR * 10 - 2);
  });

  it('stops once the visit ends', async () => {
    const controller = new AbortController();
    const judge = vi.fn();
    const queue = createIngestQueue({
      signal: controller.signal,
      seen: () => undefined,
      judge,
      reject: () => undefined,
    });
    controller.abort();
    queue.push(page(0));
    await new Promise((r) => setTimeout(r, 20));
    expect(judge).not.toHaveBeenCalled();
  });
});

describe('the records a visit keeps', () => {
  /** `n` grants from `from`, read as pages of 10,000 (a response carries at most 20,000). */
  const readPages = (session: ReturnType<typeof createAuditSession>, n: number, from = 0) => {
    for (let at = from; at < from + n; at += 10_000) {
      const list = Array.from({ length: Math.min(10_000, from + n - at) }, (_, i) => makeGrant({ id: id(at + i) }));
      session.ingest(extractRecords({ permissions: list, hasMore: true }, 'grants'), { firstPage: false });
    }
  };

  it(`keeps at most ${MAX_RECORDS_PER_KIND} of a kind; past that the kind is never read whole`, () => {
    const session = createAuditSession(CTX, null);
    readPages(session, MAX_RECORDS_PER_KIND + 5);
    const snap = session.snapshot();
    expect(snap.records.grants).toHaveLength(MAX_RECORDS_PER_KIND);
    expect(snap.kinds.grants).toMatchObject({ dropped: 5, complete: false, proof: null });
    // The first page saying nothing follows replaces the rest: a list within the cap is proved whole again.
    session.ingest(extractRecords({ permissions: [makeGrant({ id: id(1) })], hasMore: false }, 'grants'), {
      firstPage: true,
    });
    expect(session.snapshot().kinds.grants).toMatchObject({ dropped: 0, complete: true, proof: 'first-page' });
  });

  it('a full read that had to leave records out proves nothing', () => {
    const session = createAuditSession(CTX, null);
    session.beginPass('grants');
    readPages(session, MAX_RECORDS_PER_KIND + 1);
    session.endPass('grants', 'end-stated');
    expect(session.snapshot().kinds.grants.complete).toBe(false);
    // Within the cap, the same read proves the list whole.
    session.beginPass('grants');
    readPages(session, 10);
    session.endPass('grants', 'end-stated');
    expect(session.snapshot().kinds.grants).toMatchObject({ complete: true, proof: 'end-stated', dropped: 0 });
  });
});
