import { useEffect, useState } from 'preact/hooks';
import { FINISHED, type ApTabState, type JobView } from '@/lib/messaging/protocol';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { formatNip } from '@/lib/ksef/identifiers';
import { isProviderErrorCode, PROVIDER_ERROR_TEXT } from '@/lib/provider/errors';
import { useI18n } from './i18n';
import { holderText, JobAsk } from './JobParts';
import { ReceiptView, saveReceipt } from './Receipt';
import type { PopupConnector } from '@/lib/pages/connectors';

/**
 * "Disconnect" in the popup: start it, follow it (every wait is shown), confirm removing what the provider
 * left, and read the receipt (JSON to keep, a printable page).
 */
export function DisconnectJobView(props: {
  environment: ApTabState['environment'];
  contextNip: string;
  /** The company as the popup names it: its NIP and where it was learned. */
  company: string;
  jobs: PopupConnector['jobs'];
  follow: PopupConnector['follow'];
  download: PopupConnector['download'];
  /** The linked provider's name, for the question before anything starts; null when not known. */
  provider?: string | null;
  /** A job has just finished: what the provider says may have changed. */
  onFinished?: () => void;
}) {
  const { t, lang } = useI18n();
  const { environment, contextNip, jobs, follow } = props;
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Disconnecting is deliberate: the button asks first, naming the provider, the company and what will happen.
  const [asking, setAsking] = useState(false);
  const finished = job !== null && FINISHED.includes(job.state);
  const { onFinished } = props;
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);

  useEffect(() => {
    let live = true;
    const ours = (j: JobView) => j.environment === environment && j.contextNip === contextNip;
    // The background tells every step of a job as it happens; the list gives where things stand now.
    const stop = follow({ job: (j) => live && ours(j) && setJob(j) });
    jobs.list().then(
      (all) => live && setJob((now) => now ?? all.find(ours) ?? null),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
      stop();
    };
  }, [jobs, follow, environment, contextNip]);

  const act = (fn: () => Promise<JobView>) => {
    setBusy(true);
    setError(null);
    fn().then(
      (j) => {
        setJob(j);
        setBusy(false);
      },
      (e: unknown) => {
        const code = String((e as { code?: unknown }).code ?? '');
        setError(isProviderErrorCode(code) ? PROVIDER_ERROR_TEXT[code][lang] : e instanceof Error ? e.message : '');
        setBusy(false);
      },
    );
  };
  const running = job && !FINISHED.includes(job.state);
  const errorText = (code: string | null) =>
    code && isProviderErrorCode(code)
      ? PROVIDER_ERROR_TEXT[code][lang]
      : t(`jobError_${(code ?? 'failed').replace(/-/g, '_')}`);

  return (
    <section class="job" data-testid="job" aria-live="polite">
      <h2>{t('jobTitle')}</h2>
      {!running && !asking && (
        <button type="button" class="secondary" data-testid="job-start" disabled={busy} onClick={() => setAsking(true)}>
          {t(job?.state === 'done' ? 'jobAgain' : 'jobStart')}
        </button>
      )}
      {!running && asking && (
        <JobAsk
          again={job?.state === 'done'}
          provider={props.provider ?? null}
          company={props.company}
          busy={busy}
          onYes={() => {
            setAsking(false);
            act(() => jobs.start(environment, contextNip));
          }}
          onNo={() => setAsking(false)}
        />
      )}
      {job && (
        <p data-testid="job-state" class={job.state === 'failed' ? 'error' : ''}>
          {t(`jobState_${job.state.replace(/-/g, '_')}`, [job.providerName, String(job.leftovers.length)])}
          {job.state === 'failed' && ` ${errorText(job.error)}`}
        </p>
      )}
      {running && job.state !== 'confirm' && job.state !== 'guide' && (
        <button
          type="button"
          class="secondary"
          data-testid="job-stop"
          disabled={busy}
          onClick={() => act(() => jobs.cancel(job.id))}
        >
          {t('jobStop')}
        </button>
      )}
      {job?.state === 'confirm' && (
        <>
          {/* Whose KSeF the removal runs in, and where the extension learned that company. */}
          <p data-testid="job-company">{t('jobCompany', props.company)}</p>
          <ul class="leftovers" data-testid="job-leftovers">
            {job.leftovers.map((l) => (
              <li key={`${l.kind}:${l.id}`} title={l.id}>
                {t(`jobKind_${l.kind}`)}: {l.scopes.map((x) => permissionLabel(x, lang)).join(', ')}
                {l.description && <> · „{l.description}”</>}
                {l.holder && (
                  <span class="holder">
                    {' · '}
                    {t(l.kind === 'token' ? 'jobTokenAuthor' : 'jobHolder', holderText(l.holder, t))}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <div class="actions">
            <button
              type="button"
              class="danger"
              data-testid="job-confirm"
              disabled={busy}
              onClick={() => act(() => jobs.confirm(job.id))}
            >
              {t('jobConfirm', String(job.leftovers.length))}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="job-cancel"
              disabled={busy}
              onClick={() => act(() => jobs.cancel(job.id))}
            >
              {t('jobCancel')}
            </button>
          </div>
        </>
      )}
      {job?.receipt && <ReceiptView job={job} download={props.download} />}
      {error && <p class="error">{error}</p>}
    </section>
  );
}

/** Every receipt kept (newest first), for any company and environment: date, company, outcome, JSON. */
export function ReceiptList(props: {
  jobs: PopupConnector['jobs'];
  follow: PopupConnector['follow'];
  download: PopupConnector['download'];
}) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState<JobView[]>([]);
  const { jobs, follow } = props;
  useEffect(() => {
    let live = true;
    // A receipt written while the popup is open joins the list.
    const stop = follow({ job: (j) => live && j.receipt && setAll((now) => [j, ...now.filter((k) => k.id !== j.id)]) });
    jobs.list().then(
      (list) => live && setAll((now) => [...now, ...list.filter((j) => j.receipt && !now.some((k) => k.id === j.id))]),
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [jobs, follow]);
  if (all.length === 0) return null;
  return (
    <details class="receipts" data-testid="receipts">
      <summary>{t('receiptsTitle', String(all.length))}</summary>
      <ul>
        {all.map((j) => (
          <li key={j.id}>
            {new Date(j.receipt!.finishedAt).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB')} ·{' '}
            {t(`env${j.environment}`)} · NIP {formatNip(j.contextNip)} · {t(`receiptOutcome_${j.receipt!.outcome}`)}{' '}
            <button type="button" class="link" onClick={() => saveReceipt(props.download, t, j.receipt!)}>
              JSON
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
