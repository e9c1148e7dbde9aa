import { describe, expect, it } from 'vitest';
import {
  cancelDisconnect,
  confirmDisconnect,
  stepDisconnect,
  WITNESS,
  type DisconnectPorts,
} from '@/lib/background/jobs/disconnect';
import { newDisconnectJob, type DisconnectJob } from '@/lib/background/jobs/disconnect-record';
import { receiptOf } from '@/lib/background/jobs/receipt';

const GRANT = { kind: 'grant' as const, id: 'g1', scopes: ['InvoiceWrite'] };
const GRANT2 = { kind: 'grant' as const, id: 'g2', scopes: ['InvoiceRead'] };

function ports(over: Partial<DisconnectPorts['page']> = {}, leftoversAfter: number[] = [2, 0]) {
  let t = 1_000;
  const reads = [...leftoversAfter];
  const calls: string[] = [];
  const p: DisconnectPorts = {
    provider: {
      revoke: async (_e, _n, key) => {
        calls.push(`revoke:${key}`);
        return { id: 'rev1', state: 'in-progress', startedAt: '2026-11-25T10:00:00Z', items: [] };
      },
      revocation: async () => {
        calls.push('revocation');
        return {
          id: 'rev1',
          state: 'partial',
          startedAt: '2026-11-25T10:00:00Z',
          items: [{ kind: 'grant', id: 'g1', outcome: 'failed', errorCode: 'ksef-session-expired' }],
        };
      },
      status: async () =>
        ({
          environment: 'DEMO',
          contextNip: '5265877635',
          state: 'disconnected',
          mode: 'provider-certificates',
          actingNips: ['7762811692'],
          expectedScopes: ['InvoiceWrite', 'InvoiceRead'],
          footprint: { grants: [], tokens: [], certificates: [] },
          ksefView: { readAt: '2026-11-25T10:00:01Z', grants: [] },
          updatedAt: '2026-11-25T10:00:01Z',
        }) as never,
    },
    page: {
      reread: async () => {
        const n = reads.shift() ?? 0;
        return { complete: ['grants'], leftovers: [GRANT, GRANT2].slice(0, n), ownerCertificates: [] };
      },
      remove: async (_job, items) =>
        items.map((item) => ({ item, ok: true, operation: `op-${item.id}`, status: 200, error: null, at: t })),
      guide: async () => {
        calls.push('guide');
      },
      ...over,
    },
    now: () => (t += 10),
    sleep: async () => undefined,
  };
  return { p, calls };
}

async function runToRest(job: DisconnectJob, p: DisconnectPorts) {
  for (let i = 0; i < 20 && !['confirm', 'done', 'failed', 'cancelled'].includes(job.state); i++)
    job = await stepDisconnect(job, p);
  return job;
}

const fresh = () =>
  newDisconnectJob({
    id: 'j1',
    environment: 'DEMO',
    contextNip: '5265877635',
    tabId: 3,
    providerName: 'Fakturowo',
    providerNips: ['7762811692'],
    tokenReferences: [],
    certificateSerials: [],
    now: 1_000,
  });

