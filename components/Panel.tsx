import { useEffect, useState } from 'preact/hooks';
import type { ApLocation } from '@/lib/ap/pages';
import type { CaptureSnapshot } from '@/lib/content/capture';
import type { Controller } from '@/lib/content/audit-controller';
import type { GuideStep } from '@/lib/content/guide';
import type { TourView } from '@/lib/content/tour';
import { AuditCard, Others } from './AuditCard';
import { CheckAllBar } from './CheckAllBar';
import { plural } from '@/lib/i18n';
import { useI18n } from './i18n';
import { useStore, type Subscribable } from './useStore';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { exportRows, toCsv, toJson } from '@/lib/audit/export';
import { TourCard } from './TourCard';
import { claimsText, companyOf } from '@/lib/audit/company';

export interface PanelProps {
  location: ApLocation;
  captures: Subscribable<CaptureSnapshot>;
  controller: Controller;
  download: (name: string, type: string, text: string) => void;
  /** The guided removal's and the guided steps' state, and the steps' own controls. */
  steps: {
    guide: Subscribable<GuideStep | null>;
    tour: Subscribable<TourView | null>;
    skipTourStep: () => void;
    closeTour: () => void;
  };
  /** Make room for the panel in the page, open or collapsed (lib/content/dock.ts); none in tests of the view. */
  dock?: (open: boolean) => void;
}

