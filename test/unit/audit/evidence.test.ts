import { describe, expect, it } from 'vitest';
import { buildAudit } from '@/lib/audit/card';
import { extractRecords } from '@/lib/audit/extract';
import { isFirstPage } from '@/lib/audit/paging';
import { auditReport } from '@/lib/audit/summary';
import { createAuditSession } from '@/lib/audit/session';
import { CTX, makeGrant, makeProfile } from './builders';

const providerWrite = () => makeGrant({ permissionScope: 'InvoiceWrite' });
const someoneElse = (i: number) =>
  makeGrant({ authorizedIdentifier: { type: 'Pesel', value: '22271569167' }, description: `osoba ${i}` });
const page = (grants: unknown[], extra: Record<string, unknown> = {}) =>
  extractRecords({ permissions: grants, ...extra }, 'grants');
const scopeStates = (s: ReturnType<typeof createAuditSession>) =>
  s.snapshot().audit.card!.expected.map((e) => `${e.scope}:${e.state}`);

describe('the card says a scope is missing only from a list read whole', () => {
  it('first page of several: what is there is present, the rest not yet checked; no "missing", nothing for history', () => {
    const s = createAuditSession(CTX, makeProfile());
    s.ingest(page([providerWrite(), someoneElse(1)], { hasMore: true }), { firstPage: true });
    expect(scopeStates(s)).toEqual(['InvoiceWrite:present', 'InvoiceRead:unchecked']);
    expect(s.snapshot().audit.missing).toEqual([]);
    expect(auditReport(s.snapshot(), null).counts.missing).toBe(0);
    expect(auditReport(s.snapshot(), null).items).toBeNull();
  });

  it('records the whole list did not hold (a later page, or made up by the page) end the proof', () => {
    const s = createAuditSession(CTX, makeProfile());
    const known = [providerWrite(), someoneElse(1)];
    s.ingest(page(known, { hasMore: false }), { firstPage: true });
    expect(s.snapshot().kinds.grants).toMatchObject({ complete: true, proof: 'first-page' });
    // A later page holding only what is known changes nothing.
    s.ingest(page(known, { hasMore: true }), { firstPage: false });
    expect(s.snapshot().kinds.grants.complete).toBe(true);
    // One that holds a record the whole list did not: the list is no longer known whole, nothing is "missing".
    s.ingest(page([someoneElse(2)], { hasMore: true }), { firstPage: false });
    expect(s.snapshot().kinds.grants).toMatchObject({ complete: false, proof: null });
    expect(scopeStates(s)).toEqual(['InvoiceWrite:present', 'InvoiceRead:unchecked']);
  });

  it('the first page saying nothing follows is the whole list: missing is missing, and history may compare', () => {
    const s = createAuditSession(CTX, makeProfile());
    s.ingest(page([providerWrite(), someoneElse(1)], { hasMore: false }), { firstPage: true });
    expect(scopeStates(s)).toEqual(['InvoiceWrite:present', 'InvoiceRead:missing']);
    expect(auditReport(s.snapshot(), null).counts.missing).toBe(1);
    expect(auditReport(s.snapshot(), null).items).toHaveLength(2);
  });

  it('the last page saying nothing follows proves nothing about the pages before it', () => {
    const s = createAuditSession(CTX, makeProfile());
    s.ingest(page([someoneElse(1)], { hasMore: false }), { firstPage: false });
    expect(scopeStates(s)).toEqual(['InvoiceWrite:unchecked', 'InvoiceRead:unchecked']);
    expect(s.snapshot().kinds.grants.complete).toBe(false);
  });

  it('a page whose place in the list is unknown proves nothing either', () => {
    const s = createAuditSession(CTX, makeProfile());
    s.ingest(page([someoneElse(1)], { hasMore: false }));
    expect(s.snapshot().kinds.grants.complete).toBe(false);
  });

  it('a stated total, once reached by distinct records, completes the list whatever the pages', () => {
    const s = createAuditSession(CTX, makeProfile());
    s.ingest(page([someoneElse(1), someoneElse(2)], { totalCount: 3 }), { firstPage: null });
    expect(s.snapshot().kinds.grants.complete).toBe(false);
    s.ingest(page([providerWrite()], { totalCount: 3 }), { firstPage: null });
    expect(s.snapshot().kinds.grants.complete).toBe(true);
    expect(scopeStates(s)).toEqual(['InvoiceWrite:present', 'InvoiceRead:missing']);
  });

  it('the whole list read again replaces what earlier pages showed (a grant revoked meanwhile is gone)', () => {
    const s = createAuditSession(CTX, makeProfile());
    const gone = providerWrite();
    s.ingest(page([gone, someoneElse(1)], { hasMore: false }), { firstPage: true });
    s.ingest(page([someoneElse(1)], { hasMore: false }), { firstPage: true });
    expect(s.snapshot().records.grants.map((g) => g.id)).not.toContain(gone.id);
  });

  it('on a token or certificate page, scopes not seen are "not on this page"', () => {
    const s = createAuditSession(CTX, makeProfile(), { listsGrants: false });
    expect(scopeStates(s)).toEqual(['InvoiceWrite:not-listed', 'InvoiceRead:not-listed']);
    expect(auditReport(s.snapshot(), null).counts.missing).toBe(0);
  });

  it('a disconnected provider gets no ticked scope: what it holds is a leftover', () => {
    const audit = buildAudit({ grants: [providerWrite()] }, makeProfile({ state: 'disconnected' }), CTX, 'complete');
    expect(audit.card!.expected).toEqual([]);
    expect(audit.card!.items.map((i) => i.verdict)).toEqual(['leftover']);
  });
});

describe("a response's place in its list, from its request's query", () => {
  it.each([
    ['https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=0&pageSize=10', true],
    ['https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=3&pageSize=10', false],
    ['/web/api/uprawnienia/osoby?offset=0&limit=20', true],
    ['/web/api/uprawnienia/osoby?offset=20&limit=20', false],
    ['/api/list?page=0&size=10', true],
    ['/api/list?page=1&size=10', null],
    ['/api/list?pageNumber=2', false],
    ['/api/list?pageSize=10', null],
    ['/api/list?pageOffset=abc', null],
    ['not a url at all %%%', null],
  ])('%s → %s', (url, first) => {
    expect(isFirstPage(url)).toBe(first);
  });
});
