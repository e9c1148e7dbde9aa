import { LIST_SIGNS } from './labels';
import type { ApPageKind } from './pages';
import type { RowFacts } from './rows';

/**
 * Which of the AP's lists a page shows, from what it shows (docs/architecture.md §8): what it calls itself (its
 * column headings, its page heading) decides; where it calls itself nothing, the URL's hint (`route`); where that
 * names no list either (the permission and certificate lists' routes are not public, docs/ap.md), the shape of
 * its rows, read only then (`rows`). Null when nothing says.
 */
export type ListKind = Extract<ApPageKind, 'permissions' | 'tokens' | 'certificates'>;
const KINDS = Object.keys(LIST_SIGNS) as ListKind[];

const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

export function listKindOf(
  doc: ParentNode,
  rows: () => readonly RowFacts[],
  route: ApPageKind | 'other' = 'other',
): ListKind | null {
  const score: Record<ListKind, number> = { permissions: 0, tokens: 0, certificates: 0 };
  for (const th of doc.querySelectorAll('th, [role="columnheader"]')) {
    const text = norm(th.textContent);
    for (const k of KINDS) if ((LIST_SIGNS[k].columns as readonly string[]).includes(text)) score[k] += 2;
  }
  for (const h of doc.querySelectorAll('h1, h2, [role="heading"]')) {
    if (h.closest('nav')) continue;
    const text = norm(h.textContent);
    for (const k of KINDS) if (LIST_SIGNS[k].headings.some((w) => text.startsWith(w))) score[k] += 3;
  }
  // What the page calls itself decides; the rows' shape only where it calls itself nothing (a token row can show
  // its creator's NIP and its permissions, like a grant).
  if (KINDS.some((k) => score[k] > 0)) return KINDS.reduce((a, b) => (score[b] > score[a] ? b : a));
  if ((KINDS as string[]).includes(route)) return route as ListKind;
  for (const r of rows()) {
    if (r.identifiers.length > 0 && r.scopes.length > 0) score.permissions++;
    else if (r.serials.length > 0) score.certificates++;
    else if (r.identifiers.length > 0 && r.dates.length > 0) score.tokens++;
  }
  const best = KINDS.reduce((a, b) => (score[b] > score[a] ? b : a));
  return score[best] > 0 ? best : null;
}
