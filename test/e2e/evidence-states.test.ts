import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApMode } from '../sim/ap/server';
import { OFFICE, USER } from '../sim/people';
import { AP_DEMO, badgeOf, expireProviderSession, linkedWorld, openAp } from './browser';
import { PanelOnAp } from './pages/panel';
import { PopupPage } from './pages/popup';

/**
 * What the extension says in each state of evidence (docs/architecture.md §4a), on the card, in the popup and on
 * the badge, each checked word for word and photographed at 1280×800 and 1024×768. The table it writes
 * (`test-output/evidence-states.json`) is the closing note's.
 */
const OUT = path.resolve(__dirname, '../../test-output');
const SHOTS = path.join(OUT, 'screenshots');
const GRANTS = 'permissions/query/persons/grants';
type Env = Awaited<ReturnType<typeof linkedWorld>>;

interface Said {
  state: string;
  scopes: string[];
  card: string | null;
  capture: string | null;
  conflict: string | null;
  popupHeadline: string | null;
  popupCompany: string | null;
  popupConflict: string | null;
  popupAsksNip: boolean;
  popupOffersDisconnect: boolean;
  badge: string;
}
const table: Said[] = [];

/**
 * Everything the extension says about this AP page now; screenshots of the page at two sizes and of the popup.
 * `popupReady` null: the popup is not opened (it finds its tab by URL, and a second tab of the same list has none
 * of its own); the popup's and the badge's columns stay empty.
 */
async function record(env: Env, ap: Page, state: string, popupReady: ((p: PopupPage) => Promise<unknown>) | null) {
  const panel = new PanelOnAp(ap);
  const said: Said = {
    state,
    scopes: (await panel.scopeLines()).map((l) => l.text),
    card: await panel.text('card'),
    capture: await panel.text('capture'),
    conflict: await panel.text('companyConflict'),
    popupHeadline: null,
    popupCompany: null,
    popupConflict: null,
    popupAsksNip: false,
    popupOffersDisconnect: false,
    badge: '',
  };
  if (popupReady) {
    const popup = await PopupPage.open(env, ap);
    await popupReady(popup);
    Object.assign(said, {
      popupHeadline: await popup.headlineNow(),
      popupCompany: await popup.company(1_000).catch(() => null),
      popupConflict: await popup.companyConflict(1_000).catch(() => null),
      popupAsksNip: await popup.asksForCompany(),
      popupOffersDisconnect: await popup.offersDisconnect(),
      badge: await badgeOf(env),
    });
    await popup.screenshot(path.join(SHOTS, `state-${state}-popup.png`));
    await popup.close();
  }
  await shoot(ap, state);
  table.push(said);
  return said;
}

async function shoot(ap: Page, state: string) {
  for (const [w, h] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    await ap.setViewport({ width: w, height: h });
    await ap.screenshot({ path: path.join(SHOTS, `state-${state}-${w}.png`) });
  }
}

/** Close the AP tabs a test opened (a failed one leaves its tab, which would answer for the next). */
async function closeAps(env: Env | undefined) {
  for (const p of (await env?.browser.pages()) ?? []) if (p.url().startsWith(AP_DEMO)) await p.close();
}

async function world(mode: ApMode): Promise<Env> {
  mkdirSync(SHOTS, { recursive: true });
  const env = await linkedWorld({ scenario: 'active-integration', mode });
  return env;
}

afterAll(() => {
  writeFileSync(path.join(OUT, 'evidence-states.json'), JSON.stringify(table, null, 2));
});

