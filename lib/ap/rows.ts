import { checkNip, checkPesel } from '../ksef/identifiers';
import { AP_SCOPE_LABELS } from './labels';
import { GRANT_ROWS, type Finder } from './selectors';

/**
 * The AP's visible rows, read from their text (identifier and permission label), never from AP-specific class
 * names: a second source of truth when nothing was captured, and where marks go.
 */
export interface VisibleRow {
  element: Element;
  text: string;
  identifiers: { type: 'Nip' | 'Pesel'; value: string }[];
  scopes: string[];
}

const NIP_TEXT = /(?<!\d)(\d{3}[- ]?\d{3}[- ]?\d{2}[- ]?\d{2}|\d{3}[- ]?\d{2}[- ]?\d{2}[- ]?\d{3})(?!\d)/g;
const PESEL_TEXT = /(?<!\d)\d{11}(?!\d)/g;
const LABELS = Object.entries(AP_SCOPE_LABELS).sort((a, b) => b[0].length - a[0].length);

/** All elements the first matching finder of an entry yields (rows are many, unlike a menu entry). */
function findAll(root: ParentNode, finders: readonly Finder[]): Element[] {
  for (const f of finders) {
    if (!('css' in f)) continue;
    const found = [...root.querySelectorAll(f.css)];
    if (found.length) return found;
  }
  return [];
}

export function parseRowText(text: string): Pick<VisibleRow, 'identifiers' | 'scopes'> {
  const identifiers: VisibleRow['identifiers'] = [];
  for (const m of text.matchAll(PESEL_TEXT)) {
    const p = checkPesel(m[0]);
    if (p.ok) identifiers.push({ type: 'Pesel', value: p.value });
  }
  for (const m of text.matchAll(NIP_TEXT)) {
    const n = checkNip(m[0]);
    if (n.ok && !identifiers.some((i) => i.value.includes(n.value))) identifiers.push({ type: 'Nip', value: n.value });
  }
  const lower = text.toLowerCase();
  const scopes: string[] = [];
  let rest = lower;
  for (const [label, scope] of LABELS) {
    if (rest.includes(label)) {
      scopes.push(scope);
      rest = rest.replaceAll(label, ' ');
    }
  }
  return { identifiers, scopes };
}

/** Facts read from a row's text, kept while the text stays the same (marks are re-placed on every change). */
const seen = new WeakMap<Element, { text: string; facts: Pick<VisibleRow, 'identifiers' | 'scopes'> }>();

export function readRows(root: ParentNode): VisibleRow[] {
  const rows: VisibleRow[] = [];
  for (const element of findAll(root, GRANT_ROWS.finders)) {
    if (element.closest('ksef-companion')) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    let known = seen.get(element);
    if (known?.text !== text) {
      known = { text, facts: parseRowText(text) };
      seen.set(element, known);
    }
    const { identifiers, scopes } = known.facts;
    if (identifiers.length > 0 || scopes.length > 0) rows.push({ element, text, identifiers, scopes });
  }
  return rows;
}
