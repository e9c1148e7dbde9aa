import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CheckAllBar } from '@/components/CheckAllBar';
import { emptyVisit, type VisitState } from '@/lib/content/visit-state';
import { byTestId, mount } from './helpers';

const visit = (patch: Partial<VisitState>): VisitState => ({
  ...emptyVisit(),
  contextNip: '5265877635',
  targets: ['grants'],
  ...patch,
});
const noop = () => undefined;

describe('CheckAllBar', () => {
  afterEach(() => void vi.useRealTimers());
  it('says all pages were checked only for a read proved complete', async () => {
    const root = await mount(
      <CheckAllBar visit={visit({ checkResult: 'done', checkRecords: 57 })} read={[]} onStart={noop} onCancel={noop} />,
    );
    expect(byTestId(root, 'check-all-result')?.textContent).toBe('Sprawdzono wszystkie strony: 57 rekordów.');
    expect(byTestId(root, 'check-all-unproven')).toBeNull();
  });

  it('says what it read and why it cannot call the list whole, in Polish and English', async () => {
    const state = visit({
      checkResult: 'unproven',
      checkUnproven: [{ kind: 'grants', reason: 'no-new-records', records: 10 }],
    });
    const pl = await mount(<CheckAllBar visit={state} read={[]} onStart={noop} onCancel={noop} />);
    expect(pl.textContent).not.toContain('Sprawdzono wszystkie strony');
    expect(byTestId(pl, 'check-all-result')?.textContent).toBe(
      'Nie mogę potwierdzić, że to cała lista: poniżej, czego nie udało się sprawdzić do końca.',
    );
    expect(byTestId(pl, 'check-all-unproven')?.textContent).toBe(
      'Tej listy nie da się przejrzeć automatycznie (uprawnienia): kolejna strona nie przyniosła nowych rekordów. Odczytane rekordy: 10; sprawdź pozostałe strony na liście AP.',
    );
    const en = await mount(
      <CheckAllBar
        visit={visit({
          checkResult: 'unproven',
          checkUnproven: [{ kind: 'grants', reason: 'no-end-stated', records: 57 }],
        })}
        read={[]}
        onStart={noop}
        onCancel={noop}
      />,
      'en',
    );
    expect(byTestId(en, 'check-all-unproven')?.textContent).toContain(
      'the responses do not say whether more pages follow. Records read: 57.',
    );
  });

  it('counts a wait down second by second, in records read rather than KSeF’s pages, and says why no time is left', async () => {
    vi.useFakeTimers();
    const root = await mount(
      <CheckAllBar
        visit={visit({ progress: { kind: 'grants', page: 8, records: 800, state: 'pacing', waitMs: 57_000 } })}
        read={[{ kind: 'grants', records: 800, total: null }]}
        onStart={noop}
        onCancel={noop}
      />,
    );
    const progress = () => byTestId(root, 'check-all-progress')?.textContent;
    expect(progress()).toBe(
      'Przerwa, aby nie przekroczyć limitów KSeF: jeszcze 57 s. Odczytane dotąd (uprawnienia): 800.',
    );
    await act(async () => void vi.advanceTimersByTime(3_000));
    expect(progress()).toContain('jeszcze 54 s');
    expect(progress()).not.toContain('strona');
    expect(byTestId(root, 'check-all-pace')?.textContent).toContain('czasu do końca nie da się policzyć');
  });

  it('after stopping, says what was read and that the rest was not checked', async () => {
    const root = await mount(
      <CheckAllBar
        visit={visit({ checkResult: 'cancelled' })}
        read={[{ kind: 'grants', records: 5000, total: null }]}
        onStart={noop}
        onCancel={noop}
      />,
    );
    expect(byTestId(root, 'check-all-result')?.textContent).toBe(
      'Przerwano. Odczytano (uprawnienia: 5000); reszty listy nie sprawdzono, więc mogą tam być pozostałości i ryzyka.',
    );
  });

  it('says how far along and the time left, where the list states its total', async () => {
    const root = await mount(
      <CheckAllBar
        visit={visit({ progress: { kind: 'grants', page: 8, records: 800, state: 'reading' } })}
        read={[{ kind: 'grants', records: 800, total: 10_004 }]}
        onStart={noop}
        onCancel={noop}
      />,
    );
    expect(byTestId(root, 'check-all-progress')?.textContent).toBe(
      'Czytam całą listę (uprawnienia). Odczytane dotąd: 800 z 10004.',
    );
    const bar = root.querySelector('progress')!;
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['800', '10004']);
    // 9204 records left: 93 requests of 100, at 25 a minute.
    expect(byTestId(root, 'check-all-pace')?.textContent).toBe(
      'Zostało około 4 min: KSeF pozwala na 25 zapytań na minutę, każde czyta do 100 rekordów.',
    );
  });
});
