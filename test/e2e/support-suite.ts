import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../sim/people';
import { DEMO_API_KEY } from '../sim/provider/server';
import type { World } from '../sim/world';
import {
  clickPanel,
  expireProviderSession,
  launchSession,
  linkedWorld,
  openAp,
  openPopup as openPopupFor,
  tourStep,
  waitTourStep,
  waitTourText,
  type BrowserName,
} from './browser';

/**
 * Support staff and own certificates: a diagnostic report exported after a disconnect that left
 * grants behind, opened in the viewer of a fresh profile; guided steps that remove a leftover through the
 * replica's own buttons; the certificate watch as the twin's clock moves.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const DAY = 86_400_000;

export function supportSuite(name: BrowserName) {
  let env: Awaited<ReturnType<typeof linkedWorld>>;
  let world: World;
  let browser: Browser;
  let downloads: string;
  let reportFile: string;
  let apVerdicts: string[];

  interface ExtensionChrome {
    storage: { local: { get: (k: string) => Promise<Record<string, unknown>> } };
    alarms: {
      get: (n: string) => Promise<{ periodInMinutes?: number } | undefined>;
      create: (n: string, a: { when: number }) => Promise<void>;
    };
    notifications: { getAll: () => Promise<Record<string, boolean>> };
  }

  const shot = (file: string) => path.join(SHOTS, name === 'chromium' ? file : `${name}-${file}`);
  const providerGrants = () =>
    world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt);
  const openPopup = (ap: Page) => openPopupFor(env, ap);

  /** Press the control the step outlines (the AP may have drawn it again a moment ago: wait until it is there). */
  async function pressOutlined(ap: Page) {
    await ap.waitForFunction(
      () => {
        const el = document.querySelector<HTMLElement>('[data-ksef-companion-guide]');
        el?.click();
        return !!el;
      },
      { timeout: 10_000, polling: 100 },
    );
  }

  describe(`support staff and own certificates (${name})`, () => {
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      env = await linkedWorld({ scenario: 'active-integration', mode: 'direct', browser: name });
      ({ world, browser, downloads } = env);
    });

    afterAll(async () => {
      await env?.close();
    });

    it('exports a redacted report after a disconnect that left grants behind', async () => {
      await expireProviderSession(world);
      const ap = await openAp(browser, '/permissions', 2);
      const popup = await openPopup(ap);
      await popup.waitForSelector('[data-testid="job-start"]', { timeout: 15_000 });
      await popup.click('[data-testid="job-start"]');
      await popup.waitForSelector('[data-testid="job-cancel"]', { timeout: 60_000 });
      // The provider could not revoke (its session had expired): the user leaves the grants for now.
      await popup.click('[data-testid="job-cancel"]');
      await ap.waitForFunction(
        () => document.querySelectorAll('ksef-companion-mark[data-verdict="leftover"]').length === 2,
        { timeout: 20_000, polling: 100 },
      );
      expect(providerGrants()).toHaveLength(2);
      apVerdicts = await ap.$$eval('main table tbody tr', (rows) =>
        rows.map((r) => r.querySelector('ksef-companion-mark')?.getAttribute('data-verdict') ?? 'other'),
      );
      expect(apVerdicts.filter((v) => v === 'leftover')).toHaveLength(2);

      const fresh = await openPopup(ap);
      await fresh.waitForSelector('[data-testid="report-export"]');
      await fresh.waitForSelector('[data-testid="tour-start-remove-leftovers"]', { timeout: 15_000 });
      // By keyboard: focus the export button and press Enter.
      await fresh.focus('[data-testid="report-export"]');
      await fresh.keyboard.press('Enter');
      await fresh.waitForSelector('[data-testid="report-saved"]', { timeout: 20_000 });
      await fresh.screenshot({ path: shot('support-popup.png'), fullPage: true });
      const name = (await fresh.$eval('[data-testid="report-saved"]', (e) => e.textContent ?? '')).match(
        /ksef-companion-raport-[\d-]+\.json/,
      )![0];
      reportFile = path.join(downloads, name);
      for (let i = 0; i < 50 && !existsSync(reportFile); i++) await new Promise((r) => setTimeout(r, 100));
      const json = readFileSync(reportFile, 'utf8');
      const report = JSON.parse(json);
      expect(report).toMatchObject({ format: 'ksef-companion-diagnostic-report', version: 1, redacted: true });
      expect(report.audit.grants.map((g: { verdict: string }) => g.verdict)).toEqual(apVerdicts);
      expect(report.receipts[0].outcome).toBe('cancelled');
      // Identifiers masked, and no secret whatever the choice.
      expect(json).not.toContain(USER.nip);
      expect(json).not.toContain(PROVIDER.nip);
      expect(json).toContain('776***1692');
      expect(json).not.toContain(DEMO_API_KEY);
      expect(json).not.toMatch(/eyJ[\w-]+\.eyJ/);
      await Promise.all([fresh.close(), popup.close()]);
      await ap.close();
    }, 120_000);

    it('opens the report in the viewer of a fresh profile, with the same verdicts; a bad file only gets a message', async () => {
      const other = await launchSession(name, { hosts: {} });
      try {
        const page = await other.openExtensionPage('report.html');
        const input = await page.waitForSelector('input[data-testid="viewer-file"]');
        const bad = path.join(downloads, 'not-a-report.json');
        writeFileSync(bad, '{"format":"ksef-companion-diagnostic-report","version":99}');
        await input!.uploadFile(bad);
        await page.waitForSelector('[data-testid="viewer-error"]');
        expect(await page.$eval('[data-testid="viewer-error"]', (e) => e.getAttribute('data-problem'))).toBe('version');
        expect(await page.$('[data-testid="viewer-report"]')).toBeNull();
        await input!.uploadFile(reportFile);
        await page.waitForSelector('[data-testid="viewer-report"]');
        expect(await page.$('[data-testid="viewer-error"]')).toBeNull();
        const verdicts = await page.$$eval('[data-testid="viewer-grants"] tbody tr', (rows) =>
          rows.map((r) => r.getAttribute('data-verdict')),
        );
        expect(verdicts).toEqual(apVerdicts);
        const text = await page.$eval('[data-testid="viewer-report"]', (e) => e.textContent ?? '');
        expect(text).toContain('Pozostałość po Fakturowo');
        expect(text).toContain('776***1692');
        expect(text).not.toContain(PROVIDER.nip);
        expect(await page.$$eval('[data-testid="viewer-timeline"] li', (l) => l.length)).toBeGreaterThan(1);
        expect(await page.$('[data-testid="viewer-receipts"] [data-testid="receipt"]')).not.toBeNull();
        await page.screenshot({ path: shot('support-viewer.png'), fullPage: true });
      } finally {
        await other.close();
      }
    }, 60_000);

    it("guides the user from the viewer to the list and through the replica's own buttons until nothing is left", async () => {
      const ap = await openAp(browser, '/');
      const viewer = await browser.newPage();
      await env.gotoExtensionPage(viewer, 'report.html');
      const input = await viewer.waitForSelector('input[data-testid="viewer-file"]');
      await input!.uploadFile(reportFile);
      await viewer.click('[data-testid="tour-start-remove-leftovers"]');
      await ap.bringToFront();
      // Step 1: the AP's own menu entry is outlined; the user follows it.
      await waitTourStep(ap, 'openPermissions');
      expect(await ap.$eval('[data-ksef-companion-guide]', (e) => e.textContent)).toBe('Zarządzaj uprawnieniami');
      await ap.screenshot({ path: shot('support-tour-menu.png') });
      await pressOutlined(ap);
      // Step 2: each leftover's row, its own "Odbierz uprawnienie" focused: Enter, then the AP's confirmation.
      for (let left = 2; left >= 1; left--) {
        await waitTourText(ap, `Zostało: ${left}.`);
        if (left === 2) await ap.screenshot({ path: shot('support-tour-row.png') });
        // The focus is on the row's own control (it moves there with the step).
        await ap.waitForFunction(
          () =>
            document.activeElement?.textContent === 'Odbierz uprawnienie' &&
            !!document.activeElement.closest('[data-ksef-companion-guide]'),
          { timeout: 10_000, polling: 100 },
        );
        await ap.keyboard.press('Enter');
        const confirm = await ap.waitForSelector('[role="dialog"] button');
        await confirm!.click();
        await ap.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 20_000, polling: 100 });
      }
      // Step 3: "Odśwież"; the card then says what the audit finds on the list read again.
      await waitTourStep(ap, 'checkAgain');
      await pressOutlined(ap);
      await waitTourText(ap, 'Gotowe. Na liście nie ma już', { start: true });
      expect(providerGrants()).toHaveLength(0);
      await ap.screenshot({ path: shot('support-tour-done.png') });
      await clickPanel(ap, 'tour-close');
      expect(await tourStep(ap)).toBeNull();
      await Promise.all([viewer.close(), ap.close()]);
    }, 120_000);

    it('says so when a step points at a control the AP no longer shows', async () => {
      const ap = await openAp(browser, '/');
      // The AP renamed the menu entry the step looks for (whenever it draws its menu).
      await ap.evaluate(() => {
        const rename = () =>
          document.querySelectorAll('nav a').forEach((a) => {
            if (a.textContent === 'Lista certyfikatów') a.textContent = 'Certyfikaty – wykaz';
          });
        rename();
        new MutationObserver(rename).observe(document.body, { childList: true, subtree: true });
      });
      const popup = await browser.newPage();
      await env.gotoExtensionPage(popup, 'report.html');
      const input = await popup.waitForSelector('input[data-testid="viewer-file"]');
      await input!.uploadFile(reportFile);
      await popup.click('[data-testid="tour-start-renew-certificate"]');
      await waitTourStep(ap, 'openCertificates', 'false');
      expect((await tourStep(ap))!.text).toContain('Nie widzę na tej stronie „Lista certyfikatów”');
      await clickPanel(ap, 'tour-skip');
      // The next step's control is still there: it is outlined.
      await waitTourStep(ap, 'requestCertificate', 'true');
      expect(await ap.$eval('[data-ksef-companion-guide]', (e) => e.textContent)).toBe('Wnioskuj o certyfikat');
      await clickPanel(ap, 'tour-close');
      await Promise.all([popup.close(), ap.close()]);
    }, 60_000);

    it('warns about own certificates 30/14/7 days ahead and on revocation, then again as the twin clock moves', async () => {
      await world.reseed('own-certificates');
      const told = () =>
        env.inExtension(async () => {
          const c = (globalThis as unknown as { chrome: ExtensionChrome }).chrome;
          const state = (await c.storage.local.get('certificateWatch')).certificateWatch as
            { told: Record<string, string[]> } | undefined;
          return Object.values(state?.told ?? {})
            .flat()
            .sort();
        });
      // Headless Firefox closes a notification as soon as it is shown, so `getAll` soon lists none there: the
      // notifications Firefox created for the background are counted as it creates them.
      if (name === 'firefox')
        await env.inBackground((g) => {
          const api = g.browser.notifications;
          const create = api.create.bind(api);
          g.__notified = [];
          api.create = async (...a: unknown[]) => {
            const id = await create(...a);
            g.__notified.push(id);
            return id;
          };
        });
      const ap = await openAp(browser, '/certificates');
      await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 5, {
        timeout: 15_000,
        polling: 100,
      });
      for (let i = 0; i < 100 && (await told()).length < 4; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await told()).toEqual(['expires-14', 'expires-30', 'expires-7', 'revoked']);
      // One notification per warning, each naming the certificate and what is due.
      const ids = () =>
        name === 'firefox'
          ? env.inBackground((g) => [...(g.__notified as string[])])
          : env.inExtension(async () =>
              Object.keys(await (globalThis as unknown as { chrome: ExtensionChrome }).chrome.notifications.getAll()),
            );
      const notified = async () =>
        (await ids())
          .filter((id) => id.startsWith('ksef-companion-cert-'))
          .map((id) => id.split(':').pop())
          .sort();
      expect(await notified()).toEqual(['expires-14', 'expires-30', 'expires-7', 'revoked']);

      // Twenty days on, for KSeF and for the browser: the daily alarm finds two expired, one within 14 days.
      world.twin.clock.advance(20 * DAY);
      await env.inBackground((g, ms: number) => {
        const d = g.Date as { now: () => number; __real?: () => number };
        d.__real ??= d.now.bind(g.Date);
        const real = d.__real;
        d.now = () => real() + ms;
      }, 20 * DAY);
      await env.inBackground(async (g) => {
        await g.chrome.alarms.create('ksef-companion-certificates', { when: g.Date.__real() + 100 });
      });
      for (let i = 0; i < 100 && (await told()).length < 7; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await told()).toEqual([
        'expired',
        'expired',
        'expires-14',
        'expires-14',
        'expires-30',
        'expires-7',
        'revoked',
      ]);
      // The alarm is daily again after it fired.
      for (let i = 0; i < 20; i++) {
        const alarm = await env.inExtension(() =>
          (globalThis as unknown as { chrome: ExtensionChrome }).chrome.alarms.get('ksef-companion-certificates'),
        );
        if (alarm?.periodInMinutes === 1440) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(
        (
          await env.inExtension(() =>
            (globalThis as unknown as { chrome: ExtensionChrome }).chrome.alarms.get('ksef-companion-certificates'),
          )
        )?.periodInMinutes,
      ).toBe(1440);
      const popup = await openPopup(ap);
      await popup.waitForSelector('[data-testid="cert-item"]', { timeout: 15_000 });
      const alerts = await popup.$$eval('[data-testid="cert-item"]', (l) => l.map((e) => e.getAttribute('data-alert')));
      expect(alerts.sort()).toEqual(['expired', 'expired', 'expires-14', 'none', 'revoked']);
      await popup.screenshot({ path: shot('support-certificates.png'), fullPage: true });
      await popup.close();
      await ap.close();
      await env.inBackground((g) => {
        const d = g.Date as { now: () => number; __real?: () => number };
        if (d.__real) d.now = d.__real;
      });
      expect(readdirSync(downloads).length).toBeGreaterThan(0);
    }, 120_000);
  });
}
