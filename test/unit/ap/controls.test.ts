import { describe, expect, it } from 'vitest';
import { accessibleName, isShown } from '@/lib/ap/names';
import { namesOf, nextControl, rowAction, stepHow } from '@/lib/ap/controls';
import { findFirst, SELECTORS } from '@/lib/ap/selectors';

const REVOKE = namesOf(SELECTORS.rowRevokeButton);
const row = (i = 0) => document.querySelectorAll('tbody tr, [role="row"]')[i]!;

describe('the AP controls, found by their accessible name', () => {
  it('names a control by aria-labelledby, aria-label, its text or its title, and skips hidden ones', () => {
    document.body.innerHTML = `<span id="l">Odśwież</span><button aria-labelledby="l">⟳</button>
      <button aria-label="Odśwież listę"><svg></svg></button><a href="#" title="Pomoc"></a>
      <button hidden>Odbierz uprawnienie</button><div style="display:none"><button>Ukryty</button></div>`;
    const [a, b, c, d, e] = [...document.querySelectorAll('button, a')];
    expect([a, b, c].map((el) => accessibleName(el!))).toEqual(['odśwież', 'odśwież listę', 'pomoc']);
    expect(isShown(d!)).toBe(false);
    expect(isShown(e!)).toBe(false);
    expect(isShown(a!)).toBe(true);
  });

  it('finds "Odśwież" drawn as an icon named only by aria-label', () => {
    document.body.innerHTML = '<main><button aria-label="Odśwież"><svg aria-hidden="true"></svg></button></main>';
    expect(findFirst(document, SELECTORS.refreshButton)).toBe(document.querySelector('button'));
  });

  it('a button in the row: press it', () => {
    document.body.innerHTML = `<table><tbody><tr><td>NIP 7762811692</td>
      <td><button aria-label="Odbierz uprawnienie">✕</button></td></tr></tbody></table>`;
    const action = rowAction(document, row(), REVOKE)!;
    expect(action.how).toBe('button');
    expect(stepHow(action)).toBe('button');
    expect(nextControl(action)).toBe(document.querySelector('button'));
  });

  it("a menu opened from the row: open it, then choose; another row's menu entry is not this row's", () => {
    const rowHtml = (n: number, open: boolean) => `<tr><td>NIP 7762811692</td><td>
      <button aria-haspopup="menu" aria-label="Akcje">⋮</button>
      <div role="menu" ${open ? '' : 'hidden'}><button role="menuitem">Odbierz uprawnienie</button></div></td></tr>`;
    document.body.innerHTML = `<table><tbody>${rowHtml(0, false)}${rowHtml(1, true)}</tbody></table>`;
    let action = rowAction(document, row(0), REVOKE)!;
    expect(stepHow(action)).toBe('menu');
    expect(nextControl(action)).toBe(row(0).querySelector('[aria-haspopup]'));
    document.body.innerHTML = `<table><tbody>${rowHtml(0, true)}</tbody></table>`;
    action = rowAction(document, row(0), REVOKE)!;
    expect(stepHow(action)).toBe('choose');
    expect(nextControl(action)).toBe(row(0).querySelector('[role="menuitem"]'));
  });

  it("a menu drawn in the page's own layer, outside every row, belongs to the row whose menu was opened", () => {
    document.body.innerHTML = `<table><tbody><tr><td>NIP 7762811692</td><td><button aria-expanded="true">Więcej</button></td>
      </tr></tbody></table><ul role="menu"><li><a href="#" role="menuitem">Odbierz uprawnienie</a></li></ul>`;
    const action = rowAction(document, row(), REVOKE)!;
    expect(stepHow(action)).toBe('choose');
    expect(nextControl(action)).toBe(document.querySelector('[role="menuitem"]'));
  });

  it('selection: check the row, then press the action that works on the checked rows', () => {
    document.body.innerHTML = `<div role="table"><div role="row"><span role="cell"><span role="checkbox" aria-checked="false"
      tabindex="0"></span></span><span role="cell">NIP 7762811692</span></div></div>
      <div class="actions"><button>Odbierz uprawnienie</button></div>`;
    let action = rowAction(document, row(), REVOKE)!;
    expect(stepHow(action)).toBe('select');
    expect(nextControl(action)).toBe(document.querySelector('[role="checkbox"]'));
    document.querySelector('[role="checkbox"]')!.setAttribute('aria-checked', 'true');
    action = rowAction(document, row(), REVOKE)!;
    expect(stepHow(action)).toBe('press');
    expect(nextControl(action)).toBe(document.querySelector('.actions button'));
  });

  it('no control at all: says so (null)', () => {
    document.body.innerHTML =
      '<table><tbody><tr><td>NIP 7762811692</td><td>Wystawianie faktur</td></tr></tbody></table>';
    expect(rowAction(document, row(), REVOKE)).toBeNull();
  });
});
