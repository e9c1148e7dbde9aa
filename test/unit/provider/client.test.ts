import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '@/lib/provider/client';
import { PROVIDER_ERROR_CODES, PROVIDER_ERROR_TEXT } from '@/lib/provider/errors';
import { integrationStatus, revocation } from '@/lib/provider/schemas';

describe('provider client, pure parts', () => {
  it('waits between zero and the capped exponential step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const ms = backoffMs(n, 500, 30_000, () => r);
        return ms >= 0 && ms <= Math.min(30_000, 500 * 2 ** (n - 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads Retry-After as seconds or a date and ignores anything else', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('-1', 0)).toBeNull();
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 0)).toBe(5000);
  });

  it('has a Polish and an English text for every error code', () => {
    for (const code of PROVIDER_ERROR_CODES) {
      expect(PROVIDER_ERROR_TEXT[code].pl.length).toBeGreaterThan(10);
      expect(PROVIDER_ERROR_TEXT[code].en.length).toBeGreaterThan(10);
    }
  });

  it('refuses 1,000 generated status and revocation bodies that break the contract, without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(integrationStatus.safeParse(v).success).toBe(false);
        expect(revocation.safeParse(v).success).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
