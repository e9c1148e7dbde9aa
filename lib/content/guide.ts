import type { PageWatch } from './page-watch';
import { clearHighlights, highlightRow } from '@/lib/ap/marks';
import { readRows } from '@/lib/ap/rows';
import { namesOf, nextControl, rowAction, stepHow, type RowStepHow } from '@/lib/ap/controls';
import { SELECTORS } from '@/lib/ap/selectors';
import type { GuideTarget } from '@/lib/audit/leftovers';
import { identifierKey } from '@/lib/ksef/identifiers';
import { createStore } from './store';

/**
 * Guided removal, where the page does not call KSeF itself: point at the AP's own "Odbierz uprawnienie" for
 * the row of each item in turn (in the row, in its menu, or after checking it: lib/ap/controls.ts), and answer
 * once none of their rows is on the AP's list any more. It outlives
 * the AP's re-renders and SPA navigations (a page's controller does not): it watches the document itself.
 */
export interface GuideStep {
  left: number;
  identifier: string;
  scope: string;
  /** False when the row shows no control the selectors know: the step says so instead of pointing at nothing. */
  control: boolean;
  /** What to do on the row: press its button, open its menu, choose in it, check it, press the action. */
  how: RowStepHow;
}

const REVOKE = namesOf(SELECTORS.rowRevokeButton);

/** How long a guided removal waits for the user before it gives up. */
export const GUIDE_TIMEOUT_MS = 15 * 60_000;

/** The step shown now, for the panel (this module lives in the panel's bundle). */
export const guideState = createStore<GuideStep | null>(null);
const show = guideState.set;

export function guide(
  doc: Document,
  targets: GuideTarget[],
  signal: AbortSignal,
  watch: PageWatch,
): Promise<{ ok: true }> {
  return new Promise((resolve, reject) => {
    const wanted = targets.map((t) => ({ ...t, key: identifierKey(t.type, t.value) }));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      clearTimeout(pending);
      stopWatching();
      clearHighlights(doc);
      show(null);
      if (error) reject(error);
      else resolve({ ok: true });
    };
    const step = () => {
      const rows = readRows(doc);
      const rowOf = (w: (typeof wanted)[number]) =>
        rows.find(
          (r) => r.scopes.includes(w.scope) && r.identifiers.some((i) => identifierKey(i.type, i.value) === w.key),
        );
      const left = wanted.filter((w) => rowOf(w));
      clearHighlights(doc);
      if (left.length === 0) return finish();
      const row = rowOf(left[0]!)!;
      const action = rowAction(doc, row.element, REVOKE);
      const control = action && nextControl(action);
      highlightRow(row.element, control);
      const how = action ? stepHow(action) : 'button';
      show({ left: left.length, identifier: left[0]!.value, scope: left[0]!.scope, control: !!control, how });
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(pending);
      pending = setTimeout(step, 50);
    };
    // Checking a row changes no markup: the user's clicks and changes count as well.
    const offPage = watch.subscribe(later);
    for (const type of ['click', 'change']) doc.addEventListener(type, later, true);
    const stopWatching = () => {
      offPage();
      for (const type of ['click', 'change']) doc.removeEventListener(type, later, true);
    };
    const timer = setTimeout(() => finish(new Error('guide-timeout')), GUIDE_TIMEOUT_MS);
    signal.addEventListener('abort', () => finish(new Error('cancelled')));
    step();
  });
}
