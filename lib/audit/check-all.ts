import type { RecordKind } from '../ksef/endpoints';
import type { Extracted } from './extract';
import { KSEF_PAGING, pageAsk, type Target } from './paging';

export type { Target } from './paging';

/**
 * "Check all": read every page of every kind of record the page has listed, by asking the observer to replay
 * the page's own query with `pageSize` 100 (continuation tokens for tokens). Requests are paced below KSeF's
 * limits per endpoint (10/s, 30/min, 120/h, docs/ksef.md §7.3) with room left for the page itself; a 429 is
 * honoured with its `Retry-After` and reported. Cancellable at every wait.
 *
 * A kind is read completely only with a proof (docs/architecture.md §4a): the list said that nothing follows
 * (`hasMore: false`, an empty continuation), the records read reached the total it stated, or, on a list shown to
 * honour the page size, a page came back short or empty. A list that never says where it ends, or whose next
 * page brings no record not seen before (it ignores the paging asked for), stops there, unproven, and says why.
 */

export interface ReplayAnswer {
  kind: 'response' | 'skipped' | 'replay-failed';
  status: number;
  body?: unknown;
  retryAfter?: number;
}

/** How a complete read was proved. */
export type Proof = 'end-stated' | 'total-reached' | 'short-page' | 'empty-page';
/** Why a read that got every page it asked for is still not proved complete. */
export type Unproven = 'no-end-stated' | 'no-new-records';

export interface Progress {
  kind: RecordKind;
  page: number;
  records: number;
  state: 'reading' | 'pacing' | 'rate-limited' | 'done' | 'cancelled' | 'failed' | 'budget' | 'unproven';
  waitMs?: number;
  detail?: string;
  /** With `done`: how the read was proved complete. */
  proof?: Proof;
  /** With `unproven`: why it could not be. */
  unproven?: Unproven;
}

export interface CheckAllDeps {
  replay: (ask: {
    path: string;
    query?: Record<string, string>;
    body?: Record<string, number>;
    continuation?: string | null;
  }) => Promise<ReplayAnswer>;
  extract: (body: unknown, kind: RecordKind) => Extracted;
  ingest: (x: Extracted) => void;
  begin: (kind: RecordKind) => void;
  /** The pass over a kind ended: with the proof that it read the whole list, or null. */
  end: (kind: RecordKind, proof: Proof | null) => void;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  onProgress: (p: Progress) => void;
}

/** Our share of KSeF's per-endpoint budget; the page's own requests use the rest. */
export const PACE = { perSecond: 8, perMinute: 25, perHour: 110 };
export const PAGE_SIZE = 100;
const HEADER_SAFE = /^[\x21-\x7e]{1,2048}$/;
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
  /** Each complete kind's proof. */
  proofs: Partial<Record<RecordKind, Proof>>;
  /** Kinds read page after page without a proof of their end: why, and how many distinct records were read. */
  unproven: { kind: RecordKind; reason: Unproven; records: number; pages: number }[];
}

type Keyed = { id?: string; referenceNumber?: string; certificateSerialNumber?: string };
// Every validated record has one of these keys.
const keyOf = (r: Keyed) => r.id ?? r.referenceNumber ?? r.certificateSerialNumber ?? '';

/**
 * After one page of a pass: the proof that the list ends here, `more` to read the next page, or why the end
 * cannot be proved. `fresh` counts this page's records not seen earlier in the pass; `seen` all distinct so far.
 */
export function judgePage(p: {
  paging: Target['paging'];
  page: number;
  pageSize: number;
  x: Pick<Extracted, 'hasMore' | 'total'>;
  pageRecords: number;
  fresh: number;
  seen: number;
  /** A full page (as many records as asked for) came back earlier in this pass. */
  sizeHonoured: boolean;
  continuation: string | null;
}): { end: Proof } | { more: true } | { unproven: Unproven } {
  const { x } = p;
  if (x.total !== null && p.seen >= x.total) return { end: 'total-reached' };
  if (p.paging === 'continuation') {
    if (p.continuation) return p.pageRecords > 0 && p.fresh === 0 ? { unproven: 'no-new-records' } : { more: true };
    return x.hasMore === false ? { end: 'end-stated' } : { unproven: 'no-end-stated' };
  }
  if (x.hasMore === false) return { end: 'end-stated' };
  // An empty page ends the list, unless it says more follow (then it brought nothing new).
  if (p.pageRecords === 0)
    return p.page === 0
      ? { unproven: 'no-end-stated' }
      : x.hasMore
        ? { unproven: 'no-new-records' }
        : { end: 'empty-page' };
  if (p.fresh === 0) return { unproven: 'no-new-records' };
  if (x.hasMore === null && p.sizeHonoured && p.pageRecords < p.pageSize) return { end: 'short-page' };
  return { more: true };
}

