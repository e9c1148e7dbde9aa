import type { Page } from 'puppeteer-core';
import { PANEL_HOST, pressInShadow, tabToShadowControl } from './panel';

/** The AP's own control a guided step outlines. */
const OUTLINED = '[data-ksef-companion-guide]';

export interface GuidedStep {
  /** The step's id (`openPermissions`, `removeRows`, `checkAgain`, …). */
  step: string | null;
  /** `'true'` when the step found its control on the page, `'false'` when it says it cannot. */
  found: string | null;
  text: string;
}

/**
 * Guided steps on an AP page, as the user follows them: the step the panel's card shows, the AP's own control
 * it outlines, "Pomiń krok" and "Zamknij"; and the disconnect's guided removal, row by row. Specs use this and
 * never its test ids.
 */
export class GuidedSteps {
  constructor(readonly ap: Page) {}

  /** Start guided steps as the popup or the report viewer does, from any extension page. */
  static async startFrom(extensionPage: Page, tour: string, environment: string): Promise<void> {
    await extensionPage.evaluate(
      (t, e) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }
        ).chrome.runtime.sendMessage({ type: 'popup→background:tour.start', payload: { tour: t, environment: e } }),
      tour,
      environment,
    );
  }

  /** The step the panel shows; null when none. */
  current(): Promise<GuidedStep | null> {
    return this.ap.evaluate((host: string) => {
      const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="tour-text"]');
      return el
        ? { step: el.getAttribute('data-step'), found: el.getAttribute('data-found'), text: el.textContent ?? '' }
        : null;
    }, PANEL_HOST);
  }

  /** Wait until the panel shows step `step`, its control found (`'true'`) or not (`'false'`). */
  async waitStep(step: string, found: 'true' | 'false' = 'true', timeout = 20_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, s: string, f: string) => {
        const el = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="tour-text"]');
        return el?.getAttribute('data-step') === s && el.getAttribute('data-found') === f;
      },
      { timeout, polling: 100 },
      PANEL_HOST,
      step,
      found,
    );
  }

  /** Wait until the step's text contains `fragment` (or starts with it, with `start`). */
  async waitText(fragment: string, { start = false, timeout = 20_000 } = {}): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, f: string, s: boolean) => {
        const text =
          document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="tour-text"]')?.textContent ?? '';
        return s ? text.startsWith(f) : text.includes(f);
      },
      { timeout, polling: 100 },
      PANEL_HOST,
      fragment,
      start,
    );
  }

  /** "Pomiń krok". */
  skip = () => pressInShadow(this.ap, 'tour-skip');
  /** "Zamknij": the steps end. */
  close = () => pressInShadow(this.ap, 'tour-close');

  /** Press Tab until "Pomiń krok" (`skip`) or "Zamknij" (`close`) has the focus; whether it got there. */
  tabTo = (control: 'skip' | 'close', max = 80) => tabToShadowControl(this.ap, `tour-${control}`, max);

  /** Wait until the guided steps' card is gone. */
  async waitClosed(timeout = 10_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string) => !document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="tour"]'),
      { timeout, polling: 100 },
      PANEL_HOST,
    );
  }

  /** The text of the AP control the step outlines; null when none is outlined. */
  outlinedText(): Promise<string | null> {
    return this.ap.evaluate((css: string) => document.querySelector(css)?.textContent ?? null, OUTLINED);
  }

  /** How many of the AP's controls or rows are outlined. */
  outlinedCount(): Promise<number> {
    return this.ap.evaluate((css: string) => document.querySelectorAll(css).length, OUTLINED);
  }

  /**
   * Wait until the outlined control is in view and has stayed where it is for two frames (the step scrolls it
   * into view; the AP may still be laying out): what a screenshot then shows is what the user sees.
   */
  async waitOutlinedSettled(timeout = 10_000): Promise<void> {
    let last = '';
    const deadline = Date.now() + timeout;
    for (;;) {
      const at = await this.ap.evaluate(
        (css: string) =>
          new Promise<string>((resolve) =>
            requestAnimationFrame(() => {
              const r = document.querySelector(css)?.getBoundingClientRect();
              const inView = r && r.top >= 0 && r.bottom <= innerHeight;
              resolve(inView ? `${r.top},${r.left},${r.width},${r.height}` : '');
            }),
          ),
        OUTLINED,
      );
      if (at !== '' && at === last) return;
      if (Date.now() > deadline) throw new Error('The outlined control did not settle in view');
      last = at;
    }
  }

  /**
   * Press the control the step outlines, as soon as there is one. The AP may draw it again between finding and
   * pressing it: a control no longer on the page is looked for again. Pressing it may load a new page.
   */
  async pressOutlined(timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const handle = await this.ap.waitForSelector(OUTLINED, { timeout: Math.max(1, deadline - Date.now()) });
      const pressed = await handle!
        .evaluate((el) => {
          if (!el.isConnected) return false;
          (el as HTMLElement).click();
          return true;
        })
        // The press loaded a new page before its answer came back.
        .catch(() => true);
      await handle!.dispose().catch(() => undefined);
      if (pressed) return;
      if (Date.now() > deadline) throw new Error('The outlined control kept being drawn again');
    }
  }

  /** The disconnect's guided removal: what the panel says about the rows left to remove. */
  guideText(): Promise<string> {
    return this.ap.evaluate(
      (host: string) =>
        document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="guide"]')?.textContent ?? '',
      PANEL_HOST,
    );
  }

  /**
   * What has the focus, as the guide moved it there: `box` (a row's checkbox, with whether it is checked),
   * `menu` (a control that opens a menu) or the control's accessible name. Waits until the focus is on the
   * outlined row or on an outlined control.
   */
  private async focused(
    timeout: number,
    notAgain: string,
  ): Promise<{ kind: 'box' | 'menu' | 'control'; checked: boolean; name: string }> {
    const handle = await this.ap.waitForFunction(
      (css: string, not: string) => {
        const el = document.activeElement;
        if (!el || el === document.body || !(el.closest(css) || el.matches(css))) return false;
        const box = el.matches('input[type=checkbox], [role=checkbox]');
        const checked = (el as HTMLInputElement).checked === true || el.getAttribute('aria-checked') === 'true';
        const popup = el.getAttribute('aria-haspopup');
        const kind = box ? 'box' : popup && popup !== 'false' ? 'menu' : 'control';
        const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
        const at = { kind, checked, name };
        // The same as last time: the guide has not moved on yet.
        return JSON.stringify(at) === not ? false : at;
      },
      { timeout, polling: 100 },
      OUTLINED,
      notAgain,
    );
    return (await handle.jsonValue()) as { kind: 'box' | 'menu' | 'control'; checked: boolean; name: string };
  }

  /**
   * Follow the guide on the outlined row, whatever the AP's layout, until its "Odbierz uprawnienie" is pressed:
   * the guide moves the focus to what comes next (the row's checkbox, then the action below the list; the row's
   * menu, then its entry; or the row's own button). By keyboard (`keys`) as a keyboard user does, else by mouse.
   */
  async revokeOutlinedRow({ keys = false, timeout = 20_000 } = {}): Promise<void> {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      const at = await this.focused(Math.max(1, deadline - Date.now()), last);
      last = JSON.stringify(at);
      if (at.kind === 'box' && at.checked) continue;
      if (keys) await this.ap.keyboard.press(at.kind === 'box' ? ' ' : 'Enter');
      else await this.ap.evaluate(() => (document.activeElement as HTMLElement).click());
      if (at.kind === 'control' && at.name === 'Odbierz uprawnienie') return;
    }
  }

  /** The focus is on the outlined row (one of its controls) or on an outlined control. */
  focusIsOnOutlinedRow(): Promise<boolean> {
    return this.ap.evaluate((css: string) => {
      const el = document.activeElement;
      return !!el && el !== document.body && !!(el.closest(css) || el.matches(css));
    }, OUTLINED);
  }

  /** Wait until the guided removal says that `n` rows are left ("Zostało: n."). */
  async waitLeft(n: number, timeout = 30_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, k: number) =>
        (document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="guide"]')?.textContent ?? '').includes(
          `Zostało: ${k}.`,
        ),
      { timeout, polling: 100 },
      PANEL_HOST,
      n,
    );
  }
}

/** Click the element matching `css` whose text is `text`, as soon as there is one. */
export async function clickText(page: Page, css: string, text: string, timeout = 20_000): Promise<void> {
  const handle = await page.waitForFunction(
    (c: string, t: string) => [...document.querySelectorAll(c)].find((e) => e.textContent?.trim() === t) ?? false,
    { timeout, polling: 100 },
    css,
    text,
  );
  await (handle as unknown as { click: () => Promise<void> }).click();
}
