import { describe, expect, it } from 'vitest';
import { AuditCard } from '@/components/AuditCard';
import { createAuditSession } from '@/lib/audit/session';
import { extractRecords } from '@/lib/audit/extract';
import { byTestId, mount } from './helpers';
import { CTX, makeGrant } from '../audit/builders';

function withoutProfile(pages: { hasMore: boolean }) {
  const session = createAuditSession(CTX, null, { listsGrants: true });
  const grants = [
    makeGrant({ authorizedIdentifier: { type: 'Nip', value: '7712255384' }, permissionScope: 'InvoiceWrite' }),
    makeGrant({ authorizedIdentifier: { type: 'Nip', value: '7712255384' }, permissionScope: 'InvoiceRead' }),
    makeGrant({ authorizedIdentifier: { type: 'Nip', value: '3568707925' }, permissionScope: 'InvoiceRead' }),
  ];
  session.ingest(extractRecords({ permissions: grants, hasMore: pages.hasMore }, 'grants'), { firstPage: true });
  return session.snapshot();
}

describe('AuditCard without a provider set up', () => {
  it('names the registry services holding grants, from the registry, and still asks for the provider', async () => {
    const snap = withoutProfile({ hasMore: false });
    const root = await mount(<AuditCard audit={snap.audit} snapshot={snap} />);
    const card = byTestId(root, 'registry-holders')!;
    expect(card.textContent).toContain('Dostęp do Twojego KSeF mają:');
    expect(card.textContent).toContain('Fakturowo.pl (NIP 771-225-53-84): wystawianie faktur, przeglądanie faktur');
    expect(card.textContent).not.toContain('356-870-79-25');
    expect(byTestId(root, 'no-profile')).not.toBeNull();
  });

  it('says it speaks of the part read when more of the list is unread', async () => {
    const snap = withoutProfile({ hasMore: true });
    const root = await mount(<AuditCard audit={snap.audit} snapshot={snap} />, 'en');
    expect(byTestId(root, 'registry-holders')!.textContent).toContain(
      'In the part of the list read so far, access to your KSeF is held by:',
    );
  });
});
