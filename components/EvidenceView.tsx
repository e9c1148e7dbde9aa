import { MAX_RECORDS_PER_KIND } from '@/lib/audit/session';
import { claimsText } from '@/lib/audit/company';
import type { DiagnosticReport } from '@/lib/messaging/diagnostics-format';
import { useI18n } from './i18n';

export type ReportEvidence = NonNullable<NonNullable<DiagnosticReport['audit']>['evidence']>;

/** How far each kind was read and how that is known; whose records they were. */
export function EvidenceView({ evidence, when }: { evidence: ReportEvidence; when: (at: number) => string }) {
  const { t } = useI18n();
  const { company } = evidence;
  const claims = claimsText(company.claims, t);
  return (
    <div data-testid="viewer-evidence">
      <h3>{t('viewerEvidence')}</h3>
      {company.claims.length > 0 && (
        <p class={company.conflict.length > 0 ? 'note warn' : 'note'} data-testid="viewer-company">
          {t(company.conflict.length > 0 ? 'viewerCompanyConflict' : 'viewerCompanySources', claims)}
        </p>
      )}
      {evidence.outdatedAt !== null && <p class="note warn">{t('viewerOutdated', when(evidence.outdatedAt))}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('viewerKind')}</th>
            <th scope="col">{t('viewerCoverage')}</th>
            <th scope="col">{t('viewerProof')}</th>
            <th scope="col">{t('viewerReadAt')}</th>
          </tr>
        </thead>
        <tbody>
          {evidence.kinds
            .filter((k) => k.coverage !== 'none')
            .map((k) => (
              <tr key={k.kind} data-kind={k.kind} data-coverage={k.coverage}>
                <td>{t(`kind_${k.kind}`)}</td>
                <td>
                  {k.coverage === 'complete'
                    ? t('coverage_complete', String(k.records))
                    : k.source === 'rows'
                      ? t('coverage_partialRows', String(k.records))
                      : t('coverage_partial', [
                          String(k.records),
                          String(k.pages),
                          k.total === null ? '' : t('coverageTotal', String(k.total)),
                        ])}
                  {k.dropped ? ` ${t('coverageDropped', [String(k.dropped), String(MAX_RECORDS_PER_KIND)])}` : ''}
                </td>
                <td>{k.proof ? t(`proof_${k.proof.replace(/-/g, '_')}`) : '—'}</td>
                <td>{k.readAt === null ? '—' : when(k.readAt)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
