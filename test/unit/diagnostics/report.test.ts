import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, readReport, timelineOf, type ReportInputs } from '@/lib/diagnostics/build';
import { createMasker, maskText, REMOVED, stripSecrets } from '@/lib/diagnostics/redact';
import { MAX_REPORT_BYTES } from '@/lib/messaging/diagnostics-format';

const NIP = '7762811692';
const OTHER_NIP = '5265877635';
const PESEL = '22271569167';
const FP = 'A'.repeat(60) + '1234';
const KEY = 'demo-secret-provider-key-123';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJOaXA6Nzc2MjgxMTY5MiJ9.c2lnbmF0dXJl';

function inputs(over: Partial<ReportInputs> = {}): ReportInputs {
  return {
    now: Date.parse('2026-11-25T10:00:00Z'),
    salt: 'salt-1',
    includeIdentifiers: false,
    extension: { version: '0.2.0', browser: 'Chromium', language: 'pl' },
    provider: { linked: true, origin: 'https://fakturowo.example', name: 'Fakturowo', status: null, error: null },
    tabs: [
      { environment: 'DEMO', page: 'permissions', responses: 2, rejected: 0, updatedAt: 1, contextNip: OTHER_NIP },
    ],
    audit: {
      environment: 'DEMO',
      page: 'permissions',
      contextNip: OTHER_NIP,
      profile: { name: 'Fakturowo', state: 'disconnected', mode: 'provider-certificates', scopes: ['InvoiceWrite'] },
      card: {
        name: 'Fakturowo',
        state: 'disconnected',
        expected: [{ scope: 'InvoiceWrite', present: true }],
        counts: { integration: 0, leftover: 1, risk: 0, other: 0 },
        items: [{ kind: 'grant', id: 'g-1', scopes: ['InvoiceWrite'], verdict: 'leftover', flags: ['provider'] }],
      },
      grants: [
        { id: 'g-1', grantee: `Nip:${NIP}`, scope: 'InvoiceWrite', verdict: 'leftover', flags: [] },
        { id: 'g-2', grantee: `Pesel:${PESEL}`, scope: 'InvoiceRead', verdict: 'other', flags: [] },
        { id: 'g-3', grantee: `Fingerprint:${FP}`, scope: 'InvoiceRead', verdict: 'risk', flags: [] },
        { id: 'g-4', grantee: `Pesel:${PESEL}`, scope: 'InvoiceWrite', verdict: 'other', flags: [] },
      ],
      missing: [],
      rowsOnly: null,
      kinds: { grants: { pages: 1, hasMore: false, complete: true } },
      recognition: { captures: 3, rejected: 0, skipped: 1, unrecognisedKeys: ['rows', 'total'] },
    },
    history: [
      {
        scope: `DEMO:${OTHER_NIP}`,
        at: 5,
        items: [{ key: 'g-1', kind: 'grants', grantee: `Nip:${NIP}`, scope: 'InvoiceWrite', verdict: 'leftover' }],
      },
    ],
    jobs: [],
    certificates: [],
    secrets: [KEY],
    ...over,
  };
}

