import type { Page } from 'puppeteer-core';

/** The extension's panel on an AP page (in its shadow root). Specs use this and never its test ids. */
export class PanelOnAp {
  constructor(readonly ap: Page) {}

  /** A part of the panel's text, or null while it is not drawn. */
  text(part: PanelPart): Promise<string | null> {
    return this.ap.evaluate(
      (id: string) =>
        document.querySelector('ksef-companion')?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent ??
        null,
      PARTS[part],
    );
  }

  /** Wait until a part of the panel is drawn (and, with `says`, says that: a text it contains, or a pattern). */
  async waitFor(part: PanelPart, says: string | RegExp = '', timeout = 15_000): Promise<void> {
    const [source, flags, literal] = typeof says === 'string' ? [says, '', true] : [says.source, says.flags, false];
    await this.ap.waitForFunction(
      (id: string, src: string, fl: string, lit: boolean) => {
        const text = document
          .querySelector('ksef-companion')
          ?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent;
        return text != null && (lit ? text.includes(src) : new RegExp(src, fl).test(text));
      },
      { timeout, polling: 100 },
      PARTS[part],
      source,
      flags,
      literal,
    );
  }

  /** Wait until the card shows this many of the integration's scopes as present. */
  async waitPresentScopes(n: number, timeout = 15_000): Promise<void> {
    await this.ap.waitForFunction(
      (k: number) =>
        document
          .querySelector('ksef-companion')
          ?.shadowRoot?.querySelectorAll('[data-testid="expected"] [data-present="true"]').length === k,
      { timeout, polling: 100 },
      n,
    );
  }

  /** Press one of the panel's buttons. */
  press(button: PanelButton): Promise<void> {
    return this.ap.evaluate(
      (id: string) =>
        (
          document.querySelector('ksef-companion')!.shadowRoot!.querySelector(`[data-testid="${id}"]`) as HTMLElement
        ).click(),
      BUTTONS[button],
    );
  }

  /** Wait until a button can be pressed. */
  async waitForButton(button: PanelButton, timeout = 15_000): Promise<void> {
    await this.ap.waitForFunction(
      (id: string) =>
        !!document.querySelector('ksef-companion')?.shadowRoot?.querySelector(`[data-testid="${id}"]:not([disabled])`),
      { timeout, polling: 100 },
      BUTTONS[button],
    );
  }
}

const PARTS = {
  capture: 'capture',
  card: 'card',
  risks: 'risks',
  partial: 'partial',
  checkAllProgress: 'check-all-progress',
  checkAllResult: 'check-all-result',
} as const;
export type PanelPart = keyof typeof PARTS;

const BUTTONS = {
  checkAll: 'check-all-start',
  cancelCheckAll: 'check-all-cancel',
  exportCsv: 'export-csv',
} as const;
export type PanelButton = keyof typeof BUTTONS;
