import type { SessionSnapshot } from './session';

/** Exports of one visit's audit: JSON for support, CSV for a spreadsheet (formulas neutralised). */
export interface ExportRow {
  id: string;
  grantee: string;
  scope: string;
  startDate: string;
  description: string;
  verdict: string;
  flags: string;
}

export function exportRows(snap: SessionSnapshot): ExportRow[] {
  return snap.records.grants.map((g, i) => ({
    id: g.id,
    grantee: `${g.authorizedIdentifier.type}:${g.authorizedIdentifier.value ?? ''}`,
    scope: g.permissionScope,
    startDate: g.startDate,
    description: g.description,
    verdict: snap.audit.grants[i]?.verdict ?? 'other',
    flags: (snap.audit.grants[i]?.flags ?? []).join(' '),
  }));
}

export function toJson(
  snap: SessionSnapshot,
  meta: { environment: string; contextNip: string | null; exportedAt: string },
): string {
  return JSON.stringify({ ...meta, profile: snap.profile, grants: exportRows(snap), card: snap.audit.card }, null, 2);
}

const HEAD: (keyof ExportRow)[] = ['id', 'grantee', 'scope', 'startDate', 'description', 'verdict', 'flags'];

export function csvCell(v: unknown): string {
  const s = String(v ?? '');
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly ExportRow[]): string {
  return [HEAD.join(','), ...rows.map((r) => HEAD.map((h) => csvCell(r[h])).join(','))].join('\r\n');
}
