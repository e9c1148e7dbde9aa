import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApTabState, ProviderStatusView } from '@/lib/messaging/protocol';
import { DisconnectJobView, ReceiptList } from './DisconnectJob';
import { isProviderErrorCode, PROVIDER_ERROR_TEXT } from '@/lib/provider/errors';
import { apBaseUrl, ENVIRONMENTS } from '@/lib/ksef/environments';
import { claimsText, companyLine, companyOf } from '@/lib/audit/company';
import { useI18n } from './i18n';
import { CertificateWatch, GuideButton, ReportExport } from './Support';
import { CompanyConfirm, NipChooser, ProviderCompany } from './Company';
import type { PopupConnector } from '@/lib/pages/connectors';
import { formatNip } from '@/lib/ksef/identifiers';
import { Lead } from './Lead';

type ProviderLoad = Awaited<ReturnType<PopupConnector['providerStatus']>>;

/** Where the provider's word and KSeF's disagree, that is the headline. */
export function disagreement(
  status: ProviderStatusView | null,
  counts: ApTabState['counts'],
): { key: string; n: number } | null {
  if (!status || !counts) return null;
  const providerGrants = counts.integration + counts.leftover;
  if ((status.state === 'disconnected' || status.state === 'not-connected') && providerGrants > 0)
    return { key: 'popupDisagreeLeft', n: providerGrants };
  if (status.state === 'active' && counts.missing > 0) return { key: 'popupDisagreeMissing', n: counts.missing };
  return null;
}

/** How often the popup re-reads the state of the AP tab it reports on. */

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

