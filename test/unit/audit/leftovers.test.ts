import { describe, expect, it } from 'vitest';
import { leftoversOf } from '@/lib/audit/leftovers';
import { CTX, makeGrant } from './builders';

const token = (referenceNumber: string, description: string, author = '15062788702') => ({
  referenceNumber,
  authorIdentifier: { type: 'Pesel', value: author },
  description,
  requestedPermissions: ['InvoiceWrite'],
  status: 'Active',
  dateCreated: '2026-10-01T00:00:00Z',
});
const certificate = (certificateSerialNumber: string, name: string) => ({
  certificateSerialNumber,
  name,
  type: 'Authentication',
  commonName: name,
  status: 'Active',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
});

describe('what a disconnect offers to remove', () => {
  it('only what is provably the provider’s: never a token or certificate that merely names it', () => {
    // A provider named with a common word: other people's tokens and certificates mention it.
    const profile = {
      name: 'Biuro',
      providerNips: ['7762811692'],
      tokenReferences: ['20261001-TK-DECLARED0-0000000000-01'],
      certificateSerials: ['0123456789ABCDEF'],
    };
    const records = {
      grants: [makeGrant(), makeGrant({ authorizedIdentifier: { type: 'Pesel', value: '22271569167' } })],
      authorizations: [],
      subunits: [],
      tokens: [
        token('20261001-TK-DECLARED0-0000000000-01', 'integracja'),
        token('20261001-TK-BIUROWY00-0000000000-02', 'Biuro rachunkowe – token księgowej'),
      ],
      certificates: [
        certificate('0123456789ABCDEF', 'dowolny'),
        certificate('FEDCBA9876543210', 'Biuro – mój certyfikat'),
      ],
    };
    const { leftovers, ownerCertificates } = leftoversOf(records as never, profile, CTX);
    expect(leftovers.map((l) => `${l.kind}:${l.id}`)).toEqual([
      `grant:${records.grants[0]!.id}`,
      'token:20261001-TK-DECLARED0-0000000000-01',
    ]);
    expect(ownerCertificates.map((c) => c.serial)).toEqual(['0123456789ABCDEF']);
    // Each item says who holds it, as KSeF named them, for the user's confirmation.
    expect(leftovers[0]).toMatchObject({
      holder: { type: 'Nip', value: '7762811692', name: 'Fakturowo sp. z o.o.' },
      scopes: ['InvoiceWrite'],
    });
    expect(leftovers[1]).toMatchObject({
      holder: { type: 'Pesel', value: '15062788702' },
      description: 'integracja',
    });
  });
});
