import { countVerdicts } from '../audit/summary';
import type { AuditRecord } from '../storage/history';
import type { ApTabState, JobView, ProviderStatusView, ReceiptView } from '../messaging/protocol';
import { createMasker, redactDeep, stripSecrets } from './redact';
import {
  diagnosticReport,
  MAX_REPORT_BYTES,
  REPORT_FORMAT,
  REPORT_VERSION,
  type AuditDiagnostics,
  type DiagnosticReport,
  type WatchedCertificate,
} from '../messaging/diagnostics-format';

/** What the background gathers for a report; identifiers still as they are. */
export interface ReportInputs {
  now: number;
  /** Salt of the masks of this report; it never leaves the function. */
  salt: string;
  includeIdentifiers: boolean;
  extension: DiagnosticReport['extension'];
  provider: {
    linked: boolean;
    origin: string | null;
    name: string | null;
    status: ProviderStatusView | null;
    error: string | null;
  };
  tabs: ApTabState[];
  audit: AuditDiagnostics | null;
  history: AuditRecord[];
  jobs: JobView[];
  certificates: WatchedCertificate[];
  /** Strings that must not appear in the file (the provider credential). */
  secrets: string[];
}

const HISTORY_ITEMS = 20_000;

/**
 * The history: every audit's counts, and the items of the newest audit of each company only (an accounting
 * office keeps 50 audits of 10,000 grants: all of them would be tens of megabytes).
 */
function historyOf(records: readonly AuditRecord[]): DiagnosticReport['history'] {
  const seen = new Set<string>();
  return [...records]
    .sort((a, b) => b.at - a.at)
    .slice(0, 200)
    .map((r) => {
      const counts = countVerdicts(r.items);
      const newest = !seen.has(r.scope);
      seen.add(r.scope);
      return { scope: r.scope, at: r.at, counts, items: newest ? r.items.slice(0, HISTORY_ITEMS) : [] };
    });
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[:T]/g, '-');

export function buildReport(input: ReportInputs): { json: string; fileName: string } {
  const report: DiagnosticReport = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    createdAt: new Date(input.now).toISOString(),
    redacted: !input.includeIdentifiers,
    extension: input.extension,
    provider: input.provider,
    tabs: input.tabs.slice(0, 50).map((t) => ({
      environment: t.environment,
      page: t.page,
      contextNip: t.contextNip ?? null,
      responses: t.responses,
      rejected: t.rejected,
      counts: t.counts ?? null,
      updatedAt: t.updatedAt,
    })),
    audit: input.audit,
    history: historyOf(input.history),
    jobs: input.jobs.slice(0, 100),
    receipts: input.jobs.flatMap((j): ReceiptView[] => (j.receipt ? [j.receipt] : [])).slice(0, 100),
    certificates: input.certificates.slice(0, 1000),
  };
  const shown = input.includeIdentifiers ? report : redactDeep(report, createMasker(input.salt));
  // What leaves is what a viewer accepts: checked against the schema it will be read with, within its size limit
  // (the history's items go first, then it is refused with a reason).
  let json = stripSecrets(JSON.stringify(diagnosticReport.parse(shown), null, 1), input.secrets);
  if (byteLength(json) > MAX_REPORT_BYTES) {
    const lean = { ...shown, history: shown.history.map((h) => ({ ...h, items: [] })) };
    json = stripSecrets(JSON.stringify(diagnosticReport.parse(lean), null, 1), input.secrets);
  }
  if (byteLength(json) > MAX_REPORT_BYTES)
    throw Object.assign(new Error('the report would exceed its size limit'), { code: 'report-too-large' });
  // Named in the language of the extension's UI, like every file it saves.
  const noun = input.extension.language.startsWith('pl') ? 'raport' : 'report';
  return { json, fileName: `ksef-companion-${noun}-${stamp(input.now)}.json` };
}

type ReportProblem = 'too-large' | 'not-json' | 'not-report' | 'version' | 'invalid';
export type ReportRead = { ok: true; report: DiagnosticReport } | { ok: false; problem: ReportProblem; detail: string };

/** Read a file the user gives the viewer: size, JSON, format, version, then the whole schema. */
export function readReport(text: string, size = text.length): ReportRead {
  if (size > MAX_REPORT_BYTES) return { ok: false, problem: 'too-large', detail: String(size) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json', detail: '' };
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== REPORT_FORMAT)
    return { ok: false, problem: 'not-report', detail: '' };
  if (head.version !== REPORT_VERSION) return { ok: false, problem: 'version', detail: String(head.version) };
  const parsed = diagnosticReport.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: 'invalid', detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
  }
  return { ok: true, report: parsed.data };
}

export interface TimelineEntry {
  at: number;
  kind: 'audit' | 'job' | 'receipt' | 'certificate' | 'report';
  /** i18n key and its substitutions, for the viewer. */
  key: string;
  subs: string[];
}

/** What happened, oldest first: audits, jobs, receipts, certificates seen, and the report itself. */
export function timelineOf(r: DiagnosticReport): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const h of r.history)
    out.push({
      at: h.at,
      kind: 'audit',
      key: 'timelineAudit',
      subs: [h.scope, String(h.counts.integration), String(h.counts.leftover), String(h.counts.risk)],
    });
  for (const j of r.jobs)
    if (!j.receipt)
      out.push({
        at: j.updatedAt,
        kind: 'job',
        key: `jobState_${j.state.replace(/-/g, '_')}`,
        subs: [j.providerName, String(j.leftovers.length)],
      });
  for (const rc of r.receipts) {
    const started = Date.parse(rc.startedAt);
    const finished = Date.parse(rc.finishedAt);
    if (!Number.isNaN(started)) out.push({ at: started, kind: 'job', key: 'timelineJobStarted', subs: [rc.provider] });
    if (!Number.isNaN(finished))
      out.push({
        at: finished,
        kind: 'receipt',
        key: `timelineReceipt_${rc.outcome}`,
        subs: [rc.provider, String(rc.removedByUser.length + rc.removedInAp.length), String(rc.remaining.length)],
      });
  }
  for (const c of r.certificates)
    out.push({ at: c.seenAt, kind: 'certificate', key: 'timelineCertificate', subs: [c.name, c.validTo ?? '?'] });
  const created = Date.parse(r.createdAt);
  if (!Number.isNaN(created)) out.push({ at: created, kind: 'report', key: 'timelineReport', subs: [] });
  return out.sort((a, b) => a.at - b.at);
}
