import { describe, expect, it } from 'vitest';
import { checkAll, Pacer, PACE, type CheckAllDeps, type ReplayAnswer } from '@/lib/audit/check-all';
import { extractRecords } from '@/lib/audit/extract';
import { createAuditSession } from '@/lib/audit/session';
import { CTX, makeGrant } from './builders';

function grants(n: number) {
  return Array.from({ length: n }, (_, i) =>
    makeGrant({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      authorizedIdentifier: { type: 'Pesel', value: '22271569167' },
    }),
  );
}

function deps(all: unknown[], answers: ReplayAnswer[] = []) {
  let clock = 0;
  const session = createAuditSession(CTX, null);
  const asked: { pageOffset?: number; pageSize?: number }[] = [];
  const num = (q: Record<string, string> | undefined, k: string) => (q?.[k] === undefined ? undefined : Number(q[k]));
  const progress: string[] = [];
  const d: CheckAllDeps = {
    replay: async ({ query }) => {
      const ask = { pageOffset: num(query, 'pageOffset'), pageSize: num(query, 'pageSize') };
      asked.push(ask);
      const forced = answers.shift();
      if (forced) return forced;
      const start = ask.pageOffset! * ask.pageSize!;
      return {
        kind: 'response',
        status: 200,
        body: { permissions: all.slice(start, start + ask.pageSize!), hasMore: all.length > start + ask.pageSize! },
      };
    },
    extract: (b, k) => extractRecords(b, k),
    ingest: session.ingest,
    begin: session.beginPass,
    end: session.endPass,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new Error('cancelled');
      clock += ms;
    },
    now: () => clock,
    onProgress: (p) => progress.push(p.state),
  };
  return { d, session, asked, progress, tick: (ms: number) => (clock += ms) };
}

const target = { kind: 'grants' as const, path: '/v2/permissions/query/persons/grants', paging: 'offset' as const };

describe('check all', () => {
  it('reads 1,000 grants in 10 requests of 100, with no 429', async () => {
    const w = deps(grants(1000));
    const r = await checkAll([target], w.d, new AbortController().signal);
    expect(r).toMatchObject({ requests: 10, rateLimited: 0, completed: ['grants'] });
    expect(w.asked.every((a) => a.pageSize === 100)).toBe(true);
    expect(w.session.snapshot().records.grants).toHaveLength(1000);
    expect(w.session.snapshot().kinds.grants.complete).toBe(true);
  });

  it('honours Retry-After on a 429 and says so', async () => {
    const w = deps(grants(150), [{ kind: 'replay-failed', status: 429, retryAfter: 3 }]);
    const r = await checkAll([target], w.d, new AbortController().signal);
    expect(r).toMatchObject({ rateLimited: 1, completed: ['grants'] });
    expect(w.progress).toContain('rate-limited');
  });

  it('can be cancelled and then replaces nothing', async () => {
    const w = deps(grants(500));
    const ac = new AbortController();
    w.d.onProgress = (p) => {
      if (p.page === 2) ac.abort();
    };
    const r = await checkAll([target], w.d, ac.signal);
    expect(r.incomplete).toEqual(['grants']);
    expect(w.session.snapshot().kinds.grants.complete).toBe(false);
  });

  it('never follows a continuation it cannot send back as a header, nor takes it for the end of the list', async () => {
    for (const bad of ['abc\r\nX-Evil: 1', { next: 1 }, 'ż'.repeat(4), 'x'.repeat(3000)]) {
      const { d, session, progress } = deps([]);
      const continuations: (string | null | undefined)[] = [];
      d.replay = async ({ continuation }) => {
        continuations.push(continuation);
        return { kind: 'response', status: 200, body: { tokens: [], continuationToken: bad } };
      };
      const tokensTarget = { kind: 'tokens' as const, path: '/v2/tokens', paging: 'continuation' as const };
      const r = await checkAll([tokensTarget], d, new AbortController().signal);
      expect(r.completed).toEqual([]);
      expect(session.snapshot().kinds.tokens.complete).toBe(false);
      expect(continuations).toEqual([null]);
      expect(progress.at(-1)).toBe('failed');
    }
  });

  it('paces below KSeF limits per endpoint', () => {
    const p = new Pacer();
    for (let i = 0; i < PACE.perSecond; i++) p.record('/x', 0);
    expect(p.wait('/x', 10)).toBeGreaterThan(0);
    expect(p.wait('/y', 10)).toBe(0);
    for (let i = 0; i < PACE.perHour; i++) p.record('/z', i * 1000);
    expect(p.exhausted('/z', 200_000)).toBe(true);
  });
});
