import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ReportViewer } from '@/components/ReportViewer';
import { CertificateWatch, ReportExport } from '@/components/Support';
import { buildReport } from '@/lib/diagnostics/build';
import { byTestId, mount, settle } from './helpers';
import { createAuditSession, MAX_RECORDS_PER_KIND } from '@/lib/audit/session';
import { evidenceOf } from '@/lib/audit/evidence';
import { extractRecords } from '@/lib/audit/extract';
import { auditDiagnosticsOf } from '@/lib/diagnostics/audit-part';
import { CTX, makeGrant, makeProfile } from '../audit/builders';

const REPORT_BASE = {
  now: Date.parse('2026-11-25T10:00:00Z'),
  salt: 's',
  includeIdentifiers: false,
  extension: { version: '0.2.0', browser: 'Chromium', language: 'pl' },
  provider: { linked: true, origin: 'https://fakturowo.example', name: 'Fakturowo', status: null, error: 'network' },
  tabs: [],
  audit: {
    environment: 'DEMO',
    page: 'permissions',
    contextNip: '5265877635',
    profile: { name: 'Fakturowo', state: 'disconnected', mode: 'provider-certificates', scopes: ['InvoiceWrite'] },
    card: {
      name: 'Fakturowo',
      state: 'disconnected',
      expected: [],
      counts: { integration: 0, leftover: 2, risk: 0, other: 0 },
      items: [],
    },
    grants: [
      {
        id: 'g-1',
        grantee: 'Nip:7762811692',
        scope: 'InvoiceWrite',
        verdict: 'leftover',
        flags: ['provider-disconnected'],
      },
      { id: 'g-2', grantee: 'Nip:7762811692', scope: 'InvoiceRead', verdict: 'leftover', flags: [] },
      { id: 'g-3', grantee: 'Pesel:22271569167', scope: 'InvoiceRead', verdict: 'other', flags: [] },
    ],
    missing: [],
    rowsOnly: null,
    kinds: {},
    recognition: { captures: 2, rejected: 0, skipped: 0, unrecognisedKeys: ['rows'] },
  },
  history: [],
  jobs: [],
  certificates: [],
  secrets: [],
} satisfies Parameters<typeof buildReport>[0];
const REPORT = buildReport(REPORT_BASE).json;
const REPORT_INPUTS = JSON.stringify(REPORT_BASE);

async function give(root: HTMLElement, name: string, text: string) {
  const input = byTestId(root, 'viewer-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', {
    value: [new File([text], name, { type: 'application/json' })],
    configurable: true,
  });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await act(async () => new Promise((r) => setTimeout(r, 20)));
}

