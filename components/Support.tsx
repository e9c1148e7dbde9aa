import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TourName } from '@/lib/ap/tours';
import type { KsefEnvironment } from '@/lib/ksef/environments';
import type { CertificateView } from '@/lib/messaging/protocol';
import type { SupportConnector } from '@/lib/pages/connectors';
import { plural } from '@/lib/i18n';
import { useI18n } from './i18n';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Start guided steps in the AP tab; says what went wrong when the tab cannot be reached. */
export function GuideButton({
  connector,
  tour,
  environment,
  label,
}: {
  connector: Pick<SupportConnector, 'tourStart'>;
  tour: TourName;
  environment: KsefEnvironment;
  label: string;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'starting' | 'started' | { error: string }>('idle');
  return (
    <p>
      <button
        type="button"
        class="secondary"
        data-testid={`tour-start-${tour}`}
        disabled={state === 'starting'}
        onClick={() => {
          setState('starting');
          connector.tourStart(tour, environment).then(
            () => setState('started'),
            (e: unknown) => setState({ error: errorText(e) }),
          );
        }}
      >
        {label}
      </button>
      {state === 'starting' && <span role="status"> {t('loading')}</span>}
      {state === 'started' && <span role="status"> {t('tourStarted')}</span>}
      {typeof state === 'object' && <span class="error"> {t('errorGeneric', state.error)}</span>}
    </p>
  );
}

/** The own-certificate watch: what it follows, what needs the user, and "check now". */
export function CertificateWatch({
  connector,
  environment,
}: {
  connector: Pick<SupportConnector, 'certificates' | 'tourStart'>;
  environment: KsefEnvironment | null;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [list, setList] = useState<CertificateView[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    (check: boolean) => {
      setChecking(check);
      setError(null);
      connector.certificates(check).then(
        (r) => {
          setList(r.certificates);
          setChecking(false);
        },
        (e: unknown) => {
          setError(errorText(e));
          setChecking(false);
        },
      );
    },
    [connector],
  );
  useEffect(() => load(false), [load]);
  if (!list || list.length === 0) return error ? <p class="error">{t('errorGeneric', error)}</p> : null;
  const date = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(lang === 'pl' ? 'pl-PL' : 'en-GB') : t('certUnknownDate');
  const alerting = list.filter((c) => c.alert);
  return (
    <section class="certificates" data-testid="popup-certificates" aria-labelledby="popup-cert-heading">
      <h2 id="popup-cert-heading">{t('certHeading')}</h2>
      <ul class="cert-list">
        {list.map((c) => (
          <li key={`${c.environment}:${c.serial}`} data-testid="cert-item" data-alert={c.alert ?? 'none'}>
            <strong>{c.name}</strong> <span class="muted">({c.serial})</span>
            <br />
            {c.alert ? (
              <span class={c.alert.startsWith('expires') ? 'warn' : 'error'}>
                {c.alert.startsWith('expires')
                  ? plural(i18n, 'certExpiresIn', Math.max(0, c.days ?? 0), [date(c.validTo)])
                  : t(`certState_${c.alert}`, date(c.validTo))}
              </span>
            ) : (
              <span>{t('certValidUntil', date(c.validTo))}</span>
            )}
            {c.usedByProvider && <span class="tag"> {t('certUsedByProviderTag')}</span>}
          </li>
        ))}
      </ul>
      <p>
        <button type="button" class="secondary" data-testid="cert-check" disabled={checking} onClick={() => load(true)}>
          {t('certCheckNow')}
        </button>
        {checking && <span role="status"> {t('certChecking')}</span>}
        {error && <span class="error"> {t('errorGeneric', error)}</span>}
      </p>
      {alerting.length > 0 && environment && (
        <GuideButton
          connector={connector}
          tour="renew-certificate"
          environment={environment}
          label={t('tourStartRenew')}
        />
      )}
    </section>
  );
}

/** For support staff: a diagnostic report the customer sends them (identifiers masked unless chosen), and the viewer. */
export function ReportExport({
  connector,
}: {
  connector: Pick<SupportConnector, 'report' | 'openViewer' | 'download'>;
}) {
  const { t } = useI18n();
  const [include, setInclude] = useState(false);
  const [state, setState] = useState<'idle' | 'building' | { saved: string } | { error: string }>('idle');
  return (
    <section class="support" data-testid="popup-support" aria-labelledby="popup-support-heading">
      <h2 id="popup-support-heading">{t('reportHeading')}</h2>
      <p class="muted">{t('reportIntro')}</p>
      <label class="check">
        <input
          type="checkbox"
          data-testid="report-include"
          checked={include}
          onChange={(e) => setInclude((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('reportInclude')}
      </label>
      {include && (
        <p class="alert" role="alert" data-testid="report-warning">
          {t('reportIncludeWarning')}
        </p>
      )}
      <p>
        <button
          type="button"
          class="primary"
          data-testid="report-export"
          disabled={state === 'building'}
          onClick={() => {
            setState('building');
            connector.report(include).then(
              ({ json, fileName }) => {
                connector.download(fileName, 'application/json', json);
                setState({ saved: fileName });
              },
              (e: unknown) =>
                setState({
                  error: (e as { code?: string }).code === 'report-too-large' ? t('reportTooLarge') : errorText(e),
                }),
            );
          }}
        >
          {t('reportExport')}
        </button>{' '}
        <button type="button" class="link" data-testid="report-viewer" onClick={() => connector.openViewer()}>
          {t('reportOpenViewer')}
        </button>
      </p>
      {state === 'building' && <p role="status">{t('reportBuilding')}</p>}
      {typeof state === 'object' && 'saved' in state && (
        <p role="status" data-testid="report-saved">
          {t('reportSaved', state.saved)}
        </p>
      )}
      {typeof state === 'object' && 'error' in state && <p class="error">{t('errorGeneric', state.error)}</p>}
    </section>
  );
}
