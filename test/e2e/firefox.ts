import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';
import { startLoopbackProxy } from './loopback-proxy';
import { waitUntil } from './wait';
import {
  browserEnv,
  callSource,
  extensionPages,
  LAUNCH_DEFAULTS,
  type ExtensionSession,
  type LaunchOptions,
} from './session';

/** Firefox ESR from FIREFOX_PATH, or Debian's package (`firefox-esr`, with `firefox-esr-l10n-pl`). */
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv3-e2e');

/**
 * Firefox with the built extension installed as a temporary add-on, driven over WebDriver BiDi. Firefox has no
 * host-resolver rules: a PAC script sends every request to a loopback proxy that tunnels only the simulated
 * hosts and refuses (and counts) everything else. The extension gets a fixed UUID, so its pages have a known
 * origin. Returns the same session shape as Chromium's `launchWithExtension`.
 */
export async function launchFirefoxWithExtension({
  hosts,
  headless = LAUNCH_DEFAULTS.headless,
  lang = LAUNCH_DEFAULTS.lang,
  extensionDir = FIREFOX_EXTENSION_DIR,
  downloads,
  viewport = LAUNCH_DEFAULTS.viewport,
  backgroundIdleMs,
}: LaunchOptions): Promise<ExtensionSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ksef-firefox-'));
  const proxy = await startLoopbackProxy(hosts);
  const uuid = randomUUID();
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless,
      userDataDir: profile,
      acceptInsecureCerts: true,
      defaultViewport: viewport,
      // Without it WebDriver BiDi refuses to open moz-extension:// pages.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 2,
        'network.proxy.autoconfig_url': proxy.pacUrl,
        'network.proxy.autoconfig_retry_interval_min': 1,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // The optional host permission for the provider is granted without a prompt nobody could answer.
        'extensions.webextOptionalPermissionPrompts': false,
        'intl.locale.requested': lang,
        'intl.accept_languages': lang,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        ...(downloads ? { 'browser.download.dir': downloads } : {}),
        ...(backgroundIdleMs ? { 'extensions.background.idle.timeout': backgroundIdleMs } : {}),
        // No lookups or connections Firefox would make on its own, around the proxy (DNS prefetch, the
        // predictor, speculative connections, link prefetch).
        'network.dns.disablePrefetch': true,
        'network.predictor.enabled': false,
        'network.http.speculative-parallel-limit': 0,
        'network.prefetch-next': false,
        // Nothing of Firefox's own that would only be refused by the proxy.
        'app.update.auto': false,
        'browser.safebrowsing.downloads.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'extensions.getAddons.cache.enabled': false,
        'services.settings.server': 'http://127.0.0.1:9/',
      },
      env: browserEnv(lang),
    })
    .catch(async (e: unknown) => {
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
      throw e;
    });
  await browser.installExtension(extensionDir);
  const origin = `moz-extension://${uuid}`;
  let probe: Page | null = null;
  const probePage = async () => {
    if (!probe || probe.isClosed()) probe = await session.openExtensionPage('report.html?probe');
    return probe;
  };

  const session: ExtensionSession = {
    name: 'firefox',
    browser,
    extensionId: uuid,
    origin,
    worker: null,
    refused: proxy.refused,
    // Over BiDi a navigation to a moz-extension:// page loads it but never resolves: start it, then poll.
    ...extensionPages(browser, origin, async (page, url) => {
      void page.goto(url).catch(() => undefined);
      await waitUntil(
        `the extension page ${url} loaded`,
        () =>
          page
            .evaluate((u: string) => location.href === u && document.readyState === 'complete', url)
            .catch(() => false),
        Boolean,
        { timeout: 10_000, every: 50 },
      );
    }),
    // Firefox runs the background as an event page with no target to evaluate in; an extension page of our own
    // origin reaches the same APIs and storage, and the event page itself through runtime.getBackgroundPage.
    async inExtension(fn, ...args) {
      const page = await probePage();
      return (page.evaluate as (f: typeof fn, ...a: typeof args) => Promise<never>)(fn, ...args);
    },
    async inBackground(fn, ...args) {
      const page = await probePage();
      const call = callSource(fn, 'g', args);
      return page.evaluate(
        `(async () => { const g = await browser.runtime.getBackgroundPage(); return await ${call}; })()`,
      ) as Promise<never>;
    },
    async stopBackground() {
      const page = await browser.newPage();
      void page.goto('about:debugging#/runtime/this-firefox').catch(() => undefined);
      const button = 'button.qa-temporary-extension-terminate-bgscript-button';
      // A privileged page refuses the helpers puppeteer injects to wait or click: plain evaluations, polled here.
      const press = () =>
        page.evaluate((b: string) => {
          const el = document.querySelector<HTMLElement>(b);
          el?.click();
          return !!el;
        }, button);
      await waitUntil('about:debugging to show the background to stop', () => press().catch(() => false));
      // The extension's card then says the background script is stopped ("Zatrzymany" / "Stopped").
      const stopped = () =>
        page
          .evaluate(() => /Skrypt\s+w\s+tle\s+Zatrzymany|Background\s+script\s+Stopped/i.test(document.body.innerText))
          .catch(() => false);
      await waitUntil('Firefox to stop the background page', stopped);
      await page.close();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}
