import { checkNip, checkPesel } from '../ksef/identifiers';
import { AP_SCOPE_PATTERNS } from './labels';
import { GRANT_ROWS, type Finder } from './selectors';

/**
 * The AP's visible rows, read from their text, never from AP-specific class names: a second source of truth when
 * nothing was captured, and where marks go. A grant row shows an identifier and a permission label; a token row
 * its name, its creator ("PESEL: …") and dates ("17.07.2026 00:00:00"); a certificate row its serial number
 * (docs/ap.md "Tokeny" and "Certyfikaty").
 */
export interface RowFacts {
  identifiers: { type: 'Nip' | 'Pesel'; value: string }[];
  scopes: string[];
  /** Certificate serial numbers (16 hexadecimal digits, as KSeF writes them). */
  serials: string[];
  /** Dates shown, as `YYYY-MM-DD` (the AP writes `DD.MM.YYYY`). */
  dates: string[];
}
export interface VisibleRow extends RowFacts {
  element: Element;
  text: string;
}

const NIP_TEXT = /(?<!\d)(\d{3}[- ]?\d{3}[- ]?\d{2}[- ]?\d{2}|\d{3}[- ]?\d{2}[- ]?\d{2}[- ]?\d{3})(?!\d)/g;
const PESEL_TEXT = /(?<!\d)\d{11}(?!\d)/g;
const SCOPE_PATTERNS = AP_SCOPE_PATTERNS.map(([p, scope]) => [new RegExp(p, 'g'), scope] as const);
const SERIAL_TEXT = /(?<![0-9A-Za-z])[0-9A-Fa-f]{16}(?![0-9A-Za-z])/g;
const DATE_TEXT = /(?<!\d)(?:(\d{2})\.(\d{2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2}))(?!\d)/g;

/** All elements the first matching finder of an entry yields (rows are many, unlike a menu entry). */
function findAll(root: ParentNode, finders: readonly Finder[]): Element[] {
  for (const f of finders) {
    if (!('css' in f)) continue;
    const found = [...root.querySelectorAll(f.css)];
    if (found.length) return found;
  }
  return [];
}

export function parseRowText(text: string): RowFacts {
  const identifiers: VisibleRow['identifiers'] = [];
  for (const m of text.matchAll(PESEL_TEXT)) {
    const p = checkPesel(m[0]);
    if (p.ok) identifiers.push({ type: 'Pesel', value: p.value });
  }
  for (const m of text.matchAll(NIP_TEXT)) {
    const n = checkNip(m[0]);
    if (n.ok && !identifiers.some((i) => i.value.includes(n.value))) identifiers.push({ type: 'Nip', value: n.value });
  }
  const scopes: string[] = [];
  let rest = text.toLowerCase();
  for (const [pattern, scope] of SCOPE_PATTERNS) {
    const found = rest.replace(pattern, ' ');
    if (found !== rest && !scopes.includes(scope)) scopes.push(scope);
    rest = found;
  }
  const serials = [...text.matchAll(SERIAL_TEXT)].map((m) => m[0].toUpperCase());
  const dates = [...text.matchAll(DATE_TEXT)].map((m) =>
    m[1] ? `${m[3]}-${m[2]}-${m[1]}` : `${m[4]}-${m[5]}-${m[6]}`,
  );
  return { identifiers, scopes, serials, dates };
}

/** Facts read from a row's text, kept while the text stays the same (marks are re-placed on every change). */
const seen = new WeakMap<Element, { text: string; facts: RowFacts }>();

export function readRows(root: ParentNode): VisibleRow[] {
  const rows: VisibleRow[] = [];
  for (const element of findAll(root, GRANT_ROWS.finders)) {
    if (element.closest('ksef-companion')) continue;
    // Cells apart: their texts run together in `textContent` ("…FakturowoWystawianie faktur").
    const cells = element.children.length > 0 ? [...element.children] : [element];
    const text = cells
      .map((c) => c.textContent)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    let known = seen.get(element);
    if (known?.text !== text) {
      known = { text, facts: parseRowText(text) };
      seen.set(element, known);
    }
    const f = known.facts;
    if (f.identifiers.length + f.scopes.length + f.serials.length + f.dates.length > 0)
      rows.push({ element, text, ...f });
  }
  return rows;
}
