import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, createProviderClient, MAX_ANSWER_BYTES, readCapped, retryAfterMs } from '@/lib/provider/client';
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

describe('provider answers are read within a limit', () => {
  /** An answer streamed in 64 KiB chunks, with no length declared; counts the chunks pulled. */
  const streamed = (bytes: number) => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled * chunk.byteLength >= bytes) return c.close();
        pulled++;
        c.enqueue(chunk);
      },
    });
    return { res: new Response(body, { headers: { 'content-type': 'application/json' } }), pulled: () => pulled };
  };

  it('refuses an answer over 1 MB without reading it whole, and says so', async () => {
    const big = streamed(300 * 1024 * 1024);
    await expect(readCapped(big.res, MAX_ANSWER_BYTES)).rejects.toMatchObject({ code: 'answer-too-large' });
    expect(big.pulled()).toBeLessThanOrEqual(18);
    const declared = new Response('{}', { headers: { 'content-length': String(5 * 1024 * 1024) } });
    await expect(readCapped(declared, MAX_ANSWER_BYTES)).rejects.toMatchObject({ code: 'answer-too-large' });
    expect(PROVIDER_ERROR_TEXT['answer-too-large'].pl).toContain('za duża');
  });

  it('reads an answer within the limit, and anything not JSON as null', async () => {
    expect(await readCapped(new Response('{"a":1}'), MAX_ANSWER_BYTES)).toEqual({ a: 1 });
    expect(await readCapped(new Response('<html>'), MAX_ANSWER_BYTES)).toBeNull();
    expect(await readCapped(new Response(null), MAX_ANSWER_BYTES)).toBeNull();
  });

  it('the client stops at such an answer with its code, and does not retry it', async () => {
    let calls = 0;
    const client = createProviderClient({
      baseUrl: 'https://provider.example/fk',
      apiKey: 'k'.repeat(20),
      fetch: async () => {
        calls++;
        return streamed(50 * 1024 * 1024).res;
      },
    });
    await expect(client.account()).rejects.toMatchObject({ code: 'answer-too-large' });
    expect(calls).toBe(1);
  });
});
