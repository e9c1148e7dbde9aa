import { useEffect, useRef, useState } from 'preact/hooks';
import { checkNip, IDENTIFIER_PROBLEM_TEXT } from '@/lib/ksef/identifiers';
import { PROVIDER_REGISTRY } from '@/lib/provider/registry';
import { useI18n } from './i18n';

/** The provider profile on the options page: a known provider, or a name and NIP typed in. */
export interface ProfileValue {
  name: string;
  nips: string[];
  state: 'active' | 'disconnected' | 'unknown';
}

export interface ProfileConnector {
  loadProfile: () => Promise<ProfileValue | null>;
  saveProfile: (p: ProfileValue | null) => Promise<void>;
}

type Msg = { kind: 'ok' | 'error'; text: string } | null;

export function ProfileForm({ connector }: { connector: ProfileConnector }) {
  const { t, lang } = useI18n();
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [nip, setNip] = useState('');
  const [state, setState] = useState<ProfileValue['state']>('active');
  const [msg, setMsg] = useState<Msg>(null);
  // What the user changed before the saved profile arrived wins over it.
  const touched = useRef(false);

  useEffect(() => {
    connector.loadProfile().then(
      (p) => {
        if (!p) return;
        const known = PROVIDER_REGISTRY.find((k) => k.name === p.name && k.nips.join() === p.nips.join());
        setChoice(known ? known.id : 'other');
        setName(p.name);
        setNip(p.nips.join(', '));
        setState(p.state);
      },
      () => undefined,
    );
  }, [connector]);

  const onChoice = (value: string) => {
    touched.current = true;
    setChoice(value);
    const known = PROVIDER_REGISTRY.find((k) => k.id === value);
    if (known) {
      setName(known.name);
      setNip(known.nips.join(', '));
    }
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (choice === '') {
      void connector.saveProfile(null).then(() => setMsg({ kind: 'ok', text: t('profileCleared') }));
      return;
    }
    if (name.trim().length < 2) return setMsg({ kind: 'error', text: t('profileBadName') });
    const nips: string[] = [];
    for (const part of nip
      .split(/[,;]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const c = checkNip(part);
      if (!c.ok)
        return setMsg({
          kind: 'error',
          text: t('profileBadNip', `${part} – ${IDENTIFIER_PROBLEM_TEXT[c.reason][lang]}`),
        });
      nips.push(c.value);
    }
    if (nips.length === 0) return setMsg({ kind: 'error', text: t('profileBadNip', '—') });
    connector.saveProfile({ name: name.trim(), nips, state }).then(
      () => setMsg({ kind: 'ok', text: t('profileSaved') }),
      () => setMsg({ kind: 'error', text: t('optionsSaveFailed') }),
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="profile-form">
      <h3>{t('profileManualTitle')}</h3>
      <p class="muted">{t('profileHelp')}</p>
      <label for="profile-known">{t('profileKnown')}</label>
      <select id="profile-known" value={choice} onChange={(e) => onChoice((e.target as HTMLSelectElement).value)}>
        <option value="">{t('profileNone')}</option>
        {PROVIDER_REGISTRY.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
          </option>
        ))}
        <option value="other">{t('profileOther')}</option>
      </select>
      {choice !== '' && (
        <>
          <label for="profile-name">{t('profileName')}</label>
          <input
            id="profile-name"
            value={name}
            onInput={(e) => ((touched.current = true), setName((e.target as HTMLInputElement).value))}
          />
          <label for="profile-nip">{t('profileNip')}</label>
          <input
            id="profile-nip"
            inputMode="numeric"
            value={nip}
            onInput={(e) => ((touched.current = true), setNip((e.target as HTMLInputElement).value))}
          />
          <label for="profile-state">{t('profileState')}</label>
          <select
            id="profile-state"
            value={state}
            onChange={(e) => (
              (touched.current = true),
              setState((e.target as HTMLSelectElement).value as ProfileValue['state'])
            )}
          >
            {(['active', 'disconnected', 'unknown'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`profileState_${s}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <div class="actions">
        <button type="submit" class="primary" data-testid="profile-save">
          {t('profileSave')}
        </button>
      </div>
      <p role="status" data-testid="profile-status" class={msg?.kind === 'error' ? 'error' : ''}>
        {msg?.text}
      </p>
    </form>
  );
}
