import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER } from '../sim/people';
import type { World } from '../sim/world';
import { expireProviderSession, linkedWorld, openAp } from './browser';
import { clickText, GuidedSteps } from './pages/guided-steps';
import { PopupPage } from './pages/popup';

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
      const popup = await PopupPage.open(env, ap);
      // The AP renders on its server: the tab cannot say which company it shows, so the user names it.
      if (mode === 'dom-only') await popup.enterCompanyNip('526-587-76-35');
      await popup.startDisconnectUntilConfirm();
      await popup.confirmRemoval();
      // The page cannot call KSeF itself here: the panel points at the AP's own button, row by row.
      const steps = new GuidedSteps(ap);
      // The user turns to the AP tab (a page in the background gets no animation frames to wait on).
      await ap.bringToFront();
      for (let left = 2; left >= 1; left--) {
        await steps.waitLeft(left);
        if (left === 2) {
          expect(await steps.guideText()).toContain('Odbierz uprawnienie');
          await ap.screenshot({
            path: path.join(SHOTS, mode === 'proxied' ? 'disconnect-guided.png' : `disconnect-guided-${mode}.png`),
          });
        }
        if (mode === 'proxied') {
          // The user, as guided: the outlined row checked, "Odbierz uprawnienie" below the list, the AP's
          // confirmation, then "Odśwież". Each is pressed once it is there (the AP re-renders its rows).
          await steps.revokeOutlinedRow();
          await clickText(ap, '[role="dialog"] button', 'Odbierz');
          await ap.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 20_000 });
          await clickText(ap, 'button, a', 'Odśwież');
        } else {
          // The outlined row checked, the form's "Odbierz uprawnienie", then the AP's own confirmation page,
          // which sends them back to the list.
          await Promise.all([ap.waitForNavigation(), steps.revokeOutlinedRow()]);
          await Promise.all([ap.waitForNavigation(), clickText(ap, 'form button', 'Odbierz')]);
        }
      }
      const receipt = await popup.receipt();
      if (mode === 'proxied') expect(receipt).toContain('nie ma już uprawnień dostawcy');
      else {
        // The AP renders its list on its server: the rows on screen are all that was read in the user's session,
        // which is not a whole read of the list, so the receipt does not call it clean.
        expect(receipt).toContain('nie widać już uprawnień dostawcy, ale nie potwierdził tego każdy świadek');
        expect(receipt).toContain('odczytano tylko: wiersze widoczne na stronie');
      }
      expect(await popup.receiptInAp()).toContain(': 2');
      expect(
        world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt),
      ).toHaveLength(0);
      expect(await steps.outlinedCount()).toBe(0);
      await popup.screenshot(path.join(SHOTS, `disconnect-${mode}-receipt.png`));
      await popup.close();
      await ap.close();
    }, 120_000);
  });
}