/** The panel on AP pages, in a shadow root: the integration card, the others, "check all", changes, exports. */
export function Panel({ location, captures, controller, download, steps, dock }: PanelProps) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const caps = useStore(captures, 100);
  const snap = useStore(controller.session, 50);
  const visit = useStore(controller.visit);
  const guide = useStore(steps.guide);
  const tour = useStore(steps.tour);
  const [chosen, setOpen] = useState(true);
  // A guided step is always shown in full: the user acts on it.
  const open = chosen || guide !== null || tour !== null;
  useEffect(() => dock?.(open), [dock, open]);
  const count = caps.captures.length;
  const rowsOnly = visit.rowsOnly;
  const audit = rowsOnly && visit.rowAudit ? null : snap.audit;

  return (
    <section class="panel" data-testid="panel" aria-label={t('panelTitle')} data-open={open ? 'true' : 'false'}>
      <header class="panel-head">
        <h2 class="panel-title">{t('panelTitle')}</h2>
        <span class="env" data-testid="panel-env" title={t(`env${location.environment}`)}>
          {location.environment}
        </span>
        {!guide && !tour && (
          <button
            type="button"
            class="toggle"
            aria-expanded={open}
            data-testid="panel-toggle"
            onClick={() => setOpen(!open)}
          >
            {open ? t('panelCollapse') : t('panelExpand')}
          </button>
        )}
      </header>
      {guide && (
        // While the user removes rows with the AP's own buttons, the panel shows only the step: it covers less.
        <p class="guide" role="status" aria-live="assertive" data-testid="guide">
          {t(!guide.control ? 'guideNoControl' : guide.how === 'button' ? 'guideStep' : `guideStep_${guide.how}`, [
            guide.identifier,
            permissionLabel(guide.scope, lang),
            String(guide.left),
          ])}
        </p>
      )}
      {!guide && tour && <TourCard view={tour} onSkip={steps.skipTourStep} onClose={steps.closeTour} />}
      {open && !guide && !tour && (
        <div class="panel-body">
          <p class="status" role="status" data-testid="capture">
            {count === 0 && !rowsOnly ? (
              <>
                <span class="spinner" aria-hidden="true" />
                {t('panelWaiting')}
              </>
            ) : count === 0 ? (
              t('rowsOnly', String(rowsOnly!.rows))
            ) : (
              t('panelResponses', String(count))
            )}
          </p>
          {companyOf(visit.companies).conflict.length > 0 && (
            <p class="note warn" role="alert" data-testid="company-conflict">
              {t('panelCompanyConflict', claimsText(visit.companies, t))}
            </p>
          )}
          {visit.forged > 0 && (
            <p class="note warn" role="alert" data-testid="forged">
              {t('panelForged', String(visit.forged))}
            </p>
          )}
          {visit.outdatedAt !== null && (
            <p class="note warn" role="status" data-testid="outdated">
              {t('panelOutdated', new Date(visit.outdatedAt).toLocaleTimeString(lang === 'pl' ? 'pl-PL' : 'en-GB'))}{' '}
              {visit.targets.length > 0 && (
                <button type="button" data-testid="reread" onClick={controller.startCheckAll}>
                  {t('panelReread')}
                </button>
              )}
            </p>
          )}
          {/* After a forgery nothing read on the page is shown as a finding: the warning above says why. */}
          {audit && visit.forged === 0 && (
            <AuditCard audit={audit} snapshot={snap} outdated={visit.outdatedAt !== null} />
          )}
          {visit.staleRows > 0 && (
            <p class="note warn" role="status" data-testid="stale-rows">
              {t('staleRows', String(visit.staleRows))}
            </p>
          )}
          {rowsOnly && visit.rowAudit && <RowsOnlySummary verdicts={visit.rowAudit.classified.map((c) => c.verdict)} />}
          {snap.kinds.grants.hasMore === true && !snap.kinds.grants.complete && (
            <p class="note" data-testid="partial">
              {plural(i18n, 'partialView', snap.records.grants.length)}
            </p>
          )}
          {count > 0 && (
            <CheckAllBar
              visit={visit}
              read={visit.targets.map((kind) => ({
                kind,
                records: snap.records[kind].length,
                total: snap.kinds[kind].total,
              }))}
              onStart={controller.startCheckAll}
              onCancel={controller.cancelCheckAll}
            />
          )}
          {visit.changes && (
            <p class="note" data-testid="changes">
              {visit.changes.previousAt
                ? `${t('changesTitle', new Date(visit.changes.previousAt).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB'))}: ${
                    visit.changes.added + visit.changes.removed + visit.changes.changed === 0
                      ? t('changesNone')
                      : t('changesCounts', [
                          String(visit.changes.added),
                          String(visit.changes.removed),
                          String(visit.changes.changed),
                        ])
                  }`
                : null}
            </p>
          )}
          {audit && <Others snapshot={snap} />}
          {snap.rejected + caps.rejected > 0 && (
            <p class="note warn" data-testid="rejected">
              {t('panelRejected', String(snap.rejected + caps.rejected))}
            </p>
          )}
          {caps.skipped > 0 && <p class="note">{t('panelSkipped', String(caps.skipped))}</p>}
          {snap.records.grants.length > 0 && (
            <p class="exports">
              <button
                type="button"
                data-testid="export-json"
                onClick={() =>
                  download(
                    `${t('fileGrants')}.json`,
                    'application/json',
                    toJson(snap, {
                      environment: location.environment,
                      contextNip: visit.contextNip,
                      exportedAt: new Date().toISOString(),
                    }),
                  )
                }
              >
                {t('exportJson')}
              </button>
              <button
                type="button"
                data-testid="export-csv"
                onClick={() => download(`${t('fileGrants')}.csv`, 'text/csv', toCsv(exportRows(snap)))}
              >
                {t('exportCsv')}
              </button>
            </p>
          )}
          <p class="note">{t('panelPage', t(`page_${location.page}`))}</p>
        </div>
      )}
    </section>
  );
}

function RowsOnlySummary({ verdicts }: { verdicts: string[] }) {
  const { t } = useI18n();
  const leftovers = verdicts.filter((v) => v === 'leftover').length;
  const risks = verdicts.filter((v) => v === 'risk').length;
  return (
    <p class="note" data-testid="rows-summary">
      {t('cardLeftovers', String(leftovers))} · {t('cardRisks', String(risks))}
    </p>
  );
}
