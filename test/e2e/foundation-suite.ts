import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../sim/provider/server';
import { listen, type Served } from '../sim/serve';
import { startWorld, type World } from '../sim/world';
import { launchSession, panelText, type BrowserName, type ExtensionSession } from './browser';

const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const AP_URL = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';

/** The part of the extension API the tests read where the extension's APIs are. */
interface ExtensionChrome {
  storage: { local: ChromeArea; session: ChromeArea };
  tabs: { query: (q: { url: string }) => Promise<{ id?: number }[]> };
}
interface ChromeArea {
  get: (keys: null) => Promise<Record<string, unknown>>;
}

async function waitForPanelText(page: Page, testId: string, contains: string) {
  await page.waitForFunction(
    (id, text) =>
      document
        .querySelector('ksef-companion')
        ?.shadowRoot?.querySelector(`[data-testid="${id}"]`)
        ?.textContent?.includes(text),
    { timeout: 15_000 },
    testId,
    contains,
  );
}

/** A provider's API on a host of its own (reserved for examples, mapped to loopback). */
const PROVIDER_HOST = 'ksef-api.dostawca.example';

export function foundationSuite(name: BrowserName) {
  let providerTls: Served;
  let world: World;
  let session: ExtensionSession;
  let browser: Browser;
  let ap: Page;
  const shot = (file: string) => path.join(SHOTS, name === 'chromium' ? file : `${name}-${file}`);

  /** Everything the extension keeps: its storage areas. */
  function extensionStorage(): Promise<string> {
    return session.inExtension(async () => {
      const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
      const [local, session] = await Promise.all([c.storage.local.get(null), c.storage.session.get(null)]);
      return JSON.stringify({ local, session });
    });
  }

  /** Bearer tokens the browser (the AP page) sent to the twin. */
  const pageTokens = () => [
    ...new Set(
      world.twin.world.log.filter((e) => e.clientIp === '127.0.0.1' && e.authorization).map((e) => e.authorization!),
    ),
  ];

  describe(`foundation: the built extension in ${name} on the AP replica`, () => {
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      world = await startWorld({ scenario: 'risky', mode: 'direct' });
      // The provider as the store build reaches it: HTTPS on a host of its own, outside the build's host list.
      providerTls = await listen(world.provider.app, { https: true });
      session = await launchSession(name, { hosts: { ...world.hosts, [PROVIDER_HOST]: providerTls.port } });
      browser = session.browser;
      ap = await browser.newPage();
    });

    afterAll(async () => {
      await session?.close();
      await providerTls?.close();
      await world?.close();
    });

    it('mounts the panel in a shadow root on the AP and counts the KSeF responses it saw', async () => {
      await ap.goto(AP_URL, { waitUntil: 'load' });
      await ap.waitForFunction(() => [...document.querySelectorAll('tbody tr')].length === 6, { timeout: 15_000 });
      await waitForPanelText(ap, 'capture', 'Odczytano odpowiedzi KSeF: 1');
      expect(await panelText(ap, 'panel-env')).toBe('DEMO');
      // The panel never breaks the AP's own controls: the revoke buttons are still there.
      expect(await ap.$$eval('tbody button', (b) => b.length)).toBe(6);
      await ap.screenshot({ path: shot('ap-panel.png') });
    });

    it('sees XMLHttpRequest responses too, after SPA navigation', async () => {
      await ap.evaluate(() => {
        const link = [...document.querySelectorAll('nav a')].find(
          (a) => a.textContent === 'Lista tokenów',
        ) as HTMLAnchorElement;
        link.click();
      });
      await ap.waitForFunction(() => document.querySelector('h1')?.textContent === 'Lista tokenów');
      await waitForPanelText(ap, 'capture', 'Odczytano odpowiedzi KSeF: 2');
    });

    it('counts imitation messages posted by page scripts as rejected, never as data', async () => {
      await ap.evaluate(() =>
        window.postMessage(
          { tag: 'ksef-companion/observer', v: 1, kind: 'response', status: 'forged' },
          location.origin,
        ),
      );
      await waitForPanelText(ap, 'rejected', '1');
      expect(await panelText(ap, 'capture')).toBe('Odczytano odpowiedzi KSeF: 2');
    });

    it('keeps the panel off AP pages without grants until one is opened (SPA menu)', async () => {
      const home = await browser.newPage();
      await home.goto('https://ap-demo.ksef.mf.gov.pl/web/', { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 800));
      expect(await home.$('ksef-companion')).toBeNull();
      await home.evaluate(() =>
        (
          [...document.querySelectorAll('nav a')].find(
            (a) => a.textContent === 'Zarządzaj uprawnieniami',
          ) as HTMLElement
        ).click(),
      );
      await home.waitForFunction(
        () => !!document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="panel"]'),
        {
          timeout: 10_000,
        },
      );
      await home.close();
    });

    it('opens the popup and reports the AP tab: environment and responses read', async () => {
      const tabId = await session.inExtension(async () => {
        const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
        const [tab] = await c.tabs.query({ url: 'https://ap-demo.ksef.mf.gov.pl/*' });
        return tab?.id ?? -1;
      });
      expect(tabId).toBeGreaterThan(0);
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, { width: 360, height: 320 });
      await popup.waitForSelector('[data-testid="popup-env"]', { timeout: 10_000 });
      expect(await popup.$eval('[data-testid="popup-env"]', (e) => e.textContent)).toBe(
        'KSeF – środowisko przedprodukcyjne (demo)',
      );
      await popup.waitForFunction(
        () => document.querySelector('[data-testid="popup-responses"]')?.textContent === '2',
        {
          timeout: 10_000,
        },
      );
      await popup.screenshot({ path: shot('popup.png') });
      await popup.close();
    });

    it('options: refuses a non-HTTPS address and a wrong key, then links the local provider with its key', async () => {
      const options = await session.openExtensionPage('options.html');
      await options.waitForSelector('#provider-url');
      await options.type('#provider-url', 'http://api.example.pl/ksef');
      await options.click('[data-testid="options-save"]');
      await options.waitForFunction(() =>
        document.querySelector('[data-testid="options-status"]')?.textContent?.includes('https://'),
      );
      await options.screenshot({ path: shot('options-error.png') });
      await options.$eval('#provider-url', (e) => ((e as HTMLInputElement).value = ''));
      await options.type('#provider-url', world.provider.url);
      await options.type('#provider-key', 'fk_wrong_key_000000');
      await options.click('[data-testid="options-save"]');
      await options.waitForFunction(
        () => document.querySelector('[data-testid="options-status"]')?.textContent?.includes('nie przyjął klucza'),
        { timeout: 10_000 },
      );
      await options.$eval('#provider-key', (e) => ((e as HTMLInputElement).value = ''));
      await options.type('#provider-key', DEMO_API_KEY);
      await options.click('[data-testid="options-save"]');
      await options.waitForFunction(
        () => document.querySelector('[data-testid="options-status"]')?.textContent?.startsWith('Połączono z kontem'),
        { timeout: 10_000 },
      );
      expect(await extensionStorage()).toContain(world.provider.url);
      // The key is in the background's storage, and nowhere on the page once linked.
      expect(await options.evaluate(() => document.documentElement.outerHTML)).not.toContain(DEMO_API_KEY);
      await options.screenshot({ path: shot('options-saved.png') });
      await options.close();
    });

    it("popup: the provider's status beside the audit, and their disagreement as the headline", async () => {
      await world.reseed('leftovers-after-disconnect');
      const ap2 = await browser.newPage();
      await ap2.goto(AP_URL, { waitUntil: 'load' });
      await ap2.waitForFunction(() => document.querySelectorAll('ksef-companion-mark').length === 2, {
        timeout: 15_000,
      });
      const tabId = await session.inExtension(async () => {
        const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
        const tabs = await c.tabs.query({ url: 'https://ap-demo.ksef.mf.gov.pl/*' });
        return tabs.at(-1)?.id ?? -1;
      });
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, { width: 380, height: 520 });
      await popup.waitForSelector('[data-testid="popup-headline"]', { timeout: 10_000 });
      expect(await popup.$eval('[data-testid="popup-headline"]', (e) => e.textContent)).toBe(
        'Fakturowo sp. z o.o. uznaje integrację za odłączoną, ale KSeF nadal pokazuje jego uprawnienia: 2.',
      );
      expect(await popup.$eval('[data-testid="popup-provider-state"]', (e) => e.textContent)).toContain('odłączono');
      await popup.screenshot({ path: shot('popup-status.png') });
      expect(await popup.evaluate(() => document.documentElement.outerHTML)).not.toContain(DEMO_API_KEY);
      await popup.close();
      await ap2.close();
    });

    it('keeps the KSeF access token in the page: not in extension storage', async () => {
      const tokens = pageTokens();
      expect(tokens.length).toBeGreaterThan(0);
      const stored = await extensionStorage();
      for (const t of tokens) expect(stored).not.toContain(t.replace(/^Bearer /, ''));
    });

    // Chromium asks the user in a prompt that a headless run cannot answer; Firefox grants it by a preference.
    if (name === 'firefox')
      it('links a provider at its own HTTPS address: the optional host permission is asked for and granted', async () => {
        const origin = `https://${PROVIDER_HOST}/*`;
        const has = () =>
          session.inExtension(
            (o: string) =>
              (
                globalThis as unknown as {
                  chrome: { permissions: { contains: (p: { origins: string[] }) => Promise<boolean> } };
                }
              ).chrome.permissions.contains({ origins: [o] }),
            origin,
          );
        expect(await has()).toBe(false);
        const options = await session.openExtensionPage('options.html');
        await options.waitForSelector('#provider-url');
        await options.$eval('#provider-url', (e) => ((e as HTMLInputElement).value = ''));
        await options.type('#provider-url', `https://${PROVIDER_HOST}`);
        await options.type('#provider-key', DEMO_API_KEY);
        const before = world.provider.store.log.length;
        await options.click('[data-testid="options-save"]');
        await options.waitForFunction(
          () => document.querySelector('[data-testid="options-status"]')?.textContent?.startsWith('Połączono z kontem'),
          { timeout: 15_000 },
        );
        expect(await has()).toBe(true);
        // The background reached the provider at that address.
        expect(world.provider.store.log.length).toBeGreaterThan(before);
        expect(await extensionStorage()).toContain(`https://${PROVIDER_HOST}`);
        await options.close();
      });
  });
}
