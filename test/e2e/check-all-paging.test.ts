import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxiedPaging } from '../sim/ap/server';
import { PROVIDER } from '../sim/people';
import { linkedWorld, openAp } from './browser';
import { PanelOnAp } from './pages/panel';

/**
 * "Check all" against an AP whose backend pages its lists in ways the public record leaves open (the replica's
 * `proxied` mode): it states `hasMore`, a total, nothing, or ignores the paging asked for; or it pages through the
 * JSON body instead of the query string. A list of 57 grants,
 * the provider's two among them. Each pass ends complete with a proof, or says honestly that it cannot vouch for
 * the list; never a false "all pages checked", never the same page asked for more than twice.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const GRANTS_PATH = '/permissions/query/persons/grants';
let env: Awaited<ReturnType<typeof linkedWorld>>;

/** The twin's grant queries since `from`, by page asked for. */
function pagesAsked(from: number): Map<string, number> {
  const asked = new Map<string, number>();
  for (const e of env.world.twin.world.log.slice(from).filter((x) => x.path === GRANTS_PATH)) {
    const key = `${e.query.pageOffset ?? '?'}/${e.query.pageSize ?? '?'}`;
    asked.set(key, (asked.get(key) ?? 0) + 1);
  }
  return asked;
}

async function checkAll(ap: Page): Promise<{ result: string; requests: number; asked: Map<string, number> }> {
  const panel = new PanelOnAp(ap);
  await panel.waitForButton('checkAll');
  const before = env.world.twin.world.log.length;
  await panel.press('checkAll');
  await panel.waitFor('checkAllResult', '', 60_000);
  const asked = pagesAsked(before);
  return {
    result: (await panel.text('checkAllResult')) ?? '',
    requests: [...asked.values()].reduce((a, b) => a + b, 0),
    asked,
  };
}

