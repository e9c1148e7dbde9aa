import { describe, expect, it } from 'vitest';
import { registryHolders } from '@/lib/provider/registry-holders';
import { checkNip } from '@/lib/ksef/identifiers';
import { PROVIDER_REGISTRY } from '@/lib/provider/registry';
import { makeGrant } from '../audit/builders';

describe('provider registry', () => {
  it('lists each service once, by name, with checksum-valid NIPs, a public source and the date it was read', () => {
    const ids = PROVIDER_REGISTRY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const names = PROVIDER_REGISTRY.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'pl')));
    const nips = PROVIDER_REGISTRY.flatMap((e) => e.nips);
    expect(new Set(nips).size).toBe(nips.length);
    for (const e of PROVIDER_REGISTRY) {
      expect(e.nips.length, e.id).toBeGreaterThan(0);
      for (const nip of e.nips) expect(checkNip(nip), `${e.id} ${nip}`).toEqual({ ok: true, value: nip });
      expect(new URL(e.source).protocol, e.id).toMatch(/^https?:$/);
      expect(e.read, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.scopes.length, e.id).toBeGreaterThan(0);
    }
  });

  it("names Fakturowo.pl's operator as its terms do, and keeps the documentation's example NIP out", () => {
    expect(PROVIDER_REGISTRY.find((e) => e.id === 'fakturowo')).toMatchObject({
      name: 'Fakturowo.pl',
      nips: ['7712255384'],
      source: 'https://www.fakturowo.pl/regulamin',
    });
    expect(PROVIDER_REGISTRY.flatMap((e) => e.nips)).not.toContain('7762811692');
  });
});

describe('registryHolders', () => {
  it('names the services holding active grants, each with its scopes once, whatever the NIP spelling', () => {
    const grants = [
      makeGrant({
        id: 'a',
        authorizedIdentifier: { type: 'Nip', value: '771-225-53-84' },
        permissionScope: 'InvoiceWrite',
      }),
      makeGrant({
        id: 'b',
        authorizedIdentifier: { type: 'Nip', value: '7712255384' },
        permissionScope: 'InvoiceRead',
      }),
      makeGrant({
        id: 'c',
        authorizedIdentifier: { type: 'Nip', value: '7712255384' },
        permissionScope: 'InvoiceRead',
      }),
      makeGrant({
        id: 'd',
        authorizedIdentifier: { type: 'Nip', value: '9452121681' },
        permissionScope: 'InvoiceRead',
      }),
      makeGrant({
        id: 'e',
        authorizedIdentifier: { type: 'Nip', value: '8982167294' },
        permissionScope: 'InvoiceWrite',
        permissionState: 'Inactive',
      }),
      makeGrant({
        id: 'f',
        authorizedIdentifier: { type: 'Nip', value: '7762811692' },
        permissionScope: 'InvoiceWrite',
      }),
      makeGrant({
        id: 'g',
        authorizedIdentifier: { type: 'Pesel', value: '7712255384' },
        permissionScope: 'InvoiceWrite',
      }),
    ];
    expect(registryHolders(grants)).toEqual([
      { id: 'fakturowo', name: 'Fakturowo.pl', nips: ['7712255384'], scopes: ['InvoiceWrite', 'InvoiceRead'] },
      { id: 'infakt', name: 'inFakt', nips: ['9452121681'], scopes: ['InvoiceRead'] },
    ]);
  });

  it('finds nobody in a list without a registry NIP', () => {
    expect(registryHolders([makeGrant({})])).toEqual([]);
  });
});
