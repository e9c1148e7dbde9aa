import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFingerprint,
  checkIdentifier,
  checkInternalId,
  checkNip,
  checkNipVatUe,
  checkPeppolId,
  checkPesel,
  identifierKey,
  IDENTIFIER_TYPES,
  normaliseNip,
  peselBirthDate,
} from '@/lib/ksef/identifiers';

/** NIPs from the official examples (docs/ksef.md, samples/api-examples). */
const OFFICIAL_NIPS = ['5265877635', '7762811692', '9786214922', '3936518395', '3568707925', '5247677742'];

/** Builds a valid NIP from 9 leading digits, or null when no check digit exists for them. */
function completeNip(first9: string): string | null {
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = [...first9].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
  const check = sum % 11;
  return check === 10 ? null : first9 + check;
}

const validNip = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7}$/))
  .map(([a, b, rest]) => completeNip(`${a}${b}${rest}`))
  .filter((n): n is string => n !== null);

describe('NIP', () => {
  it('accepts the official examples', () => {
    for (const nip of OFFICIAL_NIPS) expect(checkNip(nip)).toEqual({ ok: true, value: nip });
  });

  it('normalises dashes, spaces, dots and a PL prefix', () => {
    for (const written of ['526-587-76-35', '526-58-77-635', '526 587 76 35', 'PL5265877635', ' pl 526.587.76.35 ']) {
      expect(checkNip(written)).toEqual({ ok: true, value: '5265877635' });
    }
  });

  it('says why a NIP is wrong', () => {
    expect(checkNip('5265877636')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkNip('526587763')).toEqual({ ok: false, reason: 'length' });
    expect(checkNip('52658776a5')).toEqual({ ok: false, reason: 'format' });
    expect(checkNip('0265877635')).toEqual({ ok: false, reason: 'format' });
    expect(checkNip('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkNip(5265877635)).toEqual({ ok: false, reason: 'not-a-string' });
  });

  it('accepts every generated valid NIP however it is written, and rejects any changed digit', () => {
    fc.assert(
      fc.property(validNip, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nip, pos, delta) => {
        expect(checkNip(`${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`)).toEqual({
          ok: true,
          value: nip,
        });
        const changed = nip.slice(0, pos) + ((Number(nip[pos]) + delta) % 10) + nip.slice(pos + 1);
        expect(checkNip(changed).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => normaliseNip(normaliseNip(s)) === normaliseNip(s)),
      { numRuns: 1000 },
    );
  });
});

describe('PESEL', () => {
  it('accepts official examples and decodes the century from the month', () => {
    expect(checkPesel('15062788702').ok).toBe(true);
    expect(checkPesel('22271569167').ok).toBe(true);
    expect(peselBirthDate('22271569167')?.toISOString().slice(0, 10)).toBe('2022-07-15');
    expect(peselBirthDate('15062788702')?.toISOString().slice(0, 10)).toBe('1915-06-27');
  });

  it('rejects a wrong check digit and an impossible date', () => {
    expect(checkPesel('15062788703')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkPesel('15023188702')).toEqual({ ok: false, reason: 'date' });
    expect(checkPesel('1506278870')).toEqual({ ok: false, reason: 'length' });
  });
});

describe('InternalId, NipVatUe, fingerprint, PeppolId', () => {
  it('checks the InternalId checksum (weights 1,3,… over 14 digits)', () => {
    expect(checkInternalId('5265877635-12346')).toEqual({ ok: true, value: '5265877635-12346' });
    // The older official example predates the checksum rule (KSeF 2.4.0).
    expect(checkInternalId('5265877635-12345')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkInternalId('5265877635-1234')).toEqual({ ok: false, reason: 'format' });
  });

  it('checks NipVatUe per EU country', () => {
    expect(checkNipVatUe('5265877635-ATU12345678').ok).toBe(true);
    expect(checkNipVatUe('5265877635-de123456789')).toEqual({ ok: true, value: '5265877635-DE123456789' });
    expect(checkNipVatUe('5265877635-DE12345678')).toEqual({ ok: false, reason: 'format' });
    expect(checkNipVatUe('5265877635-US123456789')).toEqual({ ok: false, reason: 'country' });
    expect(checkNipVatUe('5265877636-ATU12345678')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('normalises a fingerprint to 64 upper-case hex digits', () => {
    const fp = 'ceb3643bac2c111adde971bda5a80163441867d65389fc0bc0dff8b4c1cd4e59';
    expect(checkFingerprint(fp)).toEqual({ ok: true, value: fp.toUpperCase() });
    expect(checkFingerprint(fp.match(/../g)!.join(':'))).toEqual({ ok: true, value: fp.toUpperCase() });
    expect(checkFingerprint(fp.slice(0, 40))).toEqual({ ok: false, reason: 'length' });
    expect(checkFingerprint(`${fp.slice(0, 63)}g`)).toEqual({ ok: false, reason: 'format' });
  });

  it('checks PeppolId', () => {
    expect(checkPeppolId('PPL123456').ok).toBe(true);
    expect(checkPeppolId('PPL12345').ok).toBe(false);
  });

  it('compares identifiers by their normalised key', () => {
    expect(identifierKey('Nip', '526-587-76-35')).toBe(identifierKey('Nip', '5265877635'));
    expect(identifierKey('Nip', '526-587-76-35')).not.toBe(identifierKey('Pesel', '5265877635'));
    expect(identifierKey('Nip', ' 123-x ')).toBe(identifierKey('Nip', '123X'));
    expect(identifierKey('System', null)).toBe('System:');
  });

  it('never throws on 1,000 generated inputs of any type, for every identifier type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_TYPES), fc.anything(), (type, input) => {
        const result = checkIdentifier(type, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.reason).toMatch(/^[a-z-]+$/);
        expect(typeof identifierKey(type, typeof input === 'string' ? input : null)).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});
