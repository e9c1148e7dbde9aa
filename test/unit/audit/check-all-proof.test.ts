import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAll, judgePage, type CheckAllDeps, type Target } from '@/lib/audit/check-all';
import { extractRecords } from '@/lib/audit/extract';
import { isFirstPage, KSEF_PAGING, pagingParamsOf, type PagingParams } from '@/lib/audit/paging';
import { createAuditSession } from '@/lib/audit/session';
import { CTX, makeGrant } from './builders';

/** How a list states its end: `hasMore`, a total, or not at all. */
type Ends = 'hasMore' | 'total' | 'nothing';
/** How a list pages: as asked, in fixed pages of 10 whatever the size asked, or not at all (always the first page). */
type Paging = 'honours' | 'fixed-10' | 'ignores';

const grants = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    makeGrant({
      id: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
      authorizedIdentifier: { type: 'Pesel', value: '22271569167' },
    }),
  );

/**
 * A list of `n` grants served in the given shape, paged by the query parameters `server` (KSeF's unless told);
 * the session as it was after the page's own first view.
 */
function world(n: number, ends: Ends, paging: Paging, alreadySeen = 0, server: PagingParams = KSEF_PAGING) {
  const all = grants(n);
  const session = createAuditSession(CTX, null);
  if (alreadySeen) session.ingest(extractRecords({ permissions: all.slice(0, alreadySeen) }, 'grants'));
  const asked: number[] = [];
  const deps: CheckAllDeps = {
    replay: async ({ query = {}, body: sent = {} }) => {
      // What the server understands of the query (or of the JSON body, for a server paging there); anything else
      // it does not see (its first page of 10).
      const fields: Record<string, string | number> = server.where === 'body' ? sent : query;
      const index = Number(fields[server.index] ?? 0);
      const asks = Number(fields[server.size] ?? 10);
      const size = paging === 'honours' ? asks : 10;
      const pageOffset = server.unit === 'page' ? index : Math.floor(index / asks);
      asked.push(pageOffset);
      const start = paging === 'ignores' ? 0 : pageOffset * size;
      const permissions = all.slice(start, start + size);
      const body: Record<string, unknown> = { permissions };
      if (ends === 'hasMore') body.hasMore = start + size < n;
      if (ends === 'total') body.totalCount = n;
      return { kind: 'response', status: 200, body };
    },
    extract: (b, k) => extractRecords(b, k),
    ingest: session.ingest,
    begin: session.beginPass,
    end: session.endPass,
    sleep: async () => undefined,
    now: (() => {
      let t = 0;
      return () => (t += 1000);
    })(),
    onProgress: () => undefined,
  };
  return { session, asked, deps };
}

const grantsTarget: Target = { kind: 'grants', path: '/v2/permissions/query/persons/grants', paging: 'offset' };
const run = (w: ReturnType<typeof world>) => checkAll([grantsTarget], w.deps, new AbortController().signal);

