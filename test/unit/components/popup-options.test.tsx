import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Options, type OptionsConnector } from '@/components/Options';
import type { PopupConnector } from '@/lib/pages/connectors';
import type { ApTabState } from '@/lib/messaging/protocol';
import { Popup } from '@/components/Popup';
import { byTestId, mount, settle } from './helpers';

const ALLOWED = { nip: '5265877635', name: 'Piekarnia Kowalscy sp. z o.o.', how: 'account' as const };

/** The AP tab as the popup reads it: DEMO's permission list, with `over`. */
const apTab = (over: Partial<ApTabState>): ApTabState => ({
  environment: 'DEMO',
  page: 'permissions',
  responses: 1,
  rejected: 0,
  updatedAt: 1,
  ...over,
});

function popupConnector(overrides: Partial<PopupConnector> = {}): PopupConnector {
  return {
    appInfo: async () => ({ version: '0.1.0', providerConfigured: false }),
    activeTab: async () => ({ environment: 'DEMO', page: 'permissions', responses: 3, rejected: 0, updatedAt: 1 }),
    providerStatus: async () => ({ linked: false, status: null, error: null, company: null, account: null }),
    confirmCompany: async () => ({ ok: true }),
    openOptions: vi.fn(),
    nameCompany: vi.fn(async (contextNip: string) => ({ accepted: true, contextNip })),
    openAuthorize: vi.fn(),
    jobs: {
      list: async () => [],
      start: () => Promise.reject(new Error('unused')),
      confirm: () => Promise.reject(new Error('unused')),
      cancel: () => Promise.reject(new Error('unused')),
    },
    follow: () => () => undefined,
    download: vi.fn(),
    support: {
      certificates: async () => ({ certificates: [], checkedAt: null }),
      report: () => Promise.reject(new Error('unused')),
      tourStart: () => Promise.reject(new Error('unused')),
      openViewer: vi.fn(),
      download: vi.fn(),
    },
    ...overrides,
  };
}

/** What the linked provider says of the integration, as the popup receives it. */
const providerStatus = (state: 'active' | 'disconnected') => ({
  providerName: 'Fakturowo',
  state,
  mode: 'provider-certificates' as const,
  actingNips: ['7762811692'],
  declared: { grants: 2, tokens: 0, certificates: 0 },
  ksefView: null,
  updatedAt: '2026-11-25T10:00:00Z',
});

