import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { ExtensionSession } from '../session';

/** The authorize page (authorize.html), as a user goes through it. Specs use this and never its test ids. */
export class AuthorizePage {
  private constructor(readonly page: Page) {}

  /** Open the page for company `nip` in KSeF environment `environment`. */
  static async open(session: ExtensionSession, environment: string, nip: string): Promise<AuthorizePage> {
    const page = await session.openExtensionPage(`authorize.html?env=${environment}&nip=${nip}`);
    await page.waitForSelector('[data-testid="auth-start"]');
    return new AuthorizePage(page);
  }

  /** "Przygotuj żądanie": the provider prepares the request; what the page then says is being signed. */
  async prepare(): Promise<{ summary: string; unsignedXml: string }> {
    await this.page.click('[data-testid="auth-start"]');
    await this.page.waitForSelector('[data-testid="auth-summary"]', { timeout: 15_000 });
    return {
      summary: await this.page.$eval('[data-testid="auth-summary"]', (e) => e.textContent ?? ''),
      unsignedXml: await this.page.$eval('[data-testid="auth-xml"]', (e) => e.textContent ?? ''),
    };
  }

  /** Choose the signed file (written to `dir` as `name`) and wait until the page's check says `says`. */
  async choose(dir: string, name: string, xml: string, says: string | RegExp): Promise<string> {
    const file = path.join(dir, name);
    writeFileSync(file, xml);
    const input = (await this.page.$('[data-testid="auth-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    const [source, flags] = typeof says === 'string' ? [escape(says), ''] : [says.source, says.flags];
    await this.page.waitForFunction(
      (src: string, fl: string) =>
        new RegExp(src, fl).test(document.querySelector('[data-testid="auth-check"]')?.textContent ?? ''),
      { timeout: 15_000, polling: 100 },
      source,
      flags,
    );
    return this.page.$eval('[data-testid="auth-check"]', (e) => e.textContent ?? '');
  }

  /** Whether the page offers to send the chosen file. */
  canSend = async () => (await this.page.$('[data-testid="auth-upload"]')) !== null;

  /** Send the signed file and wait until the provider's steps are done. */
  async send(): Promise<void> {
    await this.page.click('[data-testid="auth-upload"]');
    await this.page.waitForSelector('[data-testid="auth-done"]', { timeout: 30_000 });
  }

  screenshot = (file: string) => this.page.screenshot({ path: file });
  close = () => this.page.close();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
