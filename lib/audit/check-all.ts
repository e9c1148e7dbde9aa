import type { RecordKind } from '../ksef/endpoints';
import type { Extracted } from './extract';

/**
 * "Check all": read every page of every kind of record the page has listed, by asking the observer to replay
 * the page's own query with `pageSize` 100 (continuation tokens for tokens). Requests are paced below KSeF's
 * limits per endpoint (10/s, 30/min, 120/h, docs/ksef.md §7.3) with room left for the page itself; a 429 is
 * honoured with its `Retry-After` and reported. Cancellable at every wait.
 */
export interface Target {
  kind: RecordKind;
  path: string;
  paging: 'offset' | 'continuation';
}

export interface ReplayAnswer {
  kind: 'response' | 'skipped' | 'replay-failed';
  status: number;
  body?: unknown;
  retryAfter?: number;
}

export interface Progress {
  kind: RecordKind;
  page: number;
  records: number;
  state: 'reading' | 'pacing' | 'rate-limited' | 'done' | 'cancelled' | 'failed' | 'budget';
  waitMs?: number;
  detail?: string;
}

export interface CheckAllDeps {
  replay: (ask: {
    path: string;
    pageOffset?: number;
    pageSize?: number;
    continuation?: string | null;
  }) => Promise<ReplayAnswer>;
  extract: (body: unknown, kind: RecordKind) => Extracted;
  ingest: (x: Extracted) => void;
  begin: (kind: RecordKind) => void;
  end: (kind: RecordKind, completed: boolean) => void;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  onProgress: (p: Progress) => void;
}

/** Our share of KSeF's per-endpoint budget; the page's own requests use the rest. */
export const PACE = { perSecond: 8, perMinute: 25, perHour: 110 };
export const PAGE_SIZE = 100;
const MAX_RETRIES = 5;

export class Pacer {
  private sent = new Map<string, number[]>();
  /** Milliseconds to wait before the next request to `path` may go. */
  wait(path: string, now: number): number {
    const list = (this.sent.get(path) ?? []).filter((t) => t > now - 3_600_000);
    this.sent.set(path, list);
    let wait = 0;
    for (const [span, max] of [
      [1_000, PACE.perSecond],
      [60_000, PACE.perMinute],
      [3_600_000, PACE.perHour],
    ] as const) {
      const inWindow = list.filter((t) => t > now - span);
      if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + span - now);
    }
    return wait;
  }
  record(path: string, now: number): void {
    this.sent.set(path, [...(this.sent.get(path) ?? []), now]);
  }
  /** True when the hour's budget is spent: waiting would take too long to be worth it. */
  exhausted(path: string, now: number): boolean {
    return (this.sent.get(path) ?? []).filter((t) => t > now - 3_600_000).length >= PACE.perHour;
  }
}

export interface CheckAllResult {
  requests: number;
  rateLimited: number;
  completed: RecordKind[];
  incomplete: RecordKind[];
}

export async function checkAll(
  targets: readonly Target[],
  deps: CheckAllDeps,
  signal: AbortSignal,
  pacer = new Pacer(),
): Promise<CheckAllResult> {
  const result: CheckAllResult = { requests: 0, rateLimited: 0, completed: [], incomplete: [] };
  for (const t of targets) {
    deps.begin(t.kind);
    let page = 0;
    let records = 0;
    let continuation: string | null = null;
    let retries = 0;
    let ok = false;
    try {
      for (;;) {
        if (signal.aborted) throw new Error('cancelled');
        if (pacer.exhausted(t.path, deps.now())) {
          deps.onProgress({ kind: t.kind, page, records, state: 'budget' });
          break;
        }
        const wait = pacer.wait(t.path, deps.now());
        if (wait > 0) {
          deps.onProgress({ kind: t.kind, page, records, state: 'pacing', waitMs: wait });
          await deps.sleep(wait, signal);
        }
        deps.onProgress({ kind: t.kind, page, records, state: 'reading' });
        pacer.record(t.path, deps.now());
        result.requests++;
        const answer = await deps.replay(
          t.paging === 'offset'
            ? { path: t.path, pageOffset: page, pageSize: PAGE_SIZE }
            : { path: t.path, pageSize: PAGE_SIZE, continuation },
        );
        if (answer.kind === 'replay-failed') {
          if (answer.status === 429 && retries < MAX_RETRIES) {
            result.rateLimited++;
            retries++;
            const ms = (answer.retryAfter ?? 2 ** retries) * 1000;
            deps.onProgress({ kind: t.kind, page, records, state: 'rate-limited', waitMs: ms });
            await deps.sleep(ms, signal);
            continue;
          }
          deps.onProgress({ kind: t.kind, page, records, state: 'failed', detail: `HTTP ${answer.status}` });
          break;
        }
        retries = 0;
        const x = deps.extract(answer.body, t.kind);
        deps.ingest(x);
        records += x[t.kind].length;
        const body = answer.body as { continuationToken?: string | null; result?: { next?: string | null } } | null;
        if (t.paging === 'continuation') {
          continuation = body?.continuationToken ?? body?.result?.next ?? null;
          if (!continuation) {
            ok = true;
            break;
          }
        } else if (x.hasMore !== true) {
          ok = true;
          break;
        }
        page++;
      }
    } catch (e) {
      deps.end(t.kind, false);
      result.incomplete.push(t.kind);
      if ((e as Error).message === 'cancelled' || signal.aborted) {
        deps.onProgress({ kind: t.kind, page, records, state: 'cancelled' });
        for (const rest of targets.slice(targets.indexOf(t) + 1)) result.incomplete.push(rest.kind);
        return result;
      }
      deps.onProgress({ kind: t.kind, page, records, state: 'failed', detail: (e as Error).message });
      continue;
    }
    deps.end(t.kind, ok);
    (ok ? result.completed : result.incomplete).push(t.kind);
    deps.onProgress({ kind: t.kind, page, records, state: ok ? 'done' : 'failed' });
  }
  return result;
}
