import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/lib/audit/card';
import { CTX, makeGrant, makeProfile } from './builders';

const token = (over: Record<string, unknown> = {}) => ({
  referenceNumber: '20260203-EC-2DD3AFF000-A6B7F19A95-11',
  authorIdentifier: { type: 'Pesel', value: '15062788702' },
  description: 'Fakturowo – integracja KSeF',
  requestedPermissions: ['InvoiceRead', 'InvoiceWrite'],
  status: 'Active',
  ...over,
});

describe('provider card', () => {
  it('folds grants, authorisations, sub-unit admins, tokens and certificates into one card', () => {
    const audit = buildAudit(
      {
        grants: [
          makeGrant(),
          makeGrant({ permissionScope: 'InvoiceRead' }),
          makeGrant({ authorizedIdentifier: { type: 'Pesel', value: '22271569167' } }),
        ],
        authorizations: [
          {
            id: 'a1',
            authorizedEntityIdentifier: { type: 'Nip', value: '7762811692' },
            authorizationScope: 'SelfInvoicing',
          },
        ],
        subunits: [
          {
            id: 's1',
            authorizedIdentifier: { type: 'Nip', value: '7762811692' },
            permissionScope: 'CredentialsManage',
          },
        ],
        tokens: [token(), token({ referenceNumber: 'other', description: 'Kasa fiskalna' })],
        certificates: [
          {
            certificateSerialNumber: '0123456789ABCDEF',
            name: 'Fakturowo – certyfikat',
            status: 'Active',
            validTo: '2027-01-01T00:00:00Z',
          },
        ],
      },
      makeProfile(),
      CTX,
    );
    const card = audit.card!;
    expect(card.items.map((i) => `${i.kind}:${i.verdict}`)).toEqual([
      'grant:integration',
      'grant:integration',
      'authorization:risk',
      'subunit:risk',
      'token:risk',
      'certificate:risk',
    ]);
    expect(card.items.find((i) => i.kind === 'token')!.flags).toEqual(
      expect.arrayContaining(['mentions-provider', 'not-declared']),
    );
    expect(card.expected).toEqual([
      { scope: 'InvoiceWrite', present: true, state: 'present' },
      { scope: 'InvoiceRead', present: true, state: 'present' },
    ]);
    expect(audit.grants).toHaveLength(3);
  });

  it('accepts what the provider declares, and calls it a leftover once disconnected', () => {
    const t = token();
    const active = buildAudit(
      { grants: [], tokens: [t] },
      makeProfile({ providerNips: [], scopes: [], footprint: { tokenReferences: [t.referenceNumber] } }),
      CTX,
    );
    expect(active.card!.items[0]).toMatchObject({
      verdict: 'integration',
      flags: expect.arrayContaining(['declared']),
    });
    const gone = buildAudit(
      { grants: [], tokens: [t] },
      makeProfile({ state: 'disconnected', footprint: { tokenReferences: [t.referenceNumber] } }),
      CTX,
    );
    expect(gone.card!.items[0]!.verdict).toBe('leftover');
    const revoked = buildAudit({ grants: [], tokens: [token({ status: 'Revoked' })] }, makeProfile(), CTX);
    expect(revoked.card!.items).toEqual([]);
  });

  it('has no card without a profile', () => {
    expect(buildAudit({ grants: [makeGrant()] }, null, CTX).card).toBeNull();
  });
});
