import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetExtensionStorage } from '../storage/reset';
import background from '@/entrypoints/background';
import { createHandlers } from '@/lib/background/handlers';
import { jobSignals } from '@/lib/background/platform';
import { send } from '@/lib/messaging/client';
import { writeSettings } from '@/lib/storage/settings';
import { writeCredential } from '@/lib/storage/credential';
import { getTabState, putTabState } from '@/lib/storage/tab-state';

const STATE = { environment: 'DEMO', page: 'permissions', responses: 2, rejected: 0, updatedAt: 5 } as const;

describe('background with the fake browser', () => {
  beforeEach(async () => {
    await resetExtensionStorage();
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'KSeF Companion', version: '1.2.3' });
  });

  it('answers our popup over runtime messaging and refuses a sender it cannot place', async () => {
    background.main();
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'popup→background:app.info', payload: {} },
      popup,
    );
    expect(reply).toEqual({ version: '1.2.3', providerConfigured: false });
    // fakeBrowser's sendMessage delivers without a sender: the router must refuse it.
    const transport = (m: unknown) => fakeBrowser.runtime.sendMessage(m);
    await expect(send(transport, 'popup→background:app.info', {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('injects the panel UI into the tab that asked, and only into a tab', async () => {
    const injected: number[] = [];
    const h = createHandlers({
      version: '1',
      setBadge: () => undefined,
      injectPanel: async (t) => void injected.push(t),
    });
    expect(await h['content→background:panel.load']({}, { sender: {}, tabId: 12 })).toEqual({ ok: true });
    expect(injected).toEqual([12]);
    await expect(h['content→background:panel.load']({}, { sender: {} })).rejects.toThrow();
    expect(injected).toEqual([12]);
  });

  it('keeps each AP tab state in session storage and reports the provider setting', async () => {
    const h = createHandlers({ version: '9.9.9', setBadge: () => undefined, injectPanel: async () => undefined });
    await h['content→background:ap.state'](STATE, { sender: {}, tabId: 4 });
    expect(await getTabState(4)).toEqual(STATE);
    expect(await h['popup→background:tab.state']({ tabId: 4 }, { sender: {} })).toEqual({ state: STATE });
    expect(await h['popup→background:tab.state']({ tabId: 5 }, { sender: {} })).toEqual({ state: null });
    expect(await h['popup→background:app.info']({}, { sender: {} })).toEqual({
      version: '9.9.9',
      providerConfigured: false,
    });
    await writeSettings({ providerApiUrl: 'https://api.example.pl/ksef', profile: null });
    // An address without a linked key is not a configured provider.
    expect((await h['popup→background:app.info']({}, { sender: {} })).providerConfigured).toBe(false);
    await writeCredential({ apiKey: 'k'.repeat(20) });
    expect((await h['popup→background:app.info']({}, { sender: {} })).providerConfigured).toBe(true);
  });

  it('starts no disconnect for a tab whose page names two companies, or another one', async () => {
    const h = createHandlers({ version: '1', setBadge: () => undefined, injectPanel: async () => undefined });
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      calls.push(String(url));
      throw new Error('no provider call may be made');
    }) as never;
    try {
      await writeSettings({ providerApiUrl: 'https://api.example.pl/ksef', profile: null });
      await writeCredential({ apiKey: 'k'.repeat(20) });
      const companies = [
        { nip: '5265877635', source: 'token' as const },
        { nip: '7762811692', source: 'header' as const },
      ];
      await putTabState(4, { ...STATE, contextNip: null, companies });
      const start = (contextNip: string, tabId: number) =>
        h['popup→background:job.start']({ environment: 'DEMO', contextNip, tabId }, { sender: {} });
      await expect(start('5265877635', 4)).rejects.toMatchObject({ code: 'company-unclear' });
      await expect(start('7762811692', 4)).rejects.toMatchObject({ code: 'company-unclear' });
      await putTabState(5, { ...STATE, contextNip: '5265877635', companies: companies.slice(0, 1) });
      await expect(start('7762811692', 5)).rejects.toMatchObject({ code: 'company-unclear' });
      expect(calls).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('signals a job: a badge on its AP tab and one notification per moment that matters', async () => {
    const badges: [number, string][] = [];
    const shown: string[] = [];
    fakeBrowser.notifications.onShown.addListener(() => undefined);
    const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications);
    fakeBrowser.notifications.create = (async (id: string, o: { message: string }) => {
      shown.push(o.message);
      return create(id, o as never);
    }) as never;
    const signal = jobSignals(
      fakeBrowser as never,
      (k, subs) => `${k}:${(subs ?? []).join('|')}`,
      (tab, text) => badges.push([tab, text]),
    );
    const job = { id: 'j', tabId: 4, providerName: 'Fakturowo', leftovers: [1, 2] };
    signal({ ...job, state: 'reread' });
    signal({ ...job, state: 'confirm' });
    signal({ ...job, state: 'confirm' });
    signal({ ...job, state: 'done' });
    await new Promise((r) => setTimeout(r, 0));
    expect(badges).toEqual([
      [4, '?'],
      [4, '?'],
      [4, ''],
    ]);
    expect(shown).toEqual(['notify_confirm:Fakturowo|2', 'notify_done:Fakturowo|2']);
  });

  it('forgets a closed tab and ignores stored junk', async () => {
    background.main();
    await putTabState(9, STATE);
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(await getTabState(9)).toBeNull();
    await fakeBrowser.storage.session.set({ apTabs: { 1: { environment: 'MARS' } } });
    expect(await getTabState(1)).toBeNull();
  });
});