export async function checkAll(
  targets: readonly Target[],
  deps: CheckAllDeps,
  signal: AbortSignal,
  pacer = new Pacer(),
): Promise<CheckAllResult> {
  const result: CheckAllResult = {
    requests: 0,
    rateLimited: 0,
    completed: [],
    incomplete: [],
    proofs: {},
    unproven: [],
  };
  for (const t of targets) {
    deps.begin(t.kind);
    let page = 0;
    const seen = new Set<string>();
    let continuation: string | null = null;
    let retries = 0;
    let sizeHonoured = false;
    let proof: Proof | null = null;
    const records = () => seen.size;
    try {
      for (;;) {
        if (signal.aborted) throw new Error('cancelled');
        if (pacer.exhausted(t.path, deps.now())) {
          deps.onProgress({ kind: t.kind, page, records: records(), state: 'budget' });
          break;
        }
        const wait = pacer.wait(t.path, deps.now());
        if (wait > 0) {
          deps.onProgress({ kind: t.kind, page, records: records(), state: 'pacing', waitMs: wait });
          await deps.sleep(wait, signal);
        }
        deps.onProgress({ kind: t.kind, page, records: records(), state: 'reading' });
        pacer.record(t.path, deps.now());
        result.requests++;
        const answer = await deps.replay(
          t.paging === 'offset'
            ? { path: t.path, ...pageAsk(t.params ?? KSEF_PAGING, page, PAGE_SIZE) }
            : { path: t.path, query: { [(t.params ?? KSEF_PAGING).size]: String(PAGE_SIZE) }, continuation },
        );
        if (answer.kind === 'replay-failed') {
          if (answer.status === 429 && retries < MAX_RETRIES) {
            result.rateLimited++;
            retries++;
            const ms = (answer.retryAfter ?? 2 ** retries) * 1000;
            deps.onProgress({ kind: t.kind, page, records: records(), state: 'rate-limited', waitMs: ms });
            await deps.sleep(ms, signal);
            continue;
          }
          deps.onProgress({ kind: t.kind, page, records: records(), state: 'failed', detail: `HTTP ${answer.status}` });
          break;
        }
        retries = 0;
        const x = deps.extract(answer.body, t.kind);
        deps.ingest(x);
        const list = x[t.kind] as Keyed[];
        const before = seen.size;
        for (const r of list) seen.add(keyOf(r));
        const body = answer.body as { continuationToken?: unknown; result?: { next?: unknown } } | null;
        const next = body?.continuationToken ?? body?.result?.next ?? null;
        // A continuation goes back to the page in a request header: visible ASCII only. Anything else (control
        // characters, an object) cannot be followed, and is not taken for the end of the list either.
        if (next !== null && next !== '' && (typeof next !== 'string' || !HEADER_SAFE.test(next))) {
          deps.onProgress({ kind: t.kind, page, records: records(), state: 'failed', detail: 'continuation' });
          break;
        }
        continuation = next || null;
        const verdict = judgePage({
          paging: t.paging,
          page,
          pageSize: PAGE_SIZE,
          x,
          pageRecords: list.length,
          fresh: seen.size - before,
          seen: seen.size,
          sizeHonoured,
          continuation,
        });
        if ('end' in verdict) {
          proof = verdict.end;
          break;
        }
        if ('unproven' in verdict) {
          result.unproven.push({ kind: t.kind, reason: verdict.unproven, records: records(), pages: page + 1 });
          deps.onProgress({ kind: t.kind, page, records: records(), state: 'unproven', unproven: verdict.unproven });
          break;
        }
        if (list.length >= PAGE_SIZE) sizeHonoured = true;
        page++;
      }
    } catch (e) {
      deps.end(t.kind, null);
      result.incomplete.push(t.kind);
      if ((e as Error).message === 'cancelled' || signal.aborted) {
        deps.onProgress({ kind: t.kind, page, records: records(), state: 'cancelled' });
        for (const rest of targets.slice(targets.indexOf(t) + 1)) result.incomplete.push(rest.kind);
        return result;
      }
      deps.onProgress({ kind: t.kind, page, records: records(), state: 'failed', detail: (e as Error).message });
      continue;
    }
    deps.end(t.kind, proof);
    if (proof) result.proofs[t.kind] = proof;
    (proof ? result.completed : result.incomplete).push(t.kind);
    // Every other way out of the loop has said why it stopped (budget, failed, unproven).
    if (proof) deps.onProgress({ kind: t.kind, page, records: records(), state: 'done', proof });
  }
  return result;
}
