import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearMarks, markOf, placeMark } from '@/lib/ap/marks';
import { parseRowText, readRows } from '@/lib/ap/rows';
import { matchListRows, matchRows, recordsFromRows } from '@/lib/audit/rows';
import { makeGrant } from '../audit/builders';

describe('reading the AP rows', () => {
  it('finds identifiers with or without dashes and permission labels', () => {
    expect(parseRowText('NIP: 776-281-16-92 Fakturowo sp. z o.o. Wystawianie faktur 2026-10-26')).toEqual({
      identifiers: [{ type: 'Nip', value: '7762811692' }],
      scopes: ['InvoiceWrite'],
      serials: [],
      dates: ['2026-10-26'],
    });
    expect(parseRowText('PESEL: 22271569167 Anna Nowak Przeglądanie uprawnień')).toMatchObject({
      identifiers: [{ type: 'Pesel', value: '22271569167' }],
      scopes: ['CredentialsRead'],
    });
    // A number that fails its checksum is not an identifier; a reference number is not a NIP.
    expect(parseRowText('20260203-EC-2DD3AFF000 1234567890').identifiers).toEqual([]);
  });

  it('reads permission labels in any inflection, in English and as raw KSeF values', () => {
    const cases: [string, string[]][] = [
      // The AP's grant form writes the genitive ("Zakres uprawnień": "Wystawiania faktur").
      ['NIP 7762811692 Wystawiania faktur, Przeglądania faktur', ['InvoiceWrite', 'InvoiceRead']],
      ['PESEL 22271569167 wystawianie faktur z prawem do dalszego przekazywania uprawnienia', ['InvoiceWrite']],
      ['NIP 7762811692 Issuing invoices · Viewing invoices', ['InvoiceWrite', 'InvoiceRead']],
      ['NIP 7762811692 InvoiceWrite', ['InvoiceWrite']],
      ['NIP 7762811692 Wystawianie faktur VAT RR', ['RRInvoicing']],
      ['NIP 7762811692 wystawianie faktur PEF', ['PefInvoicing']],
      ['PESEL 22271569167 Zarządzanie podmiotami podrzędnymi', ['SubunitManage']],
      ['PESEL 22271569167 zarządzanie jednostkami podrzędnymi', ['SubunitManage']],
      ['PESEL 22271569167 Zarządzania uprawnieniami', ['CredentialsManage']],
      ['PESEL 22271569167 Managing permissions', ['CredentialsManage']],
      ['PESEL 22271569167 Przeglądanie historii sesji', ['Introspection']],
      ['PESEL 22271569167 Zarządzanie identyfikatorami zbiorczymi', ['CollectiveIdentifierManage']],
      ['PESEL 22271569167 Wykonywanie operacji egzekucyjnych', ['EnforcementOperations']],
      ['NIP 7762811692 Samofakturowanie', ['SelfInvoicing']],
      ['NIP 7762811692 Self-billing', ['SelfInvoicing']],
      ['NIP 7762811692 Przedstawiciel podatkowy', ['TaxRepresentative']],
    ];
    for (const [text, scopes] of cases) expect(parseRowText(text).scopes, text).toEqual(scopes);
  });

  it('reads a row of the public token list: name, creator and dates (docs/ap.md "Lista tokenów")', () => {
    expect(parseRowText('Fakturowo – integracja PESEL: 22271569167 17.07.2026 00:00:00 -')).toEqual({
      identifiers: [{ type: 'Pesel', value: '22271569167' }],
      scopes: [],
      serials: [],
      dates: ['2026-07-17'],
    });
    expect(parseRowText('Token ERP NIP: 5265877635 17.07.2026 00:00:00 29.11.2026 13:05:59').dates).toEqual([
      '2026-07-17',
      '2026-11-29',
    ]);
  });

  it('reads a row of the public certificate list: its serial number (docs/ap.md "Lista certyfikatów")', () => {
    expect(parseRowText('01F20A5D352AE590 Fakturowo – podpis Uwierzytelnienie')).toEqual({
      identifiers: [],
      scopes: [],
      serials: ['01F20A5D352AE590'],
      dates: [],
    });
    // A token's reference number is no serial.
    expect(parseRowText('20260203-EC-2DD3AFF000-A1B2C3D4E5-F6').serials).toEqual([]);
  });

  it('reads table rows, matches them to records and marks them without touching their controls', () => {
    document.body.innerHTML = `<main><table><tbody>
      <tr><td>NIP: 7762811692</td><td>Fakturowo</td><td>Wystawianie faktur</td><td><button>Odbierz uprawnienie</button></td></tr>
      <tr><td>PESEL: 22271569167</td><td>Anna Nowak</td><td>Przeglądanie faktur</td><td><button>Odbierz uprawnienie</button></td></tr>
    </tbody></table></main>`;
    const rows = readRows(document);
    expect(rows).toHaveLength(2);
    const records = [
      makeGrant({ authorizedIdentifier: { type: 'Pesel', value: '22271569167' }, permissionScope: 'InvoiceRead' }),
      makeGrant(),
    ];
    const matched = matchRows(rows, records, [
      { id: records[0]!.id, verdict: 'other', flags: [] },
      { id: records[1]!.id, verdict: 'leftover', flags: [] },
    ]);
    expect(matched.map((m) => m?.verdict)).toEqual(['leftover', 'other']);
    const mark = placeMark(rows[0]!.element, 'leftover', { label: 'Pozostałość', title: 'Dostawca jest odłączony' });
    expect(markOf(rows[0]!.element)).toBe(mark);
    expect(mark.shadowRoot?.textContent).toContain('Pozostałość');
    expect(rows[0]!.element.querySelector('button')?.textContent).toBe('Odbierz uprawnienie');
    expect(readRows(document)[0]!.identifiers).toEqual([{ type: 'Nip', value: '7762811692' }]);
    clearMarks(document);
    expect(document.querySelectorAll('ksef-companion-mark')).toHaveLength(0);
  });

  it('matches a row to the record of the page on screen, not to the same grantee and scope on another page', () => {
    const row = { identifiers: [{ type: 'Nip', value: '7762811692' }], scopes: ['InvoiceWrite'], text: '' };
    // Page 1 held the integration's grant; page 4, now on screen, its duplicate.
    const first = makeGrant();
    const duplicate = makeGrant();
    const classified = [
      { id: first.id, verdict: 'integration' as const, flags: [] },
      { id: duplicate.id, verdict: 'leftover' as const, flags: ['duplicate' as const] },
    ];
    expect(matchRows([row], [first, duplicate], classified, new Set([duplicate.id]))[0]?.verdict).toBe('leftover');
    // With page 1 on screen, the same row is the integration's.
    expect(matchRows([row], [first, duplicate], classified, new Set([first.id]))[0]?.verdict).toBe('integration');
    // Not knowing the page, the first in list order, as before.
    expect(matchRows([row], [first, duplicate], classified)[0]?.verdict).toBe('integration');
  });

  it('turns rows into records when nothing was captured', () => {
    const recs = recordsFromRows([
      {
        identifiers: [{ type: 'Nip', value: '7762811692' }],
        scopes: ['InvoiceWrite'],
        text: 'NIP 7762811692 Fakturowo',
      },
    ]);
    expect(recs).toEqual([
      expect.objectContaining({
        authorizedIdentifier: { type: 'Nip', value: '7762811692' },
        permissionScope: 'InvoiceWrite',
      }),
    ]);
  });

  it('matches each row to the first unused record of its grantee and scope, as a plain scan would', () => {
    const ids = [
      { type: 'Nip', value: '7762811692' },
      { type: 'Nip', value: '776-281-16-92' },
      { type: 'Pesel', value: '22271569167' },
      { type: 'Nip', value: '5265877635' },
    ];
    const scopes = ['InvoiceWrite', 'InvoiceRead', 'CredentialsManage'];
    const plain = (rows: Parameters<typeof matchRows>[0], records: ReturnType<typeof makeGrant>[]) => {
      const used = new Set<number>();
      const key = (i: { value?: string | null }) => (i.value ?? '').replace(/\D/g, '');
      return rows.map((row) => {
        const idx = records.findIndex(
          (r, i) =>
            !used.has(i) &&
            row.identifiers.some((x) => key(x) === key(r.authorizedIdentifier)) &&
            row.scopes.includes(r.permissionScope),
        );
        if (idx < 0) return null;
        used.add(idx);
        return idx;
      });
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom(...ids), scope: fc.constantFrom(...scopes) }), { maxLength: 12 }),
        fc.array(
          fc.record({
            ids: fc.subarray(ids, { minLength: 1, maxLength: 2 }),
            scopes: fc.subarray(scopes, { maxLength: 2 }),
          }),
          { maxLength: 12 },
        ),
        (recs, rowSpecs) => {
          const records = recs.map((r, i) =>
            makeGrant({ id: `g${i}`, authorizedIdentifier: r.id, permissionScope: r.scope }),
          );
          const rows = rowSpecs.map((r) => ({ identifiers: r.ids, scopes: r.scopes, text: '' }));
          const classified = records.map((r) => ({ id: r.id, verdict: 'other' as const, flags: [] }));
          expect(matchRows(rows, records, classified).map((c) => (c ? Number(c.id.slice(1)) : null))).toEqual(
            plain(rows, records),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the token and certificate lists', () => {
  it('gives each row the card verdict of what it shows: a certificate by serial, a token by name and creator', () => {
    const token = {
      referenceNumber: '20260203-EC-2DD3AFF000-A1B2C3D4E5-F6',
      description: 'Fakturowo – token',
      authorIdentifier: { type: 'Nip', value: '7762811692' },
    };
    const items = [
      { kind: 'token', id: token.referenceNumber, verdict: 'risk' as const },
      { kind: 'certificate', id: '01F20A5D352AE590', verdict: 'leftover' as const },
    ];
    const row = (text: string) => ({ ...parseRowText(text), text });
    expect(
      matchListRows(
        [
          row('Fakturowo – token NIP: 7762811692 17.07.2026 00:00:00 -'),
          row('Fakturowo – token PESEL: 22271569167 17.07.2026 00:00:00 -'),
          row('ERP NIP: 7762811692 17.07.2026 00:00:00 -'),
        ],
        'tokens',
        items,
        [token],
      ),
    ).toEqual(['risk', null, null]);
    expect(
      matchListRows(
        [row('01F20A5D352AE590 Mój Uwierzytelnienie'), row('0000000000000001 Inny Uwierzytelnienie')],
        'certificates',
        items,
        [],
      ),
    ).toEqual(['leftover', null]);
  });
});