describe('check all proves a list complete, or says it cannot', () => {
  it('never calls a list complete without having read all of it, whatever its shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 350 }),
        fc.constantFrom<Ends>('hasMore', 'total', 'nothing'),
        fc.constantFrom<Paging>('honours', 'fixed-10', 'ignores'),
        async (n, ends, paging) => {
          const w = world(n, ends, paging);
          const r = await run(w);
          const complete = r.completed.includes('grants');
          if (complete) expect(w.session.snapshot().records.grants).toHaveLength(n);
          expect(w.session.snapshot().kinds.grants.complete).toBe(complete);
          // Each page is asked for once.
          expect(new Set(w.asked).size).toBe(w.asked.length);
          // A list that pages and states its end, or pages as asked, is always proved.
          if (paging !== 'ignores' && (ends !== 'nothing' || n > 0)) expect(complete).toBe(true);
          // A list that ignores paging and holds more than one page never is.
          if (paging === 'ignores' && n > 10) {
            expect(complete).toBe(false);
            expect(r.unproven).toEqual([expect.objectContaining({ kind: 'grants', reason: 'no-new-records' })]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    // 57 grants as the issue found them: no hasMore, no total, the AP's pages of 10 whatever was asked.
    ['nothing', 'fixed-10', 57, 'empty-page', 7],
    ['nothing', 'honours', 57, 'empty-page', 2],
    ['nothing', 'honours', 250, 'short-page', 3],
    ['total', 'honours', 57, 'total-reached', 1],
    ['total', 'fixed-10', 57, 'total-reached', 6],
    ['hasMore', 'honours', 1000, 'end-stated', 10],
  ] as const)('%s / %s, %i grants: proved by %s in %i requests', async (ends, paging, n, proof, requests) => {
    const w = world(n, ends, paging);
    const r = await run(w);
    expect(r.proofs.grants).toBe(proof);
    expect(r.requests).toBe(requests);
  });

  it('a list that never says where it ends and ignores paging: unproven, and nothing known is replaced', async () => {
    // The page showed 30 of them (say, its page 4); the pass reads the same first 10 twice.
    const w = world(57, 'nothing', 'ignores', 30);
    const r = await run(w);
    expect(r.completed).toEqual([]);
    expect(r.unproven).toEqual([{ kind: 'grants', reason: 'no-new-records', records: 10, pages: 2 }]);
    expect(w.session.snapshot().records.grants).toHaveLength(30);
    expect(w.session.snapshot().kinds.grants.complete).toBe(false);
  });

  it('an empty first page proves nothing unless the list states its end', () => {
    const base = { paging: 'offset' as const, page: 0, pageSize: 100, pageRecords: 0, fresh: 0, seen: 0 };
    const none = { hasMore: null, total: null };
    expect(judgePage({ ...base, x: none, sizeHonoured: false, continuation: null })).toEqual({
      unproven: 'no-end-stated',
    });
    expect(judgePage({ ...base, x: { hasMore: false, total: null }, sizeHonoured: false, continuation: null })).toEqual(
      {
        end: 'end-stated',
      },
    );
    expect(judgePage({ ...base, x: { hasMore: null, total: 0 }, sizeHonoured: false, continuation: null })).toEqual({
      end: 'total-reached',
    });
  });

  it('an empty later page ends the list, unless the same answer says more follow', () => {
    const base = { paging: 'offset' as const, page: 3, pageSize: 100, pageRecords: 0, fresh: 0, seen: 300 };
    expect(judgePage({ ...base, x: { hasMore: null, total: null }, sizeHonoured: true, continuation: null })).toEqual({
      end: 'empty-page',
    });
    expect(judgePage({ ...base, x: { hasMore: true, total: null }, sizeHonoured: true, continuation: null })).toEqual({
      unproven: 'no-new-records',
    });
  });

  it('continuation tokens: an explicit empty token ends the list; a list with no token field proves nothing', () => {
    const base = { paging: 'continuation' as const, page: 1, pageSize: 100, pageRecords: 5, fresh: 5, seen: 105 };
    expect(judgePage({ ...base, x: { hasMore: false, total: null }, sizeHonoured: true, continuation: null })).toEqual({
      end: 'end-stated',
    });
    expect(judgePage({ ...base, x: { hasMore: null, total: null }, sizeHonoured: true, continuation: null })).toEqual({
      unproven: 'no-end-stated',
    });
    expect(judgePage({ ...base, x: { hasMore: true, total: null }, sizeHonoured: true, continuation: 'c2' })).toEqual({
      more: true,
    });
    // The next token brought only records already read: the list does not page by it.
    expect(
      judgePage({ ...base, fresh: 0, x: { hasMore: true, total: null }, sizeHonoured: true, continuation: 'c2' }),
    ).toEqual({ unproven: 'no-new-records' });
  });

  it('reads a total from any of the usual fields beside the list', () => {
    for (const key of ['total', 'totalCount', 'totalElements', 'totalItems', 'count'])
      expect(extractRecords({ data: { items: grants(2), [key]: 41 } }, 'grants').total).toBe(41);
    expect(extractRecords({ permissions: grants(2), total: '41' }, 'grants').total).toBeNull();
  });

  it('pages by the parameters the page itself uses, learned from its request', async () => {
    const offsetLimit = pagingParamsOf('/web/api/grants?offset=0&limit=20')!;
    expect(offsetLimit).toEqual({ index: 'offset', size: 'limit', unit: 'record' });
    const w = world(250, 'nothing', 'honours', 0, offsetLimit);
    const r = await checkAll([{ ...grantsTarget, params: offsetLimit }], w.deps, new AbortController().signal);
    expect(r.proofs.grants).toBe('short-page');
    expect(w.session.snapshot().records.grants).toHaveLength(250);
  });

  it("pages through the JSON body where the page's own request put its paging there", async () => {
    const inBody = pagingParamsOf(
      'https://ap-demo.ksef.mf.gov.pl/web/api/uprawnienia',
      '{"filter":{},"offset":0,"limit":10}',
    )!;
    expect(inBody).toEqual({ index: 'offset', size: 'limit', unit: 'record', where: 'body' });
    for (const ends of ['hasMore', 'total', 'nothing'] as const) {
      const w = world(257, ends, 'honours', 0, inBody);
      const r = await checkAll([{ ...grantsTarget, params: inBody }], w.deps, new AbortController().signal);
      expect(r.completed).toEqual(['grants']);
      expect(w.session.snapshot().records.grants).toHaveLength(257);
      expect(r.requests).toBe(3);
    }
    // Asked in the query, a server that reads only its body never moves past its first page: never complete.
    const w = world(257, 'total', 'honours', 0, inBody);
    const r = await checkAll(
      [{ ...grantsTarget, params: { ...inBody, where: undefined } }],
      w.deps,
      new AbortController().signal,
    );
    expect(r.completed).toEqual([]);
    expect(w.session.snapshot().kinds.grants.complete).toBe(false);
  });

  it.each([
    ['{"pageOffset":0,"pageSize":10}', { index: 'pageOffset', size: 'pageSize', unit: 'page', where: 'body' }, true],
    [
      '{"offset":30,"limit":10,"filter":{"q":"x"}}',
      { index: 'offset', size: 'limit', unit: 'record', where: 'body' },
      false,
    ],
    ['{"page":0,"size":20}', { index: 'page', size: 'size', unit: 'page', where: 'body' }, true],
    // Strings are not numbers here, one-based pages are not guessed, a body that is not JSON says nothing.
    ['{"offset":"0","limit":"10"}', null, null],
    ['{"pageNumber":1,"pageSize":10}', null, null],
    ['offset=0&limit=10', null, null],
    ['[0,10]', null, null],
  ])('paging learned from the JSON body %s', (body, params, first) => {
    expect(pagingParamsOf('https://ap-demo.ksef.mf.gov.pl/web/api/list', body)).toEqual(params);
    expect(isFirstPage('https://ap-demo.ksef.mf.gov.pl/web/api/list', body)).toBe(first);
  });

  it('the query string speaks first: a body that says otherwise does not override it', () => {
    const url = 'https://ap-demo.ksef.mf.gov.pl/web/api/list?pageOffset=2&pageSize=10';
    expect(pagingParamsOf(url, '{"offset":0,"limit":10}')).toEqual(KSEF_PAGING);
    expect(isFirstPage(url, '{"offset":0,"limit":10}')).toBe(false);
  });

  it('a list paged by parameters it was not told of is never called complete', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 11, max: 300 }), async (n) => {
        // The server pages by offset/limit; the pass asks with KSeF's pageOffset/pageSize, which it does not see.
        const w = world(n, 'nothing', 'honours', 0, { index: 'offset', size: 'limit', unit: 'record' });
        const r = await run(w);
        expect(r.completed).toEqual([]);
        expect(w.session.snapshot().kinds.grants.complete).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it.each([
    ['?pageOffset=2&pageSize=10', { index: 'pageOffset', size: 'pageSize', unit: 'page' }],
    ['?offset=40&limit=20', { index: 'offset', size: 'limit', unit: 'record' }],
    ['?page=0&size=10', { index: 'page', size: 'size', unit: 'page' }],
    // One-based or zero-based? Not known from page 1 or 3: no guess.
    ['?page=1&size=10', null],
    ['?pageNumber=3&pageSize=10', null],
    ['?pageSize=10', null],
    ['?offset=abc&limit=10', null],
  ])('paging learned from %s', (query, params) => {
    expect(pagingParamsOf(`https://ap-demo.ksef.mf.gov.pl/web/api/list${query}`)).toEqual(params);
  });
});
