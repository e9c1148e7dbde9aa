import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Chromium from CHROME_PATH, or Debian's package. */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

/**
 * Each simulated host goes to its local server; everything else resolves to nothing, so no request leaves the
 * machine (toolchain.md §6, "Network hygiene").
 */
export function hostRules(ports: Record<string, number>): string {
  return [
    ...Object.entries(ports).map(([h, port]) => `MAP ${h} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
}

export interface LaunchOptions {
  /** Host name → loopback port. */
  hosts: Record<string, number>;
  headless?: boolean;
  lang?: 'pl' | 'en';
  extensionDir?: string;
}

/**
 * Chromium with the built extension loaded. `headless: false` needs a display. Returns the browser, the
 * extension id and a `close()` that also removes the throw-away profile.
 */
export async function launchWithExtension({
  hosts,
  headless = true,
  lang = 'pl',
  extensionDir = EXTENSION_DIR,
}: LaunchOptions) {
  const profile = mkdtempSync(path.join(tmpdir(), 'ksef-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless,
    userDataDir: profile,
    pipe: true,
    enableExtensions: [extensionDir],
    defaultViewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${lang}`,
      `--host-resolver-rules=${hostRules(hosts)}`,
      '--ignore-certificate-errors',
    ],
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'pl' ? 'pl_PL.UTF-8' : 'en_US.UTF-8' },
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
    { timeout: 20_000 },
  );
  const extensionId = new URL(target.url()).host;
  const worker = await target.worker();
  if (!worker) throw new Error('The extension service worker did not start.');
  // The worker's bindings can appear a moment after its target (toolchain.md §6a).
  for (let i = 0; i < 50; i++) {
    if (
      await worker
        .evaluate(() => Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id))
        .catch(() => false)
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    browser,
    extensionId,
    worker,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The panel's shadow root content, read from the page. */
export function panelText(page: Page, testId: string): Promise<string | null> {
  return page.evaluate(
    (id: string) =>
      document.querySelector('ksef-companion')?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null,
    testId,
  );
}

/** Link the provider account on the options page, as a user does: its API address and key. */
export async function linkProvider(browser: Browser, extensionId: string, providerUrl: string, apiKey: string) {
  const options = await browser.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector('#provider-url');
  await options.type('#provider-url', providerUrl);
  await options.type('#provider-key', apiKey);
  await options.click('[data-testid="options-save"]');
  await options.waitForFunction(
    () => /^(Połączono|Linked)/.test(document.querySelector('[data-testid="options-status"]')?.textContent ?? ''),
    { timeout: 15_000 },
  );
  await options.close();
}

/** Click a control of the panel (in its shadow root) by its test id. */
export function clickPanel(page: Page, testId: string): Promise<void> {
  return page.evaluate(
    (id: string) =>
      (
        document.querySelector('ksef-companion')!.shadowRoot!.querySelector(`[data-testid="${id}"]`) as HTMLElement
      ).click(),
    testId,
  );
}