describe('report viewer', () => {
  it('shows the verdicts, masked identifiers and recognition figures of a good report', async () => {
    const root = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />);
    await give(root, 'r.json', REPORT);
    expect(byTestId(root, 'viewer-error')).toBeNull();
    const rows = [...root.querySelectorAll('[data-testid="viewer-grants"] tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-verdict'))).toEqual(['leftover', 'leftover', 'other']);
    expect(rows[0]!.textContent).toContain('776***1692');
    expect(rows[0]!.textContent).toContain('Pozostałość po Fakturowo');
    expect(root.textContent).not.toContain('7762811692');
    expect(byTestId(root, 'viewer-redacted')?.textContent).toContain('zamaskowane');
    expect(byTestId(root, 'viewer-unrecognised')?.textContent).toContain('rows');
    expect(byTestId(root, 'viewer-timeline')?.querySelectorAll('li')).toHaveLength(1);
  });

  it('offers only the guided steps the report calls for', async () => {
    const root = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />);
    await give(root, 'r.json', REPORT);
    // Leftovers in the audit, no certificate followed: removing leftovers only.
    expect(root.textContent).toContain('Poprowadź mnie');
    expect(root.textContent).not.toContain('certyfikat');
    const clean = buildReport({
      ...REPORT_BASE,
      audit: {
        ...REPORT_BASE.audit,
        card: { ...REPORT_BASE.audit.card, counts: { integration: 0, leftover: 0, risk: 0, other: 0 } },
      },
    }).json;
    const none = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />);
    await give(none, 'r.json', clean);
    expect(byTestId(none, 'viewer-no-guide')?.textContent).toContain('nie pokazuje niczego, do czego są tu kroki');
    expect(none.textContent).not.toContain('Poprowadź mnie');
  });

  it('shows a bad file only as a clear message, and page markup in a report only as text', async () => {
    const root = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />, 'en');
    await give(root, 'x.json', '{"format":"ksef-companion-diagnostic-report","version":9}');
    expect(byTestId(root, 'viewer-error')?.getAttribute('data-problem')).toBe('version');
    expect(byTestId(root, 'viewer-report')).toBeNull();
    await give(root, 'x.json', 'not json');
    expect(byTestId(root, 'viewer-error')?.textContent).toContain('not a JSON file');
    const hostile = REPORT.replace('"Chromium"', '"<img src=x onerror=alert(1)>"');
    await give(root, 'r.json', hostile);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('popup: support and certificates', () => {
  it('warns before identifiers go into a report, then saves the file', async () => {
    const report = vi.fn(async (include: boolean) => ({ json: `{"i":${include}}`, fileName: 'r.json' }));
    const download = vi.fn();
    const root = await mount(<ReportExport connector={{ report, download, openViewer: vi.fn() }} />);
    expect(byTestId(root, 'report-warning')).toBeNull();
    await act(async () => (byTestId(root, 'report-include') as HTMLInputElement).click());
    expect(byTestId(root, 'report-warning')?.textContent).toContain('pełne numery NIP i PESEL');
    await act(async () => (byTestId(root, 'report-export') as HTMLButtonElement).click());
    await settle();
    expect(report).toHaveBeenCalledWith(true);
    expect(download).toHaveBeenCalledWith('r.json', 'application/json', '{"i":true}');
    expect(byTestId(root, 'report-saved')?.textContent).toBe('Zapisano plik r.json.');
  });

  it('lists the certificates the watch follows, with what needs the user, and checks again on demand', async () => {
    const certificates = vi.fn(async () => ({
      checkedAt: 1,
      certificates: [
        {
          environment: 'DEMO' as const,
          contextNip: '5265877635',
          serial: '0123456789ABCDEF',
          name: 'Certyfikat KSeF',
          validTo: '2026-12-01T00:00:00Z',
          status: 'Active',
          seenInAp: true,
          usedByProvider: true,
          seenAt: 1,
          alert: 'expires-7' as const,
          days: 5,
        },
      ],
    }));
    const root = await mount(<CertificateWatch connector={{ certificates, tourStart: vi.fn() }} environment="DEMO" />);
    await settle();
    const item = byTestId(root, 'cert-item')!;
    expect(item.getAttribute('data-alert')).toBe('expires-7');
    expect(item.textContent).toContain('Wygasa za 5 dni');
    expect(item.textContent).toContain('używa go dostawca');
    expect(byTestId(root, 'tour-start-renew-certificate')).not.toBeNull();
    await act(async () => (byTestId(root, 'cert-check') as HTMLButtonElement).click());
    await settle();
    expect(certificates).toHaveBeenLastCalledWith(true);
  });
});

describe('the evidence record in a report', () => {
  it('says how far each kind was read and how that is known, and whose records, masked', async () => {
    const session = createAuditSession(CTX, makeProfile(), {
      listsGrants: true,
      now: () => Date.parse('2026-11-25T09:59:00Z'),
    });
    // A first page of a list of 57 that states its total; no tokens or certificates read.
    session.ingest(extractRecords({ permissions: [makeGrant(), makeGrant()], totalElements: 57 }, 'grants'), {
      firstPage: true,
    });
    const audit = auditDiagnosticsOf(
      session.snapshot(),
      {
        contextNip: null,
        rowAudit: null,
        companies: [
          { nip: '5265877635', source: 'token' },
          { nip: '3568707925', source: 'header' },
        ],
        outdatedAt: null,
      },
      { environment: 'DEMO', page: 'permissions' },
      0,
    );
    expect(audit.evidence?.kinds.find((k) => k.kind === 'grants')).toEqual({
      kind: 'grants',
      coverage: 'partial',
      pages: 1,
      records: 2,
      total: 57,
      proof: null,
      source: 'responses',
      readAt: Date.parse('2026-11-25T09:59:00Z'),
    });
    const report = buildReport({ ...JSON.parse(REPORT_INPUTS), audit });
    const root = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />);
    await give(root, 'r.json', report.json);
    const evidence = byTestId(root, 'viewer-evidence')!;
    expect(evidence.querySelector('[data-kind="grants"]')?.textContent).toContain(
      'część listy (rekordy: 2, strony: 1), lista podaje łącznie: 57',
    );
    expect(evidence.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(byTestId(root, 'viewer-company')?.textContent).toBe(
      'Strona wskazywała różne firmy: 526***7635 (z tokenu sesji AP); 356***7925 (z nagłówka AP)',
    );
    expect(root.textContent).not.toContain('5265877635');

    // Read whole by "check all": complete, with its proof.
    session.beginPass('grants');
    session.ingest(extractRecords({ permissions: [makeGrant()], totalElements: 1 }, 'grants'));
    session.endPass('grants', 'end-stated');
    const whole = evidenceOf(session.snapshot(), { companies: [], rowAudit: null, outdatedAt: null });
    expect(whole.kinds[0]).toMatchObject({ coverage: 'complete', proof: 'end-stated', records: 1 });
  });

  it('says how many records a list too long for one visit had that were not kept', async () => {
    const session = createAuditSession(CTX, makeProfile());
    for (let at = 0; at <= MAX_RECORDS_PER_KIND; at += 10_000) {
      const list = Array.from({ length: 10_000 }, (_, i) =>
        makeGrant({ id: `00000000-0000-4000-9000-${String(at + i).padStart(12, '0')}` }),
      );
      session.ingest(extractRecords({ permissions: list, hasMore: true }, 'grants'), { firstPage: false });
    }
    const evidence = evidenceOf(session.snapshot(), { companies: [], rowAudit: null, outdatedAt: null });
    expect(evidence.kinds[0]).toMatchObject({ coverage: 'partial', records: MAX_RECORDS_PER_KIND, dropped: 10_000 });
    const audit = auditDiagnosticsOf(
      session.snapshot(),
      { contextNip: null, rowAudit: null, companies: [], outdatedAt: null },
      { environment: 'DEMO', page: 'permissions' },
      0,
    );
    const report = buildReport({ ...JSON.parse(REPORT_INPUTS), audit });
    const root = await mount(<ReportViewer connector={{ tourStart: vi.fn(), download: vi.fn() }} />);
    await give(root, 'r.json', report.json);
    expect(byTestId(root, 'viewer-evidence')?.querySelector('[data-kind="grants"]')?.textContent).toContain(
      'nie zachowano kolejnych: 10000; wizyta zachowuje najwyżej tyle rekordów jednego rodzaju: 50000',
    );
  });
});
