import { describe, expect, it, vi } from 'vitest';
import { TourCard } from '@/components/TourCard';
import type { TourView } from '@/lib/content/tour';
import { byTestId, mount } from './helpers';

const view = (over: Partial<TourView>): TourView =>
  ({
    tour: 'remove-leftovers',
    total: 3,
    step: 1,
    id: 'removeRows',
    kind: 'rows',
    found: true,
    label: 'Odbierz uprawnienie',
    row: { type: 'Nip', value: '7762811692', scope: 'InvoiceRead' },
    left: 2,
    finished: false,
    provider: 'Fakturowo',
    how: 'button',
    onList: true,
    ...over,
  }) as TourView;

describe('a guided step’s card', () => {
  it('shows success as success, a step as a step, and only what went wrong as a warning', async () => {
    const tone = async (v: TourView) =>
      byTestId(await mount(<TourCard view={v} onSkip={vi.fn()} onClose={vi.fn()} />), 'tour')?.getAttribute(
        'data-tone',
      );
    expect(await tone(view({}))).toBe('step');
    expect(await tone(view({ found: false }))).toBe('warn');
    expect(await tone(view({ finished: true, left: 0 }))).toBe('ok');
    expect(await tone(view({ finished: true, left: 1 }))).toBe('warn');
    expect(await tone(view({ finished: true, tour: 'renew-certificate', left: -1 }))).toBe('ok');
    // Finished on a list that could not be judged: no success claimed.
    expect(await tone(view({ finished: true, left: -1 }))).toBe('step');
  });
});
