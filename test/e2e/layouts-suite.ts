import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_LAYOUTS, type ApLayout, type ApMode } from '../sim/ap/server';
import { PROVIDER } from '../sim/people';
import { linkedWorld, openAp, type BrowserName } from './browser';
import { clickText, GuidedSteps } from './pages/guided-steps';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';

/**
 * The AP's lists where the public record is silent (docs/ap.md): a revoke button in each row, drawn as an icon
 * named only by `aria-label` (and "Odśwież" too); a menu in each row; rows without a `<table>` at routes
 * nobody knows. On each, the audit marks the leftovers and the guided steps take the user through the AP's own
 * controls until KSeF holds none of the provider's grants. The default layout (selection-based, as the manual
 * describes) runs in the guided, support and accessibility suites.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');

export interface LayoutVariant {
  name: string;
  mode: ApMode;
  layout: Partial<ApLayout>;
}
export const VARIANTS: LayoutVariant[] = [
  { name: 'row-buttons-icons', mode: 'direct', layout: NAMED_LAYOUTS['row-buttons-icons'] },
  { name: 'row-menus', mode: 'proxied', layout: NAMED_LAYOUTS['row-menus'] },
  { name: 'aria-rows-other-routes', mode: 'direct', layout: NAMED_LAYOUTS['aria-rows-other-routes'] },
];

export function layoutsSuite(browserName: BrowserName, variants: readonly LayoutVariant[]) {
  describe.each(variants)(`AP layout $name ($mode, ${browserName})`, ({ name, mode, layout }) => {
    let env: Awaited<ReturnType<typeof linkedWorld>>;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      env = await linkedWorld({ scenario: 'leftovers-after-disconnect', mode, layout, browser: browserName });
    });
    afterAll(async () => {
      await env?.close();
    });

    it('marks the leftovers and guides the removal through the AP’s own controls until none is left', async () => {
      const { world, browser } = env;
      const routes = world.replica.routes;
      const ap = await openAp(browser, routes.permissions.replace(/^\/web/, ''), 2);
      await ap.setViewport({ width: 1024, height: 768 });
      const popup = await PopupPage.open(env, ap);
      await popup.startTour('remove-leftovers');
      await ap.bringToFront();
      const steps = new GuidedSteps(ap);
      await steps.waitStep('removeRows');
      for (let left = 2; left >= 1; left--) {
        await steps.waitText(`Zostało: ${left}.`);
        if (left === 2) {
          await steps.waitOutlinedSettled();
          await ap.screenshot({ path: path.join(SHOTS, `layout-${name}-${browserName}-guided-1024.png`) });
        }
        await steps.revokeOutlinedRow();
        await clickText(ap, '[role="dialog"] button', 'Odbierz');
        await ap.waitForFunction(() => !document.querySelector('[role="dialog"]'), { timeout: 20_000 });
      }
      // "Odśwież" is found by its accessible name, an icon's `aria-label` included.
      await steps.waitStep('checkAgain');
      await steps.pressOutlined();
      await steps.waitText('Gotowe. Na liście nie ma już', { start: true });
      expect(
        world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt),
      ).toHaveLength(0);
      await steps.close();
      await popup.close();

      // The token list, wherever it lives, is known by what it shows: the panel comes and names it.
      await ap.goto(`https://ap-demo.ksef.mf.gov.pl${routes.tokens}`, { waitUntil: 'load' });
      await new PanelOnAp(ap).waitFor('panel', 'Strona: Lista tokenów');
      await ap.close();
    }, 120_000);
  });
}
