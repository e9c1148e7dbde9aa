import path from 'node:path';
import type { Browser, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER } from '../sim/people';
import { DEMO_API_KEY } from '../sim/provider/server';
import { startWorld, type World } from '../sim/world';
import { launchWithExtension } from './browser';

/**
 * The verified disconnect where the AP talks to KSeF through its own backend (`proxied`): the extension
 * cannot call KSeF in the page's session, so it removes nothing itself, and the receipt says exactly what is
 * still there and how to remove it with the AP's own buttons. It never calls that clean.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
let world: World;
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let browser: Browser;
let worker: WebWorker;

describe('disconnect, proxied AP', () => {
  beforeAll(async () => {
    world = await startWorld({ scenario: 'active-integration', mode: 'proxied' });
    session = await launchWithExtension({ hosts: world.hosts });
    browser = session.browser;
    worker = session.worker;
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.waitForSelector('#provider-url');
    await options.type('#provider-url', world.provider.url);
    await options.type('#provider-key', DEMO_API_KEY);
    await options.click('[data-testid="options-save"]');
    await options.waitForFunction(
      () => document.querySelector('[data-testid="options-status"]')?.textContent?.startsWith('Połączono'),
      { timeout: 10_000 },
    );
    await options.close();
  });

  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('finds the leftovers, says they remain and how to remove them, and keeps the AP rows marked', async () => {
    await world.provider.app.request('/__provider/faults', {
      method: 'POST',
      body: JSON.stringify({ sessionExpired: true }),
    });
    const ap = await browser.newPage();
    await ap.goto('https://ap-demo.ksef.mf.gov.pl/web/permissions', { waitUntil: 'load' });
    await ap.waitForFunction(() => document.querySelectorAll('ksef-companion-mark').length === 2, { timeout: 15_000 });
    const tabId = await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { tabs: { query: (q: object) => Promise<{ id?: number }[]> } } })
        .chrome;
      return (await c.tabs.query({ url: 'https://ap-demo.ksef.mf.gov.pl/*' }))[0]?.id ?? -1;
    });
    const popup = await browser.newPage();
    await popup.setViewport({ width: 400, height: 760 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid="job-start"]', { timeout: 15_000 });
    await popup.click('[data-testid="job-start"]');
    await popup.waitForSelector('[data-testid="job-confirm"]', { timeout: 60_000 });
    await popup.click('[data-testid="job-confirm"]');
    await popup.waitForSelector('[data-testid="receipt-remaining"]', { timeout: 60_000 });
    expect(await popup.$eval('[data-testid="receipt"]', (e) => e.textContent ?? '')).toContain(
      'część uprawnień nadal jest w KSeF',
    );
    expect(await popup.$eval('[data-testid="receipt-remaining"]', (e) => e.textContent)).toContain(
      'Odbierz uprawnienie',
    );
    await popup.screenshot({ path: path.join(SHOTS, 'disconnect-proxied-receipt.png') });
    // Nothing was removed behind the AP's back; the rows are still marked for the user's own buttons.
    expect(world.twin.world.log.filter((e) => e.method === 'DELETE' && e.clientIp === '127.0.0.1')).toEqual([]);
    expect(
      world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt),
    ).toHaveLength(2);
    expect(await ap.$$eval('ksef-companion-mark', (m) => m.map((x) => x.getAttribute('data-verdict')))).toEqual([
      'leftover',
      'leftover',
    ]);
    await popup.close();
    await ap.close();
  }, 120_000);
});
