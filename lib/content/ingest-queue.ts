import { kindOfPath } from '@/lib/ap/paths';
import { extractRecordsInChunks, type Extracted } from '@/lib/audit/extract';
import { isFirstPage } from '@/lib/audit/paging';
import type { PageMeta } from '@/lib/audit/session';
import type { RecordKind } from '@/lib/ksef/endpoints';
import type { ObserverMessage } from '@/lib/messaging/protocol-content';

/** Give the page the main thread between steps; `scheduler.yield` resumes us first and is not clamped. */
const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
export const yieldNow = () => (scheduler?.yield ? scheduler.yield() : new Promise<void>((r) => setTimeout(r, 0)));

/** Records validated in one go; a longer list yields to the page between chunks. */
const CHUNK = 1000;
/** How long one slice of reading responses may take before they are judged (ms). */
export const SLICE_MS = 30;
/** After judging took t ms, the next slice waits REST_FACTOR × t (at most REST_MAX_MS). */
export const REST_FACTOR = 3;
export const REST_MAX_MS = 200;

/**
 * The page's KSeF responses on their way into the audit, in arrival order. As many as fit in a slice of the
 * main thread are read (validated a chunk at a time for long lists) and then judged together: one new audit
 * per slice, not per response. After a costly judgement the next slice waits a while, so a page posting
 * thousands of responses (a flood from a hostile script) still gets the main thread back between them.
 */
export function createIngestQueue(opts: {
  signal: AbortSignal;
  /** The latest response of the slice that held records of this kind (told before the slice is judged). */
  seen: (m: ObserverMessage, kind: RecordKind) => void;
  judge: (batch: [Extracted, PageMeta][]) => void;
  /** A response that could not be read. */
  reject: () => void;
  now?: () => number;
}) {
  const now = opts.now ?? (() => performance.now());
  const pending: ObserverMessage[] = [];
  let next = 0;
  let draining = false;
  /** No judgement before this time: the rest after the last one (it outlives a drain that ran dry). */
  let restUntil = 0;

  async function drain() {
    while (next < pending.length) {
      const rest = restUntil - now();
      await (rest > 0 ? new Promise((r) => setTimeout(r, rest)) : yieldNow());
      const started = now();
      const batch: [Extracted, PageMeta][] = [];
      const latest = new Map<RecordKind, ObserverMessage>();
      while (next < pending.length && (batch.length === 0 || now() - started < SLICE_MS)) {
        const m = pending[next++]!;
        try {
          const url = new URL(m.url);
          const x = await extractRecordsInChunks(m.body, kindOfPath(url), yieldNow, CHUNK);
          if (x.kind) latest.set(x.kind, m);
          batch.push([x, { firstPage: isFirstPage(url, m.request) }]);
        } catch {
          opts.reject();
        }
      }
      if (opts.signal.aborted) return;
      for (const [kind, m] of latest) opts.seen(m, kind);
      if (next === pending.length) pending.length = next = 0;
      // Judging is a task of its own after a long read (long-task budget); after a short one it follows at once.
      if (now() - started > SLICE_MS) await yieldNow();
      const judging = now();
      opts.judge(batch);
      const took = now() - judging;
      restUntil = now() + Math.min(REST_MAX_MS, took * REST_FACTOR);
    }
  }

  return {
    push(m: ObserverMessage) {
      pending.push(m);
      if (draining) return;
      draining = true;
      void drain().finally(() => (draining = false));
    },
  };
}
