/**
 * Every piece of AP DOM knowledge (docs/architecture.md §8, habit 3). Each entry lists its ways of finding an element, newest
 * first, why, and when and where it was seen. Nothing outside `lib/ap` calls `querySelector` with AP markup.
 * Visible text is the most stable handle we have: the AP's labels are public (docs/ap.md), its markup is not.
 */
import { accessibleName, isShown, norm } from './names';

export type Finder = { css: string } | { text: string; within: string };

export interface SelectorEntry {
  name: string;
  why: string;
  seen: string;
  source: string;
  finders: readonly Finder[];
}

/** What a person can press: buttons, links, and what says it is one. */
const CONTROL_ELEMENTS = 'button, a, [role=button], [role=menuitem], input[type=button], input[type=submit]';

/** The rows of the AP's lists: on its own, so the content script that reads rows carries only this entry. */
export const GRANT_ROWS = {
  name: 'grantRows',
  why: 'rows of the lists on "Zarządzaj uprawnieniami", "Lista tokenów", "Lista certyfikatów"',
  seen: '2026-11-25',
  source: 'AP replica (columns of the real AP are not public, docs/ap.md)',
  finders: [{ css: 'main table tbody tr' }, { css: 'table tbody tr' }, { css: '[role="row"]' }],
} as const satisfies SelectorEntry;

export const SELECTORS = {
  grantRows: GRANT_ROWS,
  menuCertificateList: {
    name: 'menuCertificateList',
    why: 'left menu entry "Certyfikaty" → "Lista certyfikatów"',
    seen: '2026-03-16',
    source: 'docs/ap.md "Shell and routes"',
    finders: [{ text: 'Lista certyfikatów', within: 'nav a, nav button, [role=menuitem], a' }],
  },
  menuCertificateRequest: {
    name: 'menuCertificateRequest',
    why: 'left menu entry "Certyfikaty" → "Wnioskuj o certyfikat" (a new certificate when one expires)',
    seen: '2026-03-16',
    source: 'docs/ap.md "Shell and routes", "Tokeny" and "Certyfikaty"',
    finders: [{ text: 'Wnioskuj o certyfikat', within: 'nav a, nav button, [role=menuitem], a' }],
  },
  menuManagePermissions: {
    name: 'menuManagePermissions',
    why: 'left menu entry "Uprawnienia" → "Zarządzaj uprawnieniami"',
    seen: '2026-03-16',
    source: 'docs/ap.md "Shell and routes" (production AP 2.1.8 screenshots)',
    finders: [
      { text: 'Zarządzaj uprawnieniami', within: 'nav a, nav button, [role=menuitem], a' },
      { css: 'a[href$="/web/permissions"]' },
    ],
  },
  menuTokenList: {
    name: 'menuTokenList',
    why: 'left menu entry "Tokeny" → "Lista tokenów"',
    seen: '2026-03-16',
    source: 'docs/ap.md "Shell and routes"',
    finders: [{ text: 'Lista tokenów', within: 'nav a, nav button, [role=menuitem], a' }],
  },
  refreshButton: {
    name: 'refreshButton',
    why: 'the AP\'s "Odśwież" by a list (text or icon): after a revocation the row goes only when the list is read again',
    seen: '2026-11-25',
    source: 'docs/ap.md "Uprawnienia" (revoke → confirm → "Odśwież"); AP replica',
    finders: [
      { text: 'Odśwież', within: CONTROL_ELEMENTS },
      { text: 'Refresh', within: CONTROL_ELEMENTS },
    ],
  },
  rowRevokeButton: {
    name: 'rowRevokeButton',
    why: 'the AP\'s own "Odbierz uprawnienie": in the row, in its menu, or acting on the checked rows (guided removal)',
    seen: '2026-11-30',
    source: 'docs/ap.md "Uprawnienia" (the manual: select the row → "Odbierz uprawnienie" → confirm); AP replica',
    finders: [
      { text: 'Odbierz uprawnienie', within: CONTROL_ELEMENTS },
      { text: 'Odbierz uprawnienia', within: CONTROL_ELEMENTS },
      { text: 'Revoke permission', within: CONTROL_ELEMENTS },
    ],
  },
} as const satisfies Record<string, SelectorEntry>;

export type SelectorName = keyof typeof SELECTORS;

/**
 * The first element any finder of `entry` yields, trying them in order; null when none matches. A text finder
 * matches the element's accessible name (its text, `aria-label` or `title`: an icon named only by `aria-label`
 * is found too), and only an element that is shown.
 */
export function findFirst(root: ParentNode, entry: SelectorEntry): Element | null {
  for (const finder of entry.finders) {
    if ('css' in finder) {
      const el = root.querySelector(finder.css);
      if (el) return el;
      continue;
    }
    const wanted = norm(finder.text);
    for (const el of root.querySelectorAll(finder.within)) {
      if (accessibleName(el) === wanted && isShown(el)) return el;
    }
  }
  return null;
}
