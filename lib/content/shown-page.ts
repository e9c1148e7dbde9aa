import type { PageWatch } from './page-watch';
import { listKindOf, type ListKind } from '@/lib/ap/lists';
import type { ApPageKind } from '@/lib/ap/pages';
import { readRows } from '@/lib/ap/rows';

/**
 * Which AP page this is: the list it shows (lib/ap/lists.ts), else what its URL suggests (`route`). Read again
 * only after the page changed.
 */
export function shownPage(
  doc: Document,
  watch: PageWatch,
  route: ApPageKind | 'other',
  signal: AbortSignal,
): () => ApPageKind | 'other' {
  let shown: ListKind | null | undefined;
  signal.addEventListener(
    'abort',
    watch.subscribe(() => (shown = undefined)),
  );
  return () => (shown === undefined ? (shown = listKindOf(doc, readRows(doc))) : shown) ?? route;
}
