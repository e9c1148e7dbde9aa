import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER } from '../sim/people';
import type { World } from '../sim/world';
import { expireProviderSession, linkedWorld, openAp, openPopup } from './browser';

/**
 * The verified disconnect where the page cannot call KSeF itself: the AP talks to KSeF through its own backend
 * (`proxied`) or renders and revokes on its server (`dom-only`, where the leftovers come from the visible rows
 * and the AP's revoke is a form page of its own). The user is guided through the AP's own "Odbierz uprawnienie",
 * row by row, and the same verification follows.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
let env: Awaited<ReturnType<typeof linkedWorld>>;
let world: World;
let browser: Browser;

/** Click the element matching `css` whose text is `text`, as soon as there is one. */
async function clickText(page: Page, css: string, text: string) {
  const handle = await page.waitForFunction(
    (c, t) => [...document.querySelectorAll(c)].find((e) => e.textContent?.trim() === t) ?? false,
    { timeout: 20_000, polling: 100 },
    css,
    text,
  );
  await (handle as unknown as { click: () => Promise<void> }).click();
}

export function guidedDisconnectSuite(mode: 'proxied' | 'dom-only') {
  describe(`disconnect, ${mode} AP`, () => {
    beforeAll(async () => {
      env = await linkedWorld({ scenario: 'active-integration', mode });
      ({ world, browser } = env);
    });

    afterAll(async () => {
      await env?.close();
    });

    it("guides the user through the AP's own buttons row by row, then verifies: a receipt and 0 grants left", async () => {
      await expireProviderSession(world);
      const ap = await openAp(browser, '/permissions', 2);
      const popup = await openPopup(env, ap, { width: 400, height: 760 });
      if (mode === 'dom-only') {
        // The AP renders on its server: the tab cannot say which company it shows, so the user names it.
        await popup.waitForSelector('#popup-nip-input', { timeout: 15_000 });
        await popup.type('#popup-nip-input', '526-587-76-35');
        await popup.click('[data-testid="popup-nip"] button');
      }
      await popup.waitForSelector('[data-testid="job-start"]', { timeout: 15_000 });
      await popup.click('[data-testid="job-start"]');
      await popup.waitForSelector('[data-testid="job-confirm"]', { timeout: 60_000 });
      await popup.click('[data-testid="job-confirm"]');
      // The page cannot call KSeF itself here: the panel points at the AP's own button, row by row.
      const guideText = () =>
        ap.evaluate(
          () =>
            document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="guide"]')?.textContent ??
            '',
        );
      // The user turns to the AP tab (a page in the background gets no animation frames to wait on).
      await ap.bringToFront();
      for (let left = 2; left >= 1; left--) {
        await ap.waitForFunction(
          (n) =>
            (
              document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="guide"]')
                ?.textContent ?? ''
            ).includes(`Zostało: ${n}.`),
          { timeout: 30_000 },
          left,
        );
        if (left === 2) {
          expect(await guideText()).toContain('Odbierz uprawnienie');
          await ap.screenshot({
            path: path.join(SHOTS, mode === 'proxied' ? 'disconnect-guided.png' : `disconnect-guided-${mode}.png`),
          });
        }
        const control = '[data-ksef-companion-guide] button, [data-ksef-companion-guide] a';
        if (mode === 'proxied') {
          // The user, as guided: the outlined row's own button, the AP's confirmation, then "Odśwież". Each is
          // clicked once it is there (the AP re-renders its rows; the outline follows a moment later).
          await clickText(ap, control, 'Odbierz uprawnienie');
          await clickText(ap, '[role="dialog"] button', 'Odbierz');
          await ap.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 20_000 });
          await clickText(ap, 'button, a', 'Odśwież');
        } else {
          // The outlined row's own link, then the AP's own confirmation page, which sends them back to the list.
          await Promise.all([ap.waitForNavigation(), clickText(ap, control, 'Odbierz uprawnienie')]);
          await Promise.all([ap.waitForNavigation(), clickText(ap, 'form button', 'Odbierz')]);
        }
      }
      await popup.waitForSelector('[data-testid="receipt"]', { timeout: 60_000 });
      expect(await popup.$eval('[data-testid="receipt"]', (e) => e.textContent ?? '')).toContain(
        'nie ma już uprawnień dostawcy',
      );
      expect(await popup.$eval('[data-testid="receipt-in-ap"]', (e) => e.textContent)).toContain(': 2');
      expect(
        world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt),
      ).toHaveLength(0);
      expect(await ap.$$eval('[data-ksef-companion-guide]', (r) => r.length)).toBe(0);
      await popup.screenshot({ path: path.join(SHOTS, `disconnect-${mode}-receipt.png`) });
      await popup.close();
      await ap.close();
    }, 120_000);
  });
}
