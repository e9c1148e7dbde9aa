import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../sim/people';
import { DEMO_API_KEY } from '../sim/provider/server';
import type { World } from '../sim/world';
import { expireProviderSession, launchSession, linkedWorld, openAp, type BrowserName } from './browser';
import { GuidedSteps } from './pages/guided-steps';
import { PopupPage } from './pages/popup';
import { ReportViewer } from './pages/viewer';
import { shootAtSizes } from './pages/sizes';
import { waitUntil } from './wait';

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
  const openPopup = (ap: Page) => PopupPage.open(env, ap, { width: 400, height: 900 });

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
      await popup.startDisconnect();
      // The provider could not revoke (its session had expired): the user leaves the grants for now.
      await popup.leaveForNow();
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
      await fresh.waitTourOffered('remove-leftovers');
      // By keyboard: focus the export button and press Enter.
      await fresh.focusExport();
      await fresh.page.keyboard.press('Enter');
      const name = await fresh.savedReportName();
      await fresh.screenshot(shot('support-popup.png'), true);
      reportFile = path.join(downloads, name);
      await waitUntil(`the report ${name} among the downloads`, () => existsSync(reportFile));
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
        const viewer = await ReportViewer.open(other);
        const bad = path.join(downloads, 'not-a-report.json');
        writeFileSync(bad, '{"format":"ksef-companion-diagnostic-report","version":99}');
        expect(await viewer.chooseRefused(bad)).toBe('version');
        expect(await viewer.showsReport()).toBe(false);
        await viewer.chooseReport(reportFile);
        expect(await viewer.showsError()).toBe(false);
        expect(await viewer.grantVerdicts()).toEqual(apVerdicts);
        const text = await viewer.text();
        expect(text).toContain('Pozostałość po Fakturowo');
        expect(text).toContain('776***1692');
        expect(text).not.toContain(PROVIDER.nip);
        expect(await viewer.timelineLength()).toBeGreaterThan(1);
        expect(await viewer.hasReceipt()).toBe(true);
        await viewer.screenshot(shot('support-viewer.png'), true);
        await shootAtSizes(viewer.page, shot('support-viewer'), true);
      } finally {
        await other.close();
      }
    }, 60_000);

    it("guides the user from the viewer to the list and through the replica's own buttons until nothing is left", async () => {
      const ap = await openAp(browser, '/');
      const viewer = await ReportViewer.in(env, await browser.newPage());
      await viewer.chooseReport(reportFile);
      await viewer.startTour('remove-leftovers');
      await ap.bringToFront();
      const steps = new GuidedSteps(ap);
      // Step 1: the AP's own menu entry is outlined; the user follows it.
      await steps.waitStep('openPermissions');
      expect(await steps.outlinedText()).toBe('Zarządzaj uprawnieniami');
      await ap.screenshot({ path: shot('support-tour-menu.png') });
      await steps.pressOutlined();
      // Step 2: each leftover's row: its checkbox focused (Space), then "Odbierz uprawnienie" below the list
      // (Enter), then the AP's confirmation. The focus moves with the step.
      for (let left = 2; left >= 1; left--) {
        await steps.waitText(`Zostało: ${left}.`);
        if (left === 2) await ap.screenshot({ path: shot('support-tour-row.png') });
        await steps.revokeOutlinedRow({ keys: true });
        const confirm = await ap.waitForSelector('[role="dialog"] button');
        await confirm!.click();
        await ap.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 20_000, polling: 100 });
      }
      // Step 3: "Odśwież"; the card then says what the audit finds on the list read again.
      await steps.waitStep('checkAgain');
      await steps.pressOutlined();
      await steps.waitText('Gotowe. Na liście nie ma już', { start: true });
      expect(providerGrants()).toHaveLength(0);
      await ap.screenshot({ path: shot('support-tour-done.png') });
      await steps.close();
      expect(await steps.current()).toBeNull();
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
      // The viewer offers renewing only for a report with a certificate that needs it: one expiring in 5 days.
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
        audit: { contextNip: string } | null;
        certificates: unknown[];
      };
      report.certificates.push({
        environment: 'DEMO',
        contextNip: report.audit?.contextNip ?? '526***7635',
        serial: '0123456789ABCDEF',
        name: 'Certyfikat firmy',
        validTo: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        status: 'Active',
        seenInAp: true,
        usedByProvider: false,
        seenAt: Date.now(),
      });
      const withCertificate = path.join(path.dirname(reportFile), 'report-certificate.json');
      writeFileSync(withCertificate, JSON.stringify(report));
      const viewer = await ReportViewer.in(env, await browser.newPage());
      await viewer.chooseReport(withCertificate);
      await viewer.startTour('renew-certificate');
      const steps = new GuidedSteps(ap);
      await steps.waitStep('openCertificates', 'false');
      expect((await steps.current())!.text).toContain('Nie widzę na tej stronie „Lista certyfikatów”');
      await steps.skip();
      // The next step's control is still there: it is outlined.
      await steps.waitStep('requestCertificate', 'true');
      expect(await steps.outlinedText()).toBe('Wnioskuj o certyfikat');
      await steps.close();
      await Promise.all([viewer.close(), ap.close()]);
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
      await waitUntil('four warnings recorded', told, (t) => t.length >= 4);
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
      await waitUntil('seven warnings recorded', told, (t) => t.length >= 7);
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
      const alarm = () =>
        env.inExtension(() =>
          (globalThis as unknown as { chrome: ExtensionChrome }).chrome.alarms.get('ksef-companion-certificates'),
        );
      await waitUntil('the daily alarm set again', alarm, (a) => a?.periodInMinutes === 1440, { timeout: 2_000 });
      const popup = await openPopup(ap);
      const alerts = await popup.certificateAlerts();
      expect(alerts.sort()).toEqual(['expired', 'expired', 'expires-14', 'none', 'revoked']);
      await popup.screenshot(shot('support-certificates.png'), true);
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
