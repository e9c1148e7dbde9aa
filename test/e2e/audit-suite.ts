import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApMode } from '../sim/ap/server';
import type { ScenarioName } from '../sim/ksef/scenarios';
import { startWorld, type World } from '../sim/world';
import { PROVIDER } from '../sim/people';
import { badgeOf, launchSession, type BrowserName, type ExtensionSession } from './browser';
import { OptionsPage } from './pages/options';
import { PanelOnAp, type PanelPart } from './pages/panel';
import { shootAtSizes } from './pages/sizes';
import { waitUntil } from './wait';

/**
 * The audit in the AP, run against the replica in one mode and one browser: the right rows are marked, the card
 * is right, the badge counts leftovers and risks, SPA navigation leaves nothing behind. "Check all" over many
 * pages runs in Chromium only (it takes a minute of paced requests).
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const AP = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';

interface Marks {
  integration: number;
  leftover: number;
  risk: number;
}

export function auditSuite(mode: ApMode, name: BrowserName = 'chromium') {
  let world: World;
  let browser: Browser;
  let session: ExtensionSession;
  let ap: Page;
  const shot = (file: string) => path.join(SHOTS, name === 'chromium' ? file : `${name}-${file}`);

  const seed = (scenario: ScenarioName) => world.reseed(scenario);

  const setProfile = (state: 'active' | 'disconnected') =>
    OptionsPage.setProfile(session, { name: PROVIDER.product, nip: PROVIDER.nip }, state);

  const marks = (page: Page): Promise<Marks> =>
    page.evaluate(() => {
      const out = { integration: 0, leftover: 0, risk: 0 };
      for (const m of document.querySelectorAll('ksef-companion-mark'))
        out[m.getAttribute('data-verdict') as keyof typeof out]++;
      return out;
    });

  async function open(rows: number, expected: Marks) {
    await ap.goto(AP, { waitUntil: 'load' });
    await ap.waitForFunction(
      (n) => document.querySelectorAll('main table tbody tr').length === n,
      { timeout: 15_000 },
      rows,
    );
    await ap
      .waitForFunction(
        (e) => {
          const out = { integration: 0, leftover: 0, risk: 0 };
          for (const m of document.querySelectorAll('ksef-companion-mark'))
            out[m.getAttribute('data-verdict') as keyof typeof out]++;
          return out.integration === e.integration && out.leftover === e.leftover && out.risk === e.risk;
        },
        { timeout: 15_000 },
        expected,
      )
      .catch(async () => {
        throw new Error(`marks: ${JSON.stringify(await marks(ap))}, expected ${JSON.stringify(expected)}`);
      });
  }

  const panel = (part: PanelPart) => new PanelOnAp(ap).text(part);

  const badge = () => badgeOf(session);

  describe(`audit on the AP replica (${mode}, ${name})`, () => {
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      world = await startWorld({ scenario: 'active-integration', mode });
      session = await launchSession(name, { hosts: world.hosts });
      browser = session.browser;
      ap = await browser.newPage();
    });
    afterAll(async () => {
      await session?.close();
      await world?.close();
    });

    it('active-integration: marks the provider rows as the integration; both scopes present', async () => {
      await setProfile('active');
      await open(4, { integration: 2, leftover: 0, risk: 0 });
      if (mode !== 'dom-only') {
        await new PanelOnAp(ap).waitPresentScopes(2);
      } else {
        // The panel draws in a task after the marks (its renders are deferred): wait for its text, then check it.
        await new PanelOnAp(ap).waitFor('capture', 'Pełne sprawdzenie wymaga', 10_000);
        expect(await panel('capture')).toContain('Pełne sprawdzenie wymaga');
      }
      // The AP's own controls still work: each row's checkbox (or its own revoke link) is there, unmoved.
      expect(
        await ap.$$eval('main table tbody tr', (rows) =>
          rows.every(
            (r) => !!r.querySelector('input[type=checkbox]') || /Odbierz uprawnienie/.test(r.textContent ?? ''),
          ),
        ),
      ).toBe(true);
      await ap.screenshot({ path: shot(`audit-${mode}-active.png`) });
    });

    it('leftovers-after-disconnect: the provider is disconnected, its grants are leftovers, the badge counts them', async () => {
      await seed('leftovers-after-disconnect');
      await setProfile('disconnected');
      await open(4, { integration: 0, leftover: 2, risk: 0 });
      await waitUntil('the badge to count the two leftovers', badge, (b) => b === '2', { timeout: 5_000 });
      expect(`${await badge()} ${await panel('capture')}`).toMatch(/^2 /);
      await ap.screenshot({ path: shot(`audit-${mode}-leftovers.png`) });
    });

    it('duplicate-grants: the second copy and the hand-made grant are leftovers', async () => {
      await seed('duplicate-grants');
      await setProfile('active');
      await open(6, { integration: 2, leftover: 2, risk: 0 });
    });

    it('risky: delegable and broader-than-invoicing grants are risks', async () => {
      await seed('risky');
      // Rows rendered by the server do not show "may pass it on", so dom-only sees only the broader scopes.
      await open(
        6,
        mode === 'dom-only' ? { integration: 2, leftover: 0, risk: 2 } : { integration: 0, leftover: 0, risk: 4 },
      );
      if (mode !== 'dom-only') {
        await new PanelOnAp(ap).waitFor('risks');
        expect(await panel('risks')).toMatch(/Ryzyka: [45]/);
      }
      await ap.screenshot({ path: shot(`audit-${mode}-risky.png`) });
    });

    it('SPA navigation re-runs the audit and leaves no mark behind', async () => {
      if (mode === 'dom-only') {
        const link = await ap.waitForSelector('::-p-xpath(//nav//a[normalize-space()="Lista tokenów"])');
        await Promise.all([ap.waitForNavigation(), link!.click()]);
      } else {
        await ap.evaluate(() =>
          (
            [...document.querySelectorAll('nav a')].find((a) => a.textContent === 'Lista tokenów') as HTMLElement
          ).click(),
        );
      }
      await ap.waitForFunction(() => document.querySelector('h1')?.textContent === 'Lista tokenów', {
        timeout: 15_000,
      });
      // No grant's mark stays behind: what is marked now are token rows (no permission column), by their own verdict.
      await ap.waitForFunction(
        () =>
          [...document.querySelectorAll('ksef-companion-mark')].every(
            (m) => !/Wystawianie faktur|Przeglądanie faktur/.test(m.closest('tr')?.textContent ?? ''),
          ),
        { timeout: 5_000 },
      );
      expect(await ap.$$eval('ksef-companion', (p) => p.length)).toBe(1);
    });

    it('provider-token and provider-certificates: no grants to the provider, the card looks at tokens and certificates', async () => {
      await seed('provider-token');
      await open(2, { integration: 0, leftover: 0, risk: 0 });
      if (mode === 'dom-only') return;
      // The list's first page says nothing follows: the whole list was read, so "missing" is known.
      await new PanelOnAp(ap).waitFor('card', 'wystawianie faktur: brak');
      await ap.evaluate(() =>
        ([...document.querySelectorAll('nav a')].find((a) => a.textContent === 'Lista tokenów') as HTMLElement).click(),
      );
      await new PanelOnAp(ap).waitFor('risks', 'Fakturowo');
      // The public token list shows no reference number: its row is matched by name and creator, and marked.
      await ap.waitForFunction(() => document.querySelectorAll('tbody tr ksef-companion-mark').length === 1, {
        timeout: 10_000,
      });
      await seed('provider-certificates');
      // A new world means a new login: open the page afresh.
      await ap.goto('https://ap-demo.ksef.mf.gov.pl/web/certificates', { waitUntil: 'load' });
      await new PanelOnAp(ap).waitFor('risks', 'certyfikat');
      // The certificate rows the card speaks of, by their serial numbers.
      await ap.waitForFunction(() => document.querySelectorAll('tbody tr ksef-companion-mark').length > 0, {
        timeout: 10_000,
      });
      // A certificate list lists no grants: the scopes are not judged here, never called missing.
      await new PanelOnAp(ap).waitFor('card', 'wystawianie faktur: nie dotyczy tej strony');
      expect(await new PanelOnAp(ap).text('card')).not.toContain(': brak');
      await ap.screenshot({ path: shot(`audit-${mode}-certificates.png`) });
    });

    const chromiumOnly = name === 'chromium' ? it : it.skip;
    chromiumOnly('check all finds every record: 1,000 grants in 10 pages, the card counts the provider', async () => {
      if (mode === 'dom-only') return;
      await seed('accounting-office');
      // The accounting office's 10,002 grants would take over an hour within KSeF's 120/h; keep 1,000 of them
      // (the provider's and the accountant's among them).
      const all = world.twin.world.permissions;
      world.twin.world.permissions = [...all.slice(-4), ...all.slice(0, 996)];
      await ap.goto(AP, { waitUntil: 'load' });
      const panelOnAp = new PanelOnAp(ap);
      await panelOnAp.waitForButton('checkAll');
      const before = world.twin.world.log.length;
      await panelOnAp.press('checkAll');
      await panelOnAp.waitFor('checkAllResult', '', 60_000);
      expect(await panel('checkAllResult')).toContain('1000');
      const replays = world.twin.world.log.slice(before).filter((e) => e.path === '/permissions/query/persons/grants');
      expect(replays.length).toBeLessThanOrEqual(10);
      expect(replays.every((e) => e.status === 200)).toBe(true);
      // Every provider grant and the export's every row: nothing of the 1,000 was lost on the way.
      expect(await panel('card')).toContain('776-281-16-92');
      expect(await panel('card')).toContain('Należące do integracji: 2');
      const downloads = mkdtempSync(path.join(tmpdir(), 'ksef-export-'));
      const cdp = await browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      await panelOnAp.press('exportCsv');
      const file = path.join(downloads, 'ksef-uprawnienia.csv');
      await waitUntil('the exported CSV among the downloads', () => existsSync(file), Boolean, { timeout: 5_000 });
      const exported = readFileSync(file, 'utf8');
      await cdp.detach();
      expect(exported.trim().split('\n').length).toBeGreaterThanOrEqual(1001);
    });

    chromiumOnly('check all reads every page (accounting office, first pages) without a 429', async () => {
      if (mode === 'dom-only') return;
      await seed('accounting-office');
      await ap.goto(AP, { waitUntil: 'load' });
      await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 10, {
        timeout: 15_000,
      });
      const panelOnAp = new PanelOnAp(ap);
      await panelOnAp.waitFor('partial');
      const before = world.twin.world.log.length;
      await panelOnAp.press('checkAll');
      await panelOnAp.waitFor('checkAllProgress', '', 10_000);
      await shootAtSizes(ap, shot(`audit-${mode}-check-all`));
      // Reading all 101 pages at the paced rate takes minutes; here the first pages are checked, then cancelled.
      // Progress is told in records of the list (KSeF's pages of 100 are not the AP's pages).
      await panelOnAp.waitFor('checkAllProgress', /: ([89]\d\d|[1-9]\d{3,})\.$/, 30_000);
      await panelOnAp.press('cancelCheckAll');
      await panelOnAp.waitFor('checkAllResult', /^Przerwano\. Odczytano \(uprawnienia: \d+\)/, 10_000);
      await shootAtSizes(ap, shot(`audit-${mode}-check-all-cancelled`));
      const replays = world.twin.world.log.slice(before);
      expect(replays.filter((e) => e.status === 429)).toEqual([]);
      expect(replays.filter((e) => e.path === '/permissions/query/persons/grants').every((e) => e.status === 200)).toBe(
        true,
      );
    });
  });
}