describe('Popup', () => {
  it('shows the AP tab it reports on', async () => {
    const root = await mount(<Popup connector={popupConnector()} />);
    await settle();
    expect(byTestId(root, 'popup-env')?.textContent).toBe('KSeF – środowisko przedprodukcyjne (demo)');
    expect(byTestId(root, 'popup-responses')?.textContent).toBe('3');
    expect(root.textContent).toContain('Wersja 0.1.0');
  });

  it("puts the provider's word beside KSeF's and makes their disagreement the headline", async () => {
    const status = providerStatus('disconnected');
    const root = await mount(
      <Popup
        connector={popupConnector({
          activeTab: async () =>
            apTab({
              contextNip: '5265877635',
              counts: { integration: 0, leftover: 2, risk: 0, missing: 0 },
            }),
          providerStatus: async () => ({
            linked: true,
            status,
            error: null,
            company: ALLOWED,
            account: 'Piekarnia Kowalscy sp. z o.o.',
          }),
        })}
      />,
    );
    await settle();
    await settle();
    expect(byTestId(root, 'popup-headline')?.textContent).toBe(
      'Fakturowo uznaje integrację za odłączoną, ale KSeF nadal pokazuje jego uprawnienia: 2.',
    );
    expect(byTestId(root, 'popup-provider-state')?.textContent).toBe('Fakturowo: odłączono');
    expect(byTestId(root, 'popup-audit')?.textContent).toContain('pozostałości: 2');
    // First of all, one sentence about the company, and right below it the step that fits.
    const lead = byTestId(root, 'popup-lead')!;
    expect(root.querySelector('h1 + p')).toBe(lead);
    expect(lead.textContent).toMatch(/^.+ \(NIP 526-587-76-35\): w KSeF zostały 2 uprawnienia dostawcy/);
    expect(lead.getAttribute('data-tone')).toBe('alarm');
    expect(lead.nextElementSibling?.textContent).toContain('Poprowadź mnie');
  });

  it('asks before a disconnect, naming the provider, the company and what will happen; "Anuluj" starts nothing', async () => {
    // Never settles: what the job does next is not this test's (nothing lingers into the next test).
    const start = vi.fn(() => new Promise<never>(() => undefined));
    const base = popupConnector();
    const root = await mount(
      <Popup
        connector={popupConnector({
          activeTab: async () => apTab({ contextNip: '5265877635' }),
          providerStatus: async () => ({
            linked: true,
            status: providerStatus('active'),
            error: null,
            company: ALLOWED,
            account: 'Piekarnia Kowalscy sp. z o.o.',
          }),
          jobs: { ...base.jobs, start },
        })}
      />,
    );
    await settle();
    await settle();
    const button = byTestId(root, 'job-start') as HTMLButtonElement;
    // Never the alarming primary control: disconnecting is a deliberate, secondary action.
    expect(button.className).toBe('secondary');
    await act(async () => button.click());
    expect(start).not.toHaveBeenCalled();
    const ask = byTestId(root, 'job-ask')?.textContent ?? '';
    expect(ask).toContain('Odłączyć Fakturowo od KSeF firmy 526-587-76-35');
    expect(ask).toContain('Niczego nie usunie z Twojej sesji bez Twojej zgody.');
    await act(async () => (byTestId(root, 'job-ask-no') as HTMLButtonElement).click());
    expect(byTestId(root, 'job-ask')).toBeNull();
    expect(start).not.toHaveBeenCalled();
    await act(async () => (byTestId(root, 'job-start') as HTMLButtonElement).click());
    await act(async () => (byTestId(root, 'job-ask-yes') as HTMLButtonElement).click());
    expect(start).toHaveBeenCalledWith('DEMO', '5265877635');
  });

  it("says why the provider's status is missing, in the user's language", async () => {
    const root = await mount(
      <Popup
        connector={popupConnector({
          activeTab: async () =>
            apTab({
              contextNip: '5265877635',
              counts: { integration: 2, leftover: 0, risk: 0, missing: 0 },
            }),
          providerStatus: async () => ({
            linked: true,
            status: null,
            error: 'unauthorized',
            company: null,
            account: null,
          }),
        })}
      />,
      'en',
    );
    await settle();
    await settle();
    expect(byTestId(root, 'popup-provider-error')?.textContent).toContain('did not accept the API key');
    expect(byTestId(root, 'popup-headline')).toBeNull();
  });

  it('asks the user to confirm a company the account does not list, and offers no disconnect until then', async () => {
    let confirmed = false;
    const confirmCompany = vi.fn(async () => {
      confirmed = true;
      return { ok: true };
    });
    const root = await mount(
      <Popup
        connector={popupConnector({
          activeTab: async () =>
            apTab({
              contextNip: '3568707925',
              companies: [{ nip: '3568707925', source: 'token' }],
              counts: { integration: 0, leftover: 0, risk: 0, missing: 0 },
            }),
          providerStatus: async () =>
            confirmed
              ? {
                  linked: true,
                  status: null,
                  error: 'unavailable',
                  company: { nip: '3568707925', name: null, how: 'user' as const },
                  account: 'Piekarnia Kowalscy sp. z o.o.',
                }
              : {
                  linked: true,
                  status: null,
                  error: 'company-not-confirmed',
                  company: null,
                  account: 'Piekarnia Kowalscy sp. z o.o.',
                },
          confirmCompany,
        })}
      />,
    );
    await settle();
    await settle();
    expect(byTestId(root, 'popup-company-confirm')?.textContent).toContain(
      'Konto „Piekarnia Kowalscy sp. z o.o.” u dostawcy nie wymienia firmy 356-870-79-25 (z tokenu sesji AP). Czy to konto obsługuje tę firmę?',
    );
    expect(byTestId(root, 'job-start')).toBeNull();
    await act(async () => (byTestId(root, 'popup-company-confirm-yes') as HTMLButtonElement).click());
    await settle();
    await settle();
    expect(confirmCompany).toHaveBeenCalledWith('3568707925');
    expect(byTestId(root, 'popup-company-confirm')).toBeNull();
    expect(byTestId(root, 'popup-company-account')?.textContent).toBe(
      'potwierdzona przez Ciebie dla konta „Piekarnia Kowalscy sp. z o.o.”',
    );
    expect(byTestId(root, 'job-start')).not.toBeNull();
  });

  it('offers the three AP environments when the tab is not the AP, and shows errors', async () => {
    const root = await mount(
      <Popup
        connector={popupConnector({ activeTab: async () => null, appInfo: () => Promise.reject(new Error('x')) })}
      />,
      'en',
    );
    await settle();
    const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      'https://ap-test.ksef.mf.gov.pl/web/',
      'https://ap-demo.ksef.mf.gov.pl/web/',
      'https://ap.ksef.mf.gov.pl/web/',
    ]);
    expect(root.textContent).toContain('Something went wrong: x');
  });
});

const ACCOUNT = { name: 'Firma Testowa', providerName: 'Fakturowo', providerNips: ['7762811692'] };

function optionsConnector(
  granted: boolean,
  keyError?: string,
  stored: Awaited<ReturnType<OptionsConnector['load']>> = { providerApiUrl: null, profile: null },
): OptionsConnector & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    load: async () => stored,
    saveProvider: vi.fn(async (url: string) => {
      if (!granted) return null;
      if (keyError) throw Object.assign(new Error('refused'), { code: keyError });
      saved.push(url);
      return ACCOUNT;
    }),
    clearProvider: async () => undefined,
    allowLoopbackHttp: false,
    loadProfile: async () => null,
    saveProfile: async () => undefined,
  };
}

