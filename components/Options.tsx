import type { InputHTMLAttributes } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatNip } from '@/lib/ksef/identifiers';
import { checkProviderUrl } from '@/lib/provider/origin';
import { isProviderErrorCode, PROVIDER_ERROR_TEXT } from '@/lib/provider/errors';
import { ProfileForm, type ProfileConnector } from './ProfileForm';
import { useI18n } from './i18n';

export interface OptionsConnector extends ProfileConnector {
  /** The provider's address, the linked account (whose it is) and the profile the link set. */
  load: () => Promise<{
    providerApiUrl: string | null;
    account?: { name: string } | null;
    profile: { name: string; nips: string[] } | null;
  }>;
  /**
   * Ask for the host permission (must run inside the click), then link the account with the key: null when the
   * user refused the permission; throws with the provider's error `code` when the key or address does not work.
   */
  saveProvider: (url: string, pattern: string, apiKey: string) => Promise<LinkedAccount | null>;
  clearProvider: () => Promise<void>;
  allowLoopbackHttp: boolean;
}

export interface LinkedAccount {
  name: string;
  providerName: string;
  providerNips: string[];
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'saved' }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

const MIN_KEY = 8;

/**
 * The options page: one provider section. Linked (address and key), it says whose account it is, and the audit's
 * profile comes from that account; unlinked, the link form, and below it a profile set by hand.
 */
export function Options({ connector }: { connector: OptionsConnector }) {
  const { t, lang } = useI18n();
  const [url, setUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [linked, setLinked] = useState<LinkedAccount | null>(null);
  const [editing, setEditing] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    connector.load().then(
      (s) => {
        setSaved(s.providerApiUrl);
        setUrl(s.providerApiUrl ?? '');
        // Settings kept before accounts were: linked all the same, the account's name comes with the next call.
        setLinked(
          s.providerApiUrl && s.profile
            ? {
                name: s.account?.name ?? t('optionsAccountUnknown'),
                providerName: s.profile.name,
                providerNips: s.profile.nips,
              }
            : null,
        );
        setLoaded(true);
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
    if (apiKey.trim().length < MIN_KEY) {
      setStatus({ kind: 'error', text: t('optionsApiKeyMissing') });
      return;
    }
    setStatus({ kind: 'busy' });
    // No await before this call: the permission prompt needs the user's click.
    connector.saveProvider(check.url, check.pattern, apiKey.trim()).then(
      (account) => {
        if (!account) {
          setStatus({ kind: 'error', text: t('optionsPermissionRefused') });
          return;
        }
        setSaved(check.url);
        setUrl(check.url);
        setApiKey('');
        setLinked(account);
        setEditing(false);
        setStatus({ kind: 'saved' });
      },
      (err: unknown) => {
        const code = String((err as { code?: unknown }).code ?? '');
        setStatus({
          kind: 'error',
          // On this page the key is typed right here: no pointing at "the settings".
          text:
            code === 'unauthorized'
              ? t('optionsKeyRefused')
              : isProviderErrorCode(code)
                ? PROVIDER_ERROR_TEXT[code][lang]
                : t('errorGeneric', err instanceof Error ? err.message : ''),
        });
      },
    );
  };

  const onClear = () => {
    setStatus({ kind: 'busy' });
    connector.clearProvider().then(
      () => {
        setSaved(null);
        setUrl('');
        setLinked(null);
        setStatus({ kind: 'done', text: t('optionsUnlinked') });
      },
      () => setStatus({ kind: 'error', text: t('optionsSaveFailed') }),
    );
  };

  const linkedText = (a: LinkedAccount) =>
    t('optionsLinked', [a.name, a.providerName, a.providerNips.map(formatNip).join(', ')]);
  return (
    <main class="options" data-testid="options">
      <h1>{t('optionsTitle')}</h1>
      <h2>{t('profileTitle')}</h2>
      {linked && (
        <section class="linked" data-testid="options-linked">
          <p class="success">{linkedText(linked)}</p>
          <p class="muted" data-testid="options-current">
            {t('optionsCurrent', saved ?? '')}
          </p>
          <p class="muted">{t('optionsProfileFromAccount', linked.providerName)}</p>
          <div class="actions">
            {!editing && (
              <button type="button" class="secondary" onClick={() => setEditing(true)} data-testid="options-edit">
                {t('optionsEdit')}
              </button>
            )}
            <button type="button" class="secondary" onClick={onClear} disabled={status.kind === 'busy'}>
              {t('optionsClear')}
            </button>
          </div>
        </section>
      )}
      {loaded && !linked && (
        <p class="muted" data-testid="options-current">
          {t('optionsNotLinked')}
        </p>
      )}
      {(!linked || editing) && (
        <form onSubmit={onSubmit} noValidate>
          <Field
            id="provider-url"
            label={t('optionsProviderUrl')}
            help={t('optionsProviderUrlHelp')}
            input={{ type: 'url', inputMode: 'url', autoComplete: 'url', 'aria-invalid': status.kind === 'error' }}
            value={url}
            onValue={setUrl}
          />
          <Field
            id="provider-key"
            label={t('optionsApiKey')}
            help={t('optionsApiKeyHelp')}
            input={{ type: 'password', autoComplete: 'off', spellcheck: false }}
            value={apiKey}
            onValue={setApiKey}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={status.kind === 'busy'} data-testid="options-save">
              {linked ? t('optionsSaveChanged') : t('optionsSave')}
            </button>
            {editing && (
              <button type="button" class="secondary" onClick={() => setEditing(false)}>
                {t('optionsCancelEdit')}
              </button>
            )}
          </div>
        </form>
      )}
      <p
        id="options-status"
        role="status"
        data-testid="options-status"
        class={status.kind === 'error' ? 'error' : status.kind === 'saved' || status.kind === 'done' ? 'success' : ''}
      >
        {status.kind === 'busy' && t('optionsSaving')}
        {status.kind === 'saved' && t('optionsLinkDone')}
        {(status.kind === 'error' || status.kind === 'done') && status.text}
      </p>
      {loaded && !linked && <ProfileForm connector={connector} />}
    </main>
  );
}

/** A labelled field with its help; the page's status line describes it too (where errors are said). */
function Field(props: {
  id: string;
  label: string;
  help: string;
  /** What sets the field apart: its type, how it is filled in. */
  input: InputHTMLAttributes<HTMLInputElement>;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <p id={`${props.id}-help`} class="muted">
        {props.help}
      </p>
      <input
        {...props.input}
        id={props.id}
        name={props.id}
        aria-describedby={`${props.id}-help options-status`}
        value={props.value}
        onInput={(e) => props.onValue((e.target as HTMLInputElement).value)}
      />
    </>
  );
}
