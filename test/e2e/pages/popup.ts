import type { Page } from 'puppeteer-core';
import { tabIdOf, type ExtensionSession } from '../browser';

/**
 * The popup, as a user sees it: what it says and the buttons they press. Specs use this and never its test ids.
 * Opened as a tab that reports on one AP tab (the popup reads `?tab=`).
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(session: ExtensionSession, ap: Page, viewport = { width: 400, height: 760 }) {
    const tabId = await tabIdOf(session, ap.url());
    return new PopupPage(await session.openExtensionPage(`popup.html?tab=${tabId}`, viewport));
  }

  private text = (testId: string) => this.page.$eval(`[data-testid="${testId}"]`, (e) => e.textContent ?? '');
  private waitFor = (testId: string, timeout = 15_000) =>
    this.page.waitForSelector(`[data-testid="${testId}"]`, { timeout });

  /** Wait until the popup has said what it knows of the tab. */
  waitStatus = async (timeout = 15_000) => void (await this.waitFor('popup-status', timeout));

  /** The KSeF environment the tab is in, as the popup names it. */
  async environment(timeout = 10_000): Promise<string> {
    await this.waitFor('popup-env', timeout);
    return this.text('popup-env');
  }

  /** Wait until the popup says that many KSeF responses were read in the tab. */
  async waitResponses(n: number, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (k: string) => document.querySelector('[data-testid="popup-responses"]')?.textContent === k,
      { timeout, polling: 100 },
      String(n),
    );
  }

  /** The popup's headline (what matters most), once it shows one. */
  async headline(timeout = 10_000): Promise<string> {
    await this.waitFor('popup-headline', timeout);
    return this.text('popup-headline');
  }

  /** The popup's headline, or null when it has none (nothing that needs the user's attention). */
  headlineNow = () => this.page.$eval('[data-testid="popup-headline"]', (e) => e.textContent).catch(() => null);

  /** Which company the popup names and where it learned it, once it names one (and, with `says`, says that). */
  async company(timeout = 10_000, says = ''): Promise<string> {
    await this.page.waitForFunction(
      (s: string) => document.querySelector('[data-testid="popup-company"]')?.textContent?.includes(s),
      { timeout, polling: 100 },
      says,
    );
    return this.text('popup-company');
  }

  /** The popup's warning that the tab names different companies, once shown. */
  async companyConflict(timeout = 10_000): Promise<string> {
    await this.waitFor('popup-company-conflict', timeout);
    return this.text('popup-company-conflict');
  }

  /** Whether the popup asks the user for the company's NIP. */
  asksForCompany = () => this.page.$('#popup-nip-input').then((e) => e !== null);

  /** The question whether the linked account serves the tab's company (it does not list it). */
  async asksToConfirmCompany(timeout = 10_000): Promise<string> {
    await this.waitFor('popup-company-confirm', timeout);
    return this.text('popup-company-confirm');
  }

  /** Say yes: the linked account serves this company. */
  confirmCompany = () => this.press('[data-testid="popup-company-confirm-yes"]');

  /** Whose company this is at the provider (listed by the account, or confirmed by the user). */
  async companyAtProvider(timeout = 10_000): Promise<string> {
    await this.waitFor('popup-company-account', timeout);
    return this.text('popup-company-account');
  }

  /** Whether the popup offers to disconnect the integration. */
  offersDisconnect = () => this.page.$('[data-testid="job-start"]').then((e) => e !== null);

  /** What the provider says about the integration. */
  providerState = () => this.text('popup-provider-state');

  /** Name the company when the tab cannot say which it shows (the AP renders on its server). */
  async enterCompanyNip(nip: string): Promise<void> {
    await this.page.waitForSelector('#popup-nip-input', { timeout: 15_000 });
    await this.page.type('#popup-nip-input', nip);
    await this.press('[data-testid="popup-nip"] button');
  }

  /** "Odłącz integrację i sprawdź KSeF". */
  /** "Odłącz integrację i sprawdź KSeF", then "Tak, odłącz" in the question that names provider and company. */
  async startDisconnect(): Promise<void> {
    await this.press('[data-testid="job-start"]');
    await this.press('[data-testid="job-ask-yes"]');
  }

  /** The question asked before a disconnect starts. */
  async disconnectQuestion(): Promise<string> {
    await this.page.click('[data-testid="job-start"]');
    await this.waitFor('job-ask');
    return this.text('job-ask');
  }

  /** "Odłącz integrację i sprawdź KSeF", and wait until the job asks the user to confirm the removal. */
  async startDisconnectUntilConfirm() {
    await this.startDisconnect();
    await this.waitFor('job-confirm', 60_000);
  }

  /** Where the disconnect stands, as the popup says it. */
  jobState = () => this.text('job-state');
  /** The company the removal is for, as the confirmation names it. */
  jobCompany = () => this.text('job-company');
  /** What the disconnect found left and offers to remove. */
  leftovers = () => this.text('job-leftovers');

  /** "Usuń to, co zostało": the user confirms the removal. */
  confirmRemoval = () => this.press('[data-testid="job-confirm"]');

  /** The user leaves what is left for now, once the job offers that. */
  async leaveForNow(timeout = 60_000): Promise<void> {
    await this.press('[data-testid="job-cancel"]', timeout);
  }

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
    await this.waitFor('receipt', timeout).catch(async (e: unknown) => {
      console.log('JOB', await this.page.evaluate(() => document.querySelector('[data-testid="job"]')?.textContent));
      throw e;
    });
    return this.text('receipt');
  }

  /** The receipt's line about what was found in the AP. */
  receiptInAp = () => this.text('receipt-in-ap');

  /** Every receipt kept, as the list at the bottom shows them. */
  async receipts(): Promise<string> {
    await this.waitFor('receipts', 10_000);
    return this.text('receipts');
  }

  /** Wait until the popup offers guided steps `tour` ("remove-leftovers", "renew-certificate"). */
  waitTourOffered = async (tour: string, timeout = 15_000) => void (await this.waitFor(`tour-start-${tour}`, timeout));
  /**
   * Press a button once it is drawn and enabled, where it is at that moment: the popup draws its lead and the
   * step that fits above the rest as the tab's state arrives, so a press by position could land on another.
   */
  private async press(selector: string, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (sel: string) => {
        const button = document.querySelector<HTMLButtonElement>(sel);
        if (!button || button.disabled) return false;
        button.click();
        return true;
      },
      { timeout, polling: 100 },
      selector,
    );
  }

  /** Start guided steps `tour`. */
  async startTour(tour: string): Promise<void> {
    await this.waitTourOffered(tour);
    // The popup may draw the button again as its state arrives: pressed as it is drawn when pressed.
    await this.press(`[data-testid="tour-start-${tour}"]`);
  }

  /** Tick (or untick) "include identifiers" in the diagnostic report; wait for its warning when ticked. */
  async toggleIdentifiers(expectWarning: boolean): Promise<void> {
    await this.page.click('[data-testid="report-include"]');
    if (expectWarning) await this.waitFor('report-warning', 10_000);
  }

  /** Put the focus on "Pobierz raport diagnostyczny" (for a key press). */
  focusExport = async () => {
    await this.waitFor('report-export');
    await this.page.focus('[data-testid="report-export"]');
  };

  /** Press Tab from the top until "Pobierz raport diagnostyczny" has the focus; whether it got there. */
  async tabToExport(max = 40): Promise<boolean> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'report-export'))
        return true;
    }
    return false;
  }

  /** Wait until the popup says the report was saved; the file name it gives. */
  async savedReportName(timeout = 20_000): Promise<string> {
    await this.waitFor('report-saved', timeout);
    const said = await this.text('report-saved');
    const name = said.match(/ksef-companion-(raport|report)-[\d-]+\.json/)?.[0];
    if (!name) throw new Error(`The popup names no report file: ${said}`);
    return name;
  }

  /** The watched certificates' alerts (`none`, `expires-30`, `expired`, `revoked`, …), once listed. */
  async certificateAlerts(timeout = 15_000): Promise<(string | null)[]> {
    await this.waitFor('cert-item', timeout);
    return this.page.$$eval('[data-testid="cert-item"]', (l) => l.map((e) => e.getAttribute('data-alert')));
  }

  /** The names of the certificates the watch follows, as listed. */
  async certificateNames(timeout = 15_000): Promise<string[]> {
    await this.waitFor('cert-item', timeout);
    return this.page.$$eval('[data-testid="cert-item"] strong', (l) => l.map((e) => e.textContent ?? ''));
  }

  html = () => this.page.evaluate(() => document.documentElement.outerHTML);
  screenshot = (path: string, fullPage = false) => this.page.screenshot({ path, fullPage });
  close = () => this.page.close();
}
