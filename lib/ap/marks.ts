/**
 * Marks on the AP's own rows: a small labelled badge in the row's first cell with text, in its own shadow root so
 * neither the AP's styles nor ours leak. Text, not colour alone; nothing of the row is moved or hidden, and the
 * badge never widens its column: its width counts for nothing in the table's layout (`contain: inline-size`), and
 * its text wraps within the width the AP's own content gives the cell.
 */
export const MARK_TAG = 'ksef-companion-mark';
export type MarkVerdict = 'integration' | 'leftover' | 'risk';

const COLOURS: Record<MarkVerdict, [string, string]> = {
  integration: ['#0a3d78', '#e3edf9'],
  leftover: ['#7a3a00', '#fdeedc'],
  risk: ['#8a0012', '#fde4e6'],
};
const ICON: Record<MarkVerdict, string> = { integration: '✓', leftover: '!', risk: '⚠' };

export interface MarkText {
  label: string;
  title: string;
}

export function placeMark(row: Element, verdict: MarkVerdict, text: MarkText): Element {
  const cells = [...row.querySelectorAll('td, [role="cell"], [role="gridcell"]')];
  const cell = cells.find((c) => c.textContent!.trim()) ?? cells[0] ?? row;
  const host = row.ownerDocument.createElement(MARK_TAG);
  host.setAttribute('data-verdict', verdict);
  host.style.cssText = 'display:block;contain:inline-size;margin-bottom:4px';
  const root = host.attachShadow({ mode: 'open' });
  const [fg, bg] = COLOURS[verdict];
  const style = row.ownerDocument.createElement('style');
  style.textContent = `span{display:inline-block;padding:1px 6px;border-radius:3px;font:600 12px/1.5 system-ui,Arial,sans-serif;color:${fg};background:${bg};border:1px solid ${fg};overflow-wrap:anywhere}`;
  const badge = row.ownerDocument.createElement('span');
  badge.setAttribute('role', 'note');
  badge.title = text.title;
  badge.textContent = `${ICON[verdict]} ${text.label}`;
  root.append(style, badge);
  cell.prepend(host);
  return host;
}

export function clearMarks(root: ParentNode): void {
  for (const m of root.querySelectorAll(MARK_TAG)) m.remove();
}

export function markOf(row: Element): Element | null {
  return row.querySelector(MARK_TAG);
}

/** The attribute that marks the row a guided step points at (an outline, nothing that moves the layout). */
export const GUIDE_ATTR = 'data-ksef-companion-guide';

/**
 * Point at the AP's own control in `row`: outline the row and, when `focus` (the step has just moved there),
 * bring it into view and focus the control, so that Enter presses it.
 */
export function highlightRow(row: Element, control: Element | null, focus = true): void {
  // The row, and its control where that is outside it (the action below a list acting on the checked rows).
  for (const el of control && !row.contains(control) ? [row, control] : [row]) {
    el.setAttribute(GUIDE_ATTR, 'true');
    (el as HTMLElement).style.outline = '3px solid #a4000f';
    (el as HTMLElement).style.outlineOffset = el === row ? '-3px' : '2px';
  }
  if (!focus) return;
  // As little scrolling as brings the row into view: the panel's step, in a band above the page, stays in sight
  // as long as it can.
  row.scrollIntoView?.({ block: 'nearest' });
  (control as HTMLElement | null)?.focus?.();
}

export function clearHighlights(root: ParentNode): void {
  for (const row of root.querySelectorAll(`[${GUIDE_ATTR}]`)) {
    row.removeAttribute(GUIDE_ATTR);
    (row as HTMLElement).style.outline = '';
    (row as HTMLElement).style.outlineOffset = '';
  }
}

/** Whether these changes to the page are only our own marks and panel coming or going (nothing to re-mark). */
export const onlyOurs = (mutations: readonly MutationRecord[]) =>
  mutations.every((m) =>
    [...m.addedNodes, ...m.removedNodes].every(
      (n) => n.nodeName === 'KSEF-COMPANION-MARK' || n.nodeName === 'KSEF-COMPANION',
    ),
  );
