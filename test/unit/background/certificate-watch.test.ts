import { describe, expect, it } from 'vitest';
import {
  alertFor,
  byUrgency,
  daysLeft,
  DAY_MS,
  mergeProviderUse,
  mergeSeenInAp,
  warningsDue,
  warningText,
  maskSerial,
} from '@/lib/background/jobs/certificate-watch';
import type { WatchedCertificate } from '@/lib/messaging/diagnostics-format';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const at = { environment: 'DEMO' as const, contextNip: '5265877635', now: NOW };
const iso = (days: number) => new Date(NOW + days * DAY_MS).toISOString();
const cert = (days: number, status = 'Active'): WatchedCertificate => ({
  environment: 'DEMO',
  contextNip: at.contextNip,
  serial: `00000000000000${String(days).padStart(2, '0')}`.slice(-16),
  name: `Cert ${days}`,
  validTo: iso(days),
  status,
  seenInAp: true,
  usedByProvider: false,
  seenAt: NOW,
});

describe('own-certificate watch', () => {
  it('counts calendar days in Poland, as the date shown beside it reads', () => {
    // Valid for 5 days from noon: 5 days left, not 4 (the old count floored 4.99 days).
    expect(daysLeft({ validTo: new Date(NOW + 5 * DAY_MS - 60_000).toISOString() }, NOW)).toBe(5);
    // Until 00:30 Polish time the day after tomorrow (23:30 UTC tomorrow, in winter): 2 days.
    expect(daysLeft({ validTo: '2026-11-26T23:30:00Z' }, NOW)).toBe(2);
    expect(daysLeft({ validTo: '2026-11-25T22:59:00Z' }, NOW)).toBe(0);
    expect(daysLeft({ validTo: '2026-11-24T10:00:00Z' }, NOW)).toBe(-1);
    expect(daysLeft({ validTo: null }, NOW)).toBeNull();
  });

  it('lists the most urgent first: unusable ones, then by days left, an unknown date last', () => {
    const list = [
      { serial: 'a', alert: null, days: 300 },
      { serial: 'b', alert: 'expires-7', days: 5 },
      { serial: 'c', alert: null, days: null },
      { serial: 'd', alert: 'revoked', days: 100 },
      { serial: 'e', alert: 'expires-30', days: 20 },
    ];
    expect(byUrgency(list).map((c) => c.serial)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('warns 30, 14 and 7 days ahead, and when revoked, blocked or expired', () => {
    expect(alertFor(cert(400), NOW)).toBeNull();
    expect(alertFor(cert(31), NOW)).toBeNull();
    expect(alertFor(cert(29), NOW)).toBe('expires-30');
    expect(alertFor(cert(13), NOW)).toBe('expires-14');
    expect(alertFor(cert(5), NOW)).toBe('expires-7');
    expect(alertFor(cert(-1), NOW)).toBe('expired');
    expect(alertFor(cert(100, 'Expired'), NOW)).toBe('expired');
    expect(alertFor(cert(100, 'Revoked'), NOW)).toBe('revoked');
    expect(alertFor(cert(100, 'Blocked'), NOW)).toBe('blocked');
  });

  it('gives each warning once, and the next one as the date comes closer', () => {
    const c = [cert(29)];
    const first = warningsDue(c, {}, NOW);
    expect(first.fresh.map((w) => w.alert)).toEqual(['expires-30']);
    const told = { [`DEMO:${at.contextNip}:${c[0]!.serial}`]: ['expires-30'] };
    expect(warningsDue(c, told, NOW).fresh).toEqual([]);
    expect(warningsDue(c, told, NOW + 16 * DAY_MS).fresh.map((w) => w.alert)).toEqual(['expires-14']);
    expect(warningsDue(c, told, NOW + 30 * DAY_MS).fresh.map((w) => w.alert)).toEqual(['expired']);
  });

  it("matches the AP's certificates with the provider's by serial number (own-certificates mode only)", () => {
    const seen = mergeSeenInAp([], at, [
      { serial: 'AAAAAAAAAAAAAAAA', name: 'Mój', validTo: iso(20), status: 'Active' },
    ]);
    const used = mergeProviderUse(seen, at, 'own-certificates', [
      { serial: 'AAAAAAAAAAAAAAAA' },
      { serial: 'BBBBBBBBBBBBBBBB', name: 'Tylko u dostawcy', validTo: iso(3) },
    ]);
    expect(used.map((c) => [c.serial, c.seenInAp, c.usedByProvider])).toEqual([
      ['AAAAAAAAAAAAAAAA', true, true],
      ['BBBBBBBBBBBBBBBB', false, true],
    ]);
    const other = mergeProviderUse(used, at, 'provider-certificates', [{ serial: 'AAAAAAAAAAAAAAAA' }]);
    expect(other.every((c) => !c.usedByProvider)).toBe(true);
    // A later look at the AP's list keeps what the provider said.
    const again = mergeSeenInAp(used, at, [
      { serial: 'AAAAAAAAAAAAAAAA', name: 'Mój', validTo: iso(20), status: 'Revoked' },
    ]);
    expect(again.find((c) => c.serial === 'AAAAAAAAAAAAAAAA')).toMatchObject({
      status: 'Revoked',
      usedByProvider: true,
    });
  });

  it("names the provider's re-authorization step when the provider uses the certificate", () => {
    const t = (k: string, subs: string | string[] = []) => `${k}(${[subs].flat().join('|')})`;
    const w = { certificate: { ...cert(13), usedByProvider: true }, alert: 'expires-14' as const, days: 13 };
    expect(warningText(w, 'Fakturowo', { lang: 'pl', t })).toEqual({
      title: 'certTitle_expires_many(13)',
      message: `certBody(0000…0013|${iso(13).slice(0, 10)}) certStep_provider(Fakturowo)`,
    });
    expect(warningText({ ...w, certificate: cert(13) }, 'Fakturowo', { lang: 'pl', t }).message).toContain(
      'certStep_own()',
    );
  });

  it('speaks in fixed text only: nothing the page supplied (a certificate name, a bogus serial or date) is shown', () => {
    const t = (k: string, subs: string | string[] = []) => `${k}(${[subs].flat().join('|')})`;
    const forged = {
      ...cert(5),
      name: 'PILNE: zadzwoń 800 000 000 i podaj kod SMS',
      serial: 'zadzwoń-800000000',
      validTo: 'jutro, zadzwoń 800 000 000',
    };
    const { title, message } = warningText({ certificate: forged, alert: 'expires-7', days: 5 }, 'Fakturowo', {
      lang: 'pl',
      t,
    });
    expect(`${title} ${message}`).not.toMatch(/zadzwoń|800|PILNE/);
    expect(message).toBe('certBody(?|?) certStep_own()');
    expect(maskSerial('0123456789ABCDEF')).toBe('0123…CDEF');
  });
});