describe('what the extension says in each state of evidence (the AP calls KSeF itself)', () => {
  let env: Env;
  afterEach(() => closeAps(env));
  afterAll(async () => {
    await env?.close();
  });

  it('loading: nothing read yet, so nothing is granted or missing; then complete: both scopes granted', async () => {
    env = await world('direct');
    // The list takes 4 s to come: until then the card says "not checked yet" and the AP says "Wczytywanie…".
    env.world.twin.world.faults.push({ path: GRANTS, status: 200, delayMs: 4_000, times: 1 });
    const ap = await openAp(env.browser, '/permissions');
    const panel = new PanelOnAp(ap);
    await ap.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Wczytywanie…'), {
      polling: 50,
    });
    await panel.waitFor('capture', 'Czekam na listę uprawnień z KSeF…');
    await panel.waitScopeStates(['unchecked', 'unchecked']);
    const loading = await record(env, ap, 'loading', (p) => p.company());
    expect(loading.scopes).toEqual([
      '? wystawianie faktur: jeszcze nie sprawdzone',
      '? przeglądanie faktur: jeszcze nie sprawdzone',
    ]);
    expect(loading.card).not.toContain('brak');
    expect(loading.popupHeadline).toBeNull();
    expect(loading.badge).toBe('');

    await panel.waitScopeStates(['present', 'present'], 15_000);
    await panel.waitFor('card', 'Należące do integracji: 2');
    const complete = await record(env, ap, 'complete', (p) => p.company(10_000, 'z tokenu sesji AP, z nagłówka AP'));
    expect(complete.scopes).toEqual(['✓ wystawianie faktur: nadane', '✓ przeglądanie faktur: nadane']);
    expect(complete.card).toBe(
      'Fakturowo sp. z o.o. (NIP 776-281-16-92)Integracja aktywna✓ wystawianie faktur: nadane✓ przeglądanie faktur: nadaneNależące do integracji: 2',
    );
    // The token and the header agree on the company: both are named as sources.
    expect(complete.popupCompany).toBe('526-587-76-35 (z tokenu sesji AP, z nagłówka AP)');
    expect(complete.popupHeadline).toBeNull();
    expect(complete.badge).toBe('');
    await ap.close();
  }, 90_000);

  it.each([
    ['tokens', '/tokens'],
    ['certificates', '/certificates'],
  ])('a %s page lists no grants: each scope "not on this page", never missing', async (state, route) => {
    const ap = await openAp(env.browser, route);
    const panel = new PanelOnAp(ap);
    await panel.waitScopeStates(['not-listed', 'not-listed']);
    const said = await record(env, ap, state, (p) => p.company());
    expect(said.scopes).toEqual([
      '– wystawianie faktur: nie dotyczy tej strony (lista uprawnień jest w „Zarządzaj uprawnieniami”)',
      '– przeglądanie faktur: nie dotyczy tej strony (lista uprawnień jest w „Zarządzaj uprawnieniami”)',
    ]);
    expect(said.popupHeadline).toBeNull();
    expect(said.badge).toBe('');
    await ap.close();
  });

  it('partial: the first page of 101, the provider not on it: not checked yet, nothing called missing', async () => {
    await env.world.reseed('accounting-office');
    const ap = await openAp(env.browser, '/permissions');
    const panel = new PanelOnAp(ap);
    await panel.waitFor('partial', 'Są kolejne strony.');
    await panel.waitScopeStates(['unchecked', 'unchecked']);
    const said = await record(env, ap, 'partial', (p) => p.waitStatus());
    expect(said.card).toContain('Na odczytanej części listy nie ma uprawnień dostawcy; reszty jeszcze nie sprawdzono.');
    expect(said.card).not.toContain('brak');
    expect(said.popupHeadline).toBeNull();
    expect(said.badge).toBe('');
    await ap.close();
  });

  it('after a disconnect: the provider says disconnected, what it holds is a leftover, never a green tick', async () => {
    await env.world.reseed('leftovers-after-disconnect');
    const ap = await openAp(env.browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    // The user opens the popup: the provider's fresh word (disconnected) reaches the tab, which judges again.
    const popup = await PopupPage.open(env, ap);
    await popup.headline();
    await popup.close();
    await panel.waitFor('leftovers', 'Pozostałości: 2');
    const said = await record(env, ap, 'disconnected', (p) => p.headline());
    expect(said.scopes).toEqual([]);
    expect(said.card).not.toContain('✓');
    expect(said.card).toContain('Integracja odłączona');
    expect(said.popupHeadline).toBe(
      'Fakturowo sp. z o.o. uznaje integrację za odłączoną, ale KSeF nadal pokazuje jego uprawnienia: 2.',
    );
    expect(said.badge).toBe('2');
    await ap.close();
  });

  it('another AP tab of the company, after a disconnect run from the first: outdated, then read again', async () => {
    await env.world.reseed('active-integration');
    // The provider's session as the user has expired: its grants stay behind and the user removes them.
    await expireProviderSession(env.world);
    const other = await openAp(env.browser, '/permissions?widok=2', 2);
    const ap = await openAp(env.browser, '/permissions', 2);
    const popup = await PopupPage.open(env, ap);
    await popup.startDisconnectUntilConfirm();
    await popup.confirmRemoval();
    expect(await popup.receipt()).toContain('nie ma już uprawnień dostawcy');
    await popup.close();
    // The other tab learns that KSeF changed under it: it says so and no longer vouches for its list.
    const panel = new PanelOnAp(other);
    await other.bringToFront();
    await panel.waitFor('outdated', 'Po odczytaniu tej listy KSeF się zmienił');
    const said = await record(env, other, 'other-tab-outdated', null);
    expect(said.card).not.toContain('W KSeF nie ma uprawnień dostawcy');
    // One click reads it again: whole, nothing of the provider's left, and the AP's own rows called out of date.
    await panel.press('reread');
    await panel.waitFor('nothingLeft', 'W KSeF nie ma uprawnień dostawcy.', 60_000);
    await panel.waitFor('staleRows', 'naciśnij w AP „Odśwież”');
    expect(await panel.text('outdated')).toBeNull();
    await record(env, other, 'other-tab-reread', null);
  }, 120_000);

  it('two companies claimed: the header names another company than the token; no action is offered', async () => {
    await env.world.reseed('active-integration');
    env.world.replica.setShownContext(OFFICE.nip);
    const ap = await openAp(env.browser, '/permissions');
    const panel = new PanelOnAp(ap);
    await panel.waitFor('companyConflict', 'Ta strona wskazuje różne firmy');
    const said = await record(env, ap, 'two-companies', (p) => p.companyConflict());
    // The claims in the order they came: the header is read as the page renders, the token with the first response.
    expect([
      'Ta strona wskazuje różne firmy: 356-870-79-25 (z nagłówka AP); 526-587-76-35 (z tokenu sesji AP). Dopóki się to nie wyjaśni, nie proponuję żadnych działań ani nie wiążę tej listy z żadną z nich.',
      'Ta strona wskazuje różne firmy: 526-587-76-35 (z tokenu sesji AP); 356-870-79-25 (z nagłówka AP). Dopóki się to nie wyjaśni, nie proponuję żadnych działań ani nie wiążę tej listy z żadną z nich.',
    ]).toContain(said.conflict);
    expect(said.popupConflict).toContain('Ta karta AP wskazuje różne firmy');
    expect(said.popupConflict).toContain('356-870-79-25 (z nagłówka AP)');
    expect(said.popupCompany).toBeNull();
    expect(said.popupAsksNip).toBe(false);
    expect(said.popupOffersDisconnect).toBe(false);
    env.world.replica.setShownContext(USER.nip);
    await ap.close();
  }, 60_000);
});

