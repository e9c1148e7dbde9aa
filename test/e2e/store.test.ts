import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../sim/provider/server';
import { startWorld, type World } from '../sim/world';
import { launchWithExtension } from './browser';
import { GuidedSteps } from './pages/guided-steps';
import { OptionsPage } from './pages/options';
import { PanelOnAp } from './pages/panel';
import { ReportViewer } from './pages/viewer';

/**
 * The store screenshots and the README's user guide pictures, in Polish and English (1280×800, the Chrome Web
 * Store's size), made from the product running against the replica: the panel on the AP's own list, a guided
 * step, and the report viewer. A test run writes them to `test-output/store/<lang>/`; `npm run store:screenshots`
 * (a person, on purpose) writes the tracked ones in `public/store/<lang>/` (kept out of the extension by
 * wxt.config.ts).
 */
const STORE = path.resolve(__dirname, '../..', process.env.STORE_SCREENSHOTS_DIR ?? 'test-output/store');
const AP = 'https://ap-demo.ksef.mf.gov.pl/web';
let world: World;
let scratch: string;

describe('store screenshots', () => {
  beforeAll(async () => {
    world = await startWorld({ scenario: 'leftovers-after-disconnect', mode: 'direct' });
    scratch = mkdtempSync(path.join(tmpdir(), 'ksef-store-'));
  });
  afterAll(async () => {
    await world?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const lang of ['pl', 'en'] as const) {
    it(`in ${lang}: the panel, a guided step and the report viewer`, async () => {
      const out = path.join(STORE, lang);
      mkdirSync(out, { recursive: true });
      const session = await launchWithExtension({ hosts: world.hosts, lang });
      try {
        const { browser } = session;
        await OptionsPage.linkProvider(session, world.provider.url, DEMO_API_KEY);
        const ap = await browser.newPage();
        await ap.setViewport({ width: 1280, height: 800 });
        await ap.goto(`${AP}/permissions`, { waitUntil: 'load' });
        await ap.waitForFunction(() => document.querySelectorAll('ksef-companion-mark').length === 2, {
          timeout: 15_000,
          polling: 100,
        });
        await new PanelOnAp(ap).waitFor('leftovers');
        await ap.screenshot({ path: path.join(out, '1-panel.png') });

        // The report, built as the popup builds it, for the viewer.
        const viewer = await ReportViewer.open(session, { width: 1280, height: 800 });
        const json = await viewer.page.evaluate(async () => {
          const c = (
            globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }
          ).chrome;
          const tabs = await (
            globalThis as unknown as { chrome: { tabs: { query: (q: object) => Promise<{ id?: number }[]> } } }
          ).chrome.tabs.query({ url: 'https://ap-demo.ksef.mf.gov.pl/*' });
          const reply = (await c.runtime.sendMessage({
            type: 'popup→background:report.build',
            payload: { includeIdentifiers: false, tabId: tabs[0]?.id ?? null },
          })) as { json: string };
          return reply.json;
        });
        const file = path.join(scratch, `report-${lang}.json`);
        writeFileSync(file, json);
        await viewer.chooseReport(file);
        await viewer.showAudit();
        await viewer.screenshot(path.join(out, '3-report.png'));

        // A guided step, started from the viewer: the leftover's row to check (its list acts on checked rows).
        await viewer.startTour('remove-leftovers');
        await ap.bringToFront();
        const steps = new GuidedSteps(ap);
        await steps.waitStep('removeRows');
        await steps.waitOutlinedSettled();
        await ap.screenshot({ path: path.join(out, '2-guided.png') });
        const step = (await steps.current())?.text ?? '';
        expect(step).toContain(
          lang === 'pl' ? 'Zaznacz pole wyboru w obrysowanym wierszu' : 'Tick the checkbox in the outlined row',
        );
      } finally {
        await session.close();
      }
    }, 90_000);
  }
});
