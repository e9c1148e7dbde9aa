import { useEffect, useState } from 'preact/hooks';
import type { ApTabState } from '@/lib/messaging/protocol';
import { apBaseUrl, ENVIRONMENTS } from '@/lib/ksef/environments';
import { useI18n } from './i18n';

/** What the popup needs from the extension; the entrypoint implements it, tests mock it (style habit 13). */
export interface PopupConnector {
  appInfo: () => Promise<{ version: string; providerConfigured: boolean }>;
  activeTab: () => Promise<ApTabState | null>;
  openOptions: () => void;
}

/** How often the popup re-reads the state of the AP tab it reports on. */
export const REFRESH_MS = 1000;

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

export function Popup({ connector }: { connector: PopupConnector }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<Load<{ version: string; providerConfigured: boolean }>>({ state: 'loading' });
  const [tab, setTab] = useState<Load<ApTabState | null>>({ state: 'loading' });

  useEffect(() => {
    connector.appInfo().then(
      (value) => setInfo({ state: 'ready', value }),
      (e: unknown) => setInfo({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [connector]);

  // The AP tab keeps reading KSeF while the popup is open: follow it.
  useEffect(() => {
    let live = true;
    const refresh = () =>
      connector.activeTab().then(
        (value) => live && setTab({ state: 'ready', value }),
        (e: unknown) => live && setTab({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connector]);

  return (
    <main class="popup" data-testid="popup">
      <h1>{t('extName')}</h1>
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
          </dl>
        )}
      </section>
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
