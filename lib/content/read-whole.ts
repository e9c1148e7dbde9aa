import { checkAll, type CheckAllDeps, type Target } from '@/lib/audit/check-all';
import type { RecordKind } from '@/lib/ksef/endpoints';
import type { VisitState } from './visit-state';

export type CheckOutcome = Pick<VisitState, 'checkResult' | 'checkRecords' | 'checkUnproven'>;

/**
 * "Check all" itself, in the panel's bundle (the content script proper stays small): every page of every kind
 * read again, then what the run proved, in the visit's terms: done, cancelled, stopped at the request budget,
 * read to the end without a proof of it (`unproven`), or failed.
 */
export async function readWhole(
  targets: readonly Target[],
  deps: CheckAllDeps,
  signal: AbortSignal,
  /** Records of a kind the session now holds; the state of the last progress reported. */
  seen: { records: (kind: RecordKind) => number; lastState: () => string | undefined },
): Promise<{ completed: RecordKind[]; outcome: CheckOutcome }> {
  const r = await checkAll(targets, deps, signal);
  // Every kind not read completely stopped unproven (not for a failure or the budget): the list's end is unknown.
  const onlyUnproven = r.incomplete.every((k) => r.unproven.some((u) => u.kind === k));
  const last = seen.lastState();
  return {
    completed: r.completed,
    outcome: {
      checkResult: signal.aborted
        ? 'cancelled'
        : last === 'budget'
          ? 'budget'
          : r.incomplete.length === 0
            ? 'done'
            : onlyUnproven
              ? 'unproven'
              : 'failed',
      checkRecords: r.completed.reduce((a, k) => a + seen.records(k), 0),
      checkUnproven: r.unproven.map(({ kind, reason, records }) => ({ kind, reason, records })),
    },
  };
}
