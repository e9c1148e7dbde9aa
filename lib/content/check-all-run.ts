import type { Target } from '@/lib/audit/check-all';
import type { readWhole } from './read-whole';
import { extractRecords } from '@/lib/audit/extract';
import type { AuditSession } from '@/lib/audit/session';
import type { RecordKind } from '@/lib/ksef/endpoints';
import type { CaptureStore } from '@/lib/content/capture';
import type { VisitState } from './visit-state';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('cancelled'));
    });
  });

/**
 * "Check all" for one page's audit: every page of every kind the page has listed, read again in the page's own
 * session, one run at a time, cancellable; its progress and result go into the visit's state.
 */
export function createCheckAllRun(opts: {
  targets: () => Target[];
  /** The paging engine, from the panel's bundle (the content script proper stays small); null when it cannot be had. */
  engine: () => Promise<typeof readWhole | null>;
  store: CaptureStore;
  session: AuditSession;
  /** The page's visit: its end cancels a run under way. */
  signal: AbortSignal;
  update: (
    patch: Partial<Pick<VisitState, 'progress' | 'checkResult' | 'checkRecords' | 'checkUnproven' | 'forged'>>,
  ) => void;
  /** The state of the last progress reported (a run that stopped at its request budget says so). */
  lastState: () => string | undefined;
}) {
  const { store, session, signal, update } = opts;
  let checking: AbortController | null = null;
  signal.addEventListener('abort', () => checking?.abort());
  // An answer the page forged to one of our requests (a second answer, or one that answers something else):
  // whatever was read on this visit may have come from the page, so nothing of it counts as read whole.
  let forged = 0;
  const offForged = store.subscribe(() => {
    const n = store.snapshot().forged;
    if (n === forged) return;
    forged = n;
    session.outdate();
    update({ forged: n, checkResult: null });
  });
  signal.addEventListener('abort', offForged);

  /** Read every page of every kind; the result says which kinds were read completely. */
  const readAll = (): Promise<RecordKind[]> => {
    checking?.abort();
    checking = new AbortController();
    const local = checking;
    signal.addEventListener('abort', () => local.abort());
    update({ checkResult: null, progress: null, checkRecords: 0, checkUnproven: [] });
    return opts
      .engine()
      .then((readWhole) => {
        if (!readWhole) throw new Error('no engine');
        return readWhole(
          opts.targets(),
          {
            replay: (ask) => store.replay(ask, local.signal),
            extract: extractRecords,
            ingest: session.ingest,
            begin: session.beginPass,
            end: session.endPass,
            sleep,
            now: Date.now,
            onProgress: (p) => update({ progress: p }),
          },
          local.signal,
          { records: (k) => session.snapshot().records[k].length, lastState: opts.lastState },
        );
      })
      .then(
        ({ completed, outcome }) => {
          update({ ...outcome, progress: null });
          if (checking === local) checking = null;
          return completed;
        },
        () => {
          update({ checkResult: 'failed', progress: null });
          if (checking === local) checking = null;
          return [];
        },
      );
  };
  return {
    readAll,
    start: () => {
      if (!checking) void readAll();
    },
    cancel: () => checking?.abort(),
  };
}
