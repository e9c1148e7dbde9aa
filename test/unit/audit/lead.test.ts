import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadOf } from '@/lib/audit/lead';
import { dictionaryI18n, plural } from '@/lib/i18n';

const pl = dictionaryI18n(
  'pl',
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/_locales/pl/messages.json'), 'utf8')),
);
const counts = (
  c: Partial<{ integration: number; leftover: number; risk: number; missing: number }>,
  whole: boolean,
) => ({
  integration: 0,
  leftover: 0,
  risk: 0,
  missing: 0,
  ...c,
  whole,
});
const text = (lead: ReturnType<typeof leadOf>) =>
  lead.count === undefined ? pl.t(lead.key, 'Firma X') : plural(pl, lead.key, lead.count, ['Firma X']);

describe('the popup’s leading sentence', () => {
  it('says "not checked yet" before any audit, and leads to the list', () => {
    const lead = leadOf(undefined, { state: 'active' });
    expect(lead).toMatchObject({ tone: 'neutral', next: 'open-list' });
    expect(text(lead)).toContain('nie są jeszcze sprawdzone');
  });

  it('puts leftovers first, as an alarm, with the guided removal, in their plural form', () => {
    const lead = leadOf(counts({ integration: 2, leftover: 2, risk: 1 }, false), { state: 'disconnected' });
    expect(lead).toMatchObject({ tone: 'alarm', next: 'guide', count: 2 });
    expect(text(lead)).toBe(
      'Firma X: w KSeF zostały 2 uprawnienia dostawcy, których integracja nie potrzebuje. Usuń je krok po kroku.',
    );
    expect(text(leadOf(counts({ leftover: 5 }, true), null))).toContain('zostało 5 uprawnień');
    expect(text(leadOf(counts({ leftover: 1 }, true), null))).toContain('zostało 1 uprawnienie dostawcy, którego');
  });

  it('says "not checked yet" of a tab on another list whose counts hold nothing', () => {
    expect(leadOf(counts({}, false), { state: 'active' }, false)).toMatchObject({ key: 'lead_unchecked' });
    expect(leadOf(counts({ leftover: 2 }, false), null, false)).toMatchObject({ key: 'lead_leftovers' });
  });

  it('never says "no leftovers" when no provider was set up to judge them against', () => {
    const lead = leadOf({ ...counts({}, true), profiled: false }, null);
    expect(lead).toMatchObject({ tone: 'neutral', key: 'lead_noProvider' });
    expect(text(lead)).not.toContain('nie ma pozostałości');
    // Risks do not depend on a provider: they are still said.
    expect(leadOf({ ...counts({ risk: 1 }, true), profiled: false }, null)).toMatchObject({ key: 'lead_risks' });
  });

  it('never says "nothing is left" of a list read only in part', () => {
    const lead = leadOf(counts({ integration: 2 }, false), { state: 'active' });
    expect(lead).toMatchObject({ tone: 'neutral', next: 'check-all' });
    expect(text(lead)).toContain('w odczytanej części listy');
    expect(text(lead)).not.toContain('na całej liście');
  });

  it('calls a whole, clean list healthy only with the provider’s word that the integration works', () => {
    expect(leadOf(counts({ integration: 2 }, true), { state: 'active' })).toMatchObject({ tone: 'ok', next: null });
    expect(text(leadOf(counts({ integration: 2 }, true), { state: 'active' }))).toBe(
      'Firma X: integracja działa, a na całej liście nie ma pozostałości ani ryzyk.',
    );
    expect(text(leadOf(counts({}, true), null))).toBe('Firma X: na całej liście nie ma pozostałości ani ryzyk.');
    expect(leadOf(counts({}, true), { state: 'not-connected' })).toMatchObject({ next: 'authorize' });
    expect(leadOf(counts({ missing: 1 }, true), { state: 'active' })).toMatchObject({
      tone: 'warn',
      next: 'authorize',
    });
  });
});
