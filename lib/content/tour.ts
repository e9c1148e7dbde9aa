import type { PageWatch } from './page-watch';
import type { TourProgress } from '../messaging/protocol-tour';
import { clearHighlights, highlightRow } from '@/lib/ap/marks';
import type { ApPageKind } from '@/lib/ap/pages';
import { readRows, type VisibleRow } from '@/lib/ap/rows';
import { namesOf, nextControl, rowAction, rowChecked, stepHow, type RowStepHow } from '@/lib/ap/controls';
import { findFirst, SELECTORS, type SelectorEntry } from '@/lib/ap/selectors';
import { TOURS, type TourName, type TourStep } from '@/lib/ap/tours';
import type { GuideTarget } from '@/lib/audit/leftovers';
import { identifierKey } from '@/lib/ksef/identifiers';
import { createStore } from './store';

/**
 * Guided steps on the AP (`lib/ap/tours.ts`): point at the AP's own control for the step, move on when the
 * step is done (the page opened, the rows dealt with, the control pressed), and say so when the control cannot
 * be found rather than point at nothing. Runs in the panel's bundle; the panel shows the step.
 */
/** Where a tour is: its step, and the rows (identifier key + scope) whose revoke control the user has pressed. */
export type { TourProgress };

export interface TourView extends TourProgress {
  tour: TourName;
  total: number;
  id: string;
  kind: TourStep['kind'];
  /** The step's control (or row) is on the page and outlined. */
  found: boolean;
  /** The AP's label of the control, to name it when it cannot be found. */
  label: string;
  /** Rows step: the row pointed at and how many are left (-1: the list is being read; -2: it cannot be judged). */
  row: GuideTarget | null;
  left: number;
  finished: boolean;
  provider: string;
  /** Rows step: what to do on the row (press its button, open its menu, choose in it, check it, press the action). */
  how: RowStepHow;
  /** The page shows the list the step works on (then it never asks to open it). */
  onList: boolean;
}

export interface TourPorts {
  /** The provider's name, for the steps that speak of it. */
  provider: string;
  page: () => ApPageKind | 'other';
  /** Leftovers the audit has found on this page; null while it has not judged the list yet. */
  leftovers: () => GuideTarget[] | null;
  /** False when the list can never be judged here (its page does not say which company it shows). */
  judgeable?: () => boolean;
  /** The tour moved on (the background keeps it across full page loads). */
  onProgress?: (p: TourProgress & { tour: TourName; finished: boolean }) => void;
  /** The visit's one observer of the page. */
  watch: PageWatch;
  /** Called when the audit's findings change; returns how to stop. */
  onAudit?: (listener: () => void) => () => void;
}

let active: { skip: () => void; stop: () => void; close: () => void } | null = null;
/** The step shown now, for the panel. */
export const tourState = createStore<TourView | null>(null);
const show = tourState.set;

/** The label a selector entry looks for, to name the control when it is missing. */
function labelOf(entry: SelectorEntry): string {
  const text = entry.finders.find((f): f is { text: string; within: string } => 'text' in f);
  return text?.text ?? entry.name;
}

const REVOKE = namesOf(SELECTORS.rowRevokeButton);
const rowKey = (t: GuideTarget) => `${identifierKey(t.type, t.value)}|${t.scope}`;
const rowOf = (rows: readonly VisibleRow[], t: GuideTarget) => {
  const key = identifierKey(t.type, t.value);
  return rows.find(
    (r) => r.scopes.includes(t.scope) && r.identifiers.some((i) => identifierKey(i.type, i.value) === key),
  );
};