async function submit(root: HTMLElement, value: string, key = 'fk_test_0123456789') {
  for (const [id, text] of [
    ['#provider-url', value],
    ['#provider-key', key],
  ] as const) {
    const input = root.querySelector(id) as HTMLInputElement;
    await act(async () => {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
  await act(async () => (byTestId(root, 'options-save') as HTMLButtonElement).click());
  await settle();
}

describe('Options', () => {
  it('refuses plain HTTP and malformed addresses with a clear message, saving nothing', async () => {
    const c = optionsConnector(true);
    const root = await mount(<Options connector={c} />);
    await settle();
    await submit(root, 'http://api.example.pl');
    expect(byTestId(root, 'options-status')?.textContent).toBe('Adres musi zaczynać się od https://.');
    await submit(root, 'nie adres');
    expect(byTestId(root, 'options-status')?.textContent).toBe('To nie jest poprawny adres internetowy.');
    await submit(root, 'https://user:pw@api.example.pl');
    expect(byTestId(root, 'options-status')?.textContent).toContain('loginu ani hasła');
    await submit(root, 'https://api.example.pl', 'short');
    expect(byTestId(root, 'options-status')?.textContent).toContain('klucz API');
    expect(c.saveProvider).not.toHaveBeenCalled();
  });

  it("says in the user's language why the provider refused the key, and keeps nothing", async () => {
    const c = optionsConnector(true, 'unauthorized');
    const root = await mount(<Options connector={c} />);
    await settle();
    await submit(root, 'https://api.example.pl/ksef');
    expect(byTestId(root, 'options-status')?.textContent).toBe(
      'Dostawca nie przyjął tego klucza API. Sprawdź klucz w panelu dostawcy i wklej go tutaj ponownie. Niczego nie zapisano.',
    );
    expect(c.saved).toEqual([]);
    expect((root.querySelector('#provider-key') as HTMLInputElement).type).toBe('password');
  });

  it('asks for the host permission and saves only when granted', async () => {
    const refused = optionsConnector(false);
    let root = await mount(<Options connector={refused} />, 'en');
    await settle();
    await submit(root, 'https://api.example.pl/ksef/?x=1#y');
    expect(refused.saveProvider).toHaveBeenCalledWith(
      'https://api.example.pl/ksef',
      'https://api.example.pl/*',
      'fk_test_0123456789',
    );
    expect(byTestId(root, 'options-status')?.textContent).toContain('Nothing was saved');

    const granted = optionsConnector(true);
    root = await mount(<Options connector={granted} />, 'en');
    await settle();
    await submit(root, 'https://api.example.pl/ksef');
    expect(granted.saved).toEqual(['https://api.example.pl/ksef']);
    expect(byTestId(root, 'options-status')?.textContent).toMatch(/^Linked\./);
    expect(byTestId(root, 'options-linked')?.textContent).toContain(
      'Linked to the account "Firma Testowa" at Fakturowo (NIP 776-281-16-92).',
    );
    // The key is with the background: no field holds it, and no hand-made profile competes with the account.
    expect(root.querySelector('#provider-key')).toBeNull();
    expect(byTestId(root, 'profile-form')).toBeNull();
    expect(byTestId(root, 'options-current')?.textContent).toBe('Current address: https://api.example.pl/ksef');
  });

  it('still shows whose account is linked after a reload, and offers the manual profile only without a link', async () => {
    const stored = {
      providerApiUrl: 'https://api.example.pl/ksef',
      account: { name: 'Firma Testowa' },
      profile: { name: 'Fakturowo', nips: ['7762811692'] },
    };
    const c = optionsConnector(true, undefined, stored);
    const root = await mount(<Options connector={c} />);
    await settle();
    expect(byTestId(root, 'options-linked')?.textContent).toContain(
      'Połączono z kontem „Firma Testowa” u dostawcy Fakturowo (NIP 776-281-16-92).',
    );
    expect(byTestId(root, 'profile-form')).toBeNull();
    expect(root.textContent).not.toContain('nie wybrano');
    await act(async () => (root.querySelector('.linked button.secondary:last-child') as HTMLButtonElement).click());
    await settle();
    expect(byTestId(root, 'options-status')?.textContent).toContain('Odłączono konto dostawcy');
    expect(byTestId(root, 'options-linked')).toBeNull();
    expect(byTestId(root, 'profile-form')).not.toBeNull();
    expect(root.querySelector('#provider-url')).not.toBeNull();
  });
});

describe('Popup, a page that cannot say its company', () => {
  it('asks the user and tells the AP tab which company it shows', async () => {
    const nameCompany = vi.fn(async (contextNip: string) => ({ accepted: true, contextNip }));
    const root = await mount(<Popup connector={popupConnector({ nameCompany })} />);
    await settle();
    const input = root.querySelector<HTMLInputElement>('#popup-nip-input')!;
    await act(async () => {
      input.value = '526-587-76-35';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      byTestId(root, 'popup-nip')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await settle();
    expect(nameCompany).toHaveBeenCalledWith('5265877635');
  });
});
