import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE, USER } from '../sim/people';
import { AP_DEMO, linkedWorld, openAp } from './browser';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';

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
    await ap.evaluate(
      (bridge, nip) =>
        window.postMessage(
          {
            ...bridge,
            kind: 'response',
            method: 'POST',
            url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10',
            status: 200,
            text: JSON.stringify({ permissions: [], hasMore: false }),
            context: nip,
          },
          location.origin,
        ),
      BRIDGE,
      OFFICE.nip,
    );
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
    await ap.evaluate(
      (bridge, nip) =>
        window.postMessage(
          {
            ...bridge,
            kind: 'response',
            method: 'POST',
            url: 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10',
            status: 200,
            text: JSON.stringify({ permissions: [], hasMore: false }),
            context: nip,
          },
          location.origin,
        ),
      BRIDGE,
      OFFICE.nip,
    );
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
