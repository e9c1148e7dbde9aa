import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_TAG } from '@/lib/ap/bridge';
import { createCaptureStore } from '@/lib/content/capture';
import { byTestId, mountPanel, pageResponse, pageWindow } from './helpers';

const win = pageWindow;
const message = (body: unknown) => pageResponse(body);

describe('Panel', () => {
  it('waits, then counts the KSeF responses read, in Polish', async () => {
    const store = createCaptureStore(win);
    const { root } = await mountPanel(store, { environment: 'DEMO', page: 'permissions' });
    expect(byTestId(root, 'capture')?.textContent).toBe('Czekam na listę uprawnień z KSeF…');
    expect(byTestId(root, 'panel-env')?.textContent).toBe('DEMO');
    await act(async () => store.onMessage(message({ permissions: [], hasMore: false })));
    expect(byTestId(root, 'capture')?.textContent).toBe('Odczytano odpowiedzi KSeF: 1');
    await act(async () =>
      store.onMessage({ ...message(null), data: { tag: BRIDGE_TAG, v: 1, kind: 'bogus' } } as MessageEvent),
    );
    // The count follows a burst of messages at most every 100 ms, always with the last value.
    await vi.waitFor(() =>
      expect(byTestId(root, 'rejected')?.textContent).toBe('Odrzucono nieprawidłowe dane ze strony: 1'),
    );
  });

  it('renders page text as text and collapses by keyboard-accessible button, in English', async () => {
    const store = createCaptureStore(win);
    const { root } = await mountPanel(store, { environment: 'PRD', page: 'tokens' }, { lang: 'en' });
    expect(root.textContent).toContain('Page: Token list');
    const toggle = byTestId(root, 'panel-toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await act(async () => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(byTestId(root, 'capture')).toBeNull();
  });
});
