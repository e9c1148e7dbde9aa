import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER, USER } from '../sim/people';
import { signXml } from '../sim/signer';
import { KsefClient } from '../sim/ksef-client';
import { owner } from '../sim/tests/kit';
import type { World } from '../sim/world';
import { linkedWorld, openAp } from './browser';
import { AuthorizePage } from './pages/authorize';
import { PanelOnAp } from './pages/panel';

/**
 * Authorize with verification, scenario `clean`: the provider prepares the
 * request, the page says what is being signed, refuses a file that is not that request signed, sends the signed
 * one, follows the provider's steps, and the AP then shows the provider's two invoicing grants and nothing else.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
let env: Awaited<ReturnType<typeof linkedWorld>>;
let world: World;
let browser: Browser;

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
    const page = await AuthorizePage.open(env, 'DEMO', USER.nip);
    const { summary, unsignedXml: unsigned } = await page.prepare();
    expect(summary).toContain('526-587-76-35');
    expect(unsigned).toContain('<AuthTokenRequest');

    // The unsigned file itself, and a signed file of another request: refused, with the reason, nothing sent.
    await page.choose(dir, 'unsigned.xml', unsigned, 'nie jest podpisany');
    expect(await page.canSend()).toBe(false);
    const other = (
      await new KsefClient((p, init) => Promise.resolve(world.twin.app.request(p, init))).unsignedRequest(USER.nip)
    ).xml;
    await page.choose(dir, 'other.xml', signXml(other, owner()), 'innego żądania');
    await page.screenshot(path.join(SHOTS, 'authorize-refused.png'));
    expect(world.provider.store.log.filter((e) => e.method === 'PUT')).toEqual([]);

    await page.choose(dir, 'signed.xml', signXml(unsigned, owner()), /^Plik jest podpisany/);
    await page.send();
    await page.screenshot(path.join(SHOTS, 'authorize-done.png'));

    // The AP, read again: the provider's two invoicing grants, nothing broader, nothing missing.
    const ap = await openAp(browser, '/permissions');
    await ap.waitForFunction(
      () =>
        [...document.querySelectorAll('ksef-companion-mark')].filter(
          (m) => m.getAttribute('data-verdict') === 'integration',
        ).length === 2,
      { timeout: 20_000 },
    );
    const panel = new PanelOnAp(ap);
    await panel.waitFor('card', 'wystawianie faktur: nadane');
    await panel.waitFor('card', 'przeglądanie faktur: nadane');
    const grants = world.twin.world.permissions.filter(
      (p) => p.authorizedIdentifier.value === PROVIDER.nip && !p.revokedAt,
    );
    expect(grants.map((g) => g.scope).sort()).toEqual(['InvoiceRead', 'InvoiceWrite']);
    expect(grants.every((g) => !g.canDelegate)).toBe(true);
    await ap.close();
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
