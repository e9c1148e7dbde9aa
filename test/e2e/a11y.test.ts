import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedWorld, openAp } from './browser';
import { GuidedSteps } from './pages/guided-steps';
import { OptionsPage } from './pages/options';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';
import { ReportViewer } from './pages/viewer';
import { waitUntil } from './wait';

/**
 * Accessibility: the panel, row marks, popup, options, report viewer and guided overlay pass axe-core
 * with no serious or critical violation, and the controls work by keyboard. On AP pages only what is ours is
 * judged (the panel's host and the marks): the replica's own markup is not the product.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');

let env: Awaited<ReturnType<typeof linkedWorld>>;
let browser: Browser;
let downloads: string;

interface Found {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious or critical violations on `page`; with `ours`, only those inside our own elements. */
async function violations(page: Page, ours = false): Promise<Found[]> {
  const result = await new AxePuppeteer(page).analyze();
  // The scan must have reached into our shadow roots, or an empty list would prove nothing.
  const checked = result.passes
    .flatMap((p) => p.nodes)
    .filter((n) => JSON.stringify(n.target).includes('ksef-companion'));
  if (ours && checked.length === 0) throw new Error('axe did not check the panel or the marks');
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }))
    .map((v) => (ours ? { ...v, targets: v.targets.filter((t) => t.includes('ksef-companion')) } : v))
    .filter((v) => v.targets.length > 0);
}

describe('accessibility and keyboard', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await linkedWorld({ scenario: 'leftovers-after-disconnect', mode: 'direct' });
    ({ browser, downloads } = env);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('panel and row marks: no serious or critical violation; the panel works by keyboard', async () => {
    const ap = await openAp(browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    await panel.waitFor('card');
    expect(await violations(ap, true)).toEqual([]);
    // Keyboard: Tab reaches the panel's controls after the AP's own; Enter collapses and expands it.
    expect(await panel.tabTo('toggle')).toBe(true);
    await ap.keyboard.press('Enter');
    await panel.waitOpen(false);
    await ap.keyboard.press('Enter');
    await panel.waitOpen(true);
    await ap.close();
  }, 60_000);

  it('popup, options and report viewer: no serious or critical violation; export and open by keyboard', async () => {
    const ap = await openAp(browser, '/permissions', 2);
    const popup = await PopupPage.open(env, ap, { width: 400, height: 900 });
    await popup.waitStatus();
    await popup.waitTourOffered('remove-leftovers');
    expect(await violations(popup.page)).toEqual([]);
    // The include-identifiers warning is announced as an alert and passes too.
    await popup.toggleIdentifiers(true);
    expect(await violations(popup.page)).toEqual([]);
    await popup.toggleIdentifiers(false);
    // Keyboard only: Tab to "Pobierz raport diagnostyczny", Space.
    expect(await popup.tabToExport()).toBe(true);
    await popup.page.keyboard.press('Space');
    const name = await popup.savedReportName();
    // The download is complete once the file has its own name (not Chromium's `.crdownload`).
    await waitUntil(`the report ${name} among the downloads`, () => readdirSync(downloads).includes(name));
    const file = path.join(downloads, name);

    const options = await OptionsPage.open(env);
    expect(await violations(options.page)).toEqual([]);

    const viewer = await ReportViewer.open(env);
    expect(await violations(viewer.page)).toEqual([]);
    // The file picker is reachable by keyboard (the first control on the page).
    await viewer.page.keyboard.press('Tab');
    expect(await viewer.pickerFocused()).toBe(true);
    await viewer.chooseReport(file);
    expect(await violations(viewer.page)).toEqual([]);
    expect(await viewer.chooseRefused(path.resolve(__dirname, '../../package.json'))).not.toBeNull();
    expect(await violations(viewer.page)).toEqual([]);
    await Promise.all([options.close(), viewer.close(), popup.close()]);
    await ap.close();
  }, 90_000);

  it('guided overlay: no serious or critical violation; its step and its buttons work by keyboard', async () => {
    const ap = await openAp(browser, '/permissions', 2);
    const popup = await PopupPage.open(env, ap, { width: 400, height: 900 });
    await popup.startTour('remove-leftovers');
    await ap.bringToFront();
    const steps = new GuidedSteps(ap);
    await steps.waitStep('removeRows');
    expect(await violations(ap, true)).toEqual([]);
    await ap.screenshot({ path: path.join(SHOTS, 'a11y-tour.png') });
    // The AP's own control has the focus (the outlined row's checkbox: its list acts on checked rows), so the
    // user can act at once. Tab then reaches "Pomiń krok"; Enter skips.
    expect(await steps.focusIsOnOutlinedRow()).toBe(true);
    expect(await steps.tabTo('skip')).toBe(true);
    await ap.keyboard.press('Enter');
    await steps.waitStep('checkAgain', 'true', 10_000);
    expect(await steps.tabTo('close')).toBe(true);
    await ap.keyboard.press('Enter');
    await steps.waitClosed();
    await Promise.all([popup.close(), ap.close()]);
  }, 60_000);
});
