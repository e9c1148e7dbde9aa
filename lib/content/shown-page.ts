import type { PageWatch } from './page-watch';
import { listKindOf, type ListKind } from '@/lib/ap/lists';
import { onlyOurs, placeMark, type MarkVerdict } from '@/lib/ap/marks';
import type { ApPageKind } from '@/lib/ap/pages';
import { readRows } from '@/lib/ap/rows';
import { matchListRows } from '@/lib/audit/rows';
import type { SessionSnapshot } from '@/lib/audit/session';

/**
 * Which AP page this is: the list it shows (lib/ap/lists.ts), else what its URL suggests (`route`). Read again
 * only after the page itself changed.
 */
export function shownPage(
  doc: Document,
  watch: PageWatch,
  route: ApPageKind | 'other',
  signal: AbortSignal,
): () => ApPageKind | 'other' {
  let shown: ListKind | null | undefined;
  // Our own marks and panel coming or going change nothing the page shows.
  const off = watch.subscribe((mutations) => {
    if (!onlyOurs(mutations)) shown = undefined;
  });
  signal.addEventListener('abort', off);
  return () => (shown === undefined ? (shown = listKindOf(doc, () => readRows(doc), route)) : shown) ?? route;
}

/** On the token and certificate lists, each row carries the card's verdict on what it shows. */
export function markListRows(
  doc: Document,
  page: ApPageKind | 'other',
  snap: SessionSnapshot,
  labels: (v: MarkVerdict) => { label: string; title: string },
): void {
  if (page !== 'tokens' && page !== 'certificates') return;
  const rows = readRows(doc);
  const verdicts = matchListRows(rows, page, snap.audit.card?.items ?? [], snap.records.tokens);
  rows.forEach((row, i) => {
    const v = verdicts[i];
    if (v && v !== 'other') placeMark(row.element, v, labels(v));
  });
}
