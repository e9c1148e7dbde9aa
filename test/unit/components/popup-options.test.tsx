import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Options, type OptionsConnector } from '@/components/Options';
import { Popup, type PopupConnector } from '@/components/Popup';
import { byTestId, mount, settle } from './helpers';

function popupConnector(overrides: Partial<PopupConnector> = {}): PopupConnector {
  return {
    appInfo: async () => ({ version: '0.1.0', providerConfigured: false }),
    activeTab: async () => ({ environment: 'DEMO', page: 'permissions', responses: 3, rejected: 0, updatedAt: 1 }),
    openOptions: vi.fn(),
    ...overrides,
  };
}

describe('Popup', () => {
  it('shows the AP tab it reports on', async () => {
    const root = await mount(<Popup connector={popupConnector()} />);
    await settle();
    expect(byTestId(root, 'popup-env')?.textContent).toBe('KSeF – środowisko przedprodukcyjne (demo)');
    expect(byTestId(root, 'popup-responses')?.textContent).toBe('3');
    expect(root.textContent).toContain('Wersja 0.1.0');
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

function optionsConnector(granted: boolean): OptionsConnector & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    load: async () => ({ providerApiUrl: null }),
    saveProvider: vi.fn(async (url: string) => {
      if (granted) saved.push(url);
      return granted;
    }),
    clearProvider: async () => undefined,
    allowLoopbackHttp: false,
    loadProfile: async () => null,
    saveProfile: async () => undefined,
  };
}

async function submit(root: HTMLElement, value: string) {
  const input = root.querySelector('input') as HTMLInputElement;
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
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
    expect(c.saveProvider).not.toHaveBeenCalled();
  });

  it('asks for the host permission and saves only when granted', async () => {
    const refused = optionsConnector(false);
    let root = await mount(<Options connector={refused} />, 'en');
    await settle();
    await submit(root, 'https://api.example.pl/ksef/?x=1#y');
    expect(refused.saveProvider).toHaveBeenCalledWith('https://api.example.pl/ksef', 'https://api.example.pl/*');
    expect(byTestId(root, 'options-status')?.textContent).toContain('Nothing was saved');

    const granted = optionsConnector(true);
    root = await mount(<Options connector={granted} />, 'en');
    await settle();
    await submit(root, 'https://api.example.pl/ksef');
    expect(granted.saved).toEqual(['https://api.example.pl/ksef']);
    expect(byTestId(root, 'options-status')?.textContent).toBe('Saved.');
    expect(byTestId(root, 'options-current')?.textContent).toBe('Current address: https://api.example.pl/ksef');
  });
});
