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

/** Records by grantee, in order: each row looks only at the records of the identifiers it shows. */
const indexes = new WeakMap<readonly GrantLike[], Map<string, number[]>>();
function granteeIndex(records: readonly GrantLike[]): Map<string, number[]> {
  let byKey = indexes.get(records);
  if (byKey) return byKey;
  byKey = new Map();
  records.forEach((r, i) => {
    const key = identifierKey(r.authorizedIdentifier.type, r.authorizedIdentifier.value);
    const list = byKey!.get(key);
    if (list) list.push(i);
    else byKey!.set(key, [i]);
  });
  indexes.set(records, byKey);
  return byKey;
}

/**
 * Each row's record: one with the row's grantee and scope, preferring the records of the response that drew the
 * rows on screen (`onScreen`, by id) over the same grantee and scope on another page (a duplicate there is
 * another record), then the first in list order; each record serves one row.
 */
export function matchRows(
  rows: readonly RowFacts[],
  records: readonly GrantLike[],
  classified: readonly Classified[],
  onScreen: ReadonlySet<string> = new Set(),
): (Classified | null)[] {
  const byKey = granteeIndex(records);
  const used = new Set<number>();
  const rank = (i: number) => (onScreen.has(records[i]!.id) ? 0 : 1);
  return rows.map((row) => {
    let idx = -1;
    for (const id of row.identifiers) {
      for (const i of byKey.get(identifierKey(id.type, id.value)) ?? []) {
        if (used.has(i) || !row.scopes.includes(records[i]!.permissionScope)) continue;
        if (idx < 0 || rank(i) < rank(idx) || (rank(i) === rank(idx) && i < idx)) idx = i;
      }
    }
    if (idx < 0) return null;
    used.add(idx);
    return classified[idx] ?? null;
  });
}

/**
 * The card's verdict for each row of the token or certificate list: a certificate row by its serial number; a
 * token row by its reference number, or by its name and creator (the public token list shows no reference
 * number, docs/ap.md "Lista tokenów").
 */
export function matchListRows(
  rows: readonly (RowFacts & { serials: string[] })[],
  kind: 'tokens' | 'certificates',
  items: readonly { kind: string; id: string; verdict: Classified['verdict'] }[],
  tokens: readonly { referenceNumber: string; description: string; authorIdentifier: { value?: string | null } }[],
): (Classified['verdict'] | null)[] {
  const mine = new Map(items.filter((i) => i.kind === kind.slice(0, -1)).map((i) => [i.id, i.verdict]));
  return rows.map((row) => {
    if (kind === 'certificates') return row.serials.map((s) => mine.get(s)).find(Boolean) ?? null;
    const t = tokens.find(
      (t) =>
        mine.has(t.referenceNumber) &&
        (row.text.includes(t.referenceNumber) ||
          (row.text.includes(t.description) && row.identifiers.some((i) => i.value === t.authorIdentifier.value))),
    );
    return t ? mine.get(t.referenceNumber)! : null;
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
