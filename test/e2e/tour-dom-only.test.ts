import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../sim/provider/server';
import { startWorld, type World } from '../sim/world';
import { launchWithExtension, linkProvider } from './browser';

/**
 * Guided steps where the AP renders its pages on its server (`dom-only`): every menu entry loads a whole page,
 * so the tour must go on in the page that follows (the background keeps it per tab); and the list of grants,
 * which never names its company there, is not judged by guesswork.
 */
const AP = 'https://ap-demo.ksef.mf.gov.pl/web';
let world: World;
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let browser: Browser;

/** Wait until the tour shows `step` with its control found or not (`step:true`, `step:false`). */
function waitStep(page: Page, want: string) {
  return page.waitForFunction(
    (w) => {
      const el = document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="tour-text"]');
      return el ? `${el.getAttribute('data-step')}:${el.getAttribute('data-found')}` === w : false;
    },
    { timeout: 20_000, polling: 100 },
    want,
  );
}

describe('guided steps on a server-rendered AP', () => {
  beforeAll(async () => {
    world = await startWorld({ scenario: 'leftovers-after-disconnect', mode: 'dom-only' });
    session = await launchWithExtension({ hosts: world.hosts });
    browser = session.browser;
    await linkProvider(browser, session.extensionId, world.provider.url, DEMO_API_KEY);
  });
  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('goes on after the menu entry loads a whole new page, then ends on the next control', async () => {
    const ap = await browser.newPage();
    await ap.goto(`${AP}/`, { waitUntil: 'load' });
    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await viewer.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'popup→background:tour.start',
        payload: { tour: 'renew-certificate', environment: 'DEMO' },
      }),
    );
    await ap.bringToFront();
    await waitStep(ap, 'openCertificates:true');
    await Promise.all([ap.waitForNavigation(), ap.click('[data-ksef-companion-guide]')]);
    expect(new URL(ap.url()).pathname).toBe('/web/certificates');
    // A new page, a new content script: the background started the tour again at its second step.
    await waitStep(ap, 'requestCertificate:true');
    expect(await ap.$eval('[data-ksef-companion-guide]', (e) => e.textContent)).toBe('Wnioskuj o certyfikat');
    await viewer.close();
    await ap.close();
  }, 60_000);

  it('does not guess which rows are leftovers on a list that never names its company', async () => {
    const ap = await browser.newPage();
    await ap.goto(`${AP}/permissions`, { waitUntil: 'load' });
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length > 0, { polling: 100 });
    const viewer = await browser.newPage();
    await viewer.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await viewer.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'popup→background:tour.start',
        payload: { tour: 'remove-leftovers', environment: 'DEMO' },
      }),
    );
    await ap.bringToFront();
    await waitStep(ap, 'removeRows:false');
    // Once the rows have been read from their text (nothing came from KSeF), the step says why it cannot point.
    await ap.waitForFunction(
      () =>
        document
          .querySelector('ksef-companion')
          ?.shadowRoot?.querySelector('[data-testid="tour-text"]')
          ?.textContent?.includes('nie mówi, której firmy dotyczy lista'),
      { timeout: 10_000, polling: 100 },
    );
    expect(await ap.$$('[data-ksef-companion-guide]')).toHaveLength(0);
    await viewer.close();
    await ap.close();
  }, 60_000);
});
