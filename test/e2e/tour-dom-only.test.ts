import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedWorld, openAp, startTour, waitTourStep, waitTourText } from './browser';

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
    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${env.extensionId}/popup.html`);
    await startTour(viewer, 'renew-certificate', 'DEMO');
    await ap.bringToFront();
    await waitTourStep(ap, 'openCertificates');
    await Promise.all([ap.waitForNavigation(), ap.click('[data-ksef-companion-guide]')]);
    expect(new URL(ap.url()).pathname).toBe('/web/certificates');
    // A new page, a new content script: the background started the tour again at its second step.
    await waitTourStep(ap, 'requestCertificate');
    expect(await ap.$eval('[data-ksef-companion-guide]', (e) => e.textContent)).toBe('Wnioskuj o certyfikat');
    await viewer.close();
    await ap.close();
  }, 60_000);

  it('does not guess which rows are leftovers on a list that never names its company', async () => {
    const ap = await openAp(browser, '/permissions');
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { polling: 100 });
    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${env.extensionId}/popup.html`);
    await startTour(viewer, 'remove-leftovers', 'DEMO');
    await ap.bringToFront();
    await waitTourStep(ap, 'removeRows', 'false');
    // Once the rows have been read from their text (nothing came from KSeF), the step says why it cannot point.
    await waitTourText(ap, 'nie mówi, której firmy dotyczy lista', { timeout: 10_000 });
    expect(await ap.$$('[data-ksef-companion-guide]')).toHaveLength(0);
    await viewer.close();
    await ap.close();
  }, 60_000);
});
