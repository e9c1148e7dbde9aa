import type { WxtBrowser } from 'wxt/browser';
import { tidy, type Lang } from '../i18n';
import { AP_MATCHES } from '../ap/bridge';
import { apLocation } from '../ap/pages';
import { apBaseUrl, type KsefEnvironment } from '../ksef/environments';
import type { Sender } from '../messaging/router';

/*
 * The background's one module that calls the browser: tabs (inject, message, find, focus), the badge,
 * notifications and alarms. Everything else in lib/background gets these as ports.
 */

/**
 * The background's ways into AP tabs: inject a bundle into a tab's top frame, send a message to the content
 * script there, and find an AP tab of an environment (the one a job started in first, if it is still there).
 */
export function apTabs(browser: WxtBrowser) {
  const envOf = (url: string | undefined) => apLocation(url ?? '')?.environment ?? null;
  return {
    inject: (tabId: number, file: string) =>
      browser.scripting
        .executeScript({ target: { tabId, frameIds: [0] }, files: [file as never] })
        .then(() => undefined),
    send: (tabId: number, message: unknown) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
    /** Bring a tab to the front (the user follows guided steps there). */
    focus: (tabId: number) => browser.tabs.update(tabId, { active: true }).then(() => undefined),
    /** The badge of one tab; red when it asks for the user's attention. */
    setBadge: (tabId: number, text: string, alarming: boolean) => {
      void browser.action.setBadgeText({ tabId, text });
      if (alarming) void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    },
    async find(environment: KsefEnvironment, preferred: number | null): Promise<number | null> {
      if (preferred !== null) {
        const tab = await browser.tabs.get(preferred).catch(() => null);
        if (tab && envOf(tab.url) === environment) return preferred;
      }
      // The one the user was in last.
      const tabs = (await browser.tabs.query({ url: AP_MATCHES })).sort(
        (a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
      );
      const found = tabs.find((t) => t.id !== undefined && envOf(t.url) === environment)?.id;
      if (found !== undefined) return found;
      // None open: open "Zarządzaj uprawnieniami" (the user signs in there if they must) and wait for it to load.
      const tab = await browser.tabs.create({ url: `${apBaseUrl(environment)}permissions`, active: true });
      if (tab.id === undefined) return null;
      const id = tab.id;
      await new Promise<void>((resolve) => {
        const done = (tabId: number, change: { status?: string }) => {
          if (tabId !== id || change.status !== 'complete') return;
          browser.tabs.onUpdated.removeListener(done);
          resolve();
        };
        browser.tabs.onUpdated.addListener(done);
        setTimeout(() => {
          browser.tabs.onUpdated.removeListener(done);
          resolve();
        }, 60_000);
      });
      return id;
    },
  };
}

/** What a job's change means for the user: a badge on its AP tab and, at the moments that matter, a notification. */
export function jobSignals(
  browser: WxtBrowser,
  t: (key: string, subs?: string[]) => string,
  setBadge: (tabId: number, text: string, alarming: boolean) => void,
) {
  const told = new Map<string, string>();
  return (job: { id: string; state: string; tabId: number | null; providerName: string; leftovers: unknown[] }) => {
    if (job.tabId !== null) {
      const badge = job.state === 'confirm' ? '?' : job.state === 'failed' ? '!' : '';
      if (badge || job.state === 'done') setBadge(job.tabId, badge, badge !== '');
    }
    const key = job.state === 'confirm' || job.state === 'done' || job.state === 'failed' ? job.state : null;
    if (!key || told.get(job.id) === key) return;
    told.set(job.id, key);
    void browser.notifications
      .create(`ksef-companion-${job.id}-${key}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('extName'),
        message: t(`notify_${key}`, [job.providerName, String(job.leftovers.length)]),
      })
      .catch(() => undefined);
  };
}

const CERT_NOTIFICATION = 'ksef-companion-cert-';

/**
 * The certificate watch's voice: a notification per warning (a click opens the guided steps for a new
 * certificate in that environment) and a badge outside AP tabs with how many certificates need the user.
 */
export function certificateSignals<
  W extends { certificate: { environment: string; contextNip: string; serial: string }; alert: string },
>(
  browser: WxtBrowser,
  text: (warning: W, provider: string) => { title: string; message: string },
  onOpen: (environment: KsefEnvironment) => void,
) {
  browser.notifications.onClicked.addListener((id) => {
    const env = /^ksef-companion-cert-(TEST|DEMO|PRD):/.exec(id)?.[1] as KsefEnvironment | undefined;
    if (env) onOpen(env);
  });
  return {
    /** Resolves once the notification is shown (or could not be: the warning still counts as given). */
    warn: async (w: W, provider: string): Promise<void> => {
      const { title, message } = text(w, provider);
      const c = w.certificate;
      await browser.notifications
        .create(`${CERT_NOTIFICATION}${c.environment}:${c.contextNip}:${c.serial}:${w.alert}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title,
          message,
        })
        .then(() => undefined)
        .catch(() => undefined);
    },
    setWatchBadge: (count: number) => {
      void browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
      if (count > 0) void browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
    },
  };
}