export function Popup({ connector }: { connector: PopupConnector }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [info, setInfo] = useState<Load<{ version: string; providerConfigured: boolean }>>({ state: 'loading' });
  const [tab, setTab] = useState<Load<ApTabState | null>>({ state: 'loading' });
  const [provider, setProvider] = useState<Load<ProviderLoad> | null>(null);
  const { lang } = useI18n();
  const [providerRound, setProviderRound] = useState(0);
  const refreshProvider = useCallback(() => setProviderRound((n) => n + 1), []);
  const env = tab.state === 'ready' ? tab.value?.environment : undefined;
  // The AP tab's company, as its requests carry it; where they cannot be seen (the AP renders on its server),
  // the user names it.
  const [chosenNip, setChosenNip] = useState<string | null>(null);
  const claims = tab.state === 'ready' ? (tab.value?.companies ?? []) : [];
  const company = companyOf(claims);
  // Claims that disagree: no company, so nothing is offered for either.
  const conflict = company.conflict.length > 0;
  const nip = tab.state === 'ready' && !conflict ? (tab.value?.contextNip ?? chosenNip ?? undefined) : undefined;
  const companyText = nip ? companyLine(claims, nip, t) : '';

  // The provider's word for the company the AP tab shows (asked again when that changes).
  useEffect(() => {
    if (!env || !nip) return;
    let live = true;
    connector.providerStatus(env, nip).then(
      (value) => live && setProvider({ state: 'ready', value }),
      (e: unknown) => live && setProvider({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [connector, env, nip, providerRound]);

  useEffect(() => {
    connector.appInfo().then(
      (value) => setInfo({ state: 'ready', value }),
      (e: unknown) => setInfo({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [connector]);

  // The AP tab keeps reading KSeF while the popup is open: the background tells each change.
  useEffect(() => {
    let live = true;
    const stop = connector.follow({ tab: (value) => live && setTab({ state: 'ready', value }) });
    connector.activeTab().then(
      (value) => live && setTab((now) => (now.state === 'ready' && now.value ? now : { state: 'ready', value })),
      (e: unknown) => live && setTab({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
      stop();
    };
  }, [connector]);

  return (
    <main class="popup" data-testid="popup">
      <h1>{t('extName')}</h1>
      {tab.state === 'ready' && tab.value && nip && (
        <Lead
          counts={tab.value.counts}
          page={tab.value.page}
          provider={provider?.state === 'ready' ? provider.value : null}
          company={
            provider?.state === 'ready' && provider.value.company?.name
              ? t('leadCompanyNamed', [provider.value.company.name, formatNip(nip)])
              : t('leadCompanyNip', formatNip(nip))
          }
          i18n={i18n}
        />
      )}
      {/* The steps that fit the lead, right below it; connecting comes after fixing what is left. */}
      {tab.state === 'ready' && tab.value && !conflict && (tab.value.counts?.leftover ?? 0) > 0 && (
        <GuideButton
          connector={connector.support}
          tour="remove-leftovers"
          environment={tab.value.environment}
          label={t('tourStartLeftovers')}
        />
      )}
      {tab.state === 'ready' &&
        nip &&
        provider?.state === 'ready' &&
        (provider.value.status?.state === 'not-connected' || provider.value.status?.state === 'disconnected') && (
          <p>
            <button
              type="button"
              class={(tab.value?.counts?.leftover ?? 0) > 0 ? 'secondary' : 'primary'}
              data-testid="popup-authorize"
              onClick={() => connector.openAuthorize(tab.value!.environment, nip)}
            >
              {t('popupAuthorize')}
            </button>
          </p>
        )}
      <section aria-live="polite" data-testid="popup-tab">
        {tab.state === 'loading' && <p role="status">{t('loading')}</p>}
        {tab.state === 'error' && <p class="error">{t('errorGeneric', tab.message)}</p>}
        {tab.state === 'ready' && tab.value === null && (
          <>
            <p>{t('popupNoAp')}</p>
            <ul class="links">
              {ENVIRONMENTS.map((env) => (
                <li key={env}>
                  <a href={apBaseUrl(env)} target="_blank" rel="noreferrer">
                    {t(`env${env}`)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        {tab.state === 'ready' && tab.value !== null && (
          <dl class="facts">
            <dt>{t('popupEnvironment')}</dt>
            <dd data-testid="popup-env">{t(`env${tab.value.environment}`)}</dd>
            <dt>{t('popupPage')}</dt>
            <dd>{t(`page_${tab.value.page}`)}</dd>
            <dt>{t('popupResponses')}</dt>
            <dd data-testid="popup-responses">{tab.value.responses}</dd>
            {nip && (
              <>
                <dt>{t('popupCompany')}</dt>
                <dd data-testid="popup-company">{companyText}</dd>
                {provider?.state === 'ready' && <ProviderCompany said={provider.value} />}
              </>
            )}
          </dl>
        )}
        {conflict && (
          <p class="alert" role="alert" data-testid="popup-company-conflict">
            {t('popupCompanyConflict', claimsText(claims, t))}
          </p>
        )}
      </section>
      {tab.state === 'ready' && tab.value?.counts && (
        <StatusSides tab={tab.value} provider={nip ? provider : null} noCompany={!nip} lang={lang} />
      )}
      {nip && provider?.state === 'ready' && provider.value.error === 'company-not-confirmed' && (
        <CompanyConfirm
          account={provider.value.account ?? ''}
          company={companyText}
          onConfirm={() => connector.confirmCompany(nip).then(refreshProvider)}
        />
      )}
      {tab.state === 'ready' && tab.value && !tab.value.contextNip && !chosenNip && !conflict && (
        <NipChooser
          onChoose={(n) => {
            setChosenNip(n);
            // The AP tab judges its rows by the provider's word on this company from now on.
            connector.nameCompany(n).catch(() => undefined);
          }}
        />
      )}
      {tab.state === 'ready' &&
        tab.value &&
        nip &&
        provider?.state === 'ready' &&
        provider.value.linked &&
        // Not for a company the provider may not be called for (a job under way still shows while it is unreachable).
        provider.value.error !== 'company-not-confirmed' && (
          <DisconnectJobView
            environment={tab.value.environment}
            contextNip={nip}
            company={companyText}
            provider={provider.value.status?.providerName ?? null}
            jobs={connector.jobs}
            follow={connector.follow}
            download={connector.download}
            onFinished={refreshProvider}
          />
        )}
      <CertificateWatch
        connector={connector.support}
        environment={tab.state === 'ready' ? (tab.value?.environment ?? null) : null}
      />
      <ReceiptList jobs={connector.jobs} follow={connector.follow} download={connector.download} />
      <ReportExport connector={connector.support} />
      <footer>
        {info.state === 'ready' && (
          <p class="muted">
            {info.value.providerConfigured ? t('popupProviderSet') : t('popupProviderMissing')}{' '}
            <button type="button" class="link" onClick={() => connector.openOptions()}>
              {t('popupOpenOptions')}
            </button>
          </p>
        )}
        {info.state === 'ready' && <p class="muted">{t('popupVersion', info.value.version)}</p>}
        {info.state === 'error' && <p class="error">{t('errorGeneric', info.message)}</p>}
      </footer>
    </main>
  );
}

function StatusSides({
  tab,
  provider,
  noCompany,
  lang,
}: {
  tab: ApTabState;
  provider: Load<ProviderLoad> | null;
  /** The tab names no company (or two): the provider is not asked. */
  noCompany: boolean;
  lang: 'pl' | 'en';
}) {
  const { t } = useI18n();
  const counts = tab.counts!;
  const view = provider?.state === 'ready' ? provider.value : null;
  const headline = disagreement(view?.status ?? null, counts);
  return (
    <section class="sides" aria-live="polite" data-testid="popup-status">
      {headline && (
        <p class="alert" role="alert" data-testid="popup-headline">
          {t(headline.key, [view?.status?.providerName ?? '', String(headline.n)])}
        </p>
      )}
      <div class="side" data-testid="popup-provider">
        <h2>{t('popupProviderSide')}</h2>
        {noCompany ? (
          <p class="muted" data-testid="popup-provider-no-company">
            {t('popupProviderNoCompany')}
          </p>
        ) : provider === null || provider.state === 'loading' ? (
          <p role="status">{t('loading')}</p>
        ) : provider.state === 'error' ? (
          <p class="error">{t('errorGeneric', provider.message)}</p>
        ) : !provider.value.linked ? (
          <p class="muted">{t('popupProviderMissing')}</p>
        ) : provider.value.status ? (
          <>
            <p data-testid="popup-provider-state">
              {provider.value.status.providerName}:{' '}
              <strong>{t(`providerState_${provider.value.status.state.replace('-', '_')}`)}</strong>
            </p>
            <p class="muted">
              {provider.value.status.ksefView
                ? t('popupProviderView', [
                    String(provider.value.status.ksefView.grants),
                    new Date(provider.value.status.ksefView.readAt).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB'),
                  ])
                : t('popupProviderNoView')}
            </p>
          </>
        ) : (
          <p class="error" data-testid="popup-provider-error">
            {isProviderErrorCode(provider.value.error ?? '')
              ? PROVIDER_ERROR_TEXT[provider.value.error as keyof typeof PROVIDER_ERROR_TEXT][lang]
              : t('errorGeneric', provider.value.error ?? '')}
          </p>
        )}
      </div>
      <div class="side" data-testid="popup-audit">
        <h2>{t('popupAuditSide')}</h2>
        <p>
          {t('popupAuditCounts', [
            String(counts.integration),
            String(counts.leftover),
            String(counts.risk),
            String(counts.missing),
          ])}
        </p>
      </div>
    </section>
  );
}
