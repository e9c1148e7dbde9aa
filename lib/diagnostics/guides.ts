import type { TourName } from '../ap/tours';
import type { DiagnosticReport } from '../messaging/diagnostics-format';
import { alertFor } from './certificate-dates';

/**
 * The guided steps a report calls for, so that the viewer offers only those: removing leftovers where the report
 * shows some (the page's audit, an AP tab, a receipt with grants still in KSeF), renewing a certificate where one
 * is unusable or expires within the watch's 30 days.
 */
export function guidesFor(report: DiagnosticReport, now: number): TourName[] {
  const leftovers =
    (report.audit?.card?.counts.leftover ?? 0) > 0 ||
    (report.audit?.rowsOnly?.counts.leftover ?? 0) > 0 ||
    report.tabs.some((tab) => (tab.counts?.leftover ?? 0) > 0) ||
    report.receipts.some((r) => r.remaining.length > 0);
  const certificate = report.certificates.some((c) => alertFor(c, now) !== null);
  return [
    ...(leftovers ? (['remove-leftovers'] as const) : []),
    ...(certificate ? (['renew-certificate'] as const) : []),
  ];
}
