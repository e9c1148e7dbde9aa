import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetExtensionStorage } from './reset';
import { readCredential, writeCredential } from '@/lib/storage/credential';
import { openHistory } from '@/lib/storage/history';
import { DEFAULT_SETTINGS, readSettings, writeSettings } from '@/lib/storage/settings';

const KEY = 'fk_demo_key_0123456789';
const URL_ = 'https://provider.example/fk';
const PROFILE = { name: 'Fakturowo sp. z o.o.', nips: ['7762811692'], state: 'unknown' as const };

describe('the provider link and the settings, out of every content script’s reach', () => {
  beforeEach(resetExtensionStorage);

  it('keeps them in the extension origin’s IndexedDB, nothing in storage.local (open to content scripts)', async () => {
    await writeCredential({ apiKey: KEY });
    await writeSettings({ providerApiUrl: URL_, profile: PROFILE });
    expect(await readCredential()).toEqual({ apiKey: KEY });
    expect(await readSettings()).toEqual({ providerApiUrl: URL_, profile: PROFILE, account: null });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(KEY);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(URL_);
    await writeCredential(null);
    expect(await readCredential()).toBeNull();
  });

  it('moves what an older version left in storage.local, once, and removes it there', async () => {
    await fakeBrowser.storage.local.set({
      providerCredential: { apiKey: KEY },
      settings: { providerApiUrl: URL_, profile: PROFILE },
    });
    expect(await readCredential()).toEqual({ apiKey: KEY });
    expect(await readSettings()).toEqual({ providerApiUrl: URL_, profile: PROFILE, account: null });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // Read again: from IndexedDB.
    expect(await readCredential()).toEqual({ apiKey: KEY });
  });

  it('falls back to the defaults for anything stored that does not fit', async () => {
    await (await openHistory()).put('config', { providerApiUrl: 'not a url', profile: 7 }, 'settings');
    await (await openHistory()).put('config', { apiKey: 1 }, 'credential');
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await readCredential()).toBeNull();
  });
});
