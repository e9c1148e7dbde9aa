import { useState } from 'preact/hooks';
import type { TourName } from '@/lib/ap/tours';
import type { KsefEnvironment } from '@/lib/ksef/environments';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { readReport, timelineOf, type ReportRead } from '@/lib/diagnostics/build';
import { MAX_REPORT_BYTES, type DiagnosticReport } from '@/lib/messaging/diagnostics-format';
import { ExpectedScopes, flagKey } from './AuditCard';
import { ReceiptView } from './Receipt';
import { useI18n } from './i18n';
import { GuideButton } from './Support';
import { guidesFor } from '@/lib/diagnostics/guides';
import { EvidenceView } from './EvidenceView';

/** What the viewer needs from the extension; the entrypoint implements it, tests mock it. */
export interface ViewerConnector {
  tourStart: (tour: TourName, environment: KsefEnvironment) => Promise<void>;
  download: (name: string, type: string, text: string) => void;
}

/**
 * The report viewer (support staff): open a diagnostic report without any AP session, check it (size, JSON,
 * format, version, schema) and show what the customer saw: the card, verdicts, history, receipts, a timeline.
 * A bad file gets a clear message and nothing else. Everything in the file is shown as text.
 */
export function ReportViewer({ connector }: { connector: ViewerConnector }) {
  const { t } = useI18n();
  const [read, setRead] = useState<ReportRead | null>(null);
  const [reading, setReading] = useState(false);
  const [over, setOver] = useState(false);
  const open = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_REPORT_BYTES) {
      setRead({ ok: false, problem: 'too-large', detail: String(file.size) });
      return;
    }
    setReading(true);
    file.text().then(
      (text) => {
        setRead(readReport(text, file.size));
        setReading(false);
      },
      () => {
        setRead({ ok: false, problem: 'not-json', detail: '' });
        setReading(false);
      },
    );
  };
  return (
    <main class="viewer" data-testid="viewer">
      <h1>{t('viewerTitle')}</h1>
      <div
        class={`drop${over ? ' over' : ''}`}
        data-testid="viewer-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          open(e.dataTransfer?.files[0]);
        }}
      >
        <label for="viewer-file">{t('viewerPick')}</label>
        <input
          id="viewer-file"
          type="file"
          accept="application/json,.json"
          data-testid="viewer-file"
          onChange={(e) => open((e.target as HTMLInputElement).files?.[0])}
        />
        <p class="muted">{t('viewerDrop', String(MAX_REPORT_BYTES / 1024 / 1024))}</p>
      </div>
      {reading && <p role="status">{t('viewerReading')}</p>}
      {read && !read.ok && (
        <p class="error" role="alert" data-testid="viewer-error" data-problem={read.problem}>
          {t(`viewerProblem_${read.problem.replace('-', '_')}`, read.detail)}
        </p>
      )}
      {read?.ok && <Report report={read.report} connector={connector} />}
    </main>
  );
}

