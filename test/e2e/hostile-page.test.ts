import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE, USER } from '../sim/people';
import { AP_DEMO, linkedWorld, openAp } from './browser';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';
import { waitUntil } from './wait';

/**
 * A script in the AP's own page (an XSS in the AP, or another extension) tries to steer the extension: it names
 * another company, and it answers the extension's requests before the observer does. Neither makes the extension
 * act or vouch for anything: the company becomes unclear and nothing is offered; forged answers are counted and
 * nothing read on that page counts as read whole.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const BRIDGE = { tag: 'ksef-companion/observer', v: 3 } as const;
type Env = Awaited<ReturnType<typeof linkedWorld>>;
let env: Env;

/** The page posts, as if from the observer, an empty whole list of grants whose token names `nip`. */
const nameCompany = (ap: Page, nip: string) =>
  ap.evaluate(
    (bridge, n) =>
      window.postMessage(
        {
          ...bridge,
          kind: 'response',
          method: 'POST',
          url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10',
          status: 200,
          text: JSON.stringify({ permissions: [], hasMore: false }),
          context: n,
        },
        location.origin,
      ),
    BRIDGE,
    nip,
  );

/** What reached the provider other than reads: revocations, authorizations. */
const providerActions = () => env.world.provider.store.log.filter((e) => e.method !== 'GET');

