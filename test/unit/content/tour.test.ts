import { ownPageWatch } from '@/lib/content/page-watch';
import { describe, expect, it } from 'vitest';
import { GUIDE_ATTR } from '@/lib/ap/marks';
import { TOUR_NAMES, TOURS } from '@/lib/ap/tours';
import type { ApPageKind } from '@/lib/ap/pages';
import type { GuideTarget } from '@/lib/audit/leftovers';
import { closeTour, runTour, skipTourStep, tourState, type TourPorts, type TourView } from '@/lib/content/tour';

const PROVIDER = '7762811692';
const OTHER = '5265877635';
const settle = () => new Promise((r) => setTimeout(r, 80));
const view = () => tourState.snapshot() as TourView;
/** What a tour is given, as the panel's bundle gives it: the page's watch, nothing judged yet, and `over`. */
const ports = (over: Partial<TourPorts>): TourPorts => ({
  watch: ownPageWatch(document),
  provider: '',
  page: () => 'permissions',
  leftovers: () => null,
  ...over,
});

function page(doc: Document, rows: string[]) {
  doc.body.innerHTML = `<nav><a href="/web/permissions">Zarządzaj uprawnieniami</a><a href="/web/certificates">Lista certyfikatów</a></nav>
<main><button>Odśwież</button><table><tbody>${rows
    .map((r) => `<tr><td>${r}</td><td>Wystawianie faktur</td><td><button>Odbierz uprawnienie</button></td></tr>`)
    .join('')}</tbody></table></main>`;
}

describe('guided steps on the AP', () => {
  it('opens the list, points at each leftover row in turn, then at "Odśwież", and ends', async () => {
    let at: ApPageKind | 'other' = 'home';
    let leftovers: GuideTarget[] | null = null;
    const progress: unknown[] = [];
    page(document, []);
    const done = runTour(
      document,
      'remove-leftovers',
      ports({ provider: 'Fakturowo', page: () => at, leftovers: () => leftovers, onProgress: (p) => progress.push(p) }),
      new AbortController().signal,
    );
    expect(view()).toMatchObject({ id: 'openPermissions', step: 0, total: 3, found: true });
    expect(document.querySelector('nav a')!.hasAttribute(GUIDE_ATTR)).toBe(true);

    // The list opens; until the audit has judged it the step waits rather than skipping ahead.
    at = 'permissions';
    page(document, [`NIP ${PROVIDER}`, `NIP ${OTHER}`]);
    await settle();
    expect(view()).toMatchObject({ id: 'removeRows', left: -1 });

    leftovers = [{ type: 'Nip', value: PROVIDER, scope: 'InvoiceWrite' }];
    document.body.append(document.createElement('span'));
    await settle();
    expect(view()).toMatchObject({ id: 'removeRows', left: 1, found: true, row: { value: PROVIDER } });
    const row = document.querySelector(`[${GUIDE_ATTR}]`)!;
    expect(row.textContent).toContain(PROVIDER);

    // The user presses the row's own control: that row is done, the next step points at "Odśwież".
    (row.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(view()).toMatchObject({ id: 'checkAgain', found: true });
    (document.querySelector('main > button') as HTMLButtonElement).click();
    await settle();
    expect(view()).toMatchObject({ finished: true });
    expect(await done).toEqual({ finished: true });
    expect(progress.at(-1)).toMatchObject({ tour: 'remove-leftovers', step: 3, finished: true });
    expect(document.querySelector(`[${GUIDE_ATTR}]`)).toBeNull();
    closeTour();
    expect(tourState.snapshot()).toBeNull();
  });

  it('on a list with selection-based actions: check the row, press the action; every checked leftover is acted on', async () => {
    const rowHtml = (nip: string) =>
      `<tr><td><input type="checkbox" aria-label="Zaznacz"></td><td>NIP ${nip}</td><td>Wystawianie faktur</td></tr>`;
    document.body.innerHTML = `<main><button aria-label="Odśwież">⟳</button><table><tbody>${rowHtml(PROVIDER)}${rowHtml(
      OTHER,
    )}</tbody></table><button id="act">Odbierz uprawnienie</button></main>`;
    const leftovers: GuideTarget[] = [
      { type: 'Nip', value: PROVIDER, scope: 'InvoiceWrite' },
      { type: 'Nip', value: OTHER, scope: 'InvoiceWrite' },
    ];
    const progress: { acted: string[] }[] = [];
    void runTour(
      document,
      'remove-leftovers',
      ports({ leftovers: () => leftovers, onProgress: (p) => progress.push(p) }),
      new AbortController().signal,
      { step: 1, acted: [] },
    );
    expect(view()).toMatchObject({ id: 'removeRows', how: 'select', found: true, left: 2, onList: true });
    expect(document.activeElement).toBe(document.querySelector('input'));
    // Both rows checked, then the action pressed once: both are acted on, the tour moves to "Odśwież".
    for (const box of document.querySelectorAll('input')) (box as HTMLInputElement).click();
    await settle();
    expect(view()).toMatchObject({ how: 'press', found: true });
    expect(document.querySelector('#act')!.hasAttribute(GUIDE_ATTR)).toBe(true);
    (document.querySelector('#act') as HTMLButtonElement).click();
    await settle();
    expect(progress.at(-1)?.acted).toHaveLength(2);
    expect(view()).toMatchObject({ id: 'checkAgain', found: true });
    closeTour();
  });

  it('waits on the list itself without asking to open it', async () => {
    document.body.innerHTML = '<main><table><tbody><tr><td>NIP 7762811692</td></tr></tbody></table></main>';
    void runTour(document, 'remove-leftovers', ports({}), new AbortController().signal, { step: 1, acted: [] });
    expect(view()).toMatchObject({ id: 'removeRows', left: -1, onList: true });
    closeTour();
  });

  it('says so when the control is not on the page, and the user can skip or stop', async () => {
    document.body.innerHTML = '<main><p>Nowa wersja AP</p></main>';
    const progress: { finished: boolean }[] = [];
    const done = runTour(
      document,
      'renew-certificate',
      ports({ page: () => 'home', onProgress: (p) => progress.push(p) }),
      new AbortController().signal,
    );
    expect(view()).toMatchObject({ id: 'openCertificates', found: false, label: 'Lista certyfikatów' });
    skipTourStep();
    expect(view()).toMatchObject({ id: 'requestCertificate', found: false, label: 'Wnioskuj o certyfikat' });
    closeTour();
    expect(await done).toEqual({ finished: false });
    expect(progress.at(-1)).toMatchObject({ finished: true });
  });

  it('says the list cannot be judged where its page never names the company (an AP rendered on its server)', async () => {
    page(document, [`NIP ${PROVIDER}`]);
    const stop = new AbortController();
    void runTour(document, 'remove-leftovers', ports({ judgeable: () => false }), stop.signal);
    expect(view()).toMatchObject({ id: 'removeRows', left: -2, found: false });
    stop.abort();
  });

  it('resumes where it was after a full page load', async () => {
    page(document, [`NIP ${OTHER}`]);
    const stop = new AbortController();
    void runTour(
      document,
      'remove-leftovers',
      ports({ leftovers: () => [], onProgress: () => undefined }),
      stop.signal,
      { step: 2, acted: [] },
    );
    expect(view()).toMatchObject({ id: 'checkAgain', step: 2 });
    stop.abort();
    expect(tourState.snapshot()).toBeNull();
  });
});

describe('the tours’ names', () => {
  it('are every tour there is (the messages accept exactly these)', () => {
    expect([...TOUR_NAMES].sort()).toEqual(Object.keys(TOURS).sort());
  });
});