export const CERT_ALARM = 'ksef-companion-certificates';

/** Run `check` once a day (the alarm survives the service worker); the alarm is set again if it is gone. */
export function dailyAlarm(browser: WxtBrowser, name: string, check: () => Promise<void>) {
  const ensure = async () => {
    if (!(await browser.alarms.get(name)))
      await browser.alarms.create(name, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) void check().finally(() => void ensure());
  });
  void ensure();
}

export const JOB_ALARM = 'ksef-companion-jobs';

/**
 * While a job runs, an alarm every 30 s (the shortest period both browsers keep) wakes a background that the
 * browser unloaded in the middle of a step, and `resume` carries the job on; with no job running it is cleared.
 */
export function jobAlarm(browser: WxtBrowser, resume: () => Promise<void>) {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOB_ALARM) void resume();
  });
  return (running: boolean) =>
    void Promise.resolve(
      running ? browser.alarms.create(JOB_ALARM, { periodInMinutes: 0.5 }) : browser.alarms.clear(JOB_ALARM),
    ).catch(() => undefined);
}

/** Who the background is, what it says in the user's language, and the browser events it follows. */
export function runtime(browser: WxtBrowser) {
  return {
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    version: browser.runtime.getManifest().version,
    browserInfo: { name: navigator.userAgent, language: navigator.language },
    t: (key: string, subs?: string | string[]) => tidy(browser.i18n.getMessage(key as never, subs)),
    /** The browser's UI language (for plural forms), read when asked. */
    get lang(): Lang {
      let ui = navigator.language;
      try {
        ui = browser.i18n.getUILanguage();
      } catch {
        // Where the browser cannot tell (a test's fake browser), the navigator's language stands in.
      }
      return ui.toLowerCase().startsWith('pl') ? 'pl' : 'en';
    },
    /** Tell the extension's pages (no page open: nobody hears it, and that is fine). */
    tell: (message: unknown) => void browser.runtime.sendMessage(message).catch(() => undefined),
    /** webextension-polyfill answers with the promise a listener returns, in Chromium as in Firefox. */
    onMessage: (route: (raw: unknown, sender: Sender) => Promise<unknown>) =>
      browser.runtime.onMessage.addListener((raw, sender) => route(raw, sender) as never),
    onTabRemoved: (listener: (tabId: number) => void) => browser.tabs.onRemoved.addListener(listener),
    /** Whether the user granted the extension this origin (a match pattern). */
    originGranted: (pattern: string) => browser.permissions.contains({ origins: [pattern] }),
    /** An AP tab has loaded a page (and, at start, every AP tab already open). */
    onApTabLoaded(listener: (tabId: number) => void) {
      browser.tabs.onUpdated.addListener((tabId, change, tab) => {
        if (change.status === 'complete' && apLocation(tab.url ?? '')) listener(tabId);
      });
      void browser.tabs
        .query({ url: AP_MATCHES })
        .then((tabs) => tabs.forEach((t) => t.id !== undefined && listener(t.id)));
    },
  };
}
