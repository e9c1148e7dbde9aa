import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/lib/audit/export';

describe('exports', () => {
  it('quotes every CSV cell and neutralises formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('Księgowa, "Bilans"')).toBe('"Księgowa, ""Bilans"""');
    const csv = toCsv([
      {
        id: 'a',
        grantee: 'Nip:7762811692',
        scope: 'InvoiceWrite',
        startDate: 'd',
        description: '@x',
        verdict: 'leftover',
        flags: '',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'id,grantee,scope,startDate,description,verdict,flags',
      `"a","Nip:7762811692","InvoiceWrite","d","'@x","leftover",""`,
    ]);
  });
});
