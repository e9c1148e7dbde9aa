import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../sim/provider/server';
import { listen, type Served } from '../sim/serve';
import { startWorld, type World } from '../sim/world';
import { extensionDatabase, launchSession, tabIdOf, type BrowserName, type ExtensionSession } from './browser';
import { OptionsPage } from './pages/options';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';
import { shootAtSizes } from './pages/sizes';
import { waitUntil } from './wait';

const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const AP_URL = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';

/** The part of the extension API the tests read where the extension's APIs are. */
interface ExtensionChrome {
  storage: { local: ChromeArea; session: ChromeArea };
}
interface ChromeArea {
  get: (keys: null) => Promise<Record<string, unknown>>;
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

  /** What a content script could read of what the extension keeps: `storage.local`. */
  function contentReadable(): Promise<string> {
    return session.inExtension(async () => {
      const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
      return JSON.stringify(await c.storage.local.get(null));
    });
  }

  /** Everything the extension keeps: its storage areas and its IndexedDB. */
  async function extensionStorage(): Promise<string> {
    const areas = await session.inExtension(async () => {
      const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
      const [local, session] = await Promise.all([c.storage.local.get(null), c.storage.session.get(null)]);
      return JSON.stringify({ local, session });
    });
    return `${areas}${JSON.stringify(await extensionDatabase(session))}`;
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
      const panel = new PanelOnAp(ap);
      await panel.waitFor('capture', 'Odczytano odpowiedzi KSeF: 1');
      expect(await panel.text('env')).toBe('DEMO');
      // The panel never breaks the AP's own controls: each row's checkbox is still there.
      expect(await ap.$$eval('tbody input[type=checkbox]', (b) => b.length)).toBe(6);
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
      await new PanelOnAp(ap).waitFor('capture', 'Odczytano odpowiedzi KSeF: 2');
    });

    it('counts imitation messages posted by page scripts as rejected, never as data', async () => {
      await ap.evaluate(() =>
        window.postMessage(
          { tag: 'ksef-companion/observer', v: 1, kind: 'response', status: 'forged' },
          location.origin,
        ),
      );
      const panel = new PanelOnAp(ap);
      await panel.waitFor('rejected', '1');
      expect(await panel.text('capture')).toBe('Odczytano odpowiedzi KSeF: 2');
    });

    it('keeps the panel off AP pages without grants until one is opened (SPA menu)', async () => {
      // What each AP tab asks of the background, in the order it asks.
      await session.inBackground((g) => {
        g.__asked = [];
        g.chrome.runtime.onMessage.addListener(
          (m: { type?: unknown }, sender: { tab?: { id?: number } }) =>
            void g.__asked.push({ tab: sender.tab?.id, type: m?.type }),
        );
      });
      const home = await browser.newPage();
      await home.goto('https://ap-demo.ksef.mf.gov.pl/web/', { waitUntil: 'load' });
      const homeTab = await tabIdOf(session, home.url());
      const askedByHome = () =>
        session.inBackground(
          (g, tab: number) =>
            (g.__asked as { tab?: number; type: string }[]).filter((a) => a.tab === tab).map((a) => a.type),
          homeTab,
        );
      // The visit reports its state once the page's features have settled whether to show the panel; a panel would
      // have been asked for before that report.
      await waitUntil("the home page's visit reported", askedByHome, (t) => t.includes('content→background:ap.state'));
      expect(await askedByHome()).not.toContain('content→background:panel.load');
      expect(await new PanelOnAp(home).isMounted()).toBe(false);
      await home.evaluate(() =>
        (
          [...document.querySelectorAll('nav a')].find(
            (a) => a.textContent === 'Zarządzaj uprawnieniami',
          ) as HTMLElement
        ).click(),
      );
      await new PanelOnAp(home).waitFor('panel', '', 10_000);
      await home.close();
    });

    it('opens the popup and reports the AP tab: environment and responses read', async () => {
      const popup = await PopupPage.open(session, ap, { width: 360, height: 320 });
      expect(await popup.environment()).toBe('KSeF – środowisko przedprodukcyjne (demo)');
      await popup.waitResponses(2);
      await popup.screenshot(shot('popup.png'));
      await popup.close();
    });

    it('options: refuses a non-HTTPS address and a wrong key, then links the local provider with its key', async () => {
      const options = await OptionsPage.open(session);
      await options.saveProvider('http://api.example.pl/ksef');
      await options.waitStatus('https://');
      await shootAtSizes(options.page, shot('options-error'), true);
      await options.saveProvider(world.provider.url, 'fk_wrong_key_000000');
      await options.waitStatus('nie przyjął tego klucza');
      await options.saveProvider(world.provider.url, DEMO_API_KEY);
      await options.waitStatus(/^Połączono\./);
      const linked = await options.linkedAccount();
      expect(linked).toMatch(/^Połączono z kontem „.+” u dostawcy .+ \(NIP [\d-]+\)\.$/);
      expect(await extensionStorage()).toContain(world.provider.url);
      // Neither the address nor the key where a content script could read or rewrite them.
      expect(await contentReadable()).not.toContain(world.provider.url);
      expect(await contentReadable()).not.toContain(DEMO_API_KEY);
      // The key is in the background's storage, and nowhere on the page once linked.
      expect(await options.html()).not.toContain(DEMO_API_KEY);
      await options.screenshot(shot('options-saved.png'));
      await options.close();
      // Whose account it is, still there after the page is opened again; no second provider section beside it.
      const again = await OptionsPage.open(session);
      expect(await again.linkedAccount()).toBe(linked);
      expect(await again.hasManualProfile()).toBe(false);
      await shootAtSizes(again.page, shot('options-linked'), true);
      await again.close();
    });

    it("popup: the provider's status beside the audit, and their disagreement as the headline", async () => {
      await world.reseed('leftovers-after-disconnect');
      const ap2 = await browser.newPage();
      await ap2.goto(AP_URL, { waitUntil: 'load' });
      await ap2.waitForFunction(() => document.querySelectorAll('ksef-companion-mark').length === 2, {
        timeout: 15_000,
      });
      const popup = await PopupPage.open(session, ap2, { width: 380, height: 520 });
      expect(await popup.headline()).toBe(
        'Fakturowo sp. z o.o. uznaje integrację za odłączoną, ale KSeF nadal pokazuje jego uprawnienia: 2.',
      );
      expect(await popup.providerState()).toContain('odłączono');
      await popup.screenshot(shot('popup-status.png'));
      expect(await popup.html()).not.toContain(DEMO_API_KEY);
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
        const options = await OptionsPage.open(session);
        const before = world.provider.store.log.length;
        await options.saveProvider(`https://${PROVIDER_HOST}`, DEMO_API_KEY);
        await options.waitStatus(/^Połączono\./, 15_000);
        expect(await has()).toBe(true);
        // The background reached the provider at that address.
        expect(world.provider.store.log.length).toBeGreaterThan(before);
        expect(await extensionStorage()).toContain(`https://${PROVIDER_HOST}`);
        await options.close();
      });
  });
}
