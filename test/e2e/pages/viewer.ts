import type { ElementHandle, Page } from 'puppeteer-core';
import type { ExtensionSession } from '../session';

/** The report viewer (report.html), as support staff use it. Specs use this and never its test ids. */
export class ReportViewer {
  private constructor(
    readonly page: Page,
    private readonly picker: ElementHandle<HTMLInputElement>,
  ) {}

  /** Open the viewer in a new tab of `session`. */
  static async open(session: ExtensionSession, viewport?: { width: number; height: number }): Promise<ReportViewer> {
    return ReportViewer.on(await session.openExtensionPage('report.html', viewport));
  }

  /** Load the viewer in the tab `page` (which stays where it is in the browser's tab order). */
  static async in(session: ExtensionSession, page: Page): Promise<ReportViewer> {
    await session.gotoExtensionPage(page, 'report.html');
    return ReportViewer.on(page);
  }

  private static async on(page: Page): Promise<ReportViewer> {
    const picker = await page.waitForSelector('input[data-testid="viewer-file"]');
    return new ReportViewer(page, picker as ElementHandle<HTMLInputElement>);
  }

  /** Choose a file and wait until the viewer refuses it; what it calls the problem (`version`, `format`, …). */
  async chooseRefused(file: string): Promise<string | null> {
    await this.picker.uploadFile(file);
    await this.page.waitForSelector('[data-testid="viewer-error"]', { timeout: 15_000 });
    return this.page.$eval('[data-testid="viewer-error"]', (e) => e.getAttribute('data-problem'));
  }

  /** Choose a file and wait until the viewer shows it as a report. */
  async chooseReport(file: string): Promise<void> {
    await this.picker.uploadFile(file);
    await this.page.waitForSelector('[data-testid="viewer-report"]', { timeout: 15_000 });
  }

  /** Whether a report is shown, and whether an error is. */
  showsReport = async () => (await this.page.$('[data-testid="viewer-report"]')) !== null;
  showsError = async () => (await this.page.$('[data-testid="viewer-error"]')) !== null;

  /** The whole report's text. */
  text = () => this.page.$eval('[data-testid="viewer-report"]', (e) => e.textContent ?? '');
  /** The verdict of each grant, in the list's order. */
  grantVerdicts = () =>
    this.page.$$eval('[data-testid="viewer-grants"] tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-verdict')),
    );
  /** How many events the timeline lists. */
  timelineLength = () => this.page.$$eval('[data-testid="viewer-timeline"] li', (l) => l.length);
  /** Whether the report holds a receipt. */
  hasReceipt = async () => (await this.page.$('[data-testid="viewer-receipts"] [data-testid="receipt"]')) !== null;

  /** Scroll to the audit's section. */
  async showAudit(): Promise<void> {
    await this.page.waitForSelector('[data-testid="viewer-audit"]');
    await this.page.evaluate(() => document.querySelector('[data-testid="viewer-audit"]')?.scrollIntoView());
  }

  /** Start the guided steps `tour` the viewer offers for the report. */
  async startTour(tour: string): Promise<void> {
    await this.page.click(`[data-testid="tour-start-${tour}"]`);
  }

  /** Whether the file picker has the focus. */
  pickerFocused = () => this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'viewer-file');

  screenshot = (path: string, fullPage = false) => this.page.screenshot({ path, fullPage });
  close = () => this.page.close();
}
