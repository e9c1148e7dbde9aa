import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { DEMO_API_KEY } from '../sim/provider/server';
import { startWorld, type World, type WorldOptions } from '../sim/world';
import { launchFirefoxWithExtension } from './firefox';
import { OptionsPage } from './pages/options';
import { waitUntil } from './wait';
import {
  browserEnv,
  callSource,
  extensionPages,
  LAUNCH_DEFAULTS,
  type BrowserName,
  type ExtensionSession,
  type LaunchOptions,
} from './session';

export type { BrowserName, ExtensionSession, LaunchOptions } from './session';

/** Chromium from CHROME_PATH, or Debian's package. */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

/**
 * Each simulated host goes to its local server; everything else resolves to nothing, so no request leaves the
 * machine (docs/architecture.md §7).
 */
export function hostRules(ports: Record<string, number>): string {
  return [
    ...Object.entries(ports).map(([h, port]) => `MAP ${h} 127.0.0.1:${port}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
  ].join(', ');
}

export type ChromiumSession = ExtensionSession & { worker: WebWorker };

/**
 * Chromium with the built extension loaded. `headless: false` needs a display. Returns the browser, the
 * extension id and a `close()` that also removes the throw-away profile.
 */
export async function launchWithExtension({
  hosts,
  headless = LAUNCH_DEFAULTS.headless,
  lang = LAUNCH_DEFAULTS.lang,
  extensionDir = EXTENSION_DIR,
  downloads,
  viewport = LAUNCH_DEFAULTS.viewport,
}: LaunchOptions): Promise<ChromiumSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ksef-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless,
    userDataDir: profile,
    pipe: true,
    enableExtensions: [extensionDir],
    defaultViewport: viewport,
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
    env: browserEnv(lang),
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
    { timeout: 20_000 },
  );
  const extensionId = new URL(target.url()).host;
  const worker = await target.worker();
  if (!worker) throw new Error('The extension service worker did not start.');
  // The worker's bindings can appear a moment after its target (docs/architecture.md §9, pitfall 4).
  await waitUntil(
    "the extension's APIs in its service worker",
    () =>
      worker
        .evaluate(() => Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id))
        .catch(() => false),
    Boolean,
    { timeout: 5_000 },
  );
  if (downloads) {
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }
  const origin = `chrome-extension://${extensionId}`;
  // The worker of the moment: a test may stop one, and the one the browser starts next is found by its target.
  const inWorker = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (e) {
      const next = await browser
        .waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(origin), { timeout: 10_000 })
        .then((t) => t.worker())
        .catch(() => null);
      if (!next || next === session.worker) throw e;
      session.worker = next;
      return run();
    }
  };
  const session: ChromiumSession = {
    name: 'chromium',
    browser,
    extensionId,
    origin,
    worker,
    refused: [],
    ...extensionPages(browser, origin, async (page, url) => void (await page.goto(url, { waitUntil: 'load' }))),
    inExtension: (fn, ...args) =>
      inWorker(() => (session.worker.evaluate as (f: typeof fn, ...a: typeof args) => Promise<never>)(fn, ...args)),
    inBackground: (fn, ...args) =>
      inWorker(() => session.worker.evaluate(callSource(fn, 'globalThis', args)) as Promise<never>),
    async stopBackground() {
      await session.worker.close();
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/** The extension in `name` (Chromium or Firefox), with the same helpers whichever it is. */
export function launchSession(name: BrowserName, options: LaunchOptions): Promise<ExtensionSession> {
  return name === 'firefox' ? launchFirefoxWithExtension(options) : launchWithExtension(options);
}

/**
 * The simulated world of `options` and a browser (Chromium unless `browser` says otherwise) with the extension, the provider linked on the options page as a
 * user links it, and downloads going to a fresh folder. `close()` ends all three.
 */
export async function linkedWorld(
  options: WorldOptions & { lang?: 'pl' | 'en'; browser?: BrowserName; backgroundIdleMs?: number } = {},
) {
  const world = await startWorld(options);
  const downloads = mkdtempSync(path.join(tmpdir(), 'ksef-downloads-'));
  const session = await launchSession(options.browser ?? 'chromium', {
    hosts: world.hosts,
    lang: options.lang,
    downloads,
    backgroundIdleMs: options.backgroundIdleMs,
  });
  await OptionsPage.linkProvider(session, world.provider.url, DEMO_API_KEY);
  const closeBrowser = session.close;
  // The session itself (not a copy), so that the worker of the moment stays the one its helpers use.
  return Object.assign(session, {
    world,
    downloads,
    close: async () => {
      await closeBrowser();
      await world.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  });
}

/** The provider's session as the user has expired: its revocations leave the grants behind. */
export async function expireProviderSession(world: World): Promise<void> {
  await world.provider.app.request('/__provider/faults', {
    method: 'POST',
    body: JSON.stringify({ sessionExpired: true }),
  });
}

interface ExtensionTabs {
  chrome: { tabs: { query: (q: { url: string }) => Promise<{ id?: number }[]> } };
}

/** The browser's id of the tab showing `url` (asked where the extension's APIs are). */
export function tabIdOf(session: ExtensionSession, url: string): Promise<number> {
  return session.inExtension(
    async (u: string) => (await (globalThis as unknown as ExtensionTabs).chrome.tabs.query({ url: u }))[0]?.id ?? -1,
    url,
  );
}

/**
 * Everything in the extension's IndexedDB (audit history, jobs and their receipts, the provider link and
 * settings), store by store, read from one of its pages: the database belongs to the extension's origin, which no
 * content script shares, and reading it wakes no background.
 */
export function extensionDatabase(session: ExtensionSession): Promise<Record<string, unknown[]>> {
  return session.inExtension(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const q = indexedDB.open('ksef-companion');
      q.onsuccess = () => resolve(q.result);
      q.onerror = () => reject(q.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of db.objectStoreNames)
      out[name] = await new Promise<unknown[]>((resolve) => {
        const q = db.transaction(name).objectStore(name).getAll();
        q.onsuccess = () => resolve(q.result);
      });
    db.close();
    return out;
  });
}

/** The extension's badge on the (first) DEMO AP tab, as the toolbar shows it. */
export function badgeOf(session: ExtensionSession): Promise<string> {
  return session.inExtension(async () => {
    const c = (
      globalThis as unknown as {
        chrome: {
          tabs: { query: (q: object) => Promise<{ id: number }[]> };
          action: { getBadgeText: (d: object) => Promise<string> };
        };
      }
    ).chrome;
    const [tab] = await c.tabs.query({ url: 'https://ap-demo.ksef.mf.gov.pl/*' });
    return c.action.getBadgeText({ tabId: tab!.id });
  });
}

export const AP_DEMO = 'https://ap-demo.ksef.mf.gov.pl/web';

/** A page of the DEMO AP (the replica), once it has loaded and, with `marks`, the extension has marked that many rows. */
export async function openAp(browser: Browser, page: string, marks?: number): Promise<Page> {
  const ap = await browser.newPage();
  await ap.goto(`${AP_DEMO}${page}`, { waitUntil: 'load' });
  if (marks !== undefined)
    await ap.waitForFunction(
      (n) => document.querySelectorAll('ksef-companion-mark').length === n,
      {
        timeout: 15_000,
        polling: 100,
      },
      marks,
    );
  return ap;
}
