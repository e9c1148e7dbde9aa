import { accessibleName, isShown, norm } from './names';
import { GRANT_ROWS, type SelectorEntry } from './selectors';

/**
 * The AP's controls found the way a person finds them (docs/architecture.md §8): by their accessible name (an
 * `aria-label`, the text they show, a `title`), near the row or acting on the checked rows. What the public
 * record shows (docs/ap.md "Uprawnienia"): the manual's revoke is "select the row → Odbierz uprawnienie →
 * confirm"; AP lists have a checkbox per row with the actions below the table. An AP may as well put a button in
 * each row, or the row's actions in a menu, or name an icon only by `aria-label`; each is understood.
 */
const CONTROLS = 'button, a[href], [role="button"], [role="menuitem"], input[type="button"], input[type="submit"]';
const CHECKBOXES = 'input[type="checkbox"], [role="checkbox"]';
/** A row's menu of actions: a control that says it opens one, or is named as such (read 2026-11-30). */
const MENU_NAMES = ['więcej', 'więcej akcji', 'akcje', 'opcje', 'menu', 'more', 'actions', 'options', '⋮', '…', '...'];

/** A name matches the one wanted exactly, or followed by a count or a note ("Odbierz uprawnienie (2)"). */
export const named = (name: string, wanted: readonly string[]) =>
  wanted.some((w) => name === w || name.startsWith(`${w} `) || name.startsWith(`${w}(`));

/** The first shown control in `root` named as wanted (lower case), skipping those `skip` rules out. */
export function findControl(
  root: ParentNode,
  wanted: readonly string[],
  skip: (el: Element) => boolean = () => false,
): Element | null {
  for (const el of root.querySelectorAll(CONTROLS)) {
    if (!skip(el) && named(accessibleName(el), wanted) && isShown(el)) return el;
  }
  return null;
}

const rowOf = (el: Element) => el.closest(GRANT_ROWS.finders.map((f) => f.css).join(', '));

export const isChecked = (box: Element) =>
  (box as HTMLInputElement).checked === true || box.getAttribute('aria-checked') === 'true';

/** The row is checked (selection-based actions act on it). */
export const rowChecked = (row: Element) => [...row.querySelectorAll(CHECKBOXES)].some(isChecked);

/**
 * How the user acts on one row: a control in the row (`button`); a menu opened from the row (`menu`: its
 * trigger, and the entry once the menu is open); or selection (`select`: the row's checkbox, and the action
 * that works on the checked rows). Null when the row offers none of these.
 */
export type RowAction =
  | { how: 'button'; control: Element }
  | { how: 'menu'; trigger: Element; item: Element | null }
  | { how: 'select'; checkbox: Element; checked: boolean; action: Element | null };

export function rowAction(doc: Document, row: Element, names: readonly string[]): RowAction | null {
  const control = findControl(row, names, (el) => el.closest('[role="menu"]') !== null);
  if (control) return { how: 'button', control };
  // An entry of some other row's menu is not this row's; one outside every row (a menu drawn in the page's
  // layer) belongs to the menu just opened.
  const elsewhere = (el: Element) => {
    const r = rowOf(el);
    return r !== null && r !== row;
  };
  const trigger = [...row.querySelectorAll(CONTROLS)].find((el) => {
    const popup = el.getAttribute('aria-haspopup');
    return ((popup !== null && popup !== 'false') || named(accessibleName(el), MENU_NAMES)) && isShown(el);
  });
  if (trigger) return { how: 'menu', trigger, item: findControl(doc, names, elsewhere) };
  const checkbox = [...row.querySelectorAll(CHECKBOXES)].find(isShown);
  if (checkbox)
    return {
      how: 'select',
      checkbox,
      checked: isChecked(checkbox),
      action: findControl(doc, names, (el) => rowOf(el) !== null),
    };
  return null;
}

/** The names a selector entry's text finders look for. */
export const namesOf = (entry: SelectorEntry): string[] =>
  entry.finders.flatMap((f) => ('text' in f ? [norm(f.text)] : []));

/** The element the user should act on next for `action`. */
export function nextControl(action: RowAction): Element | null {
  if (action.how === 'button') return action.control;
  if (action.how === 'menu') return action.item ?? action.trigger;
  return action.checked ? action.action : action.checkbox;
}

/** What the step asks: press the row's button, open its menu, choose in it, check the row, press the action. */
export type RowStepHow = 'button' | 'menu' | 'choose' | 'select' | 'press';
export function stepHow(action: RowAction): RowStepHow {
  if (action.how === 'menu') return action.item ? 'choose' : 'menu';
  if (action.how === 'select') return action.checked ? 'press' : 'select';
  return 'button';
}
