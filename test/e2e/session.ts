import type { Browser, Page, WebWorker } from 'puppeteer-core';

/** What every launch takes unless told otherwise. */
export const LAUNCH_DEFAULTS = { headless: true, lang: 'pl', viewport: { width: 1280, height: 800 } } as const;

/** The browser's process environment for a UI language (`pl` needs the browser's Polish language pack). */
export const browserEnv = (lang: 'pl' | 'en') => ({
  ...process.env,
  LANGUAGE: lang,
  LANG: lang === 'pl' ? 'pl_PL.UTF-8' : 'en_US.UTF-8',
});

/**
 * The extension's pages at `origin`: their URLs, opening one in a new tab, and loading one in a tab, `load` being how
 * this browser navigates to an extension page and waits for it.
 */
export function extensionPages(browser: Browser, origin: string, load: (page: Page, url: string) => Promise<void>) {
  const extensionUrl = (p: string) => `${origin}/${p.replace(/^\//, '')}`;
  const gotoExtensionPage = (page: Page, p: string) => load(page, extensionUrl(p));
  return {
    extensionUrl,
    gotoExtensionPage,
    async openExtensionPage(p: string, viewport?: { width: number; height: number }) {
      const page = await browser.newPage();
      if (viewport) await page.setViewport(viewport);
      await gotoExtensionPage(page, p);
      return page;
    },
  };
}

/** The browsers the e2e layers drive. */
export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export interface LaunchOptions {
  /** Host name → loopback port. */
  hosts: Record<string, number>;
  headless?: boolean;
  lang?: 'pl' | 'en';
  extensionDir?: string;
  /** Where downloads go (Firefox takes it at launch; Chromium at once after it). */
  downloads?: string;
  viewport?: { width: number; height: number };
  /** Firefox: unload the event page after this many idle milliseconds (its default is 30 s). */
  backgroundIdleMs?: number;
}

/**
 * A browser with the built extension, the same shape for Chromium and Firefox, so that a suite runs in either.
 * Extension pages are opened and the extension's APIs are reached through it, never by browser-specific URLs.
 */
export interface ExtensionSession {
  name: BrowserName;
  browser: Browser;
  /** Chromium's extension id, or the fixed UUID Firefox was given for the extension. */
  extensionId: string;
  /** `chrome-extension://…` or `moz-extension://…`. */
  origin: string;
  /** Chromium's service worker; Firefox runs the background as an event page with no target (null). */
  worker: WebWorker | null;
  /** Requests the browser tried outside the simulated hosts and that were refused (Firefox's proxy). */
  refused: readonly string[];
  extensionUrl: (path: string) => string;
  /** Open an extension page (`popup.html?tab=1`) in a new tab and wait until it has loaded. */
  openExtensionPage: (path: string, viewport?: { width: number; height: number }) => Promise<Page>;
  gotoExtensionPage: (page: Page, path: string) => Promise<void>;
  /**
   * Run `fn` where the extension's APIs are (`globalThis.chrome`): Chromium's service worker, or an extension
   * page in Firefox. Only what both share (tabs, action, storage, alarms, notifications, IndexedDB).
   */
  inExtension: <R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A) => Promise<Awaited<R>>;
  /**
   * Run `fn(g, ...args)` with `g` the background's own global: Chromium's service worker, or Firefox's event page
   * (reached from an extension page; asking for it wakes the page if Firefox had unloaded it). `fn` is sent as
   * source text and `args` as JSON.
   */
  inBackground: <R, A extends unknown[]>(
    fn: (g: BackgroundGlobal, ...args: A) => R | Promise<R>,
    ...args: A
  ) => Promise<Awaited<R>>;
  /**
   * Stop the background as the browser does when it is idle: Chromium's service worker is closed; Firefox's event
   * page is terminated from about:debugging ("Terminate background script"), as a tester would.
   */
  stopBackground: () => Promise<void>;
  close: () => Promise<void>;
}

/** The background's global as tests use it (its `chrome` APIs, its clock, what a test keeps there). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BackgroundGlobal = any;

/** An expression that calls `fn` with the global `global` names and `args`, for a context reached by text. */
export function callSource(fn: (...a: never[]) => unknown, global: string, args: unknown[]): string {
  const list = [global, ...args.map((a) => JSON.stringify(a))].join(', ');
  return `(${fn.toString()})(${list})`;
}

/** The browser a suite runs in: `E2E_BROWSER`, Chromium by default. */
export function browserFromEnv(): BrowserName {
  const name = process.env.E2E_BROWSER ?? 'chromium';
  if (name !== 'chromium' && name !== 'firefox')
    throw new Error(`E2E_BROWSER must be chromium or firefox, not ${name}`);
  return name;
}