describe('check all over the ways an AP may page its lists', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await linkedWorld({ scenario: 'accounting-office', mode: 'proxied' });
    // 57 grants: the provider's and the accountant's four, and 53 of the office's clients.
    const all = env.world.twin.world.permissions;
    env.world.twin.world.permissions = [...all.slice(-4), ...all.slice(0, 53)];
    expect(env.world.twin.world.permissions.filter((p) => p.authorizedIdentifier.value === PROVIDER.nip)).toHaveLength(
      2,
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ['hasMore', 1],
    ['total', 1],
    ['nothing', 2],
    // Paging through the JSON body (`offset` / `limit`), learned from the page's own request, with a total.
    ['body', 1],
  ] as const)(
    '%s: proved complete in %i request(s), every record read',
    async (paging, requests) => {
      env.world.replica.setPaging(paging);
      const ap = await openAp(env.browser, '/permissions');
      const r = await checkAll(ap);
      expect(r.result).toBe('Sprawdzono wszystkie strony: 57 rekordów.');
      expect(r.requests).toBe(requests);
      expect(Math.max(...r.asked.values())).toBeLessThanOrEqual(2);
      const panel = new PanelOnAp(ap);
      await panel.waitFor('card', 'Należące do integracji: 2');
      await panel.waitPresentScopes(2);
      await ap.screenshot({ path: path.join(SHOTS, `check-all-${paging}.png`) });
      await ap.close();
    },
    90_000,
  );

  it('ignores the paging asked for: stops, says it cannot page this list, claims nothing it did not read', async () => {
    env.world.replica.setPaging('ignores' satisfies ProxiedPaging);
    const ap = await openAp(env.browser, '/permissions');
    const r = await checkAll(ap);
    expect(r.result).toBe('Nie mogę potwierdzić, że to cała lista: poniżej, czego nie udało się sprawdzić do końca.');
    const panel = new PanelOnAp(ap);
    await panel.waitFor('checkAllUnproven', 'Tej listy nie da się przejrzeć automatycznie (uprawnienia)');
    // The first page twice (the second time as the next page): it brought nothing new, so the pass stopped.
    expect(r.requests).toBe(2);
    expect(Math.max(...r.asked.values())).toBeLessThanOrEqual(2);
    // No scope is called missing, nothing is "all clear".
    const card = (await panel.text('card')) ?? '';
    expect(card).not.toContain('brak');
    expect(card).not.toContain('W KSeF nie ma uprawnień dostawcy');
    await ap.screenshot({ path: path.join(SHOTS, 'check-all-ignores.png') });
    await ap.close();
  }, 90_000);

  it('hasMore: started from the last page, the pass covers the whole list and never replaces it with less', async () => {
    env.world.replica.setPaging('hasMore');
    const ap = await openAp(env.browser, '/permissions');
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 10, { polling: 100 });
    // The user pages to the end of the list with the AP's own "Następna" (57 grants: page 6 of 10 rows).
    for (let page = 2; page <= 6; page++) {
      await ap.evaluate(() =>
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Następna ›')!.click(),
      );
      await ap.waitForFunction((n) => document.body.textContent?.includes(`Strona ${n}`), { polling: 100 }, page);
    }
    await ap.waitForFunction(() => document.querySelectorAll('main table tbody tr').length === 7, { polling: 100 });
    const r = await checkAll(ap);
    expect(r.result).toBe('Sprawdzono wszystkie strony: 57 rekordów.');
    await new PanelOnAp(ap).waitFor('card', 'Należące do integracji: 2');
    await ap.close();
  }, 90_000);

  it("a second copy of the provider's grant, on another page than the first, is marked as a leftover there", async () => {
    env.world.replica.setPaging('hasMore');
    const twin = env.world.twin.world;
    const original = twin.permissions.find(
      (p) => p.authorizedIdentifier.value === PROVIDER.nip && p.scope === 'InvoiceWrite',
    )!;
    // A second authorization made it again lately: newest first, the copy is on page 1, the original on page 6.
    twin.permissions.push({
      ...original,
      id: randomUUID(),
      description: `${PROVIDER.product} – ponowna autoryzacja`,
      startDate: new Date(env.world.twin.clock.now()).toISOString(),
    });
    const marks = (ap: Page) =>
      ap.$$eval('main table tbody tr', (rows) =>
        rows
          .map((r) => ({
            verdict: r.querySelector('ksef-companion-mark')?.getAttribute('data-verdict') ?? null,
            copy: r.textContent?.includes('ponowna autoryzacja') ?? false,
          }))
          .filter((r) => r.verdict !== null),
      );
    try {
      // Page 1 holds the copy; once the whole list is read, the row and the card agree: it is a duplicate leftover.
      const ap = await openAp(env.browser, '/permissions', 1);
      const r = await checkAll(ap);
      expect(r.result).toBe('Sprawdzono wszystkie strony: 58 rekordów.');
      await ap.waitForFunction(
        () => document.querySelectorAll('ksef-companion-mark[data-verdict="leftover"]').length === 1,
        { polling: 100, timeout: 15_000 },
      );
      expect(await marks(ap)).toEqual([{ verdict: 'leftover', copy: true }]);
      await new PanelOnAp(ap).waitFor('leftovers', 'Pozostałości: 1');
      await ap.screenshot({ path: path.join(SHOTS, 'duplicate-page-1.png') });
      for (let page = 2; page <= 6; page++) {
        await ap.evaluate(() =>
          [...document.querySelectorAll('button')].find((b) => b.textContent === 'Następna ›')!.click(),
        );
        await ap.waitForFunction((n) => document.body.textContent?.includes(`Strona ${n}`), { polling: 100 }, page);
      }
      // Page 6: the originals are the integration's.
      await ap.waitForFunction(
        () => document.querySelectorAll('ksef-companion-mark[data-verdict="integration"]').length === 2,
        { polling: 100, timeout: 15_000 },
      );
      expect(await marks(ap)).toEqual([
        { verdict: 'integration', copy: false },
        { verdict: 'integration', copy: false },
      ]);
      await ap.close();
    } finally {
      twin.permissions.pop();
    }
  }, 90_000);
});