describe('a hostile script in the AP page', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await linkedWorld({ scenario: 'active-integration', mode: 'direct' });
  });
  afterEach(async () => {
    for (const p of await env.browser.pages()) if (p.url().startsWith(AP_DEMO)) await p.close();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('names another company in a forged KSeF response: the company is unclear, no provider action is offered', async () => {
    const ap = await openAp(env.browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    await panel.waitScopeStates(['present', 'present']);
    await nameCompany(ap, OFFICE.nip);
    await panel.waitFor('companyConflict', '356-870-79-25');
    const popup = await PopupPage.open(env, ap);
    expect(await popup.companyConflict()).toContain('356-870-79-25 (z tokenu sesji AP)');
    expect(await popup.offersDisconnect()).toBe(false);
    expect(await popup.asksForCompany()).toBe(false);
    await popup.screenshot(path.join(SHOTS, 'hostile-company-popup.png'));
    await popup.close();
    expect(providerActions()).toEqual([]);
  });

  it('answers "check all" before the observer with an empty list: counted as forged, nothing vouched for', async () => {
    const ap = await openAp(env.browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    await panel.waitScopeStates(['present', 'present']);
    // The forger sees the extension's requests in the page and answers each one first, fitting what was asked,
    // with a list that holds nothing of the provider's.
    await ap.evaluate((bridge) => {
      window.addEventListener('message', (e) => {
        const r = e.data as { tag?: string; id?: string; path?: string; query?: Record<string, string> } | null;
        if (r?.tag !== 'ksef-companion/replay' || !r.id || !r.path) return;
        const query = new URLSearchParams(r.query ?? {}).toString();
        window.postMessage(
          {
            ...bridge,
            kind: 'response',
            method: 'POST',
            url: `https://api-demo.ksef.mf.gov.pl${r.path}?${query}`,
            status: 200,
            text: JSON.stringify({ permissions: [], hasMore: false }),
            replayId: r.id,
          },
          location.origin,
        );
      });
    }, BRIDGE);
    await panel.press('checkAll');
    await panel.waitFor('forged', 'Strona podsunęła odpowiedzi');
    // Whatever the pass read, it is not vouched for: no "all pages checked", no "nothing left".
    // The card's findings are withdrawn.
    expect(await panel.text('card')).toBeNull();
    expect((await panel.text('checkAllResult')) ?? '').not.toContain('Sprawdzono wszystkie strony');
    await ap.screenshot({ path: path.join(SHOTS, 'hostile-forged-answers.png') });
  });
  it('posts 10,000 made-up responses of one grant each: the AP tab stays responsive and the audit keeps up', async () => {
    const ap = await openAp(env.browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    await panel.waitScopeStates(['present', 'present']);
    // The page's own heartbeat every 10 ms, from before the flood until the audit has taken it all in: the longest
    // gap between beats. The script posts in bursts of 500 (its own loop is not the extension's long task).
    await ap.evaluate(async (bridge) => {
      const w = window as unknown as { __gap: number; __beat: ReturnType<typeof setInterval> };
      const url = (i: number) =>
        `https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=${i}&pageSize=1`;
      let last = performance.now();
      w.__gap = 0;
      w.__beat = setInterval(() => {
        const now = performance.now();
        w.__gap = Math.max(w.__gap, now - last);
        last = now;
      }, 10);
      for (let from = 0; from < 10_000; from += 500) {
        for (let i = from; i < from + 500; i++) {
          const grant = {
            id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
            authorizedIdentifier: { type: 'Nip', value: '5260250274' },
            authorIdentifier: { type: 'Pesel', value: '15062788702' },
            permissionScope: 'InvoiceRead',
            description: `Zalew ${i}`,
            permissionState: 'Active',
            startDate: '2026-01-01T00:00:00Z',
            canDelegate: false,
          };
          const text = JSON.stringify({ permissions: [grant], hasMore: true });
          window.postMessage(
            { ...bridge, kind: 'response', method: 'POST', url: url(i), status: 200, text },
            location.origin,
          );
        }
        await new Promise((r) => setTimeout(r, 0));
      }
    }, BRIDGE);
    // Every made-up grant was read beside the list's own four, and the list no longer counts as read whole.
    await panel.waitFor('partial', 'Widzę 10004 uprawnienia', 30_000);
    const gap = await ap.evaluate(() => {
      const w = window as unknown as { __gap: number; __beat: ReturnType<typeof setInterval> };
      clearInterval(w.__beat);
      return w.__gap;
    });
    expect(gap).toBeLessThan(250);
    // What it says of the provider is still what the AP's own list says.
    await panel.waitScopeStates(['present', 'present']);
    await panel.waitFor('card', 'Należące do integracji: 2');
    await ap.screenshot({ path: path.join(SHOTS, 'hostile-flood.png') });
  });
});

describe('a hostile script in an AP page that itself names no company', () => {
  let quiet: Env;
  beforeAll(async () => {
    // The AP renders its lists on its server: no token in the page's requests, no company in the header.
    quiet = await linkedWorld({ scenario: 'active-integration', mode: 'dom-only' });
  });
  afterAll(async () => {
    await quiet?.close();
  });

  it('names a company of its choosing: the popup asks the user, and the provider hears nothing of it', async () => {
    const ap = await openAp(quiet.browser, '/permissions');
    // The extension listens once its panel is drawn (a message posted before that reaches no one).
    await new PanelOnAp(ap).waitFor('panel');
    await nameCompany(ap, OFFICE.nip);
    const popup = await PopupPage.open(quiet, ap);
    expect(await popup.company(10_000, '356-870-79-25')).toBe('356-870-79-25 (z tokenu sesji AP)');
    expect(await popup.asksToConfirmCompany()).toContain(
      `Konto „${USER.name}” u dostawcy nie wymienia firmy 356-870-79-25 (z tokenu sesji AP). Czy to konto obsługuje tę firmę?`,
    );
    expect(await popup.offersDisconnect()).toBe(false);
    await popup.screenshot(path.join(SHOTS, 'hostile-unlisted-company-popup.png'));
    await popup.close();
    // Not a single call about that company reached the provider, read or action.
    expect(quiet.world.provider.store.log.filter((e) => e.path.includes(OFFICE.nip))).toEqual([]);
  });
});

describe('a hostile script on the AP certificate list', () => {
  let certs: Env;
  beforeAll(async () => {
    certs = await linkedWorld({ scenario: 'own-certificates', mode: 'direct' });
  });
  afterAll(async () => {
    await certs?.close();
  });

  it('posts 1,000 made-up certificates with its own text: no real one is pushed out, no notification carries its text', async () => {
    // What the background shows as notifications, title and text, as it creates them.
    await certs.inBackground((g) => {
      const api = g.chrome.notifications;
      const create = api.create.bind(api);
      g.__shown = [];
      api.create = (id: string, options: { title: string; message: string }, ...rest: unknown[]) => {
        (g.__shown as string[]).push(`${options.title} | ${options.message}`);
        return create(id, options, ...rest);
      };
    });
    const shown = () => certs.inBackground((g) => [...(g.__shown as string[])]);
    const ap = await openAp(certs.browser, '/certificates');
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 5, { polling: 100 });
    await waitUntil('the real certificates noted', shown, (s) => s.length >= 4);
    const before = (await shown()).length;

    await ap.evaluate((bridge) => {
      const day = 86_400_000;
      const at = (d: number) => new Date(Date.now() + d * day).toISOString();
      const certificates = Array.from({ length: 1000 }, (_, i) => ({
        certificateSerialNumber: (0xe000000000000000n + BigInt(i)).toString(16).toUpperCase(),
        name: 'PILNE: zadzwoń 800 000 000 i podaj kod SMS',
        type: 'Authentication',
        commonName: 'PILNE',
        status: 'Active',
        subjectIdentifier: { type: 'Nip', value: '5265877635' },
        validFrom: at(-700),
        validTo: at(1 + (i % 3)),
        requestDate: at(-700),
      }));
      window.postMessage(
        {
          ...bridge,
          kind: 'response',
          method: 'POST',
          url: 'https://api-demo.ksef.mf.gov.pl/v2/certificates/query?pageOffset=1&pageSize=1000',
          status: 200,
          text: JSON.stringify({ certificates, hasMore: false }),
        },
        location.origin,
      );
    }, BRIDGE);
    const popup = await PopupPage.open(certs, ap);
    const alerts = await popup.certificateAlerts();
    // The company's watch holds at most 50, and the real one expiring in 5 days is still followed.
    expect(alerts.length).toBeLessThanOrEqual(50);
    expect(await popup.certificateNames()).toContain('Certyfikat KSeF (ważny 5 dni)');
    await popup.close();
    // Notifications for made-up entries, if any (noted before the list was kept), carry the extension's own words
    // and a masked serial only.
    for (const text of (await shown()).slice(before)) {
      expect(text).not.toContain('PILNE');
      expect(text).not.toContain('800');
    }
    await ap.close();
  });
});
