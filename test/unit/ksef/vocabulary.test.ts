import { PERMISSION_EXPLAIN } from '@/lib/ksef/vocabulary-explain';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSION_VALUES } from '@/lib/ksef/vocabulary';
import { PERMISSIONS, permissionLabel } from '@/lib/ksef/permission-info';
import { OPENAPI_PATH } from '../paths';

const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};

describe('permission vocabulary', () => {
  it('covers every permission and role value of the official enums (docs/ksef.md §4.2)', () => {
    const enums = [
      'PersonPermissionScope',
      'PersonalPermissionScope',
      'EntityAuthorizationPermissionType',
      'InvoicePermissionType',
      'EntityRoleType',
      'SubordinateEntityRoleType',
      'TokenPermissionType',
      'EuEntityPermissionsQueryPermissionType',
    ];
    for (const name of enums) {
      const values = spec.components.schemas[name]?.enum;
      expect(values, name).toBeDefined();
      for (const v of values!) expect(PERMISSION_VALUES, `${name}.${v}`).toContain(v);
    }
    for (const extra of ['Owner', 'PefInvoiceWrite']) expect(PERMISSION_VALUES).toContain(extra);
  });

  it('has a Polish and English label and explanation for each value', () => {
    for (const value of PERMISSION_VALUES) {
      const info = PERMISSIONS[value];
      expect(info.value).toBe(value);
      for (const lang of ['pl', 'en'] as const) {
        expect(info.label[lang].length).toBeGreaterThan(2);
        expect(PERMISSION_EXPLAIN[value][lang]).toMatch(/\.$/);
      }
    }
    expect(new Set(PERMISSION_VALUES).size).toBe(PERMISSION_VALUES.length);
  });

  it('treats only InvoiceWrite and InvoiceRead as invoicing', () => {
    expect(PERMISSION_VALUES.filter((v) => PERMISSIONS[v].invoicing)).toEqual(['InvoiceWrite', 'InvoiceRead']);
  });

  it('uses the AP wording and keeps unknown values readable', () => {
    expect(permissionLabel('InvoiceWrite', 'pl')).toBe('wystawianie faktur');
    expect(permissionLabel('CredentialsManage', 'pl')).toBe('zarządzanie uprawnieniami');
    expect(permissionLabel('CollectiveIdentifierManage', 'pl')).toBe('zarządzanie identyfikatorami zbiorczymi');
    expect(permissionLabel('CollectiveIdentifierManage', 'en')).toBe('managing collective identifiers');
    expect(permissionLabel('SomethingNew', 'en')).toBe('SomethingNew');
    expect(permissionLabel('toString', 'en')).toBe('toString');
  });
});
