import { useState } from 'preact/hooks';
import { checkNip } from '@/lib/ksef/identifiers';
import type { PopupConnector } from '@/lib/pages/connectors';
import { useI18n } from './i18n';

type ProviderSaid = Awaited<ReturnType<PopupConnector['providerStatus']>>;

/** Whose company this is at the provider: the account's own list names it, or the user confirmed it. */
export function ProviderCompany({ said }: { said: ProviderSaid }) {
  const { t } = useI18n();
  if (!said.company) return null;
  return (
    <>
      <dt>{t('popupCompanyAtProvider')}</dt>
      <dd data-testid="popup-company-account">
        {said.company.how === 'account'
          ? t('popupCompanyListed', [said.company.name ?? '', said.account ?? ''])
          : t('popupCompanyConfirmed', said.account ?? '')}
      </dd>
    </>
  );
}

/**
 * The linked account does not name the AP tab's company. Nothing is asked of the provider for it, nor done for it,
 * until the user says, once, that this account serves it: a page can name any NIP, only the user can vouch for it.
 */
export function CompanyConfirm({
  account,
  company,
  onConfirm,
}: {
  account: string;
  /** The NIP and where the extension learned it. */
  company: string;
  onConfirm: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  return (
    <section class="confirm" data-testid="popup-company-confirm" aria-labelledby="popup-company-confirm-q">
      <p id="popup-company-confirm-q">{t('companyConfirmQuestion', [account, company])}</p>
      <p class="muted">{t('companyConfirmWhy')}</p>
      <button
        type="button"
        class="secondary"
        data-testid="popup-company-confirm-yes"
        disabled={state === 'busy'}
        onClick={() => {
          setState('busy');
          onConfirm().then(
            () => setState('idle'),
            () => setState('failed'),
          );
        }}
      >
        {t('companyConfirmYes')}
      </button>
      {state === 'failed' && (
        <p class="error" role="alert">
          {t('companyConfirmFailed')}
        </p>
      )}
    </section>
  );
}

/** Name the company when the AP tab's requests do not say which one it shows. */
export function NipChooser({ onChoose }: { onChoose: (nip: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  return (
    <form
      class="nip-chooser"
      data-testid="popup-nip"
      onSubmit={(e) => {
        e.preventDefault();
        const check = checkNip(text);
        setBad(!check.ok);
        if (check.ok) onChoose(check.value);
      }}
    >
      <label for="popup-nip-input">{t('popupNipLabel')}</label>
      <input
        id="popup-nip-input"
        inputMode="numeric"
        autoComplete="off"
        aria-invalid={bad}
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      {bad && <p class="error">{t('popupNipBad')}</p>}
      <button type="submit" class="secondary">
        {t('popupNipUse')}
      </button>
    </form>
  );
}
