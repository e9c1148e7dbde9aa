import type { Page } from 'puppeteer-core';
import type { ExtensionSession } from '../session';

/** The options page, as a user fills it in. Specs use this and never its test ids. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(session: ExtensionSession): Promise<OptionsPage> {
    const page = await session.openExtensionPage('options.html');
    // Loaded: it says whether an account is linked.
    await page.waitForSelector('[data-testid="options-current"]');
    return new OptionsPage(page);
  }

  /** Link the provider account, as a user does: its API address and key; wait until the page says it is linked. */
  static async linkProvider(session: ExtensionSession, providerUrl: string, apiKey: string): Promise<void> {
    const options = await OptionsPage.open(session);
    await options.saveProvider(providerUrl, apiKey);
    await options.waitStatus(/^(Połączono|Linked)\./, 15_000);
    await options.close();
  }

  /**
   * Set the provider by hand ("Dostawca usług"): a registry entry by its id, or a name and NIP typed in (the
   * simulation's provider is in no registry), and the state of its integration; save it.
   */
  static async setProfile(
    session: ExtensionSession,
    provider: string | { name: string; nip: string },
    state: 'active' | 'disconnected',
  ) {
    const options = await OptionsPage.open(session);
    await options.page.waitForSelector('#profile-known');
    await options.page.select('#profile-known', typeof provider === 'string' ? provider : 'other');
    if (typeof provider !== 'string') {
      await options.fill('#profile-name', provider.name);
      await options.fill('#profile-nip', provider.nip);
    }
    await options.page.waitForSelector('#profile-state');
    await options.page.select('#profile-state', state);
    await options.page.click('[data-testid="profile-save"]');
    await options.page.waitForFunction(
      () => document.querySelector('[data-testid="profile-status"]')?.textContent === 'Zapisano dostawcę.',
    );
    await options.close();
  }

  /** Fill in the provider's API address and (when given) its key, replacing what the fields held, and save. */
  async saveProvider(providerUrl: string, apiKey?: string): Promise<void> {
    // With an account linked, the form opens on "Zmień adres lub klucz".
    if (!(await this.page.$('#provider-url'))) await this.page.click('[data-testid="options-edit"]');
    await this.fill('#provider-url', providerUrl);
    if (apiKey !== undefined) await this.fill('#provider-key', apiKey);
    await this.page.click('[data-testid="options-save"]');
  }

  /** Wait until the page's status line says what `says` matches (a text it contains, or a pattern). */
  async waitStatus(says: string | RegExp, timeout = 10_000): Promise<string> {
    const [source, flags, literal] = typeof says === 'string' ? [says, '', true] : [says.source, says.flags, false];
    await this.page.waitForFunction(
      (src: string, fl: string, lit: boolean) => {
        const text = document.querySelector('[data-testid="options-status"]')?.textContent;
        return text != null && (lit ? text.includes(src) : new RegExp(src, fl).test(text));
      },
      { timeout, polling: 100 },
      source,
      flags,
      literal,
    );
    return this.status();
  }

  /** What the page says about the linked account ("Połączono z kontem …"), or null when none is linked. */
  linkedAccount = () =>
    this.page.evaluate(() => document.querySelector('[data-testid="options-linked"] p')?.textContent ?? null);

  /** Whether the page offers a provider profile set by hand (only without a linked account). */
  hasManualProfile = async () => (await this.page.$('[data-testid="profile-form"]')) !== null;

  /** The page's status line. */
  status = () => this.page.$eval('[data-testid="options-status"]', (e) => e.textContent ?? '');

  private async fill(css: string, value: string) {
    await this.page.$eval(css, (e) => ((e as HTMLInputElement).value = ''));
    await this.page.type(css, value);
  }

  html = () => this.page.evaluate(() => document.documentElement.outerHTML);
  screenshot = (path: string) => this.page.screenshot({ path });
  close = () => this.page.close();
}
