import { describe, expect, it } from 'vitest';
import { listKindOf } from '@/lib/ap/lists';
import { readRows } from '@/lib/ap/rows';

const kindOf = (html: string, route: Parameters<typeof listKindOf>[2] = 'other') => {
  document.body.innerHTML = html;
  return listKindOf(document, () => readRows(document), route);
};

describe('which AP list a page shows, from its content', () => {
  it('knows the public token list by its columns and its rows (docs/ap.md "Lista tokenów")', () => {
    expect(
      kindOf(`<main><table><thead><tr><th>Nazwa tokena</th><th>Twórca tokena</th><th>Data aktywacji tokena</th>
        <th>Data ostatniego użycia tokena</th></tr></thead><tbody>
        <tr><td>ERP</td><td>PESEL: 22271569167</td><td>17.07.2026 00:00:00</td><td>-</td></tr></tbody></table></main>`),
    ).toBe('tokens');
  });

  it('knows the public certificate list by its columns, with a checkbox per row (docs/ap.md)', () => {
    expect(
      kindOf(`<main><table><thead><tr><th></th><th>Numer seryjny certyfikatu</th><th>Nazwa własna</th>
        <th>Przeznaczenie</th></tr></thead><tbody><tr><td><input type="checkbox"></td><td>01F20A5D352AE590</td>
        <td>Mój certyfikat</td><td>Uwierzytelnienie</td></tr></tbody></table>
        <button>Pobierz certyfikat</button><button>Unieważnij</button></main>`),
    ).toBe('certificates');
  });

  it('knows a permission list by its heading or by rows with an identifier and a permission, without a table', () => {
    expect(kindOf('<main><h1>Zarządzaj uprawnieniami</h1><p>Brak uprawnień do wyświetlenia.</p></main>')).toBe(
      'permissions',
    );
    expect(
      kindOf(`<main><div role="table"><div role="row"><span role="cell">NIP: 7762811692</span>
        <span role="cell">Wystawiania faktur</span></div></div></main>`),
    ).toBe('permissions');
  });

  it('goes by what the page calls itself before the rows: a token list showing creators and permissions', () => {
    const row = '<tr><td>Token ERP</td><td>Wystawianie faktur</td><td>NIP 7762811692</td></tr>';
    expect(kindOf(`<main><h1>Lista tokenów</h1><table><tbody>${row.repeat(10)}</tbody></table></main>`)).toBe('tokens');
  });

  it('takes the URL as a hint where the page calls itself nothing, and never over what it calls itself', () => {
    const rows = '<table><tbody><tr><td>NIP 7762811692</td><td>Wystawianie faktur</td></tr></tbody></table>';
    expect(kindOf(`<main>${rows}</main>`, 'tokens')).toBe('tokens');
    expect(kindOf(`<main><h1>Lista certyfikatów</h1>${rows}</main>`, 'tokens')).toBe('certificates');
    expect(kindOf(`<main>${rows}</main>`, 'home')).toBe('permissions');
  });

  it('does not take the menu for a heading, and says nothing where the page shows no list', () => {
    expect(
      kindOf(`<nav><h2>Lista tokenów</h2><a href="/web/tokens/token-list">Lista tokenów</a></nav>
        <main><h1>Aplikacja Podatnika KSeF</h1><p>Wybierz pozycję z menu.</p></main>`),
    ).toBeNull();
  });
});
