import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyGrants } from '@/lib/audit/classify';
import { personPermission } from '@/lib/ksef/schemas/permissions';
import { CTX, makeGrant, makeProfile } from './builders';

const verdicts = (r: ReturnType<typeof classifyGrants>) => r.records.map((x) => x.verdict);

describe('classifyGrants', () => {
  it('marks the active integration and finds nothing missing', () => {
    const r = classifyGrants([makeGrant(), makeGrant({ permissionScope: 'InvoiceRead' })], makeProfile(), CTX);
    expect(verdicts(r)).toEqual(['integration', 'integration']);
    expect(r.missing).toEqual([]);
    expect(r.records[0]!.flags).toContain('provider');
  });

  it('compares NIPs normalised (a NIP written with dashes is the same NIP)', () => {
    const r = classifyGrants(
      [makeGrant({ authorizedIdentifier: { type: 'Nip', value: '7762811692' } })],
      makeProfile({ providerNips: ['PL 776-281-16-92'] }),
      CTX,
    );
    expect(verdicts(r)).toEqual(['integration']);
  });

  it('lists the expected scopes KSeF does not show', () => {
    const r = classifyGrants([makeGrant({ permissionScope: 'InvoiceRead' })], makeProfile(), CTX);
    expect(r.missing).toEqual(['InvoiceWrite']);
    expect(classifyGrants([], makeProfile(), CTX).missing).toEqual(['InvoiceWrite', 'InvoiceRead']);
  });

  it('calls every provider grant a leftover once the provider is disconnected, and expects nothing', () => {
    const r = classifyGrants(
      [makeGrant(), makeGrant({ permissionScope: 'InvoiceRead' })],
      makeProfile({ state: 'disconnected' }),
      CTX,
    );
    expect(verdicts(r)).toEqual(['leftover', 'leftover']);
    expect(r.records[0]!.flags).toContain('provider-disconnected');
    expect(r.missing).toEqual([]);
  });

  it('keeps the oldest of duplicates and calls the newer copy a leftover', () => {
    const old = makeGrant({ startDate: '2025-01-01T00:00:00Z' });
    const newer = makeGrant({ startDate: '2026-06-01T00:00:00Z' });
    const r = classifyGrants([newer, old], makeProfile(), CTX);
    expect(r.records.find((x) => x.id === old.id)!.verdict).toBe('integration');
    const dup = r.records.find((x) => x.id === newer.id)!;
    expect(dup.verdict).toBe('leftover');
    expect(dup.flags).toContain('duplicate');
  });

  it('flags what is broader than invoicing or delegable for the provider as a risk', () => {
    const r = classifyGrants(
      [
        makeGrant({ permissionScope: 'CredentialsManage' }),
        makeGrant({ permissionScope: 'Introspection' }),
        makeGrant({ canDelegate: true }),
        makeGrant({ permissionScope: 'InvoiceRead' }),
      ],
      makeProfile(),
      CTX,
    );
    expect(verdicts(r)).toEqual(['risk', 'risk', 'risk', 'integration']);
    expect(r.records[0]!.flags).toContain('beyond-invoicing');
    expect(r.records[2]!.flags).toContain('can-delegate');
    expect(r.missing).toEqual([]);
  });

  it('calls a scope the integration does not need a leftover', () => {
    const r = classifyGrants([makeGrant()], makeProfile({ scopes: ['InvoiceRead'] }), CTX);
    expect(r.records[0]).toMatchObject({ verdict: 'leftover', flags: expect.arrayContaining(['not-expected']) });
  });

  it('explains others: system-granted, inactive, unknown entities', () => {
    const r = classifyGrants(
      [
        makeGrant({
          authorizedIdentifier: { type: 'Pesel', value: '22271569167' },
          authorIdentifier: { type: 'System' },
          subjectEntityDetails: null,
          subjectPersonDetails: { firstName: 'A', lastName: 'B' },
        }),
        makeGrant({ authorizedIdentifier: { type: 'Nip', value: '5247677742' }, subjectEntityDetails: null }),
        makeGrant({
          authorizedIdentifier: { type: 'Nip', value: '3568707925' },
          subjectEntityDetails: { fullName: 'Biuro' },
        }),
        makeGrant({ permissionState: 'Inactive' }),
      ],
      makeProfile(),
      CTX,
    );
    expect(verdicts(r)).toEqual(['other', 'risk', 'other', 'leftover']);
    expect(r.records[0]!.flags).toContain('system-granted');
    expect(r.records[1]!.flags).toContain('unknown-entity');
    expect(r.records[3]!.flags).toContain('inactive');
  });

  it('without a profile nothing belongs to a provider', () => {
    const r = classifyGrants([makeGrant(), makeGrant({ permissionScope: 'CredentialsManage' })], null, CTX);
    expect(verdicts(r)).toEqual(['other', 'other']);
    expect(r.missing).toEqual([]);
  });

  it('marks grants the provider declares', () => {
    const g = makeGrant();
    const r = classifyGrants([g], makeProfile({ footprint: { grantIds: [g.id] } }), CTX);
    expect(r.records[0]!.flags).toContain('declared');
  });

  it('classifies 10,000 grants and never throws on any record that passed the schema', () => {
    const grants = Array.from({ length: 10_000 }, (_, i) =>
      makeGrant({ authorizedIdentifier: { type: i % 2 ? 'Pesel' : 'Nip', value: String(i) } }),
    );
    expect(classifyGrants(grants, makeProfile(), CTX).records).toHaveLength(10_000);
    const identifier = fc.record({
      type: fc.constantFrom('Nip', 'Pesel', 'Fingerprint', 'System', 'X'),
      value: fc.option(fc.string(), { nil: null }),
    });
    const record = fc.record({
      id: fc.string({ minLength: 36, maxLength: 36 }),
      authorizedIdentifier: identifier,
      authorIdentifier: identifier,
      permissionScope: fc.oneof(
        fc.constantFrom('InvoiceWrite', 'InvoiceRead', 'CredentialsManage'),
        fc.string({ minLength: 1 }),
      ),
      description: fc.string(),
      permissionState: fc.constantFrom('Active', 'Inactive', 'Other'),
      startDate: fc.constantFrom('2026-01-01T00:00:00Z', '2025-05-05T10:00:00.1234567+02:00'),
      canDelegate: fc.boolean(),
      extra: fc.anything(),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 20 }),
        fc.option(fc.constant(makeProfile()), { nil: null }),
        (rs, profile) => {
          const valid = rs.filter((x) => personPermission.safeParse(x).success);
          const r = classifyGrants(valid, profile, CTX);
          expect(r.records).toHaveLength(valid.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