describe('verified disconnect, step by step', () => {
  it('provider revokes, KSeF still shows two, the user confirms, they are removed and verified gone', async () => {
    const { p, calls } = ports();
    let job = await runToRest(fresh(), p);
    expect(job.state).toBe('confirm');
    expect(job.leftovers).toEqual([GRANT, GRANT2]);
    expect(job.provider).toMatchObject({ revocationId: 'rev1', state: 'partial' });
    expect(job.provider?.statusAfter).toMatchObject({ state: 'disconnected', ksefViewGrants: 0 });
    job = await runToRest(confirmDisconnect(job, 2_000), p);
    expect(job.state).toBe('done');
    expect(job.remaining).toEqual([]);
    const receipt = receiptOf(job);
    expect(receipt).toMatchObject({
      outcome: 'clean',
      removedByUser: [{ operation: 'op-g1' }, { operation: 'op-g2' }],
    });
    expect(Date.parse(receipt.residualAccessUntil) - Date.parse(receipt.startedAt)).toBeGreaterThanOrEqual(15 * 60_000);
    // One revocation with the job's own key, however many steps ran.
    expect(calls.filter((c) => c.startsWith('revoke:'))).toEqual(['revoke:ksef-companion-j1']);
  });

  it('nothing left: done at once, nothing asked of the user', async () => {
    const { p } = ports({}, [0]);
    const job = await runToRest(fresh(), p);
    expect(job.state).toBe('done');
    expect(receiptOf(job).outcome).toBe('clean');
  });

  it('where the page cannot remove (no-api), the user is guided through the AP buttons, then it is verified', async () => {
    const noApi: Partial<DisconnectPorts['page']> = {
      remove: async (_j, items) =>
        items.map((item) => ({ item, ok: false, operation: null, status: null, error: 'no-api', at: 1 })),
    };
    const guided = ports(noApi, [2, 0]);
    let job = await runToRest(fresh(), guided.p);
    job = await runToRest(confirmDisconnect(job, 2_000), guided.p);
    expect(guided.calls).toContain('guide');
    expect(receiptOf(job)).toMatchObject({ outcome: 'clean', removedByUser: [] });
    // The user removed nothing after all: the receipt lists what remains.
    const stubborn = ports(noApi, [2, 2]);
    job = await runToRest(confirmDisconnect(await runToRest(fresh(), stubborn.p), 2_000), stubborn.p);
    expect(receiptOf(job)).toMatchObject({ outcome: 'remaining', remaining: [GRANT, GRANT2] });
  });

  it('a page that read nothing from KSeF is not taken as proof that nothing is left', async () => {
    const { p } = ports({ reread: async () => ({ complete: [], leftovers: [], ownerCertificates: [] }) });
    const job = await runToRest(fresh(), p);
    expect(job).toMatchObject({ state: 'failed', error: 'not-verifiable' });
  });

  it('a provider error ends the job with its code; cancel stops a job that waits for the user', async () => {
    const { p } = ports();
    p.provider.revoke = async () => {
      throw Object.assign(new Error('x'), { code: 'unauthorized' });
    };
    expect(await runToRest(fresh(), p)).toMatchObject({ state: 'failed', error: 'unauthorized' });
    const waiting = await runToRest(fresh(), ports().p);
    expect(cancelDisconnect(waiting, 5).state).toBe('cancelled');
    expect(receiptOf(cancelDisconnect(waiting, 5)).outcome).toBe('cancelled');
  });

  describe('"nothing is left" needs two witnesses', () => {
    const withView = (p: DisconnectPorts, view: { readAt: string; grants: unknown[] } | null) => {
      const status = p.provider.status;
      let asked = 0;
      p.provider.status = async (...a) => {
        asked++;
        return { ...(await status(...a)), ksefView: view } as never;
      };
      return () => asked;
    };

    it("only the page's visible rows were read: not confirmed by a whole read in the user's session", async () => {
      const { p } = ports({ reread: async () => ({ complete: ['rows'], leftovers: [], ownerCertificates: [] }) });
      const receipt = receiptOf(await runToRest(fresh(), p));
      expect(receipt).toMatchObject({ outcome: 'unconfirmed', unconfirmedBy: ['user-session'] });
    });

    it('the provider still sees a grant: not confirmed by the provider', async () => {
      const { p } = ports({}, [0]);
      withView(p, { readAt: '2026-11-25T10:00:05Z', grants: [{ id: 'g1' }] });
      const receipt = receiptOf(await runToRest(fresh(), p));
      expect(receipt).toMatchObject({
        outcome: 'unconfirmed',
        unconfirmedBy: ['provider-view'],
        providerWitness: { grants: 1 },
      });
    });

    it("the provider's view predates the user's removals: asked again, then not confirmed by it", async () => {
      const { p } = ports();
      const asked = withView(p, { readAt: new Date(500).toISOString(), grants: [] });
      let job = await runToRest(fresh(), p);
      const before = asked();
      job = await runToRest(confirmDisconnect(job, 2_000), p);
      expect(asked() - before).toBe(WITNESS.attempts);
      expect(receiptOf(job)).toMatchObject({ outcome: 'unconfirmed', unconfirmedBy: ['provider-view'] });
    });

    it('a provider that says nothing of its own KSeF view is asked a few times: not confirmed by it', async () => {
      const { p } = ports({}, [0]);
      const asked = withView(p, null);
      const job = await runToRest(fresh(), p);
      // Once after its revocation, then as the witness.
      expect(asked()).toBe(1 + WITNESS.silentAttempts);
      expect(receiptOf(job)).toMatchObject({ outcome: 'unconfirmed', unconfirmedBy: ['provider-view'] });
    });

    it('both witnesses after the last change: clean', async () => {
      const { p } = ports({}, [0]);
      expect(receiptOf(await runToRest(fresh(), p))).toMatchObject({
        outcome: 'clean',
        providerWitness: { grants: 0, readAt: '2026-11-25T10:00:01.000Z' },
      });
      expect(receiptOf(await runToRest(fresh(), p)).unconfirmedBy).toBeUndefined();
    });
  });
});
