import type { JobView } from '@/lib/messaging/protocol';
import { formatNip } from '@/lib/ksef/identifiers';
import { useI18n } from './i18n';

/**
 * The question before a disconnect starts (or runs again): whom it disconnects, from which company's KSeF, and
 * what will happen; nothing starts until the user says yes.
 */
export function JobAsk(props: {
  again: boolean;
  provider: string | null;
  company: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class="ask" role="group" aria-labelledby="job-ask" data-testid="job-ask">
      <p id="job-ask">
        {t(props.again ? 'jobAskAgain' : 'jobAsk', [props.provider || t('jobAskProviderFallback'), props.company])}
      </p>
      <p>
        <button type="button" class="danger" data-testid="job-ask-yes" disabled={props.busy} onClick={props.onYes}>
          {t(props.again ? 'jobAskYesAgain' : 'jobAskYes')}
        </button>{' '}
        <button type="button" class="secondary" data-testid="job-ask-no" onClick={props.onNo}>
          {t('jobAskNo')}
        </button>
      </p>
    </div>
  );
}

/** "Fakturowo sp. z o.o. (NIP 776-281-16-92)", "PESEL 15062788702": who holds an item, as KSeF named them. */
export function holderText(
  h: NonNullable<JobView['leftovers'][number]['holder']>,
  t: (k: string, s?: string | string[]) => string,
) {
  const known = ['Nip', 'Pesel', 'Fingerprint'].includes(h.type);
  const id = t(known ? `identifier_${h.type}` : 'identifier_other', h.type === 'Nip' ? formatNip(h.value) : h.value);
  return h.name ? `${h.name} (${id})` : id;
}
