import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedWorld, openAp, openPopup, waitTourStep } from './browser';

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

/** Press Tab until the focus is on the element `testId` inside the panel's shadow root (at most `max` times). */
async function tabToPanel(page: Page, testId: string, max = 80): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(
      () => document.querySelector('ksef-companion')?.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null,
    );
    if (at === testId) return true;
  }
  return false;
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
    await ap.waitForFunction(
      () => !!document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="card"]'),
      { timeout: 15_000, polling: 100 },
    );
    expect(await violations(ap, true)).toEqual([]);
    // Keyboard: Tab reaches the panel's controls after the AP's own; Enter collapses and expands it.
    expect(await tabToPanel(ap, 'panel-toggle')).toBe(true);
    await ap.keyboard.press('Enter');
    await ap.waitForFunction(
      () =>
        document
          .querySelector('ksef-companion')
          ?.shadowRoot?.querySelector('[data-testid="panel"]')
          ?.getAttribute('data-open') === 'false',
    );
    await ap.keyboard.press('Enter');
    await ap.close();
  }, 60_000);

  it('popup, options and report viewer: no serious or critical violation; export and open by keyboard', async () => {
    const ap = await openAp(browser, '/permissions', 2);
    const popup = await openPopup(env, ap);
    await popup.waitForSelector('[data-testid="popup-status"]', { timeout: 15_000 });
    await popup.waitForSelector('[data-testid="tour-start-remove-leftovers"]', { timeout: 15_000 });
    expect(await violations(popup)).toEqual([]);
    // The include-identifiers warning is announced as an alert and passes too.
    await popup.click('[data-testid="report-include"]');
    await popup.waitForSelector('[data-testid="report-warning"]');
    expect(await violations(popup)).toEqual([]);
    await popup.click('[data-testid="report-include"]');
    // Keyboard only: Tab to "Pobierz raport diagnostyczny", Space.
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let onExport = false;
    for (let i = 0; i < 40 && !onExport; i++) {
      await popup.keyboard.press('Tab');
      onExport = await popup.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'report-export');
    }
    expect(onExport).toBe(true);
    await popup.keyboard.press('Space');
    await popup.waitForSelector('[data-testid="report-saved"]', { timeout: 20_000 });
    // The download is complete once the file has its own name (not Chromium's `.crdownload`).
    const saved = () => readdirSync(downloads).find((f) => f.endsWith('.json'));
    for (let i = 0; i < 100 && !saved(); i++) await new Promise((r) => setTimeout(r, 100));
    const file = path.join(downloads, saved()!);

    const options = await browser.newPage();
    await options.goto(`chrome-extension://${env.extensionId}/options.html`);
    await options.waitForSelector('[data-testid="options-status"]');
    expect(await violations(options)).toEqual([]);

    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${env.extensionId}/report.html`);
    const input = await viewer.waitForSelector('input[data-testid="viewer-file"]');
    expect(await violations(viewer)).toEqual([]);
    // The file picker is reachable by keyboard (the first control on the page).
    await viewer.keyboard.press('Tab');
    expect(await viewer.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('viewer-file');
    await input!.uploadFile(file);
    await viewer.waitForSelector('[data-testid="viewer-report"]');
    expect(await violations(viewer)).toEqual([]);
    await input!.uploadFile(path.resolve(__dirname, '../../package.json'));
    await viewer.waitForSelector('[data-testid="viewer-error"]');
    expect(await violations(viewer)).toEqual([]);
    await Promise.all([options.close(), viewer.close(), popup.close()]);
    await ap.close();
  }, 90_000);

  it('guided overlay: no serious or critical violation; its step and its buttons work by keyboard', async () => {
    const ap = await openAp(browser, '/permissions', 2);
    const popup = await openPopup(env, ap);
    await popup.waitForSelector('[data-testid="tour-start-remove-leftovers"]', { timeout: 15_000 });
    await popup.click('[data-testid="tour-start-remove-leftovers"]');
    await ap.bringToFront();
    await waitTourStep(ap, 'removeRows');
    expect(await violations(ap, true)).toEqual([]);
    await ap.screenshot({ path: path.join(SHOTS, 'a11y-tour.png') });
    // The AP's own control has the focus: the user can act at once. Tab then reaches "Pomiń krok"; Enter skips.
    expect(await ap.evaluate(() => document.activeElement?.textContent)).toBe('Odbierz uprawnienie');
    expect(await tabToPanel(ap, 'tour-skip')).toBe(true);
    await ap.keyboard.press('Enter');
    await waitTourStep(ap, 'checkAgain', 'true', 10_000);
    expect(await tabToPanel(ap, 'tour-close')).toBe(true);
    await ap.keyboard.press('Enter');
    await ap.waitForFunction(
      () => !document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="tour"]'),
      { timeout: 10_000, polling: 100 },
    );
    await Promise.all([popup.close(), ap.close()]);
  }, 60_000);
});
