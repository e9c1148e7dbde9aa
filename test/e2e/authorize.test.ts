import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../sim/people';
import { signXml } from '../sim/signer';
import { KsefClient } from '../sim/ksef-client';
import { owner } from '../sim/tests/kit';
import type { World } from '../sim/world';
import { linkedWorld } from './browser';

/**
 * Authorize with verification, scenario `clean`: the provider prepares the
 * request, the page says what is being signed, refuses a file that is not that request signed, sends the signed
 * one, follows the provider's steps, and the AP then shows the provider's two invoicing grants and nothing else.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
let env: Awaited<ReturnType<typeof linkedWorld>>;
let world: World;
let browser: Browser;

async function choose(page: Page, dir: string, name: string, xml: string) {
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  const input = (await page.$('[data-testid="auth-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

describe('authorize, verified (direct)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await linkedWorld({ scenario: 'clean', mode: 'direct' });
    ({ world, browser } = env);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('signs, checks, sends, follows, and the AP then shows InvoiceWrite and InvoiceRead for the provider', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ksef-auth-'));
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${env.extensionId}/authorize.html?env=DEMO&nip=${USER.nip}`);
    await page.waitForSelector('[data-testid="auth-start"]');
    await page.click('[data-testid="auth-start"]');
    await page.waitForSelector('[data-testid="auth-summary"]', { timeout: 15_000 });
    const summary = await page.$eval('[data-testid="auth-summary"]', (e) => e.textContent ?? '');
    expect(summary).toContain('526-587-76-35');
    const unsigned = await page.$eval('[data-testid="auth-xml"]', (e) => e.textContent ?? '');
    expect(unsigned).toContain('<AuthTokenRequest');

    // The unsigned file itself, and a signed file of another request: refused, with the reason, nothing sent.
    await choose(page, dir, 'unsigned.xml', unsigned);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="auth-check"]')?.textContent?.includes('nie jest podpisany'),
    );
    expect(await page.$('[data-testid="auth-upload"]')).toBeNull();
    const other = (
      await new KsefClient((p, init) => Promise.resolve(world.twin.app.request(p, init))).unsignedRequest(USER.nip)
    ).xml;
    await choose(page, dir, 'other.xml', signXml(other, owner()));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="auth-check"]')?.textContent?.includes('innego żądania'),
    );
    await page.screenshot({ path: path.join(SHOTS, 'authorize-refused.png') });
    expect(world.provider.store.log.filter((e) => e.method === 'PUT')).toEqual([]);

    await choose(page, dir, 'signed.xml', signXml(unsigned, owner()));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="auth-check"]')?.textContent?.startsWith('Plik jest podpisany'),
    );
    await page.click('[data-testid="auth-upload"]');
    await page.waitForSelector('[data-testid="auth-done"]', { timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'authorize-done.png') });

    // The AP, read again: the provider's two invoicing grants, nothing broader, nothing missing.
    const ap = await browser.newPage();
    await ap.goto('https://ap-demo.ksef.mf.gov.pl/web/permissions', { waitUntil: 'load' });
    await ap.waitForFunction(
      () =>
        [...document.querySelectorAll('ksef-companion-mark')].filter(
          (m) => m.getAttribute('data-verdict') === 'integration',
        ).length === 2,
      { timeout: 20_000 },
    );
    const card = await ap.evaluate(
      () =>
        document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="card"]')?.textContent ?? '',
    );
    expect(card).toContain('wystawianie faktur: jest');
    expect(card).toContain('przeglądanie faktur: jest');
    const grants = world.twin.world.permissions.filter(
      (p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt,
    );
    expect(grants.map((g) => g.scope).sort()).toEqual(['InvoiceRead', 'InvoiceWrite']);
    expect(grants.every((g) => !g.canDelegate)).toBe(true);
    await ap.close();
    await page.close();
  }, 120_000);
});