describe('what the extension says where the AP renders its lists on its server (dom-only)', () => {
  let env: Env;
  afterEach(() => closeAps(env));
  afterAll(async () => {
    await env?.close();
  });

  it('no company on the page: visible rows judged, the user is asked for the NIP, nothing said of KSeF', async () => {
    env = await world('dom-only');
    const ap = await openAp(env.browser, '/permissions', 2);
    const panel = new PanelOnAp(ap);
    await panel.waitFor('capture', 'Lista nie została odczytana z KSeF');
    const said = await record(env, ap, 'dom-only', (p) => p.waitStatus());
    expect(said.capture).toBe(
      'Lista nie została odczytana z KSeF, więc oceniam tylko widoczne wiersze (4). Pełne sprawdzenie wymaga, aby lista wczytała się z KSeF.',
    );
    expect(said.popupAsksNip).toBe(true);
    expect(said.popupCompany).toBeNull();
    await ap.close();
  });

  it('the company from the AP header only: named with its source, the provider asked about it', async () => {
    env.world.replica.setShownContext(USER.nip);
    const ap = await openAp(env.browser, '/permissions', 2);
    const said = await record(env, ap, 'header-only', (p) => p.company());
    expect(said.popupCompany).toBe('526-587-76-35 (z nagłówka AP)');
    expect(said.popupAsksNip).toBe(false);
    expect(said.popupOffersDisconnect).toBe(true);
    await ap.close();
  });
});
