import { useEffect, useState } from 'preact/hooks';
import { checkProviderUrl } from '@/lib/provider/origin';
import { ProfileForm, type ProfileConnector } from './ProfileForm';
import { useI18n } from './i18n';

export interface OptionsConnector extends ProfileConnector {
  load: () => Promise<{ providerApiUrl: string | null }>;
  /** Ask for the host permission (must run inside the click) and save; false when the user refused. */
  saveProvider: (url: string, pattern: string) => Promise<boolean>;
  clearProvider: () => Promise<void>;
  allowLoopbackHttp: boolean;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved' } | { kind: 'error'; text: string };

export function Options({ connector }: { connector: OptionsConnector }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    connector.load().then(
      (s) => {
        setSaved(s.providerApiUrl);
        setUrl(s.providerApiUrl ?? '');
      },
      () => setStatus({ kind: 'error', text: t('optionsLoadFailed') }),
    );
  }, [connector, t]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const check = checkProviderUrl(url, { allowLoopbackHttp: connector.allowLoopbackHttp });
    if (!check.ok) {
      setStatus({ kind: 'error', text: t(`providerUrl_${check.reason}`) });
      return;
    }
    setStatus({ kind: 'busy' });
    // No await before this call: the permission prompt needs the user's click.
    connector.saveProvider(check.url, check.pattern).then(
      (granted) => {
        if (!granted) {
          setStatus({ kind: 'error', text: t('optionsPermissionRefused') });
          return;
        }
        setSaved(check.url);
        setUrl(check.url);
        setStatus({ kind: 'saved' });
      },
      (err: unknown) => setStatus({ kind: 'error', text: t('errorGeneric', err instanceof Error ? err.message : '') }),
    );
  };

  const onClear = () => {
    setStatus({ kind: 'busy' });
    connector.clearProvider().then(
      () => {
        setSaved(null);
        setUrl('');
        setStatus({ kind: 'idle' });
      },
      () => setStatus({ kind: 'error', text: t('optionsSaveFailed') }),
    );
  };

  return (
    <main class="options" data-testid="options">
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <label for="provider-url">{t('optionsProviderUrl')}</label>
        <p id="provider-url-help" class="muted">
          {t('optionsProviderUrlHelp')}
        </p>
        <input
          id="provider-url"
          name="provider-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          aria-describedby="provider-url-help options-status"
          aria-invalid={status.kind === 'error'}
          value={url}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={status.kind === 'busy'} data-testid="options-save">
            {t('optionsSave')}
          </button>
          {saved && (
            <button type="button" class="secondary" onClick={onClear} disabled={status.kind === 'busy'}>
              {t('optionsClear')}
            </button>
          )}
        </div>
        <p
          id="options-status"
          role="status"
          data-testid="options-status"
          class={status.kind === 'error' ? 'error' : ''}
        >
          {status.kind === 'busy' && t('optionsSaving')}
          {status.kind === 'saved' && t('optionsSaved')}
          {status.kind === 'error' && status.text}
        </p>
      </form>
      <p class="muted" data-testid="options-current">
        {saved ? t('optionsCurrent', saved) : t('popupProviderMissing')}
      </p>
      <ProfileForm connector={connector} />
    </main>
  );
}
