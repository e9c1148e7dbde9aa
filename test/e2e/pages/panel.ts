import type { Page } from 'puppeteer-core';

/** The panel's host on the AP page; everything of the panel is in its shadow root. */
export const PANEL_HOST = 'ksef-companion';

const PARTS = {
  panel: 'panel',
  env: 'panel-env',
  capture: 'capture',
  rejected: 'rejected',
  card: 'card',
  staleRows: 'stale-rows',
  leftovers: 'leftovers',
  risks: 'risks',
  partial: 'partial',
  guide: 'guide',
  checkAllProgress: 'check-all-progress',
  checkAllResult: 'check-all-result',
  checkAllUnproven: 'check-all-unproven',
  companyConflict: 'company-conflict',
  outdated: 'outdated',
  forged: 'forged',
  nothingLeft: 'nothing-left',
  rowsSummary: 'rows-summary',
} as const;
export type PanelPart = keyof typeof PARTS;

const BUTTONS = {
  toggle: 'panel-toggle',
  checkAll: 'check-all-start',
  cancelCheckAll: 'check-all-cancel',
  exportCsv: 'export-csv',
  reread: 'reread',
} as const;
export type PanelButton = keyof typeof BUTTONS;

/** The text of the element `id` in the panel's shadow root, or null while it is not drawn (run in the page). */
function shadowText(host: string, id: string): string | null {
  return document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
}

/** The extension's panel on an AP page (in its shadow root). Specs use this and never its test ids. */
export class PanelOnAp {
  constructor(readonly ap: Page) {}

  /** Whether the panel's host is on the page at all (drawn or not). */
  isMounted(): Promise<boolean> {
    return this.ap.evaluate((host: string) => !!document.querySelector(host), PANEL_HOST);
  }

  /** A part of the panel's text, or null while it is not drawn. */
  text(part: PanelPart): Promise<string | null> {
    return this.ap.evaluate(shadowText, PANEL_HOST, PARTS[part]);
  }

  /** Wait until a part of the panel is drawn (and, with `says`, says that: a text it contains, or a pattern). */
  async waitFor(part: PanelPart, says: string | RegExp = '', timeout = 15_000): Promise<void> {
    const [source, flags, literal] = typeof says === 'string' ? [says, '', true] : [says.source, says.flags, false];
    await this.ap.waitForFunction(
      (host: string, id: string, src: string, fl: string, lit: boolean) => {
        const text = document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent;
        return text != null && (lit ? text.includes(src) : new RegExp(src, fl).test(text));
      },
      { timeout, polling: 100 },
      PANEL_HOST,
      PARTS[part],
      source,
      flags,
      literal,
    );
  }

  /** Wait until the card shows this many of the integration's scopes as present. */
  async waitPresentScopes(n: number, timeout = 15_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, k: number) =>
        document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="expected"] [data-present="true"]')
          .length === k,
      { timeout, polling: 100 },
      PANEL_HOST,
      n,
    );
  }

  /** Each of the card's scope lines, as shown, with its state (`present`, `missing`, `unchecked`, `not-listed`). */
  scopeLines(): Promise<{ text: string; state: string }[]> {
    return this.ap.evaluate(
      (host: string) =>
        [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="expected"] li') ?? [])].map(
          (li) => ({ text: li.textContent?.trim() ?? '', state: li.getAttribute('data-state') ?? '' }),
        ),
      PANEL_HOST,
    );
  }

  /** Wait until the card's scope lines are in these states, in order. */
  async waitScopeStates(states: string[], timeout = 15_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, want: string) =>
        [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('[data-testid="expected"] li') ?? [])]
          .map((li) => li.getAttribute('data-state'))
          .join(',') === want,
      { timeout, polling: 100 },
      PANEL_HOST,
      states.join(','),
    );
  }

  /** Whether the panel is expanded (its toggle says so); null while it is not drawn. */
  isOpen(): Promise<boolean | null> {
    return this.ap.evaluate(
      (host: string, id: string) => {
        const open = document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`);
        return open ? open.getAttribute('data-open') === 'true' : null;
      },
      PANEL_HOST,
      PARTS.panel,
    );
  }

  /** Wait until the panel is collapsed (`false`) or expanded (`true`). */
  async waitOpen(open: boolean, timeout = 10_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, id: string, want: string) =>
        document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-open') ===
        want,
      { timeout, polling: 100 },
      PANEL_HOST,
      PARTS.panel,
      String(open),
    );
  }

  /** Press one of the panel's buttons. */
  press(button: PanelButton): Promise<void> {
    return pressInShadow(this.ap, BUTTONS[button]);
  }

  /** Wait until a button can be pressed. */
  async waitForButton(button: PanelButton, timeout = 15_000): Promise<void> {
    await this.ap.waitForFunction(
      (host: string, id: string) =>
        !!document.querySelector(host)?.shadowRoot?.querySelector(`[data-testid="${id}"]:not([disabled])`),
      { timeout, polling: 100 },
      PANEL_HOST,
      BUTTONS[button],
    );
  }

  /** Press Tab (at most `max` times) until the panel's button has the focus; whether it got there. */
  tabTo(button: PanelButton, max = 80): Promise<boolean> {
    return tabToShadowControl(this.ap, BUTTONS[button], max);
  }
}

/** Click the element `id` in the panel's shadow root. */
export function pressInShadow(page: Page, id: string): Promise<void> {
  return page.evaluate(
    (host: string, testId: string) =>
      (document.querySelector(host)!.shadowRoot!.querySelector(`[data-testid="${testId}"]`) as HTMLElement).click(),
    PANEL_HOST,
    id,
  );
}

/** Press Tab until the focus is on the element `id` in the panel's shadow root (at most `max` times). */
export async function tabToShadowControl(page: Page, id: string, max: number): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(
      (host: string) => document.querySelector(host)?.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null,
      PANEL_HOST,
    );
    if (at === id) return true;
  }
  return false;
}
