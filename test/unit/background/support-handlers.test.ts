import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetExtensionStorage } from '../storage/reset';
import background from '@/entrypoints/background';
import { DAY_MS, MAX_PER_COMPANY, type Warning } from '@/lib/background/jobs/certificate-watch';
import { createHandlers } from '@/lib/background/handlers';
import { CERT_ALARM } from '@/lib/background/platform';
import { readWatch } from '@/lib/storage/certificates';
import { putTabState } from '@/lib/storage/tab-state';
import { OFFICE, USER } from '../../sim/people';
import { DEMO_API_KEY } from '../../sim/provider/server';
import { twinWithProvider } from '../../sim/tests/kit';

/** The certificate watch and the diagnostic report in the background, against the twin and the reference server. */
async function setup(scenario: string) {
  const { t, p } = await twinWithProvider(scenario, { operationDelayMs: 10, authDelayMs: 5 });
  const warned: Warning[] = [];
  const badge: number[] = [];
  const h = createHandlers({
    version: '1',
    setBadge: () => undefined,
    injectPanel: async () => undefined,
    now: () => t.clock.now(),
    warn: async (w) => void warned.push(w),
    setWatchBadge: (n) => void badge.push(n),
    sendToTab: async () => null,
    fetch: async (input, init) => p.app.request(new URL(String(input)).pathname.replace(/^\/fk/, ''), init),
  });
  await h['popup→background:provider.link']({ url: 'https://provider.example/fk', apiKey: DEMO_API_KEY }, sender);
  return { t, p, h, warned, badge };
}
const sender = { sender: {} };
const STATE = { environment: 'DEMO', page: 'certificates', responses: 1, rejected: 0, updatedAt: 1 } as const;

