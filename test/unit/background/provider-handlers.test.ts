import { beforeEach, describe, expect, it } from 'vitest';
import { resetExtensionStorage } from '../storage/reset';
import { createHandlers } from '@/lib/background/handlers';
import { readCredential } from '@/lib/storage/credential';
import { readSettings } from '@/lib/storage/settings';
import { PROVIDER, USER } from '../../sim/people';
import { DEMO_API_KEY } from '../../sim/provider/server';
import { twinWithProvider } from '../../sim/tests/kit';

/** Background handlers that talk to the provider, against the reference server, with WXT's fake browser. */
async function setup(
  scenario: string,
  address: { allowLoopbackHttp?: boolean; originGranted?: (pattern: string) => Promise<boolean> } = {},
) {
  const { t, p } = await twinWithProvider(scenario, { operationDelayMs: 10, authDelayMs: 5 });
  const seen: string[] = [];
  const h = createHandlers({
    version: '1',
    setBadge: () => undefined,
    injectPanel: async () => undefined,
    ...address,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      seen.push(url.href);
      return p.app.request(url.pathname.replace(/^\/fk/, ''), init);
    },
  });
  return { t, p, h, seen };
}
const sender = { sender: {} };
const URL_ = 'https://provider.example/fk';

describe('provider handlers', () => {
  beforeEach(resetExtensionStorage);

  it('links with a key that works, keeps it in storage only, and sets the profile from the account', async () => {
    const { h } = await setup('active-integration');
    await expect(
      h['popup→background:provider.link']({ url: URL_, apiKey: 'wrong-key-123' }, sender),
    ).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(await readCredential()).toBeNull();
    const linked = await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    expect(linked.account.providerNips).toEqual([PROVIDER.nip]);
    expect(JSON.stringify(linked)).not.toContain(DEMO_API_KEY);
    expect(await readCredential()).toEqual({ apiKey: DEMO_API_KEY });
    const settings = await readSettings();
    expect(settings.providerApiUrl).toBe(URL_);
    expect(JSON.stringify(settings)).not.toContain(DEMO_API_KEY);
  });

  it("reports the provider's status for the popup and feeds the audit's profile from it", async () => {
    const { h } = await setup('leftovers-after-disconnect');
    expect(await h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, sender)).toEqual({
      linked: false,
      status: null,
      error: null,
    });
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    const s = await h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, sender);
    expect(s).toMatchObject({
      linked: true,
      error: null,
      status: { state: 'disconnected', providerName: PROVIDER.name },
    });
    expect(JSON.stringify(s)).not.toContain(DEMO_API_KEY);
    const { profile } = await h['content→background:audit.profile'](
      { environment: 'DEMO', contextNip: USER.nip },
      sender,
    );
    expect(profile).toMatchObject({
      state: 'disconnected',
      providerNips: [PROVIDER.nip],
      scopes: ['InvoiceWrite', 'InvoiceRead'],
    });
  });

  it('says what went wrong when the provider cannot answer, and the audit falls back to the saved profile', async () => {
    const { h, p } = await setup('active-integration');
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    await p.app.request('/__provider/faults', {
      method: 'POST',
      body: JSON.stringify({ errors: [{ status: 401, times: 10 }] }),
    });
    const s = await h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, sender);
    expect(s).toMatchObject({ linked: true, status: null, error: 'invalid-request' });
    const { profile } = await h['content→background:audit.profile'](
      { environment: 'DEMO', contextNip: USER.nip },
      sender,
    );
    expect(profile).toMatchObject({ name: PROVIDER.name, state: 'unknown' });
  });

  it('sends the key only over HTTPS to an origin the browser granted, checked again before every call', async () => {
    const granted = new Set(['https://provider.example/*']);
    const { h, seen } = await setup('active-integration', { originGranted: async (o) => granted.has(o) });
    for (const url of ['http://provider.example/fk', 'http://127.0.0.1:8080/fk', 'https://user:pw@provider.example/fk'])
      await expect(h['popup→background:provider.link']({ url, apiKey: DEMO_API_KEY }, sender)).rejects.toMatchObject({
        code: 'insecure-address',
      });
    await expect(
      h['popup→background:provider.link']({ url: 'https://elsewhere.example/fk', apiKey: DEMO_API_KEY }, sender),
    ).rejects.toMatchObject({ code: 'origin-not-granted' });
    expect(seen).toEqual([]);
    expect(await readCredential()).toBeNull();
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    expect(seen).toHaveLength(1);
    // The user takes the permission back: the next call is refused before anything is sent.
    granted.clear();
    const s = await h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, sender);
    expect(s).toEqual({ linked: true, status: null, error: 'origin-not-granted' });
    expect(seen).toHaveLength(1);
  });

  it('takes plain HTTP to this machine only in the builds for tests and the demo', async () => {
    const { h } = await setup('active-integration', { allowLoopbackHttp: true });
    await expect(
      h['popup→background:provider.link']({ url: 'http://provider.example/fk', apiKey: DEMO_API_KEY }, sender),
    ).rejects.toMatchObject({ code: 'insecure-address' });
  });

  it('unlinks: the key is gone from storage', async () => {
    const { h } = await setup('active-integration');
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    await h['popup→background:provider.unlink']({}, sender);
    expect(await readCredential()).toBeNull();
    expect((await readSettings()).providerApiUrl).toBeNull();
  });
});
