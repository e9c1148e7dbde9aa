import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createCaptureStore } from '@/lib/content/capture';
import { byTestId, mountPanel, pageResponse, pageWindow } from '../components/helpers';
import { makeGrant, makeProfile } from '../audit/builders';

const A = '5265877635';
const win = pageWindow;
const ids = { g1: '00000000-0000-4000-8000-000000000001', g2: '00000000-0000-4000-8000-000000000002' };
const grant = (id: keyof typeof ids) => makeGrant({ id: ids[id] });
/** The AP's own first page of the grants list, saying nothing follows: the whole list. */
const wholeList = (list: (keyof typeof ids)[]) =>
  pageResponse(
    { permissions: list.map(grant), hasMore: false },
    { url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10', context: A },
  );
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

describe('a tab told that KSeF changed under it', () => {
  it('says its list is outdated, claims nothing from it as whole, and is whole again once the list is read anew', async () => {
    const store = createCaptureStore(win);
    const { controller, root } = await mountPanel(store, { environment: 'DEMO', page: 'permissions' });
    await act(async () => store.onMessage(wholeList(['g1', 'g2'])));
    await wait(20);
    expect(controller.session.snapshot().records.grants).toHaveLength(2);
    expect(controller.session.snapshot().kinds.grants.complete).toBe(true);
    // Another company's word changes nothing here.
    expect(await controller.changed('7762811692', true)).toEqual({ ok: false });
    expect(byTestId(root, 'outdated')).toBeNull();

    expect(await controller.changed(A, true)).toEqual({ ok: true });
    await wait(0);
    expect(controller.session.snapshot().kinds.grants.complete).toBe(false);
    expect(controller.session.snapshot().audit.coverage).toBe('partial');
    expect(byTestId(root, 'outdated')?.textContent).toContain('Po odczytaniu tej listy KSeF się zmienił');
    expect(byTestId(root, 'reread')?.textContent).toBe('Przeczytaj listę ponownie');

    // The user presses "Odśwież" in the AP: its first page comes again, whole, without g2.
    await act(async () => store.onMessage(wholeList(['g1'])));
    await wait(20);
    expect(controller.session.snapshot().kinds.grants.complete).toBe(true);
    expect(controller.session.snapshot().records.grants.map((g) => g.id)).toEqual([ids.g1]);
    expect(controller.visit.snapshot().outdatedAt).toBeNull();
    expect(byTestId(root, 'outdated')).toBeNull();
  });

  it('shows what it found before the change as such, without telling the user to remove any of it', async () => {
    const store = createCaptureStore(win);
    const profile = makeProfile({ state: 'disconnected', providerNips: ['7762811692'] });
    const { controller, root } = await mountPanel(
      store,
      { environment: 'DEMO', page: 'permissions' },
      { transport: async () => ({ profile }) },
    );
    await act(async () => store.onMessage(wholeList(['g1', 'g2'])));
    await wait(150);
    const leftovers = () => byTestId(root, 'leftovers')?.textContent ?? '';
    expect(leftovers()).toContain('Odbierz je w Aplikacji Podatnika („Odbierz uprawnienie” dla tego wiersza)');
    await controller.changed(A, true);
    await wait(60);
    expect(leftovers()).toContain('Pozostałości przy odczycie sprzed tej zmiany: 2');
    expect(leftovers()).not.toContain('Odbierz je');
  });
});
