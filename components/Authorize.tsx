import { useEffect, useState } from 'preact/hooks';
import { formatNip } from '@/lib/ksef/identifiers';
import { readAuthTokenRequest, type AuthTokenRequestInfo } from '@/lib/ksef/auth-token-request';
import { apBaseUrl, type KsefEnvironment } from '@/lib/ksef/environments';
import type { AuthorizationView } from '@/lib/messaging/protocol';
import { checkSignedRequest, type SignedCheck } from '@/lib/provider/authorize';
import { isProviderErrorCode, PROVIDER_ERROR_TEXT } from '@/lib/provider/errors';
import { useI18n } from './i18n';

/** What the authorize page needs; the entrypoint implements it through the background. */
export interface AuthorizeConnector {
  start: () => Promise<AuthorizationView>;
  get: (id: string) => Promise<AuthorizationView>;
  upload: (id: string, xml: string) => Promise<AuthorizationView>;
  download: (name: string, type: string, text: string) => void;
}

export const AUTH_POLL_MS = 1000;
const DONE = new Set(['completed', 'failed', 'expired']);

/**
 * Authorize with verification: the provider prepares the AuthTokenRequest → the user sees in plain words what
 * they are about to sign → signs it with their own means → the extension checks the signed file is that very
 * request, well-formed, signed and small → it goes to the provider → the steps are followed to the end.
 */
export function Authorize(props: { environment: KsefEnvironment; contextNip: string; connector: AuthorizeConnector }) {
  const { t, lang } = useI18n();
  const { connector, environment, contextNip } = props;
  const [auth, setAuth] = useState<AuthorizationView | null>(null);
  const [expected, setExpected] = useState<AuthTokenRequestInfo | null>(null);
  const [unsigned, setUnsigned] = useState('');
  const [signed, setSigned] = useState<{ xml: string; check: SignedCheck } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    const code = String((e as { code?: unknown }).code ?? '');
    setError(isProviderErrorCode(code) ? PROVIDER_ERROR_TEXT[code][lang] : e instanceof Error ? e.message : String(e));
    setBusy(false);
  };
  const start = () => {
    setBusy(true);
    setError(null);
    connector.start().then((a) => {
      setAuth(a);
      setBusy(false);
      const read = a.authTokenRequest ? readAuthTokenRequest(a.authTokenRequest) : null;
      if (read?.ok) {
        setExpected(read.request);
        setUnsigned(a.authTokenRequest!);
      } else setError(t('authBadRequest'));
    }, fail);
  };
  const onFile = (file: File | undefined) => {
    if (!file || !expected) return;
    setSigned(null);
    if (file.size > 256 * 1024) {
      setSigned({ xml: '', check: checkSignedRequest(expected, 'x'.repeat(256 * 1024 + 1)) });
      return;
    }
    void file.text().then((xml) => setSigned({ xml, check: checkSignedRequest(expected, xml) }));
  };
  const upload = () => {
    if (!auth || !signed?.check.ok) return;
    setBusy(true);
    connector.upload(auth.id, signed.xml).then((a) => {
      setAuth(a);
      setBusy(false);
    }, fail);
  };

  // Follow the provider's steps once the signed request is with it.
  const following = !!auth && auth.state !== 'awaiting-signature' && !DONE.has(auth.state);
  useEffect(() => {
    if (!following || !auth) return;
    const timer = setInterval(() => connector.get(auth.id).then(setAuth, fail), AUTH_POLL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [following, auth?.id, connector]);

  return (
    <main class="options authorize" data-testid="authorize">
      <h1>{t('authTitle')}</h1>
      <p class="muted">{t('authIntro', formatNip(contextNip))}</p>
      {!auth && (
        <button type="button" class="primary" data-testid="auth-start" disabled={busy} onClick={start}>
          {t('authStart')}
        </button>
      )}
      {auth && expected && auth.state === 'awaiting-signature' && (
        <section data-testid="auth-summary">
          <h2>{t('authWhatTitle')}</h2>
          <ul>
            <li>{t('authWhatCompany', formatNip(expected.contextIdentifier.value))}</li>
            <li>{t(`authWhatSubject_${expected.subjectIdentifierType}`)}</li>
            <li>
              {t('authWhatChallenge', [
                expected.challengeDate,
                auth.expiresAt ? new Date(auth.expiresAt).toLocaleTimeString(lang === 'pl' ? 'pl-PL' : 'en-GB') : '—',
              ])}
            </li>
            <li>
              {expected.ipPolicy
                ? t(
                    'authWhatIp',
                    [
                      ...expected.ipPolicy.ip4Addresses,
                      ...expected.ipPolicy.ip4Ranges,
                      ...expected.ipPolicy.ip4Masks,
                    ].join(', '),
                  )
                : t('authWhatNoIp')}
            </li>
            <li>{t('authWhatGrants')}</li>
          </ul>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-testid="auth-download"
              onClick={() =>
                connector.download(`AuthTokenRequest-${expected.challenge}.xml`, 'application/xml', unsigned)
              }
            >
              {t('authDownload')}
            </button>
          </div>
          <details>
            <summary>{t('authShowXml')}</summary>
            <pre data-testid="auth-xml">{unsigned}</pre>
          </details>
          <label for="auth-file">{t('authChooseSigned')}</label>
          <input
            id="auth-file"
            type="file"
            accept=".xml,application/xml,text/xml"
            data-testid="auth-file"
            onChange={(e) => onFile((e.target as HTMLInputElement).files?.[0])}
          />
          {signed && (
            <p role="status" data-testid="auth-check" class={signed.check.ok ? '' : 'error'}>
              {signed.check.ok ? t('authSignedOk') : signed.check.text[lang]}
            </p>
          )}
          {signed?.check.ok && (
            <button type="button" class="primary" data-testid="auth-upload" disabled={busy} onClick={upload}>
              {t('authUpload')}
            </button>
          )}
        </section>
      )}
      {auth && auth.state !== 'awaiting-signature' && (
        <section aria-live="polite" data-testid="auth-progress">
          <h2>{t(`authState_${auth.state.replace(/-/g, '_')}`)}</h2>
          <ol>
            {auth.steps.map((s) => (
              <li key={s.step} data-state={s.state}>
                {t(`authStep_${s.step}`)}: {t(`authStepState_${s.state.replace(/-/g, '_')}`)}
              </li>
            ))}
          </ol>
          {auth.state === 'completed' && (
            <p data-testid="auth-done">
              {t('authDone')}{' '}
              <a href={`${apBaseUrl(environment)}permissions`} target="_blank" rel="noreferrer">
                {t('authOpenAp')}
              </a>
            </p>
          )}
          {auth.error && (
            <p class="error">{isProviderErrorCode(auth.error) ? PROVIDER_ERROR_TEXT[auth.error][lang] : auth.error}</p>
          )}
        </section>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
