import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../sim/people';
import { DEMO_API_KEY } from '../sim/provider/server';
import type { World } from '../sim/world';
import {
  expireProviderSession,
  extensionDatabase as databaseOf,
  linkedWorld,
  openAp,
  type BrowserName,
} from './browser';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';
import { waitUntil } from './wait';

/**
 * The verified disconnect, direct mode, in Chromium or Firefox: the provider's session as the user has
 * expired, so its revocation leaves both grants behind; the extension finds them, the user confirms, they are
 * removed from the user's own AP session and the receipt says KSeF no longer shows them.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const AP = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';

interface ExtensionChrome {
  storage: { local: Area; session: Area };
}
interface Area {
  get: (keys: null) => Promise<Record<string, unknown>>;
}

export function disconnectSuite(name: BrowserName) {
  let env: Awaited<ReturnType<typeof linkedWorld>>;
  let world: World;
  let browser: Browser;
  const shot = (file: string) => path.join(SHOTS, name === 'chromium' ? file : `${name}-${file}`);

  const extensionDatabase = () => databaseOf(env);

  const providerGrants = () =>
    world.twin.world.permissions.filter(
      (p) => p.authorizedIdentifier.value === PROVIDER.nip && p.revokedAt === undefined,
    );

  /** The popup on the AP tab `ap` (the session asks the background of the moment: a test stops one). */
  const openPopup = (ap: Page) => PopupPage.open(env, ap);

  describe(`disconnect, verified end to end (direct, ${name})`, () => {
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      env = await linkedWorld({ scenario: 'active-integration', mode: 'direct', browser: name });
      ({ world, browser } = env);
    });

    afterAll(async () => {
      await env?.close();
    });

    it("ends with a receipt and no grant for the provider's NIP, though the provider's session had expired", async () => {
      await expireProviderSession(world);
      expect(providerGrants()).toHaveLength(2);
      // Every runtime message the background receives, and every request it sends to a tab with its answer
      // (through `chrome` in Chromium, through Firefox's own `browser` there, whichever the background calls).
      await env.inBackground((g) => {
        g.__seen = [];
        g.chrome.runtime.onMessage.addListener((m: unknown) => void g.__seen.push(JSON.stringify(m)));
        for (const tabs of new Set([g.chrome.tabs, g.browser?.tabs].filter(Boolean))) {
          const send = tabs.sendMessage.bind(tabs);
          tabs.sendMessage = async (...a: unknown[]) => {
            const reply = await send(...a);
            g.__seen.push(JSON.stringify(a[1]), JSON.stringify(reply));
            return reply;
          };
        }
      });
      const ap = await openAp(browser, '/permissions', 2);
      // What the page can see of our messages (window messages between the observer and the content script).
      await ap.evaluate(() => {
        const w = window as unknown as { __pageMessages: string[] };
        w.__pageMessages = [];
        window.addEventListener('message', (e) => void w.__pageMessages.push(JSON.stringify(e.data)));
      });
      // Page scripts imitating extension messages reach nothing that calls the provider.
      const actions = () => world.provider.store.log.filter((e) => e.method !== 'GET').length;
      expect(actions()).toBe(0);
      const panel = new PanelOnAp(ap);
      expect(await panel.text('rejected')).toBeNull();
      await ap.evaluate(() => {
        for (const type of [
          'popup→background:job.start',
          'popup→background:job.confirm',
          'popup→background:provider.link',
        ])
          window.postMessage(
            { type, payload: { environment: 'DEMO', contextNip: '5265877635', tabId: 1, id: 'x' } },
            '*',
          );
        window.postMessage(
          {
            tag: 'ksef-companion/observer',
            v: 3,
            kind: 'response',
            method: 'POST',
            url: '',
            status: 200,
            text: '{"type":"popup→background:job.start"}',
          },
          location.origin,
        );
        // Last, one the content script rejects: once it is counted, every message before it has been handled.
        window.postMessage({ tag: 'ksef-companion/observer', v: 1, kind: 'response' }, location.origin);
      });
      await panel.waitFor('rejected');
      // The popup's own requests reach the background after anything the AP tab could have sent it before.
      const popup = await openPopup(ap);
      await popup.waitStatus();
      expect(actions()).toBe(0);
      const started = Date.now();
      await popup.startDisconnectUntilConfirm();
      expect(await popup.jobState()).toContain('zostało: 2');
      // Each item to be removed says what it is and who holds it, as KSeF named them.
      const offered = await popup.leftovers();
      expect(offered).toContain('wystawianie faktur');
      expect(offered).toContain('przeglądanie faktur');
      expect(offered).toContain('komu: Fakturowo sp. z o.o. (NIP 776-281-16-92)');
      // And in whose KSeF: the company, and where the extension learned it.
      expect(await popup.jobCompany()).toBe('Dotyczy firmy: 526-587-76-35 (z tokenu sesji AP, z nagłówka AP)');
      await popup.screenshot(shot('disconnect-confirm.png'));
      // Nothing is removed before the user confirms.
      expect(providerGrants()).toHaveLength(2);
      await popup.confirmRemoval();
      const receipt = await popup.receipt();
      expect(receipt).toContain('nie ma już uprawnień dostawcy');
      expect(receipt).toContain('Usunięto w Twojej sesji KSeF: 2');
      await popup.screenshot(shot('disconnect-receipt.png'));
      // Kept and listed: a fresh popup shows the receipt among all receipts.
      const again = await openPopup(ap);
      expect(await again.receipts()).toContain('nie ma już uprawnień');
      await again.close();
      console.log(`disconnect in ${name} (2 leftovers): ${Date.now() - started} ms`);

      expect(providerGrants()).toHaveLength(0);
      // One revocation at the provider, whatever retries happened.
      expect(world.provider.store.revocations.size).toBe(1);
      // The user's session removed them: DELETEs from the browser, with operations followed to their end.
      const fromBrowser = world.twin.world.log.filter((e) => e.clientIp === '127.0.0.1');
      expect(fromBrowser.filter((e) => e.method === 'DELETE')).toHaveLength(2);
      expect(fromBrowser.filter((e) => e.status === 429)).toEqual([]);
      console.log(
        `requests from the user's session: ${fromBrowser.length} (DELETE ${fromBrowser.filter((e) => e.method === 'DELETE').length}, operations ${fromBrowser.filter((e) => e.path.startsWith('/permissions/operations/')).length})`,
      );

      // Nothing the page could read of our window messages holds the provider key.
      const pageMessages = await ap.evaluate(() =>
        (window as unknown as { __pageMessages: string[] }).__pageMessages.join('\n'),
      );
      expect(pageMessages.length).toBeGreaterThan(0);
      expect(pageMessages).not.toContain(DEMO_API_KEY);
      // The AP tab follows the job without a reload: the card says what KSeF now holds, no row is marked the
      // integration's.
      await panel.waitFor('card', 'Integracja odłączona');
      await panel.waitFor('card', 'W KSeF nie ma uprawnień dostawcy.');
      // The AP's own list still shows the two grants it drew before: the panel says so and how to refresh it.
      await panel.waitFor('staleRows', 'w KSeF już nie ma (2)');
      await ap.screenshot({ path: shot('disconnect-ap-after.png') });
      expect(await ap.$$eval('ksef-companion-mark[data-verdict="integration"]', (m) => m.length)).toBe(0);
      // The AP's own list, refreshed, shows no provider row and no mark.
      const auditsReported = async () =>
        (await env.inBackground((g) => [...(g.__seen as string[])])).filter(
          (m) => m.startsWith('{"type":"content→background:audit.report"') && m.includes(USER.nip),
        ).length;
      const reportedBefore = await auditsReported();
      await ap.reload({ waitUntil: 'load' });
      await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { timeout: 15_000 });
      // The audit of the list read from KSeF again: its marks are placed before it is reported.
      await waitUntil('the audit of the reloaded list reported', auditsReported, (n) => n > reportedBefore, {
        timeout: 15_000,
      });
      // Rows the AP drew after that report are marked in a task the content script has queued by now.
      await ap.evaluate(() => new Promise((r) => setTimeout(r, 0)));
      expect(await ap.$$eval('ksef-companion-mark', (m) => m.length)).toBe(0);

      // Secrets: the provider key in no page and no page-visible message; the KSeF token nowhere of ours.
      expect(await ap.evaluate(() => document.documentElement.outerHTML)).not.toContain(DEMO_API_KEY);
      expect(await popup.html()).not.toContain(DEMO_API_KEY);
      const stored = await env.inExtension(async () => {
        const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
        return JSON.stringify(await Promise.all([c.storage.local.get(null), c.storage.session.get(null)]));
      });
      // IndexedDB too (audit history, jobs and their receipts; one database for the extension's origin): the key
      // only where it belongs, the configuration store no content script can open, and nowhere else.
      const { config, ...rest } = await extensionDatabase();
      const idb = JSON.stringify(rest);
      expect(idb).toContain('ksef-companion-');
      expect(idb).not.toContain(DEMO_API_KEY);
      expect(JSON.stringify(config)).toContain(DEMO_API_KEY);
      expect(stored).not.toContain(DEMO_API_KEY);
      const messages = await env.inBackground((g) => (g.__seen as string[]).join('\n'));
      expect(messages).toContain('background→content:call');
      expect(messages).not.toContain(DEMO_API_KEY);
      const tokens = [...new Set(fromBrowser.map((e) => e.authorization).filter(Boolean))] as string[];
      expect(tokens.length).toBeGreaterThan(0);
      for (const t of tokens) {
        expect(stored).not.toContain(t.replace(/^Bearer /, ''));
        expect(idb).not.toContain(t.replace(/^Bearer /, ''));
        expect(messages).not.toContain(t.replace(/^Bearer /, ''));
      }
      expect(JSON.stringify(world.provider.store.log)).not.toContain(tokens[0]!.replace(/^Bearer /, ''));
      await popup.close();
      await ap.close();
    });

    it('resumes a job whose background was stopped mid-verification, with the same receipt and no second revoke', async () => {
      await world.reseed('active-integration');
      await expireProviderSession(world);
      // KSeF shows removals a few seconds late: verification has to read again, which leaves time to stop it.
      await world.twin.app.request('/__twin/config', {
        method: 'POST',
        body: JSON.stringify({ visibilityLagMs: 5000 }),
      });
      const ap = await openAp(browser, '/permissions', 2);
      let popup = await openPopup(ap);
      await popup.startDisconnectUntilConfirm();
      await popup.confirmRemoval();
      await popup.waitJobState('Sprawdzam ponownie');
      const deletesBefore = world.twin.world.log.filter((e) => e.method === 'DELETE').length;
      // What only this background instance knows: a new one will not have it.
      await env.inBackground((g) => void (g.__instance = 'before-stop'));
      if (name === 'firefox') {
        // With the popup closed, what wakes the event page first (a message of the AP tab, or at the latest the
        // job's alarm every 30 s) resumes the job.
        await popup.close();
        await env.stopBackground();
        // Watched in the extension's database (which wakes no background).
        const state = async () => {
          const jobs = (await extensionDatabase()).jobs as { state: string; updatedAt: number }[];
          return jobs.sort((a, b) => b.updatedAt - a.updatedAt)[0]?.state ?? null;
        };
        const stoppedAt = Date.now();
        await waitUntil('the job done', state, (s) => s === 'done', { timeout: 45_000 });
        console.log(`firefox: the job went on ${Date.now() - stoppedAt} ms after its event page was stopped`);
        popup = await openPopup(ap);
      } else {
        // The popup stays open and hears of the job when a new worker (woken by a message of the AP tab, or at the
        // latest by the job's alarm) has resumed it.
        await env.stopBackground();
      }
      expect(await popup.receipt()).toContain('nie ma już uprawnień dostawcy');
      expect(providerGrants()).toHaveLength(0);
      expect(world.provider.store.revocations.size).toBe(1);
      expect(world.twin.world.log.filter((e) => e.method === 'DELETE').length).toBe(deletesBefore);
      // A new background finished the job: the stopped one is gone.
      expect(await env.inBackground((g) => g.__instance ?? null)).toBeNull();
      await popup.close();
      await ap.close();
    }, 120_000);

    it("provider-token: the token left in the user's name is revoked from the user's session", async () => {
      await world.reseed('provider-token');
      await expireProviderSession(world);
      await world.twin.app.request('/__twin/config', { method: 'POST', body: JSON.stringify({ visibilityLagMs: 0 }) });
      const active = () =>
        world.twin.world.tokens.filter((t) => t.description.includes('Fakturowo') && t.status === 'Active');
      expect(active()).toHaveLength(1);
      const ap = await browser.newPage();
      await ap.goto('https://ap-demo.ksef.mf.gov.pl/web/tokens', { waitUntil: 'load' });
      await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { timeout: 15_000 });
      const popup = await openPopup(ap);
      await popup.startDisconnectUntilConfirm();
      expect(await popup.leftovers()).toContain('token');
      await popup.confirmRemoval();
      expect(await popup.receipt()).toContain('Usunięto w Twojej sesji KSeF: 1');
      expect(active()).toHaveLength(0);
      await popup.close();
      await ap.close();
    }, 120_000);

    it('opens the AP again when its tab was closed before the leftovers were removed', async () => {
      await world.reseed('active-integration');
      await expireProviderSession(world);
      const ap = await openAp(browser, '/permissions', 2);
      const popup = await openPopup(ap);
      await popup.startDisconnectUntilConfirm();
      await ap.close();
      await popup.confirmRemoval();
      // The job opens "Zarządzaj uprawnieniami" again and goes on there; the popup of that new tab shows it.
      const reopened = await browser.waitForTarget((t) => t.url().startsWith(AP), { timeout: 30_000 });
      const again = (await reopened.page())!;
      await again.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, {
        timeout: 20_000,
      });
      const popup2 = await openPopup(again);
      expect(await popup2.receipt()).toContain('nie ma już uprawnień dostawcy');
      expect(providerGrants()).toHaveLength(0);
      await popup2.close();
      await popup.close();
      await again.close();
    }, 120_000);
  });
}
