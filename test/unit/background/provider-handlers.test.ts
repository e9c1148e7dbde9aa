import { beforeEach, describe, expect, it } from 'vitest';
import { resetExtensionStorage } from '../storage/reset';
import { createHandlers } from '@/lib/background/handlers';
import { readCredential } from '@/lib/storage/credential';
import { readSettings } from '@/lib/storage/settings';
import { OFFICE, PROVIDER, USER } from '../../sim/people';
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
      company: null,
      account: null,
    });
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    const s = await h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, sender);
    expect(s).toMatchObject({
      linked: true,
      error: null,
      status: { state: 'disconnected', providerName: PROVIDER.name },
      company: { nip: USER.nip, name: USER.name, how: 'account' },
      account: USER.name,
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
    expect(s).toEqual({ linked: true, status: null, error: 'origin-not-granted', company: null, account: null });
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

  it('calls the provider only for a company the account lists or the user confirmed for it', async () => {
    const { h, seen } = await setup('active-integration');
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    const other = { environment: 'DEMO' as const, contextNip: OFFICE.nip };
    const before = seen.length;
    // A page names another company: the provider hears nothing of it, nothing is started for it.
    expect(await h['popup→background:provider.status'](other, sender)).toMatchObject({
      linked: true,
      status: null,
      error: 'company-not-confirmed',
      company: null,
      account: USER.name,
    });
    await expect(h['popup→background:job.start']({ ...other, tabId: null }, sender)).rejects.toMatchObject({
      code: 'company-not-confirmed',
    });
    await expect(h['popup→background:auth.start'](other, sender)).rejects.toMatchObject({
      code: 'company-not-confirmed',
    });
    // The audit still has the provider's NIPs from the settings, without asking the provider about this company.
    const { profile } = await h['content→background:audit.profile'](other, sender);
    expect(profile).toMatchObject({ providerNips: [PROVIDER.nip], state: 'unknown' });
    expect(seen.slice(before).filter((u) => u.includes(OFFICE.nip))).toEqual([]);
    // The account was asked once more whether it serves the company (its list may have grown), not each time.
    expect(seen.slice(before).filter((u) => u.endsWith('/v1/account')).length).toBeLessThanOrEqual(1);

    // The user confirms it once for this account: from then on the provider is asked.
    await h['popup→background:company.confirm']({ contextNip: OFFICE.nip }, sender);
    expect(await h['popup→background:provider.status'](other, sender)).toMatchObject({
      error: null,
      status: { state: 'not-connected' },
      company: { nip: OFFICE.nip, name: null, how: 'user' },
    });
    expect(seen.some((u) => u.includes(`/v1/integrations/DEMO/${OFFICE.nip}`))).toBe(true);
    // Linking the same account again keeps the confirmation; unlinking forgets it.
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    expect((await readSettings()).account?.confirmed).toEqual([OFFICE.nip]);
    await h['popup→background:provider.unlink']({}, sender);
    expect((await readSettings()).account).toBeNull();
  });

  it('asks the user for every company when the provider does not list its companies', async () => {
    const { h, p } = await setup('active-integration');
    await p.app.request('/__provider/faults', { method: 'POST', body: JSON.stringify({ noCompanyList: true }) });
    await h['popup→background:provider.link']({ url: URL_, apiKey: DEMO_API_KEY }, sender);
    const mine = { environment: 'DEMO' as const, contextNip: USER.nip };
    expect(await h['popup→background:provider.status'](mine, sender)).toMatchObject({
      error: 'company-not-confirmed',
    });
    await h['popup→background:company.confirm']({ contextNip: USER.nip }, sender);
    expect(await h['popup→background:provider.status'](mine, sender)).toMatchObject({
      error: null,
      status: { state: 'active' },
      company: { how: 'user' },
    });
  });
});
