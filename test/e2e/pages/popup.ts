import type { Page } from 'puppeteer-core';
import { openPopup, type ExtensionSession } from '../browser';

/**
 * The popup, as a user sees it: what it says and the buttons they press. Specs use this and never its test ids.
 * Opened as a tab that reports on one AP tab (the popup reads `?tab=`).
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(session: ExtensionSession, ap: Page, viewport = { width: 400, height: 760 }) {
    return new PopupPage(await openPopup(session, ap, viewport));
  }

  private text = (testId: string) => this.page.$eval(`[data-testid="${testId}"]`, (e) => e.textContent ?? '');

  /** "Odłącz integrację i sprawdź KSeF", and wait until the job asks the user to confirm the removal. */
  async startDisconnectUntilConfirm() {
    await this.page.waitForSelector('[data-testid="job-start"]', { timeout: 15_000 });
    await this.page.click('[data-testid="job-start"]');
    await this.page.waitForSelector('[data-testid="job-confirm"]', { timeout: 60_000 });
  }

  /** Where the disconnect stands, as the popup says it. */
  jobState = () => this.text('job-state');
  /** What the disconnect found left and offers to remove. */
  leftovers = () => this.text('job-leftovers');

  /** "Usuń to, co zostało": the user confirms the removal. */
  confirmRemoval = () => this.page.click('[data-testid="job-confirm"]');

  /** Wait until the job's state line starts with `prefix`. */
  async waitJobState(prefix: string, timeout = 30_000) {
    await this.page.waitForFunction(
      (p: string) => document.querySelector('[data-testid="job-state"]')?.textContent?.startsWith(p),
      { timeout },
      prefix,
    );
  }

  /** Wait for the receipt and read it. */
  async receipt(timeout = 60_000): Promise<string> {
    await this.page.waitForSelector('[data-testid="receipt"]', { timeout }).catch(async (e: unknown) => {
      console.log('JOB', await this.page.evaluate(() => document.querySelector('[data-testid="job"]')?.textContent));
      throw e;
    });
    return this.text('receipt');
  }

  /** Every receipt kept, as the list at the bottom shows them. */
  async receipts(): Promise<string> {
    await this.page.waitForSelector('[data-testid="receipts"]', { timeout: 10_000 });
    return this.text('receipts');
  }

  html = () => this.page.evaluate(() => document.documentElement.outerHTML);
  screenshot = (path: string) => this.page.screenshot({ path });
  close = () => this.page.close();
}
