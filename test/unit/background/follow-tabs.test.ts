import { beforeEach, describe, expect, it } from 'vitest';
import { resetExtensionStorage } from '../storage/reset';
import { createHandlers } from '@/lib/background/handlers';
import { tabFollower } from '@/lib/background/follow-tabs';
import { putTabState } from '@/lib/storage/tab-state';
import { USER } from '../../sim/people';
import { DEMO_API_KEY } from '../../sim/provider/server';
import { twinWithProvider } from '../../sim/tests/kit';

const TAB = { environment: 'DEMO', page: 'permissions', responses: 1, rejected: 0, updatedAt: 1 } as const;
const OTHER = '3568707925';

/** Three AP tabs: two show the user's company (4, 6), one another company (5). */
async function tabs() {
  await putTabState(4, { ...TAB, contextNip: USER.nip });
  await putTabState(5, { ...TAB, contextNip: OTHER });
  await putTabState(6, { ...TAB, contextNip: USER.nip });
  await putTabState(7, { ...TAB, environment: 'TEST', contextNip: USER.nip });
}

describe('AP tabs follow what changes under them', () => {
  beforeEach(resetExtensionStorage);

  it("a job that changed KSeF tells the other tabs of its company, once per step, never the job's own tab", async () => {
    await tabs();
    const told: [number, unknown][] = [];
    const f = tabFollower(async (tabId, payload) => void told.push([tabId, payload]));
    const job = { id: 'j1', environment: 'DEMO' as const, contextNip: USER.nip, tabId: 4 };
    expect(await f.jobChanged({ ...job, state: 'provider-wait' })).toEqual([]);
    expect(await f.jobChanged({ ...job, state: 'reread' })).toEqual([6]);
    expect(await f.jobChanged({ ...job, state: 'reread' })).toEqual([]);
    expect(await f.jobChanged({ ...job, state: 'confirm' })).toEqual([]);
    expect(await f.jobChanged({ ...job, state: 'done' })).toEqual([6]);
    expect(told).toEqual([
      [6, { contextNip: USER.nip, ksef: true }],
      [6, { contextNip: USER.nip, ksef: true }],
    ]);
    // A tab that cannot be reached (closed meanwhile) stops nobody.
    const failing = tabFollower(async (tabId) => {
      if (tabId === 4) throw new Error('gone');
    });
    expect(await failing.providerChanged('DEMO', USER.nip)).toEqual([4, 6]);
  });

  it("the provider's word changing (the popup asked afresh) makes every tab of that company ask it again", async () => {
    const { p } = await twinWithProvider('active-integration', { operationDelayMs: 10, authDelayMs: 5 });
    const sent: [number, unknown][] = [];
    const h = createHandlers({
      version: '1',
      setBadge: () => undefined,
      injectPanel: async () => undefined,
      fetch: async (input, init) => p.app.request(new URL(String(input)).pathname.replace(/^\/fk/, ''), init),
      sendToTab: async (tabId, message) => {
        sent.push([tabId, message]);
        return { ok: true };
      },
    });
    await h['popup→background:provider.link'](
      { url: 'https://provider.example/fk', apiKey: DEMO_API_KEY },
      { sender: {} },
    );
    await tabs();
    const ask = () =>
      h['popup→background:provider.status']({ environment: 'DEMO', contextNip: USER.nip }, { sender: {} });
    expect((await ask()).status?.state).toBe('active');
    expect(await ask()).toMatchObject({ status: { state: 'active' } });
    expect(sent).toEqual([]);
    // The user disconnected on the provider's own site.
    await p.app.request('/__provider/reset', {
      method: 'POST',
      body: JSON.stringify({ scenario: 'leftovers-after-disconnect' }),
    });
    expect((await ask()).status?.state).toBe('disconnected');
    await new Promise((r) => setTimeout(r, 0));
    const changed = { type: 'background→content:changed', payload: { contextNip: USER.nip, ksef: false } };
    expect(sent).toEqual([
      [4, changed],
      [6, changed],
    ]);
  });
});