/** Start `name` (or resume it at `from`); a tour already running ends first. Resolves when it ends. */
export function runTour(
  doc: Document,
  name: TourName,
  ports: TourPorts,
  signal: AbortSignal,
  from: TourProgress = { step: 0, acted: [] },
): Promise<{ finished: boolean }> {
  active?.stop();
  const steps: readonly TourStep[] = TOURS[name];
  let progress: TourProgress = { step: Math.min(from.step, steps.length), acted: [...from.acted] };
  let pressed: Element | null = null;
  // The control the rows step points at, and the rows a press of it acts on (none for opening a menu, checking).
  let rowControl: { keys: () => string[]; control: Element } | null = null;
  // What the step pointed at last: the focus moves only when that changes (the AP re-renders often).
  let pointedAt: string | null = null;
  const point = (row: Element, control: Element | null, what: string) => {
    highlightRow(row, control, what !== pointedAt || (control !== null && doc.activeElement === doc.body));
    pointedAt = what;
  };

  return new Promise((resolve) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    let stopWatching = () => undefined as void;
    const onClick = (e: Event) => {
      const target = e.target as Node | null;
      if (!target) return;
      const keys = rowControl?.control.contains(target) ? rowControl.keys() : [];
      if (keys.length > 0) {
        progress = { ...progress, acted: [...progress.acted, ...keys.filter((k) => !progress.acted.includes(k))] };
        ports.onProgress?.({ tour: name, ...progress, finished: false });
      }
      if (pressed && pressed.contains(target)) next();
      clearTimeout(pending);
      pending = setTimeout(evaluate, 50);
    };
    const end = (finished: boolean) => {
      clearTimeout(pending);
      stopWatching();
      doc.removeEventListener('click', onClick, true);
      clearHighlights(doc);
      if (active === handle) active = null;
      resolve({ finished });
    };
    const stop = () => {
      end(false);
      show(null);
    };
    const handle = {
      stop,
      close: () => {
        ports.onProgress?.({ tour: name, ...progress, finished: true });
        stop();
      },
      skip: () => {
        next();
        evaluate();
      },
    };
    active = handle;
    const next = () => {
      progress = { step: progress.step + 1, acted: progress.acted };
      const finished = progress.step >= steps.length;
      ports.onProgress?.({ tour: name, ...progress, finished });
    };
    const view = (step: TourStep, patch: Partial<TourView>): TourView => ({
      tour: name,
      total: steps.length,
      id: step.id,
      kind: step.kind,
      found: false,
      label: labelOf(SELECTORS[step.target]),
      row: null,
      left: 0,
      finished: false,
      provider: ports.provider,
      how: 'button',
      onList: ports.page() === 'permissions',
      ...progress,
      ...patch,
    });
    function evaluate() {
      if (signal.aborted) return;
      clearHighlights(doc);
      pressed = null;
      rowControl = null;
      const step = steps[progress.step];
      if (!step) {
        // Done: the card stays (with what the audit now finds left) until the user closes it.
        const last = steps[steps.length - 1]!;
        // What is left is read from the rows the list shows now (the audit keeps what earlier pages showed).
        const targets = ports.page() === 'permissions' ? ports.leftovers() : null;
        const rows = targets ? readRows(doc) : [];
        const left = targets ? targets.filter((t) => rowOf(rows, t)).length : -1;
        show(view(last, { finished: true, found: true, left }));
        return resolve({ finished: true });
      }
      const entry = SELECTORS[step.target];
      if (step.kind === 'open') {
        if (ports.page() === step.page) {
          next();
          return evaluate();
        }
        const el = findFirst(doc, entry);
        if (el) point(el, el, step.id);
        return show(view(step, { found: !!el }));
      }
      if (step.kind === 'press') {
        const el = findFirst(doc, entry);
        if (el) point(el, el, step.id);
        pressed = el;
        return show(view(step, { found: !!el }));
      }
      // Rows: each leftover's row in turn, until every one was acted on or is gone from the list.
      const targets = ports.page() === 'permissions' ? ports.leftovers() : null;
      const rows = readRows(doc);
      // Not judged (yet): -1 while the list is being read; -2 when its rows are there but cannot be judged.
      if (targets === null)
        return show(view(step, { found: false, left: rows.length > 0 && ports.judgeable?.() === false ? -2 : -1 }));
      // No rows yet: the list is still being drawn (moving on now would skip every row).
      if (rows.length === 0 && targets.length > 0) return show(view(step, { found: false, left: -1 }));
      const left = targets.filter((t) => !progress.acted.includes(rowKey(t)) && rowOf(rows, t));
      if (left.length === 0) {
        next();
        return evaluate();
      }
      const target = left[0]!;
      const row = rowOf(rows, target)!;
      const action = rowAction(doc, row.element, REVOKE);
      const control = action && nextControl(action);
      const how = action ? stepHow(action) : 'button';
      point(row.element, control, `${step.id}:${rowKey(target)}:${how}`);
      // Pressing the row's button or its menu entry acts on it; the action for checked rows, on every one checked.
      const keys = () =>
        how === 'press'
          ? left.filter((t) => rowChecked(rowOf(rows, t)!.element)).map(rowKey)
          : how === 'button' || how === 'choose'
            ? [rowKey(target)]
            : [];
      if (control) rowControl = { keys, control };
      show(view(step, { found: !!control, row: target, left: left.length, how }));
    }
    const later = () => {
      clearTimeout(pending);
      pending = setTimeout(evaluate, 50);
    };
    const offPage = ports.watch.subscribe(later);
    const offAudit = ports.onAudit?.(later);
    stopWatching = () => (offPage(), offAudit?.());
    doc.addEventListener('click', onClick, true);
    signal.addEventListener('abort', stop);
    evaluate();
  });
}

/** The user skips the step shown (its control is missing, or they did it another way). */
export function skipTourStep(): void {
  active?.skip();
}

/** The user closes the tour (or its final message). */
export function closeTour(): void {
  active?.close();
  show(null);
}
