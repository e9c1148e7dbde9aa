import type { Page } from 'puppeteer-core';
import { PANEL_HOST } from './panel';
import { clickText } from './guided-steps';

/** An AP control that something else is drawn over, with what is drawn there. */
export interface Covered {
  control: string;
  under: string;
}

/**
 * The AP's page with the extension in it, as a user sees its room: which of the AP's controls are visible but
 * under something else, whether our marks widen its tables, and where the panel sits. Specs use this and never
 * the markup it reads.
 */
export class ApRoom {
  constructor(readonly ap: Page) {}

  /**
   * Every AP control (links, buttons, fields, tabs, menu items, anything focusable) that is at least partly in the
   * window, and whose visible part's centre is drawn by something of ours: the panel or a mark. (The AP's own
   * fixed header over its scrolled content is the AP's business.)
   */
  coveredControls(): Promise<Covered[]> {
    return this.ap.evaluate((host: string) => {
      const SELECTOR =
        'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [role="tab"], ' +
        '[role="menuitem"], [role="checkbox"], [tabindex]:not([tabindex="-1"])';
      const w = document.documentElement.clientWidth;
      const h = document.documentElement.clientHeight;
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      const covered: { control: string; under: string }[] = [];
      for (const control of document.querySelectorAll(SELECTOR)) {
        if (control.closest(host)) continue;
        const box = control.getBoundingClientRect();
        const style = getComputedStyle(control);
        if (box.width < 1 || box.height < 1 || style.visibility === 'hidden') continue;
        const [x0, x1] = [Math.max(box.left, 0), Math.min(box.right, w)];
        const [y0, y1] = [Math.max(box.top, 0), Math.min(box.bottom, h)];
        if (x1 - x0 < 1 || y1 - y0 < 1) continue;
        const at = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
        if (!at || at === control || control.contains(at) || !at.closest(`${host}, ksef-companion-mark`)) continue;
        covered.push({ control: name(control), under: name(at) });
      }
      return covered;
    }, PANEL_HOST);
  }

  /** How much wider (px) each of the page's lists is with our marks than without them. */
  marksWidening(): Promise<number[]> {
    return this.ap.evaluate(() => {
      const lists = [...document.querySelectorAll('table, [role="table"], [role="grid"]')];
      const marks = [...document.querySelectorAll<HTMLElement>('ksef-companion-mark')];
      const withMarks = lists.map((l) => l.getBoundingClientRect().width);
      marks.forEach((m) => m.style.setProperty('display', 'none'));
      const without = lists.map((l) => l.getBoundingClientRect().width);
      marks.forEach((m) => m.style.setProperty('display', 'block'));
      return withMarks.map((wd, i) => Math.round(wd - without[i]!));
    });
  }

  /** Where the panel sits: docked at the window's right edge, or in a band at the top of the page. */
  placement(): Promise<'docked' | 'band' | 'none'> {
    return this.ap.evaluate((host: string) => {
      const el = document.querySelector(host);
      return !el ? 'none' : el.hasAttribute('data-band') ? 'band' : 'docked';
    }, PANEL_HOST);
  }

  /** Wait until the page and the panel have stopped moving (two frames with the same layout). */
  async waitSettled(timeout = 10_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string) => {
        const state = JSON.stringify([
          document.documentElement.scrollWidth,
          document.documentElement.scrollHeight,
          document.querySelector(host)?.getAttribute('data-band'),
          getComputedStyle(document.documentElement).marginRight,
        ]);
        const w = window as unknown as { __roomState?: string; __roomSame?: number };
        w.__roomSame = w.__roomState === state ? (w.__roomSame ?? 0) + 1 : 0;
        w.__roomState = state;
        return w.__roomSame >= 2;
      },
      { timeout, polling: 'raf' },
      PANEL_HOST,
    );
  }

  /** The AP's own revoke dialog, as a user opens it on a selection list: tick the first row, press the action. */
  async openRevokeDialog(): Promise<void> {
    await this.ap.click('main input[type="checkbox"]');
    await clickText(this.ap, 'main button', 'Odbierz uprawnienie');
    await this.ap.waitForSelector('[role="dialog"]');
  }

  /** Cancel the AP's dialog and untick the row again. */
  async cancelDialog(): Promise<void> {
    await clickText(this.ap, '[role="dialog"] button', 'Anuluj');
    await this.ap.waitForFunction(() => !document.querySelector('[role="dialog"]'));
    await this.ap.click('main input[type="checkbox"]');
  }
}
