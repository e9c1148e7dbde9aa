import { describe, expect, it, vi } from 'vitest';
import { ReceiptView } from '@/components/Receipt';
import type { JobView } from '@/lib/messaging/protocol';
import { byTestId, mount } from './helpers';

const grant = (id: string, scope: string) => ({
  kind: 'grant' as const,
  id,
  scopes: [scope],
  holder: { type: 'Nip', value: '7762811692', name: 'Fakturowo sp. z o.o.' },
});

const job: JobView = {
  id: 'job-1',
  state: 'done',
  note: '',
  error: null,
  providerName: 'Fakturowo sp. z o.o.',
  environment: 'DEMO',
  contextNip: '5265877635',
  leftovers: [],
  removals: [],
  remaining: [],
  updatedAt: 0,
  receipt: {
    version: 1,
    jobId: 'job-1',
    environment: 'DEMO',
    contextNip: '5265877635',
    provider: 'Fakturowo sp. z o.o.',
    startedAt: '2026-11-30T17:40:00Z',
    finishedAt: '2026-11-30T17:41:00Z',
    outcome: 'clean',
    providerWitness: { grants: 0, readAt: '2026-11-30T17:41:00Z' },
    revokedByProvider: {
      revocationId: 'rev-1',
      state: 'done',
      items: [],
      statusAfter: { state: 'disconnected', ksefViewGrants: 2, readAt: '2026-11-30T17:40:30Z', at: 0 },
    },
    removedByUser: [
      {
        item: grant('3f1c0a4e-0000-4000-8000-000000000001', 'InvoiceRead'),
        ok: true,
        operation: '20261130-EG-CC0F55F02E-A3FD3FE107-EE',
        status: 200,
        error: null,
        at: 0,
      },
    ],
    removedInAp: [],
    remaining: [],
    certificatesForOwner: [],
    verifiedKinds: ['grants'],
    verifiedAt: '2026-11-30T17:41:00Z',
    residualAccessUntil: '2026-11-30T17:55:00Z',
  },
};

describe('a receipt in plain words', () => {
  it('names the company and the time, each item by who holds it and what it allows, and folds the codes away', async () => {
    const root = await mount(<ReceiptView job={job} download={vi.fn()} />);
    expect(byTestId(root, 'receipt-context')?.textContent).toMatch(
      /^Firma: NIP 526-587-76-35 · .+ · zakończono 30\.11\.2026/,
    );
    expect(byTestId(root, 'receipt-provider')?.textContent).toBe(
      'Dostawca Fakturowo sp. z o.o. nie odebrał sam żadnego uprawnienia.',
    );
    const visible = [...root.querySelectorAll('.receipt > ul > li')].map((li) => li.textContent).join('\n');
    expect(visible).toContain('Fakturowo sp. z o.o. (NIP 776-281-16-92): przeglądanie faktur – odebrano');
    // No ids, operation numbers or status codes outside "Szczegóły techniczne"; the provider's view from before
    // the user's removals is there too, not beside "nothing is left".
    expect(visible).not.toMatch(/3f1c0a4e|20261130-EG|kod|\b200\b|widział/);
    const technical = byTestId(root, 'receipt-technical')!;
    expect(technical.tagName).toBe('DETAILS');
    expect(technical.hasAttribute('open')).toBe(false);
    expect(technical.querySelector('summary')?.textContent).toBe('Szczegóły techniczne');
    expect(technical.textContent).toContain(
      'numer operacji KSeF 20261130-EG-CC0F55F02E-A3FD3FE107-EE, kod statusu 200',
    );
    expect(technical.textContent).toContain('przed usunięciami w Twojej sesji');
  });
});
