import type { HistoryItem } from './history-item';

/** Changes between two audits of one context: new, removed and changed (verdict) items, by KSeF id. */
export type DiffItem = HistoryItem;

export interface AuditDiff<T extends DiffItem = DiffItem> {
  added: T[];
  removed: T[];
  changed: { before: T; after: T }[];
}

export function diffAudits<T extends DiffItem>(before: readonly T[] | null, after: readonly T[]): AuditDiff<T> {
  if (!before) return { added: [], removed: [], changed: [] };
  const old = new Map(before.map((i) => [i.key, i]));
  const now = new Map(after.map((i) => [i.key, i]));
  return {
    added: after.filter((i) => !old.has(i.key)),
    removed: before.filter((i) => !now.has(i.key)),
    changed: after.flatMap((i) => {
      const b = old.get(i.key);
      return b && b.verdict !== i.verdict ? [{ before: b, after: i }] : [];
    }),
  };
}

/** How many changed since the previous audit, and when that was (what the panel says of a history diff). */
export function changeCounts(d: {
  previousAt: number | null;
  added: readonly unknown[];
  removed: readonly unknown[];
  changed: readonly unknown[];
}) {
  return { previousAt: d.previousAt, added: d.added.length, removed: d.removed.length, changed: d.changed.length };
}
