import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedWorld, openAp } from './browser';
import { GuidedSteps } from './pages/guided-steps';
import { PopupPage } from './pages/popup';

/**
 * Guided steps where the AP renders its pages on its server (`dom-only`): every menu entry loads a whole page,
 * so the tour must go on in the page that follows (the background keeps it per tab); and the list of grants,
 * which never names its company there, is not judged by guesswork.
 */
let env: Awaited<ReturnType<typeof linkedWorld>>;
let browser: Browser;

describe('guided steps on a server-rendered AP', () => {
  beforeAll(async () => {
    env = await linkedWorld({ scenario: 'leftovers-after-disconnect', mode: 'dom-only' });
    browser = env.browser;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('goes on after the menu entry loads a whole new page, then ends on the next control', async () => {
    const ap = await openAp(browser, '/');
    const popup = await env.openExtensionPage('popup.html');
    await GuidedSteps.startFrom(popup, 'renew-certificate', 'DEMO');
    await ap.bringToFront();
    const steps = new GuidedSteps(ap);
    await steps.waitStep('openCertificates');
    await Promise.all([ap.waitForNavigation(), steps.pressOutlined()]);
    expect(new URL(ap.url()).pathname).toBe('/web/certificates');
    // A new page, a new content script: the background started the tour again at its second step.
    await steps.waitStep('requestCertificate');
    expect(await steps.outlinedText()).toBe('Wnioskuj o certyfikat');
    await popup.close();
    await ap.close();
  }, 60_000);

  it('does not guess which rows are leftovers on a list that never names its company', async () => {
    const ap = await openAp(browser, '/permissions');
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { polling: 100 });
    const popup = await env.openExtensionPage('popup.html');
    await GuidedSteps.startFrom(popup, 'remove-leftovers', 'DEMO');
    await ap.bringToFront();
    const steps = new GuidedSteps(ap);
    await steps.waitStep('removeRows', 'false');
    // Once the rows have been read from their text (nothing came from KSeF), the step says why it cannot point.
    await steps.waitText('nie mówi, której firmy dotyczy lista', { timeout: 10_000 });
    expect(await steps.outlinedCount()).toBe(0);
    await popup.close();
    await ap.close();
  }, 60_000);

  it("judges the visible rows by the provider's word on the company the user names", async () => {
    const ap = await openAp(browser, '/permissions');
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { polling: 100 });
    const popup = await PopupPage.open(env, ap);
    await popup.enterCompanyNip('526-587-76-35');
    // The provider says it is disconnected from that company: what it still holds is left over, never "ours".
    await ap.waitForFunction(
      () =>
        document.querySelectorAll('ksef-companion-mark[data-verdict="leftover"]').length === 2 &&
        document.querySelectorAll('ksef-companion-mark[data-verdict="integration"]').length === 0,
      { timeout: 15_000, polling: 100 },
    );
    await popup.close();
    await ap.close();
  }, 60_000);
});
