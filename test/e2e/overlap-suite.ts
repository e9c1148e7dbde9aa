import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_LAYOUTS, type LayoutName } from '../sim/ap/server';
import { linkedWorld, openAp, type BrowserName } from './browser';
import { ApRoom } from './pages/ap-room';
import { PanelOnAp } from './pages/panel';

/**
 * The AP stays fully usable with the extension in it: at each common window size, with the panel open and
 * collapsed, and scrolled to the end of the list, no control of the AP that is in the window is under anything
 * else (`elementFromPoint` at its centre), and the marks on the rows never widen a list.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
export const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Layouts whose lists act on checked rows, so that the AP's dialog can be opened the same way in each. */
const SELECTION: readonly LayoutName[] = ['default', 'fixed-header'];

export function overlapSuite(browserName: BrowserName, layouts: readonly LayoutName[]) {
  describe.each(layouts)(`the AP's room, layout %s (${browserName})`, (layoutName) => {
    let env: Awaited<ReturnType<typeof linkedWorld>>;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      env = await linkedWorld({
        scenario: 'leftovers-after-disconnect',
        mode: 'direct',
        layout: NAMED_LAYOUTS[layoutName],
        browser: browserName,
      });
    });
    afterAll(async () => {
      await env?.close();
    });

    it('covers no control of the AP and widens no list, at every size, open and collapsed', async () => {
      const route = env.world.replica.routes.permissions.replace(/^\/web/, '');
      const ap = await openAp(env.browser, route, 2);
      const room = new ApRoom(ap);
      const panel = new PanelOnAp(ap);
      await panel.waitFor('card');
      for (const size of SIZES) {
        await ap.setViewport(size);
        for (const open of [true, false]) {
          if ((await panel.isOpen()) !== open) {
            await panel.press('toggle');
            await panel.waitOpen(open);
          }
          await ap.evaluate(() => window.scrollTo(0, 0));
          await room.waitSettled();
          const where = `${size.width}×${size.height}, ${open ? 'open' : 'collapsed'}, ${await room.placement()}`;
          if (open)
            await ap.screenshot({ path: path.join(SHOTS, `room-${layoutName}-${browserName}-${size.width}.png`) });
          expect(await room.coveredControls(), where).toEqual([]);
          if (open && SELECTION.includes(layoutName)) {
            // The AP's own dialog, drawn over its page, is not under the panel either.
            await room.openRevokeDialog();
            await room.waitSettled();
            expect(await room.coveredControls(), `${where}, the AP's dialog`).toEqual([]);
            await room.cancelDialog();
          }
          // Narrower is possible (taller rows bring the window's scroll bar), wider is not.
          expect(Math.max(0, ...(await room.marksWidening())), where).toBe(0);
          // The end of the page: the list's actions and paging below it.
          await ap.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await room.waitSettled();
          expect(await room.coveredControls(), `${where}, scrolled to the end`).toEqual([]);
        }
      }
      await ap.close();
    }, 120_000);
  });
}
