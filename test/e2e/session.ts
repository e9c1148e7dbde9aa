import type { Browser, Page, WebWorker } from 'puppeteer-core';

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