describe('diagnostic report', () => {
  it('masks NIP as 123***7890 and PESEL/fingerprint by a salted tag, the same person keeping the same mask', () => {
    const { json } = buildReport(inputs());
    expect(json).not.toContain(NIP);
    expect(json).not.toContain(PESEL);
    expect(json).not.toContain(FP);
    expect(json).toContain('776***1692');
    expect(json).toContain('526***7635');
    const report = JSON.parse(json);
    expect(report.redacted).toBe(true);
    const [, p1, f, p2] = report.audit.grants.map((g: { grantee: string }) => g.grantee);
    expect(p1).toMatch(/^Pesel:PESEL#[0-9a-f]{8}$/);
    expect(p2).toBe(p1);
    expect(f).toMatch(/^Fingerprint:FP#[0-9a-f]{8}$/);
    // Another report, another salt: the tags do not link reports.
    expect(buildReport(inputs({ salt: 'salt-2' })).json).not.toContain(p1.slice(6));
  });

  it('includes identifiers only when asked, and never a KSeF token or the provider key', () => {
    const leaky = inputs({
      includeIdentifiers: true,
      extension: { version: '0.2.0', browser: `Chromium ${JWT}`, language: 'pl' },
      provider: { linked: true, origin: null, name: `Fakturowo ${KEY}`, status: null, error: null },
    });
    const { json } = buildReport(leaky);
    expect(json).toContain(NIP);
    expect(json).toContain(PESEL);
    expect(JSON.parse(json).redacted).toBe(false);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain(JWT);
    expect(json).toContain(REMOVED);
    expect(readReport(json).ok).toBe(true);
  });

  it('reads back what it writes, with the same verdicts, and builds a timeline', () => {
    const { json, fileName } = buildReport(inputs());
    expect(fileName).toBe('ksef-companion-raport-2026-11-25-10-00.json');
    const english = inputs();
    expect(buildReport({ ...english, extension: { ...english.extension, language: 'en' } }).fileName).toBe(
      'ksef-companion-report-2026-11-25-10-00.json',
    );
    const read = readReport(json);
    if (!read.ok) throw new Error(read.problem);
    expect(read.report.audit!.grants.map((g) => g.verdict)).toEqual(['leftover', 'other', 'risk', 'other']);
    expect(timelineOf(read.report).map((e) => e.kind)).toEqual(['audit', 'report']);
  });

  it("stays within the viewer's size limit for an accounting office (10,000 grants, 50 audits kept)", () => {
    const base = inputs();
    const grants = Array.from({ length: 10_000 }, (_, i) => ({
      id: `perm-${i}`,
      grantee: `Pesel:${PESEL}`,
      scope: 'InvoiceRead',
      verdict: 'other' as const,
      flags: [],
    }));
    const items = grants.map((g) => ({
      key: g.id,
      kind: 'grants',
      grantee: g.grantee,
      scope: g.scope,
      verdict: g.verdict,
    }));
    const history = Array.from({ length: 50 }, (_, i) => ({ scope: `DEMO:${OTHER_NIP}`, at: 1000 + i, items }));
    const { json } = buildReport({ ...base, audit: { ...base.audit!, grants }, history });
    expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    const read = readReport(json);
    if (!read.ok) throw new Error(read.problem);
    expect(read.report.history).toHaveLength(50);
    // Counts for every audit; the items of the newest only.
    expect(read.report.history.map((h) => h.items.length).filter((n) => n > 0)).toEqual([10_000]);
    expect(read.report.history[0]!.at).toBe(1049);
    expect(read.report.history.every((h) => h.counts.other === 10_000)).toBe(true);
  });

  it('refuses what is not a report it knows, saying why', () => {
    expect(readReport('x'.repeat(10), MAX_REPORT_BYTES + 1)).toMatchObject({ ok: false, problem: 'too-large' });
    expect(readReport('{not json')).toMatchObject({ ok: false, problem: 'not-json' });
    expect(readReport('{"hello":1}')).toMatchObject({ ok: false, problem: 'not-report' });
    const good = JSON.parse(buildReport(inputs()).json);
    expect(readReport(JSON.stringify({ ...good, version: 7 }))).toMatchObject({
      ok: false,
      problem: 'version',
      detail: '7',
    });
    const bad = { ...good, audit: { ...good.audit, grants: [{ id: 1 }] } };
    expect(readReport(JSON.stringify(bad))).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('masks every valid NIP or PESEL wherever it stands in a text, and nothing else', () => {
    const m = createMasker('s');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const text = `${a} ${NIP} ${b}`;
        const out = maskText(text, m);
        expect(out).not.toContain(NIP);
        expect(maskText(out, m)).toBe(out);
      }),
    );
    expect(maskText('ref 20260203-EC-2DD3AFF000 1234567890', m)).toBe('ref 20260203-EC-2DD3AFF000 1234567890');
    expect(stripSecrets(`{"a":"${JWT}"}`, [])).toBe(`{"a":"${REMOVED}"}`);
  });
});