describe('own-certificate watch in the background', () => {
  beforeEach(resetExtensionStorage);

  it('warns 30/14/7 days ahead and on revocation, once each, and again as the twin clock moves', async () => {
    const { t, h, warned, badge } = await setup('own-certificates');
    await putTabState(3, { ...STATE, contextNip: USER.nip, companies: [{ nip: USER.nip, source: 'token' }] });
    // The provider's status names the certificates it uses (own-certificates mode): matched by serial.
    const first = await h['popup→background:certificates.list']({ check: true }, sender);
    expect(first.certificates).toHaveLength(5);
    expect(first.certificates.every((c) => c.usedByProvider && !c.seenInAp)).toBe(true);
    expect(warned.map((w) => w.alert).sort()).toEqual(['expires-14', 'expires-30', 'expires-7']);

    // The AP's list shows the same certificates with their status: the revoked one is now known.
    const listed = t.world.certificates.map((c) => ({
      serial: c.certificateSerialNumber,
      name: c.name,
      validTo: new Date(c.validTo).toISOString(),
      status: c.revokedAt !== undefined ? 'Revoked' : 'Active',
    }));
    expect(
      await h['content→background:certificates.seen'](
        { environment: 'DEMO', contextNip: USER.nip, certificates: listed },
        { sender: {}, tabId: 3 },
      ),
    ).toEqual({ ok: true });
    expect(warned.map((w) => w.alert)).toContain('revoked');
    const again = warned.length;
    await h['popup→background:certificates.list']({ check: true }, sender);
    expect(warned).toHaveLength(again);

    // Twenty days on: two have expired, the 29-day one is within 14 days.
    t.clock.advance(20 * DAY_MS);
    await h['popup→background:certificates.list']({ check: true }, sender);
    expect(
      warned
        .slice(again)
        .map((w) => `${w.certificate.name}:${w.alert}`)
        .sort(),
    ).toEqual([
      'Certyfikat KSeF (ważny 13 dni):expired',
      'Certyfikat KSeF (ważny 29 dni):expires-14',
      'Certyfikat KSeF (ważny 5 dni):expired',
    ]);
    expect(badge.at(-1)).toBe(4);
    expect((await readWatch()).checkedAt).toBeGreaterThan(t.clock.now() - 5_000);
  });

  it("files certificates only under the sending tab's company, and a flood of made-up ones evicts no real one", async () => {
    const { t, h } = await setup('own-certificates');
    await putTabState(3, { ...STATE, contextNip: USER.nip, companies: [{ nip: USER.nip, source: 'token' }] });
    const at = (days: number) => new Date(t.clock.now() + days * DAY_MS).toISOString();
    const real = { serial: '0123456789ABCDEF', name: 'Mój certyfikat', validTo: at(5), status: 'Active' };
    const seen = (contextNip: string, certificates: (typeof real)[], tabId = 3) =>
      h['content→background:certificates.seen'](
        { environment: 'DEMO', contextNip, certificates },
        { sender: {}, tabId },
      );
    expect(await seen(USER.nip, [real])).toEqual({ ok: true });
    // Another company's NIP, a tab that shows none, a tab whose claims disagree: nothing is kept.
    expect(await seen('3568707925', [{ ...real, serial: 'AAAAAAAAAAAAAAAA' }])).toEqual({ ok: false });
    expect(await seen(USER.nip, [{ ...real, serial: 'BBBBBBBBBBBBBBBB' }], 9)).toEqual({ ok: false });
    // A company the linked account neither lists nor was confirmed for: its certificates are not followed.
    await putTabState(5, { ...STATE, contextNip: OFFICE.nip, companies: [{ nip: OFFICE.nip, source: 'token' }] });
    expect(await seen(OFFICE.nip, [{ ...real, serial: 'DDDDDDDDDDDDDDDD' }], 5)).toEqual({ ok: false });
    await h['popup→background:company.confirm']({ contextNip: OFFICE.nip }, { sender: {} });
    expect(await seen(OFFICE.nip, [{ ...real, serial: 'DDDDDDDDDDDDDDDD' }], 5)).toEqual({ ok: true });
    await putTabState(4, {
      ...STATE,
      contextNip: null,
      companies: [
        { nip: USER.nip, source: 'token' },
        { nip: '3568707925', source: 'header' },
      ],
    });
    expect(await seen(USER.nip, [{ ...real, serial: 'CCCCCCCCCCCCCCCC' }], 4)).toEqual({ ok: false });
    // A thousand made-up entries for the same company, valid for years.
    const flood = Array.from({ length: 1000 }, (_, i) => ({
      serial: (0xf000000000000000n + BigInt(i)).toString(16).toUpperCase(),
      name: 'PILNE: zadzwoń',
      validTo: at(700),
      status: 'Active',
    }));
    expect(await seen(USER.nip, flood)).toEqual({ ok: true });
    const mine = (await readWatch()).certificates.filter((c) => c.contextNip === USER.nip);
    expect(mine.length).toBeLessThanOrEqual(MAX_PER_COMPANY);
    expect(mine.some((c) => c.serial === real.serial)).toBe(true);
    expect((await readWatch()).certificates.filter((c) => c.contextNip === OFFICE.nip).map((c) => c.serial)).toEqual([
      'DDDDDDDDDDDDDDDD',
    ]);
    // Made-up entries that claim to expire tomorrow, sooner than the real one: they take no followed place.
    const sooner = flood.map((c) => ({ ...c, serial: c.serial.replace(/^F/, 'E'), validTo: at(1) }));
    expect(await seen(USER.nip, sooner)).toEqual({ ok: true });
    const after = (await readWatch()).certificates.filter((c) => c.contextNip === USER.nip);
    expect(after.length).toBeLessThanOrEqual(MAX_PER_COMPANY);
    expect(after.some((c) => c.serial === real.serial)).toBe(true);
    expect(after.filter((c) => c.serial.startsWith('E00000000000'))).toEqual([]);
  });

  it('checks daily from an alarm that the background sets and keeps', async () => {
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'KSeF Companion', version: '1.2.3' });
    background.main();
    await new Promise((r) => setTimeout(r, 20));
    expect(await fakeBrowser.alarms.get(CERT_ALARM)).toMatchObject({ periodInMinutes: 24 * 60 });
    await putTabState(3, { ...STATE, contextNip: USER.nip });
    await fakeBrowser.alarms.onAlarm.trigger({ name: CERT_ALARM, scheduledTime: Date.now() });
    await new Promise((r) => setTimeout(r, 50));
    expect((await readWatch()).checkedAt).not.toBeNull();
  });
});

describe('diagnostic report in the background', () => {
  beforeEach(resetExtensionStorage);

  it('holds the provider status, masked, and never the provider key', async () => {
    const { h } = await setup('leftovers-after-disconnect');
    await putTabState(3, { ...STATE, page: 'permissions', contextNip: USER.nip });
    for (const includeIdentifiers of [false, true]) {
      const { json, fileName } = await h['popup→background:report.build']({ includeIdentifiers, tabId: 3 }, sender);
      // Named in the UI's language, as the report records it.
      const noun = (JSON.parse(json) as { extension: { language: string } }).extension.language.startsWith('pl')
        ? 'raport'
        : 'report';
      expect(fileName).toMatch(new RegExp(`^ksef-companion-${noun}-.*\\.json$`));
      expect(json).not.toContain(DEMO_API_KEY);
      const report = JSON.parse(json);
      expect(report.provider).toMatchObject({
        linked: true,
        name: 'Fakturowo sp. z o.o.',
        status: { state: 'disconnected' },
      });
      expect(json.includes(USER.nip)).toBe(includeIdentifiers);
    }
  });
});
