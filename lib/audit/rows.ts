import { identifierKey } from '../ksef/identifiers';
import type { Classified, GrantLike } from './types';

/**
 * Matches the AP's visible rows to KSeF records by identifier and scope, and, where nothing was captured
 * (the replica's dom-only mode), turns rows into records the classifier can judge from their text alone.
 */
export interface RowFacts {
  identifiers: { type: string; value: string }[];
  scopes: string[];
  text: string;
}

export function matchRows(
  rows: readonly RowFacts[],
  records: readonly GrantLike[],
  classified: readonly Classified[],
): (Classified | null)[] {
  const used = new Set<number>();
  return rows.map((row) => {
    const keys = new Set(row.identifiers.map((i) => identifierKey(i.type, i.value)));
    const idx = records.findIndex(
      (r, i) =>
        !used.has(i) &&
        keys.has(identifierKey(r.authorizedIdentifier.type, r.authorizedIdentifier.value)) &&
        row.scopes.includes(r.permissionScope),
    );
    if (idx < 0) return null;
    used.add(idx);
    return classified[idx] ?? null;
  });
}

export function recordsFromRows(rows: readonly RowFacts[]): GrantLike[] {
  return rows
    .filter((r) => r.identifiers.length > 0 && r.scopes.length > 0)
    .map((r, i) => ({
      id: `row:${i}`,
      authorizedIdentifier: r.identifiers[0]!,
      permissionScope: r.scopes[0]!,
      permissionState: 'Active',
      // The row shows a name, so the grantee is not unknown; the text stands in for it.
      subjectEntityDetails: { fullName: r.text.slice(0, 100) },
    }));
}