function Report({ report, connector }: { report: DiagnosticReport; connector: ViewerConnector }) {
  const { t, lang } = useI18n();
  const when = (ms: number | string) => new Date(ms).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB');
  const env = report.audit?.environment ?? report.tabs[0]?.environment ?? null;
  const status = report.provider.status;
  const guides = guidesFor(report, Date.now());
  return (
    <div class="report" data-testid="viewer-report">
      <section aria-labelledby="v-summary">
        <h2 id="v-summary">{t('viewerSummary')}</h2>
        <dl class="facts">
          <dt>{t('viewerCreated')}</dt>
          <dd>{when(report.createdAt)}</dd>
          <dt>{t('viewerExtension')}</dt>
          <dd>
            {report.extension.version} · {report.extension.language}
          </dd>
          <dt>{t('viewerBrowser')}</dt>
          <dd class="muted">{report.extension.browser}</dd>
          <dt>{t('viewerIdentifiers')}</dt>
          <dd data-testid="viewer-redacted">{report.redacted ? t('viewerRedacted') : t('viewerNotRedacted')}</dd>
        </dl>
      </section>
      <section aria-labelledby="v-provider" data-testid="viewer-provider">
        <h2 id="v-provider">{t('popupProviderSide')}</h2>
        {!report.provider.linked ? (
          <p class="muted">{t('popupProviderMissing')}</p>
        ) : status ? (
          <p>
            {status.providerName} ({report.provider.origin}):{' '}
            <strong>{t(`providerState_${status.state.replace('-', '_')}`)}</strong> ·{' '}
            {t(`providerMode_${status.mode.replace('-', '_')}`)} ·{' '}
            {t('viewerDeclared', [
              String(status.declared.grants),
              String(status.declared.tokens),
              String(status.declared.certificates),
            ])}
          </p>
        ) : report.provider.error ? (
          <p class="error">{t('errorGeneric', report.provider.error)}</p>
        ) : (
          <p class="muted">{t('viewerProviderUnchecked', report.provider.name ?? '—')}</p>
        )}
      </section>
      {report.audit && <AuditView audit={report.audit} when={when} />}
      {env && (
        <section aria-labelledby="v-guide">
          <h2 id="v-guide">{t('viewerGuide')}</h2>
          <p class="muted">{t('viewerGuideIntro')}</p>
          {guides.length === 0 && <p data-testid="viewer-no-guide">{t('viewerNoGuide')}</p>}
          {guides.includes('remove-leftovers') && (
            <GuideButton
              connector={connector}
              tour="remove-leftovers"
              environment={env}
              label={t('tourStartLeftovers')}
            />
          )}
          {guides.includes('renew-certificate') && (
            <GuideButton connector={connector} tour="renew-certificate" environment={env} label={t('tourStartRenew')} />
          )}
        </section>
      )}
      {report.receipts.length > 0 && (
        <section aria-labelledby="v-receipts" data-testid="viewer-receipts">
          <h2 id="v-receipts">{t('receiptsTitle', String(report.receipts.length))}</h2>
          {report.jobs
            .filter((j) => j.receipt)
            .map((j) => (
              <ReceiptView key={j.id} job={j} download={connector.download} />
            ))}
        </section>
      )}
      {report.certificates.length > 0 && (
        <section aria-labelledby="v-certs">
          <h2 id="v-certs">{t('certHeading')}</h2>
          <ul>
            {report.certificates.map((c) => (
              <li key={`${c.environment}:${c.serial}`}>
                {c.name} ({c.serial}) · {c.status ?? '—'} · {t('certValidUntil', c.validTo?.slice(0, 10) ?? '—')}
                {c.usedByProvider && ` ${t('certUsedByProviderTag')}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.history.length > 0 && (
        <section aria-labelledby="v-history">
          <h2 id="v-history">{t('viewerHistory')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('viewerWhen')}</th>
                <th scope="col">{t('viewerScope')}</th>
                <th scope="col">{t('viewerCounts')}</th>
              </tr>
            </thead>
            <tbody>
              {report.history.map((h) => (
                <tr key={`${h.scope}-${h.at}`}>
                  <td>{when(h.at)}</td>
                  <td>{h.scope}</td>
                  <td>
                    {t('viewerCountsText', [
                      String(h.counts.integration),
                      String(h.counts.leftover),
                      String(h.counts.risk),
                      String(h.counts.other),
                    ])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="v-timeline" data-testid="viewer-timeline">
        <h2 id="v-timeline">{t('viewerTimeline')}</h2>
        <ol class="timeline">
          {timelineOf(report).map((e, i) => (
            <li key={i} data-kind={e.kind}>
              <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time> — {t(e.key, e.subs)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function AuditView({ audit, when }: { audit: NonNullable<DiagnosticReport['audit']>; when: (at: number) => string }) {
  const { t, lang } = useI18n();
  const card = audit.card;
  const name = card?.name ?? audit.profile?.name ?? '';
  const r = audit.recognition;
  return (
    <section aria-labelledby="v-audit" data-testid="viewer-audit">
      <h2 id="v-audit">{t('viewerAudit')}</h2>
      <p>
        {t(`env${audit.environment}`)} · {t(`page_${audit.page}`)} · NIP {audit.contextNip ?? '—'}
      </p>
      {card ? (
        <div class="card" data-testid="viewer-card">
          <p class="card-provider">
            <strong>{card.name}</strong> <span class={`state ${card.state}`}>{t(`cardState_${card.state}`)}</span>
          </p>
          <ExpectedScopes expected={card.expected} />
          <p data-testid="viewer-card-counts">
            {t('viewerCountsText', [
              String(card.counts.integration),
              String(card.counts.leftover),
              String(card.counts.risk),
              String(card.counts.other),
            ])}
          </p>
        </div>
      ) : (
        <p class="note">{t('noProfile')}</p>
      )}
      {audit.rowsOnly && <p class="note">{t('rowsOnly', String(audit.rowsOnly.rows))}</p>}
      <table data-testid="viewer-grants">
        <caption>{t('viewerGrants', String(audit.grants.length))}</caption>
        <thead>
          <tr>
            <th scope="col">{t('viewerGrantee')}</th>
            <th scope="col">{t('viewerScopeColumn')}</th>
            <th scope="col">{t('viewerVerdict')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.grants.map((g) => (
            <tr key={g.id} data-verdict={g.verdict}>
              <td>{g.grantee.replace(/^[A-Za-z]+:/, '')}</td>
              <td>{permissionLabel(g.scope, lang)}</td>
              <td>
                {g.verdict === 'other' ? t('viewerVerdictOther') : t(`verdict_${g.verdict}`, name)}
                {g.flags.filter((f) => f !== 'provider').length > 0 &&
                  ` – ${g.flags
                    .filter((f) => f !== 'provider')
                    .map((f) => t(flagKey(f)))
                    .join(', ')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit.evidence && <EvidenceView evidence={audit.evidence} when={when} />}
      <p class="muted" data-testid="viewer-recognition">
        {t('viewerRecognition', [String(r.captures), String(r.rejected), String(r.skipped)])}
      </p>
      {r.unrecognisedKeys.length > 0 && (
        <p class="muted" data-testid="viewer-unrecognised">
          {t('viewerUnrecognised', r.unrecognisedKeys.join(', '))}
        </p>
      )}
    </section>
  );
}
